"""init, schema, help and version."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import click
import jsonschema
import yaml

from bodhi_gen import errors
from bodhi_gen.cli.main import COMMANDS, cli
from bodhi_gen.config.loader import embedded_default_text
from tests.helpers import GOOD_CONFIGS, ROOT, run_cli


def test_init_writes_default_with_schema_comment(tmp_path: Path) -> None:
    result = run_cli(["init"], cwd=tmp_path)
    assert result.code == 0, result.err
    written = (tmp_path / ".github" / "bodhi-gen.yaml").read_text("utf-8")
    assert written.startswith("# yaml-language-server: $schema=")
    assert written.endswith(embedded_default_text())
    again = run_cli(["init"], cwd=tmp_path)
    assert again.code == 2
    assert "already exists" in again.err
    assert run_cli(["init", "--force"], cwd=tmp_path).code == 0
    assert run_cli(["matrix"], cwd=tmp_path).code == 0


def test_schema_validates_examples() -> None:
    result = run_cli(["schema"])
    assert result.code == 0
    schema = json.loads(result.out)
    for path in [*GOOD_CONFIGS]:
        jsonschema.validate(yaml.safe_load(path.read_text("utf-8")), schema)
    jsonschema.validate(yaml.safe_load(embedded_default_text()), schema)


def test_help_and_version() -> None:
    top = run_cli(["--help"])
    assert top.code == 0
    for command in ("init", "schema", "matrix", "workflows"):
        assert command in top.out
        sub = run_cli([command, "--help"])
        assert sub.code == 0, sub.err
    assert run_cli(["--version"]).out.startswith("bodhi-gen, version ")
    unknown = run_cli(["workflow"])
    assert unknown.code == 2
    assert "No such command" in unknown.err


WORKFLOW_ORDER = [
    "init", "matrix", "workflows", "dockerfiles", "makefile", "check", "build", "smoke",
    "publish", "action", "release", "release-page", "bases", "sizes", "pins", "prune", "schema",
]  # fmt: skip


def test_help_lists_the_commands_in_the_workflows_order_with_whole_descriptions() -> None:
    listed = run_cli(["--help"]).out.split("Commands:\n", 1)[1].splitlines()
    assert [line.split()[0] for line in listed] == WORKFLOW_ORDER
    for line, name in zip(listed, WORKFLOW_ORDER, strict=True):
        assert line.split(None, 1)[1] == COMMANDS[name][1]


def test_each_listed_description_is_its_commands_own() -> None:
    """The table the help is listed from never drifts from the first paragraph of each command's help."""
    root = click.Context(cli)
    for name, (_, summary) in COMMANDS.items():
        command = cli.get_command(root, name)
        assert command is not None
        assert " ".join((command.help or "").split("\n\n")[0].split()) == summary, name


def test_help_imports_no_command_module() -> None:
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "bodhi_gen", "--help"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr[-2000:]
    modules = {line.split("|")[-1].strip() for line in done.stderr.splitlines() if line.startswith("import time:")}
    ours = sorted(m for m in modules if m.startswith("bodhi_gen"))
    assert ours == ["bodhi_gen", "bodhi_gen.cli", "bodhi_gen.cli.main", "bodhi_gen.error_handler", "bodhi_gen.errors"]


def test_module_entry_point_matches_console_script() -> None:
    module = run_cli(["--help"])  # python -m bodhi_gen
    assert module.code == 0, module.err
    assert module.out.startswith("Usage: bodhi-gen [OPTIONS] COMMAND [ARGS]...")
    script = shutil.which("bodhi-gen", path=str(Path(sys.executable).parent))
    assert script, "the bodhi-gen console script is not installed next to this Python"
    done = subprocess.run([script, "--help"], capture_output=True, text=True, check=False)
    assert (done.returncode, done.stdout) == (0, module.out)


def _codes(text: str) -> set[int]:
    return {int(code) for code in re.findall(r"\b(\d+) [a-zA-Z]", text)}


def documented_exit_codes() -> dict[str, set[int]]:
    """The exit codes docs/errors.md's table and ``bodhi-gen --help`` list."""
    errors_doc = (ROOT / "docs" / "errors.md").read_text("utf-8")
    section = errors_doc.split("\n## Exit codes\n", 1)[1].split("\n## ", 1)[0]
    table = {int(m) for m in re.findall(r"^\| (\d+) \|", section, flags=re.MULTILINE)}
    docstring = " ".join((cli.help or "").split())
    listed = docstring.split("Exit codes:", 1)[1].split(".", 1)[0]
    return {"docs/errors.md": table, "bodhi-gen --help": _codes(listed)}


def test_documented_exit_codes_are_exactly_those_of_errors_py() -> None:
    classes: list[type[errors.BodhiGenError]] = [errors.BodhiGenError]
    for cls in classes:
        classes += cls.__subclasses__()
    actual = {errors.OK, errors.INTERNAL, errors.INTERRUPTED} | {cls.exit_code for cls in classes[1:]}
    assert actual == {0, 1, 2, 3, 4, 5, 6, 7, 8, 70, 130}
    for where, codes in documented_exit_codes().items():
        assert codes == actual, f"{where} lists {sorted(codes)}; errors.py has {sorted(actual)}"
