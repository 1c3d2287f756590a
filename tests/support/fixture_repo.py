"""The fixture app as a git repository with its ``async-openai`` submodule, as BodhiApp is checked out.

``tests/fixture_app`` alone lacks ``async-openai/`` (a path dependency of ``ci_optims``), just as a clone
of BodhiApp without ``--recurse-submodules`` does, so building it fails in the deps stage. The submodule's
content is kept as plain files in ``tests/fixture_submodules/async-openai``; ``fixture_checkout`` turns it
into a local bare repository and adds it to a git copy of the app as a real submodule.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

TESTS_DIR = Path(__file__).resolve().parent.parent
FIXTURE_APP = TESTS_DIR / "fixture_app"
SUBMODULES_DIR = TESTS_DIR / "fixture_submodules"
SUBMODULE_PATH = "async-openai"

# Local build outputs of the fixture (see its .gitignore) never enter the copy.
_IGNORED = shutil.ignore_patterns("target", "node_modules", "dist", "out")

# Fixed identity and dates: the same fixture gives the same commits, and no user or system
# git configuration (signing, hooks, templates) can change what is made.
_GIT_ENV = {
    "GIT_AUTHOR_NAME": "Fixture",
    "GIT_AUTHOR_EMAIL": "fixture@example.invalid",
    "GIT_COMMITTER_NAME": "Fixture",
    "GIT_COMMITTER_EMAIL": "fixture@example.invalid",
    "GIT_AUTHOR_DATE": "2024-01-01T00:00:00Z",
    "GIT_COMMITTER_DATE": "2024-01-01T00:00:00Z",
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_CONFIG_GLOBAL": os.devnull,
}


def git(cwd: Path, *args: str) -> str:
    """Runs git in ``cwd`` with the fixed identity; file:// transport allowed (for the local submodule)."""
    done = subprocess.run(
        ["git", "-c", "protocol.file.allow=always", "-c", "init.defaultBranch=main", *args],
        cwd=cwd,
        env={**os.environ, **_GIT_ENV},
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        msg = f"git {' '.join(args)} in {cwd} failed ({done.returncode}):\n{done.stderr}"
        raise RuntimeError(msg)
    return done.stdout


def submodule_remote(destination: Path, name: str = SUBMODULE_PATH) -> Path:
    """A bare repository at ``destination/<name>.git`` holding one commit of the submodule's files."""
    work = destination / f"{name}.work"
    shutil.copytree(SUBMODULES_DIR / name, work)
    git(work, "init", "-q")
    git(work, "add", "-A")
    git(work, "commit", "-q", "-m", f"{name} fixture")
    bare = destination / f"{name}.git"
    git(destination, "clone", "-q", "--bare", str(work), str(bare))
    shutil.rmtree(work)
    return bare


def fixture_checkout(destination: Path) -> Path:
    """A git working copy of the fixture app at ``destination/app`` with ``async-openai`` checked out as a
    submodule (from a local bare repository under ``destination/remotes``); returns the checkout path."""
    remotes = destination / "remotes"
    remotes.mkdir(parents=True)
    bare = submodule_remote(remotes)
    app = destination / "app"
    shutil.copytree(FIXTURE_APP, app, ignore=_IGNORED)
    git(app, "init", "-q")
    git(app, "add", "-A")
    git(app, "commit", "-q", "-m", "fixture app")
    git(app, "submodule", "add", "-q", bare.as_uri(), SUBMODULE_PATH)
    git(app, "commit", "-q", "-m", f"add the {SUBMODULE_PATH} submodule")
    return app


def clone(origin: Path, destination: Path, *, submodules: bool) -> Path:
    """Clones a checkout made by ``fixture_checkout``, like actions/checkout with ``submodules:`` true or
    false: without them, ``async-openai/`` is an empty folder."""
    args = ["clone", "-q", *(["--recurse-submodules"] if submodules else []), origin.as_uri(), str(destination)]
    git(origin.parent, *args)
    return destination


def main(argv: list[str] | None = None) -> int:
    """``python3 -m tests.support.fixture_repo DEST``: make the checkout and print its path (for CI)."""
    import argparse

    parser = argparse.ArgumentParser(description="Make a git checkout of the fixture app with its submodule.")
    parser.add_argument("destination", type=Path, help="an empty or missing folder")
    args = parser.parse_args(argv)
    print(fixture_checkout(args.destination))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
