"""The ``bodhi-gen-check`` pre-commit hook, run by pre-commit itself in a throwaway consumer repository."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from tests.helpers import ROOT


def git(cwd: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid"}
    env |= {"GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.invalid"}
    done = subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=True)
    return done.stdout.strip()


def test_hook_passes_then_fails_naming_the_edited_file(tmp_path: Path) -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))
    assert [h["id"] for h in hooks] == ["bodhi-gen-check"]

    # the hook repository: this checkout's tracked and untracked-but-not-ignored files, committed
    hook_repo = tmp_path / "hook-repo"
    listed = (
        subprocess.run(
            ["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=ROOT, capture_output=True, check=True
        )
        .stdout.decode()
        .split("\0")
    )
    for rel in filter(None, listed):
        source = ROOT / rel
        if source.is_file():
            (hook_repo / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, hook_repo / rel)
    git(hook_repo, "init", "-q")
    git(hook_repo, "add", "-A")
    git(hook_repo, "commit", "-q", "-m", "hook")
    rev = git(hook_repo, "rev-parse", "HEAD")

    consumer = tmp_path / "consumer"
    consumer.mkdir()
    git(consumer, "init", "-q")
    config = {
        "repos": [
            {"repo": str(hook_repo), "rev": rev, "hooks": [{"id": "bodhi-gen-check", "args": ["--only", "workflows"]}]}
        ]
    }
    (consumer / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config), "utf-8")
    subprocess.run([sys.executable, "-m", "bodhi_gen", "workflows"], cwd=consumer, check=True, capture_output=True)
    git(consumer, "add", "-A")

    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home")}
    env.pop("BODHI_GEN_DEBUG", None)

    def run() -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "pre_commit", "run", "--all-files"],
            cwd=consumer,
            env=env,
            capture_output=True,
            text=True,
            check=False,
            timeout=300,
        )

    passed = run()
    assert passed.returncode == 0, passed.stdout + passed.stderr
    edited = consumer / ".github" / "workflows" / "bodhi-release.yml"
    edited.write_text(edited.read_text("utf-8") + "# hand edit\n", "utf-8")
    failed = run()
    assert failed.returncode == 1
    assert ".github/workflows/bodhi-release.yml (differs)" in failed.stdout + failed.stderr
