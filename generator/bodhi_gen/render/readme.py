"""The docs' generated parts: the actions' inputs/outputs, the CLI reference, the config errors.

Each part lives between ``<!-- bodhi-gen:NAME:start -->`` and ``<!-- bodhi-gen:NAME:end -->`` in a
file under ``docs/``; the prose around them is written by hand and kept as is.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from bodhi_gen.errors import DriftError

CONFIG_ERROR_PREFIX = "# error: "


def markers(name: str) -> tuple[str, str]:
    return f"<!-- bodhi-gen:{name}:start -->", f"<!-- bodhi-gen:{name}:end -->"


def _cell(text: object) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def action_table(action_yml: str) -> str:
    """Two Markdown tables: every input (required, default, description) and every output of ``action.yml``."""
    action: dict[str, Any] = yaml.safe_load(action_yml)
    lines = ["| input | required | default | description |", "|---|---|---|---|"]
    for name, spec in (action.get("inputs") or {}).items():
        default = spec.get("default", "")
        shown = f"`{_cell(default)}`" if default != "" else ""
        lines.append(
            f"| `{name}` | {'yes' if spec.get('required') else 'no'} | {shown} | {_cell(spec.get('description', ''))} |"
        )
    lines += ["", "| output | description |", "|---|---|"]
    for name, spec in (action.get("outputs") or {}).items():
        lines.append(f"| `{name}` | {_cell(spec.get('description', ''))} |")
    return "\n".join(lines) + "\n"


def cli_reference(helps: Mapping[str, str]) -> str:
    """``helps``: command line (``bodhi-gen``, ``bodhi-gen init``, …) → its ``--help`` text."""
    parts: list[str] = []
    for name, text in helps.items():
        parts += [f"### `{name}`", "", "```text", text.rstrip("\n"), "```", ""]
    return "\n".join(parts)


def config_errors(bad_examples: Path) -> str:
    """One row per example in ``tests/examples/bad``: the message ``bodhi-gen`` prints, and the whole
    example that causes it (one code span per line)."""
    lines = ["| message (after `bodhi-gen: config error: `) | example that causes it |", "|---|---|"]
    for path in sorted(bad_examples.glob("*.yaml")):
        first, _, rest = path.read_text("utf-8").partition("\n")
        if not first.startswith(CONFIG_ERROR_PREFIX):
            continue
        example = [line for line in rest.splitlines() if line.strip() and not line.startswith("#")]
        cause = "<br>".join(_code_line(line) for line in example)
        lines.append(f"| `{_cell(first.removeprefix(CONFIG_ERROR_PREFIX))}` | {cause} |")
    return "\n".join(lines) + "\n"


def _code_line(line: str) -> str:
    """One YAML line as a code span in a table cell; its indentation (a code span would lose it) before it."""
    depth = len(line) - len(line.lstrip(" "))
    return "&nbsp;" * depth + f"`{_cell(line.strip())}`"


def replace_blocks(readme: str, blocks: Mapping[str, str], where: str = "README.md") -> str:
    """``readme`` with the text between each block's markers replaced; a missing marker is an error."""
    for name, body in blocks.items():
        start, end = markers(name)
        head, found_start, tail = readme.partition(start)
        _, found_end, after = tail.partition(end)
        if not found_start or not found_end:
            msg = f"{where} lacks the markers {start} … {end}; add them where the {name} belongs"
            raise DriftError(msg)
        readme = f"{head}{start}\n{body.rstrip(chr(10))}\n{end}{after}"
    return readme
