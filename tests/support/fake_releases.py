"""A local GitHub releases API: the endpoints ``bodhi-gen release-page`` uses, served by pytest-httpserver to real
PyGithub, with the state a test reads back (releases by tag, their assets' bytes, every write asked).

It emulates: GET a repository; GET a release by tag (404 when there is none); POST a release (GitHub creates
the tag at ``target_commitish``); PATCH a release; list a release's assets; DELETE an asset; POST an asset to
the release's ``upload_url`` (here on the same server). A write without the token is answered 401.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote

from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

OWNER, NAME = "acme", "app"
REPO = f"{OWNER}/{NAME}"
TOKEN = "ghp_TESTreleasesToken0123456789"
HTML = "https://github.test"


@dataclass
class Asset:
    id: int
    name: str
    content_type: str
    data: bytes


@dataclass
class Release:
    id: int
    tag: str
    name: str
    body: str
    prerelease: bool
    target: str
    assets: list[Asset] = field(default_factory=list)


def _json(body: Any, status: int = 200) -> Response:
    return Response(json.dumps(body), status=status, content_type="application/json")


@dataclass
class FakeReleases:
    server: HTTPServer
    token: str = TOKEN
    releases: dict[str, Release] = field(default_factory=dict)
    writes: list[str] = field(default_factory=list)  # "POST release docker/v1.2.3", ...
    _ids: int = 100

    def install(self) -> FakeReleases:
        self.server.expect_request(re.compile(r"^/.*$")).respond_with_handler(self.handle)
        return self

    @property
    def base(self) -> str:
        return self.server.url_for("/").rstrip("/")

    def _next_id(self) -> int:
        self._ids += 1
        return self._ids

    def _repo_url(self) -> str:
        return f"{self.base}/repos/{REPO}"

    def _release_json(self, release: Release) -> dict[str, Any]:
        url = f"{self._repo_url()}/releases/{release.id}"
        return {
            "id": release.id,
            "url": url,
            "html_url": f"{HTML}/{REPO}/releases/tag/{release.tag}",
            "assets_url": f"{url}/assets",
            "upload_url": f"{self.base}/uploads/repos/{REPO}/releases/{release.id}/assets{{?name,label}}",
            "tag_name": release.tag,
            "name": release.name,
            "body": release.body,
            "draft": False,
            "prerelease": release.prerelease,
            "target_commitish": release.target,
            "assets": [self._asset_json(a) for a in release.assets],
        }

    def _asset_json(self, asset: Asset) -> dict[str, Any]:
        return {
            "id": asset.id,
            "name": asset.name,
            "url": f"{self._repo_url()}/releases/assets/{asset.id}",
            "size": len(asset.data),
            "content_type": asset.content_type,
            "browser_download_url": f"{HTML}/{REPO}/releases/download/{asset.name}",
        }

    def _by_id(self, release_id: int) -> Release | None:
        return next((r for r in self.releases.values() if r.id == release_id), None)

    def handle(self, request: Request) -> Response:
        if not request.headers.get("Authorization", "").endswith(f" {self.token}"):
            return _json({"message": "Bad credentials"}, 401)
        path = unquote(request.path)
        repo = f"/repos/{REPO}"
        uploads = f"/uploads{repo}/releases/"
        if request.method == "GET" and path == repo:
            return _json(
                {"id": 1, "name": NAME, "full_name": REPO, "url": self._repo_url(), "html_url": f"{HTML}/{REPO}"}
            )
        if request.method == "GET" and path.startswith(f"{repo}/releases/tags/"):
            release = self.releases.get(path.removeprefix(f"{repo}/releases/tags/"))
            return _json(self._release_json(release)) if release else _json({"message": "Not Found"}, 404)
        if request.method == "POST" and path == f"{repo}/releases":
            return self._create(json.loads(request.get_data() or b"{}"))
        match = re.fullmatch(rf"{re.escape(repo)}/releases/(\d+)(/assets)?", path)
        if match and request.method == "PATCH" and not match.group(2):
            return self._update(int(match.group(1)), json.loads(request.get_data() or b"{}"))
        if match and request.method == "GET" and match.group(2):
            release = self._by_id(int(match.group(1)))
            return _json([self._asset_json(a) for a in release.assets] if release else [])
        match = re.fullmatch(rf"{re.escape(repo)}/releases/assets/(\d+)", path)
        if match and request.method == "DELETE":
            return self._delete_asset(int(match.group(1)))
        match = re.fullmatch(rf"{re.escape(uploads)}(\d+)/assets", path)
        if match and request.method == "POST":
            return self._upload(int(match.group(1)), request)
        return _json({"message": f"the fake has no {request.method} {path}"}, 404)

    def _create(self, body: dict[str, Any]) -> Response:
        tag = str(body["tag_name"])
        if tag in self.releases:
            return _json({"message": "Validation Failed", "errors": [{"code": "already_exists"}]}, 422)
        release = Release(
            self._next_id(), tag, str(body.get("name", "")), str(body.get("body", "")),
            bool(body.get("prerelease", False)), str(body.get("target_commitish", "")),
        )  # fmt: skip
        self.releases[tag] = release
        self.writes.append(f"POST release {tag}")
        return _json(self._release_json(release), 201)

    def _update(self, release_id: int, body: dict[str, Any]) -> Response:
        release = self._by_id(release_id)
        if release is None:
            return _json({"message": "Not Found"}, 404)
        release.name = str(body.get("name", release.name))
        release.body = str(body.get("body", release.body))
        release.prerelease = bool(body.get("prerelease", release.prerelease))
        self.writes.append(f"PATCH release {release.tag}")
        return _json(self._release_json(release))

    def _delete_asset(self, asset_id: int) -> Response:
        for release in self.releases.values():
            for asset in release.assets:
                if asset.id == asset_id:
                    release.assets.remove(asset)
                    self.writes.append(f"DELETE asset {asset.name} of {release.tag}")
                    return Response(status=204)
        return _json({"message": "Not Found"}, 404)

    def _upload(self, release_id: int, request: Request) -> Response:
        release = self._by_id(release_id)
        if release is None:
            return _json({"message": "Not Found"}, 404)
        name = request.args.get("name", "")
        if any(a.name == name for a in release.assets):
            return _json({"message": "Validation Failed", "errors": [{"code": "already_exists"}]}, 422)
        asset = Asset(self._next_id(), name, request.headers.get("Content-Type", ""), request.get_data())
        release.assets.append(asset)
        self.writes.append(f"POST asset {name} of {release.tag}")
        return _json(self._asset_json(asset), 201)
