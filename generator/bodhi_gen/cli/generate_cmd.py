"""The generator commands (``workflows``, ``dockerfiles``, ``makefile``), one per entry of the registry."""

from __future__ import annotations

from typing import Any

import click

from bodhi_gen.cli.options import check_option, config_option, force_option, out_dir_option
from bodhi_gen.commands import generate
from bodhi_gen.render.registry import GENERATORS


def _command(name: str) -> click.Command:
    def command(**options: Any) -> None:
        raise SystemExit(generate.run(generate.GenerateSettings(command=name, **options)))

    return click.command(name, help=GENERATORS[name].help)(
        config_option(out_dir_option(check_option(force_option(command))))
    )


workflows = _command("workflows")
dockerfiles = _command("dockerfiles")
makefile = _command("makefile")
