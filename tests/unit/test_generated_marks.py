"""``.gitattributes`` sections, ``bodhi-gen check``, and the repository's generated docs (README parts, schema)."""

from __future__ import annotations

import json
from pathlib import Path, PurePosixPath

import pytest
import yaml

from bodhi_gen.errors import DriftError
from bodhi_gen.render.gitattributes import END, START, merge
from tests.helpers import ROOT, run_cli

WF = [PurePosixPath(".github/workflows/a.yml")]


def test_merge_into_existing_keeps_user_lines_and_other_sections() -> None:
    user = "*.sh text eol=lf\n# mine\n"
    first = merge(user, "workflows", WF)
    assert first.startswith(user + "\n" + START)
    second = merge(first + "*.png binary\n", "dockerfiles", [PurePosixPath("dockerfiles/cpu.Dockerfile")])
    assert second.startswith(user)
    assert second.endswith(END + "\n*.png binary\n")
    assert "/.github/workflows/a.yml linguist-generated=true" in second
    assert second.index("# bodhi-gen dockerfiles") < second.index("# bodhi-gen workflows")
    assert merge(second, "workflows", WF) == second, "idempotent"


def test_damaged_block_is_reported() -> None:
    with pytest.raises(DriftError, match="damaged"):
        merge(f"{START}\nx\n", "workflows", WF)


def test_workflows_merge_gitattributes_and_check_catches_drift(git_repo: Path) -> None:
    (git_repo / ".gitattributes").write_text("*.bin binary\n", "utf-8")
    assert run_cli(["workflows"], cwd=git_repo).code == 0
    text = (git_repo / ".gitattributes").read_text("utf-8")
    assert text.startswith("*.bin binary\n")
    assert "/.github/workflows/bodhi-images.yml linguist-generated=true" in text
    (git_repo / ".gitattributes").write_text(text.replace("bodhi-images.yml", "other.yml"), "utf-8")
    drift = run_cli(["workflows", "--check"], cwd=git_repo)
    assert drift.code == 1
    assert ".gitattributes (differs)" in drift.err


def test_check_runs_every_generator_and_names_each_file(git_repo: Path) -> None:
    assert run_cli(["workflows"], cwd=git_repo).code == 0
    assert run_cli(["check", "--only", "workflows"], cwd=git_repo).code == 0
    result = run_cli(["check"], cwd=git_repo)
    assert result.code == 1
    assert "dockerfiles/cpu.Dockerfile (missing)  → run `bodhi-gen dockerfiles`" in result.err
    assert run_cli(["check", "--only", "nope"], cwd=git_repo).code == 2


def test_repository_docs_and_schema_are_current() -> None:
    result = run_cli(["docs", "--check"])
    assert result.code == 0, result.err
    schema = run_cli(["schema"])
    assert json.loads((ROOT / "bodhi-gen.schema.json").read_text("utf-8")) == json.loads(schema.out)


def test_readme_action_table_lists_every_input_and_output() -> None:
    action = yaml.safe_load((ROOT / "action.yml").read_text("utf-8"))
    readme = (ROOT / "README.md").read_text("utf-8")
    table = readme.split("<!-- bodhi-gen:action-table:start -->")[1].split("<!-- bodhi-gen:action-table:end -->")[0]
    for name in [*action["inputs"], *action["outputs"]]:
        assert f"| `{name}` |" in table, name


def test_readme_lists_every_command_and_keeps_its_first_lines() -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    assert readme.splitlines()[3].startswith(
        "python3 -m venv .venv && .venv/bin/pip install . && .venv/bin/bodhi-gen workflows"
    )
    assert readme.splitlines()[4].startswith("bash scripts/test.sh")
    for command in ("init", "workflows", "pins", "check", "release", "schema"):
        assert f"#### `bodhi-gen {command}`" in readme
    assert "_BODHI_GEN_COMPLETE=bash_source bodhi-gen" in readme


def test_init_config_names_the_committed_schema(tmp_path: Path) -> None:
    assert run_cli(["init"], cwd=tmp_path).code == 0
    first = (tmp_path / ".github" / "bodhi-gen.yaml").read_text("utf-8").splitlines()[0]
    assert first.startswith("# yaml-language-server: $schema=")
    assert first.endswith("/bodhi-gen.schema.json")
