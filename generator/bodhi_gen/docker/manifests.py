"""Compressed image sizes, read from the registry's manifests (``docker buildx imagetools inspect --raw``).

A platform image's size is what a pull downloads: its image config plus every layer, as the
per-platform manifest lists them. Attestation manifests (platform ``unknown/unknown``) are no image.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from bodhi_gen.docker.imagetools import inspect_json, platform_of
from bodhi_gen.errors import DockerError

if TYPE_CHECKING:
    from python_on_whales import DockerClient

INDEX_TYPES = ("application/vnd.oci.image.index.v1+json", "application/vnd.docker.distribution.manifest.list.v2+json")


@dataclass(frozen=True)
class ImageSize:
    """One platform image: the digest of its manifest and its compressed size in bytes."""

    platform: str
    digest: str
    size: int


def raw_manifest(client: DockerClient, ref: str) -> dict[str, object]:
    """The manifest (or index) ``ref`` names, as the registry serves it."""
    error = f"the registry served no JSON manifest for {ref}"
    return inspect_json(client, ref, "--raw", doing=f"reading the manifest of {ref}", error=error)


def manifest_size(manifest: dict[str, object]) -> int:
    """Config plus layers of one image manifest, in bytes."""
    descriptors = [manifest.get("config"), *_list(manifest.get("layers"))]
    sizes = [d.get("size") for d in descriptors if isinstance(d, dict)]
    if len(sizes) != len(descriptors) or not all(isinstance(s, int) and s >= 0 for s in sizes):
        msg = "an image manifest without a config and layer sizes"
        raise DockerError(msg)
    return sum(s for s in sizes if isinstance(s, int))


def _list(value: object) -> list[object]:
    return value if isinstance(value, list) else []


def _repository(ref: str) -> str:
    """``host/name:tag`` or ``host/name@digest`` -> ``host/name``."""
    name = ref.split("@", 1)[0]
    head, _, tail = name.rpartition("/")
    return f"{head}/{tail.split(':', 1)[0]}" if head else tail.split(":", 1)[0]


def platform_sizes(client: DockerClient, ref: str, platform: str | None = None) -> dict[str, ImageSize]:
    """platform -> size of every image ``ref`` names (an index's platforms, or its one image).

    ``platform`` names the one image of a plain manifest (its platform is in its config, not in the
    manifest); without it such an image is listed under ``""``.
    """
    manifest = raw_manifest(client, ref)
    if manifest.get("mediaType") not in INDEX_TYPES and "manifests" not in manifest:
        digest = ref.split("@", 1)[1] if "@" in ref else ""
        return {platform or "": ImageSize(platform or "", digest, manifest_size(manifest))}
    found: dict[str, ImageSize] = {}
    for entry in _list(manifest.get("manifests")):
        name = platform_of(entry)
        if name is None or not isinstance(entry, dict) or name in found:
            continue
        digest = str(entry.get("digest", ""))
        found[name] = ImageSize(name, digest, manifest_size(raw_manifest(client, f"{_repository(ref)}@{digest}")))
    return found


def tag_sizes(client: DockerClient, ref: str) -> dict[str, ImageSize] | None:
    """Like ``platform_sizes``; None when the registry has no such tag (the first release)."""
    try:
        return platform_sizes(client, ref)
    except DockerError as exc:
        text = exc.message.lower()
        if "not found" in text or "manifest unknown" in text:
            return None
        raise
