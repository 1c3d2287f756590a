"""The commands that read or write the repository's files: init, schema, the generators, check, docs."""

from __future__ import annotations

from typing import Any

import click

from bodhi_gen.cli.options import (
    check_option,
    config_option,
    config_target_option,
    diff_option,
    force_option,
    out_dir_option,
)
from bodhi_gen.commands import check as check_command
from bodhi_gen.commands import docs as docs_command
from bodhi_gen.commands import generate
from bodhi_gen.commands import init as init_command
from bodhi_gen.commands import schema as schema_command
from bodhi_gen.names import split_csv
from bodhi_gen.render.registry import GENERATORS

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
@diff_option
def docs(**options: Any) -> None:
    """Regenerate the README's generated parts and bodhi-gen.schema.json in bodhi-gen's own repository."""
    raise SystemExit(docs_command.run(docs_command.DocsSettings(helps=command_helps(), **options)))


@click.command()
@config_option
@out_dir_option
@click.option(
    "--only",
    default="",
    metavar="a,b",
    callback=lambda _ctx, _param, value: split_csv(value),
    help=f"Comma-separated generators to check ({', '.join(GENERATORS)}). "
    "[default: what `bodhi-gen workflows` writes: workflows, dockerfiles, and makefile with generator.makefile]",
)
@diff_option
def check(**options: Any) -> None:
    """Run every drift check at once: exit 1 naming each generated file that is missing or differs.

    The same as `workflows --check` (the workflows, the Dockerfiles they build, and the Makefile when
    the config sets generator.makefile), or the generators named with --only, including their
    .gitattributes sections; the pre-commit hook `bodhi-gen-check` runs it.
    """
    raise SystemExit(check_command.run(check_command.CheckSettings(**options)))


@click.command()
def schema(**options: Any) -> None:
    """Print the config's JSON Schema (draft 2020-12), for editors and validators."""
    raise SystemExit(schema_command.run(schema_command.SchemaSettings(**options)))


@click.command()
@config_target_option
@click.option("--force", is_flag=True, help="Overwrite an existing config file.")
def init(**options: Any) -> None:
    """Write BodhiApp's default config to .github/bodhi-gen.yaml, ready to edit.

    The file starts with a yaml-language-server comment so editors offer completion and
    validation from the published schema (see `bodhi-gen schema`).
    """
    raise SystemExit(init_command.run(init_command.InitSettings(**options)))


def _command(name: str) -> click.Command:
    def command(**options: Any) -> None:
        raise SystemExit(generate.run(generate.GenerateSettings(command=name, **options)))

    return click.command(name, help=GENERATORS[name].help)(
        config_option(out_dir_option(check_option(diff_option(force_option(command)))))
    )


workflows = _command("workflows")
dockerfiles = _command("dockerfiles")
makefile = _command("makefile")
