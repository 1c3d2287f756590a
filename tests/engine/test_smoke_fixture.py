# The fixtures imported from action_fixtures are requested by parameter name (pytest's way).
"""``bodhi-gen smoke`` on the fixture app built by ``bodhi-gen build --load``: it passes, with every
check and its timings in the report; the plan's memlock ulimit reaches ``docker run``; a GPU variant
on a host without that GPU says that the GPU check was skipped, and fails under ``--require-gpu``."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from python_on_whales import DockerClient

from bodhi_gen.smoke.gpu import EXPLICIT, detect_host_gpu
from bodhi_gen.smoke.runner import MEMLOCK_REFUSED
from tests.engine.action_fixtures import (
    NATIVE,
    VERSION,
    AppImages,
    bodhi_gen,
    smoke_containers,
)
from tests.engine.harness import Engine
from tests.helpers import ROOT

pytestmark = pytest.mark.engine


def smoke_args(images: AppImages, variant: str, report: Path, *extra: str) -> list[str]:
    return [
        "smoke",
        *images.config_args,
        "--variant", variant,
        "--version", VERSION,
        "--platform", NATIVE,
        "--image", images.repository,
        "--report-file", str(report),
        *extra,
    ]  # fmt: skip


def test_smoke_passes_on_the_fixture_cpu_image(
    engine: Engine, docker: DockerClient, app_images: AppImages, tmp_path: Path
) -> None:
    tag = app_images.get("cpu")
    assert tag == f"{app_images.repository}:{VERSION}-cpu"
    before = smoke_containers(docker)
    report_file = tmp_path / "smoke.json"
    summary = tmp_path / "summary.md"
    result = bodhi_gen(engine, *smoke_args(app_images, "cpu", report_file, "--summary-file", str(summary)))
    assert result.code == 0, f"{result.out}\n{result.err}"
    report = json.loads(report_file.read_text())
    assert report["passed"] is True
    assert report["image"] == tag
    checks = {c["name"]: c for c in report["checks"]}
    assert set(checks) == {"ping", "version", "non-root", "defaults.yaml", "llama-server"}
    assert all(c["passed"] for c in checks.values()), checks
    assert checks["version"]["detail"] == f"/bodhi/v1/info reports {VERSION}"
    assert checks["defaults.yaml"]["detail"] == "9 variant settings as planned"
    assert report["gpu"]["status"] == "not-needed"
    assert report["healthy_after_s"] < 60
    assert "passed" in result.out
    assert "| smoke test |" in summary.read_text()
    assert smoke_containers(docker) == before, "the smoke test left its container behind"
    print(f"\nsmoke timing: cpu healthy after {report['healthy_after_s']} s, whole test {report['duration_s']} s")


def engine_grants_unlimited_memlock(engine: Engine) -> bool:
    probe = ["docker", "run", "--rm", "--ulimit", "memlock=-1:-1", "bodhi-test/busybox:amd64", "true"]
    return subprocess.run(probe, env=engine.env, capture_output=True, check=False, timeout=120).returncode == 0


def test_the_plans_memlock_ulimit_reaches_docker_run(
    engine: Engine,
    docker: DockerClient,
    builder_image: str,
    base_image: Callable[[str], str],
    app_repository: str,
    fixture_app: Path,
    tmp_path: Path,
) -> None:
    """The default config's cuda variant passes --mlock, so its smoke test runs with
    --ulimit memlock=-1:-1 (and, without a GPU here, skips the GPU check) and checks `ulimit -l` inside.
    An engine that may not raise the limit refuses the container, and the smoke test says so (exit 4, with
    its report) and leaves nothing behind."""
    images = AppImages(
        engine, builder_image, base_image, f"{app_repository}-default", None, ROOT / "dockerfiles", {}, fixture_app
    )
    try:
        images.get("cuda")
        before = smoke_containers(docker)
        report_file = tmp_path / "smoke.json"
        result = bodhi_gen(engine, *smoke_args(images, "cuda", report_file))
        if engine_grants_unlimited_memlock(engine):
            assert result.code == 0, result.err
            report = json.loads(report_file.read_text())
            assert report["run_flags"] == ["--ulimit", "memlock=-1:-1"]
            memlock = next(c for c in report["checks"] if c["name"] == "memlock")
            assert memlock["passed"], memlock
        else:
            # a rootless or sandboxed engine: one line with the fix, exit 4, and the reason in the report
            assert result.code == 4, f"{result.out}\n{result.err}"
            assert result.err.splitlines()[-1].endswith(MEMLOCK_REFUSED), result.err
            report = json.loads(report_file.read_text())
            assert report["failure"] == MEMLOCK_REFUSED
        assert smoke_containers(docker) == before
    finally:
        images.remove()


def test_gpu_variant_without_that_gpu_skips_the_gpu_check_and_says_so(
    engine: Engine, docker: DockerClient, app_images: AppImages, tmp_path: Path
) -> None:
    app_images.get("cuda")
    before = smoke_containers(docker)
    host = detect_host_gpu("nvidia")
    report_file = tmp_path / "smoke.json"

    result = bodhi_gen(engine, *smoke_args(app_images, "cuda", report_file))
    report = json.loads(report_file.read_text())
    assert result.code == 0, f"{result.out}\n{result.err}"
    if host.present:  # a runner with an NVIDIA GPU: the probe runs inside with --gpus all
        assert report["gpu"]["status"] == "checked"
        # without the NVIDIA container toolkit, --gpus fails and the retry hands the nodes over by hand
        assert ("--gpus" in report["run_flags"]) != (report["gpu_access"] == EXPLICIT)
    else:
        assert "GPU check skipped: no nvidia GPU on this runner" in result.out
        assert report["gpu"] == {
            "kind": "nvidia",
            "status": "skipped",
            "detail": "GPU check skipped: no nvidia GPU on this runner",
        }
        assert "--gpus" not in report["run_flags"]

        required = bodhi_gen(engine, *smoke_args(app_images, "cuda", report_file, "--require-gpu"))
        assert required.code == 4
        assert "no nvidia GPU on this runner, and --require-gpu is set" in required.err
        assert required.seconds < 15
        assert json.loads(report_file.read_text())["passed"] is False
    assert smoke_containers(docker) == before
