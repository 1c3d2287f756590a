"""Which release a pin moves to: pure policy over the releases GitHub lists, no I/O."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from bodhi_gen.github.models import ReleaseEntry
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
