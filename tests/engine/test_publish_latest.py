# The fixture imported from action_fixtures is requested by parameter name (pytest's way).
"""``latest-*`` moves only forward, against the real registry: 1.3.0, then the back-port 1.2.5.

The image is FROM the local busybox stand-in with no RUN step, built and pushed by digest through
``bodhi-gen build --push-by-digest`` and merged by ``bodhi-gen publish``, as the release workflow does.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.engine.action_fixtures import (
    NATIVE,
    NO_BINARY,
    bodhi_gen,
    index_platforms,
    write_config,
)
from tests.engine.harness import RUN_ID, Engine

pytestmark = pytest.mark.engine

DOCKERFILE = """\
FROM bodhi-test/busybox:${TARGETARCH}
ARG BODHI_VERSION
COPY version.txt /version.txt
"""


def _release(engine: Engine, config: Path, context: Path, work: Path, version: str) -> tuple[int, str, list[str]]:
    """Build, push by digest and publish ``version``; (exit code, stderr, step output lines) of publish."""
    (context / "version.txt").write_text(f"{version} {RUN_ID}\n", "utf-8")
    digests = work / f"digests-{version}"
    digests.mkdir()
    common = ["--config", str(config), "--variant", "tiny", "--version", version]
    build = bodhi_gen(
        engine, "build", *common, "--platform", NATIVE, "--context", str(context),
        "--dockerfile", str(context / "Dockerfile"), "--push-by-digest", "--digest-file", str(digests),
        *NO_BINARY,
    )  # fmt: skip
    assert build.code == 0, build.err
    outputs = work / f"outputs-{version}.txt"
    result = bodhi_gen(
        engine, "publish", *common, "--digests-dir", str(digests), "--github-output", str(outputs),
        "--summary-file", str(work / "summary.md"),
    )  # fmt: skip
    return result.code, result.err + result.out, outputs.read_text("utf-8").splitlines()


def test_a_back_port_release_leaves_latest_on_the_newer_version(
    engine: Engine, registry: str, local_repositories: list[str], tmp_path: Path
) -> None:
    image = f"{registry}/bodhi-test/latest-{RUN_ID}"
    local_repositories.append(image)
    context = tmp_path / "context"
    context.mkdir()
    (context / "Dockerfile").write_text(DOCKERFILE, "utf-8")
    config = write_config(tmp_path, image, "tiny", (NATIVE,))
    latest = f"{image}:latest-tiny"

    # the first release: no latest tag yet, so it moves
    code, text, outputs = _release(engine, config, context, tmp_path, "1.3.0")
    assert code == 0, text
    assert "latest-held=" in outputs
    assert f"tags={image}:1.3.0-tiny,{latest}" in outputs
    newest, _ = index_platforms(engine, latest)
    assert index_platforms(engine, f"{image}:1.3.0-tiny")[0] == newest

    # the back-port: its version tag is published, latest stays on 1.3.0
    code, text, outputs = _release(engine, config, context, tmp_path, "1.2.5")
    assert code == 0, text
    assert f"{latest} not moved: it names 1.3.0, newer than 1.2.5" in text
    assert f"latest-held={latest}" in outputs
    assert f"tags={image}:1.2.5-tiny" in outputs
    backport, platforms = index_platforms(engine, f"{image}:1.2.5-tiny")
    assert platforms == [NATIVE]
    assert backport != newest
    assert index_platforms(engine, latest)[0] == newest
    assert "not moved" in (tmp_path / "summary.md").read_text("utf-8")

    # a newer release moves it again
    code, text, outputs = _release(engine, config, context, tmp_path, "1.3.1")
    assert code == 0, text
    assert "latest-held=" in outputs
    assert index_platforms(engine, latest)[0] == index_platforms(engine, f"{image}:1.3.1-tiny")[0]
