"""Thin click wrapper of ``commands.bases``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from bodhi_gen.cli.options import config_option, format_option
from bodhi_gen.commands import bases as command


@click.command()
@config_option
@format_option(
    ("table", "github"),
    "table for people; github: the rebuild matrix as KEY=VALUE lines for $GITHUB_OUTPUT "
    "(moved: true or false; rebuild: a JSON list of {mode, version, commit, variants}).",
)
@click.option("--check", is_flag=True, help="Exit 1, naming them, when a published image's base moved.")
@click.option(
    "--summary-file",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    metavar="FILE",
    help='Append a Markdown table of the bases (then and now) to FILE, e.g. "$GITHUB_STEP_SUMMARY".',
)
def bases(**options: Any) -> None:
    """Tell which published images were built on a base that has moved since.

    For each latest-<variant><suffix> the config publishes, per platform: the base digest the image
    records (org.opencontainers.image.base.digest) against the digest the base's tag names in its
    registry now; for a GPU variant also its cpu base (io.bodhisearch.cpu-base.digest), whose cpu
    llama-server it copies. An image that records no base counts as moved (a rebuild records one). Exit
    codes: 0 (with --check: nothing moved), 1 with --check when a base moved, 2 config error, 3
    registry error.
    """
    raise SystemExit(command.run(command.BasesSettings(**options)))
