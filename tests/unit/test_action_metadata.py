"""The composite action and this repository's workflows follow the rules the validators cannot see."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.helpers import ROOT

ACTION = ROOT / "action.yml"
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
MINE = [ROOT / ".github" / "workflows" / name for name in ("action-test.yml", "move-major-tag.yml")]
PINS = json.loads((ROOT / "generator" / "bodhi_gen" / "data" / "action-pins.json").read_text())
USES_RE = re.compile(r"^\s*(?:-\s*)?uses:\s*(\S+?)(?:\s+#\s*(\S+))?\s*$")


def load(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text("utf-8"))
    assert isinstance(data, dict)
    return data


def steps_of(path: Path) -> list[dict[str, Any]]:
    data = load(path)
    if "runs" in data:
        return list(data["runs"]["steps"])
    return [step for job in data["jobs"].values() for step in job.get("steps", [])]


def test_action_inputs_are_described_and_outputs_complete() -> None:
    action = load(ACTION)
    assert action["runs"]["using"] == "composite"
    assert action["branding"]["icon"]
    assert action["branding"]["color"]
    for name, spec in action["inputs"].items():
        assert spec.get("description", "").strip(), f"input {name} has no description"
    expected = {"variant", "mode", "version", "commit", "platforms", "image", "push", "push-by-digest"}
    expected |= {"smoke-test", "require-gpu", "cache", "registry-username", "registry-password", "download-token"}
    assert expected <= set(action["inputs"])
    assert {"image", "digest", "digest-file", "tags", "smoke-report"} <= set(action["outputs"])
    for name, spec in action["outputs"].items():
        assert spec.get("description", "").strip(), f"output {name} has no description"


@pytest.mark.parametrize("path", [ACTION, *WORKFLOWS], ids=lambda p: p.name)
def test_no_expression_inside_run_scripts(path: Path) -> None:
    for step in steps_of(path):
        script = step.get("run", "")
        assert "${{" not in script, f"{path.name}: step {step.get('name')!r} expands an expression in run:"


def test_action_installs_itself_from_its_own_path_without_touching_github_path() -> None:
    text = ACTION.read_text("utf-8")
    assert 'python -m pip install --quiet --disable-pip-version-check "$GITHUB_ACTION_PATH"' in text
    assert "GITHUB_PATH" not in text


@pytest.mark.parametrize("path", [ACTION, *MINE, ROOT / "setup" / "action.yml"], ids=lambda p: p.name)
def test_every_remote_action_is_pinned_to_the_recorded_sha(path: Path) -> None:
    for line in path.read_text("utf-8").splitlines():
        match = USES_RE.match(line)
        if not match or match.group(1).startswith("./"):
            continue
        action, _, ref = match.group(1).partition("@")
        assert action in PINS, f"{path.name}: {action} is not in action-pins.json"
        assert ref == PINS[action]["sha"], f"{path.name}: {action} is not pinned to its recorded SHA"
        assert match.group(2) == PINS[action]["version"], f"{path.name}: {action} lacks '# {PINS[action]['version']}'"


@pytest.mark.parametrize("path", MINE, ids=lambda p: p.name)
def test_workflows_hold_least_privilege(path: Path) -> None:
    data = load(path)
    text = path.read_text("utf-8")
    assert data["permissions"] == {}
    assert data["name"]
    assert data["concurrency"]["group"]
    for job_id, job in data["jobs"].items():
        assert job.get("name"), f"{job_id} has no name"
        assert job.get("timeout-minutes"), f"{job_id} has no timeout"
        for scope in job["permissions"]:
            line = next(ln for ln in text.splitlines() if ln.strip().startswith(f"{scope}:"))
            assert " # " in line, f"{path.name}: {job_id}'s {scope} permission is not explained"
        for step in job.get("steps", []):
            if str(step.get("uses", "")).startswith("actions/checkout@"):
                assert step["with"]["persist-credentials"] is False


def test_only_the_tag_mover_may_write_contents() -> None:
    for path in MINE:
        for job in load(path)["jobs"].values():
            writes = {scope for scope, level in job["permissions"].items() if level == "write"}
            assert writes == ({"contents"} if path.name == "move-major-tag.yml" else set())


def test_action_test_uses_the_local_action() -> None:
    uses = [step.get("uses") for step in steps_of(ROOT / ".github" / "workflows" / "action-test.yml")]
    assert uses.count("./") == 2


def test_move_major_tag_runs_on_published_v1_releases() -> None:
    data = load(ROOT / ".github" / "workflows" / "move-major-tag.yml")
    triggers = {str(key): value for key, value in data.items()}["True"]  # YAML 1.1 reads `on` as True
    assert triggers == {"release": {"types": ["published"]}}
    job = data["jobs"]["move"]
    assert "startsWith(github.event.release.tag_name, 'v1.')" in job["if"]


def test_action_runs_bodhi_gen_action_once_with_every_input_reaching_an_option() -> None:
    from bodhi_gen.cli.action_cmd import action

    steps = steps_of(ACTION)
    runs = [step for step in steps if "run" in step]
    assert [step["run"] for step in runs][-1] == "bodhi-gen action"
    assert sum("env" in step for step in steps) == 1, "one env: block"
    envvars = {var for param in action.params for var in ([param.envvar] if isinstance(param.envvar, str) else [])}
    env = runs[-1]["env"]
    read_by_name = {"BODHI_ACTION_REGISTRY_PASSWORD", "BODHI_DOWNLOAD_TOKEN"}  # secrets: read by name, never argv
    assert set(env) - read_by_name <= envvars
    inputs = set(load(ACTION)["inputs"]) - {"python-version", "buildx-driver-opts"}
    assert all(f"inputs.{name} " in str(env) or f"inputs.{name}}}" in str(env) for name in inputs)
