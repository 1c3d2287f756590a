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
SETUP = ROOT / "setup" / "action.yml"
MINE = [
    ROOT / ".github" / "workflows" / name
    for name in ("action-test.yml", "move-major-tag.yml", "release.yml", "lock-update.yml")
]
# actions only this repository's own workflows use, not the generated ones (so not in the generator's pins)
OWN_PINS = {"pypa/gh-action-pypi-publish": ("76f52bc884231f62b9a034ebfe128415bbaabdfc", "v1.12.4")}
SHA_RE = re.compile(r"^[0-9a-f]{40}$")
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


@pytest.mark.parametrize(("path", "root"), [(ACTION, '"$GITHUB_ACTION_PATH"'), (SETUP, '"$GITHUB_ACTION_PATH/.."')])
def test_both_actions_install_into_a_private_venv_from_the_lock(path: Path, root: str) -> None:
    steps = steps_of(path)
    python = next(step for step in steps if str(step.get("uses", "")).startswith("actions/setup-python@"))
    assert python["with"]["update-environment"] is False  # the caller's python, pip and PATH stay its own
    install = next(step for step in steps if "install.sh" in step.get("run", ""))
    assert install["env"] == {"PYTHON": f"${{{{ steps.{python['id']}.outputs.python-path }}}}"}
    assert install["run"].endswith(f'install.sh" "$PYTHON" {root}')
    assert "GITHUB_PATH" not in path.read_text("utf-8")  # only install.sh adds to PATH


def test_install_script_uses_the_lock_and_puts_only_bodhi_gen_on_path() -> None:
    script = (ROOT / "setup" / "install.sh").read_text("utf-8")
    assert 'home="$RUNNER_TEMP/bodhi-gen"' in script
    assert '-m venv --clear --without-pip "$home/venv"' in script  # no pip seeded: PYTHON's pip installs into it
    assert 'pip+=(--python "$home/venv/bin/python")' in script
    assert '--require-hashes -r "$root/setup/requirements.lock"' in script
    assert '--no-deps --no-build-isolation "$root"' in script
    assert 'ln -sfn "$home/venv/bin/bodhi-gen" "$home/bin/bodhi-gen"' in script
    assert [line for line in script.splitlines() if "GITHUB_PATH" in line and ">>" in line] == [
        'echo "$home/bin" >>"$GITHUB_PATH"'
    ]


@pytest.mark.parametrize("path", [ACTION, *MINE, SETUP], ids=lambda p: p.name)
def test_every_remote_action_is_pinned_to_the_recorded_sha(path: Path) -> None:
    for line in path.read_text("utf-8").splitlines():
        match = USES_RE.match(line)
        if not match or match.group(1).startswith("./"):
            continue
        action, _, ref = match.group(1).partition("@")
        if action in OWN_PINS:
            assert (ref, match.group(2)) == OWN_PINS[action], f"{path.name}: {action} is not pinned as recorded"
            continue
        assert action in PINS, f"{path.name}: {action} is not in action-pins.json"
        assert ref == PINS[action]["sha"], f"{path.name}: {action} is not pinned to its recorded SHA"
        assert match.group(2) == PINS[action]["version"], f"{path.name}: {action} lacks '# {PINS[action]['version']}'"


def test_own_pins_are_full_shas_of_a_version() -> None:
    for sha, version in OWN_PINS.values():
        assert SHA_RE.match(sha)
        assert re.fullmatch(r"v\d+\.\d+\.\d+", version)


@pytest.mark.parametrize("path", MINE, ids=lambda p: p.name)
def test_workflows_hold_least_privilege(path: Path) -> None:
    data = load(path)
    text = path.read_text("utf-8")
    assert data["permissions"] == {}
    assert data["name"]
    assert data["concurrency"]["group"]
    for job_id, job in data["jobs"].items():
        assert job.get("name"), f"{job_id} has no name"
        # a job calling a reusable workflow takes no timeout: the called workflow's jobs have theirs
        assert job.get("timeout-minutes") or "uses" in job, f"{job_id} has no timeout"
        for scope in job["permissions"]:
            line = next(ln for ln in text.splitlines() if ln.strip().startswith(f"{scope}:"))
            assert " # " in line, f"{path.name}: {job_id}'s {scope} permission is not explained"
        for step in job.get("steps", []):
            if str(step.get("uses", "")).startswith("actions/checkout@"):
                assert step["with"]["persist-credentials"] is False


