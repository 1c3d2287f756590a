"""Does this host have a GPU of a given kind? Decided from the device nodes the drivers create.

The device flags of each kind hand exactly these nodes to the container, so their presence is
what a GPU smoke check needs; the folder is a parameter so tests can point at a fake ``/dev``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

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
