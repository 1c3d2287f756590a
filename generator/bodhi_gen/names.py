"""Name lists as users type them on the command line and in workflow inputs."""

from __future__ import annotations

import re

_SEPARATORS = re.compile(r"[,\s]+")


def split_csv(value: str | None) -> tuple[str, ...]:
    """'a, b,,c,a' or 'a b' -> ('a', 'b', 'c'); None or '' -> () meaning 'all'.

    Commas and whitespace both separate: no name we take (variant, mode, platform) holds either.
    """
    if not value:
        return ()
    return tuple(dict.fromkeys(part for part in _SEPARATORS.split(value) if part))
