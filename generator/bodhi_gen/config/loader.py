"""Find, parse and validate the config; turn every problem into one readable ConfigError."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from bodhi_gen.config.locate import (
    DEFAULT_CONFIG_PATH,
    EMBEDDED_NAME,
    ConfigSource,
    embedded_default_text,
    locate,
)
from bodhi_gen.config.models import Config
from bodhi_gen.errors import ConfigError

__all__ = [
    "DEFAULT_CONFIG_PATH",
    "EMBEDDED_NAME",
    "ConfigSource",
    "embedded_default_text",
    "load",
    "load_config",
    "locate",
    "parse_config",
]


class _UniqueKeyLoader(yaml.SafeLoader):
    """A safe loader that refuses duplicate mapping keys instead of keeping the last one."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: dict[Any, int] = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            line = key_node.start_mark.line + 1
            if key in seen:
                msg = f"duplicate key {key!r} at line {line} (first at line {seen[key]})"
                raise ConfigError(msg)
            seen[key] = line
        return super().construct_mapping(node, deep=deep)


def parse_config(text: str, source: str) -> Config:
    """Parse YAML text and validate it; ``source`` names the file in error messages."""
    try:
        data = yaml.load(text, Loader=_UniqueKeyLoader)  # noqa: S506 - a SafeLoader subclass
    except ConfigError as exc:
        msg = f"{source}: {exc.message}"
        raise ConfigError(msg) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" line {mark.line + 1}, column {mark.column + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc)
        msg = f"{source}:{where}: not valid YAML: {problem}"
        raise ConfigError(msg) from None
    if not isinstance(data, dict):
        msg = f"{source}: the config must be a mapping of keys (image, variants, modes, ...)"
        raise ConfigError(msg)
    try:
        return Config.model_validate(data)
    except ValidationError as exc:
        from bodhi_gen.config.errors_format import format_validation_error  # only on the error path

        raise ConfigError(format_validation_error(exc, data, source)) from None


def load(source: ConfigSource) -> Config:
    """Parse and validate a config already found and read by ``locate``."""
    return parse_config(source.text(), source.label)


def load_config(path: Path | None = None, cwd: Path | None = None) -> Config:
    """Load the config named by ``path``, the repository's own, or the embedded default."""
    return load(locate(path, cwd))
