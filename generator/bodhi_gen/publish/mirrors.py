"""Mirrors: copy the index a publish just verified to every ``mirrors:`` repository, then check each copy.

A mirror gets the primary's tags under its own repository, copied from the primary's index by digest
(``imagetools create --tag <mirror>:<tag> <primary>@<digest>``), so every registry serves one digest.
Each copy is read back like the primary: every tag must name the primary's digest and list its
platforms. ``latest-*`` moves only forward in each mirror, judged by what that mirror's tag names now.
Every mirror is tried; the error names the mirrors that failed and the registries that hold the tags.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, TextIO

from bodhi_gen.docker.imagetools import IndexInfo, copy_index, inspect_index
from bodhi_gen.errors import DockerError
from bodhi_gen.gha import SummaryRow
from bodhi_gen.plan.units import MergeGroup
from bodhi_gen.publish.latest import tag_moves

if TYPE_CHECKING:
    from python_on_whales import DockerClient


@dataclass(frozen=True)
class Mirrored:
    """One mirror's copy of the index: the tags now naming it there, and the latest tags left where they were."""

    image: str
    digest: str
    platforms: tuple[str, ...]
    tags: tuple[str, ...]
    held: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()

    def as_json(self) -> dict[str, object]:
        return {
            "image": self.image,
            "digest": self.digest,
            "listed_platforms": list(self.platforms),
            "tags": list(self.tags),
            "latest_held": list(self.held),
        }


def mirror_group(group: MergeGroup, image: str) -> MergeGroup:
    """``group`` with its tags moved to repository ``image`` (``ghcr.io/o/app:1.2.3-cpu`` -> ``<image>:1.2.3-cpu``)."""
    head = f"{group.image}:"
    return replace(group, image=image, tags=tuple(f"{image}:{tag.removeprefix(head)}" for tag in group.tags))


def check_copy(primary: IndexInfo, indexes: dict[str, IndexInfo]) -> None:
    """Every tag read back from the mirror names the primary's index, with the primary's platforms."""
    for tag, index in indexes.items():
        if index.digest != primary.digest:
            msg = f"{tag} names {index.digest or 'no index'}, not {primary.digest}"
            raise DockerError(msg)
        if sorted(index.platforms) != sorted(primary.platforms):
            listed = ", ".join(index.platforms) or "no platform"
            msg = f"{tag} lists {listed}, not {', '.join(primary.platforms)}"
            raise DockerError(msg)


def copy_to_mirror(client: DockerClient, group: MergeGroup, primary: IndexInfo, image: str, err: TextIO) -> Mirrored:
    """Copy the primary's index (``group.image@primary.digest``) to ``image`` under the group's tags, and check it."""
    target = mirror_group(group, image)
    moves = tag_moves(client, target, err)
    err.write(f"copying {primary.digest} to {', '.join(moves.tags)}\n")
    # One tag receives the copy, then the others name it inside the mirror (only the index is pushed again):
    # one buildx push of the same children to several tags at once can PUT an index before its children
    # have landed, and the registry refuses it (400).
    first, *rest = moves.tags
    copy_index(client, f"{group.image}@{primary.digest}", [first])
    check_copy(primary, {first: inspect_index(client, first)})
    if rest:
        copy_index(client, f"{image}@{primary.digest}", rest)
        check_copy(primary, {tag: inspect_index(client, tag) for tag in rest})
    return Mirrored(image, primary.digest, primary.platforms, moves.tags, moves.held, moves.notes)


def publish_mirrors(client: DockerClient, group: MergeGroup, primary: IndexInfo, err: TextIO) -> tuple[Mirrored, ...]:
    """Copy the verified primary index to every mirror of the group; raise one error naming each that failed."""
    done: list[Mirrored] = []
    failed: list[str] = []
    for mirror in group.mirrors:
        try:
            done.append(copy_to_mirror(client, group, primary, mirror.image, err))
        except DockerError as exc:
            failed.append(f"mirror {mirror.image}: {exc.message}")
    if failed:
        holding = ", ".join([group.image, *(m.image for m in done)])
        missing = ", ".join(m.image for m in group.mirrors if m.image not in {d.image for d in done})
        msg = "\n".join([*failed, f"the tags are published to {holding}; not to {missing}"])
        raise DockerError(msg)
    return tuple(done)


def planned_mirrors(group: MergeGroup) -> list[dict[str, object]]:
    """What a dry run reports: each mirror and the tags it would get."""
    return [{"image": m.image, "tags": list(mirror_group(group, m.image).tags)} for m in group.mirrors]


def mirror_outputs(mirrored: Sequence[Mirrored]) -> dict[str, str]:
    """Step outputs: the mirrors' tags (none without mirrors, so a config without them has the same outputs)."""
    if not mirrored:
        return {}
    return {"mirror-tags": ",".join(tag for m in mirrored for tag in m.tags)}


def mirror_rows(group: MergeGroup, mirrored: Sequence[Mirrored]) -> list[SummaryRow]:
    return [
        SummaryRow(
            step="mirror",
            image=m.image,
            platform=", ".join(group.platforms),
            digest=m.digest,
            tags=m.tags,
            result="; ".join((f"same index as {group.image}", *m.notes)),
        )
        for m in mirrored
    ]
