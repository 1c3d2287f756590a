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
        t_1 = environment.filters['join']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'join' found.")
    try:
        t_2 = environment.filters['one_line']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'one_line' found.")
    try:
        t_3 = environment.filters['trim']
    except KeyError:
        @internalcode
        def t_3(*unused):
            raise TemplateRuntimeError("No filter named 'trim' found.")
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
    pass
    yield str((undefined(name='header') if l_0_header is missing else l_0_header))
    yield "\n#\n# Pull-request check: builds the config's pull_request selection of "
    yield str(t_2(environment.getattr((undefined(name='plan') if l_0_plan is missing else l_0_plan), 'image')))
    yield ' on\n# its runners and smoke-tests it, pushing nothing and exporting no build cache, so a pull request can\n# never change what the release reads (images, tags or the registry cache). Read-only permissions, no\n# login. Only a change to a build input (pull_request.paths) runs it.\n'
    included_template = environment.get_template('workflows/steps.j2', 'workflows/bodhi-pr.yml.j2').make_module(context.get_all(), True, {'build_checkout': l_0_build_checkout})
    l_0_build_checkout = getattr(included_template, 'build_checkout', missing)
    if l_0_build_checkout is missing:
        l_0_build_checkout = undefined(f"the template {included_template.__name__!r} (imported on line 7 in 'workflows/bodhi-pr.yml.j2') does not export the requested name 'build_checkout'", name='build_checkout')
    context.vars['build_checkout'] = l_0_build_checkout
    context.exported_vars.discard('build_checkout')
    yield 'name: bodhi pr\n\non:\n  pull_request:\n    paths:\n'
    for l_1_path in environment.getattr(environment.getattr((undefined(name='plan') if l_0_plan is missing else l_0_plan), 'pull_request'), 'paths'):
        _loop_vars = {}
        pass
        yield '      - '
        yield str(t_5(l_1_path))
        yield '\n'
    l_1_path = missing
    yield '\npermissions: {}\n\nconcurrency:\n  group: bodhi-pr-'
    yield str(context.call((undefined(name='gh') if l_0_gh is missing else l_0_gh), 'github.ref'))
    yield '\n  cancel-in-progress: true\n\njobs:\n  plan:\n    name: plan\n    runs-on: '
    yield str(t_4(environment.getattr(environment.getattr((undefined(name='plan') if l_0_plan is missing else l_0_plan), 'generator'), 'plan_runner')))
    yield "\n    timeout-minutes: 10\n    permissions:\n      contents: read # read the repository's .github/bodhi-gen.yaml\n    outputs:\n      binary: "
    yield str(context.call((undefined(name='gh') if l_0_gh is missing else l_0_gh), 'steps.plan.outputs.binary'))
    yield '\n      build: '
    yield str(context.call((undefined(name='gh') if l_0_gh is missing else l_0_gh), 'steps.plan.outputs.build'))
    yield '\n      version: '
    yield str(context.call((undefined(name='gh') if l_0_gh is missing else l_0_gh), 'steps.plan.outputs.version'))
    yield '\n      commit: '
    yield str(context.call((undefined(name='gh') if l_0_gh is missing else l_0_gh), 'steps.plan.outputs.commit'))
    yield '\n    steps:\n      - name: Check out the repository\n        uses: '
    yield str(environment.getattr(context.call((undefined(name='pin') if l_0_pin is missing else l_0_pin), 'actions/checkout'), 'uses'))
    yield '\n        with:\n          persist-credentials: false\n      - name: Install bodhi-gen\n        uses: '
    yield str(t_4(str_join((environment.getattr(environment.getattr((undefined(name='plan') if l_0_plan is missing else l_0_plan), 'generator'), 'action'), '/setup@', environment.getattr(environment.getattr((undefined(name='plan') if l_0_plan is missing else l_0_plan), 'generator'), 'ref'), ))))
    yield '\n      - name: Plan the matrix\n        id: plan\n        env:\n          # a prerelease version that names the pull request; nothing is published under it\n          VERSION: 0.0.0-pr.'
    yield str(context.call((undefined(name='gh') if l_0_gh is missing else l_0_gh), 'github.event.pull_request.number'))
    yield '\n          COMMIT: '
    yield str(context.call((undefined(name='gh') if l_0_gh is missing else l_0_gh), 'github.sha'))
    yield '\n          VARIANTS: '
    yield str(t_5(t_1(context.eval_ctx, environment.getattr(environment.getattr(environment.getattr((undefined(name='plan') if l_0_plan is missing else l_0_plan), 'pull_request'), 'selection'), 'variants'), ',')))
    yield '\n          MODES: '
    yield str(t_5(t_1(context.eval_ctx, environment.getattr(environment.getattr(environment.getattr((undefined(name='plan') if l_0_plan is missing else l_0_plan), 'pull_request'), 'selection'), 'modes'), ',')))
    yield '\n          PLATFORMS: '
    yield str(t_5(t_1(context.eval_ctx, environment.getattr(environment.getattr(environment.getattr((undefined(name='plan') if l_0_plan is missing else l_0_plan), 'pull_request'), 'selection'), 'platforms'), ',')))
    yield '\n        run: bodhi-gen matrix --format github --version "$VERSION" --commit "$COMMIT" --variants "$VARIANTS" --modes "$MODES" --platforms "$PLATFORMS" >> "$GITHUB_OUTPUT"\n\n  binary:\n    name: binary '
    yield str(context.call((undefined(name='gh') if l_0_gh is missing else l_0_gh), 'matrix.mode'))
    yield ' '
    yield str(context.call((undefined(name='gh') if l_0_gh is missing else l_0_gh), 'matrix.platform'))
    yield '\n    needs: plan\n    runs-on: '
    yield str(context.call((undefined(name='gh') if l_0_gh is missing else l_0_gh), 'matrix.runner'))
    yield '\n    timeout-minutes: '
    yield str(context.call((undefined(name='gh') if l_0_gh is missing else l_0_gh), 'matrix.timeout-minutes'))
    yield '\n    permissions:\n      contents: read # check out the sources\n    strategy:\n      fail-fast: false\n      matrix:\n        include: '
    yield str(context.call((undefined(name='gh') if l_0_gh is missing else l_0_gh), 'fromJSON(needs.plan.outputs.binary)'))
    yield '\n    steps:\n'
    yield str(t_3(context.call((undefined(name='build_checkout') if l_0_build_checkout is missing else l_0_build_checkout), environment.getattr(environment.getattr((undefined(name='plan') if l_0_plan is missing else l_0_plan), 'checkout'), 'token_secret')), '\n'))
    yield '\n      - name: Install bodhi-gen\n        uses: '
    yield str(t_4(str_join((environment.getattr(environment.getattr((undefined(name='plan') if l_0_plan is missing else l_0_plan), 'generator'), 'action'), '/setup@', environment.getattr(environment.getattr((undefined(name='plan') if l_0_plan is missing else l_0_plan), 'generator'), 'ref'), ))))
    yield '\n      - name: Set up Docker Buildx\n        uses: '
    yield str(environment.getattr(context.call((undefined(name='pin') if l_0_pin is missing else l_0_pin), 'docker/setup-buildx-action'), 'uses'))
    yield '\n      - name: Compile the app binary once, as an OCI layout (nothing pushed)\n        env:\n          MODE: '
    yield str(context.call((undefined(name='gh') if l_0_gh is missing else l_0_gh), 'matrix.mode'))
    yield '\n          PLATFORM: '
    yield str(context.call((undefined(name='gh') if l_0_gh is missing else l_0_gh), 'matrix.platform'))
    yield '\n          VERSION: '
    yield str(context.call((undefined(name='gh') if l_0_gh is missing else l_0_gh), 'needs.plan.outputs.version'))
    yield '\n          COMMIT: '
    yield str(context.call((undefined(name='gh') if l_0_gh is missing else l_0_gh), 'needs.plan.outputs.commit'))
    yield '\n        run: bodhi-gen build --binary --mode "$MODE" --platform "$PLATFORM" --version "$VERSION" --commit "$COMMIT" --cache read-only --layout-dir "$RUNNER_TEMP/binary-layout"\n      - name: Upload the binary for this (mode, platform)\'s builds\n        uses: '
    yield str(environment.getattr(context.call((undefined(name='pin') if l_0_pin is missing else l_0_pin), 'actions/upload-artifact'), 'uses'))
    yield '\n        with:\n          # the artifact is named as the binary unit: its builds find it at binaries/<key>/\n          name: '
    yield str(context.call((undefined(name='gh') if l_0_gh is missing else l_0_gh), 'matrix.key'))
    yield '\n          path: '
    yield str(context.call((undefined(name='gh') if l_0_gh is missing else l_0_gh), 'runner.temp'))
    yield '/binary-layout\n          if-no-files-found: error\n          retention-days: 1\n          overwrite: true # a re-run of the job replaces its own artifact\n\n  build:\n    name: build '
    yield str(context.call((undefined(name='gh') if l_0_gh is missing else l_0_gh), 'matrix.variant'))
    yield ' '
    yield str(context.call((undefined(name='gh') if l_0_gh is missing else l_0_gh), 'matrix.mode'))
    yield ' '
    yield str(context.call((undefined(name='gh') if l_0_gh is missing else l_0_gh), 'matrix.platform'))
    yield '\n    needs: [plan, binary]\n    runs-on: '
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
    yield str(t_3(context.call((undefined(name='build_checkout') if l_0_build_checkout is missing else l_0_build_checkout), environment.getattr(environment.getattr((undefined(name='plan') if l_0_plan is missing else l_0_plan), 'checkout'), 'token_secret')), '\n'))
    yield '\n      - name: Download the app binary of this mode and platform\n        uses: '
    yield str(environment.getattr(context.call((undefined(name='pin') if l_0_pin is missing else l_0_pin), 'actions/download-artifact'), 'uses'))
    yield '\n        with:\n          pattern: binary-'
    yield str(context.call((undefined(name='gh') if l_0_gh is missing else l_0_gh), 'matrix.mode'))
    yield '-'
    yield str(context.call((undefined(name='gh') if l_0_gh is missing else l_0_gh), 'matrix.arch'))
    yield '\n          path: '
    yield str(context.call((undefined(name='gh') if l_0_gh is missing else l_0_gh), 'runner.temp'))
    yield '/binaries\n          merge-multiple: false # into binaries/<key>/, as --binary-layouts reads it\n      - name: Build and smoke-test (nothing pushed, no cache exported)\n        uses: '
    yield str(t_4(str_join((environment.getattr(environment.getattr((undefined(name='plan') if l_0_plan is missing else l_0_plan), 'generator'), 'action'), '@', environment.getattr(environment.getattr((undefined(name='plan') if l_0_plan is missing else l_0_plan), 'generator'), 'ref'), ))))
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
    yield '\n          cache: read-only\n          # compiled once per (mode, platform) by the binary job\n          binary-layouts: '
    yield str(context.call((undefined(name='gh') if l_0_gh is missing else l_0_gh), "format('{0}/binaries', runner.temp)"))
    yield '\n          download-token: '
    yield str(context.call((undefined(name='gh') if l_0_gh is missing else l_0_gh), str_join(('secrets.', environment.getattr(environment.getattr((undefined(name='plan') if l_0_plan is missing else l_0_plan), 'generator'), 'download_secret'), ))))
    yield '\n'

blocks = {}
debug_info = '1=46&3=48&7=50&13=57&14=61&20=65&26=67&31=69&32=71&33=73&34=75&37=77&41=79&46=81&47=83&48=85&49=87&50=89&54=91&56=95&57=97&63=99&65=101&67=103&69=105&72=107&73=109&74=111&75=113&78=115&81=117&82=119&88=121&90=127&91=129&97=131&99=133&102=136&107=138&109=140&111=142&112=146&115=148&117=150&118=152&119=154&120=156&121=158&124=160&127=162&128=164'