"""When ``--gpus all`` cannot start a container (no NVIDIA container toolkit), hand the GPU over by hand.

docs/gpu-check.md: on an H100 host without the toolkit, ``--gpus all`` failed with ``could not select
device driver "" with capabilities: [[gpu]]``, while ``--device`` for each NVIDIA node plus the host
driver's folder mounted read-only ran ``nvidia-smi`` and CUDA inside the container. ``--device`` alone
is not enough: CUDA base images do not carry the driver's libraries.

Whether the host has a GPU of a given kind is decided from the device nodes its drivers create
(``detect_host_gpu``): the device flags of each kind hand exactly these nodes to the container; the folder
is a parameter so tests can point at a fake ``/dev``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from bodhi_gen.errors import DockerError

_NVIDIA_RE = re.compile(r"^nvidia\d+$")
# the nodes each kind's device flags hand over (rules.DEFAULT_DEVICE_FLAGS)
_NODE_RES = {"musa": re.compile(r"^musa\d*$"), "ascend": re.compile(r"^davinci\d+$")}


@dataclass(frozen=True)
class HostGpu:
    kind: str
    present: bool
    evidence: str


def _render_nodes(dev: Path) -> list[str]:
    dri = dev / "dri"
    if not dri.is_dir():
        return []
    return sorted(p.name for p in dri.iterdir() if p.name.startswith("renderD"))


def detect_host_gpu(kind: str, dev: Path = Path("/dev")) -> HostGpu:
    """Look for the nodes of ``kind`` (nvidia, amd, vulkan, intel, musa, ascend) under ``dev``."""
    if kind == "nvidia":
        found = sorted(p.name for p in dev.glob("nvidia*") if _NVIDIA_RE.match(p.name)) if dev.is_dir() else []
        return HostGpu(kind, bool(found), ", ".join(f"{dev}/{n}" for n in found) or f"no {dev}/nvidia<N>")
    if kind == "amd":
        kfd = dev / "kfd"
        present = kfd.exists() and bool(_render_nodes(dev))
        return HostGpu(kind, present, f"{kfd} and {dev}/dri/renderD*" if present else f"no {kfd} with a render node")
    if kind in ("vulkan", "intel"):
        nodes = _render_nodes(dev)
        return HostGpu(kind, bool(nodes), ", ".join(f"{dev}/dri/{n}" for n in nodes) or f"no {dev}/dri/renderD*")
    if kind in _NODE_RES:
        found = sorted(p.name for p in dev.iterdir() if _NODE_RES[kind].match(p.name)) if dev.is_dir() else []
        pattern = "musa" if kind == "musa" else "davinci<N>"
        return HostGpu(kind, bool(found), ", ".join(f"{dev}/{n}" for n in found) or f"no {dev}/{pattern}")
    return HostGpu(kind, False, f"unknown GPU kind {kind!r}")


# what the engine answers to --gpus when no runtime provides the "gpu" capability
_NO_TOOLKIT = re.compile(r'could not select device driver "[^"]*" with capabilities: \[\[gpu\]\]')
# where CUDA images look for the driver's user-space files (their PATH and LD_LIBRARY_PATH name bin/, lib64/)
DRIVER_DIRS = (Path("/usr/local/nvidia"),)
_FIXED = ("nvidiactl", "nvidia-uvm", "nvidia-uvm-tools")
_NUMBERED = re.compile(r"^nvidia(\d+)$")
CONFIGURED = "configured device flags"
EXPLICIT = "explicit --device flags (--gpus failed: no NVIDIA container toolkit)"


def toolkit_missing(error: DockerError) -> bool:
    """Whether a failed start is the engine refusing ``--gpus`` for want of the NVIDIA container toolkit."""
    return _NO_TOOLKIT.search(error.message) is not None


def nvidia_nodes(dev: Path) -> list[Path]:
    """The NVIDIA device nodes under ``dev``: nvidia0..N (in number order), nvidiactl, nvidia-uvm,
    nvidia-uvm-tools and nvidia-caps/*, those that exist."""
    if not dev.is_dir():
        return []
    numbered = sorted(
        (p for p in dev.iterdir() if _NUMBERED.match(p.name)), key=lambda p: int(p.name.removeprefix("nvidia"))
    )
    fixed = [dev / name for name in _FIXED if (dev / name).exists()]
    caps = dev / "nvidia-caps"
    capabilities = sorted(caps.iterdir()) if caps.is_dir() else []
    return [*numbered, *fixed, *capabilities]


def _device(node: Path, dev: Path) -> str:
    """``--device`` value: the node at the same path under /dev inside the container."""
    inside = f"/dev/{node.relative_to(dev).as_posix()}"
    return inside if str(node) == inside else f"{node}:{inside}"


def _without_gpus(flags: Sequence[str]) -> list[str]:
    kept: list[str] = []
    rest = list(flags)
    while rest:
        flag = rest.pop(0)
        if flag == "--gpus":
            if rest:
                rest.pop(0)  # its value
            continue
        if not flag.startswith("--gpus="):
            kept.append(flag)
    return kept


def explicit_flags(run_flags: Sequence[str], dev: Path, driver_dirs: Sequence[Path] = DRIVER_DIRS) -> tuple[str, ...]:
    """``run_flags`` with ``--gpus`` replaced by ``--device`` for each NVIDIA node under ``dev`` and the
    first driver folder that exists mounted read-only at the same path.

    Empty when there is nothing to fall back to: ``run_flags`` ask for no ``--gpus``, or ``dev`` has no
    numbered NVIDIA node.
    """
    if not any(f == "--gpus" or f.startswith("--gpus=") for f in run_flags):
        return ()
    nodes = nvidia_nodes(dev)
    if not any(_NUMBERED.match(node.name) for node in nodes):
        return ()
    flags = _without_gpus(run_flags)
    for node in nodes:
        flags += ["--device", _device(node, dev)]
    driver = next((d for d in driver_dirs if d.is_dir()), None)
    if driver is not None:
        flags += ["--volume", f"{driver}:{driver}:ro"]
    return tuple(flags)
