"""The commands that call GitHub (``release``, ``release-page``, ``pins``, ``prune``): parse the options into
settings and run."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from bodhi_gen.cli.options import api_url_option, config_option, defaults
from bodhi_gen.commands.pins import PinsSettings
from bodhi_gen.commands.pins import run as run_pins
from bodhi_gen.commands.prune import PruneSettings
from bodhi_gen.commands.prune import run as run_prune
from bodhi_gen.commands.release import ReleaseSettings
from bodhi_gen.commands.release import run as run_release
from bodhi_gen.commands.release_page import ReleasePageSettings
from bodhi_gen.commands.release_page import run as run_release_page
from bodhi_gen.names import split_csv
from bodhi_gen.versions import BumpPart


@click.command()
@config_option
@click.option("--update", is_flag=True, help="Move each pin to its action's newest release and rewrite the file.")
@click.option(
    "--cooldown",
    "cooldown_days",
    type=click.IntRange(min=0),
    default=defaults(PinsSettings)["cooldown_days"],
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
    raise SystemExit(run_pins(PinsSettings(**options)))


@click.command()
@config_option
@click.option("--apply", is_flag=True, help="Delete what the report marks 'delete'. Without it: a dry run.")
@click.option(
    "--min-age-hours",
    type=click.FloatRange(min=0),
    default=defaults(PruneSettings)["min_age_hours"],
    show_default=True,
    metavar="HOURS",
    help="Keep every version pushed or retagged more recently than this (a build may still be merging it).",
)
@click.option(
    "--max-pages",
    type=click.IntRange(min=1),
    default=defaults(PruneSettings)["max_pages"],
    show_default=True,
    metavar="N",
    help="Pages of 100 versions to read per package; a package with more stops the command (exit 5).",
)
@click.option(
    "--max-requests",
    type=click.IntRange(min=1),
    default=defaults(PruneSettings)["max_requests"],
    show_default=True,
    metavar="N",
    help="Requests to the packages API and the registry together, retries included; more stops the command.",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0, min_open=True),
    default=defaults(PruneSettings)["timeout"],
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
    raise SystemExit(run_prune(PruneSettings(**options)))


POSITIVE_SECONDS = click.FloatRange(min=0, min_open=True)


@click.command()
@config_option
@click.option("--repo", required=True, metavar="OWNER/NAME", help="Repository whose workflow to dispatch.")
@click.option(
    "--workflow",
    default=defaults(ReleaseSettings)["workflow"],
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
    default=defaults(ReleaseSettings)["poll_interval"],
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
    raise SystemExit(run_release(ReleaseSettings(**options)))


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
    raise SystemExit(run_release_page(ReleasePageSettings(**options)))
