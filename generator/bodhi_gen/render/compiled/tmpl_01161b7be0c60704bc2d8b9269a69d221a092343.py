from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'workflows/bodhi-release.yml.j2'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_header = resolve('header')
    l_0_release_lines = resolve('release_lines')
    l_0_config = resolve('config')
    l_0_gh = resolve('gh')
    l_0_download_secret = resolve('download_secret')
    l_0_mirror_logins = resolve('mirror_logins')
    try:
        t_1 = environment.filters['join']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'join' found.")
    try:
        t_2 = environment.filters['map']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'map' found.")
    try:
        t_3 = environment.filters['one_line']
    except KeyError:
        @internalcode
        def t_3(*unused):
            raise TemplateRuntimeError("No filter named 'one_line' found.")
    try:
        t_4 = environment.filters['yaml']
    except KeyError:
        @internalcode
        def t_4(*unused):
            raise TemplateRuntimeError("No filter named 'yaml' found.")
    try:
        t_5 = environment.filters['yaml_str']
    except KeyError:
        @internalcode
        def t_5(*unused):
            raise TemplateRuntimeError("No filter named 'yaml_str' found.")
    try:
        t_6 = environment.filters['yaml_text']
    except KeyError:
        @internalcode
        def t_6(*unused):
            raise TemplateRuntimeError("No filter named 'yaml_text' found.")
    pass
    yield str((undefined(name='header') if l_0_header is missing else l_0_header))
    yield '\n#\n# Release caller: a tag push ('
    yield str(t_3(t_1(context.eval_ctx, t_2(context, (undefined(name='release_lines') if l_0_release_lines is missing else l_0_release_lines), attribute='pattern'), ', ')))
    yield ') or a manual\n# dispatch builds, smoke-tests and publishes '
    yield str(t_3(environment.getattr((undefined(name='config') if l_0_config is missing else l_0_config), 'image')))
    yield ' through bodhi-images.yml.\n# `bodhi-gen release` dispatches this workflow and follows the run.\nname: bodhi release\n# `bodhi-gen release` finds its run by this title when the API does not return the run id\nrun-name: bodhi release '
    yield str(context.call((undefined(name='gh') if l_0_gh is missing else l_0_gh), 'inputs.tag || inputs.version || github.ref_name'))
    yield '\n\non:\n  push:\n    tags:\n'
    for l_1_line in (undefined(name='release_lines') if l_0_release_lines is missing else l_0_release_lines):
        _loop_vars = {}
        pass
        yield '      - '
        yield str(t_5(environment.getattr(l_1_line, 'pattern')))
        yield ' # '
        yield str(t_3(environment.getattr(l_1_line, 'label')))
        yield '\n'
    l_1_line = missing
    yield '  workflow_dispatch:\n    inputs:\n      tag:\n        description: "Release tag to build, e.g. '
    yield str(t_6(context.call(environment.getattr(environment.getitem((undefined(name='release_lines') if l_0_release_lines is missing else l_0_release_lines), -1), 'tag'), '1.2.3')))
    yield ': its mode and variants (then version and mode are not used)"\n        type: string\n        required: false\n        default: ""\n      version:\n        description: "Version to release (bare X.Y.Z), when no tag is given"\n        type: string\n        required: false\n        default: ""\n      variants:\n        description: "Comma-separated variants (empty: all of '
    yield str(t_6(t_1(context.eval_ctx, t_2(context, environment.getattr((undefined(name='config') if l_0_config is missing else l_0_config), 'variants'), attribute='name'), ', ')))
    yield ')"\n        type: string\n        required: false\n        default: ""\n      mode:\n        description: "Build mode, when no tag is given"\n        type: choice\n        required: true\n        default: '
    yield str(t_4(environment.getattr(environment.getitem(environment.getattr((undefined(name='config') if l_0_config is missing else l_0_config), 'modes'), 0), 'name')))
    yield '\n        options:\n'
    for l_1_mode in environment.getattr((undefined(name='config') if l_0_config is missing else l_0_config), 'modes'):
        _loop_vars = {}
        pass
        yield '          - '
        yield str(t_4(environment.getattr(l_1_mode, 'name')))
        yield '\n'
    l_1_mode = missing
    yield '\npermissions: {}\n\nconcurrency:\n  group: bodhi-release-'
    yield str(context.call((undefined(name='gh') if l_0_gh is missing else l_0_gh), 'github.ref'))
    yield '-'
    yield str(context.call((undefined(name='gh') if l_0_gh is missing else l_0_gh), 'inputs.tag || inputs.version'))
    yield '\n  cancel-in-progress: false\n\njobs:\n  images:\n    name: images\n    uses: ./.github/workflows/bodhi-images.yml\n    permissions:\n'
    if environment.getattr(environment.getattr((undefined(name='config') if l_0_config is missing else l_0_config), 'release'), 'github_release'):
        pass
        yield "      contents: write # its release page job writes the tag's GitHub Release (every other job reads)\n"
    else:
        pass
        yield '      contents: read # check out the sources and the config\n'
    yield '      packages: write # push images, tags and the registry build cache\n'
    if environment.getattr(environment.getattr((undefined(name='config') if l_0_config is missing else l_0_config), 'generator'), 'attest'):
        pass
        yield '      id-token: write # sign the provenance attestation\n      attestations: write # store the provenance attestation\n'
    yield '    with:\n      # a release tag (pushed or given) names its mode and variants itself\n      version: '
    yield str(context.call((undefined(name='gh') if l_0_gh is missing else l_0_gh), 'inputs.tag || inputs.version || github.ref_name'))
    yield '\n      variants: '
    yield str(context.call((undefined(name='gh') if l_0_gh is missing else l_0_gh), "inputs.variants || ''"))
    yield '\n      modes: '
    yield str(context.call((undefined(name='gh') if l_0_gh is missing else l_0_gh), "!inputs.tag && inputs.mode || ''"))
    yield '\n      push: true\n'
    if environment.getattr(environment.getattr((undefined(name='config') if l_0_config is missing else l_0_config), 'release'), 'github_release'):
        pass
        yield '      release-page: true\n'
    yield '    secrets:\n'
    if environment.getattr(environment.getattr((undefined(name='config') if l_0_config is missing else l_0_config), 'registry_auth'), 'login'):
        pass
        yield '      registry-password: '
        yield str(context.call((undefined(name='gh') if l_0_gh is missing else l_0_gh), str_join(('secrets.', environment.getattr(environment.getattr((undefined(name='config') if l_0_config is missing else l_0_config), 'registry_auth'), 'password_secret'), ))))
        yield '\n'
    yield '      download-token: '
    yield str(context.call((undefined(name='gh') if l_0_gh is missing else l_0_gh), str_join(('secrets.', (undefined(name='download_secret') if l_0_download_secret is missing else l_0_download_secret), ))))
    yield '\n'
    for (l_1_n, l_1_mirror) in (undefined(name='mirror_logins') if l_0_mirror_logins is missing else l_0_mirror_logins):
        _loop_vars = {}
        pass
        yield '      mirror-'
        yield str(l_1_n)
        yield '-password: '
        yield str(context.call((undefined(name='gh') if l_0_gh is missing else l_0_gh), str_join(('secrets.', environment.getattr(l_1_mirror, 'password_secret'), )), _loop_vars=_loop_vars))
        yield '\n'
    l_1_n = l_1_mirror = missing

blocks = {}
debug_info = '1=53&3=55&4=57&8=59&13=61&14=65&19=71&29=73&37=75&39=77&40=81&46=85&54=89&60=96&66=100&67=102&68=104&70=106&74=110&75=113&77=116&78=118&79=122'