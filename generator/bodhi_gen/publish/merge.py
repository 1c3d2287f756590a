"""Merge the per-platform digests of one (variant, mode) into its tags, then verify what the registry serves.

The index is read back from the registry under every tag: each expected platform must be listed,
and every tag must name the same index. ``latest-*`` only moves forward (``latest.py``). The verified
index is then copied to the group's mirrors (``mirrors.py``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, TextIO

from bodhi_gen.digests import DigestRecord
from bodhi_gen.docker.imagetools import IndexInfo, create_index, inspect_index
from bodhi_gen.errors import DockerError
from bodhi_gen.gha import SummaryRow
from bodhi_gen.plan.units import MergeGroup
from bodhi_gen.publish.latest import tag_moves
from bodhi_gen.publish.mirrors import Mirrored, publish_mirrors
from bodhi_gen.publish.sizes import SizeChange, check_growth, compare, measure_sources, previous_sizes, size_rows

if TYPE_CHECKING:
    from python_on_whales import DockerClient


@dataclass(frozen=True)
class Published(IndexInfo):
    """The verified index, the tags now naming it, and the latest tags left where they were."""

    tags: tuple[str, ...] = ()
    held: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    mirrors: tuple[Mirrored, ...] = ()  # the copies in the config's mirrors, same digest
    sizes: tuple[SizeChange, ...] = ()  # each platform image against the latest tag's (empty: not checked)


def verify_index(group: MergeGroup, indexes: dict[str, IndexInfo]) -> IndexInfo:
    """Every tag names one index, and that index lists every platform of the group."""
    digests = {tag: info.digest for tag, info in indexes.items()}
    if len(set(digests.values())) != 1:
        listing = ", ".join(f"{tag} -> {digest}" for tag, digest in digests.items())
        msg = f"the tags do not name one index: {listing}"
        raise DockerError(msg)
    index = next(iter(indexes.values()))
    missing = [p for p in group.platforms if p not in index.platforms]
    if missing:
        listed = ", ".join(index.platforms) or "no platform"
        msg = f"{group.tags[0]} lists {listed}, but not {', '.join(missing)}"
        raise DockerError(msg)
    return index


def size_gate(client: DockerClient, group: MergeGroup, records: dict[str, DigestRecord]) -> tuple[SizeChange, ...]:
    """Each platform image against the one the latest tag holds now; over the group's limit: ``SizeLimitError``."""
    if group.growth_limit is None:
        return ()
    sources = {platform: record.source for platform, record in records.items()}
    previous = previous_sizes(client, group)
    changes = compare(group, measure_sources(client, sources), previous, group.growth_limit, sources)
    check_growth(changes)
    return tuple(changes)


def merge_digests(client: DockerClient, group: MergeGroup, records: dict[str, DigestRecord], err: TextIO) -> Published:
    """Name the platforms' images under the group's tags as one index, and check what the registry serves;
    then copy that index to every mirror of the group.

    A ``latest-*`` tag that names a newer version than this release's is left out (and said so on ``err``).
    With the group's growth limit, every platform image is first measured against the one the latest tag
    holds: one grown by more than that many % stops the publish before any tag moves.
    """
    sizes = size_gate(client, group, records)
    sources = list(dict.fromkeys(record.source for record in records.values()))
    moves = tag_moves(client, group, err)
    tags, held, notes = moves.tags, moves.held, moves.notes
    err.write(f"merging {len(sources)} digest(s) into {', '.join(tags)}\n")
    create_index(client, sources, tags)
    index = verify_index(group, {tag: inspect_index(client, tag) for tag in tags})
    copies = publish_mirrors(client, group, index, err)
    notes += tuple(note for copy in copies for note in copy.notes)
    return Published(
        index.digest, index.media_type, index.platforms, tags=tags, held=held, notes=notes, mirrors=copies, sizes=sizes
    )


def published_tags(group: MergeGroup, index: IndexInfo) -> tuple[str, ...]:
    return index.tags if isinstance(index, Published) else group.tags


def publish_row(group: MergeGroup, index: IndexInfo) -> SummaryRow:
    notes = index.notes if isinstance(index, Published) else ()
    return SummaryRow(
        step="publish",
        image=group.image,
        platform=", ".join(group.platforms),
        digest=index.digest,
        tags=published_tags(group, index),
        result="; ".join((f"index lists {', '.join(index.platforms)}", *notes)),
    )


def publish_rows(group: MergeGroup, index: IndexInfo) -> list[SummaryRow]:
    """The publish row, then one row per platform image with its size and growth."""
    sizes = index.sizes if isinstance(index, Published) else ()
    return [publish_row(group, index), *size_rows(group.image, sizes)]
