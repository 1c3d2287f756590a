"""The GitHub adapter: the only module that imports PyGithub, and only once a client is built.

Every call goes through ``_call``, which turns PyGithub and ``requests`` exceptions into an
``ApiFailure``, lets ``RetryPolicy`` decide (retry with backoff, wait out a short rate limit, or stop),
and raises ``ApiError`` (a ``GitHubError``) with the token masked. PyGithub's own retries are off.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import quote

from bodhi_gen.errors import GitHubError
from bodhi_gen.release import operations as ops
from bodhi_gen.release.failures import ApiFailure, Operation, RetryPolicy, Stop
from bodhi_gen.release.models import JobInfo, ReleaseEntry, RepoInfo, RunInfo, WorkflowInfo
from bodhi_gen.release.redact import redact
from bodhi_gen.release.timing import Timing

if TYPE_CHECKING:
    from datetime import datetime

    from github.Repository import Repository
    from github.Workflow import Workflow
    from github.WorkflowRun import WorkflowRun

T = TypeVar("T")

_PER_PAGE = 100
_MAX_PACKAGE_PAGES = 20
# An annotated tag may point at another tag; GitHub never nests them deeper than this in practice.
_MAX_TAG_DEPTH = 5
_OBJECT_PREFIX = re.compile(r"^<[^>]*>:\s*|^\w+Pool\([^)]*\):\s*")


class ApiError(GitHubError):
    """A GitHub call failed for good; ``failure`` keeps what GitHub answered, for callers that recover."""

    def __init__(self, message: str, failure: ApiFailure) -> None:
        super().__init__(message)
        self.failure = failure


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
        import requests
        from github import Auth, Github
        from github.GithubException import BadAttributeException, GithubException

        self._token = token
        self._policy = policy
        self._timing = timing or Timing()
        self._log = log
        self._api_errors: tuple[type[Exception], ...] = (
            GithubException,
            BadAttributeException,
            requests.RequestException,
        )
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
                _run_info(run) for run in wf.get_runs(event="workflow_dispatch", created=f">={created_since}", **extra)
            ],
        )

    def run_with_jobs(self, repo: str, run_id: int) -> tuple[RunInfo, list[JobInfo]]:
        r = self._repo(repo)
        op = ops.read_run(repo, run_id)
        run = self._call(op, lambda: r.get_workflow_run(run_id))
        info = self._call(op, lambda: _run_info(run))
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
            params = {"per_page": _PER_PAGE, "page": page}
            _, data = self._call(op, partial(self._gh.requester.requestJsonAndCheck, "GET", url, params))
            versions = data if isinstance(data, list) else []
            for version in versions:
                container = (version.get("metadata") or {}).get("container") or {}
                tags.extend(str(tag) for tag in container.get("tags") or [])
            if len(versions) < _PER_PAGE:
                break
        return tags

    def releases(self, repo: str) -> list[ReleaseEntry]:
        """The newest releases of ``repo`` (one page, newest first), drafts and prereleases included."""
        op = ops.list_releases(repo)
        params = {"per_page": _PER_PAGE, "page": 1}
        _, data = self._call(
            op, partial(self._gh.requester.requestJsonAndCheck, "GET", f"/repos/{_path(repo)}/releases", params)
        )
        return [
            ReleaseEntry(
                tag=str(item.get("tag_name") or ""),
                published_at=_timestamp(item.get("published_at")),
                draft=bool(item.get("draft")),
                prerelease=bool(item.get("prerelease")),
            )
            for item in (data if isinstance(data, list) else [])
            if isinstance(item, dict)
        ]

    def tag_commit(self, repo: str, tag: str) -> str:
        """The commit SHA a tag names, following annotated tag objects (``git/tags``) to the commit."""
        op = ops.read_tag(repo, tag)
        request = self._gh.requester.requestJsonAndCheck
        _, data = self._call(op, partial(request, "GET", f"/repos/{_path(repo)}/git/ref/tags/{quote(tag, safe='')}"))
        target = _git_object(data)
        for _ in range(_MAX_TAG_DEPTH):
            kind, sha = target
            if kind == "commit":
                return sha
            if kind != "tag":
                break
            _, data = self._call(op, partial(request, "GET", f"/repos/{_path(repo)}/git/tags/{sha}"))
            target = _git_object(data)
        msg = f"tag {tag} of {repo} does not lead to a commit (it names a {target[0] or 'missing'} object)"
        raise ApiError(msg, ApiFailure(200, "not a commit"))

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
                failure = self._failure_of(exc)
            decision = self._policy.decide(failure, op, attempt, self._timing.wall())
            if isinstance(decision, Stop):
                raise ApiError(redact(decision.message, self._token), failure) from None
            self._log(redact(f"{decision.reason}; retrying in {decision.delay:g} s", self._token))
            self._timing.sleep(decision.delay)
            attempt += 1

    def _failure_of(self, exc: Exception) -> ApiFailure:
        import requests
        from github.GithubException import GithubException

        if isinstance(exc, GithubException):
            headers = {str(k).lower(): str(v) for k, v in (exc.headers or {}).items()}
            return ApiFailure(exc.status, redact(_server_message(exc.data), self._token), headers)
        if not isinstance(exc, requests.RequestException):  # BadAttributeException: a malformed answer
            return ApiFailure(200, redact(f"unexpected answer from the API: {exc}", self._token))
        return ApiFailure(None, redact(_connection_message(exc), self._token), maybe_sent=_maybe_sent(exc))


def _path(repo: str) -> str:
    owner, _, name = repo.partition("/")
    return f"{quote(owner, safe='')}/{quote(name, safe='')}"


def _git_object(data: object) -> tuple[str, str]:
    target = data.get("object") if isinstance(data, dict) else None
    if not isinstance(target, dict):
        return "", ""
    return str(target.get("type") or ""), str(target.get("sha") or "")


def _timestamp(value: object) -> datetime | None:
    from datetime import datetime

    if not isinstance(value, str) or not value:
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None


def _run_info(run: WorkflowRun) -> RunInfo:
    created: datetime | None = run.created_at
    return RunInfo(
        id=run.id,
        html_url=run.html_url,
        status=run.status,
        conclusion=run.conclusion,
        created_at=created,
        display_title=run.display_title or "",
        head_branch=run.head_branch,
    )


def _server_message(data: object) -> str:
    if not isinstance(data, dict):
        return ""
    message = str(data.get("message") or "")
    details = [
        str(err.get("message") or err.get("code") or "") if isinstance(err, dict) else str(err)
        for err in data.get("errors") or []
    ]
    return "; ".join(part for part in [message, *details] if part)


def _connection_message(exc: Exception) -> str:
    reason = getattr(exc.args[0], "reason", None) if exc.args else None
    text = str(reason or exc)
    return _OBJECT_PREFIX.sub("", text) or type(exc).__name__


def _maybe_sent(exc: Exception) -> bool:
    import requests
    from urllib3.exceptions import NewConnectionError

    if isinstance(exc, requests.ConnectTimeout):
        return False
    reason = getattr(exc.args[0], "reason", None) if exc.args else None
    return not isinstance(reason, NewConnectionError)
