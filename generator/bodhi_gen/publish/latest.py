"""``latest-*`` moves only forward: whether a publish moves each latest tag, from the version it names now.

A back-port release (1.2.5 after 1.3.0) publishes its version tag and leaves ``latest-*`` where it is.
The version a latest tag names is its image's version label; a missing tag (the first release) moves,
and so does one whose version cannot be read, with a note saying so.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, TextIO

from bodhi_gen.docker.imagetools import TagLabel, tag_label
from bodhi_gen.errors import UsageError
from bodhi_gen.plan.units import MergeGroup
from bodhi_gen.versions import SEMVER_RE, is_newer

if TYPE_CHECKING:
    from python_on_whales import DockerClient

# the image config label the current latest-* tag's version is read from (the plan sets it from BODHI_VERSION)
VERSION_LABEL = "org.opencontainers.image.version"
LATEST = "latest"


@dataclass(frozen=True)
class LatestDecision:
    tag: str
    move: bool
    note: str = ""  # why it stays, or why it moved without a version to compare


def latest_versions(group: MergeGroup) -> dict[str, str]:
    """Each ``latest-*`` tag of ``group`` -> the version its sibling tag publishes (``latest-cpu`` -> 1.2.5).

    The plan names both tags alike (``<image>:<prefix>-<variant><suffix>``), so the version is the prefix
    of the tag with the same tail; a latest tag without a release-version sibling is left out.
    """
    head = f"{group.image}:"
    found: dict[str, str] = {}
    for tag in group.tags:
        if not tag.startswith(f"{head}{LATEST}"):
            continue
        tail = tag.removeprefix(f"{head}{LATEST}")
        for other in group.tags:
            prefix = other.removeprefix(head).removesuffix(tail)
            if other != tag and other.endswith(tail) and SEMVER_RE.match(prefix):
                found[tag] = prefix
    return found


def decide_latest(tag: str, version: str, current: TagLabel) -> LatestDecision:
    """Move ``tag`` to ``version`` unless it names a newer version now (semver order, pre-release first)."""
    if not current.found:  # the first release
        return LatestDecision(tag, move=True)
    if current.value is None:
        note = f"{tag}: moved to {version} without comparing: cannot read the version it named ({current.problem})"
        return LatestDecision(tag, move=True, note=note)
    try:
        newer = is_newer(current.value, version)
    except UsageError:
        note = f"{tag}: moved to {version} without comparing: it named {current.value!r}, not a version"
        return LatestDecision(tag, move=True, note=note)
    if newer:
        note = f"{tag} not moved: it names {current.value}, newer than {version} (a back-port release)"
        return LatestDecision(tag, move=False, note=note)
    return LatestDecision(tag, move=True)


def decide(client: DockerClient, group: MergeGroup) -> list[LatestDecision]:
    """Whether each latest tag of ``group`` moves, from the version its image is labelled with now."""
    return [
        decide_latest(tag, version, tag_label(client, tag, VERSION_LABEL))
        for tag, version in latest_versions(group).items()
    ]


@dataclass(frozen=True)
class TagMoves:
    """What a publish does with a group's tags: those it points at the new index, the latest ones it holds."""

    tags: tuple[str, ...]
    held: tuple[str, ...]
    notes: tuple[str, ...]


def tag_moves(client: DockerClient, group: MergeGroup, err: TextIO) -> TagMoves:
    """``decide`` for every latest tag of ``group``; each decision's note is said on ``err``."""
    decisions = decide(client, group)
    held = tuple(d.tag for d in decisions if not d.move)
    notes = tuple(d.note for d in decisions if d.note)
    for note in notes:
        err.write(f"{note}\n")
    return TagMoves(tuple(tag for tag in group.tags if tag not in held), held, notes)
