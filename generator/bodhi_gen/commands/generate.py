"""``bodhi-gen workflows|dockerfiles|makefile``: render in memory, then write all or check for drift.

``workflows`` writes everything the workflows need: the Dockerfiles they build too, and the Makefile when
the config asks for it (``generator.makefile``); ``dockerfiles`` and ``makefile`` write their own files.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TextIO

from bodhi_gen.config.loader import load
from bodhi_gen.config.locate import locate, project_root
from bodhi_gen.files import transaction
from bodhi_gen.plan.build import build_plan
from bodhi_gen.render import registry
from bodhi_gen.render.output import check, hand_edited, refuse_hand_written, refuse_interrupted, write_all


@dataclass(frozen=True)
class GenerateSettings:
    command: str  # a generator name (render.registry)
    config_path: Path | None
    out_dir: Path | None  # None: the project root
    check: bool
    force: bool = False  # replace existing files that lack the generated header (hand-written ones)
    diff: bool = False  # with check: print each drifted file's unified diff


def _edited(paths: list[PurePosixPath], root: Path) -> list[PurePosixPath]:
    """Those of ``paths`` whose body on disk no longer matches the checksum in their header."""
    found = []
    for path in paths:
        target = root / path
        if target.is_file() and not target.is_symlink() and hand_edited(target.read_bytes()):
            found.append(path)
    return found


def run(settings: GenerateSettings, out: TextIO = sys.stdout, err: TextIO = sys.stderr) -> int:
    root = settings.out_dir or project_root()
    source = locate(settings.config_path, out_dir=root)
    if settings.check:
        refuse_interrupted(root, settings.command)  # a run killed mid-write: only a write finishes it
    plan = build_plan(load(source))
    names = registry.wanted(plan) if settings.command == "workflows" else (settings.command,)
    if settings.check:
        rendered = registry.render_marked(names, plan, source.header_name, root)
        check(rendered.files, root, settings.command, rendered.stale, diff=out if settings.diff else None)
        out.write(f"{len(rendered.files)} generated file(s) are up to date ({', '.join(names)}).\n")
        return 0
    with transaction(root):  # concurrent generators each keep their own .gitattributes section
        rendered = registry.render_marked(names, plan, source.header_name, root)
        if not settings.force:
            for name in names:
                refuse_hand_written([f for f in rendered.files if rendered.owner[f.path] == name], root, name)
        edited = _edited([f.path for f in rendered.files] + rendered.stale, root)
        changed = write_all(rendered.files, root, remove=rendered.stale)
    for path in changed:
        out.write(f"{'removed' if path in rendered.stale else 'wrote'} {path}\n")
        if path in edited:
            err.write(f"{'removed' if path in rendered.stale else 'overwrote'} a hand edit of {path}\n")
    out.write(f"{len(changed)} of {len(rendered.files)} generated file(s) changed ({', '.join(names)}).\n")
    return 0
