"""The ``bodhi-gen`` command group.

Commands are imported lazily: ``bodhi-gen workflows`` must not pay for PyGithub or the Docker
wrapper, which only ``release`` and the image commands need.
"""

from __future__ import annotations

import importlib
from typing import Any

import click

from bodhi_gen import __version__
from bodhi_gen.error_handler import error_handler

# command name -> "module:function" (one module per command, each a thin click wrapper)
COMMANDS: dict[str, str] = {
    "init": "bodhi_gen.cli.init_cmd:init",
    "schema": "bodhi_gen.cli.schema_cmd:schema",
    "matrix": "bodhi_gen.cli.matrix_cmd:matrix",
    "workflows": "bodhi_gen.cli.generate_cmd:workflows",
    "dockerfiles": "bodhi_gen.cli.generate_cmd:dockerfiles",
    "makefile": "bodhi_gen.cli.generate_cmd:makefile",
    "release": "bodhi_gen.cli.release_cmd:release",
    "release-page": "bodhi_gen.cli.release_page_cmd:release_page",
    "action": "bodhi_gen.cli.action_cmd:action",
    "build": "bodhi_gen.cli.build_cmd:build",
    "smoke": "bodhi_gen.cli.smoke_cmd:smoke",
    "publish": "bodhi_gen.cli.publish_cmd:publish",
    "sizes": "bodhi_gen.cli.sizes_cmd:sizes",
    "pins": "bodhi_gen.cli.pins_cmd:pins",
    "check": "bodhi_gen.cli.check_cmd:check",
    "docs": "bodhi_gen.cli.docs_cmd:docs",
    "prune": "bodhi_gen.cli.prune_cmd:prune",
    "bases": "bodhi_gen.cli.bases_cmd:bases",
}


class LazyGroup(click.Group):
    """A group whose subcommands are imported only when they are run (or listed in help)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module_name, attr = target.split(":")
        command = getattr(importlib.import_module(module_name), attr)
        if not isinstance(command, click.Command):
            msg = f"{target} is not a click command"
            raise TypeError(msg)
        return command


CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


@click.group(cls=LazyGroup, context_settings=CONTEXT)
@click.version_option(__version__, prog_name="bodhi-gen")
def cli() -> None:
    """Generate, build, smoke-test and ship BodhiApp's Docker images from one validated config.

    Every command reads .github/bodhi-gen.yaml when it exists (or the file named by --config),
    and BodhiApp's embedded default otherwise. Exit codes: 0 ok, 1 drift, 2 config or usage
    error, 3 docker error, 4 smoke test failed, 5 GitHub API error, 6 release run failed,
    7 cannot write a file, 8 image over its size limit, 70 internal error, 130 interrupted.
    Set BODHI_GEN_DEBUG=1 to see tracebacks.
    """


def main(args: list[str] | None = None, **extra: Any) -> None:
    """Console-script entry point: run the group under the one error handler."""
    with error_handler():
        cli.main(args=args, prog_name="bodhi-gen", **extra)
