"""Which release a pin moves to: pure policy over the releases GitHub lists, no I/O."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from bodhi_gen.release.models import ReleaseEntry

_VERSION = re.compile(r"^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?$")


def version_key(tag: str) -> tuple[int, int, int] | None:
    """``v4.2`` → ``(4, 2, 0)``; ``None`` for tags that are not plain versions (``v4-beta``, ``latest``)."""
    match = _VERSION.match(tag)
    if match is None:
        return None
    major, minor, patch = (int(part or 0) for part in match.groups())
    return major, minor, patch


@dataclass(frozen=True)
class Choice:
    """The release to move to (``None``: stay), and the newest one the cooldown held back."""

    release: ReleaseEntry | None
    held_back: ReleaseEntry | None = None


def choose(
    current: str, releases: Sequence[ReleaseEntry], *, now: datetime, cooldown: timedelta, any_major: bool
) -> Choice:
    """The newest release above ``current`` (same major unless ``any_major``) that is older than ``cooldown``."""
    current_key = version_key(current)
    if current_key is None:
        return Choice(None)
    newer: list[tuple[tuple[int, int, int], ReleaseEntry]] = []
    for entry in releases:
        key = version_key(entry.tag)
        if entry.draft or entry.prerelease or key is None or key <= current_key:
            continue
        if not any_major and key[0] != current_key[0]:
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
