"""``bodhi-gen workflows|dockerfiles|makefile``: render in memory, then write all or check for drift."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from bodhi_gen.config.locate import ConfigSource, locate
from bodhi_gen.render import check_cache, registry
from bodhi_gen.render.output import GeneratedFile, check, refuse_hand_written, write_all

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
    source = locate(settings.config_path, out_dir=settings.out_dir)
    # the memo key covers the command, the config's bytes and its name, and the package itself
    key = check_cache.cache_key(settings.command, source.header_name, source.data)
    if settings.check:
        unchanged = check_cache.matches(key, settings.out_dir)
        if unchanged:
            out.write(f"{unchanged} generated file(s) are up to date.\n")
            return 0
    files = registry.render_marked(settings.command, plan_from(source), source.header_name, settings.out_dir)
    check_cache.store(key, ((str(f.path), f.content) for f in files))
    if settings.check:
        check(files, settings.out_dir, settings.command)
        out.write(f"{len(files)} generated file(s) are up to date.\n")
        return 0
    if not settings.force:
        refuse_hand_written(files, settings.out_dir, settings.command)
    changed = write_all(files, settings.out_dir)
    for path in changed:
        out.write(f"wrote {path}\n")
    out.write(f"{len(changed)} of {len(files)} generated file(s) changed.\n")
    return 0
