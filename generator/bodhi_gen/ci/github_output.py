"""Append ``key=value`` step outputs to the file named by ``$GITHUB_OUTPUT`` (or any file)."""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from pathlib import Path

from bodhi_gen.errors import UsageError


def format_outputs(values: Mapping[str, str]) -> str:
    """One ``key=value`` line each; values with newlines use GitHub's ``key<<DELIMITER`` form."""
    lines: list[str] = []
    for key, value in values.items():
        if "\n" in value or "\r" in value:
            delimiter = f"ghadelimiter_{secrets.token_hex(8)}"
            lines += [f"{key}<<{delimiter}", value.rstrip("\n"), delimiter]
        else:
            lines.append(f"{key}={value}")
    return "".join(f"{line}\n" for line in lines)


def append_outputs(path: Path, values: Mapping[str, str]) -> None:
    try:
        with path.open("a", encoding="utf-8") as handle:
            handle.write(format_outputs(values))
    except OSError as exc:
        msg = f"cannot write step outputs to {path}: {exc.strerror or exc}"
        raise UsageError(msg) from None
