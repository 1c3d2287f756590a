"""Files we write: each replaced atomically (a temporary sibling renamed into place), or not at all.

Every write of ours goes through here, so a failure is always a ``FileWriteError`` (its own exit
code) and never leaves a half-written file or a temporary one behind.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from bodhi_gen.errors import FileWriteError


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
