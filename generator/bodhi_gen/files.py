"""Files we write: each replaced atomically, or not at all; a set of files as one transaction.

Every write of ours goes through here, so a failure is always a ``FileWriteError`` (its own exit
code) and never leaves a half-written file or a temporary one behind.

``transaction(root)`` + ``commit`` write a whole set: under an exclusive lock, a journal names
every target, each new content goes to a temporary sibling and each old one is kept as a hard
link, then the temporaries are renamed into place. A run killed at any point leaves the journal,
and the next writing run rolls back to the old set, or, once every rename was done, forward to the
new one, so the files on disk are never a mix of both. The journal is checked first (``journal.py``):
one it did not write is refused and nothing is touched. A check (``interrupted``) only reports it.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager, suppress
from pathlib import Path, PurePosixPath

from bodhi_gen import journal
from bodhi_gen.errors import FileWriteError
from bodhi_gen.journal import Entry, Journal, backup_of, state_file, temp_of


def stage(target: Path, data: bytes, mode: int = 0o644) -> Path:
    """Write ``data`` to a new temporary sibling of ``target`` and return its path (not yet in place)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    tmp = Path(name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        tmp.chmod(mode)  # mkstemp makes 0600 files
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return tmp


def write_bytes(target: Path, data: bytes, what: str = "file") -> None:
    """Replace ``target`` with ``data`` atomically; ``what`` names it in the error ("digest file")."""
    try:
        stage(target, data).replace(target)
    except OSError as exc:
        msg = f"cannot write the {what} {target}: {exc.strerror or exc}"
        raise FileWriteError(msg) from None


def write_text(target: Path, text: str, what: str = "file") -> None:
    write_bytes(target, text.encode("utf-8"), what)


def append_text(target: Path, text: str, what: str = "file") -> None:
    """Append to ``target`` (step outputs and summaries are appended to, by GitHub's design)."""
    try:
        with target.open("a", encoding="utf-8") as handle:
            handle.write(text)
    except OSError as exc:
        msg = f"cannot write the {what} {target}: {exc.strerror or exc}"
        raise FileWriteError(msg) from None


def safe_target(root: Path, path: PurePosixPath) -> Path:
    """``root / path``, refused (``FileWriteError``) when it, or a folder on the way, is a symbolic link.

    A link could point out of the repository: writing through it would replace a file elsewhere,
    and reading through it (``.gitattributes``) would copy another file's content into the repository.
    """
    if path.is_absolute() or ".." in path.parts:
        msg = f"refusing to write {path}: not a path inside {root}"
        raise FileWriteError(msg)
    current = root
    for part in path.parts:
        current = current / part
        if current.is_symlink():
            msg = (
                f"{current} is a symbolic link; bodhi-gen never writes or reads generated files through "
                "one (it could point outside the repository). Replace it with a regular file or folder; "
                "nothing was written."
            )
            raise FileWriteError(msg)
    if current.is_dir():
        msg = f"{current} is a folder where a generated file belongs; move it away; nothing was written."
        raise FileWriteError(msg)
    return current


_held: set[Path] = set()  # roots this process holds the lock of (flock is per open file, not reentrant)


@contextmanager
def transaction(root: Path) -> Iterator[None]:
    """Hold the output root's lock (concurrent runs wait) after finishing any interrupted commit.

    An invalid journal raises ``FileWriteError`` before anything is touched (``journal.read``).
    """
    key = root.absolute()
    if key in _held:
        yield
        return
    try:
        root.mkdir(parents=True, exist_ok=True)
        lock = state_file(root, "bodhi-gen.lock")
        fd = _lock(lock)
    except OSError as exc:
        msg = f"cannot lock {root} for writing: {exc.strerror or exc}; nothing was written"
        raise FileWriteError(msg) from None
    try:
        _held.add(key)
        found = journal.read(root)
        try:
            if found is None:  # killed while writing the first journal: nothing else was touched
                _journal_tmp(state_file(root, journal.NAME)).unlink(missing_ok=True)
            else:
                _recover(found)
        except OSError as exc:
            msg = f"cannot finish the interrupted write under {root}: {exc.strerror or exc}"
            raise FileWriteError(msg) from None
        yield
    finally:
        _held.discard(key)
        lock.unlink(missing_ok=True)  # removed while held: a waiter notices (below) and locks afresh
        os.close(fd)


def _lock(lock: Path) -> int:
    """An exclusive ``flock`` on ``lock``, retried when the file was removed while we waited for it."""
    while True:
        fd = os.open(lock, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o644)
        fcntl.flock(fd, fcntl.LOCK_EX)
        try:
            if lock.lstat().st_ino == os.fstat(fd).st_ino:
                return fd
        except FileNotFoundError:
            pass
        os.close(fd)


def _write_journal(record: Journal) -> None:
    tmp = _journal_tmp(record.file)
    with tmp.open("w", encoding="utf-8") as handle:
        json.dump({"state": record.state, "entries": [entry.as_json() for entry in record.entries]}, handle)
        handle.flush()
        os.fsync(handle.fileno())
    tmp.replace(record.file)


def _journal_tmp(file: Path) -> Path:
    return file.with_name(file.name + ".tmp")


def _keep_old(target: Path) -> None:
    backup = backup_of(target)
    backup.unlink(missing_ok=True)
    try:
        os.link(target, backup)
    except OSError:  # a file system without hard links
        shutil.copy2(target, backup)


def _put_new(target: Path, data: bytes) -> None:
    temp = temp_of(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    temp.unlink(missing_ok=True)
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, 0o644)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
    temp.chmod(0o644)  # whatever the umask: generated files are committed, readable by all


def commit(root: Path, changes: Mapping[PurePosixPath, bytes | None]) -> None:
    """Replace (bytes) or delete (``None``) every path of ``changes`` under ``root``, all or none.

    Call it inside ``transaction(root)``. On failure the previous files are restored and
    ``FileWriteError`` says why.
    """
    entries = []
    for path in changes:
        target = safe_target(root, path)
        entries.append(Entry(path, target, target.exists()))
    file = state_file(root, journal.NAME)
    try:
        _write_journal(Journal(file, "prepare", tuple(entries)))
        for entry in entries:
            data = changes[entry.path]
            if data is not None:
                _put_new(entry.target, data)
            if entry.target.exists():
                _keep_old(entry.target)
        _write_journal(Journal(file, "rename", tuple(entries)))
        for entry in entries:
            if changes[entry.path] is None:
                entry.target.unlink()
            else:
                temp_of(entry.target).replace(entry.target)
        _write_journal(Journal(file, "done", tuple(entries)))
    except OSError as exc:
        failed = f"cannot write generated files under {root}: {exc.strerror or exc}"
        try:  # our own journal, just written: no need to check it
            _recover(Journal(file, _journal_state(file), tuple(entries)))
        except OSError as again:
            msg = f"{failed}; restoring the previous files failed too ({again}); the next run retries"
            raise FileWriteError(msg) from None
        msg = f"{failed}; nothing was written (the previous files are as they were)"
        raise FileWriteError(msg) from None
    _recover(Journal(file, "done", tuple(entries)))


def _journal_state(file: Path) -> str:
    """The state the journal on disk records ("prepare" when it was never written)."""
    try:
        state = json.loads(file.read_text("utf-8")).get("state")
    except (OSError, ValueError, AttributeError):
        return "prepare"
    return state if state in journal.STATES else "prepare"


def interrupted(root: Path) -> Path | None:
    """The journal an interrupted commit under ``root`` left, if any; reads only (for ``--check``).

    An invalid journal raises ``FileWriteError``, as a writing run would.
    """
    found = journal.read(root)
    return None if found is None else found.file


def _remove(path: Path) -> None:
    with suppress(FileNotFoundError, NotADirectoryError):
        path.unlink()


def _recover(record: Journal) -> None:
    """Finish an interrupted ``commit``: roll back unless every rename was done, then clean up."""
    _journal_tmp(record.file).unlink(missing_ok=True)
    done = record.state == "done"
    for entry in record.entries:
        _remove(temp_of(entry.target))
        backup = backup_of(entry.target)
        if done:
            _remove(backup)
        elif backup.exists():
            backup.replace(entry.target)
            _remove(backup)  # a no-op rename when both names were one file
        elif not entry.existed and record.state == "rename":
            _remove(entry.target)
    record.file.unlink(missing_ok=True)
