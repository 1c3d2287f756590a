"""The built wheel installs with no package index, its dependencies from setup/requirements.lock (hash-checked,
as the action installs them), into a fresh venv, and that bodhi-gen generates a consumer's workflows.

The wheel is scripts/test.sh's (``BODHI_TEST_DIST``: its ``python -m build`` output), else built here with the
locked build backend. The locked files come from tests/support/wheelhouse.py (downloaded once, then offline).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from collections.abc import Sequence
from pathlib import Path

from tests.helpers import ROOT
from tests.support.wheelhouse import RUNTIME_LOCK, locked_wheels, offline_pip_env

VERSION = str(tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["version"])


def run(args: Sequence[str | Path], cwd: Path, env: dict[str, str]) -> str:
    done = subprocess.run(list(map(str, args)), cwd=cwd, env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 0, f"{' '.join(map(str, args))} failed ({done.returncode}):\n{done.stdout}{done.stderr}"
    return done.stdout + done.stderr


def the_wheel(tmp_path: Path, env: dict[str, str]) -> Path:
    dist = Path(os.environ["BODHI_TEST_DIST"]) if os.environ.get("BODHI_TEST_DIST") else None
    if dist is None:
        dist = tmp_path / "dist"
        run([sys.executable, "-m", "build", "--wheel", "--outdir", dist, ROOT], ROOT, env)
    return dist / f"bodhi_gen-{VERSION}-py3-none-any.whl"


def test_the_built_wheel_installs_offline_from_the_lock_and_generates_workflows(tmp_path: Path) -> None:
    wheels = locked_wheels(RUNTIME_LOCK)
    # nothing of the test venv reaches the new one: no PYTHONPATH, no VIRTUAL_ENV, not its bin folder
    clean = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV") and not k.startswith("PIP_")}
    env = {**clean, **offline_pip_env(wheels)}
    wheel = the_wheel(tmp_path, env)
    assert wheel.is_file(), f"no {wheel.name} in {wheel.parent}"

    venv = tmp_path / "venv"
    run([sys.executable, "-m", "venv", venv], tmp_path, env)
    pip: list[str | Path] = [venv / "bin" / "python", "-m", "pip", "install", "--quiet"]
    run([*pip, "--require-hashes", "-r", RUNTIME_LOCK], tmp_path, env)
    run([*pip, "--no-deps", wheel], tmp_path, env)
    run([venv / "bin" / "python", "-m", "pip", "check"], tmp_path, env)

    consumer = tmp_path / "consumer"
    consumer.mkdir()
    run(["git", "init", "-q"], consumer, env)
    env["PATH"] = os.pathsep.join(
        p for p in env.get("PATH", "").split(os.pathsep) if p != str(Path(sys.executable).parent)
    )
    assert run([venv / "bin" / "bodhi-gen", "--version"], consumer, env).strip() == f"bodhi-gen, version {VERSION}"
    run([venv / "bin" / "bodhi-gen", "workflows"], consumer, env)
    written = sorted(p.name for p in (consumer / ".github" / "workflows").glob("*.yml"))
    assert "bodhi-release.yml" in written, written
    run([venv / "bin" / "bodhi-gen", "workflows", "--check"], consumer, env)
