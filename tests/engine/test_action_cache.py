# The fixture imported from action_fixtures is requested by parameter name (pytest's way).
"""The registry build cache: once this build's records are pruned from the local build cache, the
next ``bodhi-gen build`` gets its RUN step from ``<image>-cache`` in the registry; without the
registry cache, the same step runs again."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest

from tests.engine.action_fixtures import (
    NO_BINARY,
    bodhi_gen,
    cache_records,
    platform_manifest,
    prune_cache_of,
    write_config,
)
from tests.engine.harness import RUN_ID, Engine

pytestmark = pytest.mark.engine

STEP_SECONDS = 3


def build(engine: Engine, config: Path, context: Path, *extra: str) -> tuple[dict[str, object], str]:
    result = bodhi_gen(
        engine,
        "build",
        "--config", str(config),
        "--variant", "cached",
        "--version", "3.0.0",
        "--platform", "linux/amd64",
        "--context", str(context),
        "--dockerfile", str(context / "Dockerfile"), *NO_BINARY,
        "--push-by-digest",
        "--json",
        *extra,
    )  # fmt: skip
    assert result.code == 0, result.err
    return result.json(), result.err


def forget_local(engine: Engine, image: str, token: str) -> None:
    """Drop the pushed image's local copy (the docker driver keeps one) and this build's cache records."""
    staging = f"{image}:staging-cached-production-amd64"
    if engine.docker.image.exists(staging):
        engine.docker.image.remove(staging, force=True)
    prune_cache_of(engine, token)


def test_second_build_after_pruning_is_served_from_the_registry_cache(
    engine: Engine, registry: str, local_repositories: list[str], tmp_path: Path
) -> None:
    token = f"cache-{RUN_ID}-{uuid.uuid4().hex[:8]}"
    image = f"{registry}/bodhi-test/cached-{RUN_ID}"
    local_repositories.append(image)
    context = tmp_path / "context"
    context.mkdir()
    (context / "Dockerfile").write_text(
        f"FROM bodhi-test/busybox:amd64\nRUN echo {token} > /token && sleep {STEP_SECONDS}\n", "utf-8"
    )
    config = write_config(tmp_path, image, "cached", ["linux/amd64"])
    cache_ref = f"{image}-cache:cached-production-amd64"

    first, log = build(engine, config, context)
    assert first["cache_to"] == [f"type=registry,ref={cache_ref},mode=max,ignore-error=true"]
    assert first["cached_steps"] == 0, log
    assert "exporting cache to registry" in log
    assert cache_records(engine, token), "the first build left no local cache record to prune"
    built = platform_manifest(engine, f"{image}@{first['digest']}")

    # control: with the local records pruned and no registry cache, the step has to run again
    forget_local(engine, image, token)
    control, log = build(engine, config, context, "--cache", "none")
    assert control["cached_steps"] == 0, log
    assert float(str(control["seconds"])) >= STEP_SECONDS
    rerun = platform_manifest(engine, f"{image}@{control['digest']}")
    assert rerun != built, "a re-run step writes a new layer (new file times)"

    forget_local(engine, image, token)
    second, log = build(engine, config, context)
    assert f"importing cache manifest from {cache_ref}" in log
    assert second["steps"] == 1
    assert second["cached_steps"] == 1, f"the RUN step was not served from the registry cache:\n{log}"
    # the first build's layer, which only the registry cache still holds
    assert platform_manifest(engine, f"{image}@{second['digest']}") == built
