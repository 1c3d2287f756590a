"""The GitHub REST client, ``GitHubClient``: PyGithub is imported here (and in ``failures``) only then.

Every call goes through ``_call``, which turns PyGithub and ``requests`` exceptions (and answers
of a shape GitHub never sends) into an ``ApiFailure``, lets ``RetryPolicy`` decide (retry with
backoff, wait out a short rate limit, or stop), and raises ``ApiError`` (a ``GitHubError``) with the
token masked. PyGithub gets ``transport.Bounded`` as its ``retry=`` (no retries of its own, no endless
202s, redirects only on the API's origin) and a ``timeout=`` cut to the deadline; no wait runs past the
deadline: when it passes, ``DeadlineExceededError``. With a ``RequestBudget``, every request counts.
"""

from __future__ import annotations

import logging
import math
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
    redact,
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
from bodhi_gen.github.packages import Listing, Package, PackageVersion, delete_op, package_versions, versions_url
from bodhi_gen.github.pages import PageCheck
from bodhi_gen.github.retry import Retry, RetryPolicy, Stop
from bodhi_gen.github.timing import Deadline, Timing
from bodhi_gen.github.transport import Bounded

if TYPE_CHECKING:
    from github.GitRelease import GitRelease
    from github.Repository import Repository
    from github.Workflow import Workflow

    from bodhi_gen.github.timing import RequestBudget

T = TypeVar("T")

_PER_PAGE = 100
_MAX_PACKAGE_PAGES = 20
# An annotated tag may point at another tag; GitHub never nests them deeper than this in practice.
_MAX_TAG_DEPTH = 5
_HEX40 = re.compile(r"[0-9a-f]{40}")
# What PyGithub raises while reading a body of the wrong shape (HTML, truncated JSON, wrong types).
_UNREADABLE = (ValueError, TypeError, KeyError, AttributeError, IndexError)


class GitHubClient:
    """The one client: the standard retry policy; ``deadline`` bounds every request and every wait, and
    ``budget`` (when given) every request sent."""

    def __init__(
        self,
        api_url: str,
        token: str | None,
        *,
        log: Callable[[str], None] = lambda _line: None,
        timing: Timing | None = None,
        http_timeout: int = 30,
        max_retries: int = 4,
        max_rate_limit_wait: float = 60.0,
        deadline: Deadline | None = None,
        budget: RequestBudget | None = None,
    ) -> None:
        # Imported here, not at the top: PyGithub costs ~190 ms, which only a running release should pay.
        from github import Auth, Github, set_log_level

        set_log_level(logging.WARNING)  # its INFO lines (a redirect followed) are not for our users

        self._token = token
        self._policy = RetryPolicy(
            max_retries=max_retries,
            max_rate_limit_wait=max_rate_limit_wait,
            token_present=token is not None,
            api_url=api_url,
        )
        self._timing = timing = timing or Timing()
        self._deadline = deadline or Deadline(timing)
        self._log = log
        self._budget = budget
        self._caught: tuple[type[Exception], ...] = (*api_exceptions(), *_UNREADABLE)
        self._transport = Bounded(api_url)
        self._gh = Github(
            base_url=api_url,
            auth=Auth.Token(token) if token else None,
            # no request outlives --timeout by more than the time it had when the command started
            timeout=max(1, math.ceil(self._deadline.cap(http_timeout))),
            retry=self._transport,
            per_page=_PER_PAGE,
            seconds_between_requests=None,
            seconds_between_writes=None,
        )
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
        """Every tag of the GHCR container package ``owner/name`` (entries without tags are passed over)."""
        package, op = Package(owner, name), ops.read_package(owner, name)
        return self._either_scope(lambda scope: self._tags(versions_url(package, scope), op))

    def _tags(self, url: str, op: Operation) -> list[str]:
        tags: list[str] = []
        for page in range(1, _MAX_PACKAGE_PAGES + 1):
            data = self._get(op, url, {"per_page": _PER_PAGE, "page": page})
            tags.extend(package_version_tags(data))
            if not isinstance(data, list) or len(data) < _PER_PAGE:
                break
        return tags

    def versions(self, package: Package, max_pages: int) -> Listing:
        """Every active version of ``package`` (each checked), over at most ``max_pages`` pages."""
        op = ops.read_package(package.owner, package.name)
        return self._either_scope(lambda scope: self._listing(package, scope, op, max_pages))

    def _either_scope(self, read: Callable[[str], T]) -> T:
        """``read("orgs")``, else ``read("users")`` when the owner is no organization (a 404)."""
        try:
            return read("orgs")
        except ApiError as exc:
            if exc.failure.status != 404:
                raise
        return read("users")

    def delete(self, listing: Listing, version: PackageVersion) -> None:
        op = delete_op(listing.package, version)
        self._call(
            op, partial(self._send, op, "DELETE", f"{versions_url(listing.package, listing.scope)}/{version.id}")
        )

    def _listing(self, package: Package, scope: str, op: Operation, max_pages: int) -> Listing:
        """All or nothing: a listing the page limit cuts short, or that moved while it was read (``pages.py``),
        is an error, because a tag on a page never read could be the one that still needs a manifest."""
        found: list[PackageVersion] = []
        check = PageCheck(_PER_PAGE)
        for page in range(1, max_pages + 1):
            params = {"per_page": _PER_PAGE, "page": page}
            headers, data = self._call(op, partial(self._send, op, "GET", versions_url(package, scope), params))
            page_versions = self._call(op, partial(package_versions, data))
            moved = check.add(page, page_versions, headers.get("link") or headers.get("Link"))
            if moved:
                msg = (
                    f"the version listing of {package.image} changed while it was read ({moved}); a version "
                    "on no page read could be a tag that needs a manifest, so nothing was decided or deleted; "
                    "run prune again when no build is publishing"
                )
                raise ApiError(msg, ApiFailure(200, "listing changed"))
            found += page_versions
            if len(page_versions) < _PER_PAGE:
                return Listing(package, scope, tuple(found))
        msg = (
            f"{package.image} has more than {max_pages * _PER_PAGE} versions (--max-pages {max_pages}); "
            "a partial listing could hide a tag that needs a manifest, so nothing was decided"
        )
        raise ApiError(msg, ApiFailure(200, "listing cut short"))

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
        _, data = self._call(op, partial(self._send, op, "GET", url, params))
        return data

    def _send(self, op: Operation, verb: str, url: str, params: dict[str, Any] | None = None) -> tuple[Any, Any]:
        if self._budget is not None:
            self._budget.take(op.what)
        return self._gh.requester.requestJsonAndCheck(verb, url, params)

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
            if self._deadline.passed():
                failure = ApiFailure(None, "no time left", maybe_sent=False)
                raise DeadlineExceededError(redact(self._deadline_message(op, failure), self._token), failure)
            self._transport.hops = 0
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
