"""The GitHub REST client: PyGithub is imported here (and in ``failures``) only once a client is built.

Every call goes through ``_call``, which turns PyGithub and ``requests`` exceptions into an
``ApiFailure``, lets ``RetryPolicy`` decide (retry with backoff, wait out a short rate limit, or stop),
and raises ``ApiError`` (a ``GitHubError``) with the token masked. PyGithub's own retries are off.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import quote

from bodhi_gen.github import operations as ops
from bodhi_gen.github.failures import ApiError, ApiFailure, Operation, api_exceptions, failure_of
from bodhi_gen.github.models import (
    JobInfo,
    ReleaseEntry,
    RepoInfo,
    RunInfo,
    WorkflowInfo,
    git_object,
    package_version_tags,
    release_entries,
    run_info,
)
from bodhi_gen.github.redaction import redact
from bodhi_gen.github.retry import RetryPolicy, Stop
from bodhi_gen.github.timing import Timing

if TYPE_CHECKING:
    from github.Repository import Repository
    from github.Workflow import Workflow

T = TypeVar("T")

_PER_PAGE = 100
_MAX_PACKAGE_PAGES = 20
# An annotated tag may point at another tag; GitHub never nests them deeper than this in practice.
_MAX_TAG_DEPTH = 5


def connect(
    api_url: str,
    token: str | None,
    *,
    log: Callable[[str], None],
    timing: Timing | None = None,
    http_timeout: int = 30,
    max_retries: int = 4,
    max_rate_limit_wait: float = 60.0,
) -> GitHubClient:
    """A client with the standard retry policy."""
    policy = RetryPolicy(
        max_retries=max_retries,
        max_rate_limit_wait=max_rate_limit_wait,
        token_present=token is not None,
        api_url=api_url,
    )
    return GitHubClient(api_url=api_url, token=token, policy=policy, http_timeout=http_timeout, timing=timing, log=log)


class GitHubClient:
    def __init__(
        self,
        *,
        api_url: str,
        token: str | None,
        policy: RetryPolicy,
        http_timeout: int = 30,
        timing: Timing | None = None,
        log: Callable[[str], None] = lambda _line: None,
    ) -> None:
        # Imported here, not at the top: PyGithub costs ~190 ms, which only a running release should pay.
        from github import Auth, Github

        self._token = token
        self._policy = policy
        self._timing = timing or Timing()
        self._log = log
        self._api_errors = api_exceptions()
        self._gh = Github(
            base_url=api_url,
            auth=Auth.Token(token) if token else None,
            timeout=http_timeout,
            retry=None,
            per_page=_PER_PAGE,
            seconds_between_requests=None,
            seconds_between_writes=None,
        )
        self._repos: dict[str, Repository] = {}
        self._workflows: dict[tuple[str, str], Workflow] = {}

    def repository(self, repo: str) -> RepoInfo:
        r = self._repo(repo)
        return self._call(ops.read_repo(repo), lambda: RepoInfo(r.full_name, r.html_url, r.default_branch))

    def workflow(self, repo: str, workflow: str) -> WorkflowInfo:
        wf = self._workflow(repo, workflow)
        return self._call(
            ops.read_workflow(repo, workflow),
            lambda: WorkflowInfo(wf.id, wf.name, wf.path, wf.html_url, wf.state),
        )

    def dispatch(self, repo: str, workflow: str, ref: str, inputs: dict[str, str], *, details: bool) -> RunInfo | None:
        """Dispatch; the new run when the server returns its details (``details=True`` asks for them)."""
        from github.WorkflowRun import WorkflowRun

        wf = self._workflow(repo, workflow)
        op = ops.dispatch(repo, workflow, ref)
        if details:
            result: object = self._call(
                op, lambda: wf.create_dispatch(ref, inputs, throw=True, return_run_details=True)
            )
        else:
            result = self._call(op, lambda: wf.create_dispatch(ref, inputs, throw=True))
        # Servers that ignore return_run_details answer 204 without a body, and PyGithub returns True.
        if isinstance(result, WorkflowRun):
            return self._call(op, lambda: RunInfo(id=result.id, html_url=result.html_url))
        return None

    def dispatch_runs(self, repo: str, workflow: str, created_since: str, branch: str | None) -> list[RunInfo]:
        """Runs of ``workflow`` started by ``workflow_dispatch`` since ``created_since`` (ISO 8601, UTC)."""
        wf = self._workflow(repo, workflow)
        extra: dict[str, Any] = {"branch": branch} if branch else {}
        return self._call(
            ops.list_runs(repo, workflow),
            lambda: [
                run_info(run) for run in wf.get_runs(event="workflow_dispatch", created=f">={created_since}", **extra)
            ],
        )

    def run_with_jobs(self, repo: str, run_id: int) -> tuple[RunInfo, list[JobInfo]]:
        r = self._repo(repo)
        op = ops.read_run(repo, run_id)
        run = self._call(op, lambda: r.get_workflow_run(run_id))
        info = self._call(op, lambda: run_info(run))
        jobs = self._call(
            op,
            lambda: [JobInfo(j.name, j.status, j.conclusion, j.html_url) for j in run.jobs(_filter="latest")],
        )
        return info, jobs

    def package_tags(self, owner: str, name: str) -> list[str]:
        """Every tag of the GHCR container package ``owner/name``, whether ``owner`` is an org or a user."""
        path = f"{quote(owner, safe='')}/packages/container/{quote(name, safe='')}/versions"
        op = ops.read_package(owner, name)
        try:
            return self._versions_tags(f"/orgs/{path}", op)
        except ApiError as exc:
            if exc.failure.status != 404:
                raise
        return self._versions_tags(f"/users/{path}", op)

    def _versions_tags(self, url: str, op: Operation) -> list[str]:
        tags: list[str] = []
        for page in range(1, _MAX_PACKAGE_PAGES + 1):
            data = self._get(op, url, {"per_page": _PER_PAGE, "page": page})
            tags.extend(package_version_tags(data))
            if not isinstance(data, list) or len(data) < _PER_PAGE:
                break
        return tags

    def releases(self, repo: str) -> list[ReleaseEntry]:
        """The newest releases of ``repo`` (one page, newest first), drafts and prereleases included."""
        op = ops.list_releases(repo)
        data = self._get(op, f"/repos/{_path(repo)}/releases", {"per_page": _PER_PAGE, "page": 1})
        return release_entries(data)

    def tag_commit(self, repo: str, tag: str) -> str:
        """The commit SHA a tag names, following annotated tag objects (``git/tags``) to the commit."""
        op = ops.read_tag(repo, tag)
        target = git_object(self._get(op, f"/repos/{_path(repo)}/git/ref/tags/{quote(tag, safe='')}"))
        for _ in range(_MAX_TAG_DEPTH):
            kind, sha = target
            if kind == "commit":
                return sha
            if kind != "tag":
                break
            target = git_object(self._get(op, f"/repos/{_path(repo)}/git/tags/{sha}"))
        msg = f"tag {tag} of {repo} does not lead to a commit (it names a {target[0] or 'missing'} object)"
        raise ApiError(msg, ApiFailure(200, "not a commit"))

    def _get(self, op: Operation, url: str, params: dict[str, Any] | None = None) -> object:
        """A GET the PyGithub objects do not cover; the decoded JSON answer."""
        _, data = self._call(op, partial(self._gh.requester.requestJsonAndCheck, "GET", url, params))
        return data

    def _repo(self, repo: str) -> Repository:
        if repo not in self._repos:
            self._repos[repo] = self._call(ops.read_repo(repo), lambda: self._gh.get_repo(repo))
        return self._repos[repo]

    def _workflow(self, repo: str, workflow: str) -> Workflow:
        key = (repo, workflow)
        if key not in self._workflows:
            r = self._repo(repo)
            self._workflows[key] = self._call(ops.read_workflow(repo, workflow), lambda: r.get_workflow(workflow))
        return self._workflows[key]

    def _call(self, op: Operation, fn: Callable[[], T]) -> T:
        attempt = 0
        while True:
            try:
                return fn()
            except self._api_errors as exc:
                failure = failure_of(exc, self._token)
            decision = self._policy.decide(failure, op, attempt, self._timing.wall())
            if isinstance(decision, Stop):
                raise ApiError(redact(decision.message, self._token), failure) from None
            self._log(redact(f"{decision.reason}; retrying in {decision.delay:g} s", self._token))
            self._timing.sleep(decision.delay)
            attempt += 1


def _path(repo: str) -> str:
    owner, _, name = repo.partition("/")
    return f"{quote(owner, safe='')}/{quote(name, safe='')}"
