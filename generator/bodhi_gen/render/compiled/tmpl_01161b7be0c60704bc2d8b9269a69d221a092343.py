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
    l_0_images_secrets = missing
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
        t_4 = environment.filters['trim']
    except KeyError:
        @internalcode
        def t_4(*unused):
            raise TemplateRuntimeError("No filter named 'trim' found.")
    try:
        t_5 = environment.filters['yaml']
    except KeyError:
        @internalcode
        def t_5(*unused):
            raise TemplateRuntimeError("No filter named 'yaml' found.")
    try:
        t_6 = environment.filters['yaml_str']
    except KeyError:
        @internalcode
        def t_6(*unused):
            raise TemplateRuntimeError("No filter named 'yaml_str' found.")
    try:
        t_7 = environment.filters['yaml_text']
    except KeyError:
        @internalcode
        def t_7(*unused):
            raise TemplateRuntimeError("No filter named 'yaml_text' found.")
    pass
    yield str((undefined(name='header') if l_0_header is missing else l_0_header))
    yield '\n#\n# Release caller: a tag push ('
    yield str(t_3(t_1(context.eval_ctx, t_2(context, environment.getattr((undefined(name='plan') if l_0_plan is missing else l_0_plan), 'release_lines'), attribute='pattern'), ', ')))
    yield ') or a manual\n# dispatch builds, smoke-tests and publishes '
    yield str(t_3(environment.getattr((undefined(name='plan') if l_0_plan is missing else l_0_plan), 'image')))
    yield ' through bodhi-images.yml.\n# `bodhi-gen release` dispatches this workflow and follows the run.\n'
    included_template = environment.get_template('workflows/steps.j2', 'workflows/bodhi-release.yml.j2').make_module(context.get_all(), True, {'images_secrets': l_0_images_secrets})
    l_0_images_secrets = getattr(included_template, 'images_secrets', missing)
    if l_0_images_secrets is missing:
        l_0_images_secrets = undefined(f"the template {included_template.__name__!r} (imported on line 6 in 'workflows/bodhi-release.yml.j2') does not export the requested name 'images_secrets'", name='images_secrets')
    context.vars['images_secrets'] = l_0_images_secrets
    context.exported_vars.discard('images_secrets')
    yield 'name: bodhi release\n# `bodhi-gen release` finds its run by this title when the API does not return the run id\nrun-name: bodhi release '
    yield str(context.call((undefined(name='gh') if l_0_gh is missing else l_0_gh), 'inputs.tag || inputs.version || github.ref_name'))
    yield '\n\non:\n  push:\n    tags:\n'
    for l_1_line in environment.getattr((undefined(name='plan') if l_0_plan is missing else l_0_plan), 'release_lines'):
        _loop_vars = {}
        pass
        yield '      - '
        yield str(t_6(environment.getattr(l_1_line, 'pattern')))
        yield ' # '
        yield str(t_3(environment.getattr(l_1_line, 'label')))
        yield '\n'
    l_1_line = missing
    yield '  workflow_dispatch:\n    inputs:\n      tag:\n        description: "Release tag to build, e.g. '
    yield str(t_7(context.call(environment.getattr(environment.getitem(environment.getattr((undefined(name='plan') if l_0_plan is missing else l_0_plan), 'release_lines'), -1), 'tag'), '1.2.3')))
    yield ': its mode and variants (then version and mode are not used)"\n        type: string\n        required: false\n        default: ""\n      version:\n        description: "Version to release (bare X.Y.Z), when no tag is given"\n        type: string\n        required: false\n        default: ""\n      variants:\n        description: "Comma-separated variants (empty: all of '
    yield str(t_7(t_1(context.eval_ctx, t_2(context, environment.getattr((undefined(name='plan') if l_0_plan is missing else l_0_plan), 'variants'), attribute='name'), ', ')))
    yield ')"\n        type: string\n        required: false\n        default: ""\n      mode:\n        description: "Build mode, when no tag is given"\n        type: choice\n        required: true\n        default: '
    yield str(t_5(environment.getattr(environment.getitem(environment.getattr((undefined(name='plan') if l_0_plan is missing else l_0_plan), 'modes'), 0), 'name')))
    yield '\n        options:\n'
    for l_1_mode in environment.getattr((undefined(name='plan') if l_0_plan is missing else l_0_plan), 'modes'):
        _loop_vars = {}
        pass
        yield '          - '
        yield str(t_5(environment.getattr(l_1_mode, 'name')))
        yield '\n'
    l_1_mode = missing
    yield '\npermissions: {}\n\nconcurrency:\n  group: bodhi-release-'
    yield str(context.call((undefined(name='gh') if l_0_gh is missing else l_0_gh), 'github.ref'))
    yield '-'
    yield str(context.call((undefined(name='gh') if l_0_gh is missing else l_0_gh), 'inputs.tag || inputs.version'))
    yield '\n  cancel-in-progress: false\n\njobs:\n  images:\n    name: images\n    uses: ./.github/workflows/bodhi-images.yml\n    permissions:\n'
    if environment.getattr(environment.getattr((undefined(name='plan') if l_0_plan is missing else l_0_plan), 'release'), 'github_release'):
        pass
        yield "      contents: write # its release page job writes the tag's GitHub Release (every other job reads)\n"
    else:
        pass
        yield '      contents: read # check out the sources and the config\n'
    yield '      packages: write # push images, tags and the registry build cache\n'
    if environment.getattr(environment.getattr((undefined(name='plan') if l_0_plan is missing else l_0_plan), 'generator'), 'attest'):
        pass
        yield '      id-token: write # sign the provenance attestation\n      attestations: write # store the provenance attestation\n'
    yield '    with:\n      # a release tag (pushed or given) names its mode and variants itself\n      version: '
    yield str(context.call((undefined(name='gh') if l_0_gh is missing else l_0_gh), 'inputs.tag || inputs.version || github.ref_name'))
    yield '\n      variants: '
    yield str(context.call((undefined(name='gh') if l_0_gh is missing else l_0_gh), "inputs.variants || ''"))
    yield '\n      modes: '
    yield str(context.call((undefined(name='gh') if l_0_gh is missing else l_0_gh), "!inputs.tag && inputs.mode || ''"))
    yield '\n      push: true\n'
    if environment.getattr(environment.getattr((undefined(name='plan') if l_0_plan is missing else l_0_plan), 'release'), 'github_release'):
        pass
        yield '      release-page: true\n'
    yield str(t_4(context.call((undefined(name='images_secrets') if l_0_images_secrets is missing else l_0_images_secrets)), '\n'))
    yield '\n'

blocks = {}
debug_info = '1=57&3=59&4=61&6=63&9=70&14=72&15=76&20=82&30=84&38=86&40=88&41=92&47=96&55=100&61=107&67=111&68=113&69=115&71=117&74=120'