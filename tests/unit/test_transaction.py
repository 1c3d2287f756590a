"""Generators write all-or-nothing: killed, out of space, blocked or racing, never a mixed set or a temp left."""

from __future__ import annotations

import os
import random
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.helpers import GOOD_CONFIGS, ROOT, Result, run_cli

CPU_ONLY = next(p for p in GOOD_CONFIGS if p.name == "cpu-only.yaml")
LEFTOVER_MARKS = (".bodhi-gen-new", ".bodhi-gen-old", "bodhi-gen.journal", ".tmp")

# one commit of 300 files (old -> new, one deleted, one created), timed; "ready" first so kills land in it
SCRIPT = """
import sys, time
from pathlib import Path, PurePosixPath
from bodhi_gen.files import commit, transaction
root, label = Path(sys.argv[1]), sys.argv[2]
changes = {PurePosixPath(f"d{i % 7}/f{i}.txt"): f"{label} {i}\\n".encode() * 50 for i in range(300)}
changes[PurePosixPath("gone.txt")] = None if label == "new" else b"old gone\\n"
if label == "new":
    changes[PurePosixPath("extra.txt")] = b"new extra\\n"
sys.stdout.write("ready\\n"); sys.stdout.flush()
start = time.perf_counter()
with transaction(root):
    commit(root, changes)
sys.stdout.write(f"{time.perf_counter() - start}\\n")
"""


def leftovers(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if any(mark in p.name for mark in LEFTOVER_MARKS)]


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def commit_process(root: Path, label: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "generator")}
    return subprocess.Popen(
        [sys.executable, "-c", SCRIPT, str(root), label], stdout=subprocess.PIPE, text=True, env=env
    )


def test_a_killed_commit_leaves_the_old_or_the_new_set_never_a_mix(tmp_path: Path) -> None:
    from bodhi_gen.files import transaction

    old_root, new_root = tmp_path / "old", tmp_path / "new"
    for root, label in ((old_root, "old"), (new_root, "old"), (new_root, "new")):
        done = commit_process(root, label)
        out, _ = done.communicate(timeout=60)
        assert done.returncode == 0
    duration = float(out.splitlines()[-1])
    old, new = snapshot(old_root), snapshot(new_root)
    interrupted = 0
    for attempt in range(50):
        root = tmp_path / f"run{attempt}"
        first = commit_process(root, "old")
        first.communicate(timeout=60)
        assert first.returncode == 0
        proc = commit_process(root, "new")
        assert proc.stdout is not None
        assert proc.stdout.readline() == "ready\n"
        time.sleep(random.uniform(0, duration * 1.5))  # noqa: S311 - a test's randomness
        proc.send_signal(signal.SIGKILL)
        proc.communicate(timeout=60)
        interrupted += bool(leftovers(root))
        with transaction(root):  # the next run finishes the interrupted one first
            pass
        assert not leftovers(root), attempt
        assert snapshot(root) in (old, new), f"attempt {attempt}: a mixed set of files"
    print(f"{interrupted} of 50 kills interrupted a commit")


def test_a_full_disk_writes_nothing(tmp_path: Path) -> None:
    assert run_cli(["dockerfiles", "--out", str(tmp_path)]).code == 0
    before = snapshot(tmp_path)
    config = tmp_path / "c.yaml"
    config.write_text(CPU_ONLY.read_text("utf-8"), "utf-8")

    def small_files() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (1500, 1500))

    done = subprocess.run(
        [sys.executable, "-m", "bodhi_gen", "dockerfiles", "--out", str(tmp_path), "--config", str(config)],
        capture_output=True,
        text=True,
        preexec_fn=small_files,
        check=False,
    )
    assert done.returncode == 7, done.stderr
    assert "nothing was written" in done.stderr
    config.unlink()
    assert snapshot(tmp_path) == before
    assert not leftovers(tmp_path)


def test_a_folder_where_a_file_belongs_is_refused(tmp_path: Path) -> None:
    (tmp_path / ".github" / "workflows" / "bodhi-pr.yml").mkdir(parents=True)
    result = run_cli(["workflows", "--out", str(tmp_path)])
    assert result.code == 7
    assert "is a folder where a generated file belongs" in result.err
    assert not [p for p in tmp_path.rglob("*") if p.is_file()]


