"""The binary download path: llama-server from a local stand-in of the GitHub releases API that insists on
the token, and the token nowhere in the results: not in the log, history, inspect output, saved layers or
registry cache. A control build that passes the token as a build arg is caught by the very same checks.

The engine here cannot run arm64 code, so the arm64 unit (aarch64 triple, LLAMA_SOURCE=download) is
built for the engine's own platform; the download stage runs on the build platform in any case.
"""

from __future__ import annotations

import io
import json
import re
import uuid
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml
from pytest_httpserver import HTTPServer
from python_on_whales import DockerClient
from werkzeug import Request, Response

from bodhi_gen.config.loader import load_config
from bodhi_gen.plan.build import build_plan
from bodhi_gen.plan.contract import DOWNLOAD_SECRET_ID
from bodhi_gen.plan.units import BuildInfo, BuildUnit
from tests.engine import leaks
from tests.engine.harness import RUN_ID, BuildFailedError, Engine, ImageBuilder, image_tag, read_file, running
from tests.helpers import ROOT, render_files

pytestmark = pytest.mark.engine

CONFIG = Path(__file__).with_name("download-config.yaml")
REPOSITORY = "BodhiSearch/llama.cpp"
TRIPLE = "aarch64-unknown-linux-gnu"
ASSET = f"llama-server--{TRIPLE}--cpu"
X86_ASSET = "llama-server--x86_64-unknown-linux-gnu--cpu"
FAKE_SERVER = b"#!/bin/sh\necho 'llama-server (downloaded fixture)'\n"
SECRET_TOKEN = "ghp_secret" + uuid.uuid4().hex
CONTROL_TOKEN = "ghp_control" + uuid.uuid4().hex


def _zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        info = zipfile.ZipInfo("build/bin/llama-server")
        info.external_attr = 0o755 << 16
        archive.writestr(info, FAKE_SERVER)
        archive.writestr("build/bin/libggml-fixture.so", b"not really a library")
    return buffer.getvalue()


@dataclass
class ReleasesServer:
    """GitHub's releases API, as far as the download stage uses it. Answers 401 without a known token."""

    server: HTTPServer
    tokens: set[str]
    assets: dict[int, bytes] = field(default_factory=lambda: {9004: _zip(), 9005: FAKE_SERVER})
    served: list[str] = field(default_factory=list)

    @property
    def url(self) -> str:
        return self.server.url_for("").rstrip("/")

    def _denied(self, request: Request) -> Response | None:
        auth = request.headers.get("Authorization", "")
        if auth.removeprefix("Bearer ") not in self.tokens:
            return Response('{"message":"Bad credentials"}', status=401, content_type="application/json")
        if request.headers.get("X-GitHub-Api-Version") != "2022-11-28":
            return Response('{"message":"missing API version"}', status=400, content_type="application/json")
        return None

    def releases(self, request: Request) -> Response:
        denied = self._denied(request)
        if denied:
            return denied
        self.served.append("releases")
        base = request.url.split("/repos/", 1)[0] + f"/repos/{REPOSITORY}/releases"

        def asset(asset_id: int, name: str) -> dict[str, object]:
            return {
                "url": f"{base}/assets/{asset_id}",
                "id": asset_id,
                "node_id": f"RA_{asset_id}",
                "name": name,
                "label": "",
                "uploader": {"login": "ci-bot", "id": 1, "url": "https://api.github.com/users/ci-bot"},
                "content_type": "application/zip" if name.endswith(".zip") else "application/octet-stream",
                "state": "uploaded",
                "size": 1,
                "browser_download_url": f"https://github.com/{REPOSITORY}/releases/download/x/{name}",
            }

        def release(release_id: int, tag: str, assets: list[dict[str, object]], draft: bool = False) -> object:
            return {
                "url": f"{base}/{release_id}",
                "id": release_id,
                "author": {"login": "ci-bot", "url": "https://api.github.com/users/ci-bot"},
                "tag_name": tag,
                "target_commitish": "master",
                "name": f"llama-server {tag}",
                "draft": draft,
                "prerelease": False,
                "assets": assets,
                "body": f'Notes: "name": "{ASSET}" is built here.',
            }

        listing = [
            release(7, "b7000", [asset(9001, ASSET + ".zip")]),  # not a server-* release
            release(6, "server-2.0.0", [asset(9002, ASSET + ".zip")], draft=True),
            release(5, "server-1.5.0", [asset(9003, X86_ASSET + ".zip"), asset(9004, ASSET + ".zip")]),
            release(4, "server-1.0.0", [asset(9005, ASSET)]),
        ]
        return Response(json.dumps(listing, indent=2), content_type="application/json")

    def asset(self, request: Request) -> Response:
        denied = self._denied(request)
        if denied:
            return denied
        if request.headers.get("Accept") != "application/octet-stream":
            return Response('{"message":"wants Accept: application/octet-stream"}', status=415)
        asset_id = int(request.path.rsplit("/", 1)[1])
        self.served.append(f"asset {asset_id}")
        if asset_id not in self.assets:
            return Response('{"message":"Not Found"}', status=404)
        return Response(self.assets[asset_id], content_type="application/octet-stream")


