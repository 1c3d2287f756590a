"""Real-engine test helpers: the engine handle, builds of the generated Dockerfiles, running containers.

The fixtures that hand these out live in ``conftest.py`` beside this file.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from python_on_whales import Container, DockerClient
from python_on_whales.exceptions import DockerException

from bodhi_gen.plan.units import BuildUnit
from tests.helpers import ROOT
from tests.support.standins import DEBIAN_IMAGE

ENV_FILE = ROOT / ".engine" / "env"


ENGINE_VARS = ("DOCKER_HOST", "DOCKER_CONFIG", "PATH", "BODHI_TEST_REGISTRY", "BODHI_ENGINE_DIR")


# One run's images and cache refs carry this, so parallel runs on one engine never share a name.
RUN_ID = uuid.uuid4().hex[:10]


ENCRYPTION_KEY = "engine-test-encryption-key-0123456789"


class BuildFailedError(AssertionError):
    """A build of a generated Dockerfile failed; ``log`` holds its plain progress output."""

    def __init__(self, message: str, log: str) -> None:
        super().__init__(message)
        self.log = log


@dataclass(frozen=True)
class Engine:
    env: dict[str, str]
    docker: DockerClient
    registry: str
    engine_dir: Path

    def cli(self, *args: str, timeout: float = 600) -> bytes:
        """The docker CLI itself, for output that must be read exactly as a user would see it."""
        done = subprocess.run(["docker", *args], env=self.env, capture_output=True, check=False, timeout=timeout)
        assert done.returncode == 0, f"docker {' '.join(args[:3])}: {done.stderr.decode(errors='replace')[-2000:]}"
        return done.stdout

    def registry_root(self) -> Path:
        """The local registry's filesystem storage (``rootdirectory`` of its config)."""
        for line in (self.engine_dir / "registry.yml").read_text("utf-8").splitlines():
            key, _, value = line.strip().partition(":")
            if key == "rootdirectory":
                return Path(value.strip())
        msg = f"no rootdirectory in {self.engine_dir / 'registry.yml'}"
        raise AssertionError(msg)


def engine_environment() -> dict[str, str]:
    if all(os.environ.get(name) for name in ENGINE_VARS):
        return dict(os.environ)
    if not ENV_FILE.is_file():
        pytest.fail(
            f"no container engine: {ENV_FILE.relative_to(ROOT)} is missing and DOCKER_HOST/BODHI_TEST_REGISTRY are "
            "not set. Start it with `bash scripts/engine/up.sh` (or run everything with `bash scripts/test.sh`).",
            pytrace=False,
        )
    done = subprocess.run(
        ["bash", "-c", 'source "$1" && env -0', "engine-env", str(ENV_FILE)],
        capture_output=True,
        check=True,
        env=dict(os.environ),
    )
    pairs = (item.split("=", 1) for item in done.stdout.decode().split("\0") if "=" in item)
    return dict(pairs)


def app_copy(source: Path, destination: Path) -> Path:
    """A copy of a fixture checkout (``fixture_checkout``'s, submodule included) without its local
    build outputs, for tests that edit the sources."""
    ignored = shutil.ignore_patterns("target", "node_modules", "dist", "out")
    shutil.copytree(source, destination, ignore=ignored)
    return destination


BINARY_DOCKERFILE = "binary.Dockerfile"


