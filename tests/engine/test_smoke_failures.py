# The fixtures imported from action_fixtures are requested by parameter name (pytest's way).
"""Negative smoke tests: an image that exits at once, never becomes healthy, reports the wrong version,
or runs as root fails ``bodhi-gen smoke`` (exit 4) within a bounded time, prints the container's logs,
and leaves no container behind."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest
from python_on_whales import DockerClient

from tests.engine.action_fixtures import (
    NATIVE,
    VERSION,
    AppImages,
    DerivedImages,
    bodhi_gen,
    smoke_containers,
)
from tests.engine.harness import Engine

pytestmark = pytest.mark.engine

HEALTH_TIMEOUT = 30


@dataclass(frozen=True)
class Case:
    name: str
    lines: tuple[str, ...]
    failure: str
    in_logs: str
    bound_s: float


CASES = [
    Case(
        "exits-at-once",
        ("ENV BODHI_FIXTURE_EXIT_AT_START=1",),
        "container exited with status 3",
        "BODHI_FIXTURE_EXIT_AT_START is set",
        20,
    ),
    Case(
        "never-healthy",
        ("ENV BODHI_FIXTURE_NO_PING=1",),
        # the image's start period (60 s) outlasts the smoke timeout: failures there do not count yet
        f"not healthy within {HEALTH_TIMEOUT} s (health: starting",
        "listening on",
        HEALTH_TIMEOUT + 15,
    ),
    Case(
        "wrong-version",
        ("ENV BODHI_FIXTURE_VERSION_OVERRIDE=9.9.9",),
        f"/bodhi/v1/info reports version '9.9.9', expected '{VERSION}'",
        "bodhi 9.9.9",
        30,
    ),
    Case("runs-as-root", ("USER root",), "the container's process runs as root (uid 0)", "listening on", 30),
]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_smoke_fails_in_bounded_time_shows_logs_and_cleans_up(
    case: Case,
    engine: Engine,
    docker: DockerClient,
    app_images: AppImages,
    derived_images: DerivedImages,
    app_repository: str,
    tmp_path: Path,
) -> None:
    image = derived_images.make(case.name, app_images.get("cpu"), case.lines)
    before = smoke_containers(docker)
    report_file = tmp_path / "smoke.json"
    result = bodhi_gen(
        engine,
        "smoke",
        *app_images.config_args,
        "--variant", "cpu",
        "--version", VERSION,
        "--platform", NATIVE,
        "--image", app_repository,
        "--image-ref", image,
        "--timeout", str(HEALTH_TIMEOUT),
        "--report-file", str(report_file),
        timeout=case.bound_s + 60,
    )  # fmt: skip
    assert result.code == 4, f"{result.out}\n{result.err}"
    assert f"bodhi-gen: smoke test failed: {image}: " in result.err
    assert case.failure in result.err
    assert "--- logs of the failed container" in result.err
    assert case.in_logs in result.err, "the container's logs were not shown"
    assert result.seconds < case.bound_s
    report = json.loads(report_file.read_text())
    assert report["passed"] is False
    assert case.failure in report["failure"]
    assert case.in_logs in report["logs_tail"]
    assert smoke_containers(docker) == before, "the failed smoke test left its container behind"
    print(f"\nsmoke timing: {case.name} failed after {result.seconds} s (report: {report['duration_s']} s)")