@pytest.fixture(scope="module")
def releases() -> Iterator[ReleasesServer]:
    server = HTTPServer(host="127.0.0.1", port=0)
    server.start()
    stand_in = ReleasesServer(server, {SECRET_TOKEN, CONTROL_TOKEN})
    server.expect_request(re.compile(rf".*/repos/{REPOSITORY}/releases$")).respond_with_handler(stand_in.releases)
    server.expect_request(re.compile(rf".*/repos/{REPOSITORY}/releases/assets/\d+$")).respond_with_handler(
        stand_in.asset
    )
    yield stand_in
    server.clear()
    server.stop()


@pytest.fixture(scope="module")
def unit() -> BuildUnit:
    plan = build_plan(load_config(CONFIG), BuildInfo("7.8.9", "abcdef0123456789abcdef0123456789abcdef01"))
    arm = plan.unit("cpu", "production", "linux/arm64")
    assert arm.llama_source == "download"
    assert arm.build_args["CI_BUILD_TARGET"] == TRIPLE
    return arm


# the app binary the variant copies, built from the committed binary.Dockerfile (the generated
# Dockerfiles here sit alone in a scratch folder)
BINARY: dict[str, str] = {}


@pytest.fixture(scope="module", autouse=True)
def app_binary(image_builder: ImageBuilder, unit: BuildUnit) -> str:
    BINARY["ref"] = image_builder.binary(ROOT / "dockerfiles" / "binary.Dockerfile", unit, None, None)
    return BINARY["ref"]


@pytest.fixture(scope="module")
def dockerfile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    (generated,) = (f for f in render_files("dockerfiles", CONFIG) if f.path.name == "cpu.Dockerfile")
    path = tmp_path_factory.mktemp("download") / "cpu.Dockerfile"
    path.write_text(generated.content, "utf-8")
    return path


def secret_file(directory: Path, token: str) -> str:
    path = directory / "token"
    path.write_text(token + "\n", "utf-8")
    return f"id={DOWNLOAD_SECRET_ID},src={path}"


@dataclass(frozen=True)
class Built:
    tag: str
    log: str
    cache_ref: str


def build(
    image_builder: ImageBuilder,
    registry: str,
    dockerfile: Path,
    unit: BuildUnit,
    name: str,
    api_url: str,
    *,
    secrets: list[str],
    extra_args: dict[str, str] | None = None,
) -> Built:
    tag = image_tag(name)
    cache_ref = f"{registry}/bodhi-test/dockerfiles-cache:{name}-{RUN_ID}"
    log = image_builder.build(
        dockerfile,
        unit,
        tag,
        extra_args={"GITHUB_API_URL": api_url, "APP_BINARY_IMAGE": BINARY["ref"], **(extra_args or {})},
        secrets=secrets,
        network="host",  # the stand-in API listens on the host's loopback
        cache_to=f"type=registry,ref={cache_ref},mode=max",
        provenance="max",  # as GitHub Actions records it for public repositories: build args included
    )
    return Built(tag, log, cache_ref)


def token_places(engine: Engine, token: str, built: Built, workdir: Path) -> list[str]:
    """The one check, used for the secret build and for the control alike."""
    saved = leaks.in_saved_image(engine, token, built.tag, workdir)
    cache = leaks.in_registry_cache(engine, token, built.cache_ref)
    assert saved.blobs > 3, "docker save produced next to nothing to scan"
    assert cache.blobs > 3, f"the registry cache {built.cache_ref} holds next to nothing to scan"
    return [
        *leaks.in_text(token, built.log, "build log"),
        *leaks.in_history(engine, token, built.tag),
        *leaks.in_inspect(engine, token, built.tag),
        *saved.found,
        *cache.found,
    ]


