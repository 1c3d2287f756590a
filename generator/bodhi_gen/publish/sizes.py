"""Image sizes against the images they replace: the arithmetic, the gate, and the table in three formats.

Shared by ``bodhi-gen sizes`` (a report) and ``bodhi-gen publish`` (the gate, checked before any tag
moves). An image is compared with the image the group's ``latest-*`` tag holds for the same platform;
without one (the first release, a new platform) there is nothing to compare, and it passes.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from bodhi_gen.docker.manifests import ImageSize, platform_sizes, tag_sizes
from bodhi_gen.errors import SizeLimitError
from bodhi_gen.gha import SummaryRow, markdown_table
from bodhi_gen.plan.units import MergeGroup
from bodhi_gen.tables import table

if TYPE_CHECKING:
    from python_on_whales import DockerClient


@dataclass(frozen=True)
class SizeChange:
    """One platform image of a (variant, mode), its size and that of the image it replaces (bytes)."""

    variant: str
    mode: str
    platform: str
    size: int | None  # None: the image is not in the registry
    previous: int | None  # None: nothing to compare with
    limit: float  # the % it may grow
    ref: str = ""  # the image measured
    previous_ref: str = ""  # the tag it is compared with

    @property
    def growth(self) -> float | None:
        """The change in %, None without two sizes (or from an empty image)."""
        if self.size is None or not self.previous:
            return None
        return (self.size - self.previous) * 100 / self.previous

    @property
    def over_limit(self) -> bool:
        return self.growth is not None and self.growth > self.limit


def previous_sizes(client: DockerClient, group: MergeGroup) -> dict[str, ImageSize]:
    """platform -> the image the current latest tag holds; empty on the first release."""
    tag = group.latest_tag
    return (tag_sizes(client, tag) if tag else None) or {}


def compare(
    group: MergeGroup,
    sizes: Mapping[str, ImageSize | None],
    previous: Mapping[str, ImageSize],
    limit: float,
    refs: Mapping[str, str],
) -> list[SizeChange]:
    """One change per platform of ``sizes``; a previous image without a platform counts for every one."""
    changes = []
    for platform, now in sizes.items():
        before = previous.get(platform) or previous.get("")
        size, previous_size = (None if image is None else image.size for image in (now, before))
        previous_ref = (group.latest_tag or "") if before is not None else ""
        ref = refs.get(platform, "")
        changes.append(SizeChange(group.variant, group.mode, platform, size, previous_size, limit, ref, previous_ref))
    return changes


def measure_sources(client: DockerClient, sources: Mapping[str, str]) -> dict[str, ImageSize | None]:
    """platform -> size of the image ``sources[platform]`` names (a digest ref, possibly an index)."""
    found: dict[str, ImageSize | None] = {}
    for platform, ref in sources.items():
        images = platform_sizes(client, ref, platform)
        found[platform] = images.get(platform) or images.get("")
    return found


def check_growth(changes: Sequence[SizeChange]) -> None:
    """Raise ``SizeLimitError`` naming every image over its limit."""
    over = [c for c in changes if c.over_limit]
    if over:
        lines = [
            f"{c.variant}/{c.mode} {c.platform}: {human(c.previous)} -> {human(c.size)} "
            f"({percent(c.growth)} against {c.previous_ref}), over the limit of {c.limit:g}%"
            for c in over
        ]
        msg = "; ".join(lines) + "; no tag was moved"
        raise SizeLimitError(msg)


def human(size: int | None) -> str:
    """Bytes in decimal units, as registries show them (``-`` when unknown)."""
    if size is None:
        return "-"
    value = float(size)
    for unit in ("B", "kB", "MB", "GB"):
        if value < 1000 or unit == "GB":
            return f"{size} B" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1000
    return f"{value:.1f} GB"  # pragma: no cover - the loop always returns


def percent(growth: float | None) -> str:
    return "-" if growth is None else f"{growth:+.1f}%"


HEADERS = ("VARIANT", "MODE", "PLATFORM", "SIZE", "PREVIOUS", "CHANGE", "LIMIT")


def _cells(change: SizeChange) -> tuple[str, ...]:
    verdict = " (over)" if change.over_limit else ""
    return (
        change.variant,
        change.mode,
        change.platform,
        human(change.size),
        human(change.previous),
        percent(change.growth) + verdict,
        f"{change.limit:g}%",
    )


def render_table(changes: Sequence[SizeChange]) -> str:
    return table([HEADERS, *(_cells(c) for c in changes)])


def change_json(change: SizeChange) -> dict[str, object]:
    return {
        "variant": change.variant,
        "mode": change.mode,
        "platform": change.platform,
        "image": change.ref,
        "size": change.size,
        "previous": change.previous,
        "previous_image": change.previous_ref or None,
        "change_percent": None if change.growth is None else round(change.growth, 2),
        "limit_percent": change.limit,
        "over_limit": change.over_limit,
    }


def render_json(changes: Sequence[SizeChange]) -> str:
    return json.dumps([change_json(c) for c in changes], indent=2) + "\n"


def render_markdown(changes: Sequence[SizeChange]) -> str:
    """A Markdown table for the job summary (``--format github``)."""
    return markdown_table("bodhi-gen image sizes", [h.title() for h in HEADERS], map(_cells, changes))


def _before(change: SizeChange) -> str:
    if not change.previous_ref:
        return "no latest image to compare with"
    tag = change.previous_ref.rsplit(":", 1)[-1]
    return f"{tag} holds {human(change.previous)} ({percent(change.growth)})"


def size_rows(image: str, changes: Sequence[SizeChange]) -> list[SummaryRow]:
    """One row of the images table per platform: its size and change, for the merge job's summary."""
    return [
        SummaryRow(
            step="size",
            image=image,
            platform=c.platform,
            digest=None,
            tags=(),
            result=f"{human(c.size)}; {_before(c)}; limit {c.limit:g}%" + ("; OVER THE LIMIT" if c.over_limit else ""),
        )
        for c in changes
    ]
