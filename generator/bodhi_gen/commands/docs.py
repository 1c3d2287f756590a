"""``bodhi-gen docs``: regenerate this repository's derived docs (README parts, the config schema file).

For bodhi-gen's own repository: it reads ``action.yml`` and ``tests/examples/bad`` from ``root``.
"""

from __future__ import annotations

import sys
from pathlib import Path, PurePosixPath
from typing import TextIO

import click

from bodhi_gen.commands.schema import schema_text
from bodhi_gen.errors import DriftError
from bodhi_gen.render.output import GeneratedFile, check, write_all
from bodhi_gen.render.readme import action_table, cli_reference, config_errors, replace_blocks

README = PurePosixPath("README.md")
SCHEMA = PurePosixPath("bodhi-gen.schema.json")
HELP_WIDTH = 100


def command_helps() -> dict[str, str]:
    """``--help`` of the group and of every listed command, at a fixed width (deterministic output)."""
    from bodhi_gen.cli.main import cli

    root = click.Context(cli, info_name="bodhi-gen", terminal_width=HELP_WIDTH, max_content_width=HELP_WIDTH)
    helps = {"bodhi-gen": cli.get_help(root)}
    for name in cli.list_commands(root):
        command = cli.get_command(root, name)
        if command is None or command.hidden:
            continue
        ctx = click.Context(
            command,
            info_name=name,
            parent=root,
            help_option_names=["-h", "--help"],
            terminal_width=HELP_WIDTH,
            max_content_width=HELP_WIDTH,
        )
        helps[f"bodhi-gen {name}"] = command.get_help(ctx)
    return helps


def render_docs(root: Path) -> list[GeneratedFile]:
    try:
        readme = (root / README).read_text("utf-8")
        action = (root / "action.yml").read_text("utf-8")
    except OSError as exc:
        msg = f"bodhi-gen docs runs in bodhi-gen's own repository: {exc}"
        raise DriftError(msg) from None
    blocks = {
        "action-table": action_table(action),
        "cli-reference": cli_reference(command_helps()),
        "config-errors": config_errors(root / "tests" / "examples" / "bad"),
    }
    return [GeneratedFile(README, replace_blocks(readme, blocks)), GeneratedFile(SCHEMA, schema_text())]


def docs(root: Path, check_only: bool, out: TextIO = sys.stdout) -> int:
    files = render_docs(root)
    if check_only:
        check(files, root, "docs")
        out.write(f"{len(files)} generated doc file(s) are up to date.\n")
        return 0
    for path in write_all(files, root):
        out.write(f"wrote {path}\n")
    return 0
