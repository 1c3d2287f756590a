"""``bodhi-gen matrix``: the build plan as a table, JSON, or GitHub step outputs."""

from __future__ import annotations

import json
import sys
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Literal, TextIO

from bodhi_gen.config.loader import load_config
from bodhi_gen.errors import UsageError
from bodhi_gen.plan import BuildInfo, Plan, Selection, build_plan
from bodhi_gen.render.environment import compact_json
from bodhi_gen.versions import resolve_version

MatrixFormat = Literal["table", "json", "github"]


@dataclass(frozen=True)
class MatrixSettings:
    config_path: Path | None
    output_format: MatrixFormat
    version: str | None
    commit: str | None
    selection: Selection


def plan_for(settings: MatrixSettings) -> Plan:
    """Resolve the version (a release tag also picks the mode) and build the selected plan."""
    config = load_config(settings.config_path)
    selection = settings.selection
    info = BuildInfo()
    if settings.version:
        resolved = resolve_version(settings.version, config.release.tag_patterns)
        if resolved.mode_from_tag:
            if selection.modes and selection.modes != (resolved.mode_from_tag,):
                msg = (
                    f"release tag {settings.version!r} builds mode {resolved.mode_from_tag!r}, "
                    f"but --modes asks for {', '.join(selection.modes)}"
                )
                raise UsageError(msg)
            selection = Selection(selection.variants, (resolved.mode_from_tag,), selection.platforms)
        info = BuildInfo(version=resolved.version, commit=settings.commit or info.commit)
    elif settings.commit:
        info = BuildInfo(commit=settings.commit)
    return build_plan(config, info, selection)


def _table(plan: Plan) -> str:
    rows = [("VARIANT", "MODE", "PLATFORM", "RUNNER", "QEMU", "TAGS", "CACHE")]
    for unit in plan.units:
        cache = unit.cache_from[0].split(",")[1].split("=", 1)[1] if unit.cache_from else "-"
        tags = " ".join(t.rsplit(":", 1)[1] for t in unit.tags)
        rows.append((unit.variant, unit.mode, unit.platform, unit.runner, "yes" if unit.qemu else "no", tags, cache))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip() for row in rows]
    summary = f"{len(plan.units)} build unit(s), {len(plan.merges)} multi-platform tag set(s) for {plan.config.image}"
    return "\n".join([*lines, "", summary]) + "\n"


def render_matrix(plan: Plan, output_format: MatrixFormat) -> str:
    if output_format == "table":
        return _table(plan)
    if output_format == "json":
        return json.dumps([asdict(unit) for unit in plan.units], indent=2) + "\n"
    build = [unit.matrix_entry() for unit in plan.units]
    merge = [group.matrix_entry() for group in plan.merges]
    return (
        f"build={compact_json(build)}\nmerge={compact_json(merge)}\n"
        f"version={plan.info.version}\ncommit={plan.info.commit}\n"
    )


def matrix(settings: MatrixSettings, out: TextIO = sys.stdout) -> int:
    if settings.output_format == "github" and not settings.version:
        msg = "--format github needs --version (the workflow's version input)"
        raise UsageError(msg)
    out.write(render_matrix(plan_for(settings), settings.output_format))
    return 0
