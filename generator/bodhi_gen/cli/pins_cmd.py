"""Thin click wrapper of ``pins``: parse the options into ``PinsSettings`` and run the command."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path
from typing import Any

import click

from bodhi_gen.cli.options import api_url_option, config_option
from bodhi_gen.commands.pins import PinsSettings, run

DEFAULTS = {field.name: field.default for field in fields(PinsSettings)}


@click.command()
@config_option
@click.option("--update", is_flag=True, help="Move each pin to its action's newest release and rewrite the file.")
@click.option(
    "--cooldown",
    "cooldown_days",
    type=click.IntRange(min=0),
    default=DEFAULTS["cooldown_days"],
    show_default=True,
    metavar="DAYS",
    help="With --update: skip releases published less than DAYS days ago.",
)
@click.option("--major", "any_major", is_flag=True, help="With --update: allow a new major version.")
@click.option(
    "--file",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Pins data file to read and rewrite. [default: the one shipped in the bodhi-gen package]",
)
@click.option(
    "--rewrite",
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    multiple=True,
    metavar="FILE",
    help="Also rewrite the `uses:` lines of pinned actions in this hand-written YAML (e.g. action.yml). Repeatable.",
)
@api_url_option
def pins(**options: Any) -> None:
    """List the third-party action pins (version, commit SHA, release date, age), or update them.

    --update asks the GitHub API for each action's releases, takes the newest one within the
    pinned major version (any major with --major) that is older than the cooldown, resolves its
    tag to a commit SHA (following annotated tags), and rewrites the data file. The token comes
    from GH_TOKEN, else GITHUB_TOKEN (optional: public repositories only need it for the rate
    limit). Pins set in the config (generator.pins) override the file. Then run `bodhi-gen
    workflows` to regenerate. Exit codes: 0 ok, 2 invalid config or option, 5 GitHub API error.
    """
    raise SystemExit(run(PinsSettings(**options)))
