"""The layers of docs/architecture.md, enforced: no module imports from a layer above it or beside it,
no command module imports another, and no import circle between modules (``TYPE_CHECKING`` imports count)."""

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
        "digests",
        "tables",
        "data",
        "__init__",
    ),
    ("config",),
    ("plan",),
    ("docker", "github"),
    ("smoke", "release", "pins", "prune", "build", "publish", "bases"),
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
    """Every ``bodhi_gen`` module a file imports, at any depth (lazy and ``TYPE_CHECKING`` imports count too).

    ``from bodhi_gen.publish import merge`` imports the module ``bodhi_gen.publish.merge``.
    """
    tree = ast.parse(path.read_text("utf-8"))
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names if alias.name.startswith("bodhi_gen")]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and (node.module or "").startswith("bodhi_gen"):
            module = str(node.module)
            found += [
                f"{module}.{alias.name}" if f"{module}.{alias.name}" in MODULES else module for alias in node.names
            ]
    return list(dict.fromkeys(found))


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


def circles(graph: dict[str, list[str]]) -> list[list[str]]:
    """The import circles of ``graph`` (module -> the modules it imports): Tarjan's strongly connected
    components of more than one module, or of one that imports itself."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        for target in graph.get(module, []):
            if target not in index:
                visit(target)
                low[module] = min(low[module], low[target])
            elif target in stack:
                low[module] = min(low[module], index[target])
        if low[module] == index[module]:
            component = []
            while True:
                member = stack.pop()
                component.append(member)
                if member == module:
                    break
            if len(component) > 1 or module in graph.get(module, []):
                found.append(sorted(component))

    for module in sorted(graph):
        if module not in index:
            visit(module)
    return found


SOURCES = sorted(PACKAGE.rglob("*.py"))
MODULES = {module_name(path) for path in SOURCES}


def test_every_package_has_a_layer() -> None:
    units = {unit_of(module_name(path)) for path in SOURCES}
    assert sorted(units - set(LEVEL)) == []


def test_no_import_goes_up_or_sideways() -> None:
    assert violations(SOURCES) == []


def test_no_import_circle() -> None:
    graph = {module_name(path): imports(path) for path in SOURCES}
    assert circles(graph) == []


def test_the_circle_finder_sees_a_circle_behind_type_checking(tmp_path: Path) -> None:
    probe = tmp_path / "probe.py"
    probe.write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from bodhi_gen.config.models import Config\n",
        "utf-8",
    )
    graph = {module_name(path): imports(path) for path in SOURCES}
    graph["bodhi_gen.config.rules"] = imports(probe)  # models imports rules: planted, rules imports models back
    assert circles(graph) == [["bodhi_gen.config.models", "bodhi_gen.config.rules"]]


def test_no_command_module_imports_another() -> None:
    commands = sorted((PACKAGE / "commands").glob("*.py"))
    found = [
        f"{module_name(path)} imports {target}"
        for path in commands
        for target in imports(path)
        if unit_of(target) == "commands" and target != module_name(path)
    ]
    assert found == []


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
        ("bodhi_gen.config.models", "def f():\n    from bodhi_gen.plan.units import Plan\n", "from a layer above"),
        ("bodhi_gen.commands.build", "from bodhi_gen.cli.options import config_option\n", "from a layer above"),
        ("bodhi_gen.build.steps", "from bodhi_gen.publish import merge\n", "from beside it"),
        ("bodhi_gen.publish.merge", "from bodhi_gen.commands.publish import run\n", "from a layer above"),
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
