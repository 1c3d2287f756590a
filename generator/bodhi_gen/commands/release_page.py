"""``bodhi-gen release-page``: create or update the GitHub Release of a release tag from the plan and the
merge jobs' results, with ``release.json`` attached; ``--dry-run`` prints the page and the JSON instead."""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from bodhi_gen.config.loader import load_config
from bodhi_gen.errors import ReleaseFailedError, UsageError
from bodhi_gen.github.access import api_url_from, token_from_env
from bodhi_gen.github.client import GitHubClient
from bodhi_gen.github.models import ReleaseSpec
from bodhi_gen.release.page import ASSET_NAME, page_for, read_results
from bodhi_gen.release.request import check_repo


@dataclass(frozen=True)
class ReleasePageSettings:
    version: str  # a release tag, or a bare version with ``mode``
    config_path: Path | None = None
    mode: str | None = None
    variants: tuple[str, ...] = ()  # the release's variants when it built only some (empty: its line's)
    commit: str | None = None
    results_dir: Path | None = None
    repo: str | None = None  # None: $GITHUB_REPOSITORY
    api_url: str | None = None  # None: $GITHUB_API_URL, else github.com
    dry_run: bool = False
    env: Mapping[str, str] = field(default_factory=lambda: dict(os.environ))


def run(settings: ReleasePageSettings, out: TextIO | None = None, err: TextIO | None = None) -> int:
    out, err = out or sys.stdout, err or sys.stderr  # looked up when the command runs
    config = load_config(settings.config_path)
    results = read_results(settings.results_dir) if settings.results_dir is not None else None
    page = page_for(config, settings.version, settings.mode, settings.variants, settings.commit, results)
    if settings.results_dir is None and not settings.dry_run:
        msg = "--results-dir is required to write a release (without it, --dry-run previews a full release)"
        raise UsageError(msg)
    if settings.dry_run:
        out.write(page.markdown() + "\n" + page.as_json())
        return 0
    if not page.published:
        failed = ", ".join(e.variant for e in page.failed)
        msg = f"nothing of {page.tag} was published ({failed} failed): no release made"
        raise ReleaseFailedError(msg)
    repo = check_repo(settings.repo or settings.env.get("GITHUB_REPOSITORY", ""))
    if settings.commit is None:
        msg = "--commit is required to write a release: GitHub creates the tag there when it does not exist"
        raise UsageError(msg)

    def log(line: str) -> None:
        err.write(f"bodhi-gen: {line}\n")

    client = GitHubClient(api_url_from(settings.api_url, settings.env), token_from_env(settings.env), log=log)
    spec = ReleaseSpec(
        tag=page.tag,
        name=page.name,
        body=page.markdown(),
        prerelease=page.prerelease,
        commit=settings.commit,
        asset_name=ASSET_NAME,
        asset=page.as_json().encode("utf-8"),
    )
    saved = client.save_release(repo, spec)
    verb = "created" if saved.created else "updated"
    kind = "prerelease" if page.prerelease else "release"
    out.write(f"{verb} the {kind} {page.tag}: {saved.html_url}\n")
    for entry in page.failed:
        err.write(f"bodhi-gen: {entry.variant} was not published; the page lists it as failed\n")
    return 0
