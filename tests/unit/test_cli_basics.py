"""init, schema, help and version."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import yaml

from bodhi_gen.config.loader import embedded_default_text
from tests.conftest import GOOD_CONFIGS, ROOT, run_cli


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


def test_module_entry_point_matches_console_script() -> None:
    assert (ROOT / "generator" / "bodhi_gen" / "__main__.py").is_file()
