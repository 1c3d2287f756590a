"""``.gitattributes`` sections, ``bodhi-gen check``, and the repository's generated docs (docs/ parts, schema)."""

from __future__ import annotations

import json
from pathlib import Path, PurePosixPath

import pytest

from bodhi_gen.cli.main import COMMANDS, HIDDEN
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


def test_check_runs_the_configs_generators_and_names_each_file(git_repo: Path) -> None:
    assert run_cli(["dockerfiles"], cwd=git_repo).code == 0
    assert run_cli(["check", "--only", "dockerfiles"], cwd=git_repo).code == 0
    result = run_cli(["check"], cwd=git_repo)
    assert result.code == 1
    assert ".github/workflows/bodhi-images.yml (missing)  → run `bodhi-gen workflows`" in result.err
    makefile = run_cli(["check", "--only", "makefile"], cwd=git_repo)
    assert "devops/Makefile (missing)  → run `bodhi-gen makefile`" in makefile.err
    assert run_cli(["check", "--only", "nope"], cwd=git_repo).code == 2


def test_repository_docs_and_schema_are_current() -> None:
    result = run_cli(["docs", "--check"])
    assert result.code == 0, result.err
    schema = run_cli(["schema"])
    assert json.loads((ROOT / "bodhi-gen.schema.json").read_text("utf-8")) == json.loads(schema.out)


def test_the_cli_reference_lists_every_command() -> None:
    reference = (ROOT / "docs" / "cli.md").read_text("utf-8")
    for command in [name for name in COMMANDS if name not in HIDDEN]:
        assert f"### `bodhi-gen {command}`" in reference, command
    assert "_BODHI_GEN_COMPLETE=bash_source bodhi-gen" in reference


def test_init_config_names_the_committed_schema(tmp_path: Path) -> None:
    assert run_cli(["init"], cwd=tmp_path).code == 0
    first = (tmp_path / ".github" / "bodhi-gen.yaml").read_text("utf-8").splitlines()[0]
    assert first.startswith("# yaml-language-server: $schema=")
    assert first.endswith("/bodhi-gen.schema.json")
