"""A manifest as pruning reads it, from bytes checked against their digest, or a refusal saying why.

Only what deciding needs: the media type the manifest itself declares (never the registry's header
or the descriptor that pointed here), the manifests an index lists, and its ``subject`` (an OCI
referrer: a signature or an attestation of another manifest). Bytes that hash to another digest,
that are not a JSON object, that declare no media type or one that is neither an image manifest
nor an index, or that list an entry without a sha256 digest, raise ``ManifestError``: a decision
built on them could delete what a tag needs.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass

DIGEST = re.compile(r"^sha256:[0-9a-f]{64}$")
INDEX_TYPES = frozenset(
    {"application/vnd.oci.image.index.v1+json", "application/vnd.docker.distribution.manifest.list.v2+json"}
)
MANIFEST_TYPES = frozenset(
    {"application/vnd.oci.image.manifest.v1+json", "application/vnd.docker.distribution.manifest.v2+json"}
)
ACCEPT = ", ".join(sorted(INDEX_TYPES | MANIFEST_TYPES))
REFERRERS_TYPE = "application/vnd.oci.image.index.v1+json"


class ManifestError(ValueError):
    """Bytes that are not a manifest prune can decide on; the message says what is wrong with them."""


@dataclass(frozen=True)
class Descriptor:
    digest: str
    media_type: str  # what the pointing side claims; the manifest's own body decides
    role: str = ""  # "linux/amd64" for a platform's image, "attestation" for BuildKit's attestations


@dataclass(frozen=True)
class Manifest:
    media_type: str
    children: tuple[Descriptor, ...]  # what an index lists; empty for an image manifest
    subject: str | None = None  # the manifest this one refers to (a signature, an attestation)

    @property
    def is_index(self) -> bool:
        return self.media_type in INDEX_TYPES


def parse_manifest(body: bytes, digest: str) -> Manifest:
    """The manifest whose digest is ``digest``; ``ManifestError`` unless ``body`` is exactly that manifest."""
    found = "sha256:" + hashlib.sha256(body).hexdigest()
    if found != digest:
        msg = f"its bytes hash to {found}, not to the digest asked for"
        raise ManifestError(msg)
    data = _object(body)
    media_type = data.get("mediaType")
    if not isinstance(media_type, str) or not media_type:
        msg = "it declares no mediaType"
        raise ManifestError(msg)
    if media_type not in INDEX_TYPES | MANIFEST_TYPES:
        msg = f"its media type {media_type[:100]!r} is neither an image manifest nor an index"
        raise ManifestError(msg)
    listed = data.get("manifests", [])
    if media_type in MANIFEST_TYPES:
        listed = []  # an image manifest lists blobs, never other manifests
    children = _descriptors(listed, "manifests")
    return Manifest(media_type, children, _subject(data.get("subject")))


def parse_referrers(body: bytes) -> tuple[Descriptor, ...]:
    """The manifests an OCI referrers API answer lists (an image index; nothing to verify it against)."""
    data = _object(body)
    if data.get("mediaType", REFERRERS_TYPE) != REFERRERS_TYPE:
        msg = "it is not an image index"
        raise ManifestError(msg)
    return _descriptors(data.get("manifests", []), "manifests")


def _object(body: bytes) -> Mapping[str, object]:
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        msg = f"it is not JSON (it starts {body[:40]!r})"
        raise ManifestError(msg) from None
    if not isinstance(data, dict):
        msg = "it is not a JSON object"
        raise ManifestError(msg)
    return data


def _descriptors(listed: object, field: str) -> tuple[Descriptor, ...]:
    if not isinstance(listed, list):
        msg = f"its {field} is not a list"
        raise ManifestError(msg)
    found: list[Descriptor] = []
    for number, item in enumerate(listed, 1):
        digest = item.get("digest") if isinstance(item, dict) else None
        kind = item.get("mediaType", "") if isinstance(item, dict) else None
        if not isinstance(item, dict) or not isinstance(digest, str) or not DIGEST.match(digest):
            msg = f"entry {number} of its {field} has no sha256 digest"
            raise ManifestError(msg)
        if not isinstance(kind, str):
            msg = f"entry {number} of its {field} has a mediaType that is not text"
            raise ManifestError(msg)
        found.append(Descriptor(digest, kind, _role(item)))
    return tuple(found)


def _subject(value: object) -> str | None:
    if value is None:
        return None
    digest = value.get("digest") if isinstance(value, dict) else None
    if not isinstance(digest, str) or not DIGEST.match(digest):
        msg = "its subject has no sha256 digest"
        raise ManifestError(msg)
    return digest


def _role(item: Mapping[str, object]) -> str:
    annotations = item.get("annotations")
    if isinstance(annotations, dict) and annotations.get("vnd.docker.reference.type") == "attestation-manifest":
        return "attestation"
    platform = item.get("platform")
    if (
        isinstance(platform, dict)
        and isinstance(platform.get("os"), str)
        and isinstance(platform.get("architecture"), str)
    ):
        return f"{platform['os']}/{platform['architecture']}"
    return ""
