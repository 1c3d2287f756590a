"""``bodhi-gen init``: write the embedded default config where every command looks for it."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TextIO

from bodhi_gen.config.locate import DEFAULT_CONFIG_PATH, embedded_default_text, project_root
from bodhi_gen.errors import UsageError
from bodhi_gen.files import safe_target, transaction, write_text

SCHEMA_COMMENT = "# yaml-language-server: $schema={url}\n"
DEFAULT_SCHEMA_URL = "https://raw.githubusercontent.com/bodhisearch/devops-action/v1/bodhi-gen.schema.json"


@dataclass(frozen=True)
class InitSettings:
    config_path: Path | None  # where to write it; default .github/bodhi-gen.yaml
    force: bool
    schema_url: str = DEFAULT_SCHEMA_URL


def run(settings: InitSettings, out: TextIO = sys.stdout) -> int:
    target = settings.config_path or project_root() / DEFAULT_CONFIG_PATH
    if target.exists() and not settings.force:
        msg = f"{target} already exists; pass --force to overwrite it with the default"
        raise UsageError(msg)
    text = SCHEMA_COMMENT.format(url=settings.schema_url) + embedded_default_text()
    absolute = target.resolve()  # `..` resolved: the root below holds it
    root = project_root().resolve() if settings.config_path is None else Path.cwd().resolve()
    if not absolute.is_relative_to(root):
        root = absolute.parent
    with transaction(root):  # as the generators write: no symlink followed, replaced atomically
        write_text(safe_target(root, PurePosixPath(absolute.relative_to(root).as_posix())), text, "config")
    out.write(f"wrote {target}\nNext: edit it, then run `bodhi-gen workflows` and commit the result.\n")
    return 0
