"""A journal left in the work tree is checked before recovery acts on it, and a check never acts on one.

Where ``.git`` is a file (a git worktree, as here), the journal of an interrupted write lies in the work
tree, where it can be committed or planted. Every case runs the real CLI: ``workflows`` (which would
recover), ``workflows --check`` and ``check`` (the pre-commit hook).
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.helpers import Result, run_cli

JOURNAL = ".bodhi-gen.journal"  # in the work tree: .git is a file
COMMANDS = [["workflows"], ["workflows", "--check"], ["check"]]
COMMAND_IDS = ["workflows", "workflows-check", "check"]
VICTIM = "victim.txt"
PR = ".github/workflows/bodhi-pr.yml"


def tree(root: Path) -> dict[str, str]:
    """Every path under ``root`` -> a hash of its content (a link: its target; a folder: "dir")."""
    found: dict[str, str] = {}
    for folder, dirs, files in os.walk(root):
        for name in dirs + files:
            path = Path(folder) / name
            key = path.relative_to(root).as_posix()
            if path.is_symlink():
                found[key] = f"link:{path.readlink()}"
            elif path.is_dir():
                found[key] = "dir"
            else:
                found[key] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


@pytest.fixture
def place(tmp_path: Path) -> tuple[Path, Path, dict[str, str]]:
    """A generated worktree-style checkout ``repo`` and a folder ``outside`` beside it, holding a victim."""
    repo, outside = tmp_path / "repo", tmp_path / "outside"
    outside.mkdir()
    (outside / VICTIM).write_text("precious\n", "utf-8")
    (outside / f".{VICTIM}.bodhi-gen-old").write_text("overwritten\n", "utf-8")  # a planted "backup"
    repo.mkdir()
    (repo / ".git").write_text("gitdir: ../gitdir/worktrees/repo\n", "utf-8")
    (repo / "README.md").write_text("# hand-written\n", "utf-8")
    (repo / "link").symlink_to(outside)
    result = run_cli(["workflows", "--out", str(repo)], env=_env(tmp_path))
    assert result.code == 0, result.err
    return repo, outside, {"XDG_CACHE_HOME": str(tmp_path / "cache")}


def _env(tmp_path: Path) -> dict[str, str]:
    return {"XDG_CACHE_HOME": str(tmp_path / "cache")}  # the --check memo lives outside both trees


Plant = Callable[[Path, Path], object]

PLANTED: dict[str, Plant] = {
    # state "rename", a new file: recovery would delete it
    "absolute": lambda _repo, outside: {
        "state": "rename",
        "entries": [{"path": str(outside / VICTIM), "existed": False}],
    },
    "dot-dot": lambda _repo, _outside: {
        "state": "rename",
        "entries": [{"path": f"../outside/{VICTIM}", "existed": False}],
    },
    # state "prepare" with a backup beside it: recovery would put the backup in the victim's place
    "dot-dot-backup": lambda _repo, _outside: {
        "state": "prepare",
        "entries": [{"path": f"../outside/{VICTIM}", "existed": True}],
    },
    "symlinked-parent": lambda _repo, _outside: {
        "state": "rename",
        "entries": [{"path": f"link/{VICTIM}", "existed": False}],
    },
    "unknown-file": lambda _repo, _outside: {"state": "rename", "entries": [{"path": "README.md", "existed": False}]},
    "not-normalised": lambda _repo, _outside: {
        "state": "rename",
        "entries": [{"path": "./README.md", "existed": False}],
    },
    "inside-git": lambda _repo, _outside: {"state": "rename", "entries": [{"path": ".git", "existed": False}]},
    "not-json": lambda _repo, _outside: "{not json",
}


@pytest.mark.parametrize("command", COMMANDS, ids=COMMAND_IDS)
@pytest.mark.parametrize("case", list(PLANTED))
def test_a_planted_journal_is_refused_and_nothing_changes(
    place: tuple[Path, Path, dict[str, str]], case: str, command: list[str]
) -> None:
    repo, outside, env = place
    record = PLANTED[case](repo, outside)
    (repo / JOURNAL).write_text(record if isinstance(record, str) else json.dumps(record), "utf-8")
    before_repo, before_outside = tree(repo), tree(outside)
    result = run_cli([*command, "--out", str(repo)], env=env)
    assert result.code == 7, result
    assert "Traceback" not in result.err
    assert "is the journal of an interrupted bodhi-gen write, but it is not one bodhi-gen wrote" in result.err
    assert "Nothing was changed" in result.err
    paragraph = [line for line in result.err.strip().splitlines() if not line.startswith("config: ")]
    assert len(paragraph) == 1  # one paragraph, after the line naming the config
    assert tree(outside) == before_outside
    assert tree(repo) == before_repo  # not even the journal: it is the evidence


def test_the_refusal_names_each_bad_entry(place: tuple[Path, Path, dict[str, str]]) -> None:
    repo, outside, env = place
    entries = [
        {"path": str(outside / VICTIM), "existed": False},
        {"path": f"../outside/{VICTIM}", "existed": False},
        {"path": f"link/{VICTIM}", "existed": False},
        {"path": "README.md", "existed": False},
        {"path": PR, "existed": True},  # a real generated file: fine by itself
    ]
    (repo / JOURNAL).write_text(json.dumps({"state": "rename", "entries": entries}), "utf-8")
    err = run_cli(["workflows", "--out", str(repo)], env=env).err
    assert "entry 1 (" in err
    assert "is not a relative path" in err
    assert "entry 2 ('../outside/victim.txt') leaves the output root" in err
    assert "entry 3 ('link/victim.txt') goes through the symbolic link 'link'" in err
    assert "entry 4 ('README.md'): it is not a file bodhi-gen generates" in err
    assert "entry 5" not in err


def _interrupt(repo: Path) -> None:
    """What a write killed after its renames leaves: bodhi-pr.yml new, its backup old, the journal at "rename"."""
    target = repo / PR
    backup = target.with_name(f".{target.name}.bodhi-gen-old")
    os.link(target, backup)
    target.unlink()
    target.write_text(backup.read_text("utf-8") + "# the interrupted run's new content\n", "utf-8")
    journal = {"state": "rename", "entries": [{"path": PR, "existed": True}]}
    (repo / JOURNAL).write_text(json.dumps(journal), "utf-8")


@pytest.mark.parametrize("command", COMMANDS[1:], ids=COMMAND_IDS[1:])
def test_a_check_reports_an_interrupted_write_and_changes_nothing(
    place: tuple[Path, Path, dict[str, str]], command: list[str]
) -> None:
    repo, _, env = place
    _interrupt(repo)
    before = tree(repo)
    result = run_cli([*command, "--out", str(repo)], env=env)
    assert result.code == 1, result
    assert "an interrupted bodhi-gen write left its journal" in result.err
    assert "run `bodhi-gen workflows` (without --check)" in result.err
    assert tree(repo) == before


def test_a_write_finishes_an_interrupted_one(place: tuple[Path, Path, dict[str, str]]) -> None:
    repo, _, env = place
    expected = (repo / PR).read_bytes()
    _interrupt(repo)
    result: Result = run_cli(["workflows", "--out", str(repo)], env=env)
    assert result.code == 0, result.err
    assert (repo / PR).read_bytes() == expected
    assert not [p for p in repo.rglob("*") if "bodhi-gen-old" in p.name or p.name == JOURNAL]
    assert run_cli(["check", "--only", "workflows", "--out", str(repo)], env=env).code == 0
