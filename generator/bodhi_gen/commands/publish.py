"""``bodhi-gen publish``: merge the per-platform digests of one (variant, mode) into its tags, then verify.

A back-port release (1.2.5 after 1.3.0) publishes its version tag and leaves ``latest-*`` where it is;
the verified index is then copied to the config's mirrors (``bodhi_gen.publish``).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from bodhi_gen.digests import DigestRecord, read_records, select_digests
from bodhi_gen.docker.client import buildx_client
from bodhi_gen.gha import append_outputs, append_summary
from bodhi_gen.plan.selection import UnitSelection, resolve_merge
from bodhi_gen.plan.units import MergeGroup
from bodhi_gen.publish.merge import Published, merge_digests, publish_rows
from bodhi_gen.publish.mirrors import mirror_outputs, mirror_rows, planned_mirrors
from bodhi_gen.publish.sizes import change_json, render_table

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
