"""``docker buildx imagetools``: merge per-platform digests into tags, and read an index back."""

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


def _platform(entry: dict[str, object]) -> str | None:
    platform = entry.get("platform")
    if not isinstance(platform, dict):
        return None
    os_name, arch = platform.get("os"), platform.get("architecture")
    if os_name == "unknown" or arch == "unknown":  # attestation manifests
        return None
    variant = platform.get("variant")
    return f"{os_name}/{arch}" + (f"/{variant}" if variant else "")


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


def inspect_index(client: DockerClient, ref: str) -> IndexInfo:
    """The digest and platforms of ``ref`` as the registry serves it."""
    manifest = _inspect(client, ref, "{{json .Manifest}}")
    entries = manifest.get("manifests")
    if isinstance(entries, list):
        platforms = tuple(p for p in (_platform(e) for e in entries if isinstance(e, dict)) if p)
    else:  # a single-platform manifest: its platform is in the image config
        platforms = tuple(p for p in (_platform({"platform": _inspect(client, ref, "{{json .Image}}")}),) if p)
    return IndexInfo(
        digest=str(manifest.get("digest", "")),
        media_type=str(manifest.get("mediaType", "")),
        platforms=platforms,
    )


@dataclass(frozen=True)
class TagLabel:
    """A label of the image a tag names: ``found`` is False when the registry has no such tag."""

    found: bool
    value: str | None  # None: the tag exists but the label is absent, differs between platforms, or is unreadable
    problem: str = ""  # why ``value`` is None, for a note


def _labels(config: object) -> dict[str, object]:
    inner = config.get("config") if isinstance(config, dict) else None
    labels = inner.get("Labels") if isinstance(inner, dict) else None
    return labels if isinstance(labels, dict) else {}


def tag_label(client: DockerClient, ref: str, label: str) -> TagLabel:
    """Label ``label`` of the image ``ref`` names, read from its image config in the registry.

    An index's platforms must agree on it. A missing tag is reported as not found, any other failure as
    an unreadable label, so that a caller can decide what to do without the registry's error text.
    """
    try:
        image = _inspect(client, ref, "{{json .Image}}")
    except DockerError as exc:
        if "not found" in exc.message.lower():
            return TagLabel(found=False, value=None)
        return TagLabel(found=True, value=None, problem=exc.message.splitlines()[-1])
    # a single image prints its config; an index prints {"os/arch": config, ...}
    configs = [image] if "config" in image else list(image.values())
    values = {str(v) for v in (_labels(c).get(label) for c in configs) if v is not None}
    if len(values) == 1:
        return TagLabel(found=True, value=values.pop())
    problem = f"its platforms disagree on {label}" if values else f"it has no {label} label"
    return TagLabel(found=True, value=None, problem=problem)
