"""``bodhi-gen workflows|dockerfiles|makefile``: render in memory, then write all or check for drift."""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from bodhi_gen.config.loader import config_source, load_config
from bodhi_gen.plan import Plan, build_plan
from bodhi_gen.render.output import GeneratedFile, check, write_all

Renderer = Callable[[Plan, str], list[GeneratedFile]]


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
    msg = f"unknown generator {command!r}"
    raise ValueError(msg)


def render_files(command: str, config_path: Path | None, cwd: Path | None = None) -> list[GeneratedFile]:
    config = load_config(config_path, cwd)
    return _renderer(command)(build_plan(config), config_source(config_path, cwd))


def generate(settings: GenerateSettings, out: TextIO = sys.stdout) -> int:
    files = render_files(settings.command, settings.config_path)
    if settings.check_only:
        check(files, settings.out_dir, settings.command)
        out.write(f"{len(files)} generated file(s) are up to date.\n")
        return 0
    changed = write_all(files, settings.out_dir)
    for path in changed:
        out.write(f"wrote {path}\n")
    out.write(f"{len(changed)} of {len(files)} generated file(s) changed.\n")
    return 0
