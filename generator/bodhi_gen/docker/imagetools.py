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


def _platform(entry: dict[str, object]) -> str | None:
    platform = entry.get("platform")
    if not isinstance(platform, dict):
        return None
    os_name, arch = platform.get("os"), platform.get("architecture")
    if os_name == "unknown" or arch == "unknown":  # attestation manifests
        return None
    variant = platform.get("variant")
    return f"{os_name}/{arch}" + (f"/{variant}" if variant else "")


def inspect_index(client: DockerClient, ref: str) -> IndexInfo:
    """The digest and platforms of ``ref`` as the registry serves it."""
    # The wrapper's imagetools.inspect parses --raw and drops the descriptor's own digest,
    # so this one call goes through its command runner with buildx's --format instead.
    from python_on_whales.utils import run

    command = [*client.buildx.imagetools.docker_cmd, "buildx", "imagetools", "inspect", ref, "--format"]

    def inspect(template: str) -> dict[str, object]:
        with docker_errors(f"inspecting {ref}"):
            raw = run([*command, template])
        try:
            data = json.loads(str(raw))
        except ValueError:
            data = None
        if not isinstance(data, dict):
            msg = f"imagetools inspect {ref} printed no JSON object for {template}"
            raise DockerError(msg)
        return data

    manifest = inspect("{{json .Manifest}}")
    entries = manifest.get("manifests")
    if isinstance(entries, list):
        platforms = tuple(p for p in (_platform(e) for e in entries if isinstance(e, dict)) if p)
    else:  # a single-platform manifest: its platform is in the image config
        platforms = tuple(p for p in (_platform({"platform": inspect("{{json .Image}}")}),) if p)
    return IndexInfo(
        digest=str(manifest.get("digest", "")),
        media_type=str(manifest.get("mediaType", "")),
        platforms=platforms,
    )