# Root writes into read-only folders: run the CLI as root without the capabilities that let it (CI is root).
AS_ROOT_WITHOUT_OVERRIDES = ["setpriv", "--bounding-set=-dac_override,-dac_read_search,-fowner", "--"]


def run_unprivileged(args: list[str]) -> Result:
    if os.geteuid() != 0:
        return run_cli(args)
    done = subprocess.run(
        [*AS_ROOT_WITHOUT_OVERRIDES, sys.executable, "-m", "bodhi_gen", *args],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    return Result(done.returncode, done.stdout, done.stderr)


def test_a_read_only_folder_writes_nothing(tmp_path: Path) -> None:
    assert run_cli(["workflows", "--out", str(tmp_path)]).code == 0
    folder = tmp_path / ".github" / "workflows"
    (folder / "bodhi-pr.yml").write_text("# Generated by `bodhi-gen workflows` edited\n", "utf-8")
    before = snapshot(tmp_path)
    folder.chmod(0o555)
    try:
        result = run_unprivileged(["workflows", "--out", str(tmp_path)])
    finally:
        folder.chmod(0o755)
    assert result.code == 7
    assert snapshot(tmp_path) == before
    assert not leftovers(tmp_path)


def test_symbolic_links_are_never_written_or_read_through(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    secret = tmp_path / "secret"
    secret.write_text("TOKEN=hunter2\n", "utf-8")
    repo.mkdir()
    (repo / ".gitattributes").symlink_to(secret)
    result = run_cli(["workflows", "--out", str(repo)])
    assert result.code == 7
    assert "symbolic link" in result.err
    assert not (repo / ".github").exists()
    assert secret.read_text("utf-8") == "TOKEN=hunter2\n"
    (repo / ".gitattributes").unlink()
    (repo / ".github" / "workflows").mkdir(parents=True)
    (repo / ".github" / "workflows" / "bodhi-pr.yml").symlink_to(secret)
    result = run_cli(["workflows", "--out", str(repo)])
    assert result.code == 7
    assert "symbolic link" in result.err
    assert secret.read_text("utf-8") == "TOKEN=hunter2\n"
    assert sorted(p.name for p in repo.rglob("*")) == [".github", "bodhi-pr.yml", "workflows"]


def test_concurrent_generators_keep_both_gitattributes_sections(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "generator")}
    for attempt in range(3):
        root = tmp_path / str(attempt)
        procs = [
            subprocess.Popen([sys.executable, "-m", "bodhi_gen", name, "--out", str(root)], env=env)
            for name in ("workflows", "makefile", "dockerfiles")
        ]
        assert [p.wait(timeout=120) for p in procs] == [0, 0, 0]
        text = (root / ".gitattributes").read_text("utf-8")
        for name in ("workflows", "makefile", "dockerfiles"):
            assert f"# bodhi-gen {name}\n" in text
        assert not leftovers(root)


def test_outputs_the_config_no_longer_produces_are_reported_then_removed(tmp_path: Path) -> None:
    assert run_cli(["dockerfiles", "--out", str(tmp_path)]).code == 0
    config = tmp_path / "c.yaml"
    config.write_text(CPU_ONLY.read_text("utf-8"), "utf-8")
    before = {p.name for p in (tmp_path / "dockerfiles").iterdir()}
    check = run_cli(["dockerfiles", "--check", "--out", str(tmp_path), "--config", str(config)])
    assert check.code == 1
    assert "stale: the config no longer produces it" in check.err
    everything = run_cli(["check", "--out", str(tmp_path), "--config", str(config)])
    assert "stale" in everything.err
    kept = tmp_path / "dockerfiles" / sorted(before)[0]
    result = run_cli(["dockerfiles", "--out", str(tmp_path), "--config", str(config)])
    assert result.code == 0, result.err
    assert "removed dockerfiles/" in result.out
    after = {p.name for p in (tmp_path / "dockerfiles").iterdir()}
    assert after < before
    assert run_cli(["dockerfiles", "--check", "--out", str(tmp_path), "--config", str(config)]).code == 0
    del kept
