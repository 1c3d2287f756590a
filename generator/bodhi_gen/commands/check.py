"""``bodhi-gen check``: every drift check at once (the pre-commit hook), naming each drifted file."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from bodhi_gen.config.loader import load
from bodhi_gen.config.locate import locate
from bodhi_gen.errors import DriftError
from bodhi_gen.plan.build import build_plan
from bodhi_gen.render import registry
from bodhi_gen.render.output import drifted, out_of_date, refuse_interrupted


@dataclass(frozen=True)
class CheckSettings:
    config_path: Path | None
    out_dir: Path
    only: tuple[str, ...] = ()  # generator names; empty: all of them


def run(settings: CheckSettings, out: TextIO = sys.stdout) -> int:
    generators = registry.select(settings.only)
    refuse_interrupted(settings.out_dir, generators[0].name)  # a run killed mid-write: only a write finishes it
    source = locate(settings.config_path, out_dir=settings.out_dir)
    plan = build_plan(load(source))
    root = settings.out_dir
    problems: list[str] = []
    total = 0
    for generator in generators:
        files = registry.render_marked(generator.name, plan, source.header_name, root)
        total += len(files)
        found = drifted(files, root, registry.stale(generator.name, files, root))
        problems += [f"{problem}  → run `bodhi-gen {generator.name}`" for problem in found]
    if problems:
        raise DriftError(out_of_date(problems, root))
    out.write(f"{total} generated file(s) are up to date ({', '.join(g.name for g in generators)}).\n")
    return 0
