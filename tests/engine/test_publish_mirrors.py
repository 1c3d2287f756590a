# The fixture imported from action_fixtures is requested by parameter name (pytest's way).
"""Mirrors for real: ``bodhi-gen publish`` copies the index to a second registry, digests unchanged.

The engine's registry (127.0.0.1:5000) is the primary; a second ``docker-registry`` on 127.0.0.1:5001,
started for this module with its own storage, is the mirror. A tiny two-platform image is pushed by
digest as the action does, then published: both registries must serve the same index under every tag.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.engine.action_fixtures import (
    NO_BINARY,
    TWO_PLATFORMS,
    bodhi_gen,
    index_platforms,
    tiny_context,
    write_config,
)
from tests.engine.harness import RUN_ID, Engine
from tests.support.second_registry import second_registry

pytestmark = pytest.mark.engine

# nothing listens here: a mirror that cannot be reached
DEAD = "127.0.0.1:5009"


@pytest.fixture(scope="module")
def mirror_registry(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with second_registry(tmp_path_factory.mktemp("mirror-registry")) as address:
        yield address


def _pushed(engine: Engine, tmp_path: Path, image: str, mirrors: list[str]) -> tuple[Path, Path]:
    """(config, digests folder) after pushing the tiny image by digest for both platforms."""
    context = tiny_context(tmp_path)
    config = write_config(tmp_path, image, "tiny", TWO_PLATFORMS)
    with config.open("a", encoding="utf-8") as text:
        text.write("mirrors:\n" + "".join(f"  - {{image: {m}, login: false}}\n" for m in mirrors))
    digests = tmp_path / "digests"
    digests.mkdir()
    for platform in TWO_PLATFORMS:
        result = bodhi_gen(
            engine,
            "build", "--config", str(config), "--variant", "tiny", "--version", "2.0.1",
            "--platform", platform,
            "--context", str(context),
            "--dockerfile", str(context / "Dockerfile"), *NO_BINARY,
            "--push-by-digest",
            "--digest-file", str(digests),
        )  # fmt: skip
        assert result.code == 0, result.err
    return config, digests


def test_publish_copies_the_same_index_to_the_mirror(
    engine: Engine, registry: str, mirror_registry: str, local_repositories: list[str], tmp_path: Path
) -> None:
    image = f"{registry}/bodhi-test/mirrored-{RUN_ID}"
    mirror = f"{mirror_registry}/bodhi-test/mirrored-{RUN_ID}"
    local_repositories.append(image)
    config, digests = _pushed(engine, tmp_path, image, [mirror])
    outputs = tmp_path / "outputs.txt"
    summary = tmp_path / "summary.md"

    def publish(version: str) -> dict[str, object]:
        result = bodhi_gen(
            engine,
            "publish", "--config", str(config), "--variant", "tiny", "--version", version,
            "--digests-dir", str(digests),
            "--github-output", str(outputs),
            "--summary-file", str(summary),
            "--json",
        )  # fmt: skip
        assert result.code == 0, result.err
        return result.json()

    published = publish("docker/v2.0.1")
    suffixes = ("2.0.1-tiny", "latest-tiny")
    assert published["tags"] == [f"{image}:{s}" for s in suffixes]
    assert published["mirrors"] == [
        {
            "image": mirror,
            "digest": published["digest"],
            "listed_platforms": published["listed_platforms"],
            "tags": [f"{mirror}:{s}" for s in suffixes],
            "latest_held": [],
        }
    ]
    # read back from each registry by the docker CLI itself: one index digest, both platforms, every tag
    for suffix in suffixes:
        primary = index_platforms(engine, f"{image}:{suffix}")
        copy = index_platforms(engine, f"{mirror}:{suffix}")
        assert primary[0] == copy[0] == published["digest"]
        assert sorted(primary[1]) == sorted(copy[1]) == list(TWO_PLATFORMS)
    assert f"mirror-tags={mirror}:2.0.1-tiny,{mirror}:latest-tiny" in outputs.read_text().splitlines()
    assert f"| mirror | `{mirror}` |" in summary.read_text()

    # a back-port release: latest-* stays in both registries, each judged by its own latest tag
    backport = publish("2.0.0")
    assert backport["tags"] == [f"{image}:2.0.0-tiny"]
    assert backport["latest_held"] == [f"{image}:latest-tiny"]
    mirrors = backport["mirrors"]
    assert isinstance(mirrors, list)
    assert mirrors[0]["tags"] == [f"{mirror}:2.0.0-tiny"]
    assert mirrors[0]["latest_held"] == [f"{mirror}:latest-tiny"]
    assert index_platforms(engine, f"{mirror}:2.0.0-tiny")[0] == published["digest"]


def test_an_unreachable_mirror_is_an_error_naming_it_and_the_primary_still_holds_the_tags(
    engine: Engine, registry: str, mirror_registry: str, local_repositories: list[str], tmp_path: Path
) -> None:
    image = f"{registry}/bodhi-test/mirror-dead-{RUN_ID}"
    good = f"{mirror_registry}/bodhi-test/mirror-dead-{RUN_ID}"
    dead = f"{DEAD}/bodhi-test/mirror-dead-{RUN_ID}"
    local_repositories.append(image)
    config, digests = _pushed(engine, tmp_path, image, [dead, good])
    result = bodhi_gen(
        engine, "publish", "--config", str(config), "--variant", "tiny", "--version", "2.0.1",
        "--digests-dir", str(digests), timeout=300,
    )  # fmt: skip
    assert result.code == 3, result.err
    assert f"mirror {dead}:" in result.err
    assert f"the tags are published to {image}, {good}; not to {dead}" in result.err
    primary = index_platforms(engine, f"{image}:2.0.1-tiny")
    assert index_platforms(engine, f"{good}:2.0.1-tiny")[0] == primary[0]
