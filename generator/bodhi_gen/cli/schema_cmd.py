from __future__ import annotations

import click

from bodhi_gen.commands.schema import schema_text


@click.command()
def schema() -> None:
    """Print the config's JSON Schema (draft 2020-12), for editors and validators."""
    click.echo(schema_text(), nl=False)
