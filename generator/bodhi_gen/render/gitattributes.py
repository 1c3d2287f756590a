"""The ``.gitattributes`` block that marks generated files ``linguist-generated``, merged into the user's file.

Only the lines between the markers belong to bodhi-gen; everything outside them is kept byte for byte.
Inside, each generator owns one section (``# bodhi-gen <command>``) and rewrites only that one, so
``workflows`` never needs to know what ``dockerfiles`` writes.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path, PurePosixPath

from bodhi_gen.errors import DriftError
from bodhi_gen.files import safe_target
from bodhi_gen.render.output import GeneratedFile, carries_header

PATH = PurePosixPath(".gitattributes")
START = "# >>> bodhi-gen generated files >>>"
END = "# <<< bodhi-gen <<<"
NOTE = "# Maintained by bodhi-gen's generators (one section each); edit outside this block only."
SECTION = "# bodhi-gen "


def _pattern(path: PurePosixPath) -> str:
    # a leading slash anchors the pattern at the repository root; a space would end the pattern
    return ("/" + path.as_posix()).replace(" ", "[[:space:]]")


def _path(pattern: str) -> PurePosixPath | None:
    path = pattern.removeprefix("/").replace("[[:space:]]", " ")
    parsed = PurePosixPath(path)
    return None if not path or parsed.is_absolute() or ".." in parsed.parts else parsed


def _sections(block_lines: list[str]) -> dict[str, list[str]]:
    sections: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in block_lines:
        if line.startswith(SECTION):
            current = sections.setdefault(line.removeprefix(SECTION).strip(), [])
        elif current is not None and line.strip() and not line.startswith("#"):
            current.append(line)
    return sections


def _block(sections: dict[str, list[str]]) -> list[str]:
    lines = [START, NOTE]
    for name in sorted(sections):
        if sections[name]:
            lines += [f"{SECTION}{name}", *sections[name]]
    return [*lines, END]


def merge(existing: str | None, command: str, paths: Iterable[PurePosixPath]) -> str:
    """``existing`` with ``command``'s section of the bodhi-gen block set to ``paths`` (block appended if absent)."""
    own = [f"{_pattern(p)} linguist-generated=true" for p in sorted(set(paths))]
    lines = (existing or "").splitlines()
    starts = [i for i, line in enumerate(lines) if line == START]
    ends = [i for i, line in enumerate(lines) if line == END]
    if not starts and not ends:
        block = "\n".join(_block({command: own})) + "\n"
        if not existing:
            return block
        return existing + ("" if existing.endswith("\n") else "\n") + "\n" + block
    if len(starts) != 1 or len(ends) != 1 or ends[0] < starts[0]:
        msg = (
            f"{PATH}: the bodhi-gen block is damaged (expected one {START!r} line, then one {END!r} "
            "line); delete both markers and the lines between them, then regenerate"
        )
        raise DriftError(msg)
    start, end = starts[0], ends[0]
    sections = _sections(lines[start + 1 : end])
    sections[command] = own
    merged = [*lines[:start], *_block(sections), *lines[end + 1 :]]
    return "\n".join(merged) + "\n"


def read_existing(root: Path) -> str | None:
    target = safe_target(root, PATH)  # a symbolic link is refused: its target's text must not be copied in
    try:
        return target.read_text("utf-8")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as exc:
        msg = f"cannot read {target}: {exc}"
        raise DriftError(msg) from None


def listed(existing: str | None, command: str) -> list[PurePosixPath]:
    """The paths ``command``'s section of the bodhi-gen block lists: the manifest of its last run."""
    lines = (existing or "").splitlines()
    if lines.count(START) != 1 or lines.count(END) != 1:
        return []
    block = lines[lines.index(START) + 1 : lines.index(END)]
    found = (_path(line.split(" ", 1)[0]) for line in _sections(block).get(command, []))
    return [path for path in found if path is not None]


def stale(root: Path, command: str, produced: Iterable[PurePosixPath]) -> list[PurePosixPath]:
    """Files ``command`` made before (its manifest lists them) that it no longer produces.

    Only those still carrying its generated header: a file the user took over is never removed.
    """
    keep = set(produced)
    gone = [path for path in listed(read_existing(root), command) if path not in keep]
    return [path for path in gone if carries_header(root / path, command)]


def gitattributes_file(root: Path, sections: Mapping[str, Iterable[PurePosixPath]]) -> GeneratedFile:
    """The ``.gitattributes`` under ``root`` with each generator's section set to its paths."""
    text = read_existing(root)
    for command, paths in sections.items():
        text = merge(text, command, paths)
    return GeneratedFile(PATH, text or "")
