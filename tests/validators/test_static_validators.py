"""Zero findings from zizmor (pedantic), actionlint (+shellcheck), check-jsonschema and shellcheck.

Runs on every generated workflow (default config and every good example) and on this repository's
own workflows, actions and shell scripts.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest

from bodhi_gen.render.output import write_all
from tests.helpers import GOOD_CONFIGS, ROOT, render_files

pytestmark = pytest.mark.validators

BIN = Path(sys.executable).parent
CONFIGS = [None, *GOOD_CONFIGS]
IDS = ["default", *(p.stem for p in GOOD_CONFIGS)]


def tool(name: str) -> str:
    found = shutil.which(name, path=f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}")
    assert found, f"{name} is not installed (pip install -e '.[test]')"
    return found


def run(args: Sequence[str], cwd: Path) -> None:
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
    # zizmor goes online when it sees a token; the audit must stay offline and reproducible
    for name in ("GH_TOKEN", "GITHUB_TOKEN", "ZIZMOR_GITHUB_TOKEN"):
        env.pop(name, None)
    done = subprocess.run(list(args), cwd=cwd, env=env, capture_output=True, text=True, check=False, timeout=300)
    assert done.returncode == 0, f"{' '.join(args[:3])} found problems:\n{done.stdout}\n{done.stderr}"


def zizmor(paths: Sequence[Path], cwd: Path) -> None:
    run(
        [tool("zizmor"), "--offline", "--persona", "pedantic", "--config", str(ROOT / "zizmor.yml"), *map(str, paths)],
        cwd,
    )


def actionlint(paths: Sequence[Path], cwd: Path) -> None:
    run([tool("actionlint"), "-shellcheck", tool("shellcheck"), *map(str, paths)], cwd)


def jsonschema(schema: str, paths: Sequence[Path], cwd: Path) -> None:
    run([tool("check-jsonschema"), "--builtin-schema", schema, *map(str, paths)], cwd)


@pytest.mark.parametrize("config", CONFIGS, ids=IDS)
def test_generated_workflows_have_zero_findings(config: Path | None, git_repo: Path) -> None:
    files = render_files("workflows", config, cwd=ROOT)
    write_all(files, git_repo)
    paths = [git_repo / f.path for f in files]
    zizmor(paths, git_repo)
    actionlint(paths, git_repo)
    jsonschema("vendor.github-workflows", paths, git_repo)


def repository_workflows() -> list[Path]:
    return sorted((ROOT / ".github" / "workflows").glob("*.yml"))


def repository_actions() -> list[Path]:
    return sorted(p for p in [ROOT / "action.yml", *ROOT.glob("*/action.yml")] if p.is_file())


def test_repository_workflows_and_actions_have_zero_findings() -> None:
    workflows, actions = repository_workflows(), repository_actions()
    assert workflows
    assert actions
    zizmor([*workflows, *actions], ROOT)
    actionlint(workflows, ROOT)
    jsonschema("vendor.github-workflows", workflows, ROOT)
    jsonschema("vendor.github-actions", actions, ROOT)


def shell_scripts() -> list[Path]:
    """Every shell script git tracks: named ``*.sh`` or starting with a sh/bash shebang (``.ci/run``)."""
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout.decode()
    scripts: list[Path] = []
    for path in (ROOT / rel for rel in listed.split("\0") if rel):
        if not path.is_file():
            continue
        with path.open("rb") as handle:
            first = handle.readline()
        if path.suffix == ".sh" or (first.startswith(b"#!") and first.rstrip().endswith((b"/sh", b"bash"))):
            scripts.append(path)
    return scripts


def test_shell_scripts_pass_shellcheck() -> None:
    scripts = shell_scripts()
    assert {ROOT / ".ci" / "run", ROOT / "scripts" / "test.sh"} <= set(scripts)
    run([tool("shellcheck"), "--severity=style", *map(str, scripts)], ROOT)
