"""Thin click wrapper of ``docs`` (hidden: only bodhi-gen's own repository runs it)."""

from __future__ import annotations

from pathlib import Path

import click

from bodhi_gen.cli.options import check_option, out_dir_option
from bodhi_gen.commands.docs import docs as run_docs


@click.command(hidden=True)
@out_dir_option
@check_option
def docs(out_dir: Path, check: bool) -> None:
    """Regenerate the README's generated parts and bodhi-gen.schema.json in bodhi-gen's own repository."""
    raise SystemExit(run_docs(out_dir, check))
