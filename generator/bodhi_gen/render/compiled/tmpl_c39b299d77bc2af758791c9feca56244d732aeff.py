from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'dockerfiles/Dockerfile.j2'

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
    pass
    yield str(environment.getattr((undefined(name='ctx') if l_0_ctx is missing else l_0_ctx), 'header'))
    yield '\n#\n# BodhiApp image, variant '
    yield str(t_2(environment.getattr((undefined(name='ctx') if l_0_ctx is missing else l_0_ctx), 'variant')))
    yield '. Build from the root of the BodhiApp repository with the\n# build arguments of `bodhi-gen matrix` (BUILD_VARIANT names the mode: '
    yield str(t_2(environment.getattr((undefined(name='ctx') if l_0_ctx is missing else l_0_ctx), 'mode_names')))
    yield ') and\n# APP_BINARY_IMAGE, the image of dockerfiles/binary.Dockerfile for the same mode and platform:\n# this file compiles nothing, it copies /app/bodhi from there.\n# Stages: app-binary -> runtime, with defaults.yaml written in its own small stage.\n# Every other image is a build argument whose default is the real one; APP_BINARY_IMAGE has no\n# usable default, so a build without it fails at once.\nARG APP_BINARY_IMAGE\n'
    if environment.getattr((undefined(name='ctx') if l_0_ctx is missing else l_0_ctx), 'download'):
        pass
        yield 'ARG RUST_IMAGE='
        yield str(t_1(environment.getattr((undefined(name='ctx') if l_0_ctx is missing else l_0_ctx), 'rust_image')))
        yield '\n'
    yield 'ARG NODE_IMAGE='
    yield str(t_1(environment.getattr((undefined(name='ctx') if l_0_ctx is missing else l_0_ctx), 'node_image')))
    yield '\nARG BASE_IMAGE='
    yield str(t_1(environment.getattr((undefined(name='ctx') if l_0_ctx is missing else l_0_ctx), 'base_image')))
    yield '\n'
    if environment.getattr((undefined(name='ctx') if l_0_ctx is missing else l_0_ctx), 'cpu_base_image'):
        pass
        yield '# the cpu llama-server ('
        yield str(t_2(environment.getattr((undefined(name='ctx') if l_0_ctx is missing else l_0_ctx), 'variant')))
        yield ' also runs on the CPU), from the cpu base: not every GPU base has one\nARG CPU_BASE_IMAGE='
        yield str(t_1(environment.getattr((undefined(name='ctx') if l_0_ctx is missing else l_0_ctx), 'cpu_base_image')))
        yield '\n'
    if environment.getattr((undefined(name='ctx') if l_0_ctx is missing else l_0_ctx), 'download'):
        pass
        yield 'ARG DOWNLOAD_BASE_IMAGE='
        yield str(t_1(environment.getattr(environment.getattr((undefined(name='ctx') if l_0_ctx is missing else l_0_ctx), 'download'), 'runtime_image')))
        yield '\n# prebuilt: llama-server comes with BASE_IMAGE; download: from the releases of '
        yield str(t_2(environment.getattr(environment.getattr((undefined(name='ctx') if l_0_ctx is missing else l_0_ctx), 'download'), 'repository')))
        yield '\n# (for platforms without a base image). The token is a BuildKit secret, id '
        yield str(environment.getattr(environment.getattr((undefined(name='ctx') if l_0_ctx is missing else l_0_ctx), 'download'), 'secret_id'))
        yield '.\nARG LLAMA_SOURCE=prebuilt\n'
    yield '\n# 1. app-binary: the bodhi binary of this mode and platform, built once for every variant\n# (a digest or a local tag, chosen per build).\nFROM ${APP_BINARY_IMAGE} AS app-binary\n'
    if environment.getattr((undefined(name='ctx') if l_0_ctx is missing else l_0_ctx), 'cpu_base_image'):
        pass
        yield '\nFROM ${CPU_BASE_IMAGE} AS cpu-base\n'
    yield '\n# defaults.yaml, read by bodhi from its own folder (environment variables override every key),\n# and the /data folders. Plain files, so built on the build platform.\nFROM --platform=$BUILDPLATFORM ${NODE_IMAGE} AS defaults\nARG TARGETARCH\n'
    for l_1_declaration in environment.getattr((undefined(name='ctx') if l_0_ctx is missing else l_0_ctx), 'defaults_args'):
        _loop_vars = {}
        pass
        yield 'ARG '
        yield str(l_1_declaration)
        yield '\n'
    l_1_declaration = missing
    yield 'RUN set -eu; \\\n'
    for l_1_line in environment.getattr((undefined(name='ctx') if l_0_ctx is missing else l_0_ctx), 'triple_script'):
        _loop_vars = {}
        pass
        yield '    '
        yield str(l_1_line)
        yield ' \\\n'
    l_1_line = missing
    yield '    for value in '
    yield str(environment.getattr((undefined(name='ctx') if l_0_ctx is missing else l_0_ctx), 'defaults_values'))
    yield '; do \\\n        case "${value}" in *\\"* | *\\\\*) echo "build arguments written to defaults.yaml must not contain quotes or backslashes" >&2; exit 1 ;; esac; \\\n    done; \\\n    mkdir -p /out/app /out/data/bodhi_home /out/data/hf_home; \\\n    { \\\n'
    for l_1_line in environment.getattr((undefined(name='ctx') if l_0_ctx is missing else l_0_ctx), 'defaults_lines'):
        _loop_vars = {}
        pass
        yield '        '
        yield str(l_1_line)
        yield '; \\\n'
    l_1_line = missing
    yield '    } >/out/app/defaults.yaml\n'
    if environment.getattr((undefined(name='ctx') if l_0_ctx is missing else l_0_ctx), 'download'):
        pass
        template = environment.get_template('dockerfiles/download.j2', 'dockerfiles/Dockerfile.j2')
        gen = template.root_render_func(template.new_context(context.get_all(), True, {}))
        try:
            for event in gen:
                yield event
        finally: gen.close()
    yield '\n# 2. runtime\n'
    if environment.getattr((undefined(name='ctx') if l_0_ctx is missing else l_0_ctx), 'download'):
        pass
        yield 'FROM ${BASE_IMAGE} AS runtime-prebuilt\n'
        if environment.getattr((undefined(name='ctx') if l_0_ctx is missing else l_0_ctx), 'cpu_base_image'):
            pass
            yield 'COPY --from=cpu-base /app/bin/ /app/bin/\n'
        yield "\n# Without a base image: a plain Debian runtime with the downloaded llama-server builds.\nFROM ${DOWNLOAD_BASE_IMAGE} AS runtime-download\n# Debian's point releases replace package versions and drop the old ones from the mirror, so pinned\n# versions would soon stop installing (DL3008).\n# hadolint ignore=DL3008\nRUN apt-get update \\\n    && apt-get install -y --no-install-recommends "
        yield str(environment.getattr(environment.getattr((undefined(name='ctx') if l_0_ctx is missing else l_0_ctx), 'download'), 'packages'))
        yield ' \\\n    && rm -rf /var/lib/apt/lists/* \\\n    && useradd --system --user-group --home-dir /app --shell /usr/sbin/nologin llama \\\n    && install -d -o llama -g llama /app\nCOPY --from=llama-download --chown=llama:llama /out/bin/ /app/bin/\n\n# LLAMA_SOURCE names one of the two stages above, not a registry image (DL3006).\n# hadolint ignore=DL3006\nFROM runtime-${LLAMA_SOURCE} AS runtime\n'
    else:
        pass
        yield 'FROM ${BASE_IMAGE} AS runtime\n'
        if environment.getattr((undefined(name='ctx') if l_0_ctx is missing else l_0_ctx), 'cpu_base_image'):
            pass
            yield 'COPY --from=cpu-base /app/bin/ /app/bin/\n'
    yield 'ARG BUILD_VARIANT='
    yield str(t_1(environment.getattr((undefined(name='ctx') if l_0_ctx is missing else l_0_ctx), 'default_mode')))
    yield '\nARG BODHI_VERSION='
    yield str(environment.getattr(environment.getattr((undefined(name='ctx') if l_0_ctx is missing else l_0_ctx), 'arg_defaults'), 'BODHI_VERSION'))
    yield '\nARG BODHI_COMMIT_SHA='
    yield str(environment.getattr(environment.getattr((undefined(name='ctx') if l_0_ctx is missing else l_0_ctx), 'arg_defaults'), 'BODHI_COMMIT_SHA'))
    yield '\nARG BODHI_BUILD_CREATED='
    yield str(environment.getattr(environment.getattr((undefined(name='ctx') if l_0_ctx is missing else l_0_ctx), 'arg_defaults'), 'BODHI_BUILD_CREATED'))
    yield '\nCOPY --from=app-binary --chown=llama:llama /app/bodhi /app/bodhi\nCOPY --from=defaults --chown=llama:llama /out/app/defaults.yaml /app/defaults.yaml\nCOPY --from=defaults --chown=llama:llama /out/data/ /data/\nENV RUST_LOG=info\n'
    for l_1_line in environment.getattr((undefined(name='ctx') if l_0_ctx is missing else l_0_ctx), 'env'):
        _loop_vars = {}
        pass
        yield 'ENV '
        yield str(l_1_line)
        yield '\n'
    l_1_line = missing
    yield '# The llama.cpp base images create `llama` as a system user and choose its uid themselves, so the\n# name is the only reference that is right for every base image (DL3066).\n# hadolint ignore=DL3066\nUSER llama\nWORKDIR /app\nEXPOSE '
    yield str(environment.getattr((undefined(name='ctx') if l_0_ctx is missing else l_0_ctx), 'port'))
    yield '\nHEALTHCHECK --interval=30s --timeout=10s --start-period=60s --start-interval=2s --retries=3 \\\n    CMD ["curl", "--fail", "--silent", "--show-error", "--output", "/dev/null", "http://127.0.0.1:'
    yield str(environment.getattr((undefined(name='ctx') if l_0_ctx is missing else l_0_ctx), 'port'))
    yield '/ping"]\n# org.opencontainers.image.created is the commit time (BODHI_BUILD_CREATED), not the build time; the\n# plan also passes it as SOURCE_DATE_EPOCH, which BuildKit uses to date the image config and history.\nLABEL \\\n'
    l_1_loop = missing
    for l_1_label, l_1_loop in LoopContext(environment.getattr((undefined(name='ctx') if l_0_ctx is missing else l_0_ctx), 'labels'), undefined):
        _loop_vars = {}
        pass
        yield '    '
        yield str(l_1_label)
        yield str((' \\' if (not environment.getattr(l_1_loop, 'last')) else cond_expr_undefined("the inline if-expression on line 110 in 'dockerfiles/Dockerfile.j2' evaluated to false and no else section was defined.")))
        yield '\n'
    l_1_loop = l_1_label = missing
    yield 'ENTRYPOINT ["/app/bodhi", "serve"]\n'

blocks = {}
debug_info = '1=24&3=26&4=28&11=30&12=33&14=36&15=38&16=40&17=43&18=45&20=47&21=50&22=52&23=54&30=57&39=61&40=65&43=69&44=73&46=77&51=79&52=83&55=87&56=89&60=96&62=99&72=103&83=108&87=112&88=114&89=116&90=118&95=120&96=124&103=128&105=130&109=133&110=137'