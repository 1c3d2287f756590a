"""The smoke test's pure checks and its GPU decision, from the plan and what a container answered."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from bodhi_gen.commands.smoke import SmokeSettings
from bodhi_gen.commands.smoke import run as smoke
from bodhi_gen.config.loader import load_config
from bodhi_gen.errors import SmokeTestError
from bodhi_gen.plan.selection import UnitSelection, resolve_target
from bodhi_gen.smoke.checks import (
    check_defaults,
    check_gpu,
    check_info,
    check_memlock,
    check_user,
    effective_uid,
    memlock_limit,
)
from bodhi_gen.smoke.gpu import detect_host_gpu
from bodhi_gen.smoke.unit import SmokeInputs, gpu_outcome

PROC_STATUS = "Name:\tbodhi\nUid:\t1000\t1000\t1000\t1000\nGid:\t1000\t1000\t1000\t1000\n"


def test_expected_defaults_carry_the_variants_settings() -> None:
    unit = resolve_target(UnitSelection(None, "cuda", "2.0.0", platform="linux/amd64")).unit
    assert unit.defaults == {
        "BODHI_VERSION": "2.0.0",
        "BODHI_EXEC_TARGET": "x86_64-unknown-linux-gnu",
        "BODHI_EXEC_VARIANT": "cuda",
        "BODHI_EXEC_VARIANTS": "cuda,cpu",
        "BODHI_EXEC_NAME": "llama-server",
        "BODHI_DEPLOYMENT": "standalone",
        "BODHI_PORT": "8080",
        "BODHI_LLAMACPP_ARGS": "--jinja --no-webui",
        "BODHI_LLAMACPP_ARGS_CUDA": load_config().variant("cuda").llama_server_args,
        "BODHI_LLAMACPP_ARGS_CPU": "--threads 4 --no-mmap",
    }


def test_defaults_check_names_each_wrong_or_missing_key() -> None:
    expected = {"BODHI_VERSION": "2.0.0", "BODHI_EXEC_VARIANT": "cuda", "BODHI_PORT": "8080"}
    good = 'BODHI_VERSION: "2.0.0"\nBODHI_EXEC_VARIANT: "cuda"\nBODHI_PORT: 8080\n'
    assert check_defaults(good, expected).passed
    bad = check_defaults('BODHI_VERSION: "1.0.0"\nBODHI_PORT: 8080\n', expected)
    assert not bad.passed
    assert bad.detail == "BODHI_VERSION='1.0.0' (expected '2.0.0'); BODHI_EXEC_VARIANT missing"
    assert not check_defaults("[not, a, mapping]", expected).passed


def test_version_check() -> None:
    assert check_info(200, json.dumps({"version": "2.0.0"}), "2.0.0").passed
    wrong = check_info(200, json.dumps({"version": "9.9.9"}), "2.0.0")
    assert wrong.detail == "/bodhi/v1/info reports version '9.9.9', expected '2.0.0'"
    assert not check_info(500, "boom", "2.0.0").passed
    assert not check_info(200, "<html>", "2.0.0").passed


def test_user_check_reads_the_effective_uid() -> None:
    assert effective_uid(PROC_STATUS) == 1000
    assert check_user(0, PROC_STATUS).passed
    root = check_user(0, PROC_STATUS.replace("1000", "0"))
    assert (root.passed, root.detail) == (False, "the container's process runs as root (uid 0)")
    assert not check_user(1, "cat: not found").passed


def test_memlock_check_follows_the_plans_ulimit() -> None:
    assert memlock_limit(("--ulimit", "memlock=-1:-1")) == "unlimited"
    assert memlock_limit(("--ulimit", "memlock=65536:65536")) == "64"
    assert memlock_limit(("--device", "/dev/dri")) is None
    assert check_memlock("unlimited", 0, "unlimited\n").passed
    assert not check_memlock("unlimited", 0, "8192").passed


def test_gpu_probe_check() -> None:
    assert check_gpu(("nvidia-smi", "-L"), 0, "GPU 0: H100").detail == "`nvidia-smi -L`: GPU 0: H100"
    assert not check_gpu(("nvidia-smi", "-L"), 9, "no devices").passed


def fake_dev(tmp_path: Path, *nodes: str) -> Path:
    dev = tmp_path / "dev"
    for node in nodes:
        (dev / node).parent.mkdir(parents=True, exist_ok=True)
        (dev / node).touch()
    dev.mkdir(parents=True, exist_ok=True)
    return dev


@pytest.mark.parametrize(
    ("kind", "nodes", "present"),
    [
        ("nvidia", ("nvidia0", "nvidiactl"), True),
        ("nvidia", ("nvidiactl",), False),
        ("amd", ("kfd", "dri/renderD128"), True),
        ("amd", ("dri/renderD128",), False),
        ("vulkan", ("dri/renderD128",), True),
        ("vulkan", ("dri/card0",), False),
        ("intel", (), False),
    ],
)
def test_host_gpu_detection(tmp_path: Path, kind: str, nodes: tuple[str, ...], present: bool) -> None:
    assert detect_host_gpu(kind, fake_dev(tmp_path, *nodes)).present is present


def test_gpu_outcome(tmp_path: Path) -> None:
    assert gpu_outcome("none", tmp_path).status == "not-needed"
    assert gpu_outcome("nvidia", fake_dev(tmp_path, "nvidia0")).status == "checked"
    skipped = gpu_outcome("amd", fake_dev(tmp_path / "empty"))
    assert (skipped.status, skipped.detail) == ("skipped", "GPU check skipped: no amd GPU on this runner")


def test_require_gpu_fails_before_any_container_when_the_host_has_none(tmp_path: Path) -> None:
    report = tmp_path / "report.json"
    settings = SmokeSettings(
        UnitSelection(None, "rocm", "2.0.0", platform="linux/amd64"),
        inputs=SmokeInputs(require_gpu=True),
        report_file=report,
    )

    def no_engine() -> object:
        msg = "the engine must not be reached"
        raise AssertionError(msg)

    out = io.StringIO()
    with pytest.raises(SmokeTestError, match="no amd GPU on this runner, and --require-gpu is set"):
        smoke(settings, out, io.StringIO(), no_engine, dev=fake_dev(tmp_path))  # type: ignore[arg-type]
    data = json.loads(report.read_text())
    assert data["passed"] is False
    assert data["gpu"]["status"] == "skipped"
    assert "GPU check skipped: no amd GPU on this runner" in out.getvalue()
