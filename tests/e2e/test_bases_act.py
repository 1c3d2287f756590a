"""The base watch end to end: an image published on base B1, B2 pushed under the base's tag, then the
generated bodhi-bases.yml (under act, dispatched) rebuilds and republishes exactly that image on B2.

One variant, one mode, one platform; the base lives in the local registry under a tag of its own.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from python_on_whales import DockerClient

from bodhi_gen.plan.contract import LABEL_BASE_DIGEST, LABEL_BASE_NAME, LABEL_VERSION
from tests.e2e.test_release_act import REGISTRY_SECRET, local_images
from tests.engine.action_fixtures import platform_manifest, process_env
from tests.engine.harness import Engine
from tests.support.act import ActRun, Registry, consumer_repo, run_act, unique_namespace
from tests.support.fixture_repo import git

pytestmark = [pytest.mark.engine, pytest.mark.act]

VERSION = "0.0.1"
UNIT = "cpu production linux/amd64"
CONFIG_LINE = "config: .github/bodhi-gen.yaml"  # every command first says which config it read


def cli(engine: Engine, repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``bodhi-gen ARGS`` in the consumer repository (its config, its Dockerfiles)."""
    return subprocess.run(
        [sys.executable, "-m", "bodhi_gen", *args],
        cwd=repo,
        env=process_env(engine),
        capture_output=True,
        text=True,
        check=False,
        timeout=1800,
    )


def push_base(docker: DockerClient, tmp: Path, source: str, target: str, generation: int) -> None:
    """``target`` := an image FROM ``source`` that differs by one label per generation, pushed."""
    context = tmp / f"base-{generation}"
    context.mkdir()
    (context / "Dockerfile").write_text(f"FROM {source}\nLABEL bodhi-test.base-generation={generation}\n", "utf-8")
    docker.buildx.build(context, tags=[target], load=True, progress=False)
    docker.image.push(target, quiet=True)


def image_labels(engine: Engine, ref: str) -> dict[str, str]:
    image = json.loads(engine.cli("buildx", "imagetools", "inspect", ref, "--format", "{{json .Image}}"))
    config = image if "config" in image else image["linux/amd64"]
    labels: dict[str, str] = config["config"]["Labels"]
    return labels


def test_a_moved_base_is_rebuilt_by_the_watch(
    engine: Engine,
    docker: DockerClient,
    registry: str,
    builder_image: str,
    base_image: Callable[[str], str],
    tmp_path: Path,
) -> None:
    base = f"{registry}/{unique_namespace('base')}/llama-base:latest-cpu"
    push_base(docker, tmp_path, base_image("cpu"), base, 1)
    b1 = platform_manifest(engine, base)
    config = local_images({}, registry, "bodhi-bases", builder_image)
    config |= {
        "variants": [{"name": "cpu", "base_image": base, "llama_server_args": "--threads 2"}],
        "modes": [{"name": "production", "cargo_profile": "release", "cargo_features": ["production"]}],
        "release": {"tag_patterns": {"production": "docker/v*"}},
    }
    image = str(config["image"])
    repo = consumer_repo(tmp_path / "consumer", yaml.safe_dump(config, sort_keys=False))
    commit = git(repo, "rev-parse", "HEAD").strip()

    # 1. publish VERSION on B1: the image records B1's digest, and nothing has moved
    unit = ("--variant", "cpu", "--mode", "production", "--version", VERSION, "--commit", commit)
    published = cli(engine, repo, "action", *unit, "--push", "--publish")
    assert published.returncode == 0, published.stderr[-6000:]
    first = image_labels(engine, f"{image}:latest-cpu")
    assert (first[LABEL_BASE_NAME], first[LABEL_BASE_DIGEST]) == (base, b1)
    before = platform_manifest(engine, f"{image}:latest-cpu")
    clean = cli(engine, repo, "bases", "--check")
    assert clean.returncode == 0, clean.stdout + clean.stderr

    # 2. B2 under the same tag: the check names exactly that unit
    push_base(docker, tmp_path, base_image("cpu"), base, 2)
    b2 = platform_manifest(engine, base)
    assert b2 != b1
    moved = cli(engine, repo, "bases", "--check")
    assert moved.returncode == 1, moved.stdout + moved.stderr
    assert moved.stderr.splitlines() == [CONFIG_LINE, f"bodhi-gen: {UNIT}: base {base} moved from {b1} to {b2}"]

    # 3. the scheduled workflow, dispatched: only that unit is rebuilt, on B2, at the version it publishes
    run = ActRun(
        repo,
        ".github/workflows/bodhi-bases.yml",
        "workflow_dispatch",
        {"inputs": {}},
        tmp_path / "run",
        engine.env,
        secrets={REGISTRY_SECRET: "local-registry-password"},
    )
    result = run_act(run)
    assert result.returncode == 0, result.tail()
    assert '"variants":"cpu"' in result.log, result.tail()
    tags = [t for t in Registry(registry).tags(image) if not t.startswith("staging-")]
    assert tags == [f"{VERSION}-cpu", "latest-cpu"]
    after = image_labels(engine, f"{image}:latest-cpu")
    assert (after[LABEL_BASE_DIGEST], after[LABEL_VERSION]) == (b2, VERSION)
    assert platform_manifest(engine, f"{image}:latest-cpu") != before
    assert platform_manifest(engine, f"{image}:{VERSION}-cpu") == platform_manifest(engine, f"{image}:latest-cpu")
    again = cli(engine, repo, "bases", "--check")
    assert again.returncode == 0, again.stdout + again.stderr
