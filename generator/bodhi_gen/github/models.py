"""Plain records of what the API returned: nothing outside the client touches a PyGithub object."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from bodhi_gen.github.failures import malformed

if TYPE_CHECKING:
    from github.WorkflowRun import WorkflowRun

# A job or run that ended with one of these conclusions failed the release.
FAILED_CONCLUSIONS = frozenset({"failure", "cancelled", "timed_out", "startup_failure", "action_required"})


@dataclass(frozen=True)
class RepoInfo:
    full_name: str
    html_url: str
    default_branch: str


@dataclass(frozen=True)
class ReleaseSpec:
    """A GitHub Release as bodhi-gen writes it: one per release tag, with one JSON asset."""

    tag: str
    name: str
    body: str
    prerelease: bool
    commit: str  # where GitHub creates the tag when it does not exist yet
    asset_name: str
    asset: bytes


@dataclass(frozen=True)
class SavedRelease:
    html_url: str
    created: bool  # False: an existing release of the tag was updated


@dataclass(frozen=True)
class WorkflowInfo:
    id: int
    name: str
    path: str
    html_url: str
    state: str


@dataclass(frozen=True)
class RunInfo:
    id: int
    html_url: str
    status: str | None = None  # queued, in_progress, completed, ...
    conclusion: str | None = None
    created_at: datetime | None = None
    display_title: str = ""
    head_branch: str | None = None

    @property
    def completed(self) -> bool:
        return self.status == "completed"


@dataclass(frozen=True)
class JobInfo:
    name: str
    status: str
    conclusion: str | None
    html_url: str

    @property
    def done(self) -> bool:
        return self.status == "completed"

    @property
    def failed(self) -> bool:
        return self.conclusion in FAILED_CONCLUSIONS


@dataclass(frozen=True)
class ReleaseEntry:
    """One GitHub release of an action's repository, as ``pins --update`` weighs it."""

    tag: str
    published_at: datetime | None
    draft: bool
    prerelease: bool


def text(value: object, what: str) -> str:
    """A string field of an answer; anything else is a malformed answer."""
    if not isinstance(value, str):
        raise malformed(what, value)
    return value


def optional_text(value: object, what: str) -> str | None:
    return None if value is None else text(value, what)


def number(value: object, what: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise malformed(what, value)
    return value


def run_info(run: WorkflowRun) -> RunInfo:
    created: object = run.created_at
    return RunInfo(
        id=number(run.id, "the run's id"),
        html_url=text(run.html_url, "the run's html_url"),
        status=optional_text(run.status, "the run's status"),
        conclusion=optional_text(run.conclusion, "the run's conclusion"),
        created_at=created if isinstance(created, datetime) else None,
        display_title=optional_text(run.display_title, "the run's display_title") or "",
        head_branch=optional_text(run.head_branch, "the run's head_branch"),
    )


def release_entries(data: object) -> list[ReleaseEntry]:
    """The ``GET /repos/{repo}/releases`` answer; anything malformed is skipped."""
    return [
        ReleaseEntry(
            tag=item["tag_name"] if isinstance(item.get("tag_name"), str) else "",
            published_at=_timestamp(item.get("published_at")),
            draft=bool(item.get("draft")),
            prerelease=bool(item.get("prerelease")),
        )
        for item in (data if isinstance(data, list) else [])
        if isinstance(item, dict)
    ]


def package_version_tags(data: object) -> list[str]:
    """The tags in one page of a container package's versions."""
    tags: list[str] = []
    for version in data if isinstance(data, list) else []:
        metadata = version.get("metadata") if isinstance(version, dict) else None
        container = metadata.get("container") if isinstance(metadata, dict) else None
        found = container.get("tags") if isinstance(container, dict) else None
        tags.extend(tag for tag in (found if isinstance(found, list) else []) if isinstance(tag, str))
    return tags


def git_object(data: object) -> tuple[str, str]:
    """A git ref or tag object's target: (type, sha); empty strings when the answer has none."""
    target = data.get("object") if isinstance(data, dict) else None
    if not isinstance(target, dict):
        return "", ""
    kind, sha = target.get("type"), target.get("sha")
    return (kind if isinstance(kind, str) else ""), (sha if isinstance(sha, str) else "")


def _timestamp(value: object) -> datetime | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
