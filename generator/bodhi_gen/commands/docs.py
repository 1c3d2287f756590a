"""``bodhi-gen docs``: regenerate this repository's derived docs (the docs' generated parts, the config schema).

For bodhi-gen's own repository: it reads ``action.yml``, ``setup/action.yml`` and ``tests/examples/bad``
from its root; anywhere else it is a usage error. The CLI reference is the commands' ``--help``; the CLI
computes those texts and passes them in.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TextIO

from bodhi_gen.config.locate import project_root
from bodhi_gen.config.schema import schema_text
from bodhi_gen.errors import UsageError
from bodhi_gen.render.output import GeneratedFile, check, write_all
from bodhi_gen.render.readme import action_table, cli_reference, config_errors, replace_blocks

SCHEMA = PurePosixPath("bodhi-gen.schema.json")
ACTION = PurePosixPath("docs/action.md")
CLI = PurePosixPath("docs/cli.md")
ERRORS = PurePosixPath("docs/errors.md")
# what only bodhi-gen's own repository has, besides the docs themselves
SOURCES = (PurePosixPath("action.yml"), PurePosixPath("setup/action.yml"), PurePosixPath("tests/examples/bad"))


@dataclass(frozen=True)
class DocsSettings:
    out_dir: Path | None  # None: the project root
    check: bool
    helps: Mapping[str, str]  # command line ("bodhi-gen", "bodhi-gen init", …) -> its --help text
    diff: bool = False  # with check: print each drifted file's unified diff


def _read(root: Path, path: PurePosixPath) -> str:
    try:
        return (root / path).read_text("utf-8")
    except OSError as exc:
        msg = f"cannot read {root / path}: {exc.strerror}"
        raise UsageError(msg) from None


def render_docs(root: Path, helps: Mapping[str, str]) -> list[GeneratedFile]:
    missing = next((path for path in SOURCES if not (root / path).exists()), None)
    if missing is not None:
        msg = (
            f"bodhi-gen docs regenerates the documentation of bodhi-gen's own repository, and {root} is not "
            f"it (it has no {missing}); a consuming repository's generated files are `bodhi-gen workflows`'s"
        )
        raise UsageError(msg)
    blocks = {
        ACTION: {
            "action-table": action_table(_read(root, SOURCES[0])),
            "setup-table": action_table(_read(root, SOURCES[1])),
        },
        CLI: {"cli-reference": cli_reference(helps)},
        ERRORS: {"config-errors": config_errors(root / SOURCES[2])},
    }
    docs = [GeneratedFile(path, replace_blocks(_read(root, path), parts, str(path))) for path, parts in blocks.items()]
    return [*docs, GeneratedFile(SCHEMA, schema_text())]


def run(settings: DocsSettings, out: TextIO = sys.stdout) -> int:
    root = settings.out_dir or project_root()
    files = render_docs(root, settings.helps)
    if settings.check:
        check(files, root, "docs", diff=out if settings.diff else None)
        out.write(f"{len(files)} generated doc file(s) are up to date.\n")
        return 0
    for path in write_all(files, root):
        out.write(f"wrote {path}\n")
    return 0
