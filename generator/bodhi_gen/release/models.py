"""Plain records of what the API returned: nothing outside the client touches a PyGithub object."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

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
