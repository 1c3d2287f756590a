"""``bodhi-gen matrix``: the build plan as a table, JSON, or GitHub step outputs."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, TextIO

from bodhi_gen.docker.build import cache_text
from bodhi_gen.errors import UsageError
from bodhi_gen.gha import compact_json
from bodhi_gen.plan.selection import plan_matrix
from bodhi_gen.plan.units import AnyUnit, BinaryUnit, BuildUnit, CacheSpec, Plan, Selection
from bodhi_gen.tables import fit, table

MatrixFormat = Literal["table", "json", "github"]


@dataclass(frozen=True)
class MatrixSettings:
    config_path: Path | None
    output_format: MatrixFormat
    version: str | None
    commit: str | None
    selection: Selection


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
    return f"{table(binaries)}\n{table(rows)}\n{fit(summary)}\n"


# what ``--format json`` prints of each binary and build unit, in this order
BINARY_FIELDS = ("key", "mode", "platform", "arch", "runner", "qemu", "target", "dockerfile", "image", "local_tag")
UNIT_FIELDS = ("variant", "mode", "platform", "arch", "runner", "qemu", "target", "dockerfile", "image", "tags")
SHARED_FIELDS = ("cache_from", "cache_to", "build_args", "labels")
UNIT_EXTRA = ("gpu", "device_flags", "gpu_probe", "run_flags", "llama_source", "free_disk_space", "timeout_minutes")


def as_json(unit: AnyUnit, names: Sequence[str]) -> dict[str, object]:
    """The unit's ``names`` as JSON values: tuples as lists, caches in buildx's text form."""

    def value(found: object) -> object:
        return [cache_text(x) if isinstance(x, CacheSpec) else x for x in found] if isinstance(found, tuple) else found

    return {name: value(getattr(unit, name)) for name in names}


def binary_json(binary: BinaryUnit) -> dict[str, object]:
    return as_json(binary, (*BINARY_FIELDS, *SHARED_FIELDS, "timeout_minutes"))


def unit_json(unit: BuildUnit) -> dict[str, object]:
    return as_json(unit, (*UNIT_FIELDS, *SHARED_FIELDS, *UNIT_EXTRA, "binary"))


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
    out.write(
        render_matrix(
            plan_matrix(settings.config_path, settings.version, settings.commit, settings.selection),
            settings.output_format,
        )
    )
    return 0
