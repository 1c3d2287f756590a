"""Versions, parsed in one place: the release semver, release tags, image tags and action release tags.

A release version is a bare semantic version (``1.2.3``, ``1.3.0-rc.1``): it is injected into images
and becomes Docker tags, so build metadata (``+…``) is never accepted. ``Version`` is its numeric
core, which orders, bumps and reads back the versions published as image or action release tags.
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from bodhi_gen.errors import UsageError

# Semver's core (no leading zeros) and pre-release identifiers.
SEMVER_CORE = r"(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)"
_IDENT = r"(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)"
SEMVER_RE = re.compile(rf"^{SEMVER_CORE}(?:-({_IDENT}(?:\.{_IDENT})*))?$")
# An image tag that starts with a version: "1.2.3", "1.2.3-cpu", "1.2.3-cuda-development".
_IMAGE_TAG = re.compile(rf"^{SEMVER_CORE}(?:-|$)")
# An action's release tag: "v4", "v4.2", "v4.2.1" (pre-releases such as "v4-beta" are not versions).
_ACTION_TAG = re.compile(r"^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?$")


class BumpPart(StrEnum):
    MAJOR = "major"
    MINOR = "minor"
    PATCH = "patch"


@dataclass(frozen=True, order=True)
class Version:
    """A version's numeric core; ordering is numeric (0.10.0 > 0.9.0)."""

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


@dataclass(frozen=True)
class ResolvedVersion:
    version: str
    mode_from_tag: str | None


def resolve_version(raw: str, tag_patterns: dict[str, str]) -> ResolvedVersion:
    """Turn ``docker/v1.2.3``, ``refs/tags/docker-dev/v1.2.3``, ``v1.2.3`` or ``1.2.3`` into 1.2.3.

    A release tag also names its mode (through the config's tag patterns).
    """
    version, pattern = resolve_tag(raw, tuple(tag_patterns.values()))
    mode = next((m for m, p in tag_patterns.items() if p == pattern), None) if pattern else None
    return ResolvedVersion(version, mode)


def resolve_tag(raw: str, patterns: tuple[str, ...]) -> tuple[str, str | None]:
    """(bare version, the pattern the release tag matched or None for a plain version) of ``raw``.

    Each pattern is a prefix and ``v*``; the config keeps them from overlapping, so one matches at most.
    """
    text = raw.strip().removeprefix("refs/tags/")
    pattern = next((p for p in patterns if fnmatch.fnmatchcase(text, p)), None)
    if pattern is not None:
        text = text[len(pattern) - 1 :]  # pattern ends with "v*"; drop the prefix before the "v"
    elif "/" in text:
        known = ", ".join(sorted(patterns))
        msg = f"version {raw!r} is a tag that matches no release tag pattern ({known})"
        raise UsageError(msg)
    bare = text.removeprefix("v")
    if not SEMVER_RE.match(bare):
        msg = f"version {raw!r} is not a semantic version X.Y.Z (optionally -prerelease), nor a release tag"
        raise UsageError(msg)
    return bare, pattern


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
    """The version an image tag starts with (``1.2.3-cpu`` → 1.2.3); ``None`` for tags like ``latest-cpu``."""
    match = _IMAGE_TAG.match(tag)
    if match is None:
        return None
    major, minor, patch = (int(part) for part in match.groups())
    return Version(major, minor, patch)


def latest_version(tags: Iterable[str]) -> Version | None:
    """The highest version among image ``tags``, or ``None`` when no tag starts with one."""
    versions = [v for v in (version_of_tag(tag) for tag in tags) if v is not None]
    return max(versions, default=None)


def action_version(tag: str) -> Version | None:
    """An action's release tag as a version: ``v4.2`` → 4.2.0; ``None`` for ``v4-beta`` or ``latest``."""
    match = _ACTION_TAG.match(tag)
    if match is None:
        return None
    major, minor, patch = (int(part or 0) for part in match.groups())
    return Version(major, minor, patch)


def semver_key(text: str) -> tuple[int, int, int, int, tuple[tuple[int, int | str], ...]]:
    """A sort key for a bare semantic version, in semver precedence: 1.3.0-rc.1 < 1.3.0 < 1.3.1.

    A pre-release sorts before its release; its identifiers compare numerically when numeric, else as
    text, numeric before text, and a longer list after its own prefix. A non-version is a ``UsageError``.
    """
    match = SEMVER_RE.match(text)
    if match is None:
        msg = f"{text!r} is not a semantic version X.Y.Z (optionally -prerelease)"
        raise UsageError(msg)
    major, minor, patch, pre = match.groups()
    if pre is None:
        return int(major), int(minor), int(patch), 1, ()
    idents = tuple((0, int(part)) if part.isdigit() else (1, part) for part in pre.split("."))
    return int(major), int(minor), int(patch), 0, idents


def is_newer(candidate: str, than: str) -> bool:
    """Whether bare semantic version ``candidate`` comes after ``than`` (equal versions are not newer)."""
    return semver_key(candidate) > semver_key(than)
