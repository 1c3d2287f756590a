"""Smoke-test one build unit's image: its GPU outcome, the run spec from the plan, and the report.

Shared by ``bodhi-gen smoke`` and ``bodhi-gen action``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from bodhi_gen.docker.containers import Containers
from bodhi_gen.errors import SmokeTestError
from bodhi_gen.plan.units import BuildUnit
from bodhi_gen.smoke.gpu import detect_host_gpu, explicit_flags
from bodhi_gen.smoke.report import GpuOutcome, SmokeReport
from bodhi_gen.smoke.runner import SmokeSpec, run_smoke

if TYPE_CHECKING:
    from python_on_whales import DockerClient


@dataclass(frozen=True)
class SmokeInputs:
    """How to smoke-test a unit: the same for ``smoke`` and ``action``."""

    timeout_s: float = 120.0
    health_interval_s: int = 2
    # None: the port the unit's variant listens on (its BODHI_PORT)
    container_port: int | None = None
    require_gpu: bool = False


def gpu_outcome(kind: str, dev: Path) -> GpuOutcome:
    if kind == "none":
        return GpuOutcome("none", "not-needed")
    host = detect_host_gpu(kind, dev)
    if host.present:
        return GpuOutcome(kind, "checked", host.evidence)
    return GpuOutcome(kind, "skipped", f"GPU check skipped: no {kind} GPU on this runner")


def smoke_spec(unit: BuildUnit, ref: str, inputs: SmokeInputs, gpu: GpuOutcome, dev: Path = Path("/dev")) -> SmokeSpec:
    use_gpu = gpu.status == "checked"
    run_flags = unit.run_flags + (unit.device_flags if use_gpu else ())
    return SmokeSpec(
        image=ref,
        key=unit.key,
        version=unit.version,
        container_port=inputs.container_port or unit.port,
        timeout_s=inputs.timeout_s,
        health_interval_s=inputs.health_interval_s,
        run_flags=run_flags,
        expected_defaults=unit.defaults,
        gpu_probe=unit.gpu_probe if use_gpu else (),
        exec_paths=unit.exec_paths,
        gpu_fallback=explicit_flags(run_flags, dev) if use_gpu and unit.gpu == "nvidia" else (),
    )


def smoke_unit(
    client: Callable[[], DockerClient],
    unit: BuildUnit,
    ref: str,
    inputs: SmokeInputs,
    err: TextIO,
    dev: Path = Path("/dev"),
) -> SmokeReport:
    """Run ``ref`` as ``unit``'s image and fill a report in (``passed`` says how it went).

    ``client`` is called only when a container is run (not when a required GPU is missing).
    """
    gpu = gpu_outcome(unit.gpu, dev)
    report = SmokeReport(ref, unit.variant, unit.mode, unit.platform, unit.version, gpu)
    if gpu.status == "skipped" and inputs.require_gpu:
        report.failure = f"no {unit.gpu} GPU on this runner, and --require-gpu is set"
        return report

    def log(line: str) -> None:
        err.write(line + "\n")

    run_smoke(Containers(client()), smoke_spec(unit, ref, inputs, gpu, dev), report, log)
    return report


def explain(report: SmokeReport, env: Mapping[str, str], err: TextIO) -> None:
    """The notice of a skipped GPU check, and the logs of a failed container."""
    if report.gpu.status == "skipped" and env.get("GITHUB_ACTIONS") == "true":
        err.write(f"::notice title=bodhi-gen smoke::{report.gpu.detail}\n")
    if not report.passed and report.logs_tail:
        err.write(f"--- logs of the failed container (last lines) ---\n{report.logs_tail}\n--- end of logs ---\n")


def failure(report: SmokeReport) -> SmokeTestError:
    return SmokeTestError(f"{report.image}: {report.failure}")
