"""Base images by digest: what a base's tag names now for one platform, and the labels an image records.

A build pins its runtime stage to the base's per-platform manifest digest (``name@digest``), so the
digest it records and the bytes it starts from agree. A base that only the engine holds (a local
stand-in, in no registry) has no such digest: its image id is recorded instead, and the build
starts from the name.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from bodhi_gen.docker.imagetools import _inspect, _platform
from bodhi_gen.errors import DockerError

if TYPE_CHECKING:
    from python_on_whales import DockerClient


@dataclass(frozen=True)
class BaseDigest:
    """A base resolved for one platform."""

    name: str
    digest: str
    # what the build's FROM names: ``name@digest``, or the name alone for a base only the engine has
    pinned: str
    local: bool = False


def _matches(found: str, platform: str) -> bool:
    # an index may say linux/arm64/v8 where the plan says linux/arm64
    return found == platform or found.startswith(platform + "/")


def platform_digests(client: DockerClient, ref: str) -> dict[str, str]:
    """Platform -> the digest of its manifest, as the registry serves ``ref`` now (attestations left out)."""
    manifest = _inspect(client, ref, "{{json .Manifest}}")
    entries = manifest.get("manifests")
    if isinstance(entries, list):
        found = {}
        for entry in entries:
            platform = _platform(entry) if isinstance(entry, dict) else None
            if platform:
                found[platform] = str(entry.get("digest", ""))
        return found
    # a single-platform manifest: its platform is in the image config
    platform = _platform({"platform": _inspect(client, ref, "{{json .Image}}")})
    return {platform: str(manifest.get("digest", ""))} if platform else {}


def registry_digest(client: DockerClient, ref: str, platform: str) -> str:
    """The digest of ``ref``'s manifest for ``platform`` in its registry; DockerError when it has none."""
    digests = platform_digests(client, ref)
    for found, digest in digests.items():
        if _matches(found, platform) and digest:
            return digest
    msg = f"{ref} has no {platform} image (it has: {', '.join(sorted(digests)) or 'none'})"
    raise DockerError(msg)


def pinned_ref(ref: str, digest: str) -> str:
    """``ref`` pinned to ``digest`` (a digest it already names is replaced; the tag stays, for people)."""
    return f"{ref.split('@', 1)[0]}@{digest}"


def _local_id(client: DockerClient, ref: str) -> str | None:
    from python_on_whales.exceptions import DockerException

    try:
        return str(client.image.inspect(ref).id)
    except DockerException:
        return None


def resolve_base(client: DockerClient, ref: str, platform: str) -> BaseDigest:
    """``ref`` for ``platform``: from its registry, else (a base only the engine has) the local image id."""
    try:
        digest = registry_digest(client, ref, platform)
    except DockerError:
        image_id = _local_id(client, ref)
        if image_id is None:
            raise
        return BaseDigest(ref, image_id, ref, local=True)
    return BaseDigest(ref, digest, pinned_ref(ref, digest))


def _labels(config: object) -> dict[str, str]:
    inner = config.get("config") if isinstance(config, dict) else None
    labels = inner.get("Labels") if isinstance(inner, dict) else None
    return {str(k): str(v) for k, v in labels.items()} if isinstance(labels, dict) else {}


def platform_labels(client: DockerClient, ref: str) -> dict[str, dict[str, str]] | None:
    """Platform -> the labels of its image, for the image ``ref`` names; None when the tag does not exist."""
    try:
        image = _inspect(client, ref, "{{json .Image}}")
    except DockerError as exc:
        if "not found" in exc.message.lower():
            return None
        raise
    if "config" in image:  # a single image prints its config; an index prints {"os/arch": config, ...}
        platform = _platform({"platform": image})
        return {platform: _labels(image)} if platform else {}
    return {str(key): _labels(value) for key, value in image.items() if "unknown" not in str(key)}
