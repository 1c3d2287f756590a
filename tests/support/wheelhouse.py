"""The locked packages' files on this machine, for installs that must not reach a package index.

``locked_wheels()`` downloads every file the locks name for this interpreter and platform into
``.cache/locked-wheels`` once (each checked against the lock's sha256 by pip), and after that only reads
that folder. The tests install from it with ``--no-index --find-links``: the built wheel into a fresh venv
(tests/unit/test_built_wheel.py) and, under act, the action's private venv and release.yml's build tools
(``PIP_NO_INDEX`` / ``PIP_FIND_LINKS`` in tests/support/act.py).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
RUNTIME_LOCK = ROOT / "setup" / "requirements.lock"
TOOLS_LOCK = ROOT / ".github" / "tools.lock"
CACHE = ROOT / ".cache" / "locked-wheels"
_READY: set[tuple[Path, str]] = set()  # (lock, its text) whose files this process has made sure of


def locked_wheels(*locks: Path) -> Path:
    """A folder holding every file ``locks`` (default: both) name for this interpreter; downloaded from the
    package index only when the folder does not have them yet."""
    CACHE.mkdir(parents=True, exist_ok=True)
    for lock in locks or (RUNTIME_LOCK, TOOLS_LOCK):
        key = (lock, lock.read_text("utf-8"))
        if key in _READY:
            continue
        download = [sys.executable, "-m", "pip", "download", "--quiet", "--disable-pip-version-check"]
        download += ["--require-hashes", "--no-deps", "--only-binary", ":all:", "-r", str(lock), "-d", str(CACHE)]
        offline = subprocess.run(
            [*download, "--no-index", "--find-links", str(CACHE)], capture_output=True, text=True, check=False
        )
        if offline.returncode == 0:
            _READY.add(key)
            continue
        env = {k: v for k, v in os.environ.items() if k not in ("PIP_NO_INDEX", "PIP_FIND_LINKS")}
        online = subprocess.run(download, capture_output=True, text=True, check=False, env=env, timeout=900)
        if online.returncode != 0:
            msg = f"could not download the files of {lock.relative_to(ROOT)}:\n{online.stdout}{online.stderr}"
            raise RuntimeError(msg)
        _READY.add(key)
    return CACHE


def offline_pip_env(wheels: Path) -> dict[str, str]:
    """Variables that make every pip (and every build sandbox pip starts) install only from ``wheels``."""
    return {"PIP_NO_INDEX": "1", "PIP_FIND_LINKS": str(wheels), "PIP_DISABLE_PIP_VERSION_CHECK": "1"}


if __name__ == "__main__":
    # scripts/test.sh: fetch the locked files once, before the package build and the tests use them
    print(locked_wheels())
