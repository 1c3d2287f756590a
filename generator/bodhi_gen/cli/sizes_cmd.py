"""Thin click wrapper of ``commands.sizes``."""

from __future__ import annotations

from pathlib import Path

import click

from bodhi_gen.cli.options import config_option, format_option, selection_options
from bodhi_gen.commands import sizes as command
from bodhi_gen.commands.sizes import SizesFormat, SizesSettings
from bodhi_gen.names import split_csv
from bodhi_gen.plan.units import Selection


@click.command()
@config_option
@click.option("--version", required=True, help="Version whose images to measure: X.Y.Z, vX.Y.Z or a release tag.")
@selection_options
@format_option(
    ("table", "json", "github"),
    "table for people; json: one object per platform image; github: a Markdown table for the step summary.",
)
@click.option("--check", is_flag=True, help="Exit 8 when an image grew past its limit.")
def sizes(
    config_path: Path | None,
    version: str,
    variants: str,
    modes: str,
    platforms: str,
    output_format: SizesFormat,
    check: bool,
) -> None:
    """Print each platform image's compressed size and its change against the latest-* tag.

    Reads the manifests the version's tags name in the registry (config plus layers: what a pull
    downloads) and those of the latest-<variant><suffix> tags they replace, with each variant's
    growth limit (size_limits.growth_percent, or the variant's max_growth_percent); publish refuses
    an image grown past it. Exit codes: 0 printed, 2 invalid option or config, 3 docker/registry
    error, 8 an image over its limit (with --check).
    """
    selection = Selection(split_csv(variants), split_csv(modes), split_csv(platforms))
    settings = SizesSettings(config_path, version, selection, output_format, check)
    raise SystemExit(command.run(settings))