@dataclass
class ImageBuilder:
    """Builds build units from generated Dockerfiles, with the image build args aimed at the stand-ins."""

    engine: Engine
    builder: str
    base_image: Callable[[str], str]
    context: Path
    tags: list[str] = field(default_factory=list)
    # (binary Dockerfile, context, mode, arch) -> the loaded binary image variants copy
    binaries: dict[tuple[Path, Path, str, str], str] = field(default_factory=dict)

    def build_args(self, unit: BuildUnit, extra: Mapping[str, str]) -> dict[str, str]:
        args = {
            **unit.build_args,
            "RUST_IMAGE": self.builder,
            "NODE_IMAGE": self.builder,
            "BASE_IMAGE": self.base_image(unit.variant),
            "CPU_BASE_IMAGE": self.base_image("cpu"),
        }
        if unit.llama_source == "download":
            args["DOWNLOAD_BASE_IMAGE"] = DEBIAN_IMAGE
        return {**args, **extra}

    def build(
        self,
        dockerfile: Path,
        unit: BuildUnit,
        tag: str,
        *,
        context: Path | None = None,
        extra_args: Mapping[str, str] | None = None,
        secrets: Sequence[str] = (),
        network: str | None = None,
        cache_to: str | None = None,
        cache_from: str | None = None,
        provenance: str | None = None,
    ) -> str:
        """Build and load ``tag``; returns the plain progress log, raises BuildFailedError with it.

        A variant's Dockerfile copies the app binary: unless ``extra_args`` names APP_BINARY_IMAGE,
        the binary.Dockerfile beside it is built first, once per (mode, arch, context).
        """
        extra = dict(extra_args or {})
        if dockerfile.name != BINARY_DOCKERFILE and "APP_BINARY_IMAGE" not in extra:
            extra["APP_BINARY_IMAGE"] = self.binary(dockerfile.parent / BINARY_DOCKERFILE, unit, context, network)
        return self._build(dockerfile, unit, tag, context, extra, secrets, network, cache_to, cache_from, provenance)

    def binary(self, dockerfile: Path, unit: BuildUnit, context: Path | None, network: str | None) -> str:
        """The loaded binary image of ``unit``'s (mode, arch), built on first use."""
        key = (dockerfile, context or self.context, unit.mode, unit.arch)
        if key not in self.binaries:
            tag = image_tag(f"binary-{unit.mode}-{unit.arch}-{len(self.binaries)}")
            self._build(dockerfile, unit, tag, context, {}, (), network, None, None, None)
            self.binaries[key] = tag
        return self.binaries[key]

    def _build(
        self,
        dockerfile: Path,
        unit: BuildUnit,
        tag: str,
        context: Path | None,
        extra_args: Mapping[str, str],
        secrets: Sequence[str],
        network: str | None,
        cache_to: str | None,
        cache_from: str | None,
        provenance: str | None,
    ) -> str:
        lines: list[str] = []
        self.tags.append(tag)
        started = time.monotonic()
        try:
            stream = self.engine.docker.buildx.build(
                context or self.context,
                file=dockerfile,
                build_args=self.build_args(unit, extra_args),
                tags=[tag],
                load=True,
                progress="plain",
                stream_logs=True,
                secrets=list(secrets),
                network=network,
                cache_to=cache_to,
                cache_from=cache_from,
                provenance={"mode": provenance} if provenance else None,
            )
            assert isinstance(stream, Iterator)
            lines.extend(stream)
        except DockerException as exc:
            log = "\n".join(lines)
            msg = f"building {unit.key} from {dockerfile.name} failed:\n{log[-4000:]}\n{exc.stderr or ''}"
            raise BuildFailedError(msg, log) from None
        lines.append(f"# built in {time.monotonic() - started:.1f}s")
        return "\n".join(lines)


def image_tag(purpose: str) -> str:
    return f"bodhi-test/dockerfiles-{purpose}:{RUN_ID}"


def cached_steps(log: str) -> dict[str, bool]:
    """``{"[deps 5/5] RUN ...": True}``: each Dockerfile step of a plain build log and whether it was CACHED."""
    names: dict[str, str] = {}
    cached: set[str] = set()
    for line in log.splitlines():
        number, _, rest = line.partition(" ")
        if not number.startswith("#"):
            continue
        if rest.startswith("[") and "/" in rest.split("]", 1)[0] and number not in names:
            names[number] = rest
        elif rest.strip() == "CACHED":
            cached.add(number)
    return {name: number in cached for number, name in names.items()}


@dataclass(frozen=True)
class Running:
    container: Container
    url: str

    def get(self, path: str) -> tuple[int, dict[str, object]]:
        try:
            with urllib.request.urlopen(self.url + path, timeout=10) as response:
                return response.status, json.loads(response.read())
        except urllib.error.HTTPError as exc:
            return exc.code, json.loads(exc.read() or b"{}")


@contextmanager
def running(docker: DockerClient, image: str, timeout: float = 90, port: int = 8080) -> Iterator[Running]:
    """Run ``image`` as a user would (--init, the encryption key, ``port`` published on loopback) until
    Docker's own health check reports healthy; removes the container afterwards."""
    container = docker.container.run(
        image,
        detach=True,
        init=True,
        envs={"BODHI_ENCRYPTION_KEY": ENCRYPTION_KEY},
        publish=[("127.0.0.1:", port)],
        name=f"bodhi-test-{RUN_ID}-{uuid.uuid4().hex[:6]}",
    )
    assert isinstance(container, Container)
    try:
        deadline = time.monotonic() + timeout
        while True:
            container.reload()  # type: ignore[no-untyped-call]
            health = container.state.health.status if container.state.health else None
            if health == "healthy":
                break
            if not container.state.running or time.monotonic() > deadline:
                logs = docker.container.logs(container)
                msg = f"{image} did not become healthy (health {health!r}, running {container.state.running}):\n{logs}"
                raise AssertionError(msg)
            time.sleep(0.5)
        ports = container.network_settings.ports or {}
        binding = (ports.get(f"{port}/tcp") or [{}])[0]
        yield Running(container, f"http://127.0.0.1:{binding['HostPort']}")
    finally:
        container.remove(force=True)


def read_file(docker: DockerClient, image: str, path: str) -> str:
    """A file's text from ``image``, read by running ``cat`` in it as the image's own user."""
    output = docker.container.run(image, ["cat", path], entrypoint="", remove=True)
    assert isinstance(output, str)
    return output
