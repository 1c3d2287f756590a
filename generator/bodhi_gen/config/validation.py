"""Validate config data with the compiled core schema (``records_schema.py``): records out, no pydantic models.

pydantic-core is the engine under pydantic; given the schema pydantic derives from ``models.py``, it
applies the same checks and reports the same errors (``pydantic_core.ValidationError``). The compiled
schema is written for one pydantic-core version; with any other installed, the schema is made afresh
from the models (pydantic loads, the run is slower, the answers the same).
"""

from __future__ import annotations

from functools import cache
from typing import Any

import pydantic_core
from pydantic_core import SchemaValidator

from bodhi_gen.config.records import Config, PinRecord
from bodhi_gen.config.records_schema import PYDANTIC_CORE_VERSION, SCHEMAS


@cache
def _schemas() -> dict[str, Any]:
    if pydantic_core.__version__ == PYDANTIC_CORE_VERSION:
        return SCHEMAS
    from bodhi_gen.config.compile import live_schemas

    return live_schemas()


@cache
def _validator(root: str) -> SchemaValidator:
    return SchemaValidator(_schemas()[root])


def validate_config(data: Any) -> Config:
    """``data`` (parsed YAML) as a Config record; raises pydantic_core.ValidationError."""
    config: Config = _validator("config").validate_python(data)
    return config


def validate_pins_json(text: str) -> dict[str, PinRecord]:
    """A pins data file's JSON text as action -> PinRecord; raises pydantic_core.ValidationError."""
    pins: dict[str, PinRecord] = _validator("pins").validate_json(text)
    return pins
