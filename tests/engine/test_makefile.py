# The fixtures imported from action_fixtures are requested by parameter name (pytest's way).
"""The committed ``devops/Makefile`` on the real engine: ``make build.cpu`` builds the same image configuration
as ``bodhi-gen build`` of that unit, under the local tag; ``make smoke.cpu`` passes; ``list-images`` and
``clean`` see exactly the local tags."""

from __future__ import annotations

import json
import shlex
import subprocess
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from python_on_whales import DockerClient

from tests.engine.action_fixtures import (
    NATIVE,
    VERSION,
    bodhi_gen,
    process_env,
    standin_args,
)
from tests.engine.harness import RUN_ID, Engine, read_file
from tests.helpers import ROOT

pytestmark = pytest.mark.engine

MODE = "development"
LOCAL_IMAGE = f"bodhi-test/make-{RUN_ID}"
LOCAL_TAG = f"{LOCAL_IMAGE}:local-cpu-{MODE}"


@dataclass(frozen=True)
class Make:
    engine: Engine
    variables: dict[str, str]

    def __call__(self, *targets: str, timeout: float = 1500, **overrides: str) -> subprocess.CompletedProcess[str]:
        assignments = [f"{name}={value}" for name, value in {**self.variables, **overrides}.items()]
        return subprocess.run(
            ["make", "--no-print-directory", "-s", "-f", "devops/Makefile", *targets, *assignments],
            cwd=ROOT,
            env=process_env(self.engine),
            capture_output=True,
            text=True,
            check=False,
            timeout=timeout,
        )


@pytest.fixture(scope="module")
def make(
    engine: Engine,
    docker: DockerClient,
    builder_image: str,
    base_image: Callable[[str], str],
    engine_config: tuple[Path, Path],
    fixture_app: Path,
) -> Iterator[Make]:
    """make with the engine-test config (no --mlock), the fixture app and the stand-in images."""
    config, dockerfiles = engine_config
    variables = {
        "MODE": MODE,
        "VERSION": VERSION,
        "CONFIG": str(config),
        "CONTEXT": str(fixture_app),
        "DOCKERFILES": str(dockerfiles),
        "LOCAL_IMAGE": LOCAL_IMAGE,
        "BUILD_ARGS": shlex.join(standin_args(builder_image, base_image("cpu"))),
    }
    yield Make(engine, variables)
    if docker.image.exists(LOCAL_TAG):
        docker.image.remove(LOCAL_TAG, force=True)


def image_config(docker: DockerClient, ref: str) -> dict[str, object]:
    config = docker.image.inspect(ref).config
    return {
        "labels": config.labels,
        "env": config.env,
        "entrypoint": config.entrypoint,
        "cmd": config.cmd,
        "user": config.user,
        "workdir": str(config.working_dir),
        "exposed_ports": sorted(config.exposed_ports or {}),
        "healthcheck": config.healthcheck.test if config.healthcheck else None,
    }


def history(engine: Engine, ref: str) -> list[str]:
    """What made each layer; BuildKit records the build args a RUN step used (``RUN |7 KEY=value ...``)."""
    out = engine.cli("image", "history", "--no-trunc", "--format", "{{.CreatedBy}}", ref)
    return out.decode().splitlines()


def test_make_build_matches_bodhi_gen_build(
    engine: Engine,
    docker: DockerClient,
    make: Make,
    builder_image: str,
    base_image: Callable[[str], str],
    engine_config: tuple[Path, Path],
    local_repositories: list[str],
    fixture_app: Path,
) -> None:
    config, dockerfiles = engine_config
    # the plan's own image (no --image, which would change the title label), tagged under a test name
    direct_repository = f"bodhi-test/make-direct-{RUN_ID}"
    local_repositories.append(direct_repository)
    direct = bodhi_gen(
        engine,
        "build",
        "--config", str(config),
        "--variant", "cpu",
        "--mode", MODE,
        "--version", VERSION,
        "--platform", NATIVE,
        "--tag", f"{direct_repository}:cpu",
        "--context", str(fixture_app),
        "--dockerfile", str(dockerfiles / "cpu.Dockerfile"),
        "--cache", "none",
        "--load",
        "--json",
        *standin_args(builder_image, base_image("cpu")),
    )  # fmt: skip
    assert direct.code == 0, direct.err[-4000:]
    ours = make("build.cpu", BUILD_ARGS=f"{make.variables['BUILD_ARGS']} --json")
    assert ours.returncode == 0, ours.stderr[-4000:]
    # `binary` then `build.cpu`: the variant's result is the last JSON document
    decoder, text, documents = json.JSONDecoder(), ours.stdout.strip(), []
    while text:
        document, end = decoder.raw_decode(text)
        documents.append(document)
        text = text[end:].strip()
    assert [d["variant"] for d in documents] == ["binary", "cpu"]
    built, planned = documents[-1], direct.json()
    assert built["tags"] == [LOCAL_TAG]
    # make loads its binary under a local tag; bodhi-gen build alone reads it from an OCI layout folder
    assert built["build_args"].pop("APP_BINARY_IMAGE") == f"{LOCAL_IMAGE}:local-binary-{MODE}"
    planned_args = planned["build_args"]
    assert isinstance(planned_args, dict)
    assert planned_args.pop("APP_BINARY_IMAGE") == "app-binary"
    assert built["platform"] == NATIVE
    for key in ("variant", "mode", "build_args", "labels"):
        assert built[key] == planned[key], key
    theirs = str(planned["tags"][0])  # type: ignore[index]
    assert image_config(docker, LOCAL_TAG) == image_config(docker, theirs)
    layers = history(engine, LOCAL_TAG)
    assert layers == history(engine, theirs)
    assert any(f"io.bodhisearch.mode={MODE}" in layer for layer in layers), layers
    defaults = read_file(docker, LOCAL_TAG, "/app/defaults.yaml")
    assert defaults == read_file(docker, theirs, "/app/defaults.yaml")
    assert f'BODHI_VERSION: "{VERSION}"' in defaults


def test_make_smoke_passes(make: Make) -> None:
    result = make("smoke.cpu")
    assert result.returncode == 0, f"{result.stdout}\n{result.stderr[-4000:]}"
    assert "passed" in result.stdout
    assert LOCAL_TAG in result.stdout


def test_list_images_and_clean_see_the_local_tags(make: Make, docker: DockerClient) -> None:
    if not docker.image.exists(LOCAL_TAG):
        assert make("build.cpu").returncode == 0
    listed = make("list-images")
    assert listed.returncode == 0, listed.stderr
    assert f"local-cpu-{MODE}" in listed.stdout
    assert LOCAL_IMAGE in listed.stdout
    cleaned = make("clean")
    assert cleaned.returncode == 0, cleaned.stderr
    assert not docker.image.exists(LOCAL_TAG)
