"""``bodhi-gen smoke``: run a built image and check its contract; exit 4 (with its logs) when it fails."""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from bodhi_gen.docker.client import docker_client
from bodhi_gen.gha import append_outputs, append_summary
from bodhi_gen.plan.selection import UnitSelection, resolve_target
from bodhi_gen.smoke.report import SmokeReport, write_report
from bodhi_gen.smoke.unit import SmokeInputs, explain, failure, smoke_unit

if TYPE_CHECKING:
    from python_on_whales import DockerClient


@dataclass(frozen=True)
class SmokeSettings:
    selection: UnitSelection
    inputs: SmokeInputs = field(default_factory=SmokeInputs)
    image_ref: str | None = None
    report_file: Path | None = None
    summary_file: Path | None = None
    github_output: Path | None = None
    json_output: bool = False
    env: Mapping[str, str] = field(default_factory=dict)


def _finish(settings: SmokeSettings, report: SmokeReport, out: TextIO, err: TextIO) -> int:
    if settings.report_file is not None:
        write_report(settings.report_file, report)
    if settings.summary_file is not None:
        append_summary(settings.summary_file, [report.summary_row()])
    if settings.github_output is not None:
        values = {"smoke-result": "passed" if report.passed else "failed", "ref": report.image}
        if settings.report_file is not None:
            values["smoke-report"] = str(settings.report_file)
        append_outputs(settings.github_output, values)
    out.write(report.to_json() if settings.json_output else "\n".join(report.lines()) + "\n")
    explain(report, settings.env, err)
    if report.passed:
        return 0
    raise failure(report)


def run(
    settings: SmokeSettings,
    out: TextIO = sys.stdout,
    err: TextIO = sys.stderr,
    client_factory: Callable[[], DockerClient] = docker_client,
    dev: Path = Path("/dev"),
) -> int:
    unit = resolve_target(settings.selection).unit
    ref = settings.image_ref or unit.tags[0]
    report = smoke_unit(client_factory, unit, ref, settings.inputs, err, dev)
    return _finish(settings, report, out, err)
