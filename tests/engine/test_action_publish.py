# The fixture imported from action_fixtures is requested by parameter name (pytest's way).
"""Push by digest per platform, then merge: the registry's index lists every platform under every tag.

Two platforms without emulation: the image is FROM the local busybox of each architecture with no
RUN step, built through the same ``bodhi-gen build --push-by-digest`` path the action takes.
"""

from __future__ import annotations

import json
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

pytestmark = pytest.mark.engine


@pytest.fixture
def tiny(tmp_path: Path, registry: str, local_repositories: list[str]) -> tuple[Path, Path, str]:
    """(config, context, image) of a one-variant, two-platform unit in the local registry."""
    image = f"{registry}/bodhi-test/tiny-{RUN_ID}"
    local_repositories.append(image)
    context = tiny_context(tmp_path)
    return write_config(tmp_path, image, "tiny", TWO_PLATFORMS), context, image


def test_push_by_digest_for_two_platforms_then_publish_lists_both(
    engine: Engine, tiny: tuple[Path, Path, str], tmp_path: Path
) -> None:
    config, context, image = tiny
    digests = tmp_path / "digests"
    digests.mkdir()
    summary = tmp_path / "summary.md"
    common = ["--config", str(config), "--variant", "tiny", "--version", "docker/v2.0.1"]
    pushed: dict[str, str] = {}
    for platform in TWO_PLATFORMS:
        result = bodhi_gen(
            engine,
            "build", *common,
            "--platform", platform,
            "--context", str(context),
            "--dockerfile", str(context / "Dockerfile"), *NO_BINARY,
            "--push-by-digest",
            "--digest-file", str(digests),
            "--summary-file", str(summary),
            "--json",
        )  # fmt: skip
        assert result.code == 0, result.err
        data = result.json()
        assert data["output"] == "push-by-digest"
        assert data["tags"] == [], "a by-digest build must not push the unit's tags"
        pushed[platform] = str(data["digest"])
        record = json.loads((digests / f"tiny-production-{platform.split('/')[1]}.json").read_text())
        assert record == {
            "image": image,
            "variant": "tiny",
            "mode": "production",
            "platform": platform,
            "digest": pushed[platform],
        }
        # the digest is in the registry, and it is the platform's image
        _, listed = index_platforms(engine, f"{image}@{pushed[platform]}")
        assert listed == [platform]

    outputs = tmp_path / "outputs.txt"
    result = bodhi_gen(
        engine,
        "publish", *common,
        "--digests-dir", str(digests),
        "--github-output", str(outputs),
        "--summary-file", str(summary),
        "--json",
    )  # fmt: skip
    assert result.code == 0, result.err
    published = result.json()
    tags = [f"{image}:2.0.1-tiny", f"{image}:latest-tiny"]
    assert published["tags"] == tags
    platforms_listed = published["listed_platforms"]
    assert isinstance(platforms_listed, list)
    assert sorted(map(str, platforms_listed)) == list(TWO_PLATFORMS)
    for tag in tags:
        digest, platforms = index_platforms(engine, tag)
        assert sorted(platforms) == list(TWO_PLATFORMS)
        assert digest == published["digest"]
    lines = outputs.read_text().splitlines()
    assert f"digest={published['digest']}" in lines
    assert f"tags={','.join(tags)}" in lines

    table = summary.read_text()
    assert table.count("| Step | Image |") == 1, "one table for the whole step"
    assert table.count("| build, push by digest |") == 2
    assert "| publish |" in table
    assert "index lists linux/amd64, linux/arm64" in table


def test_publish_fails_when_a_platform_digest_is_missing(
    engine: Engine, tiny: tuple[Path, Path, str], tmp_path: Path
) -> None:
    config, context, _ = tiny
    digests = tmp_path / "digests"
    digests.mkdir()
    common = ["--config", str(config), "--variant", "tiny", "--version", "2.0.2"]
    build = bodhi_gen(
        engine, "build", *common, "--platform", "linux/amd64", "--context", str(context),
        "--dockerfile", str(context / "Dockerfile"), *NO_BINARY, "--push-by-digest", "--digest-file", str(digests),
    )  # fmt: skip
    assert build.code == 0, build.err
    result = bodhi_gen(engine, "publish", *common, "--digests-dir", str(digests))
    assert result.code == 2
    assert "no digest file for tiny/production on linux/arm64" in result.err
