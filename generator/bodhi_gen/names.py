"""Name lists as users type them on the command line and in workflow inputs."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

_SEPARATORS = re.compile(r"[,\s]+")


def split_csv(value: str | None) -> tuple[str, ...]:
    """'a, b,,c,a' or 'a b' -> ('a', 'b', 'c'); None or '' -> () meaning 'all'.

    Commas and whitespace both separate: no name we take (variant, mode, platform) holds either.
    """
    if not value:
        return ()
    return tuple(dict.fromkeys(part for part in _SEPARATORS.split(value) if part))


def did_you_mean(name: str, known: Iterable[str]) -> str:
    """`` (did you mean 'cuda'?)`` for the known name closest to a mistyped one; ``""`` when none is close."""
    names = list(known)
    prefixed = [k for k in names if name and k.startswith(name)]
    close = prefixed[:1] if len(prefixed) == 1 else difflib.get_close_matches(name, names, n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""
