"""A plain (non-editable) install must carry every subpackage, the templates and the data files."""

from __future__ import annotations

import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

from tests.helpers import ROOT


def test_every_subpackage_is_listed_in_pyproject() -> None:
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"]["packages"])
    on_disk = {
        ".".join(p.parent.relative_to(ROOT / "generator").parts)
        for p in (ROOT / "generator" / "bodhi_gen").rglob("__init__.py")
    }
    # the template folders are data, listed too (setuptools warns about an importable folder left out)
    templates = {
        f"bodhi_gen.templates.{p.name}"
        for p in (ROOT / "workflow_templates").iterdir()
        if p.is_dir() and p.name.isidentifier() and not p.name.startswith("_")
    }
    assert on_disk | {"bodhi_gen.templates"} | templates == listed


def test_wheel_ships_templates_and_data(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(tmp_path), str(ROOT)],
        check=True,
        capture_output=True,
    )
    wheel = next(tmp_path.glob("bodhi_gen-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    for template in (ROOT / "workflow_templates").rglob("*.j2"):
        assert f"bodhi_gen/templates/{template.relative_to(ROOT / 'workflow_templates').as_posix()}" in names
    for data in ("default-config.yaml", "action-pins.json", "llama-server-args.json"):
        assert f"bodhi_gen/data/{data}" in names
    for module in ("commands/generate.py", "render/registry.py", "config/locate.py"):
        assert f"bodhi_gen/{module}" in names
