from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'workflows/steps.j2'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_login = l_0_build_checkout = l_0_images_secrets = missing
    try:
        t_1 = environment.filters['lower']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'lower' found.")
    try:
        t_2 = environment.filters['string']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'string' found.")
    try:
        t_3 = environment.filters['yaml']
    except KeyError:
        @internalcode
        def t_3(*unused):
            raise TemplateRuntimeError("No filter named 'yaml' found.")
    try:
        t_4 = environment.filters['yaml_text']
    except KeyError:
        @internalcode
        def t_4(*unused):
            raise TemplateRuntimeError("No filter named 'yaml_text' found.")
    pass
    def macro():
        t_5 = []
        l_1_plan = resolve('plan')
        l_1_pin = resolve('pin')
        l_1_gh = resolve('gh')
        pass
        if environment.getattr(environment.getattr((undefined(name='plan') if l_1_plan is missing else l_1_plan), 'registry_auth'), 'login'):
            pass
            t_5.extend((
                '      - name: Log in to ',
                str(t_3(environment.getattr((undefined(name='plan') if l_1_plan is missing else l_1_plan), 'registry'))),
                '\n        uses: ',
                str(environment.getattr(context.call((undefined(name='pin') if l_1_pin is missing else l_1_pin), 'docker/login-action'), 'uses')),
                '\n        with:\n          registry: ',
                str(t_3(environment.getattr((undefined(name='plan') if l_1_plan is missing else l_1_plan), 'registry'))),
                '\n          username: ',
                str((t_3(environment.getattr(environment.getattr((undefined(name='plan') if l_1_plan is missing else l_1_plan), 'registry_auth'), 'username')) if environment.getattr(environment.getattr((undefined(name='plan') if l_1_plan is missing else l_1_plan), 'registry_auth'), 'username') else context.call((undefined(name='gh') if l_1_gh is missing else l_1_gh), 'github.actor'))),
                '\n          password: ',
                str(context.call((undefined(name='gh') if l_1_gh is missing else l_1_gh), 'secrets.registry-password')),
                '\n',
            ))
        return concat(t_5)
    context.exported_vars.add('login')
    context.vars['login'] = l_0_login = Macro(environment, macro, 'login', (), False, False, False, context.eval_ctx.autoescape)
    def macro(l_1_token_secret):
        t_6 = []
        l_1_pin = resolve('pin')
        l_1_gh = resolve('gh')
        l_1_plan = resolve('plan')
        if l_1_token_secret is missing:
            l_1_token_secret = undefined("parameter 'token_secret' was not provided", name='token_secret')
        pass
        t_6.extend((
            '      - name: Check out the repository\n        uses: ',
            str(environment.getattr(context.call((undefined(name='pin') if l_1_pin is missing else l_1_pin), 'actions/checkout'), 'uses')),
            '\n        with:\n          # the commit the plan labels the images with (the input, else the triggering one)\n          ref: ',
            str(context.call((undefined(name='gh') if l_1_gh is missing else l_1_gh), 'needs.plan.outputs.commit')),
            '\n          persist-credentials: false\n',
        ))
        if environment.getattr(environment.getattr((undefined(name='plan') if l_1_plan is missing else l_1_plan), 'checkout'), 'submodules'):
            pass
            t_6.extend((
                '          # git@github.com: submodule URLs are fetched over https with this token; submodules in other\n          # private repositories need a token that can read them (the ',
                str(t_4(l_1_token_secret)),
                ' secret)\n          submodules: ',
                str(t_1(t_2(environment.getattr(environment.getattr((undefined(name='plan') if l_1_plan is missing else l_1_plan), 'checkout'), 'submodules')))),
                '\n          token: ',
                str(context.call((undefined(name='gh') if l_1_gh is missing else l_1_gh), str_join(('secrets.', l_1_token_secret, ' || github.token', )))),
                '\n',
            ))
        if environment.getattr((undefined(name='plan') if l_1_plan is missing else l_1_plan), 'uses_qemu'):
            pass
            t_6.extend((
                '      - name: Set up QEMU (no native runner for this platform)\n        if: matrix.qemu\n        uses: ',
                str(environment.getattr(context.call((undefined(name='pin') if l_1_pin is missing else l_1_pin), 'docker/setup-qemu-action'), 'uses')),
                '\n        with:\n          platforms: ',
                str(context.call((undefined(name='gh') if l_1_gh is missing else l_1_gh), 'matrix.platform')),
                '\n',
            ))
        return concat(t_6)
    context.exported_vars.add('build_checkout')
    context.vars['build_checkout'] = l_0_build_checkout = Macro(environment, macro, 'build_checkout', ('token_secret',), False, False, False, context.eval_ctx.autoescape)
    def macro():
        t_7 = []
        l_1_plan = resolve('plan')
        l_1_gh = resolve('gh')
        pass
        t_7.append(
            '    secrets:\n',
        )
        if environment.getattr(environment.getattr((undefined(name='plan') if l_1_plan is missing else l_1_plan), 'registry_auth'), 'login'):
            pass
            t_7.extend((
                '      registry-password: ',
                str(context.call((undefined(name='gh') if l_1_gh is missing else l_1_gh), str_join(('secrets.', environment.getattr(environment.getattr((undefined(name='plan') if l_1_plan is missing else l_1_plan), 'registry_auth'), 'password_secret'), )))),
                '\n',
            ))
        if environment.getattr(environment.getattr((undefined(name='plan') if l_1_plan is missing else l_1_plan), 'checkout'), 'submodules'):
            pass
            t_7.extend((
                '      checkout-token: ',
                str(context.call((undefined(name='gh') if l_1_gh is missing else l_1_gh), str_join(('secrets.', environment.getattr(environment.getattr((undefined(name='plan') if l_1_plan is missing else l_1_plan), 'checkout'), 'token_secret'), )))),
                '\n',
            ))
        t_7.extend((
            '      download-token: ',
            str(context.call((undefined(name='gh') if l_1_gh is missing else l_1_gh), str_join(('secrets.', environment.getattr(environment.getattr((undefined(name='plan') if l_1_plan is missing else l_1_plan), 'generator'), 'download_secret'), )))),
            '\n',
        ))
        for (l_2_n, l_2_mirror) in environment.getattr((undefined(name='plan') if l_1_plan is missing else l_1_plan), 'mirror_logins'):
            _loop_vars = {}
            pass
            t_7.extend((
                '      mirror-',
                str(l_2_n),
                '-password: ',
                str(context.call((undefined(name='gh') if l_1_gh is missing else l_1_gh), str_join(('secrets.', environment.getattr(l_2_mirror, 'password_secret'), )), _loop_vars=_loop_vars)),
                '\n',
            ))
        l_2_n = l_2_mirror = missing
        return concat(t_7)
    context.exported_vars.add('images_secrets')
    context.vars['images_secrets'] = l_0_images_secrets = Macro(environment, macro, 'images_secrets', (), False, False, False, context.eval_ctx.autoescape)

blocks = {}
debug_info = '2=36&3=42&4=46&5=48&7=50&8=52&9=54&14=60&16=70&19=72&21=75&23=79&24=81&25=83&27=86&30=90&32=92&36=98&38=106&39=110&41=113&42=117&44=122&45=125&46=130'