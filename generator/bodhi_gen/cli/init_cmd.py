"""``bodhi-gen init``: parse, then ``commands.init.run``."""

from __future__ import annotations

from typing import Any

import click

from bodhi_gen.cli.options import config_target_option
from bodhi_gen.commands.init import InitSettings, run


@click.command()
@config_target_option
@click.option("--force", is_flag=True, help="Overwrite an existing config file.")
def init(**options: Any) -> None:
    """Write BodhiApp's default config to .github/bodhi-gen.yaml, ready to edit.

    The file starts with a yaml-language-server comment so editors offer completion and
    validation from the published schema (see `bodhi-gen schema`).
    """
    raise SystemExit(run(InitSettings(**options)))
