"""Shipping bodhi-gen itself, under act: this repository's release.yml on a tag, and our actions installing
bodhi-gen into a venv of their own, as a consuming workflow sees them.

No container engine is needed (every job runs on the host); the runs are marked like every act run.
pip reaches no index: the locked files come from tests/support/wheelhouse.py.
"""

from __future__ import annotations

import os
import sys
import tomllib
from collections.abc import Mapping
from pathlib import Path

import pytest

from tests.helpers import ROOT
from tests.support.act import ActResult, ActRun, clean_copy, run_act
from tests.support.fixture_repo import git

pytestmark = [pytest.mark.engine, pytest.mark.act]

VERSION = str(tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["version"])
SETUP_PYTHON = "actions/setup-python@5fda3b95a4ea91299a34e894583c3862153e4b97 # v7.0.0"


def host_env() -> dict[str, str]:
    """This process's environment without the test venv on PATH: the jobs' `python` must not be the one
    bodhi-gen is installed in for the tests."""
    venv_bin = str(Path(sys.executable).parent)
    path = os.pathsep.join(p for p in os.environ.get("PATH", "").split(os.pathsep) if p != venv_bin)
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH")}
    return {**env, "PATH": path}


def succeeded(result: ActResult, job: str) -> bool:
    done = [line for line in result.log.splitlines() if "🏁" in line and f"/{job}" in line]
    return bool(done) and all("Job succeeded" in line for line in done)


# (a) the action installs into its private venv -----------------------------------------------------------------

# after each of our actions: bodhi-gen works from PATH, the caller's python is still the caller's and imports
# neither bodhi_gen nor a dependency of it, and the folder put on PATH holds bodhi-gen alone
CHECKS = """\
set -euo pipefail
test "$(command -v python)" = "$CALLER_PYTHON"
if python -c 'import bodhi_gen' 2>/dev/null; then echo "::error::bodhi_gen leaked into the caller's python"; exit 1; fi
if python -c 'import pydantic' 2>/dev/null; then echo "::error::pydantic leaked into the caller's python"; exit 1; fi
bodhi-gen --version
bin=$(dirname "$(command -v bodhi-gen)")
test "$(ls "$bin")" = bodhi-gen
case $bin in "$RUNNER_TEMP"/*) ;; *) echo "::error::$bin is not under RUNNER_TEMP"; exit 1 ;; esac
echo "private-venv-ok $(bodhi-gen --version)"
"""

CALLER = """\
name: caller
on: workflow_dispatch
permissions: {}
jobs:
  setup:
    name: setup action
    runs-on: ubuntu-24.04
    steps:
      - name: The caller's own Python
        uses: @SETUP_PYTHON@
        with:
          python-version: "3.12"
      - name: Remember it
        run: echo "CALLER_PYTHON=$(command -v python)" >> "$GITHUB_ENV"
      - name: Install bodhi-gen
        id: setup
        uses: bodhisearch/devops-action/setup@v1
      - name: Check
        env:
          VERSION: ${{ steps.setup.outputs.version }}
        run: |
          test "$VERSION" = @VERSION@
@CHECKS@
  action:
    name: images action
    runs-on: ubuntu-24.04
    steps:
      - name: The caller's own Python
        uses: @SETUP_PYTHON@
        with:
          python-version: "3.12"
      - name: Remember it
        run: echo "CALLER_PYTHON=$(command -v python)" >> "$GITHUB_ENV"
      # an unknown variant: bodhi-gen (installed by the action's first steps) stops before any build
      - name: The images action
        id: images
        continue-on-error: true
        uses: bodhisearch/devops-action@v1
        with:
          variant: no-such-variant
          version: 0.0.1
      - name: Check
        env:
          OUTCOME: ${{ steps.images.outcome }}
        run: |
          test "$OUTCOME" = failure
@CHECKS@
"""


def caller_repo(destination: Path) -> Path:
    workflows = destination / ".github" / "workflows"
    workflows.mkdir(parents=True)
    checks = "\n".join(f"          {line}" for line in CHECKS.splitlines())
    text = CALLER.replace("@SETUP_PYTHON@", SETUP_PYTHON).replace("@VERSION@", VERSION).replace("@CHECKS@", checks)
    (workflows / "caller.yml").write_text(text, "utf-8")
    git(destination, "init", "-q")
    git(destination, "add", "-A")
    git(destination, "commit", "-q", "-m", "a workflow using bodhi-gen's actions")
    return destination


def test_both_actions_install_bodhi_gen_into_a_private_venv_leaving_the_callers_python_alone(tmp_path: Path) -> None:
    repo = caller_repo(tmp_path / "caller")
    run = ActRun(
        repo, ".github/workflows/caller.yml", "workflow_dispatch", {"inputs": {}}, tmp_path / "run", host_env()
    )
    result = run_act(run)
    assert result.returncode == 0, result.tail()
    assert succeeded(result, "setup action"), result.tail()
    assert succeeded(result, "images action"), result.tail()
    assert sum(f"private-venv-ok bodhi-gen, version {VERSION}" in line for line in result.log.splitlines()) == 2
    assert "unknown variant" in result.log or "no-such-variant" in result.log  # the action's bodhi-gen ran


# (b) release.yml up to the publish step ------------------------------------------------------------------------


def release_run(tmp_path: Path, tag: str) -> ActResult:
    """release.yml's `publish` job (and the `build` job it needs) for a push of ``tag`` on a copy of this tree."""
    repo = clean_copy(tmp_path / "repo")
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "this tree")
    git(repo, "tag", tag)
    payload: Mapping[str, object] = {"ref": f"refs/tags/{tag}", "ref_type": "tag", "repository": {"name": "repo"}}
    run = ActRun(repo, ".github/workflows/release.yml", "push", payload, tmp_path / "run", host_env(), job="publish")
    return run_act(run)


def test_release_builds_checks_and_hands_both_distributions_to_the_publish_action(tmp_path: Path) -> None:
    result = release_run(tmp_path, f"v{VERSION}")
    assert result.returncode == 0, result.tail()
    assert succeeded(result, "build and check the distributions"), result.tail()
    assert succeeded(result, "publish to PyPI"), result.tail()
    assert result.artifacts == ["dist"]
    files = f"bodhi_gen-{VERSION}-py3-none-any.whl bodhi_gen-{VERSION}.tar.gz"
    # trusted publishing: no user, no password given to the action
    assert result.records == [f"pypi-publish index=pypi user=__token__ password=false files={files}"]
    assert "GitHub release" not in result.log  # only up to the publish step


def test_release_of_a_tag_that_does_not_name_the_version_fails_before_building(tmp_path: Path) -> None:
    result = release_run(tmp_path, "v9.9.9")
    assert result.returncode != 0
    assert f"tag v9.9.9 names version 9.9.9, but pyproject.toml says {VERSION}" in result.log, result.tail()
    assert not succeeded(result, "build and check the distributions")
    assert result.records == []
    assert result.artifacts == []