# each write scope of this repository's workflows, by workflow and job: anything else is read-only
WRITES = {
    ("move-major-tag.yml", "move"): {"contents"},
    ("release.yml", "publish"): {"id-token"},
    ("release.yml", "github-release"): {"contents"},
    ("release.yml", "major-tag"): {"contents"},
    ("lock-update.yml", "update"): {"contents", "pull-requests"},
}


def test_only_the_listed_jobs_may_write() -> None:
    for path in MINE:
        data = load(path)
        for job_id, job in data["jobs"].items():
            writes = {scope for scope, level in job["permissions"].items() if level == "write"}
            assert writes == WRITES.get((path.name, job_id), set()), f"{path.name}: {job_id} writes {writes}"


def test_release_publishes_by_trusted_publishing_from_the_built_distributions() -> None:
    data = load(ROOT / ".github" / "workflows" / "release.yml")
    triggers = {str(key): value for key, value in data.items()}["True"]
    assert triggers == {"push": {"tags": ["v[0-9]+.[0-9]+.[0-9]+*"]}}
    jobs = data["jobs"]
    assert jobs["publish"]["needs"] == "build"
    assert jobs["publish"]["environment"] == "pypi"
    publish = next(s for s in jobs["publish"]["steps"] if str(s.get("uses", "")).startswith("pypa/"))
    assert "password" not in publish.get("with", {})  # no stored token: OIDC only
    runs = [step.get("run", "") for step in jobs["build"]["steps"]]
    assert runs.index('python scripts/release_version.py "$TAG" >> "$GITHUB_OUTPUT"') < runs.index(
        "python -m build --no-isolation --outdir dist ."
    )
    assert "python -m twine check --strict dist/*" in runs
    assert jobs["major-tag"] == {
        "name": "move the major tag",
        "needs": "github-release",
        "permissions": {"contents": "write"},
        "uses": "./.github/workflows/move-major-tag.yml",
        "with": {"tag": "${{ github.ref_name }}"},
    }


def test_action_test_uses_the_local_action() -> None:
    uses = [step.get("uses") for step in steps_of(ROOT / ".github" / "workflows" / "action-test.yml")]
    assert uses.count("./") == 2


def test_move_major_tag_runs_on_published_v1_releases_and_when_called() -> None:
    data = load(ROOT / ".github" / "workflows" / "move-major-tag.yml")
    triggers = {str(key): value for key, value in data.items()}["True"]  # YAML 1.1 reads `on` as True
    assert triggers["release"] == {"types": ["published"]}
    assert triggers["workflow_call"]["inputs"]["tag"]["required"] is True
    job = data["jobs"]["move"]
    assert "startsWith(inputs.tag || github.event.release.tag_name, 'v1.')" in job["if"]


def test_action_runs_bodhi_gen_action_once_with_every_input_reaching_an_option() -> None:
    from bodhi_gen.cli.action_cmd import action

    steps = steps_of(ACTION)
    runs = [step for step in steps if "run" in step]
    assert [step["run"] for step in runs][-1] == "bodhi-gen action"
    assert sum("inputs." in str(step.get("env", "")) for step in steps) == 1, "one env: block for the inputs"
    envvars = {var for param in action.params for var in ([param.envvar] if isinstance(param.envvar, str) else [])}
    env = runs[-1]["env"]
    read_by_name = {"BODHI_ACTION_REGISTRY_PASSWORD", "BODHI_DOWNLOAD_TOKEN"}  # secrets: read by name, never argv
    assert set(env) - read_by_name <= envvars
    inputs = set(load(ACTION)["inputs"]) - {"python-version", "buildx-driver-opts"}
    assert all(f"inputs.{name} " in str(env) or f"inputs.{name}}}" in str(env) for name in inputs)
