"""Thin click wrapper of ``check``."""

from __future__ import annotations

from pathlib import Path

import click

from bodhi_gen.cli.options import config_option, out_dir_option
from bodhi_gen.commands.check import check_all
from bodhi_gen.names import split_csv


@click.command()
@config_option
@out_dir_option
@click.option(
    "--only",
    default="",
    metavar="a,b",
    help="Comma-separated generators to check (workflows, dockerfiles, makefile). [default: all]",
)
def check(config_path: Path | None, out_dir: Path, only: str) -> None:
    """Run every drift check at once: exit 1 naming each generated file that is missing or differs.

    The same as `workflows --check`, `dockerfiles --check` and `makefile --check` together
    (including their .gitattributes sections); the pre-commit hook `bodhi-gen-check` runs it.
    """
    raise SystemExit(check_all(config_path, out_dir, split_csv(only)))
