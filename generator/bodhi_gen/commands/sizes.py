"""``bodhi-gen sizes``: each platform image of a version, its compressed size and its growth.

Sizes are read from the registry's manifests (config plus layers: what a pull downloads), for every
(variant, mode, platform) the selection plans, and compared with the image the current
``latest-<variant><suffix>`` tag holds for the same platform, against the variant's growth limit.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal, TextIO

from bodhi_gen.docker.client import docker_client
from bodhi_gen.docker.manifests import ImageSize, tag_sizes
from bodhi_gen.plan.selection import plan_matrix
from bodhi_gen.plan.units import MergeGroup, Selection
from bodhi_gen.publish.sizes import (
    SizeChange,
    check_growth,
    compare,
    previous_sizes,
    render_json,
    render_markdown,
    render_table,
)

if TYPE_CHECKING:
    from python_on_whales import DockerClient

SizesFormat = Literal["table", "json", "github"]
RENDER = {"table": render_table, "json": render_json, "github": render_markdown}


@dataclass(frozen=True)
class SizesSettings:
    config_path: Path | None
    version: str
    selection: Selection = field(default_factory=Selection)
    output_format: SizesFormat = "table"
    check: bool = False


def group_changes(client: DockerClient, group: MergeGroup) -> list[SizeChange]:
    """The group's version tag, per platform, against its latest tag."""
    tag = next(t for t in group.tags if t != group.latest_tag)
    found = tag_sizes(client, tag) or {}
    sizes: dict[str, ImageSize | None] = {p: found.get(p) or found.get("") for p in group.platforms}
    limit = group.growth_limit if group.growth_limit is not None else math.inf
    return compare(group, sizes, previous_sizes(client, group), limit, dict.fromkeys(group.platforms, tag))


def run(
    settings: SizesSettings,
    out: TextIO = sys.stdout,
    client_factory: Callable[[], DockerClient] = docker_client,
) -> int:
    plan = plan_matrix(settings.config_path, settings.version, None, settings.selection)
    client = client_factory()
    changes = [change for group in plan.merges for change in group_changes(client, group)]
    out.write(RENDER[settings.output_format](changes))
    if settings.check:
        check_growth(changes)
    return 0
