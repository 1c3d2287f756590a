"""GitHub Actions' files: step outputs (``$GITHUB_OUTPUT``) and one Markdown table in the job summary.

Each image command appends its values and rows; the table's header is written only when the summary
does not already end with this table, so the commands of one step share a single table.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bodhi_gen.files import append_text


def compact_json(value: Any) -> str:
    """Deterministic one-line JSON (sorted keys) for embedding data in YAML, shell or a step output."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"))


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


def markdown_table(title: str, header: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """A ``### title`` and a Markdown table under it (cells already escaped), for a job summary."""
    lines = [f"### {title}", "", "| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    return "\n".join([*lines, *("| " + " | ".join(row) + " |" for row in rows)]) + "\n"


def append_outputs(path: Path, values: Mapping[str, str]) -> None:
    append_text(path, format_outputs(values), "step outputs file")


TITLE = "### bodhi-gen images"
HEADER = "| Step | Image | Platform | Digest | Tags | Result |"
RULE = "| --- | --- | --- | --- | --- | --- |"
NONE = "-"


@dataclass(frozen=True)
class SummaryRow:
    step: str
    image: str
    platform: str
    digest: str | None
    tags: tuple[str, ...]
    result: str


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ").strip() or NONE


def _code(text: str | None) -> str:
    return f"`{text}`" if text else NONE


def render_row(row: SummaryRow) -> str:
    tags = "<br>".join(f"`{tag}`" for tag in row.tags) if row.tags else NONE
    cells = [
        _cell(row.step),
        _code(row.image),
        _cell(row.platform),
        _code(row.digest),
        tags.replace("|", "\\|"),
        _cell(row.result),
    ]
    return "| " + " | ".join(cells) + " |"


def _ends_with_table(text: str) -> bool:
    lines = text.rstrip("\n").splitlines()
    if HEADER not in lines:
        return False
    after = lines[len(lines) - 1 - lines[::-1].index(HEADER) :]
    return all(line.startswith("| ") for line in after)


def summary_text(existing: str, rows: Sequence[SummaryRow]) -> str:
    """What to append to a summary that currently holds ``existing``."""
    body = "".join(f"{render_row(row)}\n" for row in rows)
    if _ends_with_table(existing):
        return body
    gap = 2 - (len(existing) - len(existing.rstrip("\n")))
    lead = "\n" * gap if existing and gap > 0 else ""
    return f"{lead}{TITLE}\n\n{HEADER}\n{RULE}\n{body}"


def append_summary(path: Path, rows: Sequence[SummaryRow]) -> None:
    try:
        existing = path.read_text("utf-8") if path.exists() else ""
    except OSError:
        existing = ""  # unreadable: start a new table rather than fail the build over a summary
    append_text(path, summary_text(existing, rows), "step summary")
