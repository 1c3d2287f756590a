"""The one Jinja environment every generated file is rendered with."""

from __future__ import annotations

import json
import os
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any

import jinja2

from bodhi_gen import __version__
from bodhi_gen.render.quoting import FILTERS


def compact_json(value: Any) -> str:
    """Deterministic one-line JSON (sorted keys) for embedding data in YAML or shell."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"))


def github_expression(expression: str) -> str:
    """``${{ expression }}`` for GitHub Actions, without fighting Jinja's own delimiters."""
    return "${{ " + expression + " }}"


def _load(name: str) -> str:
    try:
        return files("bodhi_gen.templates").joinpath(name).read_text("utf-8")
    except FileNotFoundError:
        raise jinja2.TemplateNotFound(name) from None


def _bytecode_cache() -> jinja2.BytecodeCache | None:
    """Compiled templates cached per user (keyed by template source, so edits invalidate them)."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    folder = Path(base) / "bodhi-gen" / f"jinja-{__version__}"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None  # a read-only home only costs speed
    return jinja2.FileSystemBytecodeCache(str(folder))


@cache
def environment() -> jinja2.Environment:
    """StrictUndefined, no autoescape (YAML, Dockerfiles and Makefiles are not HTML), kept newlines."""
    env = jinja2.Environment(
        loader=jinja2.FunctionLoader(_load),
        undefined=jinja2.StrictUndefined,
        autoescape=False,  # noqa: S701 - the outputs are YAML, Dockerfiles and Makefiles, never HTML
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        bytecode_cache=_bytecode_cache(),
    )
    env.filters.update(FILTERS)
    env.filters["compact_json"] = compact_json
    env.globals["gh"] = github_expression
    return env


def render(template: str, **context: Any) -> str:
    return environment().get_template(template).render(**context)
