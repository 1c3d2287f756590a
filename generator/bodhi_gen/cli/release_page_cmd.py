"""Thin click wrapper of ``release-page``: parse the options into ``ReleasePageSettings`` and run the command."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from bodhi_gen.cli.options import api_url_option, config_option
from bodhi_gen.commands.release_page import ReleasePageSettings, run
from bodhi_gen.names import split_csv


@click.command("release-page")
@config_option
@click.option(
    "--version",
    required=True,
    metavar="TAG|X.Y.Z",
    help="The release tag (its line names the mode and variants), or a bare version with --mode.",
)
@click.option("--mode", default=None, help="With a bare version: the mode (its own tag pattern names the tag).")
@click.option(
    "--variants",
    default="",
    metavar="a,b",
    callback=lambda _ctx, _param, value: split_csv(value),
    help="The variants the release built, when only some. [default: all of its line's]",
)
@click.option("--commit", default=None, metavar="SHA", help="The commit released; GitHub creates a missing tag there.")
@click.option(
    "--results-dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    metavar="DIR",
    help="Folder of `bodhi-gen publish --json` results, one per merged (variant, mode); "
    "a planned variant without one is listed as not published. [default with --dry-run: all published]",
)
@click.option(
    "--repo", default=None, metavar="OWNER/NAME", help="Repository of the release. [default: $GITHUB_REPOSITORY]"
)
@api_url_option
@click.option("--dry-run", is_flag=True, help="Print the page (Markdown) and release.json; write nothing.")
def release_page(**options: Any) -> None:
    """Create or update the GitHub Release of a release tag, with release.json attached.

    Per variant: its pull and run commands, description, hardware and platforms, or that it was not
    published. Development modes with `prerelease: true` make a prerelease. Running it again updates the
    release and replaces its asset. The token comes from GH_TOKEN, else GITHUB_TOKEN, and needs Contents:
    write. Exit codes: 0 written (or printed), 2 invalid option, 5 GitHub API error, 6 nothing was published.
    """
    raise SystemExit(run(ReleasePageSettings(**options)))
