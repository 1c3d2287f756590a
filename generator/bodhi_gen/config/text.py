"""Showing config text in messages: never a raw control character, never an endless value.

A hostile config may hold ANSI escapes or megabytes in one value; error messages print what is
wrong with it, so everything they quote goes through here.
"""

from __future__ import annotations

import re

LIMIT = 80
# C0, DEL, C1, and the Unicode line and paragraph separators (a terminal or a log reader may act on them)
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def _escape(match: re.Match[str]) -> str:
    return match.group().encode("unicode_escape").decode("ascii")


def clip(text: str, limit: int = LIMIT) -> str:
    """``text`` with control characters escaped (``\\x1b``, ``\\n``) and cut to ``limit`` characters + "…"."""
    clean = _CONTROL.sub(_escape, text)
    return clean if len(clean) <= limit else clean[:limit] + "…"


def shown(value: object, limit: int = LIMIT) -> str:
    """A value as a message quotes it: its repr, control characters escaped, cut to ``limit``."""
    return clip(repr(value), limit)


def sanitize(message: str, limit: int = 400) -> str:
    """A whole message, line by line: control characters escaped and every line cut to ``limit``."""
    return "\n".join(clip(line, limit) for line in message.split("\n"))
