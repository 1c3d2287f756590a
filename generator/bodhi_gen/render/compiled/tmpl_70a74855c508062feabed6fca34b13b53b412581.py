from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'makefile/include.mk.j2'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_header = resolve('header')
    l_0_prefix = resolve('prefix')
    l_0_folder = resolve('folder')
    pass
    yield str((undefined(name='header') if l_0_header is missing else l_0_header))
    yield '\n#\n# Delegates `make '
    yield str((undefined(name='prefix') if l_0_prefix is missing else l_0_prefix))
    yield '<target>` to '
    yield str((undefined(name='folder') if l_0_folder is missing else l_0_folder))
    yield '/Makefile (`make '
    yield str((undefined(name='prefix') if l_0_prefix is missing else l_0_prefix))
    yield "help` lists the targets).\n# Add this line to the repository's root Makefile:\n#\n#     include bodhi-docker.mk\n#\n# Variables given on the command line reach "
    yield str((undefined(name='folder') if l_0_folder is missing else l_0_folder))
    yield '/Makefile: make '
    yield str((undefined(name='prefix') if l_0_prefix is missing else l_0_prefix))
    yield 'build.cpu MODE=production\n\nBODHI_DOCKER_DIR := $(patsubst %/,%,$(dir $(lastword $(MAKEFILE_LIST))))/'
    yield str((undefined(name='folder') if l_0_folder is missing else l_0_folder))
    yield '\n\n'
    yield str((undefined(name='prefix') if l_0_prefix is missing else l_0_prefix))
    yield '%:\n\t$(MAKE) -C $(BODHI_DOCKER_DIR) $*\n'

blocks = {}
debug_info = '1=14&3=16&8=22&10=26&12=28'