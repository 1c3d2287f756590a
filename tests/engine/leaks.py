"""Everywhere a string passed to a build could end up: the build log, ``docker history``, ``docker inspect``,
every blob of ``docker save``, and every blob of a registry cache in the registry's own storage.

Compressed blobs are decompressed before they are searched. Each finder returns the places where the
string was found, and the scan functions also say how many blobs they read, so a test can tell
"not found" from "nothing was looked at".
"""

from __future__ import annotations

import gzip
import json
import tarfile
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from tests.engine.harness import Engine

ZSTD_MAGIC = b"\x28\xb5\x2f\xfd"
MANIFEST_TYPES = (
    "application/vnd.oci.image.index.v1+json",
    "application/vnd.oci.image.manifest.v1+json",
    "application/vnd.docker.distribution.manifest.list.v2+json",
    "application/vnd.docker.distribution.manifest.v2+json",
)


@dataclass
class Scan:
    found: list[str] = field(default_factory=list)
    blobs: int = 0


def expand(data: bytes) -> bytes:
    """The blob's content as stored in a layer: gzip is undone; zstd cannot be read here, so it fails loudly."""
    if data[:2] == b"\x1f\x8b":
        return gzip.decompress(data)
    if data[:4] == ZSTD_MAGIC:
        msg = "a zstd-compressed blob: the scan cannot read it"
        raise AssertionError(msg)
    return data


def in_text(secret: str, text: str, where: str) -> list[str]:
    return [where] if secret in text else []


def in_history(engine: Engine, secret: str, image: str) -> list[str]:
    text = engine.cli("history", "--no-trunc", "--format", "{{json .}}", image).decode()
    return in_text(secret, text, "docker history")


def in_inspect(engine: Engine, secret: str, image: str) -> list[str]:
    return in_text(secret, engine.cli("image", "inspect", image).decode(), "docker inspect")


def in_saved_image(engine: Engine, secret: str, image: str, workdir: Path) -> Scan:
    """``docker save`` the image and search every file of the archive (layers, configs, manifests)."""
    archive = workdir / "saved.tar"
    engine.cli("save", "--output", str(archive), image)
    scan = Scan()
    needle = secret.encode()
    with tarfile.open(archive) as tar:
        for member in tar.getmembers():
            handle = tar.extractfile(member) if member.isfile() else None
            if handle is None:
                continue
            scan.blobs += 1
            if needle in expand(handle.read()):
                scan.found.append(f"docker save: {member.name}")
    archive.unlink()
    return scan


def _blob_path(root: Path, digest: str) -> Path:
    algorithm, _, hexdigest = digest.partition(":")
    return root / "docker" / "registry" / "v2" / "blobs" / algorithm / hexdigest[:2] / hexdigest / "data"


def _digests(document: object) -> list[str]:
    """Digests of the OCI descriptors (mediaType, digest, size) in a manifest or index. A cache config's
    records also carry "digest" keys, but those name cache keys, not blobs."""
    if isinstance(document, dict):
        descriptor = isinstance(document.get("digest"), str) and "mediaType" in document and "size" in document
        own = [document["digest"]] if descriptor else []
        return own + [d for value in document.values() for d in _digests(value)]
    if isinstance(document, list):
        return [d for value in document for d in _digests(value)]
    return []


def in_registry_cache(engine: Engine, secret: str, ref: str) -> Scan:
    """Every blob a registry cache ref points to (recursively), read from the registry's blob storage."""
    repository, _, tag = ref.removeprefix(engine.registry + "/").rpartition(":")
    request = urllib.request.Request(
        f"http://{engine.registry}/v2/{repository}/manifests/{tag}", headers={"Accept": ", ".join(MANIFEST_TYPES)}
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        pending = [response.headers["Docker-Content-Digest"]]
    root = engine.registry_root()
    scan = Scan()
    seen: set[str] = set()
    needle = secret.encode()
    while pending:
        digest = pending.pop()
        if digest in seen:
            continue
        seen.add(digest)
        path = _blob_path(root, digest)
        assert path.is_file(), f"blob {digest} of {ref} is not in the registry storage {root}"
        data = expand(path.read_bytes())
        scan.blobs += 1
        if needle in data:
            scan.found.append(f"registry blob {digest}")
        try:
            pending.extend(_digests(json.loads(data)))
        except (UnicodeDecodeError, json.JSONDecodeError):
            continue  # a layer, not a manifest or config
    return scan
