"""``bodhi-gen publish``: merge the per-platform digests of one (variant, mode) into its tags, then verify.

The index is read back from the registry under every tag: each expected platform must be listed,
and every tag must name the same index. ``latest-*`` only moves forward: a back-port release (1.2.5
after 1.3.0) publishes its version tag and leaves ``latest-*`` where it is. The verified index is then
copied to the config's mirrors (``publish_mirrors.py``).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from bodhi_gen.commands.publish_latest import tag_moves
from bodhi_gen.commands.publish_mirrors import (
    Mirrored,
    mirror_outputs,
    mirror_rows,
    planned_mirrors,
    publish_mirrors,
)
from bodhi_gen.commands.size_check import (
    SizeChange,
    change_json,
    check_growth,
    compare,
    measure_sources,
    previous_sizes,
    render_table,
    size_rows,
)
from bodhi_gen.digests import DigestRecord, read_records, select_digests
from bodhi_gen.docker.client import buildx_client
from bodhi_gen.docker.imagetools import IndexInfo, create_index, inspect_index
from bodhi_gen.errors import DockerError
from bodhi_gen.gha import SummaryRow, append_outputs, append_summary
from bodhi_gen.plan.selection import UnitSelection, resolve_merge
from bodhi_gen.plan.units import MergeGroup

if TYPE_CHECKING:
    from python_on_whales import DockerClient


@dataclass(frozen=True)
class PublishSettings:
    selection: UnitSelection
    digests_dir: Path
    platforms: tuple[str, ...] = ()
    github_output: Path | None = None
    summary_file: Path | None = None
    json_output: bool = False
    dry_run: bool = False


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


def _result(group: MergeGroup, records: dict[str, DigestRecord], index: Published | None) -> dict[str, object]:
    data: dict[str, object] = {
        "image": group.image,
        "variant": group.variant,
        "mode": group.mode,
        "tags": list(group.tags),
        "platforms": list(group.platforms),
        "sources": {platform: record.source for platform, record in records.items()},
    }
    if index is not None:
        data |= {
            "digest": index.digest,
            "media_type": index.media_type,
            "listed_platforms": list(index.platforms),
            "tags": list(index.tags),
            "latest_held": list(index.held),
            "notes": list(index.notes),
            "sizes": [change_json(change) for change in index.sizes],
        }
        if index.mirrors:
            data["mirrors"] = [m.as_json() for m in index.mirrors]
    return data


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


def _report(settings: PublishSettings, group: MergeGroup, index: Published) -> None:
    if settings.github_output is not None:
        append_outputs(
            settings.github_output,
            {
                "digest": index.digest,
                "image": group.image,
                "tags": ",".join(index.tags),
                "platforms": ",".join(group.platforms),
                # the latest-* tags this back-port release left where they were (empty: none)
                "latest-held": ",".join(index.held),
                **mirror_outputs(index.mirrors),
                # each platform image's size against the latest tag's (JSON, as `bodhi-gen sizes --format json`)
                "sizes": json.dumps([change_json(c) for c in index.sizes], separators=(",", ":")),
            },
        )
    if settings.summary_file is not None:
        append_summary(settings.summary_file, [*publish_rows(group, index), *mirror_rows(group, index.mirrors)])


def run(
    settings: PublishSettings,
    out: TextIO = sys.stdout,
    err: TextIO = sys.stderr,
    client_factory: Callable[[], DockerClient] = buildx_client,
) -> int:
    target = resolve_merge(settings.selection, settings.platforms)
    group = target.group
    records = select_digests(
        read_records(settings.digests_dir), group.image, group.variant, group.mode, group.platforms
    )
    if settings.dry_run:
        planned = _result(group, records, None) | ({"mirrors": planned_mirrors(group)} if group.mirrors else {})
        out.write(json.dumps(planned, indent=2) + "\n")
        return 0
    index = merge_digests(client_factory(), group, records, err)
    _report(settings, group, index)
    if settings.json_output:
        out.write(json.dumps(_result(group, records, index), indent=2) + "\n")
    else:
        out.write(f"published {group.image}@{index.digest}\n")
        out.write(f"tags: {', '.join(index.tags)}\nplatforms: {', '.join(index.platforms)}\n")
        out.writelines(f"note: {note}\n" for note in index.notes)
        out.writelines(f"mirrored to {m.image}: {', '.join(m.tags)}\n" for m in index.mirrors)
        out.write(render_table(index.sizes) if index.sizes else "")
    return 0
