"""Follow the pins in hand-written YAML (the composite action): rewrite ``uses:`` lines of pinned actions."""

from __future__ import annotations

import re
from collections.abc import Mapping

from bodhi_gen.pins import Pin

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
