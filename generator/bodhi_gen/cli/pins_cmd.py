"""Thin click wrapper of ``pins``: parse, build the settings, call the core."""

from __future__ import annotations

import os
from pathlib import Path

import click

from bodhi_gen.cli.options import config_option
from bodhi_gen.commands.pins import PinsSettings, run_pins
from bodhi_gen.config.loader import load_config
from bodhi_gen.release.settings import api_url_from, token_from_env


@click.command()
@config_option
@click.option("--update", is_flag=True, help="Move each pin to its action's newest release and rewrite the file.")
@click.option(
    "--cooldown",
    type=click.IntRange(min=0),
    default=7,
    show_default=True,
    metavar="DAYS",
    help="With --update: skip releases published less than DAYS days ago.",
)
@click.option("--major", "any_major", is_flag=True, help="With --update: allow a new major version.")
@click.option(
    "--file",
    "pins_file",
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
@click.option(
    "--api-url",
    default=None,
    metavar="URL",
    help="GitHub API URL; Enterprise Server: https://HOST/api/v3. "
    "[default: $GITHUB_API_URL, else https://api.github.com]",
)
def pins(
    config_path: Path | None,
    update: bool,
    cooldown: int,
    any_major: bool,
    pins_file: Path | None,
    rewrite: tuple[Path, ...],
    api_url: str | None,
) -> None:
    """List the third-party action pins (version, commit SHA, release date, age), or update them.

    --update asks the GitHub API for each action's releases, takes the newest one within the
    pinned major version (any major with --major) that is older than the cooldown, resolves its
    tag to a commit SHA (following annotated tags), and rewrites the data file. The token comes
    from GH_TOKEN, else GITHUB_TOKEN (optional: public repositories only need it for the rate
    limit). Pins set in the config (generator.pins) override the file. Then run `bodhi-gen
    workflows` to regenerate. Exit codes: 0 ok, 2 invalid config or option, 5 GitHub API error.
    """
    config = load_config(config_path)
    settings = PinsSettings(
        update=update,
        cooldown_days=cooldown,
        any_major=any_major,
        file=pins_file,
        rewrite=rewrite,
        api_url=api_url_from(api_url, os.environ),
        token=token_from_env(os.environ),
        overrides=config.generator.pins,
    )
    raise SystemExit(run_pins(settings))
