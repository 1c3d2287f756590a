"""``bodhi-gen docs`` (hidden: only bodhi-gen's own repository runs it), and the help texts it embeds."""

from __future__ import annotations

from typing import Any

import click

from bodhi_gen.cli.options import check_option, out_dir_option
from bodhi_gen.commands.docs import DocsSettings, run

HELP_WIDTH = 100


def command_helps() -> dict[str, str]:
    """``--help`` of the group and of every listed command, at a fixed width (deterministic output)."""
    from bodhi_gen.cli.main import cli  # the group imports this module lazily: no cycle at import time

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


@click.command(hidden=True)
@out_dir_option
@check_option
def docs(**options: Any) -> None:
    """Regenerate the README's generated parts and bodhi-gen.schema.json in bodhi-gen's own repository."""
    raise SystemExit(run(DocsSettings(helps=command_helps(), **options)))
