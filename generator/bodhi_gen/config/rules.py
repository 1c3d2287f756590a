"""The kinds and defaults of the config that the plan and the adapters share, free of pydantic."""

from __future__ import annotations

from typing import Literal

PlatformName = Literal["linux/amd64", "linux/arm64"]
GpuKind = Literal["none", "nvidia", "amd", "vulkan", "intel"]
CacheBackend = Literal["registry", "none"]
# what --cache and the action's cache input take: read-only imports the registry cache, exports nothing
CacheChoice = Literal["registry", "read-only", "none"]
GHCR = "ghcr.io"
# the workflow token: a login to ghcr.io only
DEFAULT_PASSWORD_SECRET = "GITHUB_TOKEN"  # noqa: S105 - the name of a secret, not its value
# the name of the binary image's records and cache keys, so no variant may take it
RESERVED_VARIANT = "binary"
ACTION_PATTERN = r"^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+(?:/[A-Za-z0-9_./-]+)?$"
MAX_MIRRORS = 5
TRIPLES: dict[str, str] = {
    "linux/amd64": "x86_64-unknown-linux-gnu",
    "linux/arm64": "aarch64-unknown-linux-gnu",
}
DEFAULT_DEVICE_FLAGS: dict[str, tuple[str, ...]] = {
    "none": (),
    "nvidia": ("--gpus", "all"),
    "amd": ("--device", "/dev/kfd", "--device", "/dev/dri", "--group-add", "video"),
    "vulkan": ("--device", "/dev/dri"),
    "intel": ("--device", "/dev/dri"),
}
DEFAULT_GPU_PROBES: dict[str, tuple[str, ...]] = {
    "none": (),
    "nvidia": ("nvidia-smi", "-L"),
    "amd": ("rocm-smi", "--showproductname"),
    "vulkan": ("vulkaninfo", "--summary"),
    "intel": ("vulkaninfo", "--summary"),
}


def registry_of(image: str) -> str:
    """The registry an image repository is in: its first part (``docker.io`` of ``docker.io/acme/app``)."""
    return image.split("/", 1)[0]
