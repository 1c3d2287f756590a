"""Comma-separated name lists as users type them on the command line and in workflow inputs."""

from __future__ import annotations


def split_csv(value: str | None) -> tuple[str, ...]:
    """'a, b,,c,a' -> ('a', 'b', 'c'); None or '' -> () meaning 'all'."""
    if not value:
        return ()
    return tuple(dict.fromkeys(part.strip() for part in value.split(",") if part.strip()))
