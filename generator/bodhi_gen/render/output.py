"""Write generated files all-or-nothing, or check them for drift without writing anything."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from bodhi_gen.errors import DriftError, UsageError
from bodhi_gen.files import commit, interrupted, safe_target, transaction
from bodhi_gen.journal import GENERATED_MARK


@dataclass(frozen=True)
class GeneratedFile:
    path: PurePosixPath  # relative to the output root, always with forward slashes
    content: str


def marker(command: str) -> str:
    """What the first line of every file ``bodhi-gen <command>`` generates says (see ``header``)."""
    return f"{GENERATED_MARK.decode()}{command}`"  # the mark recovery knows generated files by


def header(command: str, source: str, comment: str = "#") -> str:
    """The first lines of every generated file: what made it and how to remake it."""
    return (
        f"{comment} {marker(command)} from {source}. Do not edit by hand:\n"
        f"{comment} change the config and run `bodhi-gen {command}` again (CI fails on drift).\n"
    )


def drifted(files: Sequence[GeneratedFile], root: Path, stale: Sequence[PurePosixPath] = ()) -> list[str]:
    """Paths (relative) whose content on disk is missing or differs, and ``stale`` ones left over."""
    problems = [f"{path} (stale: the config no longer produces it)" for path in stale]
    for item in files:
        target = root / item.path
        if target.is_symlink():
            problems.append(f"{item.path} (a symbolic link, not a generated file)")
            continue
        try:
            current = target.read_bytes()
        except FileNotFoundError:
            problems.append(f"{item.path} (missing)")
            continue
        except OSError as exc:
            problems.append(f"{item.path} (unreadable: {exc.strerror})")
            continue
        if current != item.content.encode("utf-8"):
            problems.append(f"{item.path} (differs)")
    return problems


def out_of_date(lines: Sequence[str], root: Path) -> str:
    """The drift report's head: how many files under ``root`` are out of date, one indented line each."""
    listing = "\n".join(f"  {line}" for line in lines)
    return f"{len(lines)} generated file(s) under {root} are out of date:\n{listing}"


def refuse_interrupted(root: Path, command: str) -> None:
    """Raise ``DriftError`` when an interrupted write left its journal under ``root``: the files on disk may be
    part old, part new. A check never finishes it (it writes nothing); ``bodhi-gen <command>`` does."""
    journal = interrupted(root)
    if journal is not None:
        msg = (
            f"an interrupted bodhi-gen write left its journal {journal}, so the generated files under {root} "
            f"may be part old, part new. A check changes nothing, so it does not finish it: run `bodhi-gen "
            f"{command}` (without --check), which rolls the interrupted write back or forward before it "
            "writes, then check again."
        )
        raise DriftError(msg)


def check(files: Sequence[GeneratedFile], root: Path, command: str, stale: Sequence[PurePosixPath] = ()) -> None:
    problems = drifted(files, root, stale)
    if problems:
        msg = f"{out_of_date(problems, root)}\nRun `bodhi-gen {command}` to regenerate them."
        raise DriftError(msg)


def carries_header(target: Path, command: str) -> bool:
    """Whether ``target`` is a regular file whose first line is ``command``'s generated header."""
    if target.is_symlink() or not target.is_file():
        return False
    try:
        with target.open("rb") as handle:
            first = handle.readline()
    except OSError:
        return False  # unreadable: not known to be ours
    return marker(command).encode("utf-8") in first


def hand_written(files: Sequence[GeneratedFile], root: Path, command: str) -> list[PurePosixPath]:
    """Files ``command`` would replace that exist on disk without its generated header.

    Only files whose new content carries the header are guarded; a merged file (``.gitattributes``,
    whose bodhi-gen block is spliced into the user's text) has none and is never reported.
    """
    mark = marker(command)
    found: list[PurePosixPath] = []
    for item in files:
        if mark not in item.content.partition("\n")[0]:
            continue
        target = root / item.path
        if target.is_symlink() or not target.is_file():  # missing, or refused by the write (FileWriteError)
            continue
        if not carries_header(target, command):  # an unreadable one is not known to be ours either
            found.append(item.path)
    return found


def refuse_hand_written(files: Sequence[GeneratedFile], root: Path, command: str) -> None:
    """Raise ``UsageError`` (exit 2, nothing written) when ``command`` would replace a hand-written file."""
    found = hand_written(files, root, command)
    if found:
        listing = "\n".join(f"  {path}" for path in found)
        msg = (
            f"{len(found)} file(s) under {root} exist without the `bodhi-gen {command}` header, "
            f"so they look hand-written; nothing was written:\n{listing}\n"
            f"Move them away, or pass --force to replace them."
        )
        raise UsageError(msg)


def write_all(files: Sequence[GeneratedFile], root: Path, remove: Sequence[PurePosixPath] = ()) -> list[PurePosixPath]:
    """Write every file and delete every ``remove`` path, all or none (``files.commit``).

    Returns the paths that changed; an unchanged file is left alone (its mtime too).
    """
    changes: dict[PurePosixPath, bytes | None] = {}
    with transaction(root):
        for item in files:
            data = item.content.encode("utf-8")
            target = safe_target(root, item.path)
            if not (target.is_file() and target.read_bytes() == data):
                changes[item.path] = data
        for path in remove:
            changes[path] = None
        commit(root, changes)
    return list(changes)
