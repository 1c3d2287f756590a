"""``bodhi-gen workflows|dockerfiles|makefile``: render in memory, then write all or check for drift."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from bodhi_gen.config.loader import load
from bodhi_gen.config.locate import locate
from bodhi_gen.files import transaction
from bodhi_gen.plan.build import build_plan
from bodhi_gen.render import registry
from bodhi_gen.render.output import check, refuse_hand_written, refuse_interrupted, write_all


@dataclass(frozen=True)
class GenerateSettings:
    command: str  # a generator name (render.registry)
    config_path: Path | None
    out_dir: Path
    check: bool
    force: bool = False  # replace existing files that lack the generated header (hand-written ones)


def run(settings: GenerateSettings, out: TextIO = sys.stdout) -> int:
    root, command = settings.out_dir, settings.command
    source = locate(settings.config_path, out_dir=root)
    if settings.check:
        refuse_interrupted(root, command)  # a run killed mid-write: its files may be a mix; only a write finishes it
        files = registry.render_marked(command, build_plan(load(source)), source.header_name, root)
        check(files, root, command, registry.stale(command, files, root))
        out.write(f"{len(files)} generated file(s) are up to date.\n")
        return 0
    plan = build_plan(load(source))
    with transaction(root):  # concurrent generators each keep their own .gitattributes section
        files = registry.render_marked(command, plan, source.header_name, root)
        if not settings.force:
            refuse_hand_written(files, root, command)
        stale = registry.stale(command, files, root)
        changed = write_all(files, root, remove=stale)
    for path in changed:
        out.write(f"{'removed' if path in stale else 'wrote'} {path}\n")
    out.write(f"{len(changed)} of {len(files)} generated file(s) changed.\n")
    return 0
