"""The cuda smoke test without the NVIDIA container toolkit: explicit ``--device`` flags and the driver folder."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from bodhi_gen.docker.containers import (
    ContainerSpec,
    ContainerStatus,
    ExecResult,
    RunOptions,
    run_options,
    volume_parts,
)
from bodhi_gen.errors import ConfigError, DockerError
from bodhi_gen.plan.selection import UnitSelection, resolve_target
from bodhi_gen.smoke.gpu import CONFIGURED, EXPLICIT, explicit_flags, nvidia_nodes, toolkit_missing
from bodhi_gen.smoke.report import GpuOutcome, SmokeReport
from bodhi_gen.smoke.runner import SmokeSpec, run_smoke
from bodhi_gen.smoke.unit import SmokeInputs, gpu_outcome, smoke_spec
from tests.unit.test_smoke_checks import fake_dev

# the engine's answer on the H100 host of docs/gpu-check.md
NO_TOOLKIT = (
    "starting a container from img failed:\n"
    'docker: Error response from daemon: could not select device driver "" with capabilities: [[gpu]].'
)
H100_NODES = (
    "nvidia0",
    "nvidiactl",
    "nvidia-uvm",
    "nvidia-uvm-tools",
    "nvidia-caps/nvidia-cap1",
    "nvidia-caps/nvidia-cap2",
)


def _driver(tmp_path: Path) -> Path:
    folder = tmp_path / "usr-local-nvidia"
    (folder / "lib64").mkdir(parents=True)
    return folder


def test_explicit_flags_on_the_h100_layout(tmp_path: Path) -> None:
    dev = fake_dev(tmp_path, *H100_NODES, "nvidia-modeset")
    driver = _driver(tmp_path)
    flags = explicit_flags(("--ulimit", "memlock=-1:-1", "--gpus", "all"), dev, (tmp_path / "absent", driver))
    devices = [f"{dev}/{node}:/dev/{node}" for node in H100_NODES]
    assert flags == (
        "--ulimit", "memlock=-1:-1",
        *(part for device in devices for part in ("--device", device)),
        "--volume", f"{driver}:{driver}:ro",
    )  # fmt: skip
    # the flags are ones the container adapter takes
    assert run_options(flags).devices == devices
    assert run_options(flags).volumes == [f"{driver}:{driver}:ro"]
    assert run_options(flags).gpus is None


def test_numbered_nodes_come_in_number_order(tmp_path: Path) -> None:
    dev = fake_dev(tmp_path, "nvidia10", "nvidia2", "nvidia0", "nvidiactl")
    assert [p.name for p in nvidia_nodes(dev)] == ["nvidia0", "nvidia2", "nvidia10", "nvidiactl"]


def test_no_driver_folder_gives_devices_only(tmp_path: Path) -> None:
    flags = explicit_flags(("--gpus=all",), fake_dev(tmp_path, "nvidia0"), (tmp_path / "absent",))
    assert flags == ("--device", f"{tmp_path}/dev/nvidia0:/dev/nvidia0")


@pytest.mark.parametrize(
    ("flags", "nodes"),
    [(("--device", "/dev/kfd"), ("nvidia0",)), (("--gpus", "all"), ("nvidiactl", "nvidia-uvm"))],
)
def test_nothing_to_fall_back_to(tmp_path: Path, flags: tuple[str, ...], nodes: tuple[str, ...]) -> None:
    assert explicit_flags(flags, fake_dev(tmp_path, *nodes), (_driver(tmp_path),)) == ()


def test_only_the_missing_toolkit_error_triggers_the_retry() -> None:
    assert toolkit_missing(DockerError(NO_TOOLKIT))
    assert not toolkit_missing(DockerError("starting a container failed:\nno such image"))
    assert not toolkit_missing(DockerError("error gathering device information while adding custom device"))


def test_volume_flags() -> None:
    assert run_options(("--volume", "/a:/b:ro")) == RunOptions(volumes=["/a:/b:ro"])
    assert volume_parts("/a:/b:ro") == ("/a", "/b", "ro")
    assert volume_parts("/a:/b") == ("/a", "/b")
    with pytest.raises(ConfigError, match="SOURCE:TARGET"):
        volume_parts("/a")


def test_the_cuda_spec_carries_the_fallback_and_rocm_none(tmp_path: Path) -> None:
    dev = fake_dev(tmp_path, "nvidia0", "nvidiactl", "kfd", "dri/renderD128")
    cuda = resolve_target(UnitSelection(None, "cuda", "2.0.0", platform="linux/amd64")).unit
    spec = smoke_spec(cuda, "img", SmokeInputs(), gpu_outcome("nvidia", dev), dev)
    assert "--gpus" in spec.run_flags
    assert "--gpus" not in spec.gpu_fallback
    assert f"{dev}/nvidia0:/dev/nvidia0" in spec.gpu_fallback
    # no GPU on the host: no probe, no fallback
    bare = fake_dev(tmp_path / "bare")
    assert smoke_spec(cuda, "img", SmokeInputs(), gpu_outcome("nvidia", bare), bare).gpu_fallback == ()
    rocm = resolve_target(UnitSelection(None, "rocm", "2.0.0", platform="linux/amd64")).unit
    assert smoke_spec(rocm, "img", SmokeInputs(), gpu_outcome("amd", dev), dev).gpu_fallback == ()


class FakeContainers:
    """Refuses ``--gpus`` as an engine without the toolkit does (or with ``error``); the container exits at once."""

    def __init__(self, error: str = NO_TOOLKIT) -> None:
        self.error = error
        self.started: list[ContainerSpec] = []
        self.removed: list[str] = []

    def start(self, spec: ContainerSpec) -> str:
        self.started.append(spec)
        if "--gpus" in spec.run_flags:
            raise DockerError(self.error)
        return f"id-{len(self.started)}"

    def status(self, container_id: str) -> ContainerStatus:
        return ContainerStatus("exited", running=False, exit_code=1, health=None, failing_streak=0, last_probe="")

    def logs(self, container_id: str) -> str:
        return "bye"

    def remove(self, container_id: str) -> None:
        self.removed.append(container_id)

    def execute(self, container_id: str, command: Sequence[str]) -> ExecResult:
        raise AssertionError


def _spec(fallback: tuple[str, ...]) -> SmokeSpec:
    return SmokeSpec(
        image="img",
        key="cuda-production-amd64",
        version="2.0.0",
        container_port=1135,
        timeout_s=5,
        health_interval_s=1,
        run_flags=("--gpus", "all"),
        expected_defaults={},
        gpu_probe=("nvidia-smi", "-L"),
        gpu_fallback=fallback,
    )


def _report() -> SmokeReport:
    return SmokeReport("img", "cuda", "production", "linux/amd64", "2.0.0", GpuOutcome("nvidia", "checked"))


def test_a_missing_toolkit_retries_with_explicit_devices_and_the_report_says_so() -> None:
    containers = FakeContainers()
    report, logged = _report(), list[str]()
    fallback = ("--device", "/dev/nvidia0", "--volume", "/usr/local/nvidia:/usr/local/nvidia:ro")
    run_smoke(containers, _spec(fallback), report, logged.append)  # type: ignore[arg-type]
    assert [c.run_flags for c in containers.started] == [("--gpus", "all"), fallback]
    assert containers.removed == ["id-2"]
    assert report.gpu_access == EXPLICIT
    assert report.run_flags == list(fallback)
    assert any("no NVIDIA container toolkit" in line for line in logged)
    assert any(line.startswith(f"  GPU through {EXPLICIT}: --device /dev/nvidia0") for line in report.lines())


@pytest.mark.parametrize(
    ("error", "fallback"),
    [("starting a container failed:\nmanifest unknown", ("--device", "/dev/nvidia0")), (NO_TOOLKIT, ())],
)
def test_other_failures_or_no_fallback_do_not_retry(error: str, fallback: tuple[str, ...]) -> None:
    containers = FakeContainers(error)
    with pytest.raises(DockerError):
        run_smoke(containers, _spec(fallback), _report(), lambda _: None)  # type: ignore[arg-type]
    assert len(containers.started) == 1


def test_a_working_gpus_flag_is_reported_as_the_configured_path() -> None:
    containers = FakeContainers()
    containers.start = lambda spec: "id-1"  # type: ignore[method-assign]
    report = _report()
    run_smoke(containers, _spec(("--device", "/dev/nvidia0")), report, lambda _: None)  # type: ignore[arg-type]
    assert report.gpu_access == CONFIGURED
    assert report.run_flags == ["--gpus", "all"]
