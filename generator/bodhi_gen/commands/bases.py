"""``bodhi-gen bases``: has the base image of a published image moved since it was built?

The base watch workflow (bodhi-bases.yml) rebuilds exactly the (variant, mode)s whose base moved, at
the version and commit they currently publish (``bodhi_gen.bases``).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal, TextIO

from bodhi_gen.bases.report import github_outputs, summary_markdown, table
from bodhi_gen.bases.survey import survey
from bodhi_gen.config.loader import load_config
from bodhi_gen.docker.client import docker_client
from bodhi_gen.files import append_text
from bodhi_gen.plan.build import build_plan

if TYPE_CHECKING:
    from python_on_whales import DockerClient

BasesFormat = Literal["table", "github"]


@dataclass(frozen=True)
class BasesSettings:
    config_path: Path | None = None
    output_format: BasesFormat = "table"
    # exit 1 when a published image's base moved (or it records none)
    check: bool = False
    summary_file: Path | None = None


def run(
    settings: BasesSettings,
    out: TextIO = sys.stdout,
    err: TextIO = sys.stderr,
    client_factory: Callable[[], DockerClient] = docker_client,
) -> int:
    config = load_config(settings.config_path)
    states = survey(client_factory(), build_plan(config))
    if settings.output_format == "github":
        out.write(github_outputs(states))
    else:
        out.write(table(states))
    if settings.summary_file is not None:
        append_text(settings.summary_file, summary_markdown(states), "step summary")
    stale = [s for s in states if s.rebuild]
    for state in stale:
        err.write(f"bodhi-gen: {state.name}: {state.explanation}\n")
    return 1 if settings.check and stale else 0
