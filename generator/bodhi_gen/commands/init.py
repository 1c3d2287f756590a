"""``bodhi-gen init``: write the embedded default config where every command looks for it."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TextIO

from bodhi_gen.config.loader import DEFAULT_CONFIG_PATH, embedded_default_text
from bodhi_gen.errors import UsageError

SCHEMA_COMMENT = "# yaml-language-server: $schema={url}\n"
DEFAULT_SCHEMA_URL = "https://raw.githubusercontent.com/bodhisearch/devops-action/v1/bodhi-gen.schema.json"


def init(path: Path | None, force: bool, schema_url: str = DEFAULT_SCHEMA_URL, out: TextIO = sys.stdout) -> int:
    target = path or DEFAULT_CONFIG_PATH
    if target.exists() and not force:
        msg = f"{target} already exists; pass --force to overwrite it with the default"
        raise UsageError(msg)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(SCHEMA_COMMENT.format(url=schema_url) + embedded_default_text(), "utf-8")
    out.write(f"wrote {target}\nNext: edit it, then run `bodhi-gen workflows` and commit the result.\n")
    return 0
