from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'workflows/bodhi-release.yml.j2'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_header = resolve('header')
    l_0_plan = resolve('plan')
    l_0_gh = resolve('gh')
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
    yield str(t_3(t_1(context.eval_ctx, context.call(environment.getattr(environment.getattr(environment.getattr((undefined(name='plan') if l_0_plan is missing else l_0_plan), 'release'), 'tag_patterns'), 'values')), ', ')))
    yield ') or a manual dispatch\n# builds, smoke-tests and publishes '
    yield str(t_3(environment.getattr((undefined(name='plan') if l_0_plan is missing else l_0_plan), 'image')))
    yield ' through bodhi-images.yml.\n# `bodhi-gen release` dispatches this workflow and follows the run.\nname: bodhi release\n# `bodhi-gen release` finds its run by this title when the API does not return the run id\nrun-name: bodhi release '
    yield str(context.call((undefined(name='gh') if l_0_gh is missing else l_0_gh), 'inputs.version || github.ref_name'))
    yield '\n\non:\n  push:\n    tags:\n'
    for (l_1_mode, l_1_pattern) in context.call(environment.getattr(environment.getattr(environment.getattr((undefined(name='plan') if l_0_plan is missing else l_0_plan), 'release'), 'tag_patterns'), 'items')):
        _loop_vars = {}
        pass
        yield '      - '
        yield str(t_5(l_1_pattern))
        yield ' # '
        yield str(t_3(l_1_mode))
        yield '\n'
    l_1_mode = l_1_pattern = missing
    yield '  workflow_dispatch:\n    inputs:\n      version:\n        description: "Version to release (bare X.Y.Z)"\n        type: string\n        required: true\n      variants:\n        description: "Comma-separated variants (empty: all of '
    yield str(t_6(t_1(context.eval_ctx, t_2(context, environment.getattr((undefined(name='plan') if l_0_plan is missing else l_0_plan), 'variants'), attribute='name'), ', ')))
    yield ')"\n        type: string\n        required: false\n        default: ""\n      mode:\n        description: "Build mode"\n        type: choice\n        required: true\n        default: '
    yield str(t_4(environment.getattr(environment.getitem(environment.getattr((undefined(name='plan') if l_0_plan is missing else l_0_plan), 'modes'), 0), 'name')))
    yield '\n        options:\n'
    for l_1_mode in environment.getattr((undefined(name='plan') if l_0_plan is missing else l_0_plan), 'modes'):
        _loop_vars = {}
        pass
        yield '          - '
        yield str(t_4(environment.getattr(l_1_mode, 'name')))
        yield '\n'
    l_1_mode = missing
    yield '\npermissions: {}\n\nconcurrency:\n  group: bodhi-release-'
    yield str(context.call((undefined(name='gh') if l_0_gh is missing else l_0_gh), 'github.ref'))
    yield '-'
    yield str(context.call((undefined(name='gh') if l_0_gh is missing else l_0_gh), 'inputs.version'))
    yield '\n  cancel-in-progress: false\n\njobs:\n  images:\n    name: images\n    uses: ./.github/workflows/bodhi-images.yml\n    permissions:\n      contents: read # check out the sources and the config\n      packages: write # push images, tags and the registry build cache\n'
    if environment.getattr(environment.getattr((undefined(name='plan') if l_0_plan is missing else l_0_plan), 'generator'), 'attest'):
        pass
        yield '      id-token: write # sign the provenance attestation\n      attestations: write # store the provenance attestation\n'
    yield '    with:\n      version: '
    yield str(context.call((undefined(name='gh') if l_0_gh is missing else l_0_gh), 'inputs.version || github.ref_name'))
    yield '\n      variants: '
    yield str(context.call((undefined(name='gh') if l_0_gh is missing else l_0_gh), "inputs.variants || ''"))
    yield '\n      modes: '
    yield str(context.call((undefined(name='gh') if l_0_gh is missing else l_0_gh), "inputs.mode || ''"))
    yield '\n      push: true\n    secrets:\n'
    if environment.getattr(environment.getattr((undefined(name='plan') if l_0_plan is missing else l_0_plan), 'registry_auth'), 'login'):
        pass
        yield '      registry-password: '
        yield str(context.call((undefined(name='gh') if l_0_gh is missing else l_0_gh), str_join(('secrets.', environment.getattr(environment.getattr((undefined(name='plan') if l_0_plan is missing else l_0_plan), 'registry_auth'), 'password_secret'), ))))
        yield '\n'
    yield '      download-token: '
    yield str(context.call((undefined(name='gh') if l_0_gh is missing else l_0_gh), str_join(('secrets.', environment.getattr(environment.getattr((undefined(name='plan') if l_0_plan is missing else l_0_plan), 'generator'), 'download_secret'), ))))
    yield '\n'
    for (l_1_n, l_1_mirror) in environment.getattr((undefined(name='plan') if l_0_plan is missing else l_0_plan), 'mirror_logins'):
        _loop_vars = {}
        pass
        yield '      mirror-'
        yield str(l_1_n)
        yield '-password: '
        yield str(context.call((undefined(name='gh') if l_0_gh is missing else l_0_gh), str_join(('secrets.', environment.getattr(l_1_mirror, 'password_secret'), )), _loop_vars=_loop_vars))
        yield '\n'
    l_1_n = l_1_mirror = missing

blocks = {}
debug_info = '1=50&3=52&4=54&8=56&13=58&14=62&23=68&31=70&33=72&34=76&40=80&50=84&55=88&56=90&57=92&60=94&61=97&63=100&64=102&65=106'