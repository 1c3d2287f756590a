from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'workflows/bodhi-bases.yml.j2'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_header = resolve('header')
    l_0_config = resolve('config')
    l_0_plan_runner = resolve('plan_runner')
    l_0_gh = resolve('gh')
    l_0_pin = resolve('pin')
    l_0_action = resolve('action')
    l_0_action_ref = resolve('action_ref')
    l_0_auth = resolve('auth')
    l_0_download_secret = resolve('download_secret')
    try:
        t_1 = environment.filters['one_line']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'one_line' found.")
    try:
        t_2 = environment.filters['yaml']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'yaml' found.")
    pass
    yield str((undefined(name='header') if l_0_header is missing else l_0_header))
    yield '\n#\n# Base watch: on a schedule or a manual dispatch, `bodhi-gen bases` finds the published images of\n# '
    yield str(t_1(environment.getattr((undefined(name='config') if l_0_config is missing else l_0_config), 'image')))
    yield " whose base image has moved since they were built (each image records its\n# base's digest), and bodhi-images.yml rebuilds exactly those (variant, mode)s at the version and commit\n# they publish now, republishing their version tags and latest-*.\nname: bodhi bases\n\non:\n  schedule:\n    - cron: "
    yield str(t_2(environment.getattr(environment.getattr((undefined(name='config') if l_0_config is missing else l_0_config), 'bases'), 'schedule')))
    yield ' # UTC\n  workflow_dispatch:\n\npermissions: {}\n\nconcurrency:\n  group: bodhi-bases\n  cancel-in-progress: false\n\njobs:\n  watch:\n    name: watch\n    runs-on: '
    yield str(t_2((undefined(name='plan_runner') if l_0_plan_runner is missing else l_0_plan_runner)))
    yield "\n    timeout-minutes: 15\n    permissions:\n      contents: read # read the repository's .github/bodhi-gen.yaml\n      packages: read # read the published images and their labels\n    outputs:\n      moved: "
    yield str(context.call((undefined(name='gh') if l_0_gh is missing else l_0_gh), 'steps.bases.outputs.moved'))
    yield '\n      rebuild: '
    yield str(context.call((undefined(name='gh') if l_0_gh is missing else l_0_gh), 'steps.bases.outputs.rebuild'))
    yield '\n    steps:\n      - name: Check out the repository\n        uses: '
    yield str(environment.getattr(context.call((undefined(name='pin') if l_0_pin is missing else l_0_pin), 'actions/checkout'), 'uses'))
    yield '\n        with:\n          persist-credentials: false\n      - name: Install bodhi-gen\n        uses: '
    yield str(t_2(str_join(((undefined(name='action') if l_0_action is missing else l_0_action), '/setup@', (undefined(name='action_ref') if l_0_action_ref is missing else l_0_action_ref), ))))
    yield '\n'
    if environment.getattr((undefined(name='auth') if l_0_auth is missing else l_0_auth), 'login'):
        pass
        yield '      - name: Log in to '
        yield str(t_2(environment.getattr((undefined(name='config') if l_0_config is missing else l_0_config), 'registry')))
        yield '\n        uses: '
        yield str(environment.getattr(context.call((undefined(name='pin') if l_0_pin is missing else l_0_pin), 'docker/login-action'), 'uses'))
        yield '\n        with:\n          registry: '
        yield str(t_2(environment.getattr((undefined(name='config') if l_0_config is missing else l_0_config), 'registry')))
        yield '\n          username: '
        yield str((t_2(environment.getattr((undefined(name='auth') if l_0_auth is missing else l_0_auth), 'username')) if environment.getattr((undefined(name='auth') if l_0_auth is missing else l_0_auth), 'username') else context.call((undefined(name='gh') if l_0_gh is missing else l_0_gh), 'github.actor')))
        yield '\n          password: '
        yield str(context.call((undefined(name='gh') if l_0_gh is missing else l_0_gh), str_join(('secrets.', environment.getattr((undefined(name='auth') if l_0_auth is missing else l_0_auth), 'password_secret'), ))))
        yield '\n'
    yield '      - name: Compare each image\'s base with what the base\'s tag names now\n        id: bases\n        run: bodhi-gen bases --format github --summary-file "$GITHUB_STEP_SUMMARY" >> "$GITHUB_OUTPUT"\n\n  rebuild:\n    name: rebuild\n    needs: watch\n    if: needs.watch.outputs.moved == \'true\'\n    strategy:\n      fail-fast: false\n      matrix:\n        # one entry per (mode, version, commit): the variants whose base moved\n        include: '
    yield str(context.call((undefined(name='gh') if l_0_gh is missing else l_0_gh), 'fromJSON(needs.watch.outputs.rebuild)'))
    yield '\n    uses: ./.github/workflows/bodhi-images.yml\n    permissions:\n'
    if environment.getattr(environment.getattr((undefined(name='config') if l_0_config is missing else l_0_config), 'release'), 'github_release'):
        pass
        yield "      # a ceiling: only bodhi-images.yml's release page job asks for write, and it does not run here\n      contents: write # every job that runs reads only; a caller must grant what any of its jobs may ask for\n"
    else:
        pass
        yield '      contents: read # check out the sources and the config\n'
    yield '      packages: write # push images, tags and the registry build cache\n'
    if environment.getattr(environment.getattr((undefined(name='config') if l_0_config is missing else l_0_config), 'generator'), 'attest'):
        pass
        yield '      id-token: write # sign the provenance attestation\n      attestations: write # store the provenance attestation\n'
    yield '    with:\n      version: '
    yield str(context.call((undefined(name='gh') if l_0_gh is missing else l_0_gh), 'matrix.version'))
    yield '\n      commit: '
    yield str(context.call((undefined(name='gh') if l_0_gh is missing else l_0_gh), 'matrix.commit'))
    yield '\n      variants: '
    yield str(context.call((undefined(name='gh') if l_0_gh is missing else l_0_gh), 'matrix.variants'))
    yield '\n      modes: '
    yield str(context.call((undefined(name='gh') if l_0_gh is missing else l_0_gh), 'matrix.mode'))
    yield '\n      push: true\n    secrets:\n'
    if environment.getattr(environment.getattr((undefined(name='config') if l_0_config is missing else l_0_config), 'registry_auth'), 'login'):
        pass
        yield '      registry-password: '
        yield str(context.call((undefined(name='gh') if l_0_gh is missing else l_0_gh), str_join(('secrets.', environment.getattr(environment.getattr((undefined(name='config') if l_0_config is missing else l_0_config), 'registry_auth'), 'password_secret'), ))))
        yield '\n'
    yield '      download-token: '
    yield str(context.call((undefined(name='gh') if l_0_gh is missing else l_0_gh), str_join(('secrets.', (undefined(name='download_secret') if l_0_download_secret is missing else l_0_download_secret), ))))
    yield '\n'

blocks = {}
debug_info = '1=32&4=34&11=36&23=38&29=40&30=42&33=44&37=46&38=48&39=51&40=53&42=55&43=57&44=59&58=62&61=64&68=71&73=75&74=77&75=79&76=81&79=83&80=86&82=89'