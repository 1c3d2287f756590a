"""A local GHCR for ``prune``: the packages API and the registry's manifest reads, on one HTTP server.

Its packages mirror what a real BodhiApp image package holds: multi-platform indexes that list
untagged per-platform images and attestations, a nested index, orphans, staging tags and cache refs.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import unquote

from werkzeug import Request, Response

OWNER = "bodhisearch"  # the embedded default config's image: ghcr.io/bodhisearch/bodhiapp
IMAGE = "bodhiapp"
CACHE = "bodhiapp-cache"
TOKEN = "ghp_TESTtoken0123456789SECRETvalue"
REGISTRY_TOKEN = "registry-bearer-SECRET-42"
INDEX = "application/vnd.oci.image.index.v1+json"
MANIFEST = "application/vnd.oci.image.manifest.v1+json"
OLD = datetime.now(UTC) - timedelta(days=10)
YOUNG = datetime.now(UTC) - timedelta(hours=1)
PER_PAGE = 100


def digest(name: str) -> str:
    return "sha256:" + hashlib.sha256(name.encode()).hexdigest()


def json_response(body: Any, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    return Response(json.dumps(body), status=status, headers=headers, content_type="application/json")


@dataclass(frozen=True)
class Version:
    id: int
    name: str  # a readable name; the digest is derived from it
    tags: tuple[str, ...] = ()
    changed: datetime = OLD
    children: tuple[tuple[str, str, str], ...] = ()  # (child name, media type, role) for an index

    @property
    def digest(self) -> str:
        return digest(self.name)

    def api(self) -> dict[str, Any]:
        stamp = self.changed.strftime("%Y-%m-%dT%H:%M:%SZ")
        return {
            "id": self.id,
            "name": self.digest,
            "created_at": stamp,
            "updated_at": stamp,
            "metadata": {"package_type": "container", "container": {"tags": list(self.tags)}},
        }

    def manifest(self) -> dict[str, Any]:
        if not self.children:
            return {"schemaVersion": 2, "mediaType": MANIFEST, "config": {}, "layers": []}
        entries = []
        for name, media_type, role in self.children:
            entry: dict[str, Any] = {"mediaType": media_type, "digest": digest(name), "size": 1}
            if role == "attestation":
                entry["annotations"] = {"vnd.docker.reference.type": "attestation-manifest"}
                entry["platform"] = {"os": "unknown", "architecture": "unknown"}
            elif role:
                os_name, arch = role.split("/")
                entry["platform"] = {"os": os_name, "architecture": arch}
            entries.append(entry)
        return {"schemaVersion": 2, "mediaType": INDEX, "manifests": entries}


def filler(count: int) -> list[Version]:
    """Old releases, tagged single-platform manifests, that push the interesting versions to page 2."""
    return [Version(10_000 + i, f"release-{i}", (f"0.0.{i}-cpu",)) for i in range(count)]


def image_versions() -> list[Version]:
    return [
        *filler(PER_PAGE),
        Version(
            1,
            "index-cpu",
            ("1.0.0-cpu", "latest-cpu"),
            children=(
                ("cpu-amd64", MANIFEST, "linux/amd64"),
                ("cpu-arm64", MANIFEST, "linux/arm64"),
                ("cpu-attest", MANIFEST, "attestation"),
            ),
        ),
        Version(2, "cpu-amd64"),
        Version(3, "cpu-arm64"),
        Version(4, "cpu-attest"),
        Version(5, "orphan-old"),
        Version(6, "orphan-young", changed=YOUNG),
        Version(7, "staging-current", ("staging-cpu-production-amd64",)),
        Version(8, "staging-stale", ("staging-oldgpu-production-amd64",)),
        Version(9, "index-cuda", ("1.0.0-cuda",), children=(("cuda-amd64", MANIFEST, "linux/amd64"),)),
        # a stale staging tag on the very manifest a release index lists: the tag is stale, the manifest is not
        Version(10, "cuda-amd64", ("staging-gone-production-amd64",)),
        Version(11, "index-nested", ("nested",), children=(("inner-index", INDEX, ""),)),
        Version(12, "inner-index", children=(("inner-amd64", MANIFEST, "linux/amd64"),)),
        Version(13, "inner-amd64"),
        Version(14, "orphan-index", children=(("orphan-child", MANIFEST, "linux/amd64"),)),
        Version(15, "orphan-child"),
    ]


def cache_versions() -> list[Version]:
    return [
        Version(101, "cache-current", ("cpu-production-amd64",)),
        Version(102, "cache-binary", ("binary-production-arm64",)),
        Version(103, "cache-stale", ("oldgpu-production-amd64",)),
        Version(104, "cache-foreign", ("buildcache",)),
        Version(105, "cache-untagged"),
    ]


IMAGE_DELETIONS = {5, 8, 14, 15}
CACHE_DELETIONS = {103, 105}


@dataclass
class FakeGhcr:
    base: str
    scope: str = "orgs"  # where the packages answer; the other scope answers 404
    packages: dict[str, list[Version]] = field(
        default_factory=lambda: {IMAGE: image_versions(), CACHE: cache_versions()}
    )
    fail_delete: int | None = None  # a version id whose DELETE answers 403
    unserved: set[str] = field(default_factory=set)  # digests the registry answers 404 for
    realm: str = ""  # where the registry's challenge sends clients for a token; "": its own /token
    deleted: list[int] = field(default_factory=list)
    manifest_reads: list[str] = field(default_factory=list)
    requests: int = 0

    def handle(self, request: Request) -> Response:
        self.requests += 1
        path = unquote(request.path)
        if path == "/token":
            return self._token(request)
        if path.startswith("/v2/"):
            return self._manifest(request, path)
        if not request.headers.get("Authorization", "").endswith(f" {TOKEN}"):
            return json_response({"message": "Bad credentials"}, 401)
        found = re.fullmatch(rf"/(orgs|users)/{OWNER}/packages/container/([^/]+)/versions(?:/(\d+))?", path)
        if not found or found[1] != self.scope or found[2] not in self.packages:
            return json_response({"message": "Package not found."}, 404)
        versions = self.packages[found[2]]
        if request.method == "DELETE" and found[3]:
            return self._delete(versions, int(found[3]))
        page, per_page = int(request.args.get("page", "1")), int(request.args.get("per_page", "30"))
        chunk = versions[(page - 1) * per_page : page * per_page]
        return json_response([v.api() for v in chunk if v.id not in self.deleted])

    def _delete(self, versions: list[Version], version_id: int) -> Response:
        if version_id == self.fail_delete:
            return json_response({"message": f"You cannot delete this version ({TOKEN})"}, 403)
        if version_id in self.deleted or all(v.id != version_id for v in versions):
            return json_response({"message": "Not found"}, 404)
        self.deleted.append(version_id)
        return Response(status=204)

    def _token(self, request: Request) -> Response:
        expected = "Basic " + base64.b64encode(f"{OWNER}:{TOKEN}".encode()).decode()
        if request.headers.get("Authorization") != expected:
            return json_response({"errors": [{"code": "UNAUTHORIZED"}]}, 401)
        return json_response({"token": REGISTRY_TOKEN})

    def _manifest(self, request: Request, path: str) -> Response:
        found = re.fullmatch(rf"/v2/{OWNER}/([^/]+)/manifests/(sha256:[0-9a-f]{{64}})", path)
        if request.headers.get("Authorization") != f"Bearer {REGISTRY_TOKEN}":
            scope = f"repository:{OWNER}/{found[1] if found else '?'}:pull"
            challenge = f'Bearer realm="{self.realm or self.base + "/token"}",service="ghcr.io",scope="{scope}"'
            return json_response({"errors": [{"code": "UNAUTHORIZED"}]}, 401, {"WWW-Authenticate": challenge})
        if found is None or found[1] not in self.packages or found[2] in self.unserved:
            return json_response({"errors": [{"code": "NAME_UNKNOWN"}]}, 404)
        self.manifest_reads.append(found[2])
        for version in self.packages[found[1]]:
            if version.digest == found[2]:
                return Response(json.dumps(version.manifest()), content_type=version.manifest()["mediaType"])
        return json_response({"errors": [{"code": "MANIFEST_UNKNOWN"}]}, 404)
