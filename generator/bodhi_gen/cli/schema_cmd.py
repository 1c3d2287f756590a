"""``bodhi-gen schema``: parse, then ``commands.schema.run``."""

from __future__ import annotations

from typing import Any

import click

from bodhi_gen.commands.schema import SchemaSettings, run


@click.command()
def schema(**options: Any) -> None:
    """Print the config's JSON Schema (draft 2020-12), for editors and validators."""
    raise SystemExit(run(SchemaSettings(**options)))
