from __future__ import annotations

from pathlib import Path

import click

from bodhi_gen.cli.options import config_option, format_option, selection_options
from bodhi_gen.commands import matrix as command
from bodhi_gen.commands.matrix import MatrixFormat, MatrixSettings
from bodhi_gen.names import split_csv
from bodhi_gen.plan.units import Selection


@click.command()
@config_option
@format_option(
    ("table", "json", "github"),
    "table for people; json: one object per build unit; github: KEY=VALUE lines for $GITHUB_OUTPUT.",
)
@click.option("--version", default=None, help="Version to plan: X.Y.Z, vX.Y.Z or a release tag (its mode is used).")
@click.option("--commit", default=None, help="Commit SHA to inject (default: a <commit> placeholder).")
@selection_options
def matrix(
    config_path: Path | None,
    output_format: MatrixFormat,
    version: str | None,
    commit: str | None,
    variants: str,
    modes: str,
    platforms: str,
) -> None:
    """Print the build plan: every (variant, mode, platform) with its runner, tags and cache."""
    selection = Selection(split_csv(variants), split_csv(modes), split_csv(platforms))
    raise SystemExit(command.run(MatrixSettings(config_path, output_format, version, commit, selection)))
