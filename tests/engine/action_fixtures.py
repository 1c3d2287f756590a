"""Helpers of the image-command engine tests (build, smoke, publish, the action's script); fixtures: conftest.py.

The commands run as real processes (``python -m bodhi_gen``) with the engine's environment, the way
the action runs them; the images they build use the stand-in build args, and push to the local
registry, which stands in for GHCR.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from python_on_whales import DockerClient

from bodhi_gen.config.loader import embedded_default_text
from bodhi_gen.smoke.runner import SMOKE_LABEL
from tests.engine.harness import RUN_ID, Engine
from tests.helpers import ROOT

VERSION = "1.2.3"
# for the tiny Dockerfiles that copy no app binary: naming one keeps `build` from building it first
NO_BINARY = ("--binary-image", "bodhi-test/busybox:amd64")
NATIVE = "linux/amd64"
BIN = Path(sys.executable).parent


@dataclass(frozen=True)
class CliResult:
    code: int
    out: str
    err: str
    seconds: float

    def json(self) -> dict[str, object]:
        data = json.loads(self.out)
        assert isinstance(data, dict)
        return data


def process_env(engine: Engine, extra: dict[str, str] | None = None) -> dict[str, str]:
    env = {**engine.env, **(extra or {})}
    env["PATH"] = f"{BIN}{os.pathsep}{env['PATH']}"
    for name in ("BODHI_GEN_DEBUG", "GITHUB_ACTIONS", "GITHUB_OUTPUT", "GITHUB_STEP_SUMMARY"):
        if name not in (extra or {}):
            env.pop(name, None)
    return env


def bodhi_gen(engine: Engine, *args: str, timeout: float = 1200, env: dict[str, str] | None = None) -> CliResult:
    """``bodhi-gen ARGS`` as a process on the engine; never raises on a non-zero exit."""
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "bodhi_gen", *args],
        cwd=ROOT,
        env=process_env(engine, env),
        capture_output=True,
        text=True,
        check=False,
        timeout=timeout,
    )
    return CliResult(done.returncode, done.stdout, done.stderr, round(time.monotonic() - started, 1))


def standin_args(builder_image: str, base: str, cpu_base: str | None = None) -> list[str]:
    """``--build-arg`` options aiming the generated Dockerfiles' images at the local stand-ins: the
    builder for Rust and Node (binary.Dockerfile), the variant's base and the cpu base (GPU variants
    copy its cpu llama-server)."""
    pairs = {
        "RUST_IMAGE": builder_image,
        "NODE_IMAGE": builder_image,
        "BASE_IMAGE": base,
        "CPU_BASE_IMAGE": cpu_base or base,
    }
    return [arg for key, value in pairs.items() for arg in ("--build-arg", f"{key}={value}")]


def remove_repository(docker: DockerClient, repository: str) -> None:
    """Untag every local image of ``repository`` (a load, or the docker driver's copy of a push)."""
    for image in docker.image.list(repository_or_tag=repository):
        for tag in image.repo_tags or []:
            if tag.startswith(f"{repository}:"):
                docker.image.remove(tag, force=True)


def smoke_containers(docker: DockerClient) -> set[str]:
    return {str(c.id) for c in docker.container.list(all=True, filters=[("label", SMOKE_LABEL)])}


@dataclass
class AppImages:
    """Builds the fixture app with ``bodhi-gen build --load`` per variant, once per test run.

    ``config`` None is the embedded default with the committed Dockerfiles; otherwise the
    Dockerfiles are generated from ``config`` into ``dockerfiles``.
    """

    engine: Engine
    builder: str
    base_image: Callable[[str], str]
    repository: str
    config: Path | None
    dockerfiles: Path
    built: dict[str, str]
    context: Path
    # variant -> the build's stderr: the binary's build (or its cache hit), then the variant's
    logs: dict[str, str] = field(default_factory=dict)

    @property
    def config_args(self) -> list[str]:
        return ["--config", str(self.config)] if self.config else []

    def get(self, variant: str) -> str:
        if variant not in self.built:
            result = bodhi_gen(
                self.engine,
                "build",
                *self.config_args,
                "--variant", variant,
                "--version", VERSION,
                "--platform", NATIVE,
                "--image", self.repository,
                "--context", str(self.context),
                "--dockerfile", str(self.dockerfiles / f"{variant}.Dockerfile"),
                "--cache", "none",
                "--load",
                "--json",
                *standin_args(self.builder, self.base_image(variant), self.base_image("cpu")),
            )  # fmt: skip
            assert result.code == 0, f"bodhi-gen build {variant} failed:\n{result.err[-4000:]}"
            self.logs[variant] = result.err
            tags = result.json()["tags"]
            assert isinstance(tags, list)
            self.built[variant] = str(tags[0])
        return self.built[variant]

    def remove(self) -> None:
        remove_repository(self.engine.docker, self.repository)


def engine_config_text() -> str:
    """The embedded default without cpu's ``--mlock``: that needs ``--ulimit memlock=-1``, which an
    engine without CAP_SYS_RESOURCE (such as the sandboxed one these tests run on) cannot grant."""
    data = yaml.safe_load(embedded_default_text())
    for variant in data["variants"]:
        args = variant.get("llama_server_args", "").split()
        variant["llama_server_args"] = " ".join(a for a in args if a != "--mlock")
    return yaml.safe_dump(data, sort_keys=False)


@dataclass
class DerivedImages:
    """Tiny images made FROM another one with a few extra lines (ENV switches, USER root)."""

    docker: DockerClient
    folder: Path
    tags: list[str]

    def make(self, name: str, base: str, lines: Sequence[str]) -> str:
        context = self.folder / name
        context.mkdir(parents=True, exist_ok=True)
        (context / "Dockerfile").write_text("\n".join([f"FROM {base}", *lines]) + "\n", "utf-8")
        tag = f"bodhi-test/smoke-{name}:{RUN_ID}"
        self.docker.buildx.build(context, tags=[tag], load=True, progress=False)
        self.tags.append(tag)
        return tag


# the tiny unit's two platforms and its Dockerfile (busybox per arch, one file of this run)
TWO_PLATFORMS = ("linux/amd64", "linux/arm64")
TINY_DOCKERFILE = """\
FROM bodhi-test/busybox:${TARGETARCH}
ARG BODHI_VERSION
COPY hello.txt /hello.txt
"""


def tiny_context(folder: Path) -> Path:
    """``folder/context``: the tiny unit's Dockerfile and a file that differs per run."""
    context = folder / "context"
    context.mkdir()
    (context / "Dockerfile").write_text(TINY_DOCKERFILE, "utf-8")
    (context / "hello.txt").write_text(f"hello from {RUN_ID}\n", "utf-8")
    return context


def write_config(folder: Path, image: str, variant: str, platforms: Sequence[str]) -> Path:
    """A minimal config whose image lives in the local registry."""
    path = folder / "bodhi-gen.yaml"
    path.write_text(
        f"image: {image}\n"
        f"registry: {image.split('/', 1)[0]}\n"
        "registry_auth: {login: false}\n"
        "variants:\n"
        f"  - name: {variant}\n"
        "    base_image: bodhi-test/busybox:amd64\n"
        f"    platforms: [{', '.join(platforms)}]\n"
        "modes:\n"
        "  - name: production\n"
        "    cargo_profile: release\n"
        "release:\n"
        "  tag_patterns:\n"
        "    production: docker/v*\n",
        "utf-8",
    )
    return path


def index_platforms(engine: Engine, ref: str) -> tuple[str, list[str]]:
    """(digest, platforms) of ``ref`` read straight from the registry with the docker CLI."""
    manifest = json.loads(engine.cli("buildx", "imagetools", "inspect", ref, "--format", "{{json .Manifest}}"))
    platforms = [
        f"{m['platform']['os']}/{m['platform']['architecture']}"
        for m in manifest.get("manifests", [])
        if m.get("platform", {}).get("architecture") != "unknown"
    ]
    return str(manifest["digest"]), platforms


def platform_manifest(engine: Engine, ref: str) -> str:
    """The digest of the image manifest behind ``ref`` (an index's attestations carry build times)."""
    manifest = json.loads(engine.cli("buildx", "imagetools", "inspect", ref, "--format", "{{json .Manifest}}"))
    for entry in manifest.get("manifests", []):
        if entry.get("platform", {}).get("architecture") != "unknown":
            return str(entry["digest"])
    return str(manifest["digest"])


def cache_records(engine: Engine, needle: str) -> list[str]:
    """Ids of the build-cache records whose description mentions ``needle``."""
    ids: list[str] = []
    current = ""
    for line in engine.cli("buildx", "du", "--verbose").decode().splitlines():
        key, _, value = line.partition(":")
        if key == "ID":
            current = value.strip()
        elif key == "Description" and needle in value:
            ids.append(current)
    return ids


def prune_cache_of(engine: Engine, needle: str) -> None:
    """Remove this test's own records from the local build cache (others' caches stay)."""
    for record in cache_records(engine, needle):
        engine.cli("buildx", "prune", "--force", "--filter", f"id={record}")
    assert not cache_records(engine, needle), "the local build cache still holds the step"
