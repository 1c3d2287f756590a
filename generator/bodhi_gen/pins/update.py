"""Move every pin to its newest eligible release: ask GitHub, choose, resolve the tag to its commit.

Which release a pin moves to is pure policy over the releases GitHub lists (``choose``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Protocol

from bodhi_gen.errors import GitHubError
from bodhi_gen.github.models import ReleaseEntry
from bodhi_gen.pins.data import Pin
from bodhi_gen.versions import Version, action_version


@dataclass(frozen=True)
class Choice:
    """The release to move to (``None``: stay), and the newest one the cooldown held back."""

    release: ReleaseEntry | None
    held_back: ReleaseEntry | None = None


def choose(
    current: str, releases: Sequence[ReleaseEntry], *, now: datetime, cooldown: timedelta, any_major: bool
) -> Choice:
    """The newest release above ``current`` (same major unless ``any_major``) that is older than ``cooldown``."""
    current_version = action_version(current)
    if current_version is None:
        return Choice(None)
    newer: list[tuple[Version, ReleaseEntry]] = []
    for entry in releases:
        key = action_version(entry.tag)
        if entry.draft or entry.prerelease or key is None or key <= current_version:
            continue
        if not any_major and key.major != current_version.major:
            continue
        newer.append((key, entry))
    newer.sort(key=lambda item: item[0], reverse=True)
    held_back: ReleaseEntry | None = None
    for _, entry in newer:
        # a release without a publication date is treated as brand new: the cooldown exists to wait
        published = entry.published_at
        if published is None or now - published < cooldown:
            held_back = held_back or entry
            continue
        return Choice(entry, held_back)
    return Choice(None, held_back)


# What a pin may hold: the values end up in `uses:` lines of workflows and of action.yml, so a value
# of any other shape (a newline, a `#`, a space) could add a step; the config's ActionPin agrees.
_SHA = re.compile(r"[0-9a-f]{40}")
_TAG = re.compile(r"v?[0-9]+(\.[0-9]+)*")


class ReleaseSource(Protocol):
    """What the update needs from GitHub (``github.client.GitHubClient`` provides it)."""

    def releases(self, repo: str) -> list[ReleaseEntry]: ...

    def tag_commit(self, repo: str, tag: str) -> str: ...


@dataclass(frozen=True)
class Change:
    old: Pin
    new: Pin


@dataclass(frozen=True)
class Outcome:
    pins: dict[str, Pin]
    changes: list[Change] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # releases the cooldown held back


def repository_of(action: str) -> str:
    """``github/codeql-action/init`` lives in ``github/codeql-action``."""
    owner, name, *_ = action.split("/")
    return f"{owner}/{name}"


def update_pins(
    pins: Mapping[str, Pin],
    source: ReleaseSource,
    *,
    now: datetime,
    cooldown: timedelta,
    any_major: bool,
) -> Outcome:
    updated = dict(pins)
    outcome = Outcome(updated)
    for name, current in sorted(pins.items()):
        repo = repository_of(name)
        picked = choose(current.version, source.releases(repo), now=now, cooldown=cooldown, any_major=any_major)
        if picked.held_back is not None and picked.held_back.published_at is not None:
            age = (now - picked.held_back.published_at).days
            outcome.notes.append(
                f"{name} {picked.held_back.tag}: released {age} day(s) ago, inside the "
                f"{cooldown.days}-day cooldown; not taken"
            )
        elif picked.held_back is not None:
            outcome.notes.append(f"{name} {picked.held_back.tag}: no publication date; not taken")
        release = picked.release
        if release is None:
            continue
        sha = checked_sha(name, release.tag, source.tag_commit(repo, release.tag))
        date = release.published_at.date().isoformat() if release.published_at else ""
        new = replace(current, version=release.tag, sha=sha, date=date)
        if new != current:
            updated[name] = new
            outcome.changes.append(Change(current, new))
    return outcome


def checked_sha(action: str, tag: str, sha: str) -> str:
    """``sha`` if it is a lowercase 40-hex commit SHA and ``tag`` a plain version tag; else a GitHub error."""
    if not _TAG.fullmatch(tag):
        msg = f"{action}: GitHub named release tag {tag!r}, not a version tag like v4.2.0; no pin was changed"
        raise GitHubError(msg)
    if not _SHA.fullmatch(sha):
        msg = (
            f"{action}: GitHub resolved tag {tag} to {sha!r}, not a 40-digit lowercase hex commit SHA; "
            "no pin was changed (check --api-url, or pin by hand)"
        )
        raise GitHubError(msg)
    return sha
