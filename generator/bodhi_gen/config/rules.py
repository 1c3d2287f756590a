"""The kinds and defaults of the config that the plan and the adapters share, free of pydantic."""

from __future__ import annotations

from typing import Literal

PlatformName = Literal["linux/amd64", "linux/arm64"]
GpuKind = Literal["none", "nvidia", "amd", "vulkan", "intel", "musa", "ascend"]
CacheBackend = Literal["registry", "none"]
# which (variant, mode) units a release publishes: each one whose own builds passed, or all or nothing
PublishPolicy = Literal["succeeded", "all"]
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
    "musa": ("--device", "/dev/musa"),
    # Huawei Ascend (CANN): the first NPU and the driver's management nodes
    "ascend": (
        "--device",
        "/dev/davinci0",
        "--device",
        "/dev/davinci_manager",
        "--device",
        "/dev/devmm_svm",
        "--device",
        "/dev/hisi_hdc",
    ),
}
# GPU kinds whose devices a platform's runners can have unless the config says otherwise: GPU base images
# and GPU runners are amd64 except Ascend's (its servers are mostly arm64)
DEFAULT_PLATFORM_GPUS: dict[str, tuple[str, ...]] = {
    "linux/amd64": ("nvidia", "amd", "vulkan", "intel", "musa", "ascend"),
    "linux/arm64": ("ascend",),
}
DEFAULT_GPU_PROBES: dict[str, tuple[str, ...]] = {
    "none": (),
    "nvidia": ("nvidia-smi", "-L"),
    "amd": ("rocm-smi", "--showproductname"),
    "vulkan": ("vulkaninfo", "--summary"),
    "intel": ("vulkaninfo", "--summary"),
    "musa": ("mthreads-gmi",),
    "ascend": ("npu-smi", "info"),
}
DEPLOYMENT_KEY = "BODHI_DEPLOYMENT"
STANDALONE = "standalone"


def registry_of(image: str) -> str:
    """The registry an image repository is in: its first part (``docker.io`` of ``docker.io/acme/app``)."""
    return image.split("/", 1)[0]
