"""``bodhi-gen schema``: the config's JSON Schema, for editors and validators."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from typing import TextIO

from bodhi_gen.config.schema import schema_text


@dataclass(frozen=True)
class SchemaSettings:
    """``schema`` takes no options."""


def run(settings: SchemaSettings, out: TextIO = sys.stdout) -> int:
    out.write(schema_text())
    return 0
