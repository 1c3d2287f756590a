"""The templates ship precompiled: ``render/compiled/`` holds exactly what ``render/precompile.py`` makes
of the templates, no stale module left over."""

from __future__ import annotations

from pathlib import Path

from bodhi_gen.render.compiled import __file__ as compiled_init
from bodhi_gen.render.precompile import compiled_sources


def test_the_precompiled_templates_match_the_templates() -> None:
    folder = Path(compiled_init).parent
    on_disk = {p.name: p.read_text("utf-8") for p in folder.glob("tmpl_*.py")}
    assert on_disk == compiled_sources(), "run `python -m bodhi_gen.render.precompile`"
