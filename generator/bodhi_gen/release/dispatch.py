"""Resolve what to dispatch (ref, version, inputs), dispatch it, and find the run it started."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from bodhi_gen.errors import GitHubError, UsageError
from bodhi_gen.release.client import ApiError, GitHubClient
from bodhi_gen.release.models import RepoInfo, RunInfo, WorkflowInfo
from bodhi_gen.release.settings import ReleaseSettings
from bodhi_gen.release.timing import Timing
from bodhi_gen.release.versioning import Version, latest_version

# Runs are matched by creation time; allow for our clock running ahead of GitHub's.
CLOCK_SKEW_S = 5.0
_FIND_INTERVAL_MAX_S = 2.0
_SHA = re.compile(r"^[0-9a-f]{40}$")


@dataclass(frozen=True)
class DispatchPlan:
    repo: RepoInfo
    workflow: WorkflowInfo
    ref: str
    version: str
    previous_version: Version | None  # the latest published one, with --bump
    variants: tuple[str, ...]
    mode: str

    @property
    def inputs(self) -> dict[str, str]:
        """The caller workflow's ``workflow_dispatch`` inputs (all strings; empty variants = all)."""
        return {"version": self.version, "variants": ",".join(self.variants), "mode": self.mode}

    @property
    def workflow_file(self) -> str:
        return self.workflow.path.rsplit("/", 1)[-1]

    @property
    def runs_url(self) -> str:
        return f"{self.repo.html_url}/actions/workflows/{self.workflow_file}"


def plan_dispatch(settings: ReleaseSettings, client: GitHubClient) -> DispatchPlan:
    """Read what the dispatch needs (repository, workflow, latest version); no writes."""
    repo = client.repository(settings.repo)
    workflow = client.workflow(settings.repo, settings.workflow)
    if workflow.state != "active":
        msg = (
            f"workflow {settings.workflow} in {settings.repo} is {workflow.state}, so it cannot be "
            "dispatched; enable it in the repository's Actions tab"
        )
        raise GitHubError(msg)
    version, previous = _resolve_version(settings, client)
    return DispatchPlan(
        repo=repo,
        workflow=workflow,
        ref=settings.ref or repo.default_branch,
        version=version,
        previous_version=previous,
        variants=settings.variants,
        mode=settings.mode,
    )


def dispatch(
    plan: DispatchPlan,
    settings: ReleaseSettings,
    client: GitHubClient,
    timing: Timing,
    log: Callable[[str], None],
) -> RunInfo | None:
    """Dispatch the workflow; the run it started, or ``None`` when it could not be found in time."""
    since = timing.wall() - CLOCK_SKEW_S
    try:
        run = client.dispatch(settings.repo, settings.workflow, plan.ref, plan.inputs, details=True)
    except ApiError as exc:
        if not _run_details_unsupported(exc):
            raise
        # An older server (e.g. Enterprise Server) rejects the parameter and dispatched nothing.
        log("the server does not return run details; dispatching without them")
        run = client.dispatch(settings.repo, settings.workflow, plan.ref, plan.inputs, details=False)
    if run is not None:
        return run
    log("the server did not say which run it started; looking for it among the workflow's runs")
    return _find_run(plan, settings, client, timing, since)


def _resolve_version(settings: ReleaseSettings, client: GitHubClient) -> tuple[str, Version | None]:
    if settings.version is not None:
        return settings.version, None
    package, bump = settings.package, settings.bump
    if package is None or bump is None:  # build_settings sets both whenever version is None
        msg = "--bump needs the config's GHCR image"
        raise UsageError(msg)
    tags = client.package_tags(package.owner, package.name)
    latest = latest_version(tags)
    if latest is None:
        msg = (
            f"--bump {bump}: no published version of {package.image} found "
            f"(among {len(tags)} tags); pass --version X.Y.Z for the first release"
        )
        raise UsageError(msg)
    return str(latest.bump(bump)), latest


def _run_details_unsupported(exc: ApiError) -> bool:
    return exc.failure.status in (400, 422) and "return_run_details" in exc.failure.message


def _find_run(
    plan: DispatchPlan, settings: ReleaseSettings, client: GitHubClient, timing: Timing, since: float
) -> RunInfo | None:
    created_since = datetime.fromtimestamp(int(since), UTC)
    branch = _branch_of(plan.ref)
    deadline = timing.monotonic() + settings.find_run_timeout
    interval = min(settings.poll_interval, _FIND_INTERVAL_MAX_S)
    while True:
        runs = client.dispatch_runs(
            settings.repo, settings.workflow, created_since.strftime("%Y-%m-%dT%H:%M:%SZ"), branch
        )
        found = pick_run(runs, created_since, plan.version)
        if found is not None:
            return found
        remaining = deadline - timing.monotonic()
        if remaining <= 0:
            return None
        timing.sleep(min(interval, remaining))


def pick_run(runs: list[RunInfo], created_since: datetime, version: str) -> RunInfo | None:
    """Our run among the candidates: created since the dispatch, its title naming the version if any
    does (the caller workflow's ``run-name`` may echo it), and then the earliest."""
    fresh = [r for r in runs if r.created_at is None or r.created_at >= created_since]
    titled = [r for r in fresh if version in r.display_title]
    candidates = titled or fresh
    if not candidates:
        return None
    return min(candidates, key=lambda r: (r.created_at or created_since, r.id))


def _branch_of(ref: str) -> str | None:
    if _SHA.match(ref):
        return None
    return ref.removeprefix("refs/heads/").removeprefix("refs/tags/")
