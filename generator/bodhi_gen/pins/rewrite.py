"""Follow the pins in hand-written YAML (the composite action): rewrite ``uses:`` lines of pinned actions."""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

from bodhi_gen.errors import UsageError
from bodhi_gen.files import write_text
from bodhi_gen.pins.data import Pin

_USES = re.compile(r"^(?P<lead>\s*(?:-\s*)?uses:\s*)(?P<action>[^@\s]+)@[^\s#]+(?:\s+#\s*\S+)?\s*$")


def rewrite_uses(text: str, pins: Mapping[str, Pin]) -> str:
    """Every ``uses: owner/repo@ref # vX`` of a pinned action becomes ``uses: <pin.uses>``; nothing else moves."""
    lines = text.splitlines(keepends=True)
    for index, line in enumerate(lines):
        match = _USES.match(line.rstrip("\r\n"))
        if match is None or match["action"] not in pins:
            continue
        ending = line[len(line.rstrip("\r\n")) :]
        lines[index] = f"{match['lead']}{pins[match['action']].uses}{ending}"
    return "".join(lines)


def rewrite_file(target: Path, pins: Mapping[str, Pin]) -> bool:
    """Rewrite ``target``'s pinned ``uses:`` lines in place; whether anything changed."""
    try:
        text = target.read_text("utf-8")
    except OSError as exc:
        msg = f"cannot read {target} (--rewrite): {exc.strerror or exc}"
        raise UsageError(msg) from None
    new = rewrite_uses(text, pins)
    if new == text:
        return False
    write_text(target, new)
    return True