@pytest.fixture(scope="module")
def secret_build(
    image_builder: ImageBuilder,
    registry: str,
    dockerfile: Path,
    unit: BuildUnit,
    releases: ReleasesServer,
    tmp_path_factory: pytest.TempPathFactory,
) -> Built:
    secret = secret_file(tmp_path_factory.mktemp("secret"), SECRET_TOKEN)
    releases.served.clear()
    built = build(image_builder, registry, dockerfile, unit, "download", releases.url, secrets=[secret])
    assert releases.served == ["releases", "asset 9004"], "the download step did not run against the stand-in API"
    return built


def test_download_installs_the_newest_server_release(docker: DockerClient, secret_build: Built) -> None:
    assert f"llama-server cpu: {ASSET}.zip from release server-1.5.0" in secret_build.log
    installed = f"/app/bin/{TRIPLE}/cpu/llama-server"
    assert read_file(docker, secret_build.tag, installed).encode() == FAKE_SERVER.rstrip()
    listing = docker.container.run(
        secret_build.tag, ["ls", "-ln", f"/app/bin/{TRIPLE}/cpu"], entrypoint="", remove=True
    )
    assert isinstance(listing, str)
    assert "libggml-fixture.so" in listing
    assert re.search(r"^-rwxr-xr-x .* llama-server$", listing, flags=re.MULTILINE)
    defaults = yaml.safe_load(read_file(docker, secret_build.tag, "/app/defaults.yaml"))
    assert defaults["BODHI_EXEC_TARGET"] == TRIPLE
    assert defaults["BODHI_LLAMACPP_ARGS_CPU"] == "--threads 2 --no-mmap"
    with running(docker, secret_build.tag) as app:
        status, info = app.get("/bodhi/v1/info")
        assert status == 200
        assert info["exec_found"] is True
        assert info["version"] == "7.8.9"
    uid = docker.container.run(secret_build.tag, ["id", "-un"], entrypoint="", remove=True)
    assert isinstance(uid, str)
    assert uid.strip() == "llama"


def test_token_is_nowhere_after_the_build(engine: Engine, secret_build: Built, tmp_path: Path) -> None:
    assert token_places(engine, SECRET_TOKEN, secret_build, tmp_path) == []


def test_control_build_arg_token_is_caught(
    engine: Engine,
    image_builder: ImageBuilder,
    registry: str,
    dockerfile: Path,
    unit: BuildUnit,
    releases: ReleasesServer,
    tmp_path: Path,
) -> None:
    """The mistake the original made: the token as a build arg. The same check must find it."""
    text = dockerfile.read_text("utf-8")
    mount = f"RUN --mount=type=secret,id={DOWNLOAD_SECRET_ID},required=true \\\n"
    read = f'"$(cat /run/secrets/{DOWNLOAD_SECRET_ID})"'
    assert text.count(mount) == 1
    assert text.count(read) == 1
    control = tmp_path / "control.Dockerfile"
    control.write_text(text.replace(mount, "ARG GH_PAT\nRUN \\\n").replace(read, '"${GH_PAT}"'), "utf-8")
    releases.served.clear()
    built = build(
        image_builder,
        registry,
        control,
        unit,
        "control",
        releases.url,
        secrets=[],
        extra_args={"GH_PAT": CONTROL_TOKEN},
    )
    assert releases.served == ["releases", "asset 9004"]
    places = token_places(engine, CONTROL_TOKEN, built, tmp_path)
    assert "build log" in places, places
    assert [p for p in places if p.startswith("docker save: ")], f"the provenance in the saved image: {places}"


def test_wrong_token_fails_without_printing_it(
    image_builder: ImageBuilder,
    registry: str,
    dockerfile: Path,
    unit: BuildUnit,
    releases: ReleasesServer,
    tmp_path: Path,
) -> None:
    wrong = "ghp_wrong" + uuid.uuid4().hex
    # another API path, so the step cannot come from the cache of the successful download
    with pytest.raises(BuildFailedError) as failed:
        build(
            image_builder,
            registry,
            dockerfile,
            unit,
            "wrong-token",
            releases.url + "/wrong-token",
            secrets=[secret_file(tmp_path, wrong)],
        )
    assert "401" in failed.value.log
    assert wrong not in failed.value.log
