"""A local GHCR for ``prune``: the packages API and the registry's manifest reads, on one HTTP server.

Its packages mirror what a real BodhiApp image package holds: multi-platform indexes that list
untagged per-platform images and attestations, a nested index, orphans, staging tags and cache refs.
Manifests are content-addressed as on a real registry (a version's digest is the sha256 of the bytes
served for it), listings are paged with GitHub's ``Link`` header, and the registry can offer the OCI
referrers API. Knobs make it misbehave the ways a registry or a listing can: bytes that are not the
digest's, pages that repeat, a listing that grows between pages.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import unquote

from werkzeug import Request, Response

from tests import helpers

OWNER = "bodhisearch"  # the embedded default config's image: ghcr.io/bodhisearch/bodhiapp
IMAGE = "bodhiapp"
CACHE = "bodhiapp-cache"
TOKEN = "ghp_TESTtoken0123456789SECRETvalue"
REGISTRY_TOKEN = "registry-bearer-SECRET-42"
INDEX = "application/vnd.oci.image.index.v1+json"
MANIFEST = "application/vnd.oci.image.manifest.v1+json"
LAYER = "application/vnd.oci.image.layer.v1.tar+gzip"
OLD = datetime.now(UTC) - timedelta(days=10)
YOUNG = datetime.now(UTC) - timedelta(hours=1)
PER_PAGE = 100


def sha256(data: bytes) -> str:
    return "sha256:" + hashlib.sha256(data).hexdigest()


def json_response(body: Any, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    return Response(json.dumps(body), status=status, headers=headers, content_type="application/json")


@dataclass(frozen=True)
class Version:
    id: int
    name: str  # a readable name; the digest is that of the manifest made from it
    tags: tuple[str, ...] = ()
    changed: datetime = OLD
    children: tuple[tuple[str, str, str], ...] = ()  # (child name, descriptor media type, role) for an index
    subject: str = ""  # the name of the manifest this one refers to (an OCI referrer)
    raw: bytes | None = None  # the manifest's bytes as they are, instead of a well-formed manifest
    listed_as: str = ""  # the name the packages API gives it instead of its digest

    def api(self, digest: str) -> dict[str, Any]:
        stamp = self.changed.strftime("%Y-%m-%dT%H:%M:%SZ")
        return {
            "id": self.id,
            "name": self.listed_as or digest,
            "created_at": stamp,
            "updated_at": stamp,
            "metadata": {"package_type": "container", "container": {"tags": list(self.tags)}},
        }

    def manifest(self, digest_of: Callable[[str], str]) -> bytes:
        if self.raw is not None:
            return self.raw
        body: dict[str, Any]
        if self.children:
            entries = [_entry(digest_of(name), media_type, role) for name, media_type, role in self.children]
            body = {"schemaVersion": 2, "mediaType": INDEX, "manifests": entries, "annotations": {"name": self.name}}
        else:
            config = {"mediaType": "application/vnd.oci.image.config.v1+json", "digest": sha256(self.name.encode())}
            body = {"schemaVersion": 2, "mediaType": MANIFEST, "config": config | {"size": 1}, "layers": []}
        if self.subject:
            body["subject"] = {"mediaType": MANIFEST, "digest": digest_of(self.subject), "size": 1}
        return json.dumps(body, sort_keys=True).encode()


def _entry(digest: str, media_type: str, role: str) -> dict[str, Any]:
    entry: dict[str, Any] = {"mediaType": media_type, "digest": digest, "size": 1}
    if role == "attestation":
        entry["annotations"] = {"vnd.docker.reference.type": "attestation-manifest"}
        entry["platform"] = {"os": "unknown", "architecture": "unknown"}
    elif role:
        os_name, arch = role.split("/")
        entry["platform"] = {"os": os_name, "architecture": arch}
    return entry


def filler(count: int, start: int = 0) -> list[Version]:
    """Old releases, tagged single-platform manifests, that push the interesting versions to page 2."""
    return [Version(10_000 + i, f"release-{i}", (f"0.0.{i}-cpu",)) for i in range(start, start + count)]


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
    layer = (("cache-layer", LAYER, ""),)  # a registry cache's index lists blobs, which are no versions
    return [
        Version(101, "cache-current", ("cpu-production-amd64",), children=layer),
        Version(102, "cache-binary", ("binary-production-arm64",)),
        Version(103, "cache-stale", ("oldgpu-production-amd64",), children=layer),
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
    unserved: set[str] = field(default_factory=set)  # names whose manifest the registry answers 404 for
    served_instead: dict[str, bytes] = field(default_factory=dict)  # name -> bytes served for its digest
    referrers_api: bool = False  # whether the registry offers GET /v2/<name>/referrers/<digest>
    api_referrers: dict[str, list[str]] = field(default_factory=dict)  # name -> more referrers only the API names
    repeat_page: int | None = None  # this page of the listing answers what the page before it did
    push_after_page: tuple[int, int] | None = None  # (page, n): after that page is served, n versions are pushed
    drop_after_page: tuple[int, int] | None = None  # (page, n): after that page, the n newest versions are deleted
    push_after_listing: str | None = None  # after this package was listed once, a new untagged version appears
    realm: str = ""  # where the registry's challenge sends clients for a token; "": its own /token
    deleted: list[int] = field(default_factory=list)
    manifest_reads: list[str] = field(default_factory=list)
    listings: int = 0
    requests: int = 0

    def digest(self, name: str) -> str:
        return sha256(self.manifests()[name])

    def manifests(self) -> dict[str, bytes]:
        """Every version's name -> its manifest's bytes (an index's depend on its children's digests)."""
        by_name = {v.name: v for versions in self.packages.values() for v in versions}
        store: dict[str, bytes] = {}

        def digest_of(name: str) -> str:
            if name not in by_name:  # a blob (a cache's layer), or a manifest the registry does not hold
                return sha256(name.encode())
            if name not in store:
                store[name] = by_name[name].manifest(digest_of)
            return sha256(store[name])

        for name in by_name:
            digest_of(name)
        return store

    def handle(self, request: Request) -> Response:
        self.requests += 1
        path = unquote(request.path)
        if path == "/token":
            return self._token(request)
        if path.startswith("/v2/"):
            return self._registry(request, path)
        if not request.headers.get("Authorization", "").endswith(f" {TOKEN}"):
            return json_response({"message": "Bad credentials"}, 401)
        found = re.fullmatch(rf"/(orgs|users)/{OWNER}/packages/container/([^/]+)/versions(?:/(\d+))?", path)
        if not found or found[1] != self.scope or found[2] not in self.packages:
            return json_response({"message": "Package not found."}, 404)
        if request.method == "DELETE" and found[3]:
            return self._delete(self.packages[found[2]], int(found[3]))
        return self._page(request, found[2])

    def _page(self, request: Request, package: str) -> Response:
        page, per_page = int(request.args.get("page", "1")), int(request.args.get("per_page", "30"))
        versions = [v for v in self.packages[package] if v.id not in self.deleted]
        shown = page - 1 if page == self.repeat_page else page
        chunk = versions[(shown - 1) * per_page : shown * per_page]
        last = max(1, -(-len(versions) // per_page))
        manifests = self.manifests()
        body = [v.api(sha256(manifests[v.name])) for v in chunk]
        links = [
            f'<{self.base}{request.path}?per_page={per_page}&page={n}>; rel="{rel}"'
            for n, rel in ((page + 1, "next"), (last, "last"))
            if page < last
        ]
        if page == last:
            self.listings += 1
            if self.push_after_listing == package:
                self.push_after_listing = None
                self.packages[package].insert(0, Version(900, "pushed-meanwhile"))
        if self.push_after_page and page == self.push_after_page[0]:
            self.packages[package][:0] = filler(self.push_after_page[1], start=500)
            self.push_after_page = None
        if self.drop_after_page and page == self.drop_after_page[0]:
            del self.packages[package][: self.drop_after_page[1]]
            self.drop_after_page = None
        return json_response(body, headers={"Link": ", ".join(links)} if links else None)

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

    def _registry(self, request: Request, path: str) -> Response:
        found = re.fullmatch(rf"/v2/{OWNER}/([^/]+)/(manifests|referrers)/(sha256:[0-9a-f]{{64}})", path)
        if request.headers.get("Authorization") != f"Bearer {REGISTRY_TOKEN}":
            scope = f"repository:{OWNER}/{found[1] if found else '?'}:pull"
            challenge = f'Bearer realm="{self.realm or self.base + "/token"}",service="ghcr.io",scope="{scope}"'
            return json_response({"errors": [{"code": "UNAUTHORIZED"}]}, 401, {"WWW-Authenticate": challenge})
        if found is None or found[1] not in self.packages:
            return json_response({"errors": [{"code": "NAME_UNKNOWN"}]}, 404)
        manifests = self.manifests()
        versions = {sha256(manifests[v.name]): v for v in self.packages[found[1]] if v.id not in self.deleted}
        if found[2] == "referrers":
            return self._referrers(versions, manifests, found[3])
        version = versions.get(found[3])
        if version is None or version.name in self.unserved:
            return json_response({"errors": [{"code": "MANIFEST_UNKNOWN"}]}, 404)
        self.manifest_reads.append(found[3])
        body = self.served_instead.get(version.name, manifests[version.name])
        return Response(body, content_type=INDEX if version.children else MANIFEST)

    def _referrers(self, versions: dict[str, Version], manifests: dict[str, bytes], subject: str) -> Response:
        if not self.referrers_api:
            return json_response({"errors": [{"code": "NOT_FOUND"}]}, 404)
        entries = [
            {"mediaType": MANIFEST, "digest": digest, "size": 1}
            for digest, version in versions.items()
            if (version.subject and sha256(manifests[version.subject]) == subject)
            or any(
                sha256(manifests[target]) == subject and version.name in names
                for target, names in self.api_referrers.items()
            )
        ]
        return json_response({"schemaVersion": 2, "mediaType": INDEX, "manifests": entries})


class Result(helpers.Result):
    def rows(self) -> dict[int, tuple[str, str]]:
        """version id -> (decision, reason), from the report's table."""
        found = {}
        for line in self.out.splitlines():
            cells = re.split(r"\s{2,}", line.strip())
            if len(cells) >= 6 and cells[1].isdigit():
                found[int(cells[1])] = (cells[4], cells[5])
        return found


Cli = Callable[..., Result]


def deleting(result: Result, word: str) -> set[int]:
    return {version for version, (decision, _) in result.rows().items() if decision == word}
