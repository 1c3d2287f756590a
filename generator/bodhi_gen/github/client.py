"""The GitHub REST client: PyGithub is imported here (and in ``failures``) only once a client is built.

Every call goes through ``_call``, which turns PyGithub and ``requests`` exceptions (and answers
of a shape GitHub never sends) into an ``ApiFailure``, lets ``RetryPolicy`` decide (retry with
backoff, wait out a short rate limit, or stop), and raises ``ApiError`` (a ``GitHubError``) with the
token masked. PyGithub's own retries are off; every request goes through ``transport.guard`` (its
timeout cut to the deadline, few redirects and only on the API's host, no endless 202s), and no wait
runs past the deadline: when it passes, ``DeadlineExceededError``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import quote

from bodhi_gen.github import operations as ops
from bodhi_gen.github.failures import (
    ApiError,
    ApiFailure,
    DeadlineExceededError,
    Operation,
    api_exceptions,
    failure_of,
)
from bodhi_gen.github.models import (
    JobInfo,
    ReleaseEntry,
    ReleaseSpec,
    RepoInfo,
    RunInfo,
    SavedRelease,
    WorkflowInfo,
    git_object,
    number,
    optional_text,
    package_version_tags,
    release_entries,
    run_info,
    text,
)
from bodhi_gen.github.redaction import redact
from bodhi_gen.github.retry import Retry, RetryPolicy, Stop
from bodhi_gen.github.timing import Deadline, Timing
from bodhi_gen.github.transport import Limits, guard

if TYPE_CHECKING:
    from github.GitRelease import GitRelease
    from github.Repository import Repository
    from github.Workflow import Workflow

T = TypeVar("T")

_PER_PAGE = 100
_MAX_PACKAGE_PAGES = 20
# An annotated tag may point at another tag; GitHub never nests them deeper than this in practice.
_MAX_TAG_DEPTH = 5
_HEX40 = re.compile(r"[0-9a-f]{40}")
# What PyGithub raises while reading a body of the wrong shape (HTML, truncated JSON, wrong types).
_UNREADABLE = (ValueError, TypeError, KeyError, AttributeError, IndexError)


def connect(
    api_url: str,
    token: str | None,
    *,
    log: Callable[[str], None],
    timing: Timing | None = None,
    http_timeout: int = 30,
    max_retries: int = 4,
    max_rate_limit_wait: float = 60.0,
    deadline: Deadline | None = None,
) -> GitHubClient:
    """A client with the standard retry policy; ``deadline`` bounds every request and every wait."""
    policy = RetryPolicy(
        max_retries=max_retries,
        max_rate_limit_wait=max_rate_limit_wait,
        token_present=token is not None,
        api_url=api_url,
    )
    return GitHubClient(
        api_url=api_url,
        token=token,
        policy=policy,
        http_timeout=http_timeout,
        timing=timing,
        log=log,
        deadline=deadline,
    )


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
        deadline: Deadline | None = None,
    ) -> None:
        # Imported here, not at the top: PyGithub costs ~190 ms, which only a running release should pay.
        from github import Auth, Github

        self._token = token
        self._policy = policy
        self._timing = timing or Timing()
        self._deadline = deadline or Deadline(self._timing)
        self._log = log
        self._caught: tuple[type[Exception], ...] = (*api_exceptions(), *_UNREADABLE)
        self._gh = Github(
            base_url=api_url,
            auth=Auth.Token(token) if token else None,
            timeout=http_timeout,
            retry=None,
            per_page=_PER_PAGE,
            seconds_between_requests=None,
            seconds_between_writes=None,
        )
        guard(self._gh.requester, Limits(http_timeout=http_timeout, deadline=self._deadline))
        self._repos: dict[str, Repository] = {}
        self._workflows: dict[tuple[str, str], Workflow] = {}

    def repository(self, repo: str) -> RepoInfo:
        r = self._repo(repo)
        return self._call(
            ops.read_repo(repo),
            lambda: RepoInfo(
                text(r.full_name, "the repository's full_name"),
                text(r.html_url, "the repository's html_url"),
                text(r.default_branch, "the repository's default_branch"),
            ),
        )

    def workflow(self, repo: str, workflow: str) -> WorkflowInfo:
        wf = self._workflow(repo, workflow)
        return self._call(
            ops.read_workflow(repo, workflow),
            lambda: WorkflowInfo(
                number(wf.id, "the workflow's id"),
                text(wf.name, "the workflow's name"),
                text(wf.path, "the workflow's path"),
                text(wf.html_url, "the workflow's html_url"),
                text(wf.state, "the workflow's state"),
            ),
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
            return self._call(
                op,
                lambda: RunInfo(
                    id=number(result.id, "the dispatched run's id"),
                    html_url=text(result.html_url, "the dispatched run's html_url"),
                ),
            )
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
            lambda: [
                JobInfo(
                    text(j.name, "a job's name"),
                    text(j.status, "a job's status"),
                    optional_text(j.conclusion, "a job's conclusion"),
                    text(j.html_url, "a job's html_url"),
                )
                for j in run.jobs(_filter="latest")
            ],
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

    def save_release(self, repo: str, spec: ReleaseSpec) -> SavedRelease:
        """Create the release of ``spec.tag``, or update the one that exists; its asset is replaced, never doubled.

        Safe to run again: the second run finds the release, rewrites its text and replaces the asset.
        """
        import io

        r = self._repo(repo)
        release = self._release_by_tag(r, repo, spec.tag)
        write = ops.write_release(repo, spec.tag)
        created = release is None
        if release is None:
            release = self._call(
                write,
                lambda: r.create_git_release(
                    spec.tag, spec.name, spec.body, prerelease=spec.prerelease, target_commitish=spec.commit
                ),
            )
        else:
            current = release
            release = self._call(
                write, lambda: current.update_release(spec.name, spec.body, prerelease=spec.prerelease)
            )
        saved = release
        for asset in self._call(write, lambda: [a for a in saved.get_assets() if a.name == spec.asset_name]):
            self._call(write, asset.delete_asset)
        self._call(
            write,
            lambda: saved.upload_asset_from_memory(
                io.BytesIO(spec.asset), len(spec.asset), spec.asset_name, content_type="application/json"
            ),
        )
        return self._call(write, lambda: SavedRelease(text(saved.html_url, "the release's html_url"), created))

    def _release_by_tag(self, r: Repository, repo: str, tag: str) -> GitRelease | None:
        try:
            return self._call(ops.read_release(repo, tag), lambda: r.get_release(tag))
        except ApiError as exc:
            if exc.failure.status == 404:
                return None
            raise

    def tag_commit(self, repo: str, tag: str) -> str:
        """The commit SHA a tag names, following annotated tag objects (``git/tags``) to the commit."""
        op = ops.read_tag(repo, tag)
        answer = self._get(op, f"/repos/{_path(repo)}/git/ref/tags/{quote(tag, safe='')}")
        self._check_owner(repo, tag, answer, expected_ref=f"refs/tags/{tag}")
        target = git_object(answer)
        for _ in range(_MAX_TAG_DEPTH):
            kind, sha = target
            if kind == "commit":
                return sha
            if kind != "tag" or not _HEX40.fullmatch(sha):
                break
            answer = self._get(op, f"/repos/{_path(repo)}/git/tags/{sha}")
            self._check_owner(repo, tag, answer)
            target = git_object(answer)
        msg = f"tag {tag} of {repo} does not lead to a commit (it names a {target[0] or 'missing'} object)"
        raise ApiError(msg, ApiFailure(200, "not a commit"))

    def _check_owner(self, repo: str, tag: str, answer: object, expected_ref: str | None = None) -> None:
        """The answer is about ``repo``'s tag: its ``ref`` and API URLs, where given, say so."""
        if not isinstance(answer, dict):
            return
        found: list[str] = []
        if expected_ref is not None and "ref" in answer and answer["ref"] != expected_ref:
            found.append(f"ref {answer['ref']!r}")
        target = answer.get("object")
        urls = [answer.get("url"), target.get("url") if isinstance(target, dict) else None]
        prefix = f"/repos/{repo}/git/".lower()
        found += [f"URL {url!r}" for url in urls if url is not None and prefix not in str(url).lower()]
        if found:
            msg = (
                f"resolving tag {tag} of {repo}: the answer is about something else ({', '.join(found)}); "
                "no pin was changed"
            )
            raise ApiError(redact(msg, self._token), ApiFailure(200, "another repository's tag", problem="malformed"))

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
            except self._caught as exc:
                failure = failure_of(exc, self._token)
            decision = self._policy.decide(failure, op, attempt, self._timing.wall())
            if self._out_of_time(decision, failure):
                raise DeadlineExceededError(redact(self._deadline_message(op, failure), self._token), failure) from None
            if isinstance(decision, Stop):
                raise ApiError(redact(decision.message, self._token), failure) from None
            self._log(redact(f"{decision.reason}; retrying in {decision.delay:g} s", self._token))
            self._timing.sleep(decision.delay)
            attempt += 1

    def _out_of_time(self, decision: Retry | Stop, failure: ApiFailure) -> bool:
        """A retry that would end past the deadline, or a request the deadline cut short."""
        left = self._deadline.remaining()
        if left is None:
            return False
        if isinstance(decision, Retry):
            return decision.delay >= left
        return failure.status is None and left <= 0

    def _deadline_message(self, op: Operation, failure: ApiFailure) -> str:
        message = f"time ran out while {op.what}"
        if failure.status is None and failure.maybe_sent and not op.idempotent:
            message += "; the request may have reached GitHub, so check the repository's Actions tab"
        return message


def _path(repo: str) -> str:
    owner, _, name = repo.partition("/")
    return f"{quote(owner, safe='')}/{quote(name, safe='')}"
