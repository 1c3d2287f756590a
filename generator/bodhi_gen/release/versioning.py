"""Release versions: strict ``X.Y.Z`` parsing, bumping, and the latest version among image tags."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from bodhi_gen.errors import UsageError
from bodhi_gen.versioning import SEMVER_CORE, SEMVER_RE

# An image tag that starts with a version: "1.2.3", "1.2.3-cpu", "1.2.3-cuda-development".
_TAG = re.compile(rf"^{SEMVER_CORE}(?:-|$)")


class BumpPart(StrEnum):
    MAJOR = "major"
    MINOR = "minor"
    PATCH = "patch"


@dataclass(frozen=True, order=True)
class Version:
    major: int
    minor: int
    patch: int

    def __str__(self) -> str:
        return f"{self.major}.{self.minor}.{self.patch}"

    def bump(self, part: BumpPart) -> Version:
        if part is BumpPart.MAJOR:
            return Version(self.major + 1, 0, 0)
        if part is BumpPart.MINOR:
            return Version(self.major, self.minor + 1, 0)
        return Version(self.major, self.minor, self.patch + 1)


def check_version(text: str) -> str:
    """A bare semantic version (``1.2.3``, ``1.3.0-rc.1``) as the caller workflow takes it."""
    stripped = text.strip()
    if SEMVER_RE.match(stripped):
        return stripped
    hint = ""
    bare = stripped.removeprefix("refs/tags/").rsplit("/", 1)[-1].removeprefix("v")
    if bare != stripped and SEMVER_RE.match(bare):
        hint = f" (did you mean {bare}?)"
    msg = (
        f"--version {text!r} is not a release version: expected a bare semantic version X.Y.Z "
        f"(optionally -prerelease; no 'v' prefix, no leading zeros, no +build){hint}"
    )
    raise UsageError(msg)


def version_of_tag(tag: str) -> Version | None:
    """The version a tag starts with (``1.2.3-cpu`` → 1.2.3); ``None`` for tags like ``latest-cpu``."""
    match = _TAG.match(tag)
    if match is None:
        return None
    major, minor, patch = (int(part) for part in match.groups())
    return Version(major, minor, patch)


def latest_version(tags: Iterable[str]) -> Version | None:
    """The highest version among ``tags``, or ``None`` when no tag starts with one."""
    versions = [v for v in (version_of_tag(tag) for tag in tags) if v is not None]
    return max(versions, default=None)
