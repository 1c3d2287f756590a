from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'workflows/bodhi-images.yml.j2'

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
    l_0_build_checkout = l_0_login = missing
    try:
        t_1 = environment.filters['first']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'first' found.")
    try:
        t_2 = environment.filters['join']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'join' found.")
    try:
        t_3 = environment.filters['map']
    except KeyError:
        @internalcode
        def t_3(*unused):
            raise TemplateRuntimeError("No filter named 'map' found.")
    try:
        t_4 = environment.filters['one_line']
    except KeyError:
        @internalcode
        def t_4(*unused):
            raise TemplateRuntimeError("No filter named 'one_line' found.")
    try:
        t_5 = environment.filters['replace']
    except KeyError:
        @internalcode
        def t_5(*unused):
            raise TemplateRuntimeError("No filter named 'replace' found.")
    try:
        t_6 = environment.filters['trim']
    except KeyError:
        @internalcode
        def t_6(*unused):
            raise TemplateRuntimeError("No filter named 'trim' found.")
    try:
        t_7 = environment.filters['yaml']
    except KeyError:
        @internalcode
        def t_7(*unused):
            raise TemplateRuntimeError("No filter named 'yaml' found.")
    try:
        t_8 = environment.filters['yaml_text']
    except KeyError:
        @internalcode
        def t_8(*unused):
            raise TemplateRuntimeError("No filter named 'yaml_text' found.")
    pass
    yield str((undefined(name='header') if l_0_header is missing else l_0_header))
    yield '\n#\n# Reusable workflow: builds every selected (variant, mode, platform) of '
    yield str(t_4(environment.getattr((undefined(name='plan') if l_0_plan is missing else l_0_plan), 'image')))
    yield '\n# on its own runner, smoke-tests each image before it is pushed by digest, then merges the\n# per-platform digests into multi-platform tags and attests their provenance.\n# The plan (which units, tags, runners) comes from `bodhi-gen matrix`, not from this file.\n'
    included_template = environment.get_template('workflows/steps.j2', 'workflows/bodhi-images.yml.j2').make_module(context.get_all(), True, {'build_checkout': l_0_build_checkout, 'login': l_0_login})
    l_0_build_checkout = getattr(included_template, 'build_checkout', missing)
    if l_0_build_checkout is missing:
        l_0_build_checkout = undefined(f"the template {included_template.__name__!r} (imported on line 7 in 'workflows/bodhi-images.yml.j2') does not export the requested name 'build_checkout'", name='build_checkout')
    l_0_login = getattr(included_template, 'login', missing)
    if l_0_login is missing:
        l_0_login = undefined(f"the template {included_template.__name__!r} (imported on line 7 in 'workflows/bodhi-images.yml.j2') does not export the requested name 'login'", name='login')
    context.vars.update({'build_checkout': l_0_build_checkout, 'login': l_0_login})
    context.exported_vars.difference_update(('build_checkout', 'login'))
    yield 'name: bodhi images\n\non:\n  workflow_call:\n    inputs:\n      version:\n        description: "Version to build: X.Y.Z, vX.Y.Z or a release tag such as '
    yield str(t_8(t_5(context.eval_ctx, t_1(environment, context.call(environment.getattr(environment.getattr(environment.getattr((undefined(name='plan') if l_0_plan is missing else l_0_plan), 'release'), 'tag_patterns'), 'values'))), '*', '1.2.3')))
    yield '"\n        type: string\n        required: true\n      commit:\n        description: "Commit SHA injected into the image (default: the commit being built)"\n        type: string\n        required: false\n        default: ""\n      variants:\n        description: "Comma-separated variants to build (default: all of '
    yield str(t_8(t_2(context.eval_ctx, t_3(context, environment.getattr((undefined(name='plan') if l_0_plan is missing else l_0_plan), 'variants'), attribute='name'), ', ')))
    yield ')"\n        type: string\n        required: false\n        default: ""\n      modes:\n        description: "Comma-separated modes to build (default: the release tag\'s mode, else all of '
    yield str(t_8(t_2(context.eval_ctx, t_3(context, environment.getattr((undefined(name='plan') if l_0_plan is missing else l_0_plan), 'modes'), attribute='name'), ', ')))
    yield ')"\n        type: string\n        required: false\n        default: ""\n      push:\n        description: "Push images and tags to '
    yield str(t_8(environment.getattr((undefined(name='plan') if l_0_plan is missing else l_0_plan), 'registry')))
    yield ' (false: build and smoke-test only)"\n        type: boolean\n        required: false\n        default: false\n'
    if environment.getattr(environment.getattr((undefined(name='plan') if l_0_plan is missing else l_0_plan), 'release'), 'github_release'):
        pass
        yield '      release-page:\n        description: "With push: create or update the GitHub Release of the release tag after the merges (needs contents: write)"\n        type: boolean\n        required: false\n        default: false\n'
    yield '    secrets:\n      registry-password:\n        description: "Password or token for '
    yield str(t_8(environment.getattr((undefined(name='plan') if l_0_plan is missing else l_0_plan), 'registry')))
    yield ' (the caller passes secrets.'
    yield str(t_8(environment.getattr(environment.getattr((undefined(name='plan') if l_0_plan is missing else l_0_plan), 'registry_auth'), 'password_secret')))
    yield ')"\n        required: false\n'
    if environment.getattr(environment.getattr((undefined(name='plan') if l_0_plan is missing else l_0_plan), 'checkout'), 'submodules'):
        pass
        yield '      checkout-token:\n        description: "Token for checking out submodules in other private repositories (the caller passes secrets.'
        yield str(t_8(environment.getattr(environment.getattr((undefined(name='plan') if l_0_plan is missing else l_0_plan), 'checkout'), 'token_secret')))
        yield '; unset: the job\'s token)"\n        required: false\n'
    yield '      download-token:\n        description: "Token for the llama-server release downloads (reaches the build only as a BuildKit secret)"\n        required: false\n'
    for (l_1_n, l_1_mirror) in environment.getattr((undefined(name='plan') if l_0_plan is missing else l_0_plan), 'mirror_logins'):
        _loop_vars = {}
        pass
        yield '      mirror-'
        yield str(l_1_n)
        yield '-password:\n        description: "Password or token for the mirror '
        yield str(t_8(environment.getattr(l_1_mirror, 'image')))
        yield ' (the caller passes secrets.'
        yield str(t_8(environment.getattr(l_1_mirror, 'password_secret')))
        yield ')"\n        required: false\n'
    l_1_n = l_1_mirror = missing
    yield '\npermissions: {}\n\nconcurrency:\n  group: bodhi-images-'
    yield str(context.call((undefined(name='gh') if l_0_gh is missing else l_0_gh), 'github.ref'))
    yield '-'
    yield str(context.call((undefined(name='gh') if l_0_gh is missing else l_0_gh), 'inputs.version'))
    yield '-'
    yield str(context.call((undefined(name='gh') if l_0_gh is missing else l_0_gh), 'inputs.modes'))
    yield '-'
    yield str(context.call((undefined(name='gh') if l_0_gh is missing else l_0_gh), 'inputs.variants'))
    yield '\n  cancel-in-progress: false\n\njobs:\n  plan:\n    name: plan\n    runs-on: '
    yield str(t_7(environment.getattr(environment.getattr((undefined(name='plan') if l_0_plan is missing else l_0_plan), 'generator'), 'plan_runner')))
    yield "\n    timeout-minutes: 10\n    permissions:\n      contents: read # read the repository's .github/bodhi-gen.yaml\n    outputs:\n      binary: "
    yield str(context.call((undefined(name='gh') if l_0_gh is missing else l_0_gh), 'steps.plan.outputs.binary'))
    yield '\n      build: '
    yield str(context.call((undefined(name='gh') if l_0_gh is missing else l_0_gh), 'steps.plan.outputs.build'))
    yield '\n      merge: '
    yield str(context.call((undefined(name='gh') if l_0_gh is missing else l_0_gh), 'steps.plan.outputs.merge'))
    yield '\n      version: '
    yield str(context.call((undefined(name='gh') if l_0_gh is missing else l_0_gh), 'steps.plan.outputs.version'))
    yield '\n      commit: '
    yield str(context.call((undefined(name='gh') if l_0_gh is missing else l_0_gh), 'steps.plan.outputs.commit'))
    yield '\n    steps:\n      - name: Check out the repository\n        uses: '
    yield str(environment.getattr(context.call((undefined(name='pin') if l_0_pin is missing else l_0_pin), 'actions/checkout'), 'uses'))
    yield '\n        with:\n          persist-credentials: false\n      - name: Install bodhi-gen\n        uses: '
    yield str(t_7(str_join((environment.getattr(environment.getattr((undefined(name='plan') if l_0_plan is missing else l_0_plan), 'generator'), 'action'), '/setup@', environment.getattr(environment.getattr((undefined(name='plan') if l_0_plan is missing else l_0_plan), 'generator'), 'ref'), ))))
    yield '\n      - name: Plan the matrix\n        id: plan\n        env:\n          VERSION: '
    yield str(context.call((undefined(name='gh') if l_0_gh is missing else l_0_gh), 'inputs.version'))
    yield '\n          COMMIT: '
    yield str(context.call((undefined(name='gh') if l_0_gh is missing else l_0_gh), 'inputs.commit || github.sha'))
    yield '\n          VARIANTS: '
    yield str(context.call((undefined(name='gh') if l_0_gh is missing else l_0_gh), 'inputs.variants'))
    yield '\n          MODES: '
    yield str(context.call((undefined(name='gh') if l_0_gh is missing else l_0_gh), 'inputs.modes'))
    yield '\n        run: bodhi-gen matrix --format github --version "$VERSION" --commit "$COMMIT" --variants "$VARIANTS" --modes "$MODES" >> "$GITHUB_OUTPUT"\n\n  binary:\n    name: binary '
    yield str(context.call((undefined(name='gh') if l_0_gh is missing else l_0_gh), 'matrix.mode'))
    yield ' '
    yield str(context.call((undefined(name='gh') if l_0_gh is missing else l_0_gh), 'matrix.platform'))
    yield '\n    needs: plan\n    # without push the build jobs compile the binary themselves: nothing may be pushed to share it\n    if: inputs.push\n    runs-on: '
    yield str(context.call((undefined(name='gh') if l_0_gh is missing else l_0_gh), 'matrix.runner'))
    yield '\n    timeout-minutes: '
    yield str(context.call((undefined(name='gh') if l_0_gh is missing else l_0_gh), 'matrix.timeout-minutes'))
    yield '\n    permissions:\n      contents: read # check out the sources\n      packages: write # push the binary image by digest and write the registry build cache\n    strategy:\n      fail-fast: false\n      matrix:\n        include: '
    yield str(context.call((undefined(name='gh') if l_0_gh is missing else l_0_gh), 'fromJSON(needs.plan.outputs.binary)'))
    yield '\n    steps:\n'
    yield str(t_6(context.call((undefined(name='build_checkout') if l_0_build_checkout is missing else l_0_build_checkout), 'checkout-token'), '\n'))
    yield '\n      - name: Install bodhi-gen\n        uses: '
    yield str(t_7(str_join((environment.getattr(environment.getattr((undefined(name='plan') if l_0_plan is missing else l_0_plan), 'generator'), 'action'), '/setup@', environment.getattr(environment.getattr((undefined(name='plan') if l_0_plan is missing else l_0_plan), 'generator'), 'ref'), ))))
    yield '\n      - name: Set up Docker Buildx\n        uses: '
    yield str(environment.getattr(context.call((undefined(name='pin') if l_0_pin is missing else l_0_pin), 'docker/setup-buildx-action'), 'uses'))
    yield '\n'
    yield str(t_6(context.call((undefined(name='login') if l_0_login is missing else l_0_login)), '\n'))
    yield '\n      - name: Compile the app binary once and push it by digest\n        env:\n          MODE: '
    yield str(context.call((undefined(name='gh') if l_0_gh is missing else l_0_gh), 'matrix.mode'))
    yield '\n          PLATFORM: '
    yield str(context.call((undefined(name='gh') if l_0_gh is missing else l_0_gh), 'matrix.platform'))
    yield '\n          VERSION: '
    yield str(context.call((undefined(name='gh') if l_0_gh is missing else l_0_gh), 'needs.plan.outputs.version'))
    yield '\n          COMMIT: '
    yield str(context.call((undefined(name='gh') if l_0_gh is missing else l_0_gh), 'needs.plan.outputs.commit'))
    yield '\n        run: bodhi-gen build --binary --mode "$MODE" --platform "$PLATFORM" --version "$VERSION" --commit "$COMMIT" --push-by-digest --digest-file "$RUNNER_TEMP/binary-digest.json"\n      - name: Upload the binary\'s digest\n        uses: '
    yield str(environment.getattr(context.call((undefined(name='pin') if l_0_pin is missing else l_0_pin), 'actions/upload-artifact'), 'uses'))
    yield '\n        with:\n          name: binary-'
    yield str(context.call((undefined(name='gh') if l_0_gh is missing else l_0_gh), 'matrix.mode'))
    yield '-'
    yield str(context.call((undefined(name='gh') if l_0_gh is missing else l_0_gh), 'matrix.arch'))
    yield '\n          path: '
    yield str(context.call((undefined(name='gh') if l_0_gh is missing else l_0_gh), 'runner.temp'))
    yield '/binary-digest.json\n          if-no-files-found: error\n          retention-days: 1\n          overwrite: true # a re-run of the job replaces its own artifact\n\n  build:\n    name: build '
    yield str(context.call((undefined(name='gh') if l_0_gh is missing else l_0_gh), 'matrix.variant'))
    yield ' '
    yield str(context.call((undefined(name='gh') if l_0_gh is missing else l_0_gh), 'matrix.mode'))
    yield ' '
    yield str(context.call((undefined(name='gh') if l_0_gh is missing else l_0_gh), 'matrix.platform'))
    yield '\n    needs: [plan, binary]\n    # runs when the binary jobs passed, or were skipped because nothing is pushed\n    if: '
    yield str(context.call((undefined(name='gh') if l_0_gh is missing else l_0_gh), "!cancelled() && needs.plan.result == 'success' && needs.binary.result != 'failure'"))
    yield '\n    runs-on: '
    yield str(context.call((undefined(name='gh') if l_0_gh is missing else l_0_gh), 'matrix.runner'))
    yield '\n    timeout-minutes: '
    yield str(context.call((undefined(name='gh') if l_0_gh is missing else l_0_gh), 'matrix.timeout-minutes'))
    yield '\n    permissions:\n      contents: read # check out the sources\n      packages: write # push by digest and write the registry build cache\n    strategy:\n      fail-fast: false\n      matrix:\n        include: '
    yield str(context.call((undefined(name='gh') if l_0_gh is missing else l_0_gh), 'fromJSON(needs.plan.outputs.build)'))
    yield '\n    steps:\n'
    if environment.getattr((undefined(name='plan') if l_0_plan is missing else l_0_plan), 'frees_disk'):
        pass
        yield '      - name: Free disk space for the GPU toolchains\n        if: matrix.free-disk-space\n        uses: '
        yield str(environment.getattr(context.call((undefined(name='pin') if l_0_pin is missing else l_0_pin), 'jlumbroso/free-disk-space'), 'uses'))
        yield '\n        with:\n          tool-cache: false\n          large-packages: false\n'
    yield str(t_6(context.call((undefined(name='build_checkout') if l_0_build_checkout is missing else l_0_build_checkout), 'checkout-token'), '\n'))
    yield "\n      - name: Download the app binaries' digests\n        if: inputs.push\n        uses: "
    yield str(environment.getattr(context.call((undefined(name='pin') if l_0_pin is missing else l_0_pin), 'actions/download-artifact'), 'uses'))
    yield '\n        with:\n          pattern: binary-'
    yield str(context.call((undefined(name='gh') if l_0_gh is missing else l_0_gh), 'matrix.mode'))
    yield '-*\n          path: '
    yield str(context.call((undefined(name='gh') if l_0_gh is missing else l_0_gh), 'runner.temp'))
    yield '/binaries\n          merge-multiple: true\n      - name: Build, smoke-test and push by digest\n        id: image\n        uses: '
    yield str(t_7(str_join((environment.getattr(environment.getattr((undefined(name='plan') if l_0_plan is missing else l_0_plan), 'generator'), 'action'), '@', environment.getattr(environment.getattr((undefined(name='plan') if l_0_plan is missing else l_0_plan), 'generator'), 'ref'), ))))
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
    yield '\n          push: '
    yield str(context.call((undefined(name='gh') if l_0_gh is missing else l_0_gh), 'inputs.push'))
    yield '\n          push-by-digest: true\n          smoke-test: true\n'
    if environment.getattr(environment.getattr((undefined(name='plan') if l_0_plan is missing else l_0_plan), 'registry_auth'), 'login'):
        pass
        yield '          registry-username: '
        yield str((t_7(environment.getattr(environment.getattr((undefined(name='plan') if l_0_plan is missing else l_0_plan), 'registry_auth'), 'username')) if environment.getattr(environment.getattr((undefined(name='plan') if l_0_plan is missing else l_0_plan), 'registry_auth'), 'username') else context.call((undefined(name='gh') if l_0_gh is missing else l_0_gh), 'github.actor')))
        yield '\n          registry-password: '
        yield str(context.call((undefined(name='gh') if l_0_gh is missing else l_0_gh), 'secrets.registry-password'))
        yield '\n'
    yield '          require-gpu: '
    yield str(context.call((undefined(name='gh') if l_0_gh is missing else l_0_gh), 'matrix.require-gpu'))
    yield '\n          download-token: '
    yield str(context.call((undefined(name='gh') if l_0_gh is missing else l_0_gh), 'secrets.download-token'))
    yield "\n          # with push: the binary job's image, by digest; without: the action builds the binary itself\n          binary-digests: "
    yield str(context.call((undefined(name='gh') if l_0_gh is missing else l_0_gh), "inputs.push && format('{0}/binaries', runner.temp) || ''"))
    yield '\n      - name: Upload the digest\n        if: inputs.push\n        uses: '
    yield str(environment.getattr(context.call((undefined(name='pin') if l_0_pin is missing else l_0_pin), 'actions/upload-artifact'), 'uses'))
    yield '\n        with:\n          name: digests-'
    yield str(context.call((undefined(name='gh') if l_0_gh is missing else l_0_gh), 'matrix.variant'))
    yield '-'
    yield str(context.call((undefined(name='gh') if l_0_gh is missing else l_0_gh), 'matrix.mode'))
    yield '-'
    yield str(context.call((undefined(name='gh') if l_0_gh is missing else l_0_gh), 'matrix.arch'))
    yield '\n          path: '
    yield str(context.call((undefined(name='gh') if l_0_gh is missing else l_0_gh), 'steps.image.outputs.digest-file'))
    yield '\n          if-no-files-found: error\n          retention-days: 1\n          overwrite: true # a re-run of the job replaces its own artifact\n\n  merge:\n    name: merge '
    yield str(context.call((undefined(name='gh') if l_0_gh is missing else l_0_gh), 'matrix.variant'))
    yield ' '
    yield str(context.call((undefined(name='gh') if l_0_gh is missing else l_0_gh), 'matrix.mode'))
    yield '\n    needs: [plan, build]\n'
    if (environment.getattr(environment.getattr((undefined(name='plan') if l_0_plan is missing else l_0_plan), 'release'), 'publish') == 'succeeded'):
        pass
        yield "    # release.publish: succeeded. Each (variant, mode) merges when its own builds passed, whatever its\n    # siblings did: GitHub reports the build job failed when any leg fails, so what decides is this\n    # unit's digests, which only its passed builds upload (publish refuses a missing platform)\n    if: "
        yield str(context.call((undefined(name='gh') if l_0_gh is missing else l_0_gh), "!cancelled() && inputs.push && needs.plan.result == 'success' && needs.build.result != 'skipped'"))
        yield '\n'
    else:
        pass
        yield '    # release.publish: all. Nothing is published unless every build passed\n    if: inputs.push\n'
    yield '    runs-on: '
    yield str(t_7(environment.getattr(environment.getattr((undefined(name='plan') if l_0_plan is missing else l_0_plan), 'generator'), 'plan_runner')))
    yield "\n    timeout-minutes: 30\n    permissions:\n      contents: read # read the repository's .github/bodhi-gen.yaml\n      packages: write # create the multi-platform tags\n"
    if environment.getattr(environment.getattr((undefined(name='plan') if l_0_plan is missing else l_0_plan), 'generator'), 'attest'):
        pass
        yield '      id-token: write # sign the provenance attestation\n      attestations: write # store the provenance attestation\n'
    yield '    strategy:\n      fail-fast: false\n      matrix:\n        include: '
    yield str(context.call((undefined(name='gh') if l_0_gh is missing else l_0_gh), 'fromJSON(needs.plan.outputs.merge)'))
    yield '\n    steps:\n      # first: a checkout empties the workspace\n      - name: Check out the repository (bodhi-gen reads its config)\n        uses: '
    yield str(environment.getattr(context.call((undefined(name='pin') if l_0_pin is missing else l_0_pin), 'actions/checkout'), 'uses'))
    yield '\n        with:\n          ref: '
    yield str(context.call((undefined(name='gh') if l_0_gh is missing else l_0_gh), 'needs.plan.outputs.commit'))
    yield '\n          persist-credentials: false\n      - name: Download the digests\n        uses: '
    yield str(environment.getattr(context.call((undefined(name='pin') if l_0_pin is missing else l_0_pin), 'actions/download-artifact'), 'uses'))
    yield '\n        with:\n          pattern: digests-'
    yield str(context.call((undefined(name='gh') if l_0_gh is missing else l_0_gh), 'matrix.variant'))
    yield '-'
    yield str(context.call((undefined(name='gh') if l_0_gh is missing else l_0_gh), 'matrix.mode'))
    yield '-*\n          path: '
    yield str(context.call((undefined(name='gh') if l_0_gh is missing else l_0_gh), 'runner.temp'))
    yield '/digests\n          merge-multiple: true\n      - name: Install bodhi-gen\n        uses: '
    yield str(t_7(str_join((environment.getattr(environment.getattr((undefined(name='plan') if l_0_plan is missing else l_0_plan), 'generator'), 'action'), '/setup@', environment.getattr(environment.getattr((undefined(name='plan') if l_0_plan is missing else l_0_plan), 'generator'), 'ref'), ))))
    yield '\n'
    yield str(t_6(context.call((undefined(name='login') if l_0_login is missing else l_0_login)), '\n'))
    yield '\n'
    for (l_1_n, l_1_mirror) in environment.getattr((undefined(name='plan') if l_0_plan is missing else l_0_plan), 'mirror_logins'):
        _loop_vars = {}
        pass
        yield '      - name: '
        yield str(t_7(str_join(('Log in to the mirror ', environment.getattr(l_1_mirror, 'image'), ))))
        yield '\n        uses: '
        yield str(environment.getattr(context.call((undefined(name='pin') if l_0_pin is missing else l_0_pin), 'docker/login-action', _loop_vars=_loop_vars), 'uses'))
        yield '\n        with:\n          registry: '
        yield str(t_7(environment.getattr(l_1_mirror, 'registry')))
        yield '\n          username: '
        yield str(t_7(environment.getattr(l_1_mirror, 'username')))
        yield '\n          password: '
        yield str(context.call((undefined(name='gh') if l_0_gh is missing else l_0_gh), str_join(('secrets.mirror-', l_1_n, '-password', )), _loop_vars=_loop_vars))
        yield '\n'
    l_1_n = l_1_mirror = missing
    yield '      - name: Merge the digests into multi-platform tags\n        id: publish\n        env:\n          VARIANT: '
    yield str(context.call((undefined(name='gh') if l_0_gh is missing else l_0_gh), 'matrix.variant'))
    yield '\n          MODE: '
    yield str(context.call((undefined(name='gh') if l_0_gh is missing else l_0_gh), 'matrix.mode'))
    yield '\n          VERSION: '
    yield str(context.call((undefined(name='gh') if l_0_gh is missing else l_0_gh), 'needs.plan.outputs.version'))
    yield '\n'
    if environment.getattr(environment.getattr((undefined(name='plan') if l_0_plan is missing else l_0_plan), 'release'), 'github_release'):
        pass
        yield '        # its JSON result tells the release page what was published\n        run: bodhi-gen publish --variant "$VARIANT" --mode "$MODE" --version "$VERSION" --digests-dir "$RUNNER_TEMP/digests" --github-output "$GITHUB_OUTPUT" --summary-file "$GITHUB_STEP_SUMMARY" --json > "$RUNNER_TEMP/published.json"\n'
    else:
        pass
        yield '        run: bodhi-gen publish --variant "$VARIANT" --mode "$MODE" --version "$VERSION" --digests-dir "$RUNNER_TEMP/digests" --github-output "$GITHUB_OUTPUT" --summary-file "$GITHUB_STEP_SUMMARY"\n'
    if environment.getattr(environment.getattr((undefined(name='plan') if l_0_plan is missing else l_0_plan), 'generator'), 'attest'):
        pass
        yield '      - name: Attest build provenance\n        uses: '
        yield str(environment.getattr(context.call((undefined(name='pin') if l_0_pin is missing else l_0_pin), 'actions/attest-build-provenance'), 'uses'))
        yield '\n        with:\n          subject-name: '
        yield str(t_7(environment.getattr((undefined(name='plan') if l_0_plan is missing else l_0_plan), 'image')))
        yield '\n          subject-digest: '
        yield str(context.call((undefined(name='gh') if l_0_gh is missing else l_0_gh), 'steps.publish.outputs.digest'))
        yield '\n          push-to-registry: true\n'
    if environment.getattr(environment.getattr((undefined(name='plan') if l_0_plan is missing else l_0_plan), 'release'), 'github_release'):
        pass
        yield '      - name: Upload what was published (for the release page)\n        uses: '
        yield str(environment.getattr(context.call((undefined(name='pin') if l_0_pin is missing else l_0_pin), 'actions/upload-artifact'), 'uses'))
        yield '\n        with:\n          name: published-'
        yield str(context.call((undefined(name='gh') if l_0_gh is missing else l_0_gh), 'matrix.variant'))
        yield '-'
        yield str(context.call((undefined(name='gh') if l_0_gh is missing else l_0_gh), 'matrix.mode'))
        yield '\n          path: '
        yield str(context.call((undefined(name='gh') if l_0_gh is missing else l_0_gh), 'runner.temp'))
        yield '/published.json\n          if-no-files-found: error\n          retention-days: 1\n          overwrite: true # a re-run of the job replaces its own artifact\n'
    if environment.getattr(environment.getattr((undefined(name='plan') if l_0_plan is missing else l_0_plan), 'release'), 'github_release'):
        pass
        yield '\n  release-page:\n    name: release page\n    needs: [plan, merge]\n    # after the merges, whatever they did: the page lists what was published and what failed\n    if: '
        yield str(context.call((undefined(name='gh') if l_0_gh is missing else l_0_gh), "!cancelled() && inputs.push && inputs.release-page && needs.plan.result == 'success'"))
        yield '\n    runs-on: '
        yield str(t_7(environment.getattr(environment.getattr((undefined(name='plan') if l_0_plan is missing else l_0_plan), 'generator'), 'plan_runner')))
        yield '\n    timeout-minutes: 10\n    permissions:\n      contents: write # create or update the GitHub Release of the tag and its release.json asset\n    steps:\n      - name: Check out the repository (bodhi-gen reads its config)\n        uses: '
        yield str(environment.getattr(context.call((undefined(name='pin') if l_0_pin is missing else l_0_pin), 'actions/checkout'), 'uses'))
        yield '\n        with:\n          ref: '
        yield str(context.call((undefined(name='gh') if l_0_gh is missing else l_0_gh), 'needs.plan.outputs.commit'))
        yield '\n          persist-credentials: false\n      - name: Install bodhi-gen\n        uses: '
        yield str(t_7(str_join((environment.getattr(environment.getattr((undefined(name='plan') if l_0_plan is missing else l_0_plan), 'generator'), 'action'), '/setup@', environment.getattr(environment.getattr((undefined(name='plan') if l_0_plan is missing else l_0_plan), 'generator'), 'ref'), ))))
        yield '\n      - name: Download what the merge jobs published\n        uses: '
        yield str(environment.getattr(context.call((undefined(name='pin') if l_0_pin is missing else l_0_pin), 'actions/download-artifact'), 'uses'))
        yield '\n        with:\n          pattern: published-*\n          path: '
        yield str(context.call((undefined(name='gh') if l_0_gh is missing else l_0_gh), 'runner.temp'))
        yield '/published\n          merge-multiple: false # each in a folder of its own: every result is named published.json\n      - name: Create or update the release page\n        env:\n          GH_TOKEN: '
        yield str(context.call((undefined(name='gh') if l_0_gh is missing else l_0_gh), 'github.token'))
        yield '\n          VERSION: '
        yield str(context.call((undefined(name='gh') if l_0_gh is missing else l_0_gh), 'inputs.version'))
        yield '\n          MODE: '
        yield str(context.call((undefined(name='gh') if l_0_gh is missing else l_0_gh), 'inputs.modes'))
        yield '\n          VARIANTS: '
        yield str(context.call((undefined(name='gh') if l_0_gh is missing else l_0_gh), 'inputs.variants'))
        yield '\n          COMMIT: '
        yield str(context.call((undefined(name='gh') if l_0_gh is missing else l_0_gh), 'needs.plan.outputs.commit'))
        yield '\n        run: bodhi-gen release-page --version "$VERSION" --mode "$MODE" --variants "$VARIANTS" --commit "$COMMIT" --results-dir "$RUNNER_TEMP/published" --repo "$GITHUB_REPOSITORY"\n'

blocks = {}
debug_info = '1=64&3=66&7=68&14=78&23=80&28=82&33=84&37=86&46=90&48=94&50=97&56=100&57=104&58=106&65=112&71=120&76=122&77=124&78=126&79=128&80=130&83=132&87=134&91=136&92=138&93=140&94=142&98=144&102=148&103=150&110=152&112=154&114=156&116=158&117=160&120=162&121=164&122=166&123=168&126=170&128=172&129=176&135=178&138=184&139=186&140=188&147=190&149=192&152=195&157=197&160=199&162=201&163=203&167=205&169=207&170=209&171=211&172=213&173=215&174=217&177=219&178=222&179=224&181=227&182=229&184=231&187=233&189=235&190=241&196=243&198=247&202=250&207=256&212=258&219=262&223=264&225=266&228=268&230=270&231=274&234=276&235=278&236=280&237=284&238=286&240=288&241=290&242=292&247=296&248=298&249=300&250=302&256=308&258=311&260=313&261=315&264=317&266=320&268=322&269=326&274=328&280=331&281=333&287=335&289=337&292=339&294=341&297=343&301=345&302=347&303=349&304=351&305=353'