"""Thin click wrapper of ``commands.publish``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from bodhi_gen.cli.image_options import report_options, take_selection, unit_options
from bodhi_gen.cli.options import config_option
from bodhi_gen.commands import publish as command
from bodhi_gen.names import split_csv


@click.command()
@config_option
@unit_options
@click.option(
    "--digests-dir",
    type=click.Path(path_type=Path, file_okay=False),
    required=True,
    metavar="DIR",
    help="Folder holding the digest files of the builds (`build --digest-file`), searched recursively.",
)
@click.option(
    "--platforms",
    default="",
    metavar="a,b",
    help="Comma-separated platforms to merge. [default: every platform of the variant]",
)
@report_options
@click.option("--dry-run", is_flag=True, help="Check the digest files and print the merge (as JSON); push nothing.")
def publish(**options: Any) -> None:
    """Merge per-platform digests into the unit's multi-platform tags, then verify the index.

    Runs `docker buildx imagetools create` with one source per platform, reads the index back
    under every tag and fails unless each expected platform is listed. latest-* moves only
    forward: when it names a newer version (its image's org.opencontainers.image.version),
    a back-port publishes its version tag only and says so. Step outputs: digest (of the
    index), image, tags (those published), platforms, latest-held (latest tags left where
    they were), sizes (JSON: each platform image's size against the latest tag's). Before any
    tag moves, each platform image is compared with the one the latest tag holds: grown past the
    variant's limit (size_limits.growth_percent, or its max_growth_percent), nothing is published.
    Exit codes: 0 published, 2 invalid option, config or missing digest file, 3 docker/registry
    error or an incomplete index, 8 an image grew past its size limit.
    """
    selection = take_selection(options)
    platforms = split_csv(options.pop("platforms"))
    raise SystemExit(command.run(command.PublishSettings(selection=selection, platforms=platforms, **options)))
