"""The layers of docs/architecture.md, enforced: no module imports from a layer above it or beside it."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.helpers import ROOT

PACKAGE = ROOT / "generator" / "bodhi_gen"
DOC = ROOT / "docs" / "architecture.md"

# bottom to top; the units of one layer never import each other
LAYERS: tuple[tuple[str, ...], ...] = (
    (
        "errors",
        "error_handler",
        "versions",
        "names",
        "files",
        "journal",
        "gha",
        "gitinfo",
        "digests",
        "data",
        "__init__",
    ),
    ("config",),
    ("plan",),
    ("docker", "github"),
    ("smoke", "release", "pins", "prune"),
    ("render",),
    ("commands",),
    ("cli",),
    ("__main__",),
)
FOUNDATION = LAYERS[0]
LEVEL = {unit: level for level, units in enumerate(LAYERS) for unit in units}


def unit_of(module: str) -> str:
    """``bodhi_gen.plan.units`` -> ``plan``; ``bodhi_gen.errors`` -> ``errors``."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def module_name(path: Path) -> str:
    rel = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__" and len(parts) > 1:
        parts.pop()
    return ".".join(parts)


def imports(path: Path) -> list[str]:
    """Every ``bodhi_gen`` module a file imports, at any depth (lazy imports count too)."""
    tree = ast.parse(path.read_text("utf-8"))
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names if alias.name.startswith("bodhi_gen")]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and (node.module or "").startswith("bodhi_gen"):
            found.append(str(node.module))
    return found


def violations_of(name: str, targets: list[str]) -> list[str]:
    mine = unit_of(name)
    if mine not in LEVEL:
        return [f"{name} belongs to no layer"]
    found: list[str] = []
    for target in targets:
        theirs = unit_of(target)
        if theirs == mine:
            continue
        if theirs not in LEVEL:
            found.append(f"{name} imports {target}, which belongs to no layer")
        elif LEVEL[theirs] > LEVEL[mine]:
            found.append(f"{name} ({mine}) imports {target} from a layer above ({theirs})")
        elif LEVEL[theirs] == LEVEL[mine] and mine not in FOUNDATION:
            found.append(f"{name} ({mine}) imports {target} from beside it ({theirs})")
    return found


def violations(files: list[Path]) -> list[str]:
    return [line for path in files for line in violations_of(module_name(path), imports(path))]


SOURCES = sorted(PACKAGE.rglob("*.py"))


def test_every_package_has_a_layer() -> None:
    units = {unit_of(module_name(path)) for path in SOURCES}
    assert sorted(units - set(LEVEL)) == []


def test_no_import_goes_up_or_sideways() -> None:
    assert violations(SOURCES) == []


def test_commands_never_import_click_or_cli() -> None:
    offenders = []
    for path in sorted((PACKAGE / "commands").rglob("*.py")):
        tree = ast.parse(path.read_text("utf-8"))
        for node in ast.walk(tree):
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else []
            )
            offenders += [
                f"{path.name}: {n}" for n in names if n == "click" or n.startswith(("click.", "bodhi_gen.cli"))
            ]
    assert offenders == []


@pytest.mark.parametrize(
    ("module", "source", "expected"),
    [
        ("bodhi_gen.smoke.checks", "from bodhi_gen.render.dockerfiles import args_key\n", "from a layer above"),
        ("bodhi_gen.smoke.checks", "from bodhi_gen.release.dispatch import dispatch\n", "from beside it"),
        ("bodhi_gen.docker.build", "from bodhi_gen.github.client import connect\n", "from beside it"),
        ("bodhi_gen.plan.build", "from bodhi_gen.docker.build import run_build\n", "from a layer above"),
        ("bodhi_gen.pins.update", "import bodhi_gen.release.models\n", "from beside it"),
        ("bodhi_gen.config.models", "def f():\n    from bodhi_gen.plan import Plan\n", "from a layer above"),
        ("bodhi_gen.commands.build", "from bodhi_gen.cli.options import config_option\n", "from a layer above"),
    ],
)
def test_the_checker_sees_a_bad_import(tmp_path: Path, module: str, source: str, expected: str) -> None:
    probe = tmp_path / "probe.py"
    probe.write_text(source, "utf-8")
    found = violations_of(module, imports(probe))
    assert len(found) == 1
    assert expected in found[0]


def test_the_doc_names_every_layer() -> None:
    text = DOC.read_text("utf-8")
    for units in LAYERS[1:]:
        for unit in units:
            if unit != "__main__":
                assert f" {unit}/" in text, unit
