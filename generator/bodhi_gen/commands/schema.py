"""``bodhi-gen schema``: the config's JSON Schema, for editors and validators."""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from typing import Any, TextIO

from bodhi_gen.config.models import Config


@dataclass(frozen=True)
class SchemaSettings:
    """``schema`` takes no options."""


def schema_document() -> dict[str, Any]:
    document = Config.model_json_schema()
    document["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    document["title"] = "bodhi-gen config (.github/bodhi-gen.yaml)"
    return document


def schema_text() -> str:
    return json.dumps(schema_document(), indent=2, sort_keys=True) + "\n"


def run(settings: SchemaSettings, out: TextIO = sys.stdout) -> int:
    out.write(schema_text())
    return 0
