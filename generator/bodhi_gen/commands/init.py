"""``bodhi-gen init``: write the embedded default config where every command looks for it."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from bodhi_gen.config.locate import DEFAULT_CONFIG_PATH, embedded_default_text
from bodhi_gen.errors import UsageError
from bodhi_gen.files import write_text

SCHEMA_COMMENT = "# yaml-language-server: $schema={url}\n"
DEFAULT_SCHEMA_URL = "https://raw.githubusercontent.com/bodhisearch/devops-action/v1/bodhi-gen.schema.json"


@dataclass(frozen=True)
class InitSettings:
    config_path: Path | None  # where to write it; default .github/bodhi-gen.yaml
    force: bool
    schema_url: str = DEFAULT_SCHEMA_URL


def run(settings: InitSettings, out: TextIO = sys.stdout) -> int:
    target = settings.config_path or DEFAULT_CONFIG_PATH
    if target.exists() and not settings.force:
        msg = f"{target} already exists; pass --force to overwrite it with the default"
        raise UsageError(msg)
    write_text(target, SCHEMA_COMMENT.format(url=settings.schema_url) + embedded_default_text(), "config file")
    out.write(f"wrote {target}\nNext: edit it, then run `bodhi-gen workflows` and commit the result.\n")
    return 0
