"""Shared test helpers: where things are, and how to run the CLI in-process or as a real process."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "tests" / "examples"
GOOD_CONFIGS = sorted((EXAMPLES / "good").glob("*.yaml"))
BAD_CONFIGS = sorted((EXAMPLES / "bad").glob("*.yaml"))


@dataclass(frozen=True)
class Result:
    code: int
    out: str
    err: str


def run_cli(args: Sequence[str], cwd: Path | None = None, env: dict[str, str] | None = None) -> Result:
    """Run `python -m bodhi_gen ARGS` as a real process (exit codes, stdout and stderr as users see them)."""
    environment = {**os.environ, **(env or {})}
    environment.pop("BODHI_GEN_DEBUG", None)
    done = subprocess.run(
        [sys.executable, "-m", "bodhi_gen", *args],
        cwd=cwd or ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    return Result(done.returncode, done.stdout, done.stderr)


@pytest.fixture
def git_repo(tmp_path: Path) -> Path:
    """An empty git repository (actionlint resolves local workflows only inside one)."""
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    return tmp_path
