"""A multi-tenant image as BodhiApp publishes it: another port, deployment and exec variant than its name.

Built with ``bodhi-gen build`` from Dockerfiles generated for a config with such a variant, smoke-tested
by ``bodhi-gen smoke`` (which must look for it on its own port), then run as a user would: Docker's own
health check on 1135 must report it healthy.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import yaml
from python_on_whales import DockerClient

from tests.engine.action_fixtures import NATIVE, VERSION, bodhi_gen, remove_repository, standin_args
from tests.engine.harness import RUN_ID, Engine, read_file, running

pytestmark = pytest.mark.engine

CONFIG = """\
image: {image}
registry: {registry}
registry_auth: {{login: false}}
llama_server_args: "--jinja"
variants:
  - name: cpu
    base_image: ghcr.io/bodhisearch/llama.cpp:latest-cpu
    llama_server_args: "--threads 2"
  - name: multi-tenant
    base_image: ghcr.io/bodhisearch/llama.cpp:latest-cpu
    exec_variants: [cpu]
    exec_variant: cpu
    port: 1135
    defaults: {{BODHI_DEPLOYMENT: multi_tenant}}
modes:
  - {{name: production, cargo_profile: release, cargo_features: [production]}}
release: {{tag_patterns: {{production: docker/v*}}}}
app: {{rust_image: {builder}, node_image: {builder}}}
"""


@pytest.fixture(scope="module")
def multi_tenant(
    engine: Engine,
    registry: str,
    builder_image: str,
    base_image: Callable[[str], str],
    fixture_app: Path,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[Path, str, str]]:
    """(config, repository, tag) of the multi-tenant image, built once."""
    root = tmp_path_factory.mktemp("multi-tenant")
    repository = f"{registry}/bodhi-test/mt-{RUN_ID}"
    config = root / "bodhi-gen.yaml"
    config.write_text(CONFIG.format(image=repository, registry=registry, builder=builder_image), "utf-8")
    generated = bodhi_gen(engine, "dockerfiles", "--config", str(config), "--out", str(root))
    assert generated.code == 0, generated.err
    cpu_base = base_image("cpu")  # its only llama-server is the cpu one
    built = bodhi_gen(
        engine,
        "build", "--config", str(config),
        "--variant", "multi-tenant", "--version", VERSION, "--platform", NATIVE,
        "--context", str(fixture_app), "--dockerfile", str(root / "dockerfiles" / "multi-tenant.Dockerfile"),
        "--cache", "none", "--load", "--json",
        *standin_args(builder_image, cpu_base, cpu_base),
    )  # fmt: skip
    assert built.code == 0, built.err[-4000:]
    yield config, repository, str(built.json()["tags"][0])  # type: ignore[index]
    remove_repository(engine.docker, repository)


def test_multi_tenant_answers_its_healthcheck_on_1135(
    docker: DockerClient, multi_tenant: tuple[Path, str, str]
) -> None:
    _, _, tag = multi_tenant
    config = docker.image.inspect(tag).config
    assert set(config.exposed_ports or {}) == {"1135/tcp"}
    assert config.healthcheck is not None
    assert config.healthcheck.test is not None
    assert config.healthcheck.test[-1] == "http://127.0.0.1:1135/ping"
    with running(docker, tag, port=1135) as app:  # waits for Docker's own health check: healthy
        assert app.get("/ping") == (200, {"message": "pong"})
    defaults = yaml.safe_load(read_file(docker, tag, "/app/defaults.yaml"))
    assert defaults["BODHI_DEPLOYMENT"] == "multi_tenant"
    assert defaults["BODHI_EXEC_VARIANT"] == "cpu"
    assert defaults["BODHI_EXEC_VARIANTS"] == "cpu"
    assert defaults["BODHI_PORT"] == 1135
    assert defaults["BODHI_LLAMACPP_ARGS"] == "--jinja"
    assert defaults["BODHI_LLAMACPP_ARGS_CPU"] == "--threads 2"
    assert "BODHI_LLAMACPP_ARGS_MULTI_TENANT" not in defaults


def test_smoke_finds_the_multi_tenant_image_on_its_own_port(
    engine: Engine, multi_tenant: tuple[Path, str, str], tmp_path: Path
) -> None:
    config, repository, tag = multi_tenant
    report = tmp_path / "smoke.json"
    result = bodhi_gen(
        engine,
        "smoke", "--config", str(config), "--variant", "multi-tenant", "--version", VERSION,
        "--platform", NATIVE, "--image", repository, "--report-file", str(report),
    )  # fmt: skip
    assert result.code == 0, f"{result.out}\n{result.err}"
    data = json.loads(report.read_text("utf-8"))
    assert data["image"] == tag
    checks = {c["name"]: c for c in data["checks"]}
    assert checks["defaults.yaml"]["passed"], checks
    assert checks["ping"]["passed"], checks
