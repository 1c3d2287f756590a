"""``bodhi-gen check``: every drift check at once (the pre-commit hook), naming each drifted file."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TextIO

from bodhi_gen.commands.generate import _renderer, render_files, with_gitattributes
from bodhi_gen.errors import DriftError, UsageError
from bodhi_gen.render.output import drifted

GENERATORS = ("workflows", "dockerfiles", "makefile")


def available_generators() -> tuple[str, ...]:
    """The generators this version has (``makefile`` may not be built in yet)."""
    names: list[str] = []
    for name in GENERATORS:
        try:
            _renderer(name)
        except ValueError:
            continue
        names.append(name)
    return tuple(names)


def check_all(config_path: Path | None, root: Path, only: tuple[str, ...] = (), out: TextIO = sys.stdout) -> int:
    available = available_generators()
    unknown = [name for name in only if name not in available]
    if unknown:
        msg = f"--only: unknown generator(s) {', '.join(unknown)}; choose from {', '.join(available)}"
        raise UsageError(msg)
    problems: list[str] = []
    total = 0
    for command in only or available:
        files = with_gitattributes(command, render_files(command, config_path), root)
        total += len(files)
        problems += [f"  {problem}  → run `bodhi-gen {command}`" for problem in drifted(files, root)]
    if problems:
        listing = "\n".join(problems)
        msg = f"{len(problems)} generated file(s) under {root} are out of date:\n{listing}"
        raise DriftError(msg)
    out.write(f"{total} generated file(s) are up to date ({', '.join(only or available)}).\n")
    return 0
