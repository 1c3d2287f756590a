"""A per-user memo of what ``--check`` last rendered, so an unchanged repository is checked fast.

The key covers everything the output depends on: the command, the config's bytes (the very
bytes that were parsed) and how the header names it, and the content of every file of the
installed package (code, templates, data). On a hit, ``--check`` compares content hashes on disk
without importing pydantic or Jinja; any miss or mismatch falls back to a full render, which gives
the exact report.

A memo is trusted only when it cannot have been planted or edited: its folder is the user's own
(mode 0700), the memo is the user's and writable by no one else, it carries an HMAC made with a
per-user secret key over all of its content, and the files it lists are exactly those the
generator's ``.gitattributes`` section (the manifest of what the renderer produced) lists, plus
``.gitattributes`` itself. Anything else reads as a miss.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
import stat
from collections.abc import Iterable
from functools import cache
from importlib.util import find_spec
from pathlib import Path, PurePosixPath

from bodhi_gen import __version__
from bodhi_gen.errors import BodhiGenError, FileWriteError
from bodhi_gen.files import write_text

SKIP_SUFFIXES = (".pyc",)
KEY_FILE = "key"


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "bodhi-gen" / "check"


def _private(info: os.stat_result, folder: bool) -> bool:
    """Ours and not writable by others (a folder: not even readable by them)."""
    kind = stat.S_ISDIR if folder else stat.S_ISREG
    others = 0o077 if folder else 0o022
    return kind(info.st_mode) and info.st_uid == os.geteuid() and not info.st_mode & others


def _read_private(path: Path) -> bytes:
    """``path``'s bytes; ``OSError`` when it is a link, not ours, or writable by others."""
    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
    with os.fdopen(fd, "rb") as handle:
        if not _private(os.fstat(handle.fileno()), folder=False):
            raise PermissionError(path)
        return handle.read()


def _folder(create: bool) -> Path:
    folder = cache_dir()
    if create:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = folder.lstat()
        if stat.S_ISDIR(info.st_mode) and info.st_uid == os.geteuid() and info.st_mode & 0o077:
            folder.chmod(0o700)  # made by an older release; only a memo with our key's HMAC is read anyway
    if not _private(folder.lstat(), folder=True):
        raise PermissionError(folder)
    return folder


def _secret(folder: Path, create: bool) -> bytes:
    path = folder / KEY_FILE
    if create and not path.exists():
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(secrets.token_bytes(32))
    data = _read_private(path)
    if len(data) != 32:
        raise PermissionError(path)
    return data


def _package_roots() -> list[Path]:
    roots: list[Path] = []
    for name in ("bodhi_gen", "bodhi_gen.templates"):
        spec = find_spec(name)
        if spec is not None and spec.submodule_search_locations:
            roots.extend(Path(p) for p in spec.submodule_search_locations)
    return roots


def _package_files(root: Path) -> list[tuple[str, ...]]:
    """Every file under ``root`` but byte-code, as path parts relative to it, in ``Path`` order.

    ``os.walk`` that never enters ``__pycache__``: every run on the fast path pays for this walk.
    """
    found: list[tuple[str, ...]] = []
    for folder, subfolders, names in os.walk(root):
        subfolders[:] = [name for name in subfolders if name != "__pycache__"]
        base = Path(folder).relative_to(root).parts
        found.extend((*base, name) for name in names if name != "__pycache__" and not name.endswith(SKIP_SUFFIXES))
    return sorted(found)


@cache
def package_fingerprint() -> str:
    digest = hashlib.sha256(__version__.encode())
    for root in _package_roots():
        for parts in _package_files(root):
            path = root.joinpath(*parts)
            if path.is_file():
                digest.update("/".join(parts).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def cache_key(command: str, source: str, config_bytes: bytes | None) -> str:
    digest = hashlib.sha256()
    for part in (command, source, package_fingerprint()):
        digest.update(part.encode() + b"\0")
    digest.update(config_bytes if config_bytes is not None else b"<embedded>")
    return digest.hexdigest()


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _mac(secret: bytes, key: str, command: str, expected: dict[str, str]) -> str:
    body = json.dumps({"key": key, "command": command, "files": expected}, sort_keys=True)
    return hmac.new(secret, body.encode("utf-8"), hashlib.sha256).hexdigest()


def _manifest(root: Path, command: str) -> set[str]:
    """What the renderer produced last time, as ``.gitattributes`` on disk lists it, plus that file."""
    from bodhi_gen.render.gitattributes import PATH, listed, read_existing

    return {p.as_posix() for p in listed(read_existing(root), command)} | {PATH.as_posix()}


def _on_disk(root: Path, relative: str) -> bytes:
    fd = os.open(root / PurePosixPath(relative), os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
    with os.fdopen(fd, "rb") as handle:
        return handle.read()


def matches(key: str, root: Path, command: str) -> int:
    """How many files the memo for ``key`` lists when it is sound and all are on disk unchanged; 0 otherwise."""
    try:
        folder = _folder(create=False)
        memo = json.loads(_read_private(folder / f"{key}.json"))
        expected: dict[str, str] = memo["files"]
        if not hmac.compare_digest(str(memo["mac"]), _mac(_secret(folder, create=False), key, command, expected)):
            return 0
        if set(expected) != _manifest(root, command):
            return 0  # fewer (or other) files than the renderer produces
        same = all(_sha(_on_disk(root, rel)) == sha for rel, sha in expected.items())
    except (OSError, ValueError, KeyError, TypeError, BodhiGenError):
        return 0
    return len(expected) if same else 0


def store(key: str, command: str, outputs: Iterable[tuple[str, str]]) -> None:
    """Remember the rendered (path, content) pairs; a cache that cannot be written only costs speed."""
    expected = {path: _sha(content.encode("utf-8")) for path, content in outputs}
    try:
        folder = _folder(create=True)
        memo = {"files": expected, "mac": _mac(_secret(folder, create=True), key, command, expected)}
        write_text(folder / f"{key}.json", json.dumps(memo, sort_keys=True), "check memo")
    except (OSError, FileWriteError):
        return
