from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'makefile/Makefile.j2'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_ctx = resolve('ctx')
    try:
        t_1 = environment.filters['make_recipe_line']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'make_recipe_line' found.")
    try:
        t_2 = environment.filters['one_line']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'one_line' found.")
    pass
    yield str(environment.getattr((undefined(name='ctx') if l_0_ctx is missing else l_0_ctx), 'header'))
    yield '\n#\n# Local builds, smoke tests and runs of the images, from the same plan CI builds: `make help`\n# lists every target. From the repository root, `include bodhi-docker.mk` in your Makefile and run\n# `make docker.<target>`. Override any variable below on the command line: make build.cpu MODE=production\n\nMAKEFILE_DIR := $(dir $(abspath $(lastword $(MAKEFILE_LIST))))\n\n'
    for l_1_var in environment.getattr((undefined(name='ctx') if l_0_ctx is missing else l_0_ctx), 'variables'):
        _loop_vars = {}
        pass
        yield '# '
        yield str(t_2(environment.getattr(l_1_var, 'help')))
        yield '\n'
        yield str(environment.getattr(l_1_var, 'name'))
        yield ' ?='
        yield str((str_join((' ', environment.getattr(l_1_var, 'default'), )) if environment.getattr(l_1_var, 'default') else ''))
        yield '\n'
        if environment.getattr(l_1_var, 'export'):
            pass
            yield 'export '
            yield str(environment.getattr(l_1_var, 'name'))
            yield '\n'
    l_1_var = missing
    yield '\n'
    for (l_1_name, l_1_value) in environment.getattr((undefined(name='ctx') if l_0_ctx is missing else l_0_ctx), 'derived'):
        _loop_vars = {}
        pass
        yield str(l_1_name)
        yield ' = '
        yield str(l_1_value)
        yield '\n'
    l_1_name = l_1_value = missing
    yield '\n.DEFAULT_GOAL := help\n.PHONY:'
    for l_1_name in environment.getattr((undefined(name='ctx') if l_0_ctx is missing else l_0_ctx), 'phony'):
        _loop_vars = {}
        pass
        yield ' \\\n\t'
        yield str(l_1_name)
    l_1_name = missing
    yield '\n'
    for l_1_target in (environment.getattr((undefined(name='ctx') if l_0_ctx is missing else l_0_ctx), 'targets') + environment.getattr((undefined(name='ctx') if l_0_ctx is missing else l_0_ctx), 'file_targets')):
        _loop_vars = {}
        pass
        yield '\n# '
        yield str(t_2(environment.getattr(l_1_target, 'help')))
        yield '\n'
        for (l_2_name, l_2_value) in environment.getattr(l_1_target, 'variables'):
            _loop_vars = {}
            pass
            yield str(environment.getattr(l_1_target, 'name'))
            yield ': '
            yield str(l_2_name)
            yield ' = '
            yield str(l_2_value)
            yield '\n'
        l_2_name = l_2_value = missing
        yield str(environment.getattr(l_1_target, 'name'))
        yield ':'
        for l_2_p in environment.getattr(l_1_target, 'prerequisites'):
            _loop_vars = {}
            pass
            yield ' '
            yield str(l_2_p)
        l_2_p = missing
        if environment.getattr(l_1_target, 'order_only'):
            pass
            yield ' |'
            for l_2_p in environment.getattr(l_1_target, 'order_only'):
                _loop_vars = {}
                pass
                yield ' '
                yield str(l_2_p)
            l_2_p = missing
        yield '\n'
        for l_2_line in environment.getattr(l_1_target, 'recipe'):
            _loop_vars = {}
            pass
            yield '\t'
            yield str(t_1(l_2_line))
            yield '\n'
        l_2_line = missing
    l_1_target = missing

blocks = {}
debug_info = '1=24&9=26&10=30&11=32&12=36&13=39&17=43&18=46&22=52&23=56&25=59&27=63&28=65&29=68&31=75&33=93&34=97'