"""Find, parse and validate the config; turn every problem into one readable ConfigError."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError
from yaml.nodes import Node

from bodhi_gen.config.locate import (
    DEFAULT_CONFIG_PATH,
    EMBEDDED_NAME,
    ConfigSource,
    embedded_default_text,
    locate,
)
from bodhi_gen.config.models import Config
from bodhi_gen.config.safe_yaml import YamlLimitError, load_yaml
from bodhi_gen.config.text import sanitize
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


# a config is a few kilobytes; anything this large is a mistake or an attack
MAX_CONFIG_CHARS = 1_000_000


def _yaml_data(text: str, source: str) -> tuple[Any, Node | None]:
    """The parsed YAML, or a ConfigError naming the line: never a traceback, whatever the text holds."""
    if len(text) > MAX_CONFIG_CHARS:
        msg = f"{source}: {len(text)} characters is too large for a config (at most {MAX_CONFIG_CHARS})"
        raise ConfigError(msg)
    try:
        return load_yaml(text)
    except YamlLimitError as exc:
        msg = f"{source}:{exc.line}: {exc.message}" if exc.line is not None else f"{source}: {exc.message}"
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}:{mark.column + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc)
        msg = f"{source}{where}: not valid YAML: {problem}"
    except (ValueError, OverflowError, RecursionError) as exc:
        # a scalar that matches a type's pattern but not its range, e.g. a timestamp on day 32
        msg = f"{source}: not valid YAML: {exc}"
    raise ConfigError(sanitize(msg))


def parse_config(text: str, source: str) -> Config:
    """Parse YAML text and validate it; ``source`` names the file in error messages."""
    data, root = _yaml_data(text, source)
    if not isinstance(data, dict):
        msg = f"{source}: the config must be a mapping of keys (image, variants, modes, ...)"
        raise ConfigError(msg)
    try:
        return Config.model_validate(data)
    except ValidationError as exc:
        from bodhi_gen.config.errors_format import format_validation_error  # only on the error path

        raise ConfigError(sanitize(format_validation_error(exc, data, source, root))) from None


def load(source: ConfigSource) -> Config:
    """Parse and validate a config already found and read by ``locate``."""
    return parse_config(source.text(), source.label)


def load_config(path: Path | None = None, cwd: Path | None = None) -> Config:
    """Load the config named by ``path``, the repository's own, or the embedded default."""
    return load(locate(path, cwd))
