"""Real-engine fixtures: the private engine and registry, the stand-in images, and builds of the generated
Dockerfiles with their image build args pointed at the stand-ins.

The engine is the one ``scripts/engine/up.sh`` starts. Its settings (DOCKER_HOST, DOCKER_CONFIG, PATH,
BODHI_TEST_REGISTRY, BODHI_ENGINE_DIR) come from the environment (``scripts/test.sh`` exports them),
else from ``.engine/env``. Without an engine every test here fails, saying so: CI runs them, so a
missing engine must never pass as a skip.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from python_on_whales import DockerClient
from python_on_whales.exceptions import DockerException

from tests.engine.action_fixtures import AppImages, DerivedImages, bodhi_gen, engine_config_text, remove_repository
from tests.engine.harness import ENGINE_VARS, RUN_ID, Engine, ImageBuilder, engine_environment
from tests.support.fixture_repo import fixture_checkout
from tests.support.standins import build_base, build_builder


@pytest.fixture(scope="session")
def engine() -> Engine:
    env = engine_environment()
    missing = [name for name in ENGINE_VARS if not env.get(name)]
    if missing:
        pytest.fail(f"the engine environment lacks {', '.join(missing)} (see scripts/engine/up.sh)", pytrace=False)
    binary = shutil.which("docker", path=env["PATH"])
    if binary is None:
        pytest.fail("no docker CLI on the engine's PATH: run `bash scripts/engine/up.sh`", pytrace=False)
    client = DockerClient(host=env["DOCKER_HOST"], config=env["DOCKER_CONFIG"], client_call=[binary])
    try:
        client.system.info()
    except DockerException as exc:
        pytest.fail(f"the engine at {env['DOCKER_HOST']} does not answer ({exc.stderr}); run scripts/engine/up.sh")
    return Engine(env, client, env["BODHI_TEST_REGISTRY"], Path(env["BODHI_ENGINE_DIR"]))


@pytest.fixture(scope="session")
def docker(engine: Engine) -> DockerClient:
    return engine.docker


@pytest.fixture(scope="session")
def registry(engine: Engine) -> str:
    return engine.registry


@pytest.fixture(scope="session")
def builder_image(docker: DockerClient) -> str:
    """Stand-in for both the Rust and the Node image (cargo, node, npm, curl, unzip)."""
    return build_builder(docker)


@pytest.fixture(scope="session")
def base_image(docker: DockerClient) -> Callable[[str], str]:
    """``base_image(variant)``: the llama.cpp base stand-in for that variant, built once per test run."""
    built: dict[str, str] = {}

    def get(variant: str) -> str:
        if variant not in built:
            built[variant] = build_base(docker, variant)
        return built[variant]

    return get


@pytest.fixture(scope="session")
def fixture_app(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture app as BodhiApp is checked out: a git checkout with its ``async-openai`` submodule
    (``tests/fixture_app`` alone lacks it, so its binary build fails in the deps stage)."""
    return fixture_checkout(tmp_path_factory.mktemp("fixture-checkout"))


@pytest.fixture(scope="session")
def image_builder(
    engine: Engine, builder_image: str, base_image: Callable[[str], str], fixture_app: Path
) -> Iterator[ImageBuilder]:
    builder = ImageBuilder(engine, builder_image, base_image, fixture_app)
    yield builder
    for tag in builder.tags:
        if engine.docker.image.exists(tag):
            engine.docker.image.remove(tag, force=True)


@pytest.fixture
def local_repositories(docker: DockerClient) -> Iterator[list[str]]:
    """Repositories a test fills; their local images are removed when it ends."""
    repositories: list[str] = []
    yield repositories
    for repository in repositories:
        remove_repository(docker, repository)


@pytest.fixture(scope="session")
def app_repository(registry: str) -> str:
    """This run's image repository in the local registry (GHCR's stand-in)."""
    return f"{registry}/bodhi-test/bodhiapp-{RUN_ID}"


@pytest.fixture(scope="session")
def engine_config(engine: Engine, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(config, dockerfiles folder): the engine-test config and the Dockerfiles generated from it."""
    root = tmp_path_factory.mktemp("engine-config")
    config = root / "bodhi-gen.yaml"
    config.write_text(engine_config_text(), "utf-8")
    result = bodhi_gen(engine, "dockerfiles", "--config", str(config), "--out", str(root))
    assert result.code == 0, result.err
    return config, root / "dockerfiles"


@pytest.fixture(scope="session")
def app_images(
    engine: Engine,
    builder_image: str,
    base_image: Callable[[str], str],
    app_repository: str,
    engine_config: tuple[Path, Path],
    fixture_app: Path,
) -> Iterator[AppImages]:
    config, dockerfiles = engine_config
    images = AppImages(engine, builder_image, base_image, app_repository, config, dockerfiles, {}, fixture_app)
    yield images
    images.remove()


@pytest.fixture(scope="session")
def derived_images(docker: DockerClient, tmp_path_factory: pytest.TempPathFactory) -> Iterator[DerivedImages]:
    images = DerivedImages(docker, tmp_path_factory.mktemp("derived"), [])
    yield images
    for tag in images.tags:
        if docker.image.exists(tag):
            docker.image.remove(tag, force=True)
