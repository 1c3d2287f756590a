"""Thin click wrapper of ``prune``: parse the options into ``PruneSettings`` and run the command."""

from __future__ import annotations

from dataclasses import fields
from typing import Any

import click

from bodhi_gen.cli.options import api_url_option, config_option
from bodhi_gen.commands.prune import PruneSettings, run

DEFAULTS = {field.name: field.default for field in fields(PruneSettings)}


@click.command()
@config_option
@click.option("--apply", is_flag=True, help="Delete what the report marks 'delete'. Without it: a dry run.")
@click.option(
    "--min-age-hours",
    type=click.FloatRange(min=0),
    default=DEFAULTS["min_age_hours"],
    show_default=True,
    metavar="HOURS",
    help="Keep every version pushed or retagged more recently than this (a build may still be merging it).",
)
@click.option(
    "--max-pages",
    type=click.IntRange(min=1),
    default=DEFAULTS["max_pages"],
    show_default=True,
    metavar="N",
    help="Pages of 100 versions to read per package; a package with more stops the command (exit 5).",
)
@click.option(
    "--max-requests",
    type=click.IntRange(min=1),
    default=DEFAULTS["max_requests"],
    show_default=True,
    metavar="N",
    help="Requests to the packages API and the registry together, retries included; more stops the command.",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0, min_open=True),
    default=DEFAULTS["timeout"],
    show_default=True,
    metavar="SECONDS",
    help="Time for the whole command; every request and wait is cut to it.",
)
@api_url_option
@click.option(
    "--registry-url",
    default=None,
    metavar="URL",
    help="Registry to read indexes from (https; http for localhost only). [default: https://ghcr.io]",
)
def prune(**options: Any) -> None:
    """List, and with --apply delete, the GHCR package versions nothing needs any more.

    Deletes untagged versions that nothing kept lists or refers to (what a tag needs, through indexes
    of any depth or as a referrer, is kept), and the <image>-cache tags and staging-<key> tags of units
    the config no longer produces. Prints the plan, one row per version with its decision and the
    reason; --apply prints the same plan, then deletes each version it marks once.
    The token comes from GH_TOKEN, else GITHUB_TOKEN: read:packages, and delete:packages for --apply.
    Exit codes: 0 ok or dry run, 2 invalid option or config, 5 GitHub or registry error (a manifest
    that cannot be read or verified, or a listing that moved, stops it before any delete; a failed
    delete stops the run and the report says what was deleted).
    """
    raise SystemExit(run(PruneSettings(**options)))
