"""What git knows about the sources being built: the commit, and its time (for reproducible labels)."""

from __future__ import annotations

import subprocess
from datetime import UTC, datetime
from pathlib import Path


def _git(source_dir: Path, *args: str) -> str | None:
    try:
        done = subprocess.run(
            ["git", "-C", str(source_dir), *args], capture_output=True, text=True, check=False, timeout=30
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    value = done.stdout.strip()
    return value if done.returncode == 0 and value else None


def head_commit(source_dir: Path) -> str | None:
    """``git rev-parse HEAD`` of the repository holding ``source_dir``; None outside one."""
    return _git(source_dir, "rev-parse", "HEAD")


def commit_time(source_dir: Path, commit: str = "HEAD") -> str | None:
    """The committer time of ``commit`` as ``YYYY-MM-DDTHH:MM:SSZ`` (UTC); None when unknown."""
    raw = _git(source_dir, "log", "-1", "--format=%cI", commit, "--")
    if raw is None:
        return None
    try:
        moment = datetime.fromisoformat(raw)
    except ValueError:
        return None
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
