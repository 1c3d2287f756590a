"""The one Jinja environment every generated file is rendered with."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import jinja2

from bodhi_gen.gha import compact_json
from bodhi_gen.render.quoting import FILTERS


def github_expression(expression: str) -> str:
    """``${{ expression }}`` for GitHub Actions, without fighting Jinja's own delimiters."""
    return "${{ " + expression + " }}"


COMPILED = Path(__file__).resolve().parent / "compiled"

# how templates are compiled (render/precompile.py) and rendered: StrictUndefined, no autoescape
# (YAML, Dockerfiles and Makefiles are not HTML), kept newlines
SETTINGS: dict[str, Any] = {
    "undefined": jinja2.StrictUndefined,
    "autoescape": False,
    "keep_trailing_newline": True,
    "trim_blocks": True,
    "lstrip_blocks": True,
}


def new_environment(loader: jinja2.BaseLoader | None = None) -> jinja2.Environment:
    """An environment with our settings, filters and globals (compiling needs the filters too)."""
    env = jinja2.Environment(loader=loader, **SETTINGS)  # noqa: S701 - the outputs are never HTML
    env.filters.update(FILTERS)
    env.filters["compact_json"] = compact_json
    env.globals["gh"] = github_expression
    return env


@cache
def environment() -> jinja2.Environment:
    """The templates precompiled into the package (render/compiled/): nothing compiled, nothing cached per user."""
    return new_environment(jinja2.ModuleLoader(str(COMPILED)))


def render(template: str, **context: Any) -> str:
    return environment().get_template(template).render(**context)
