from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'dockerfiles/binary.Dockerfile.j2'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_ctx = resolve('ctx')
    try:
        t_1 = environment.filters['dockerfile']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'dockerfile' found.")
    try:
        t_2 = environment.filters['one_line']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'one_line' found.")
    try:
        t_3 = environment.filters['sh']
    except KeyError:
        @internalcode
        def t_3(*unused):
            raise TemplateRuntimeError("No filter named 'sh' found.")
    try:
        t_4 = environment.filters['sh_dq']
    except KeyError:
        @internalcode
        def t_4(*unused):
            raise TemplateRuntimeError("No filter named 'sh_dq' found.")
    pass
    yield str(environment.getattr((undefined(name='ctx') if l_0_ctx is missing else l_0_ctx), 'header'))
    yield "\n#\n# The BodhiApp binary, built once per (mode, platform) and copied by every variant's image (their\n# APP_BINARY_IMAGE). Build from the root of the BodhiApp repository, submodules checked out, with\n# the build arguments of `bodhi-gen matrix` (BUILD_VARIANT picks the mode: "
    yield str(t_2(environment.getattr((undefined(name='ctx') if l_0_ctx is missing else l_0_ctx), 'mode_names')))
    yield ").\n# Stages: deps -> ui (ts-client, then the UI) -> app -> a minimal image holding /app/bodhi.\n# Every image is a build argument whose default is the real one; RUST_IMAGE follows the app's\n# rust-toolchain.toml in the plan's build arguments.\nARG RUST_IMAGE="
    yield str(t_1(environment.getattr((undefined(name='ctx') if l_0_ctx is missing else l_0_ctx), 'rust_image')))
    yield '\nARG NODE_IMAGE='
    yield str(t_1(environment.getattr((undefined(name='ctx') if l_0_ctx is missing else l_0_ctx), 'node_image')))
    yield "\n\n# 1. deps: the workspace's heavy dependencies, compiled through crates/"
    yield str(t_2(environment.getattr((undefined(name='ctx') if l_0_ctx is missing else l_0_ctx), 'deps_crate')))
    yield ' alone, so this\n# layer stays cached while only application code changes.\nFROM ${RUST_IMAGE} AS deps\nARG BUILD_VARIANT='
    yield str(t_1(environment.getattr((undefined(name='ctx') if l_0_ctx is missing else l_0_ctx), 'default_mode')))
    yield '\nWORKDIR /build\nCOPY Cargo.toml Cargo.lock ./\nCOPY '
    yield str(t_1(str_join(('crates/', environment.getattr((undefined(name='ctx') if l_0_ctx is missing else l_0_ctx), 'deps_crate'), '/', ))))
    yield ' '
    yield str(t_1(str_join(('crates/', environment.getattr((undefined(name='ctx') if l_0_ctx is missing else l_0_ctx), 'deps_crate'), '/', ))))
    yield '\n'
    for l_1_path in environment.getattr((undefined(name='ctx') if l_0_ctx is missing else l_0_ctx), 'deps_paths'):
        _loop_vars = {}
        pass
        yield 'COPY '
        yield str(t_1(str_join((l_1_path, '/', ))))
        yield ' '
        yield str(t_1(str_join((l_1_path, '/', ))))
        yield '\n'
    l_1_path = missing
    yield '# The other members are not here yet: reduce the workspace to '
    yield str(t_2(environment.getattr((undefined(name='ctx') if l_0_ctx is missing else l_0_ctx), 'deps_crate')))
    yield '. The committed Cargo.lock\n# stays (no generate-lockfile, no update): cargo only drops the entries of the absent members and\n# builds every dependency at its locked version.\nRUN awk '
    yield str(t_3(environment.getattr((undefined(name='ctx') if l_0_ctx is missing else l_0_ctx), 'reduce_workspace')))
    yield ' \\\n        Cargo.toml >Cargo.deps.toml \\\n    && mv Cargo.deps.toml Cargo.toml \\\n    && case "${BUILD_VARIANT}" in \\\n'
    for l_1_build in environment.getattr((undefined(name='ctx') if l_0_ctx is missing else l_0_ctx), 'cargo'):
        _loop_vars = {}
        pass
        yield '        '
        yield str(t_2(environment.getattr(l_1_build, 'mode')))
        yield ') '
        yield str(t_2(environment.getattr(l_1_build, 'deps')))
        yield ' ;; \\\n'
    l_1_build = missing
    yield '        *) echo "unknown BUILD_VARIANT \'${BUILD_VARIANT}\' (expected: '
    yield str(t_4(environment.getattr((undefined(name='ctx') if l_0_ctx is missing else l_0_ctx), 'mode_names')))
    yield ')" >&2; exit 1 ;; \\\n    esac\n\n# 2. ui: the TypeScript client generated from the OpenAPI documents, then the web UI that the\n# binary embeds. Plain files, so built on the build platform.\nFROM --platform=$BUILDPLATFORM ${NODE_IMAGE} AS ui\nWORKDIR '
    yield str(t_1(str_join(('/build/', environment.getattr(environment.getattr((undefined(name='ctx') if l_0_ctx is missing else l_0_ctx), 'ts_client'), 'dir'), ))))
    yield '\nCOPY '
    yield str(t_2(environment.getattr((undefined(name='ctx') if l_0_ctx is missing else l_0_ctx), 'ts_inputs')))
    yield ' '
    yield str(t_1(str_join(('/build/', environment.getattr((undefined(name='ctx') if l_0_ctx is missing else l_0_ctx), 'ts_parent'), ))))
    yield '\nCOPY '
    yield str(t_1(str_join((environment.getattr(environment.getattr((undefined(name='ctx') if l_0_ctx is missing else l_0_ctx), 'ts_client'), 'dir'), '/', ))))
    yield ' ./\nRUN npm ci && npm run '
    yield str(t_3(environment.getattr(environment.getattr((undefined(name='ctx') if l_0_ctx is missing else l_0_ctx), 'ts_client'), 'script')))
    yield '\nWORKDIR '
    yield str(t_1(str_join(('/build/', environment.getattr(environment.getattr((undefined(name='ctx') if l_0_ctx is missing else l_0_ctx), 'ui'), 'dir'), ))))
    yield '\nCOPY '
    yield str(t_1(str_join((environment.getattr(environment.getattr((undefined(name='ctx') if l_0_ctx is missing else l_0_ctx), 'ui'), 'dir'), '/', ))))
    yield ' ./\nRUN npm ci && npm run '
    yield str(t_3(environment.getattr(environment.getattr((undefined(name='ctx') if l_0_ctx is missing else l_0_ctx), 'ui'), 'script')))
    yield ' && rm -rf node_modules\n\n# 3. app: the binary on top of the cached dependencies, with the committed Cargo.lock enforced. The\n# UI and the client are already built, so the build script finds them and runs no npm (it would\n# with CI=true, so CI is unset).\nFROM deps AS app\nARG BUILD_VARIANT='
    yield str(t_1(environment.getattr((undefined(name='ctx') if l_0_ctx is missing else l_0_ctx), 'default_mode')))
    yield '\nARG TARGETARCH\nARG CI_BUILD_TARGET\nCOPY . .\nCOPY --from=ui '
    yield str(t_1(str_join(('/build/', environment.getattr(environment.getattr((undefined(name='ctx') if l_0_ctx is missing else l_0_ctx), 'ui'), 'dir'), '/', environment.getattr(environment.getattr((undefined(name='ctx') if l_0_ctx is missing else l_0_ctx), 'ui'), 'output'), '/', ))))
    yield ' '
    yield str(t_1(str_join((environment.getattr(environment.getattr((undefined(name='ctx') if l_0_ctx is missing else l_0_ctx), 'ui'), 'dir'), '/', environment.getattr(environment.getattr((undefined(name='ctx') if l_0_ctx is missing else l_0_ctx), 'ui'), 'output'), '/', ))))
    yield '\nCOPY --from=ui '
    yield str(t_1(str_join(('/build/', environment.getattr(environment.getattr((undefined(name='ctx') if l_0_ctx is missing else l_0_ctx), 'ts_client'), 'dir'), '/dist/', ))))
    yield ' '
    yield str(t_1(str_join((environment.getattr(environment.getattr((undefined(name='ctx') if l_0_ctx is missing else l_0_ctx), 'ts_client'), 'dir'), '/dist/', ))))
    yield '\nRUN set -eu; \\\n    unset CI; \\\n'
    for l_1_line in environment.getattr((undefined(name='ctx') if l_0_ctx is missing else l_0_ctx), 'triple_script'):
        _loop_vars = {}
        pass
        yield '    '
        yield str(l_1_line)
        yield ' \\\n'
    l_1_line = missing
    yield '    case "${BUILD_VARIANT}" in \\\n'
    for l_1_build in environment.getattr((undefined(name='ctx') if l_0_ctx is missing else l_0_ctx), 'cargo'):
        _loop_vars = {}
        pass
        yield '        '
        yield str(t_2(environment.getattr(l_1_build, 'mode')))
        yield ') '
        yield str(t_2(environment.getattr(l_1_build, 'app')))
        yield ' && install -D -m 0755 '
        yield str(t_2(environment.getattr(l_1_build, 'binary')))
        yield ' /out/bodhi ;; \\\n'
    l_1_build = missing
    yield '        *) echo "unknown BUILD_VARIANT \'${BUILD_VARIANT}\' (expected: '
    yield str(t_4(environment.getattr((undefined(name='ctx') if l_0_ctx is missing else l_0_ctx), 'mode_names')))
    yield ')" >&2; exit 1 ;; \\\n    esac\n\n# 4. the binary alone: the variants copy /app/bodhi from it\nFROM scratch AS binary\nARG BUILD_VARIANT='
    yield str(t_1(environment.getattr((undefined(name='ctx') if l_0_ctx is missing else l_0_ctx), 'default_mode')))
    yield '\nARG BODHI_VERSION='
    yield str(environment.getattr(environment.getattr((undefined(name='ctx') if l_0_ctx is missing else l_0_ctx), 'arg_defaults'), 'BODHI_VERSION'))
    yield '\nARG BODHI_COMMIT_SHA='
    yield str(environment.getattr(environment.getattr((undefined(name='ctx') if l_0_ctx is missing else l_0_ctx), 'arg_defaults'), 'BODHI_COMMIT_SHA'))
    yield '\nARG BODHI_BUILD_CREATED='
    yield str(environment.getattr(environment.getattr((undefined(name='ctx') if l_0_ctx is missing else l_0_ctx), 'arg_defaults'), 'BODHI_BUILD_CREATED'))
    yield '\nCOPY --from=app /out/bodhi /app/bodhi\nLABEL \\\n'
    l_1_loop = missing
    for l_1_label, l_1_loop in LoopContext(environment.getattr((undefined(name='ctx') if l_0_ctx is missing else l_0_ctx), 'labels'), undefined):
        _loop_vars = {}
        pass
        yield '    '
        yield str(l_1_label)
        yield str((' \\' if (not environment.getattr(l_1_loop, 'last')) else cond_expr_undefined("the inline if-expression on line 77 in 'dockerfiles/binary.Dockerfile.j2' evaluated to false and no else section was defined.")))
        yield '\n'
    l_1_loop = l_1_label = missing

blocks = {}
debug_info = '1=36&5=38&9=40&10=42&12=44&15=46&18=48&19=52&20=56&22=62&25=64&29=66&30=70&32=76&38=78&39=80&40=84&41=86&42=88&43=90&44=92&50=94&54=96&55=100&58=104&59=108&62=112&63=116&65=124&70=126&71=128&72=130&73=132&76=135&77=139'