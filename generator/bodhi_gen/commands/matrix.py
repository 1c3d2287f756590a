"""``bodhi-gen matrix``: the build plan as a table, JSON, or GitHub step outputs."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, TextIO

from bodhi_gen.config.loader import load_config
from bodhi_gen.docker.build import cache_text
from bodhi_gen.errors import UsageError
from bodhi_gen.plan.build import build_plan
from bodhi_gen.plan.release_lines import line_variants, resolve_release
from bodhi_gen.plan.units import BinaryUnit, BuildInfo, BuildUnit, Plan, Selection
from bodhi_gen.render.environment import compact_json

MatrixFormat = Literal["table", "json", "github"]


@dataclass(frozen=True)
class MatrixSettings:
    config_path: Path | None
    output_format: MatrixFormat
    version: str | None
    commit: str | None
    selection: Selection


def plan_for(settings: MatrixSettings) -> Plan:
    """Resolve the version (a release tag also picks the mode, and its line the variants) and build the plan."""
    config = load_config(settings.config_path)
    selection = settings.selection
    info = BuildInfo()
    if settings.version:
        resolved = resolve_release(settings.version, config)
        if resolved.mode:
            if selection.modes and selection.modes != (resolved.mode,):
                msg = (
                    f"release tag {settings.version!r} builds mode {resolved.mode!r}, "
                    f"but --modes asks for {', '.join(selection.modes)}"
                )
                raise UsageError(msg)
            variants = line_variants(resolved, selection.variants, settings.version)
            selection = Selection(variants, (resolved.mode,), selection.platforms)
        info = BuildInfo(version=resolved.version, commit=settings.commit or info.commit)
    elif settings.commit:
        info = BuildInfo(commit=settings.commit)
    return build_plan(config, info, selection)


def _table(plan: Plan) -> str:
    rows = [("VARIANT", "MODE", "PLATFORM", "RUNNER", "QEMU", "TAGS", "CACHE")]
    for unit in plan.units:
        cache = unit.cache_from[0].location if unit.cache_from else "-"
        tags = " ".join(t.rsplit(":", 1)[1] for t in unit.tags)
        rows.append((unit.variant, unit.mode, unit.platform, unit.runner, "yes" if unit.qemu else "no", tags, cache))
    binaries = [("BINARY", "MODE", "PLATFORM", "RUNNER", "QEMU", "RUST IMAGE", "CACHE")]
    for binary in plan.binaries:
        cache = binary.cache_from[0].location if binary.cache_from else "-"
        qemu = "yes" if binary.qemu else "no"
        rust = binary.build_args["RUST_IMAGE"]
        binaries.append((binary.key, binary.mode, binary.platform, binary.runner, qemu, rust, cache))
    summary = (
        f"{len(plan.binaries)} binary build(s), {len(plan.units)} build unit(s), "
        f"{len(plan.merges)} multi-platform tag set(s) for {plan.image}"
    )
    return "\n".join([*_aligned(binaries), "", *_aligned(rows), "", summary]) + "\n"


def _aligned(rows: Sequence[tuple[str, ...]]) -> list[str]:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return ["  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip() for row in rows]


def binary_json(binary: BinaryUnit) -> dict[str, object]:
    return {
        "key": binary.key,
        "mode": binary.mode,
        "platform": binary.platform,
        "arch": binary.arch,
        "runner": binary.runner,
        "qemu": binary.qemu,
        "target": binary.target,
        "dockerfile": binary.dockerfile,
        "image": binary.image,
        "local_tag": binary.local_tag,
        "cache_from": [cache_text(spec) for spec in binary.cache_from],
        "cache_to": [cache_text(spec) for spec in binary.cache_to],
        "build_args": binary.build_args,
        "labels": binary.labels,
        "timeout_minutes": binary.timeout_minutes,
    }


def unit_json(unit: BuildUnit) -> dict[str, object]:
    """One unit as ``--format json`` has always printed it (caches in buildx's text form)."""
    return {
        "variant": unit.variant,
        "mode": unit.mode,
        "platform": unit.platform,
        "arch": unit.arch,
        "runner": unit.runner,
        "qemu": unit.qemu,
        "target": unit.target,
        "dockerfile": unit.dockerfile,
        "image": unit.image,
        "tags": list(unit.tags),
        "cache_from": [cache_text(spec) for spec in unit.cache_from],
        "cache_to": [cache_text(spec) for spec in unit.cache_to],
        "build_args": unit.build_args,
        "labels": unit.labels,
        "gpu": unit.gpu,
        "device_flags": list(unit.device_flags),
        "gpu_probe": list(unit.gpu_probe),
        "run_flags": list(unit.run_flags),
        "llama_source": unit.llama_source,
        "free_disk_space": unit.free_disk_space,
        "timeout_minutes": unit.timeout_minutes,
        "binary": unit.binary,
    }


def render_matrix(plan: Plan, output_format: MatrixFormat) -> str:
    if output_format == "table":
        return _table(plan)
    if output_format == "json":
        data = {"binaries": [binary_json(b) for b in plan.binaries], "units": [unit_json(u) for u in plan.units]}
        return json.dumps(data, indent=2) + "\n"
    binary = [unit.matrix_entry() for unit in plan.binaries]
    build = [unit.matrix_entry() for unit in plan.units]
    merge = [group.matrix_entry() for group in plan.merges]
    return (
        f"binary={compact_json(binary)}\nbuild={compact_json(build)}\nmerge={compact_json(merge)}\n"
        f"version={plan.info.version}\ncommit={plan.info.commit}\n"
    )


def run(settings: MatrixSettings, out: TextIO = sys.stdout) -> int:
    if settings.output_format == "github" and not settings.version:
        msg = "--format github needs --version (the workflow's version input)"
        raise UsageError(msg)
    out.write(render_matrix(plan_for(settings), settings.output_format))
    return 0
