"""The committed Dockerfiles, built for real against the stand-ins and run: the image contract holds."""

from __future__ import annotations

import pytest
import yaml
from python_on_whales import DockerClient

from bodhi_gen.config.loader import load_config
from bodhi_gen.plan.build import build_plan
from bodhi_gen.plan.units import BuildInfo, Plan
from tests.engine.harness import ImageBuilder, image_tag, read_file, running
from tests.helpers import ROOT

pytestmark = pytest.mark.engine

INFO = BuildInfo(version="4.5.6", commit="0123456789abcdef0123456789abcdef01234567", created="2025-06-07T08:09:10Z")
CONTRACT_KEYS = {
    "BODHI_HOME",
    "HF_HOME",
    "BODHI_VERSION",
    "BODHI_COMMIT_SHA",
    "BODHI_DEPLOYMENT",
    "BODHI_HOST",
    "BODHI_PORT",
    "BODHI_EXEC_LOOKUP_PATH",
    "BODHI_EXEC_TARGET",
    "BODHI_EXEC_VARIANTS",
    "BODHI_EXEC_VARIANT",
    "BODHI_EXEC_NAME",
    "BODHI_LLAMACPP_ARGS",
}
NATIVE = "linux/amd64"


@pytest.fixture(scope="module")
def plan() -> Plan:
    return build_plan(load_config(), INFO)


@pytest.fixture(scope="module", params=["production", "development"])
def cpu_image(request: pytest.FixtureRequest, image_builder: ImageBuilder, plan: Plan) -> tuple[str, str]:
    """(mode, tag) of the cpu image built from the committed dockerfiles/cpu.Dockerfile."""
    mode = str(request.param)
    unit = plan.unit("cpu", mode, NATIVE)
    tag = image_tag(f"cpu-{mode}")
    image_builder.build(ROOT / unit.dockerfile, unit, tag)
    return mode, tag


def test_cpu_image_is_healthy_and_reports_the_version(docker: DockerClient, cpu_image: tuple[str, str]) -> None:
    mode, tag = cpu_image
    with running(docker, tag) as app:
        assert app.get("/ping") == (200, {"message": "pong"})
        status, info = app.get("/bodhi/v1/info")
        assert status == 200
        assert info["version"] == INFO.version
        assert info["commit_sha"] == INFO.commit
        assert info["build"] == mode
        assert info["exec_found"] is True, "llama-server is not where defaults.yaml says"
        # every variant's shared args, then the exec variant's own
        config = load_config()
        assert info["llamacpp_args"] == [
            *config.llama_server_args.split(),
            *config.variant("cpu").llama_server_args.split(),
        ]


def test_cpu_image_runs_as_non_root_and_owns_data(docker: DockerClient, cpu_image: tuple[str, str]) -> None:
    _, tag = cpu_image
    config = docker.image.inspect(tag).config
    assert config.user == "llama"
    uid = docker.container.run(tag, ["id", "-u"], entrypoint="", remove=True)
    assert isinstance(uid, str)
    assert uid.strip() != "0"
    paths = ["/data/bodhi_home", "/data/hf_home", "/app/defaults.yaml"]
    owners = docker.container.run(tag, ["stat", "-c", "%U %n", *paths], entrypoint="", remove=True)
    assert isinstance(owners, str)
    assert [line.split()[0] for line in owners.splitlines()] == ["llama"] * 3
    assert config.entrypoint == ["/app/bodhi", "serve"]
    assert "8080/tcp" in (config.exposed_ports or {})
    assert config.healthcheck is not None
    assert config.healthcheck.test is not None
    assert config.healthcheck.test[:2] == ["CMD", "curl"]
    assert config.healthcheck.test[-1] == "http://127.0.0.1:8080/ping"


def test_cpu_defaults_yaml_has_the_contract_keys(docker: DockerClient, cpu_image: tuple[str, str]) -> None:
    _, tag = cpu_image
    defaults = yaml.safe_load(read_file(docker, tag, "/app/defaults.yaml"))
    assert set(defaults) == CONTRACT_KEYS | {"BODHI_LLAMACPP_ARGS_CPU"}
    assert defaults["BODHI_VERSION"] == INFO.version
    assert defaults["BODHI_COMMIT_SHA"] == INFO.commit
    assert defaults["BODHI_EXEC_TARGET"] == "x86_64-unknown-linux-gnu"
    assert (defaults["BODHI_EXEC_VARIANTS"], defaults["BODHI_EXEC_VARIANT"]) == ("cpu", "cpu")
    assert defaults["BODHI_PORT"] == 8080
    assert defaults["BODHI_HOST"] == "0.0.0.0"  # noqa: S104 - the value the contract asks for
    assert defaults["BODHI_LLAMACPP_ARGS_CPU"] == load_config().variant("cpu").llama_server_args


def test_cpu_labels_are_reproducible(docker: DockerClient, cpu_image: tuple[str, str]) -> None:
    mode, tag = cpu_image
    image = docker.image.inspect(tag)
    labels = image.config.labels or {}
    assert labels["org.opencontainers.image.version"] == INFO.version
    assert labels["org.opencontainers.image.revision"] == INFO.commit
    assert labels["org.opencontainers.image.source"] == "https://github.com/BodhiSearch/BodhiApp"
    assert labels["org.opencontainers.image.created"] == INFO.created
    assert labels["io.bodhisearch.mode"] == mode
    # SOURCE_DATE_EPOCH from the plan: the image is dated by its commit, not by the build
    assert image.created.strftime("%Y-%m-%dT%H:%M:%SZ") == INFO.created


def test_gpu_variant_builds_against_its_stand_in_base(
    docker: DockerClient, image_builder: ImageBuilder, plan: Plan
) -> None:
    unit = plan.unit("cuda", "production", NATIVE)
    tag = image_tag("cuda-production")
    image_builder.build(ROOT / unit.dockerfile, unit, tag)
    defaults = yaml.safe_load(read_file(docker, tag, "/app/defaults.yaml"))
    # the cpu fallback runs with the cpu variant's args
    assert set(defaults) == CONTRACT_KEYS | {"BODHI_LLAMACPP_ARGS_CUDA", "BODHI_LLAMACPP_ARGS_CPU"}
    assert defaults["BODHI_DEPLOYMENT"] == "standalone"
    assert defaults["BODHI_EXEC_VARIANTS"] == "cuda,cpu"
    assert defaults["BODHI_EXEC_VARIANT"] == "cuda"
    assert defaults["BODHI_LLAMACPP_ARGS_CUDA"] == load_config().variant("cuda").llama_server_args
    healthcheck = docker.image.inspect(tag).config.healthcheck
    assert healthcheck is not None
    assert healthcheck.test is not None
    assert "nvidia-smi" not in healthcheck.test, "the base image's GPU probe must be replaced by the /ping check"
    # no GPU here: the image is still healthy, because its health check is the app's /ping
    with running(docker, tag) as app:
        status, info = app.get("/bodhi/v1/info")
        assert status == 200
        assert info["exec_path"] == "/app/bin/x86_64-unknown-linux-gnu/cuda/llama-server"
        assert info["exec_found"] is True
