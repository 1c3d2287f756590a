"""The one text table every command prints: left-aligned columns two spaces apart, fitted to the terminal.

When the table is wider than the terminal (``COLUMNS``, else the terminal stdout is; a pipe has no
limit), the widest columns are narrowed until it fits, and their cells continue on the next lines,
broken after a space, ``-``, ``/``, ``:`` or ``,`` where one is near (image references stay readable).
"""

from __future__ import annotations

import re
import shutil
import textwrap
from collections.abc import Sequence

GAP = "  "
_CHUNK = re.compile(r"[^-/:,]*[-/:,]|[^-/:,]+")


def terminal_width() -> int | None:
    """``COLUMNS``, else the width of the terminal stdout is; None for neither (no limit)."""
    return shutil.get_terminal_size(fallback=(0, 0)).columns or None


def fit(text: str, width: int | None = None) -> str:
    """A line of prose wrapped to the terminal's width (or ``width``)."""
    limit = width or terminal_width()
    return "\n".join(textwrap.wrap(text, limit)) if limit and len(text) > limit else text


def table(rows: Sequence[Sequence[str]], width: int | None = None) -> str:
    """``rows`` (the first one the header) as text, one line per row plus its continuations."""
    limit = width or terminal_width()
    columns = range(len(rows[0]))
    widths = [max(len(row[i]) for row in rows) for i in columns]
    # narrowest each column gets before a chunk of a cell must be cut
    least = [
        max(len(chunk) for row in rows for word in row[i].split() for chunk in _CHUNK.findall(word)) for i in columns
    ]
    while limit and sum(widths) + len(GAP) * (len(widths) - 1) > limit:
        shrinkable = [i for i in columns if widths[i] > least[i]] or [i for i in columns if widths[i] > 1]
        if not shrinkable:
            break
        widths[max(shrinkable, key=lambda i: widths[i])] -= 1
    lines: list[str] = []
    for row in rows:
        cells = [_wrap(cell, w) for cell, w in zip(row, widths, strict=True)]
        for n in range(max(len(c) for c in cells)):
            parts = [(c[n] if n < len(c) else "").ljust(w) for c, w in zip(cells, widths, strict=True)]
            lines.append(GAP.join(parts).rstrip())
    return "".join(line + "\n" for line in lines)


def _wrap(cell: str, width: int) -> list[str]:
    """``cell`` in lines of at most ``width``: whole chunks where they fit, else cut."""
    if len(cell) <= width:
        return [cell]
    lines = [""]
    for word in cell.split():
        for n, chunk in enumerate(_CHUNK.findall(word)):
            piece = (" " if n == 0 and lines[-1] else "") + chunk
            if len(lines[-1]) + len(piece) > width:
                lines.append("")
                piece = chunk
            while len(lines[-1]) + len(piece) > width:
                room = width - len(lines[-1])
                lines[-1] += piece[:room]
                lines.append("")
                piece = piece[room:]
            lines[-1] += piece
    return lines
