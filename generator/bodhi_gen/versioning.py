"""Release versions: what users type (a tag, vX.Y.Z, X.Y.Z) → the bare semver injected into images."""

from __future__ import annotations

import fnmatch
import re
from dataclasses import dataclass

from bodhi_gen.errors import UsageError

# Semver's core (no leading zeros) and pre-release identifiers. Build metadata ("+...") is never
# accepted: Docker tags cannot carry a "+".
SEMVER_CORE = r"(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)"
_IDENT = r"(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)"
SEMVER_RE = re.compile(rf"^{SEMVER_CORE}(?:-({_IDENT}(?:\.{_IDENT})*))?$")


@dataclass(frozen=True)
class ResolvedVersion:
    version: str
    mode_from_tag: str | None


def resolve_version(raw: str, tag_patterns: dict[str, str]) -> ResolvedVersion:
    """Turn ``docker/v1.2.3``, ``refs/tags/docker-dev/v1.2.3``, ``v1.2.3`` or ``1.2.3`` into 1.2.3.

    A release tag also names its mode (through the config's tag patterns). Build metadata
    (``+…``) is refused: Docker tags cannot carry a ``+``.
    """
    text = raw.strip().removeprefix("refs/tags/")
    mode = next((m for m, pattern in tag_patterns.items() if fnmatch.fnmatchcase(text, pattern)), None)
    if mode is not None:
        prefix = tag_patterns[mode][:-1]  # pattern ends with "v*"; drop the "*"
        text = text[len(prefix) :]
    elif "/" in text:
        known = ", ".join(sorted(tag_patterns.values()))
        msg = f"version {raw!r} is a tag that matches no release tag pattern ({known})"
        raise UsageError(msg)
    bare = text.removeprefix("v")
    if not SEMVER_RE.match(bare):
        msg = f"version {raw!r} is not a semantic version X.Y.Z (optionally -prerelease), nor a release tag"
        raise UsageError(msg)
    return ResolvedVersion(bare, mode)
