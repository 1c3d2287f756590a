"""``bodhi-gen workflows|dockerfiles|makefile``: render in memory, then write all or check for drift."""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from bodhi_gen.config.locate import config_source, resolve_config_path
from bodhi_gen.render import check_cache
from bodhi_gen.render.output import GeneratedFile, check, write_all

if TYPE_CHECKING:
    from bodhi_gen.plan import Plan

Renderer = Callable[["Plan", str], list[GeneratedFile]]


@dataclass(frozen=True)
class GenerateSettings:
    command: str
    config_path: Path | None
    out_dir: Path
    check_only: bool


def _renderer(command: str) -> Renderer:
    # imported here so each command loads only its own templates' code
    if command == "workflows":
        from bodhi_gen.render.workflows import render_workflows

        return render_workflows
    if command == "dockerfiles":
        from bodhi_gen.render.dockerfiles import render_dockerfiles

        return render_dockerfiles
    if command == "makefile":
        from bodhi_gen.render.makefile import render_makefile

        return render_makefile
    msg = f"unknown generator {command!r}"
    raise ValueError(msg)


def render_files(command: str, config_path: Path | None, cwd: Path | None = None) -> list[GeneratedFile]:
    # pydantic, YAML and Jinja load only here, so an unchanged `--check` never pays for them
    from bodhi_gen.config.loader import load_config
    from bodhi_gen.plan import build_plan

    config = load_config(config_path, cwd)
    return _renderer(command)(build_plan(config), config_source(config_path, cwd))


def with_gitattributes(command: str, files: list[GeneratedFile], root: Path) -> list[GeneratedFile]:
    """``files`` plus ``.gitattributes``, its bodhi-gen block marking this command's files as generated."""
    from bodhi_gen.render.gitattributes import gitattributes_file

    return [*files, gitattributes_file(root, command, [f.path for f in files])]


def _memo_key(settings: GenerateSettings) -> str | None:
    chosen = resolve_config_path(settings.config_path)
    try:
        config_bytes = chosen.read_bytes() if chosen is not None else None
    except OSError:
        return None  # the full path reports the problem properly
    return check_cache.cache_key(settings.command, config_source(settings.config_path), config_bytes)


def generate(settings: GenerateSettings, out: TextIO = sys.stdout) -> int:
    key = _memo_key(settings)
    if settings.check_only and key is not None:
        unchanged = check_cache.matches(key, settings.out_dir)
        if unchanged:
            out.write(f"{unchanged} generated file(s) are up to date.\n")
            return 0
    files = with_gitattributes(settings.command, render_files(settings.command, settings.config_path), settings.out_dir)
    if key is not None:
        check_cache.store(key, ((str(f.path), f.content) for f in files))
    if settings.check_only:
        check(files, settings.out_dir, settings.command)
        out.write(f"{len(files)} generated file(s) are up to date.\n")
        return 0
    changed = write_all(files, settings.out_dir)
    for path in changed:
        out.write(f"wrote {path}\n")
    out.write(f"{len(changed)} of {len(files)} generated file(s) changed.\n")
    return 0
