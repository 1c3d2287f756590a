"""``bodhi-gen prune``: list (and with ``apply``, delete) the GHCR versions nothing needs any more.

The whole listing and every manifest in it are read before anything is decided, and the whole plan
is decided, and printed, before anything is deleted: a failure while reading deletes nothing. With
``apply`` the listings are read once more first, and a package that changed meanwhile deletes nothing.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TextIO, get_args

from bodhi_gen.config.loader import load_config
from bodhi_gen.config.rules import PlatformName
from bodhi_gen.errors import GitHubError, UsageError
from bodhi_gen.github.access import api_url_from, token_from_env
from bodhi_gen.github.client import GitHubClient
from bodhi_gen.github.packages import Listing, Package, package_of
from bodhi_gen.github.registry import RegistryReader, check_registry_url
from bodhi_gen.github.timing import Deadline, RequestBudget, Timing
from bodhi_gen.plan.build import build_plan
from bodhi_gen.plan.units import Plan
from bodhi_gen.prune import report
from bodhi_gen.prune.apply import DELETED, FAILED, NOT_TRIED, Outcome, apply, deletions, key_of
from bodhi_gen.prune.decide import Decision, Reader, Rules, decide_cache, decide_image


@dataclass(frozen=True)
class PruneSettings:
    config_path: Path | None = None
    apply: bool = False  # False: a dry run, which deletes nothing
    min_age_hours: float = 24.0
    max_pages: int = 20  # per package, of 100 versions each
    max_requests: int = 2000  # packages API and registry together, retries included
    timeout: float = 900.0  # seconds for the whole command
    api_url: str | None = None  # None: $GITHUB_API_URL, else github.com
    registry_url: str | None = None  # None: https://ghcr.io
    # Not on the command line: limits that tests shorten.
    http_timeout: int = 30
    max_retries: int = 4
    max_rate_limit_wait: float = 60.0


@dataclass(frozen=True)
class _Target:
    image: Package
    cache: Package | None  # None: no registry cache on GHCR to prune
    note: str  # why the cache is left alone, when it is


def run(
    settings: PruneSettings,
    *,
    out: TextIO | None = None,
    err: TextIO | None = None,
    env: dict[str, str] | None = None,
    timing: Timing | None = None,
) -> int:
    out, err = out or sys.stdout, err or sys.stderr
    env = dict(os.environ) if env is None else env
    plan = build_plan(load_config(settings.config_path))
    target = _target(plan)
    registry_url = _registry_url(settings.registry_url)
    _check_limits(settings)
    api_url, token = api_url_from(settings.api_url, env), token_from_env(env)
    if token is None:
        msg = "no token: set GH_TOKEN or GITHUB_TOKEN (the packages API needs read:packages, --apply delete:packages)"
        raise GitHubError(msg)
    timing = timing or Timing()
    deadline = Deadline.after(timing, settings.timeout)
    budget = RequestBudget(settings.max_requests)
    client = GitHubClient(
        api_url,
        token,
        timing=timing,
        deadline=deadline,
        http_timeout=settings.http_timeout,
        max_retries=settings.max_retries,
        max_rate_limit_wait=settings.max_rate_limit_wait,
        budget=budget,
    )
    reader = RegistryReader(
        registry_url,
        username=env.get("GITHUB_ACTOR") or target.image.owner,
        token=token,
        budget=budget,
        deadline=deadline,
        timing=timing,
        http_timeout=settings.http_timeout,
    )
    rules = Rules(
        current_keys=frozenset([unit.key for unit in plan.units] + [binary.key for binary in plan.binaries]),
        arches=frozenset(platform.split("/")[1] for platform in get_args(PlatformName)),
        now=datetime.fromtimestamp(timing.wall(), UTC),
        min_age=timedelta(hours=settings.min_age_hours),
    )
    if target.note:
        err.write(f"bodhi-gen: {target.note}\n")
    listings, decisions = _decide(client, reader, rules, target, settings.max_pages)
    deletions(decisions)  # each version decided once, or nothing is printed as a plan
    if not settings.apply:
        out.write(report.plan(decisions) + "\n\n" + report.dry_run(decisions) + "\n")
        return 0
    _refuse_changed(client, listings, settings.max_pages)
    out.write(report.plan(decisions) + "\n\n" + report.applying(decisions) + "\n")
    out.flush()
    outcome = apply(decisions, lambda decision: client.delete(listings[decision.package], decision.version))
    out.write("\n" + report.outcome(decisions, outcome) + "\n\n" + report.summary(decisions, outcome) + "\n")
    if outcome.error is not None:
        raise _stopped(decisions, outcome)
    return 0


def _decide(
    client: GitHubClient, reader: RegistryReader, rules: Rules, target: _Target, max_pages: int
) -> tuple[dict[Package, Listing], list[Decision]]:
    """Every listing read and every decision made, before anything is deleted."""
    listings = {target.image: client.versions(target.image, max_pages)}
    decisions = decide_image(listings[target.image], rules, _read(reader, target.image))
    if target.cache is not None:
        listings[target.cache] = client.versions(target.cache, max_pages)
        decisions += decide_cache(listings[target.cache], rules, _read(reader, target.cache))
    return listings, decisions


def _read(reader: RegistryReader, package: Package) -> Reader:
    repository = f"{package.owner}/{package.name}"
    return Reader(
        manifest=lambda digest: reader.manifest(repository, digest),
        referrers=lambda digest: reader.referrers(repository, digest),
    )


def _refuse_changed(client: GitHubClient, listings: dict[Package, Listing], max_pages: int) -> None:
    """Read each listing again: the plan is carried out only on the very state it was made from."""
    for package, listing in listings.items():
        again = client.versions(package, max_pages)
        if _state(again) != _state(listing):
            msg = (
                f"{package.image} changed while prune read it (a version was pushed, tagged, untagged or "
                "deleted meanwhile), so the plan above may no longer hold; nothing was deleted: run prune again"
            )
            raise GitHubError(msg)


def _state(listing: Listing) -> set[tuple[int, str, tuple[str, ...], object]]:
    return {(v.id, v.digest, tuple(sorted(v.tags)), v.updated_at) for v in listing.versions}


def _stopped(decisions: list[Decision], outcome: Outcome) -> GitHubError:
    failed = next(d for d in decisions if outcome.statuses.get(key_of(d)) == FAILED)
    message = outcome.error.message if outcome.error is not None else ""
    msg = (
        f"stopped at version {failed.version.id} of {failed.package.image}: {message}; "
        f"{outcome.count(DELETED)} deleted, {outcome.count(NOT_TRIED)} not deleted (listed above)"
    )
    return GitHubError(msg)


def _target(plan: Plan) -> _Target:
    image = package_of(plan.image)
    if image is None:
        msg = f"prune works on GHCR packages, but the config's image {plan.image!r} is not ghcr.io/OWNER/NAME"
        raise UsageError(msg)
    if plan.cache_repository is None:
        return _Target(image, None, "the config uses no registry cache; only the image package is pruned")
    cache = package_of(plan.cache_repository)
    if cache is None or cache.owner != image.owner:
        note = f"the cache repository {plan.cache_repository} is not a GHCR package of {image.owner}; left alone"
        return _Target(image, None, note)
    if cache == image:  # the config refuses it; the cache rules must never judge released tags
        msg = f"the cache repository {plan.cache_repository} is the image itself; prune judges neither"
        raise UsageError(msg)
    return _Target(image, cache, "")


def _registry_url(option: str | None) -> str:
    try:
        return check_registry_url(option or "https://ghcr.io")
    except ValueError as exc:
        msg = f"--registry-url: {exc}"
        raise UsageError(msg) from None


def _check_limits(settings: PruneSettings) -> None:
    if settings.min_age_hours < 0:
        msg = f"--min-age-hours must not be negative, not {settings.min_age_hours}"
        raise UsageError(msg)
    for name, value in (
        ("--max-pages", settings.max_pages),
        ("--max-requests", settings.max_requests),
        ("--timeout", settings.timeout),
    ):
        if value <= 0:
            msg = f"{name} must be positive, not {value}"
            raise UsageError(msg)
