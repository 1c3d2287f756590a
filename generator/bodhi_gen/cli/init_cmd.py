from __future__ import annotations

from pathlib import Path

import click

from bodhi_gen.commands.init import init as run_init


@click.command()
@click.option(
    "--config",
    "path",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Where to write the config. Default: .github/bodhi-gen.yaml.",
)
@click.option("--force", is_flag=True, help="Overwrite an existing config file.")
def init(path: Path | None, force: bool) -> None:
    """Write BodhiApp's default config to .github/bodhi-gen.yaml, ready to edit.

    The file starts with a yaml-language-server comment so editors offer completion and
    validation from the published schema (see `bodhi-gen schema`).
    """
    raise SystemExit(run_init(path, force))
