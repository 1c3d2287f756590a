"""The config's JSON Schema (``bodhi-gen schema``, ``bodhi-gen.schema.json``), made from the models."""

from __future__ import annotations

import json
from typing import Any

from bodhi_gen.config.models import Config


def schema_document() -> dict[str, Any]:
    document = Config.model_json_schema()
    document["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    document["title"] = "bodhi-gen config (.github/bodhi-gen.yaml)"
    return document


def schema_text() -> str:
    return json.dumps(schema_document(), indent=2, sort_keys=True) + "\n"
