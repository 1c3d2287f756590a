"""The commands that report on the plan and on what the registry holds: matrix, sizes, bases."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from bodhi_gen.cli.options import config_option, format_option, selection_options
from bodhi_gen.commands.bases import BasesSettings
from bodhi_gen.commands.bases import run as run_bases
from bodhi_gen.commands.matrix import MatrixSettings
from bodhi_gen.commands.matrix import run as run_matrix
from bodhi_gen.commands.sizes import SizesSettings
from bodhi_gen.commands.sizes import run as run_sizes
from bodhi_gen.names import split_csv
from bodhi_gen.plan.units import Selection


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
    raise SystemExit(run_bases(BasesSettings(**options)))


@click.command()
@config_option
@click.option("--version", required=True, help="Version whose images to measure: X.Y.Z, vX.Y.Z or a release tag.")
@selection_options
@format_option(
    ("table", "json", "github"),
    "table for people; json: one object per platform image; github: a Markdown table for the step summary.",
)
@click.option("--check", is_flag=True, help="Exit 8 when an image grew past its limit.")
def sizes(**options: Any) -> None:
    """Print each platform image's compressed size and its change against the latest-* tag.

    Reads the manifests the version's tags name in the registry (config plus layers: what a pull
    downloads) and those of the latest-<variant><suffix> tags they replace, with each variant's
    growth limit (size_limits.growth_percent, or the variant's max_growth_percent); publish refuses
    an image grown past it. Exit codes: 0 printed, 2 invalid option or config, 3 docker/registry
    error, 8 an image over its limit (with --check).
    """
    raise SystemExit(run_sizes(SizesSettings(selection=_selection(options), **options)))


@click.command()
@config_option
@format_option(
    ("table", "json", "github"),
    "table for people; json: one object per build unit; github: KEY=VALUE lines for $GITHUB_OUTPUT.",
)
@click.option("--version", default=None, help="Version to plan: X.Y.Z, vX.Y.Z or a release tag (its mode is used).")
@click.option("--commit", default=None, help="Commit SHA to inject (default: a <commit> placeholder).")
@selection_options
def matrix(**options: Any) -> None:
    """Print the build plan: every (variant, mode, platform) with its runner, tags and cache."""
    raise SystemExit(run_matrix(MatrixSettings(selection=_selection(options), **options)))


def _selection(options: dict[str, Any]) -> Selection:
    """The ``selection_options`` taken out of ``options``."""
    return Selection(*(split_csv(options.pop(name)) for name in ("variants", "modes", "platforms")))
