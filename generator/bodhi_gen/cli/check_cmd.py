"""``bodhi-gen check``: parse, then ``commands.check.run``."""

from __future__ import annotations

from typing import Any

import click

from bodhi_gen.cli.options import config_option, out_dir_option
from bodhi_gen.commands.check import CheckSettings, run
from bodhi_gen.names import split_csv
from bodhi_gen.render.registry import GENERATORS


@click.command()
@config_option
@out_dir_option
@click.option(
    "--only",
    default="",
    metavar="a,b",
    callback=lambda _ctx, _param, value: split_csv(value),
    help=f"Comma-separated generators to check ({', '.join(GENERATORS)}). [default: all]",
)
def check(**options: Any) -> None:
    """Run every drift check at once: exit 1 naming each generated file that is missing or differs.

    The same as `workflows --check`, `dockerfiles --check` and `makefile --check` together
    (including their .gitattributes sections); the pre-commit hook `bodhi-gen-check` runs it.
    """
    raise SystemExit(run(CheckSettings(**options)))
