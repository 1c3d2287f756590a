"""Local stand-ins for the images BodhiApp's Dockerfiles start from.

The generated Dockerfiles are built for real in the test suite, without Docker Hub or
ghcr.io. These helpers build replacements from the local Debian base image (made by
``scripts/engine/up.sh``) out of ``tests/fixture_images/`` (see its README.md):

- ``bodhi-test/builder:bookworm``: cargo + nodejs/npm, for the Rust and Node stages;
- ``bodhi-test/llama-base:<variant>``: for ``ghcr.io/bodhisearch/llama.cpp:latest-<variant>``.

An image is rebuilt only when it is missing or its recorded fingerprint (the
fixture files, the build arguments and the Debian base image's id) no longer matches.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from pathlib import Path

from python_on_whales import DockerClient

IMAGES_DIR = Path(__file__).resolve().parent.parent / "fixture_images"
DEBIAN_IMAGE = "bodhi-test/debian:bookworm"
BUILDER_TAG = "bodhi-test/builder:bookworm"
BASE_REPOSITORY = "bodhi-test/llama-base"
VARIANTS = ("cpu", "cuda", "rocm", "vulkan")
DEFAULT_TRIPLE = "x86_64-unknown-linux-gnu"
FINGERPRINT_LABEL = "bodhi-test.fixture-fingerprint"

# Files under IMAGES_DIR that do not affect any image.
_NOT_INPUTS = frozenset({"README.md"})


class StandinError(RuntimeError):
    """A stand-in image cannot be built (typically: the engine or base image is missing)."""


def base_tag(variant: str, triple: str = DEFAULT_TRIPLE) -> str:
    """Tag of the llama.cpp base stand-in; a non-default triple gets its own tag."""
    suffix = "" if triple == DEFAULT_TRIPLE else f"-{triple}"
    return f"{BASE_REPOSITORY}:{variant}{suffix}"


def build_builder(docker: DockerClient, *, rebuild: bool = False) -> str:
    """Builds the cargo + Node builder image unless it is up to date; returns its tag."""
    return _ensure_image(docker, BUILDER_TAG, "builder.Dockerfile", {}, rebuild=rebuild)


def build_base(docker: DockerClient, variant: str, *, triple: str = DEFAULT_TRIPLE, rebuild: bool = False) -> str:
    """Builds the llama.cpp base stand-in for ``variant`` unless it is up to date; returns its tag."""
    if variant not in VARIANTS:
        msg = f"unknown variant {variant!r}; expected one of {', '.join(VARIANTS)}"
        raise ValueError(msg)
    args = {"VARIANT": variant, "TRIPLE": triple}
    return _ensure_image(docker, base_tag(variant, triple), "base.Dockerfile", args, rebuild=rebuild)


def _ensure_image(
    docker: DockerClient,
    tag: str,
    dockerfile: str,
    build_args: Mapping[str, str],
    *,
    rebuild: bool,
) -> str:
    if not docker.image.exists(DEBIAN_IMAGE):
        msg = f"base image {DEBIAN_IMAGE} not found; start the engine with scripts/engine/up.sh"
        raise StandinError(msg)
    args = {"DEBIAN_IMAGE": DEBIAN_IMAGE, **build_args}
    fingerprint = _fingerprint(docker.image.inspect(DEBIAN_IMAGE).id, args)
    if not rebuild and _label(docker, tag, FINGERPRINT_LABEL) == fingerprint:
        return tag
    docker.buildx.build(
        IMAGES_DIR,
        file=IMAGES_DIR / dockerfile,
        tags=[tag],
        build_args=args,
        labels={FINGERPRINT_LABEL: fingerprint},
        load=True,
        progress=False,  # keeps the build log in the exception raised on failure
    )
    return tag


def _label(docker: DockerClient, tag: str, name: str) -> str | None:
    if not docker.image.exists(tag):
        return None
    labels = docker.image.inspect(tag).config.labels or {}
    return labels.get(name)


def _fingerprint(base_image_id: str, build_args: Mapping[str, str]) -> str:
    digest = hashlib.sha256()
    digest.update(base_image_id.encode())
    for key in sorted(build_args):
        digest.update(f"\0arg:{key}={build_args[key]}".encode())
    for path in sorted(IMAGES_DIR.iterdir()):
        if path.is_file() and path.name not in _NOT_INPUTS:
            digest.update(f"\0file:{path.name}\0".encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:24]
