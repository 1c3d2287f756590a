"""A per-user memo of what ``--check`` last rendered, so an unchanged repository is checked fast.

The key covers everything the output depends on: the command, the config's bytes and how the
header names it, and the content of every file of the installed package (code, templates,
data). On a hit, ``--check`` compares content hashes on disk without importing pydantic or
Jinja; any miss or mismatch falls back to a full render, which gives the exact report.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable
from functools import cache
from importlib.util import find_spec
from pathlib import Path

from bodhi_gen import __version__
from bodhi_gen.errors import FileWriteError
from bodhi_gen.files import write_text

SKIP_SUFFIXES = (".pyc",)


def _cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "bodhi-gen" / "check"


def _package_roots() -> list[Path]:
    roots: list[Path] = []
    for name in ("bodhi_gen", "bodhi_gen.templates"):
        spec = find_spec(name)
        if spec is not None and spec.submodule_search_locations:
            roots.extend(Path(p) for p in spec.submodule_search_locations)
    return roots


@cache
def package_fingerprint() -> str:
    digest = hashlib.sha256(__version__.encode())
    for root in _package_roots():
        for path in sorted(root.rglob("*")):
            if path.is_file() and path.suffix not in SKIP_SUFFIXES and "__pycache__" not in path.parts:
                digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def cache_key(command: str, source: str, config_bytes: bytes | None) -> str:
    digest = hashlib.sha256()
    for part in (command, source, package_fingerprint()):
        digest.update(part.encode() + b"\0")
    digest.update(config_bytes if config_bytes is not None else b"<embedded>")
    return digest.hexdigest()


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def matches(key: str, root: Path) -> int:
    """How many files the memo for ``key`` lists when all are on disk unchanged; 0 otherwise."""
    try:
        expected: dict[str, str] = json.loads((_cache_dir() / f"{key}.json").read_text("utf-8"))
        same = all(_sha((root / rel).read_bytes()) == sha for rel, sha in expected.items())
    except (OSError, ValueError):
        return 0
    return len(expected) if same else 0


def store(key: str, outputs: Iterable[tuple[str, str]]) -> None:
    """Remember the rendered (path, content) pairs; a cache that cannot be written only costs speed."""
    memo = {path: _sha(content.encode("utf-8")) for path, content in outputs}
    try:
        write_text(_cache_dir() / f"{key}.json", json.dumps(memo, sort_keys=True), "check memo")
    except FileWriteError:
        return
