from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'workflows/bodhi-pr.yml.j2'

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
    l_0_build_checkout = missing
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
    yield '\n#\n# Pull-request check: builds every (variant, mode) of '
    yield str(t_1(environment.getattr((undefined(name='plan') if l_0_plan is missing else l_0_plan), 'image')))
    yield ' on its runners and\n# smoke-tests it, pushing nothing and exporting no build cache, so a pull request can never change\n# what the release reads (images, tags or the registry cache). Read-only permissions, no login.\n'
    included_template = environment.get_template('workflows/steps.j2', 'workflows/bodhi-pr.yml.j2').make_module(context.get_all(), True, {'build_checkout': l_0_build_checkout})
    l_0_build_checkout = getattr(included_template, 'build_checkout', missing)
    if l_0_build_checkout is missing:
        l_0_build_checkout = undefined(f"the template {included_template.__name__!r} (imported on line 6 in 'workflows/bodhi-pr.yml.j2') does not export the requested name 'build_checkout'", name='build_checkout')
    context.vars['build_checkout'] = l_0_build_checkout
    context.exported_vars.discard('build_checkout')
    yield 'name: bodhi pr\n\non:\n  pull_request:\n\npermissions: {}\n\nconcurrency:\n  group: bodhi-pr-'
    yield str(context.call((undefined(name='gh') if l_0_gh is missing else l_0_gh), 'github.ref'))
    yield '\n  cancel-in-progress: true\n\njobs:\n  plan:\n    name: plan\n    runs-on: '
    yield str(t_3(environment.getattr(environment.getattr((undefined(name='plan') if l_0_plan is missing else l_0_plan), 'generator'), 'plan_runner')))
    yield "\n    timeout-minutes: 10\n    permissions:\n      contents: read # read the repository's .github/bodhi-gen.yaml\n    outputs:\n      build: "
    yield str(context.call((undefined(name='gh') if l_0_gh is missing else l_0_gh), 'steps.plan.outputs.build'))
    yield '\n      version: '
    yield str(context.call((undefined(name='gh') if l_0_gh is missing else l_0_gh), 'steps.plan.outputs.version'))
    yield '\n      commit: '
    yield str(context.call((undefined(name='gh') if l_0_gh is missing else l_0_gh), 'steps.plan.outputs.commit'))
    yield '\n    steps:\n      - name: Check out the repository\n        uses: '
    yield str(environment.getattr(context.call((undefined(name='pin') if l_0_pin is missing else l_0_pin), 'actions/checkout'), 'uses'))
    yield '\n        with:\n          persist-credentials: false\n      - name: Install bodhi-gen\n        uses: '
    yield str(t_3(str_join((environment.getattr(environment.getattr((undefined(name='plan') if l_0_plan is missing else l_0_plan), 'generator'), 'action'), '/setup@', environment.getattr(environment.getattr((undefined(name='plan') if l_0_plan is missing else l_0_plan), 'generator'), 'ref'), ))))
    yield '\n      - name: Plan the matrix\n        id: plan\n        env:\n          # a prerelease version that names the pull request; nothing is published under it\n          VERSION: 0.0.0-pr.'
    yield str(context.call((undefined(name='gh') if l_0_gh is missing else l_0_gh), 'github.event.pull_request.number'))
    yield '\n          COMMIT: '
    yield str(context.call((undefined(name='gh') if l_0_gh is missing else l_0_gh), 'github.sha'))
    yield '\n        run: bodhi-gen matrix --format github --version "$VERSION" --commit "$COMMIT" >> "$GITHUB_OUTPUT"\n\n  build:\n    name: build '
    yield str(context.call((undefined(name='gh') if l_0_gh is missing else l_0_gh), 'matrix.variant'))
    yield ' '
    yield str(context.call((undefined(name='gh') if l_0_gh is missing else l_0_gh), 'matrix.mode'))
    yield ' '
    yield str(context.call((undefined(name='gh') if l_0_gh is missing else l_0_gh), 'matrix.platform'))
    yield '\n    needs: plan\n    runs-on: '
    yield str(context.call((undefined(name='gh') if l_0_gh is missing else l_0_gh), 'matrix.runner'))
    yield '\n    timeout-minutes: '
    yield str(context.call((undefined(name='gh') if l_0_gh is missing else l_0_gh), 'matrix.timeout-minutes'))
    yield '\n    permissions:\n      contents: read # check out the sources\n    strategy:\n      fail-fast: false\n      matrix:\n        include: '
    yield str(context.call((undefined(name='gh') if l_0_gh is missing else l_0_gh), 'fromJSON(needs.plan.outputs.build)'))
    yield '\n    steps:\n'
    if environment.getattr((undefined(name='plan') if l_0_plan is missing else l_0_plan), 'frees_disk'):
        pass
        yield '      - name: Free disk space for the GPU toolchains\n        if: matrix.free-disk-space\n        uses: '
        yield str(environment.getattr(context.call((undefined(name='pin') if l_0_pin is missing else l_0_pin), 'jlumbroso/free-disk-space'), 'uses'))
        yield '\n        with:\n          tool-cache: false\n          large-packages: false\n'
    yield str(t_2(context.call((undefined(name='build_checkout') if l_0_build_checkout is missing else l_0_build_checkout), environment.getattr(environment.getattr((undefined(name='plan') if l_0_plan is missing else l_0_plan), 'checkout'), 'token_secret')), '\n'))
    yield '\n      - name: Build and smoke-test (nothing pushed, no cache exported)\n        uses: '
    yield str(t_3(str_join((environment.getattr(environment.getattr((undefined(name='plan') if l_0_plan is missing else l_0_plan), 'generator'), 'action'), '@', environment.getattr(environment.getattr((undefined(name='plan') if l_0_plan is missing else l_0_plan), 'generator'), 'ref'), ))))
    yield '\n        with:\n          variant: '
    yield str(context.call((undefined(name='gh') if l_0_gh is missing else l_0_gh), 'matrix.variant'))
    yield '\n          mode: '
    yield str(context.call((undefined(name='gh') if l_0_gh is missing else l_0_gh), 'matrix.mode'))
    yield '\n          platforms: '
    yield str(context.call((undefined(name='gh') if l_0_gh is missing else l_0_gh), 'matrix.platform'))
    yield '\n          version: '
    yield str(context.call((undefined(name='gh') if l_0_gh is missing else l_0_gh), 'needs.plan.outputs.version'))
    yield '\n          commit: '
    yield str(context.call((undefined(name='gh') if l_0_gh is missing else l_0_gh), 'needs.plan.outputs.commit'))
    yield '\n          push: false\n          smoke-test: true\n          require-gpu: '
    yield str(context.call((undefined(name='gh') if l_0_gh is missing else l_0_gh), 'matrix.require-gpu'))
    yield '\n          cache: read-only\n          download-token: '
    yield str(context.call((undefined(name='gh') if l_0_gh is missing else l_0_gh), str_join(('secrets.', environment.getattr(environment.getattr((undefined(name='plan') if l_0_plan is missing else l_0_plan), 'generator'), 'download_secret'), ))))
    yield '\n'

blocks = {}
debug_info = '1=34&3=36&6=38&15=45&21=47&26=49&27=51&28=53&31=55&35=57&40=59&41=61&45=63&47=69&48=71&54=73&56=75&59=78&64=80&66=82&68=84&69=86&70=88&71=90&72=92&75=94&77=96'