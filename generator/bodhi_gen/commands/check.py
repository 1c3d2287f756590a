"""``bodhi-gen check``: every drift check at once (the pre-commit hook), naming each drifted file."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from bodhi_gen.config.loader import load
from bodhi_gen.config.locate import locate, project_root
from bodhi_gen.errors import DriftError
from bodhi_gen.plan.build import build_plan
from bodhi_gen.render import registry
from bodhi_gen.render.output import drifted, out_of_date, refuse_interrupted, show_diffs


@dataclass(frozen=True)
class CheckSettings:
    config_path: Path | None
    out_dir: Path | None  # None: the project root
    only: tuple[str, ...] = ()  # generator names; empty: those the config uses (registry.wanted)
    diff: bool = False  # print each drifted file's unified diff


def run(settings: CheckSettings, out: TextIO = sys.stdout) -> int:
    registry.select(settings.only)  # an unknown name is a usage error before anything is read
    root = settings.out_dir or project_root()
    refuse_interrupted(root, "workflows")  # a run killed mid-write: only a write finishes it
    source = locate(settings.config_path, out_dir=root)
    plan = build_plan(load(source))
    wanted = registry.wanted(plan)
    names = settings.only or wanted
    rendered = registry.render_marked(names, plan, source.header_name, root)
    problems = drifted(rendered.files, root, rendered.stale)
    if problems:
        show_diffs(problems, out if settings.diff else None)
        lines = []
        for problem in problems:
            owner = rendered.owner.get(problem.path, names[0])
            # `workflows` writes every file the config uses; the other generators only their own
            lines.append(f"{problem}  → run `bodhi-gen {'workflows' if owner in wanted else owner}`")
        raise DriftError(out_of_date(lines, root))
    out.write(f"{len(rendered.files)} generated file(s) are up to date ({', '.join(names)}).\n")
    return 0
