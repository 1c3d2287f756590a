"""Thin click wrapper of ``release``: parse the options into ``ReleaseSettings`` and run the command."""

from __future__ import annotations

from dataclasses import fields
from typing import Any

import click

from bodhi_gen.cli.options import api_url_option, config_option
from bodhi_gen.commands.release import ReleaseSettings, run
from bodhi_gen.versions import BumpPart

POSITIVE_SECONDS = click.FloatRange(min=0, min_open=True)
DEFAULTS = {field.name: field.default for field in fields(ReleaseSettings)}


@click.command()
@config_option
@click.option("--repo", required=True, metavar="OWNER/NAME", help="Repository whose workflow to dispatch.")
@click.option(
    "--workflow",
    default=DEFAULTS["workflow"],
    show_default=True,
    metavar="FILE",
    help="Caller workflow: a file in .github/workflows/ on the default branch (as `bodhi-gen workflows` writes it).",
)
@click.option("--version", default=None, metavar="X.Y.Z", help="Version to release: a bare semantic version.")
@click.option(
    "--bump",
    type=click.Choice([part.value for part in BumpPart]),
    default=None,
    help="Instead of --version: read the latest version published to the config's GHCR image and bump it.",
)
@click.option(
    "--ref",
    default=None,
    metavar="REF",
    help="Branch or tag to run the workflow on (not a commit SHA: GitHub refuses one). [default: the default branch]",
)
@click.option(
    "--mode",
    default=None,
    help="Build mode, one of the config's modes. [default: its first, as in the caller workflow]",
)
@click.option("--variants", default="", metavar="a,b", help="Comma-separated variants to build. [default: all]")
@click.option("--wait", is_flag=True, help="Follow the run, showing its progress; fail unless it succeeds.")
@click.option(
    "--poll-interval",
    type=POSITIVE_SECONDS,
    default=DEFAULTS["poll_interval"],
    show_default=True,
    metavar="SECONDS",
    help="Seconds between status checks with --wait (fractions allowed).",
)
@click.option(
    "--timeout",
    type=POSITIVE_SECONDS,
    default=None,
    metavar="SECONDS",
    help="With --wait: give up (exit 6) when the run has not finished after this long. [default: no limit]",
)
@api_url_option
@click.option("--dry-run", is_flag=True, help="Check the inputs and print what would be dispatched; dispatch nothing.")
@click.option("--json", "json_output", is_flag=True, help="Print one JSON object with the result on stdout.")
def release(**options: Any) -> None:
    """Dispatch the release caller workflow on GitHub, and optionally follow the run.

    The token comes from GH_TOKEN, else GITHUB_TOKEN, and needs Actions: write on the repository
    (plus Packages: read for --bump). Prints the run's URL. Exit codes: 0 dispatched (or, with
    --wait, succeeded), 2 invalid option, 5 GitHub API error, 6 the run failed or --timeout passed.
    """
    raise SystemExit(run(ReleaseSettings(**options)))
