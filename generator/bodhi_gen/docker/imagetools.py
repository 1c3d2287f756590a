"""What a registry holds, through ``docker buildx imagetools``: indexes, their platforms, labels and bases.

Merge per-platform digests into tags (``create_index``), copy an index (``copy_index``), read an index
back (``inspect_index``), read the labels each platform's image carries, and resolve a base image's
digest for one platform. A build pins its runtime stage to that digest (``name@digest``), so the digest
it records and the bytes it starts from agree; a base that only the engine holds (a local stand-in, in
no registry) has none: its image id is recorded instead, and the build starts from the name. Login and
pushing the image that was smoke-tested (its digest read back from the registry) are here too.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from bodhi_gen.docker.client import docker_errors
from bodhi_gen.errors import DockerError

if TYPE_CHECKING:
    from python_on_whales import DockerClient


@dataclass(frozen=True)
class IndexInfo:
    digest: str
    media_type: str
    platforms: tuple[str, ...]


def create_index(client: DockerClient, sources: Sequence[str], tags: Sequence[str]) -> None:
    """Push one index naming every source manifest under each of ``tags``."""
    with docker_errors(f"creating {', '.join(tags)}"):
        client.buildx.imagetools.create(sources=list(sources), tags=list(tags))


def copy_index(client: DockerClient, source: str, tags: Sequence[str]) -> None:
    """Copy the index ``source`` (``repo@sha256:...``) to ``tags``, in any registry, under the same digest.

    With one source and no annotations buildx pushes the source's own bytes, so the copy's digest is the
    source's; the blobs it names are copied across registries with it.
    """
    with docker_errors(f"copying {source} to {', '.join(tags)}"):
        client.buildx.imagetools.create(sources=[source], tags=list(tags))


def platform_of(entry: object) -> str | None:
    """``linux/arm64/v8`` of a descriptor or an image config; None for an attestation (``unknown``)."""
    platform = entry.get("platform") if isinstance(entry, dict) else None
    if not isinstance(platform, dict) or "unknown" in (platform.get("os"), platform.get("architecture")):
        return None
    variant = platform.get("variant")
    return f"{platform.get('os')}/{platform.get('architecture')}" + (f"/{variant}" if variant else "")


def inspect_json(client: DockerClient, ref: str, *options: str, doing: str, error: str) -> dict[str, object]:
    """One ``imagetools inspect [OPTIONS] REF`` whose output is a JSON object; ``doing`` and ``error`` word its
    failures (the engine's, and output that is no JSON object)."""
    # The wrapper's imagetools.inspect parses --raw and drops the descriptor's own digest,
    # so this goes through its command runner with buildx's own options instead.
    from python_on_whales.utils import run

    command = [*client.buildx.imagetools.docker_cmd, "buildx", "imagetools", "inspect", *options, ref]
    with docker_errors(doing):
        raw = run(command)
    try:
        data = json.loads(str(raw))
    except ValueError:
        data = None
    if not isinstance(data, dict):
        raise DockerError(error)
    return data


def _inspect(client: DockerClient, ref: str, template: str) -> dict[str, object]:
    """``imagetools inspect REF --format TEMPLATE`` (``{{json .Manifest}}``, ``{{json .Image}}``)."""
    error = f"imagetools inspect {ref} printed no JSON object for {template}"
    return inspect_json(client, ref, "--format", template, doing=f"inspecting {ref}", error=error)


def _index(client: DockerClient, ref: str) -> tuple[dict[str, object], dict[str, str]]:
    """The manifest ``ref`` names now, and platform -> the digest of its manifest (attestations left out)."""
    manifest = _inspect(client, ref, "{{json .Manifest}}")
    entries = manifest.get("manifests")
    if isinstance(entries, list):
        found = {(platform_of(e) or ""): str(e.get("digest", "")) for e in entries if isinstance(e, dict)}
        return manifest, {platform: digest for platform, digest in found.items() if platform}
    # a single-platform manifest: its platform is in the image config
    platform = platform_of({"platform": _inspect(client, ref, "{{json .Image}}")})
    return manifest, ({platform: str(manifest.get("digest", ""))} if platform else {})


def inspect_index(client: DockerClient, ref: str) -> IndexInfo:
    """The digest and platforms of ``ref`` as the registry serves it."""
    manifest, platforms = _index(client, ref)
    return IndexInfo(str(manifest.get("digest", "")), str(manifest.get("mediaType", "")), tuple(platforms))


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
        return {platform_of({"platform": image}) or "": _labels(image)}
    return {str(key): _labels(value) for key, value in image.items() if "unknown" not in str(key)}


@dataclass(frozen=True)
class TagLabel:
    """A label of the image a tag names: ``found`` is False when the registry has no such tag."""

    found: bool
    value: str | None  # None: the tag exists but the label is absent, differs between platforms, or is unreadable
    problem: str = ""  # why ``value`` is None, for a note


def tag_label(client: DockerClient, ref: str, label: str) -> TagLabel:
    """Label ``label`` of the image ``ref`` names, read from its image config in the registry.

    An index's platforms must agree on it. A missing tag is reported as not found, any other failure as
    an unreadable label, so that a caller can decide what to do without the registry's error text.
    """
    try:
        images = platform_labels(client, ref)
    except DockerError as exc:
        return TagLabel(found=True, value=None, problem=exc.message.splitlines()[-1])
    if images is None:
        return TagLabel(found=False, value=None)
    values = {labels[label] for labels in images.values() if label in labels}
    if len(values) == 1:
        return TagLabel(found=True, value=values.pop())
    problem = f"its platforms disagree on {label}" if values else f"it has no {label} label"
    return TagLabel(found=True, value=None, problem=problem)


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


def registry_digest(client: DockerClient, ref: str, platform: str) -> str:
    """The digest of ``ref``'s manifest for ``platform`` in its registry; DockerError when it has none."""
    _, digests = _index(client, ref)
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


def login(client: DockerClient, registry: str, username: str, password: str) -> None:
    """``docker login`` with the password on stdin: never on argv, never in a log."""
    with docker_errors(f"logging in to {registry} as {username or '(no user)'}"):
        client.login(server=registry, username=username or None, password=password)


def push_loaded(client: DockerClient, source: str, target: str) -> str:
    """Tag the local image ``source`` as ``target``, push it, and return the digest the registry serves."""
    with docker_errors(f"pushing {source} as {target}"):
        client.image.tag(source, target)
        client.image.push(target, quiet=True)
    return inspect_index(client, target).digest
