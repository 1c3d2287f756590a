# The fixture imported from action_fixtures is requested by parameter name (pytest's way).
"""The size gate against the real registry: a small release, then one a few MB bigger.

With a low growth limit ``bodhi-gen publish`` refuses the bigger image (exit 8) and no tag moves;
with a high one it publishes. ``bodhi-gen sizes`` and publish's ``sizes`` output report what the
registry's manifests say (config plus layers of each platform manifest).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.engine.action_fixtures import (
    NATIVE,
    NO_BINARY,
    bodhi_gen,
    write_config,
)
from tests.engine.harness import RUN_ID, Engine
from tests.support.act import Registry

pytestmark = pytest.mark.engine

DOCKERFILE = """\
FROM bodhi-test/busybox:${TARGETARCH}
ARG BODHI_VERSION
COPY version.txt payload.bin /
"""
GROWN = 4_000_000  # random bytes: gzip cannot shrink them, so the image grows by about this much


def _config(folder: Path, image: str, limit: int) -> Path:
    folder.mkdir()
    config = write_config(folder, image, "tiny", (NATIVE,))
    with config.open("a", encoding="utf-8") as file:
        file.write(f"size_limits: {{growth_percent: {limit}}}\n")
    return config


def _release(engine: Engine, config: Path, context: Path, version: str, payload: int) -> tuple[int, str, Path]:
    """Build, push by digest and publish ``version``; (exit code, output, step outputs file) of publish."""
    (context / "version.txt").write_text(f"{version} {RUN_ID}\n", "utf-8")
    (context / "payload.bin").write_bytes(os.urandom(payload))
    work = context.parent
    digests = config.parent / f"digests-{version}"
    digests.mkdir()
    common = ["--config", str(config), "--variant", "tiny", "--version", version]
    build = bodhi_gen(
        engine, "build", *common, "--platform", NATIVE, "--context", str(context),
        "--dockerfile", str(context / "Dockerfile"), "--push-by-digest", "--digest-file", str(digests),
        *NO_BINARY,
    )  # fmt: skip
    assert build.code == 0, build.err
    outputs = config.parent / f"outputs-{version}.txt"
    result = bodhi_gen(
        engine, "publish", *common, "--digests-dir", str(digests), "--github-output", str(outputs),
        "--summary-file", str(work / "summary.md"),
    )  # fmt: skip
    return result.code, result.err + result.out, outputs


def _size(registry: Registry, image: str, tag: str) -> int:
    """Config plus layers of the native image under ``tag``, straight from the registry's HTTP API."""
    index = registry.manifest(image, tag)
    digest = next(m["digest"] for m in index["manifests"] if m["platform"]["architecture"] == NATIVE.split("/")[1])
    manifest = registry.manifest(image, digest)
    return int(manifest["config"]["size"]) + sum(int(layer["size"]) for layer in manifest["layers"])


def _release_tags(registry: Registry, image: str) -> list[str]:
    """The image's tags but the staging tag each build pushes its digest under."""
    return [tag for tag in registry.tags(image) if not tag.startswith("staging-")]


def _output(outputs: Path, key: str) -> str:
    return next(line.split("=", 1)[1] for line in outputs.read_text("utf-8").splitlines() if line.startswith(f"{key}="))


def test_a_grown_image_is_refused_before_any_tag_moves(
    engine: Engine, registry: str, local_repositories: list[str], tmp_path: Path
) -> None:
    image = f"{registry}/bodhi-test/sizes-{RUN_ID}"
    local_repositories.append(image)
    api = Registry(registry)
    context = tmp_path / "context"
    context.mkdir()
    (context / "Dockerfile").write_text(DOCKERFILE, "utf-8")
    strict = _config(tmp_path / "strict", image, 5)

    # the first release: no latest image to compare with, so it passes any limit
    code, text, outputs = _release(engine, strict, context, "1.0.0", 16)
    assert code == 0, text
    (first,) = json.loads(_output(outputs, "sizes"))
    small = _size(api, image, "latest-tiny")
    assert (first["size"], first["previous"], first["over_limit"]) == (small, None, False)
    latest = api.manifest(image, "latest-tiny")["_digest"]

    # a few MB more with a 5% limit: refused, and neither the version tag nor latest moved
    code, text, _ = _release(engine, strict, context, "1.1.0", GROWN)
    assert code == 8, text
    assert "image too large" in text
    assert "tiny/production linux/amd64" in text
    assert "over the limit of 5%" in text
    assert "no tag was moved" in text
    assert _release_tags(api, image) == ["1.0.0-tiny", "latest-tiny"]
    assert api.manifest(image, "latest-tiny")["_digest"] == latest

    # the same growth under a high limit publishes
    loose = _config(tmp_path / "loose", image, 1000)
    code, text, outputs = _release(engine, loose, context, "1.1.0", GROWN)
    assert code == 0, text
    assert _release_tags(api, image) == ["1.0.0-tiny", "1.1.0-tiny", "latest-tiny"]
    big = _size(api, image, "1.1.0-tiny")
    assert big > small + GROWN * 0.9
    (grown,) = json.loads(_output(outputs, "sizes"))
    assert (grown["size"], grown["previous"]) == (big, small)
    assert grown["change_percent"] == round((big - small) * 100 / small, 2)
    assert "| size |" in (tmp_path / "summary.md").read_text("utf-8")

    # `sizes` reads the same numbers: 1.0.0 against the latest tag, which now holds 1.1.0
    report = bodhi_gen(engine, "sizes", "--config", str(loose), "--version", "1.0.0", "--format", "json")
    assert report.code == 0, report.err
    (row,) = json.loads(report.out)
    assert (row["size"], row["previous"], row["platform"]) == (small, big, NATIVE)
    table = bodhi_gen(engine, "sizes", "--config", str(strict), "--version", "1.1.0", "--check")
    assert table.code == 0, table.err  # 1.1.0 against itself: no growth
    assert "VARIANT" in table.out
