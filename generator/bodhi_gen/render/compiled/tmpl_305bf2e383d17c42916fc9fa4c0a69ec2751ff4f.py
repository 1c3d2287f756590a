from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'workflows/bodhi-bases.yml.j2'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_header = resolve('header')
    l_0_plan = resolve('plan')
    l_0_gh = resolve('gh')
    l_0_pin = resolve('pin')
    l_0_images_secrets = missing
    try:
        t_1 = environment.filters['one_line']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'one_line' found.")
    try:
        t_2 = environment.filters['trim']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'trim' found.")
    try:
        t_3 = environment.filters['yaml']
    except KeyError:
        @internalcode
        def t_3(*unused):
            raise TemplateRuntimeError("No filter named 'yaml' found.")
    pass
    yield str((undefined(name='header') if l_0_header is missing else l_0_header))
    yield '\n#\n# Base watch: on a schedule or a manual dispatch, `bodhi-gen bases` finds the published images of\n# '
    yield str(t_1(environment.getattr((undefined(name='plan') if l_0_plan is missing else l_0_plan), 'image')))
    yield " whose base image has moved since they were built (each image records its\n# base's digest), and bodhi-images.yml rebuilds exactly those (variant, mode)s at the version and commit\n# they publish now, republishing their version tags and latest-*.\n"
    if environment.getattr(environment.getattr((undefined(name='plan') if l_0_plan is missing else l_0_plan), 'bases'), 'environment'):
        pass
        yield '# Nothing is rebuilt before the job `approve` passes the environment '
        yield str(t_1(environment.getattr(environment.getattr((undefined(name='plan') if l_0_plan is missing else l_0_plan), 'bases'), 'environment')))
        yield ':\n# give it required reviewers to approve each rebuild (Settings > Environments).\n'
    included_template = environment.get_template('workflows/steps.j2', 'workflows/bodhi-bases.yml.j2').make_module(context.get_all(), True, {'images_secrets': l_0_images_secrets})
    l_0_images_secrets = getattr(included_template, 'images_secrets', missing)
    if l_0_images_secrets is missing:
        l_0_images_secrets = undefined(f"the template {included_template.__name__!r} (imported on line 11 in 'workflows/bodhi-bases.yml.j2') does not export the requested name 'images_secrets'", name='images_secrets')
    context.vars['images_secrets'] = l_0_images_secrets
    context.exported_vars.discard('images_secrets')
    yield 'name: bodhi bases\n\non:\n  schedule:\n    - cron: '
    yield str(t_3(environment.getattr(environment.getattr((undefined(name='plan') if l_0_plan is missing else l_0_plan), 'bases'), 'schedule')))
    yield ' # UTC\n  workflow_dispatch:\n\npermissions: {}\n\nconcurrency:\n  group: bodhi-bases\n  cancel-in-progress: false\n\njobs:\n  watch:\n    name: watch\n    runs-on: '
    yield str(t_3(environment.getattr(environment.getattr((undefined(name='plan') if l_0_plan is missing else l_0_plan), 'generator'), 'plan_runner')))
    yield "\n    timeout-minutes: 15\n    permissions:\n      contents: read # read the repository's .github/bodhi-gen.yaml\n      packages: read # read the published images and their labels\n    outputs:\n      moved: "
    yield str(context.call((undefined(name='gh') if l_0_gh is missing else l_0_gh), 'steps.bases.outputs.moved'))
    yield '\n      rebuild: '
    yield str(context.call((undefined(name='gh') if l_0_gh is missing else l_0_gh), 'steps.bases.outputs.rebuild'))
    yield '\n    steps:\n      - name: Check out the repository\n        uses: '
    yield str(environment.getattr(context.call((undefined(name='pin') if l_0_pin is missing else l_0_pin), 'actions/checkout'), 'uses'))
    yield '\n        with:\n          persist-credentials: false\n      - name: Install bodhi-gen\n        uses: '
    yield str(t_3(str_join((environment.getattr(environment.getattr((undefined(name='plan') if l_0_plan is missing else l_0_plan), 'generator'), 'action'), '/setup@', environment.getattr(environment.getattr((undefined(name='plan') if l_0_plan is missing else l_0_plan), 'generator'), 'ref'), ))))
    yield '\n'
    if environment.getattr(environment.getattr((undefined(name='plan') if l_0_plan is missing else l_0_plan), 'registry_auth'), 'login'):
        pass
        yield '      - name: Log in to '
        yield str(t_3(environment.getattr((undefined(name='plan') if l_0_plan is missing else l_0_plan), 'registry')))
        yield '\n        uses: '
        yield str(environment.getattr(context.call((undefined(name='pin') if l_0_pin is missing else l_0_pin), 'docker/login-action'), 'uses'))
        yield '\n        with:\n          registry: '
        yield str(t_3(environment.getattr((undefined(name='plan') if l_0_plan is missing else l_0_plan), 'registry')))
        yield '\n          username: '
        yield str((t_3(environment.getattr(environment.getattr((undefined(name='plan') if l_0_plan is missing else l_0_plan), 'registry_auth'), 'username')) if environment.getattr(environment.getattr((undefined(name='plan') if l_0_plan is missing else l_0_plan), 'registry_auth'), 'username') else context.call((undefined(name='gh') if l_0_gh is missing else l_0_gh), 'github.actor')))
        yield '\n          password: '
        yield str(context.call((undefined(name='gh') if l_0_gh is missing else l_0_gh), str_join(('secrets.', environment.getattr(environment.getattr((undefined(name='plan') if l_0_plan is missing else l_0_plan), 'registry_auth'), 'password_secret'), ))))
        yield '\n'
    yield '      - name: Compare each image\'s base with what the base\'s tag names now\n        id: bases\n        run: bodhi-gen bases --format github --summary-file "$GITHUB_STEP_SUMMARY" >> "$GITHUB_OUTPUT"\n\n'
    if environment.getattr(environment.getattr((undefined(name='plan') if l_0_plan is missing else l_0_plan), 'bases'), 'environment'):
        pass
        yield "  approve:\n    name: approve\n    needs: watch\n    if: needs.watch.outputs.moved == 'true'\n    runs-on: "
        yield str(t_3(environment.getattr(environment.getattr((undefined(name='plan') if l_0_plan is missing else l_0_plan), 'generator'), 'plan_runner')))
        yield "\n    timeout-minutes: 5\n    # the environment's protection rules (required reviewers, wait timer, branches) hold the rebuild here\n    environment: "
        yield str(t_3(environment.getattr(environment.getattr((undefined(name='plan') if l_0_plan is missing else l_0_plan), 'bases'), 'environment')))
        yield '\n    permissions: {}\n    steps:\n      - name: The rebuild may publish\n        run: echo "environment approved; the rebuild publishes"\n\n'
    yield '  rebuild:\n    name: rebuild\n'
    if environment.getattr(environment.getattr((undefined(name='plan') if l_0_plan is missing else l_0_plan), 'bases'), 'environment'):
        pass
        yield '    needs: [watch, approve]\n'
    else:
        pass
        yield '    needs: watch\n'
    yield "    if: needs.watch.outputs.moved == 'true'\n    strategy:\n      fail-fast: false\n      matrix:\n        # one entry per (mode, version, commit): the variants whose base moved\n        include: "
    yield str(context.call((undefined(name='gh') if l_0_gh is missing else l_0_gh), 'fromJSON(needs.watch.outputs.rebuild)'))
    yield '\n    uses: ./.github/workflows/bodhi-images.yml\n    permissions:\n'
    if environment.getattr(environment.getattr((undefined(name='plan') if l_0_plan is missing else l_0_plan), 'release'), 'github_release'):
        pass
        yield "      # a ceiling: only bodhi-images.yml's release page job asks for write, and it does not run here\n      contents: write # every job that runs reads only; a caller must grant what any of its jobs may ask for\n"
    else:
        pass
        yield '      contents: read # check out the sources and the config\n'
    yield '      packages: write # push images, tags and the registry build cache\n'
    if environment.getattr(environment.getattr((undefined(name='plan') if l_0_plan is missing else l_0_plan), 'generator'), 'attest'):
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
    yield '\n      push: true\n'
    yield str(t_2(context.call((undefined(name='images_secrets') if l_0_images_secrets is missing else l_0_images_secrets)), '\n'))
    yield '\n'

blocks = {}
debug_info = '1=34&4=36&7=38&8=41&11=43&16=50&28=52&34=54&35=56&38=58&42=60&43=62&44=65&45=67&47=69&48=71&49=73&55=76&60=79&63=81&72=84&82=91&85=93&92=100&97=104&98=106&99=108&100=110&102=112'