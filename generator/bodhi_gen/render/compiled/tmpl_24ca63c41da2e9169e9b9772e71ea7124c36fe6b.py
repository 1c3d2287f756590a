from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'dockerfiles/download.j2'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_ctx = resolve('ctx')
    l_0_sh = resolve('sh')
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
    yield '\n# llama-server from the releases of '
    yield str(t_2(environment.getattr(environment.getattr((undefined(name='ctx') if l_0_ctx is missing else l_0_ctx), 'download'), 'repository')))
    yield ' (newest release tagged '
    yield str(t_2(environment.getattr(environment.getattr((undefined(name='ctx') if l_0_ctx is missing else l_0_ctx), 'download'), 'release_prefix')))
    yield '*, asset\n# llama-server--<triple>--<variant>, zip or raw). The token is read only from the BuildKit secret\n# '
    yield str(environment.getattr(environment.getattr((undefined(name='ctx') if l_0_ctx is missing else l_0_ctx), 'download'), 'secret_id'))
    yield ', never from an ARG or ENV, and reaches curl on its standard input: it is in no\n# command line, file, layer, log or cache entry. Plain files, so fetched on the build platform.\nFROM --platform=$BUILDPLATFORM ${RUST_IMAGE} AS llama-download\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nARG TARGETARCH\nARG CI_BUILD_TARGET\nARG CI_BUILD_VARIANTS='
    yield str(t_1(environment.getattr(environment.getattr((undefined(name='ctx') if l_0_ctx is missing else l_0_ctx), 'arg_defaults'), 'CI_BUILD_VARIANTS')))
    yield '\nARG CI_EXEC_NAME='
    yield str(environment.getattr(environment.getattr((undefined(name='ctx') if l_0_ctx is missing else l_0_ctx), 'arg_defaults'), 'CI_EXEC_NAME'))
    yield '\nARG GITHUB_API_URL='
    yield str(environment.getattr((undefined(name='ctx') if l_0_ctx is missing else l_0_ctx), 'github_api_url'))
    yield '\nWORKDIR /download\nRUN --mount=type=secret,id='
    yield str(environment.getattr(environment.getattr((undefined(name='ctx') if l_0_ctx is missing else l_0_ctx), 'download'), 'secret_id'))
    yield ',required=true \\\n    set -eu; \\\n'
    for l_1_line in environment.getattr((undefined(name='ctx') if l_0_ctx is missing else l_0_ctx), 'triple_script'):
        _loop_vars = {}
        pass
        yield '    '
        yield str(l_1_line)
        yield ' \\\n'
    l_1_line = missing
    yield '    github() { \\\n        printf \'header = "Authorization: Bearer %s"\\n\' "$(cat /run/secrets/'
    yield str(environment.getattr(environment.getattr((undefined(name='ctx') if l_0_ctx is missing else l_0_ctx), 'download'), 'secret_id'))
    yield ')" \\\n            | curl --fail --silent --show-error --location --retry 3 --config - \\\n                --header \'X-GitHub-Api-Version: 2022-11-28\' "$@"; \\\n    }; \\\n    github --header \'Accept: application/vnd.github+json\' --output releases.json \\\n        "${GITHUB_API_URL}/repos/'
    yield str(t_4(environment.getattr(environment.getattr((undefined(name='ctx') if l_0_ctx is missing else l_0_ctx), 'download'), 'repository')))
    yield '/releases?per_page=100"; \\\n    grep -oE \''
    yield str(environment.getattr((undefined(name='sh') if l_0_sh is missing else l_0_sh), 'release_fields_grep'))
    yield "' releases.json \\\n        | sed -E '"
    yield str(environment.getattr((undefined(name='sh') if l_0_sh is missing else l_0_sh), 'release_fields_sed'))
    yield '\' >fields.txt || true; \\\n    rest="${CI_BUILD_VARIANTS},"; \\\n    while [ -n "${rest}" ]; do \\\n        variant="${rest%%,*}"; \\\n        rest="${rest#*,}"; \\\n        want="llama-server--${CI_BUILD_TARGET}--${variant}"; \\\n        found=$(awk -v prefix='
    yield str(t_3(environment.getattr(environment.getattr((undefined(name='ctx') if l_0_ctx is missing else l_0_ctx), 'download'), 'release_prefix')))
    yield ' -v want="${want}" \''
    yield str(environment.getattr((undefined(name='sh') if l_0_sh is missing else l_0_sh), 'pick_asset'))
    yield '\' fields.txt); \\\n        [ -n "${found}" ] || { echo "no release tagged '
    yield str(t_4(environment.getattr(environment.getattr((undefined(name='ctx') if l_0_ctx is missing else l_0_ctx), 'download'), 'release_prefix')))
    yield '* of '
    yield str(t_4(environment.getattr(environment.getattr((undefined(name='ctx') if l_0_ctx is missing else l_0_ctx), 'download'), 'repository')))
    yield ' has an asset ${want}[.zip]" >&2; exit 1; }; \\\n        url="${found%% *}"; \\\n        name="${found#* }"; \\\n        tag="${name#* }"; \\\n        name="${name%% *}"; \\\n        echo "llama-server ${variant}: ${name} from release ${tag}"; \\\n        dest="/out/bin/${CI_BUILD_TARGET}/${variant}"; \\\n        mkdir -p "${dest}"; \\\n        github --header \'Accept: application/octet-stream\' --output asset "${url}"; \\\n        case "${name}" in \\\n            *.zip) unzip -q -o -j asset -d "${dest}" ;; \\\n            *) mv asset "${dest}/${CI_EXEC_NAME}" ;; \\\n        esac; \\\n        rm -f asset; \\\n        [ -f "${dest}/${CI_EXEC_NAME}" ] || { echo "${name} holds no ${CI_EXEC_NAME}" >&2; exit 1; }; \\\n        chmod 0755 "${dest}/${CI_EXEC_NAME}"; \\\n    done; \\\n    rm -f releases.json fields.txt\n'

blocks = {}
debug_info = '2=38&4=42&10=44&11=46&12=48&14=50&16=52&17=56&20=60&25=62&26=64&27=66&33=68&34=72'