"""``bodhi-gen docs``: regenerate this repository's derived docs (README parts, the config schema file).

For bodhi-gen's own repository: it reads ``action.yml`` and ``tests/examples/bad`` from ``out_dir``.
The CLI reference is the commands' ``--help``; the CLI computes those texts and passes them in.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TextIO

from bodhi_gen.config.schema import schema_text
from bodhi_gen.errors import DriftError
from bodhi_gen.render.output import GeneratedFile, check, write_all
from bodhi_gen.render.readme import action_table, cli_reference, config_errors, replace_blocks

README = PurePosixPath("README.md")
SCHEMA = PurePosixPath("bodhi-gen.schema.json")


@dataclass(frozen=True)
class DocsSettings:
    out_dir: Path
    check: bool
    helps: Mapping[str, str]  # command line ("bodhi-gen", "bodhi-gen init", …) -> its --help text


def render_docs(root: Path, helps: Mapping[str, str]) -> list[GeneratedFile]:
    try:
        readme = (root / README).read_text("utf-8")
        action = (root / "action.yml").read_text("utf-8")
    except OSError as exc:
        msg = f"bodhi-gen docs runs in bodhi-gen's own repository: {exc}"
        raise DriftError(msg) from None
    blocks = {
        "action-table": action_table(action),
        "cli-reference": cli_reference(helps),
        "config-errors": config_errors(root / "tests" / "examples" / "bad"),
    }
    return [GeneratedFile(README, replace_blocks(readme, blocks)), GeneratedFile(SCHEMA, schema_text())]


def run(settings: DocsSettings, out: TextIO = sys.stdout) -> int:
    files = render_docs(settings.out_dir, settings.helps)
    if settings.check:
        check(files, settings.out_dir, "docs")
        out.write(f"{len(files)} generated doc file(s) are up to date.\n")
        return 0
    for path in write_all(files, settings.out_dir):
        out.write(f"wrote {path}\n")
    return 0
