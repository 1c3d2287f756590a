"""Plain records of what the API returned: nothing outside the client touches a PyGithub object."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

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


def run_info(run: WorkflowRun) -> RunInfo:
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


def release_entries(data: object) -> list[ReleaseEntry]:
    """The ``GET /repos/{repo}/releases`` answer; anything malformed is skipped."""
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


def package_version_tags(data: object) -> list[str]:
    """The tags in one page of a container package's versions."""
    tags: list[str] = []
    for version in data if isinstance(data, list) else []:
        container = (version.get("metadata") or {}).get("container") or {}
        tags.extend(str(tag) for tag in container.get("tags") or [])
    return tags


def git_object(data: object) -> tuple[str, str]:
    """A git ref or tag object's target: (type, sha); empty strings when the answer has none."""
    target = data.get("object") if isinstance(data, dict) else None
    if not isinstance(target, dict):
        return "", ""
    return str(target.get("type") or ""), str(target.get("sha") or "")


def _timestamp(value: object) -> datetime | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
