"""Thin click wrapper of ``release``: parse, build the settings from the config, call the core."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from bodhi_gen.cli.options import config_option
from bodhi_gen.config.loader import load_config
from bodhi_gen.release.core import run_release
from bodhi_gen.release.settings import build_settings
from bodhi_gen.release.versioning import BumpPart

POSITIVE_SECONDS = click.FloatRange(min=0, min_open=True)


@click.command()
@config_option
@click.option("--repo", required=True, metavar="OWNER/NAME", help="Repository whose workflow to dispatch.")
@click.option(
    "--workflow",
    default="bodhi-release.yml",
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
    help="Branch, tag or SHA to run the workflow on. [default: the default branch]",
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
    default=10.0,
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
@click.option(
    "--api-url",
    default=None,
    metavar="URL",
    help="GitHub API URL; Enterprise Server: https://HOST/api/v3. "
    "[default: $GITHUB_API_URL, else https://api.github.com]",
)
@click.option("--dry-run", is_flag=True, help="Check the inputs and print what would be dispatched; dispatch nothing.")
@click.option("--json", "json_output", is_flag=True, help="Print one JSON object with the result on stdout.")
def release(
    config_path: Path | None,
    repo: str,
    workflow: str,
    version: str | None,
    bump: str | None,
    ref: str | None,
    mode: str | None,
    variants: str,
    wait: bool,
    poll_interval: float,
    timeout: float | None,
    api_url: str | None,
    dry_run: bool,
    json_output: bool,
) -> None:
    """Dispatch the release caller workflow on GitHub, and optionally follow the run.

    The token comes from GH_TOKEN, else GITHUB_TOKEN, and needs Actions: write on the repository
    (plus Packages: read for --bump). Prints the run's URL. Exit codes: 0 dispatched (or, with
    --wait, succeeded), 2 invalid option, 5 GitHub API error, 6 the run failed or --timeout passed.
    """
    config = load_config(config_path)
    settings = build_settings(
        repo=repo,
        workflow=workflow,
        version=version,
        bump=bump,
        ref=ref,
        mode=mode,
        variants=variants,
        wait=wait,
        poll_interval=poll_interval,
        timeout=timeout,
        api_url=api_url,
        dry_run=dry_run,
        json_output=json_output,
        env=os.environ,
        allowed_variants=tuple(v.name for v in config.variants),
        allowed_modes=tuple(m.name for m in config.modes),
        image=config.image,
    )
    raise SystemExit(run_release(settings, out=sys.stdout, err=sys.stderr))
