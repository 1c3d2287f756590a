"""Resolve what to dispatch (ref, version, inputs), dispatch it, and find the run it started."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from bodhi_gen.errors import GitHubError, UsageError
from bodhi_gen.github.client import GitHubClient
from bodhi_gen.github.failures import ApiError
from bodhi_gen.github.models import RepoInfo, RunInfo, WorkflowInfo
from bodhi_gen.github.timing import Timing
from bodhi_gen.release.request import DispatchRequest
from bodhi_gen.versions import Version, latest_version

# Runs are matched by creation time; allow for our clock running ahead of GitHub's.
CLOCK_SKEW_S = 5.0
_FIND_INTERVAL_MAX_S = 2.0
_SHA = re.compile(r"^[0-9a-f]{40}$")


@dataclass(frozen=True)
class DispatchPlan:
    request: DispatchRequest
    repo: RepoInfo
    workflow: WorkflowInfo
    ref: str
    version: str
    previous_version: Version | None  # the latest published one, with --bump

    @property
    def variants(self) -> tuple[str, ...]:
        return self.request.variants

    @property
    def mode(self) -> str:
        return self.request.mode

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


def plan_dispatch(request: DispatchRequest, client: GitHubClient) -> DispatchPlan:
    """Read what the dispatch needs (repository, workflow, latest version); no writes."""
    repo = client.repository(request.repo)
    workflow = client.workflow(request.repo, request.workflow)
    if workflow.state != "active":
        msg = (
            f"workflow {request.workflow} in {request.repo} is {workflow.state}, so it cannot be "
            "dispatched; enable it in the repository's Actions tab"
        )
        raise GitHubError(msg)
    version, previous = _resolve_version(request, client)
    return DispatchPlan(
        request=request,
        repo=repo,
        workflow=workflow,
        ref=request.ref or repo.default_branch,
        version=version,
        previous_version=previous,
    )


@dataclass(frozen=True)
class RunSearch:
    """How to look for the run when the server does not say which run the dispatch started."""

    poll_interval: float
    timeout: float


def dispatch(
    plan: DispatchPlan,
    client: GitHubClient,
    timing: Timing,
    log: Callable[[str], None],
    search: RunSearch,
) -> RunInfo | None:
    """Dispatch the workflow; the run it started, or ``None`` when it could not be found in time."""
    repo, workflow = plan.request.repo, plan.request.workflow
    since = timing.wall() - CLOCK_SKEW_S
    try:
        run = client.dispatch(repo, workflow, plan.ref, plan.inputs, details=True)
    except ApiError as exc:
        if not _run_details_unsupported(exc):
            raise
        # An older server (e.g. Enterprise Server) rejects the parameter and dispatched nothing.
        log("the server does not return run details; dispatching without them")
        run = client.dispatch(repo, workflow, plan.ref, plan.inputs, details=False)
    if run is not None:
        return run
    log("the server did not say which run it started; looking for it among the workflow's runs")
    return _find_run(plan, client, timing, since, search)


def _resolve_version(request: DispatchRequest, client: GitHubClient) -> tuple[str, Version | None]:
    if request.version is not None:
        return request.version, None
    package, bump = request.package, request.bump
    if package is None or bump is None:  # the command sets both whenever version is None
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
    plan: DispatchPlan, client: GitHubClient, timing: Timing, since: float, search: RunSearch
) -> RunInfo | None:
    created_since = datetime.fromtimestamp(int(since), UTC)
    branch = _branch_of(plan.ref)
    deadline = timing.monotonic() + search.timeout
    interval = min(search.poll_interval, _FIND_INTERVAL_MAX_S)
    request = plan.request
    while True:
        runs = client.dispatch_runs(
            request.repo, request.workflow, created_since.strftime("%Y-%m-%dT%H:%M:%SZ"), branch
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
