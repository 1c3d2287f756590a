"""Where the config comes from, without parsing it (cheap: no YAML or pydantic import)."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

DEFAULT_CONFIG_PATH = Path(".github/bodhi-gen.yaml")
EMBEDDED_NAME = "embedded BodhiApp default"


def embedded_default_text() -> str:
    """The embedded BodhiApp default config, exactly as ``bodhi-gen init`` writes it."""
    return files("bodhi_gen.data").joinpath("default-config.yaml").read_text("utf-8")


def resolve_config_path(path: Path | None, cwd: Path | None = None) -> Path | None:
    """The file to read: ``path`` if given, else ``.github/bodhi-gen.yaml`` when it exists."""
    if path is not None:
        return path
    candidate = (cwd or Path.cwd()) / DEFAULT_CONFIG_PATH
    return candidate if candidate.is_file() else None


def config_source(path: Path | None = None, cwd: Path | None = None) -> str:
    """How generated headers name the config: a repository-relative path or the embedded default."""
    chosen = resolve_config_path(path, cwd)
    if chosen is None:
        return EMBEDDED_NAME
    if path is None:
        return DEFAULT_CONFIG_PATH.as_posix()
    return chosen.as_posix() if not chosen.is_absolute() else chosen.name
