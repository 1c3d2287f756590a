"""Thin click wrapper of ``publish``."""

from __future__ import annotations

from pathlib import Path

import click

from bodhi_gen.cli.image_options import github_output_option, json_option, summary_file_option, unit_options
from bodhi_gen.cli.options import config_option
from bodhi_gen.commands.publish import PublishSettings
from bodhi_gen.commands.publish import publish as run_publish
from bodhi_gen.commands.target import UnitSelection
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
@json_option
@github_output_option
@summary_file_option
@click.option("--dry-run", is_flag=True, help="Check the digest files and print the merge (as JSON); push nothing.")
def publish(
    config_path: Path | None,
    variant: str,
    mode: str | None,
    version: str,
    image: str | None,
    digests_dir: Path,
    platforms: str,
    json_output: bool,
    github_output: Path | None,
    summary_file: Path | None,
    dry_run: bool,
) -> None:
    """Merge per-platform digests into the unit's multi-platform tags, then verify the index.

    Runs `docker buildx imagetools create` with one source per platform, reads the index back
    under every tag and fails unless each expected platform is listed. Step outputs: digest
    (of the index), image, tags, platforms. Exit codes: 0 published, 2 invalid option, config
    or missing digest file, 3 docker/registry error or an incomplete index.
    """
    selection = UnitSelection(config_path=config_path, variant=variant, version=version, mode=mode, image=image)
    settings = PublishSettings(
        selection=selection,
        digests_dir=digests_dir,
        platforms=split_csv(platforms),
        github_output=github_output,
        summary_file=summary_file,
        json_output=json_output,
        dry_run=dry_run,
    )
    raise SystemExit(run_publish(settings))
