"""``bodhi-gen workflows|dockerfiles|makefile``: render in memory, then write all or check for drift."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from bodhi_gen.config.locate import ConfigSource, locate
from bodhi_gen.files import transaction
from bodhi_gen.render import check_cache, registry
from bodhi_gen.render.output import GeneratedFile, check, refuse_hand_written, refuse_interrupted, write_all

if TYPE_CHECKING:
    from bodhi_gen.plan import Plan


@dataclass(frozen=True)
class GenerateSettings:
    command: str  # a generator name (render.registry)
    config_path: Path | None
    out_dir: Path
    check: bool
    force: bool = False  # replace existing files that lack the generated header (hand-written ones)


def plan_from(source: ConfigSource) -> Plan:
    """Parse, validate and plan ``source`` (pydantic, YAML and Jinja load only here)."""
    from bodhi_gen.config.loader import load
    from bodhi_gen.plan import build_plan

    return build_plan(load(source))


def render_files(
    command: str, config_path: Path | None, cwd: Path | None = None, out_dir: Path | None = None
) -> list[GeneratedFile]:
    """Generator ``command``'s files for a config (without ``.gitattributes``), as ``command`` renders them.

    ``out_dir``: the root the files are meant for, which their headers name the config relative to.
    """
    source = locate(config_path, cwd, out_dir)
    return registry.render(command, plan_from(source), source.header_name)


def run(settings: GenerateSettings, out: TextIO = sys.stdout) -> int:
    root, command = settings.out_dir, settings.command
    # read once: the memo key and the render below see the very same bytes
    source = locate(settings.config_path, out_dir=root)
    key = check_cache.cache_key(command, source.header_name, source.data)
    if settings.check:
        refuse_interrupted(root, command)  # a run killed mid-write: its files may be a mix; only a write finishes it
        unchanged = check_cache.matches(key, root, command)
        if unchanged:
            out.write(f"{unchanged} generated file(s) are up to date.\n")
            return 0
        files = registry.render_marked(command, plan_from(source), source.header_name, root)
        check_cache.store(key, command, ((str(f.path), f.content) for f in files))
        check(files, root, command, registry.stale(command, files, root))
        out.write(f"{len(files)} generated file(s) are up to date.\n")
        return 0
    plan = plan_from(source)
    with transaction(root):  # concurrent generators each keep their own .gitattributes section
        files = registry.render_marked(command, plan, source.header_name, root)
        if not settings.force:
            refuse_hand_written(files, root, command)
        stale = registry.stale(command, files, root)
        changed = write_all(files, root, remove=stale)
    check_cache.store(key, command, ((str(f.path), f.content) for f in files))
    for path in changed:
        out.write(f"{'removed' if path in stale else 'wrote'} {path}\n")
    out.write(f"{len(changed)} of {len(files)} generated file(s) changed.\n")
    return 0
