# The fixture imported from action_fixtures is requested by parameter name (pytest's way).
"""The action's one step (`bodhi-gen action`), run as action.yml runs it, its inputs in BODHI_ACTION_*
variables: build and load the fixture cpu image, smoke-test it, push that very image to the local
registry (GHCR's stand-in) and publish its tags. Step outputs and the job summary land in files."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.engine.action_fixtures import (
    NATIVE,
    index_platforms,
    platform_manifest,
    process_env,
    standin_args,
)
from tests.engine.harness import RUN_ID, Engine
from tests.helpers import ROOT

pytestmark = pytest.mark.engine


def outputs_of(path: Path) -> dict[str, str]:
    """The step outputs, each written once."""
    lines = path.read_text().splitlines()
    keys = [line.partition("=")[0] for line in lines]
    assert len(keys) == len(set(keys)), f"an output was written twice: {keys}"
    return dict(line.split("=", 1) for line in lines)


def test_action_builds_once_smokes_pushes_the_tested_image_and_publishes(
    engine: Engine,
    registry: str,
    builder_image: str,
    base_image: Callable[[str], str],
    engine_config: tuple[Path, Path],
    local_repositories: list[str],
    fixture_app: Path,
    tmp_path: Path,
) -> None:
    config, dockerfiles = engine_config
    image = f"{registry}/bodhi-test/action-{RUN_ID}"
    local_repositories.append(image)
    output, summary = tmp_path / "output", tmp_path / "summary.md"
    args = "".join(f"{pair}\n" for pair in standin_args(builder_image, base_image("cpu"))[1::2])
    inputs = {
        "VARIANT": "cpu",
        "VERSION": "docker/v1.5.0",
        "PLATFORMS": NATIVE,
        "IMAGE": image,
        "CONFIG": str(config),
        "DOCKERFILE": str(dockerfiles / "cpu.Dockerfile"),
        "CONTEXT": str(fixture_app),
        "COMMIT": "c0ffee" * 6 + "c0ff",
        "BUILD_ARGS": args,
        "PUSH": "true",
        "PUSH_BY_DIGEST": "false",
        "SMOKE_TEST": "true",
        "REQUIRE_GPU": "false",
        "SMOKE_TIMEOUT": "90",
        "REGISTRY_USERNAME": "",
        "REGISTRY_PASSWORD": "",
    }
    env = {
        **{f"BODHI_ACTION_{name}": value for name, value in inputs.items()},
        "BODHI_DOWNLOAD_TOKEN": "",
        "GITHUB_OUTPUT": str(output),
        "GITHUB_STEP_SUMMARY": str(summary),
        "RUNNER_TEMP": str(tmp_path),
    }
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "bodhi_gen", "action"],
        cwd=ROOT,
        env=process_env(engine, env),
        capture_output=True,
        text=True,
        check=False,
        timeout=1800,
    )
    assert done.returncode == 0, f"{done.stdout[-3000:]}\n{done.stderr[-6000:]}"
    values = outputs_of(output)
    tags = [f"{image}:1.5.0-cpu", f"{image}:latest-cpu"]
    assert values["tags"] == ",".join(tags)
    digest, platforms = index_platforms(engine, tags[0])
    assert values["digest"] == digest, "the action's digest output is the published index's"
    assert platforms == [NATIVE]
    assert index_platforms(engine, tags[1])[0] == digest

    record = json.loads(Path(values["digest-file"]).read_text())
    assert record["platform"] == NATIVE
    assert record["image"] == image
    # what was pushed and published is the image the smoke test ran: one build, no second one
    tested = engine.docker.image.inspect(tags[0])
    assert f"{image}@{record['digest']}" in (tested.repo_digests or []), tested.repo_digests
    assert platform_manifest(engine, tags[0]) == platform_manifest(engine, f"{image}@{record['digest']}")
    # one build of the binary (into an OCI layout folder) and one of the variant, for the one platform
    assert done.stderr.count("building the app binary") == 1
    assert done.stderr.count("load build definition from") == 2, "the binary's build and the variant's"
    report = json.loads(Path(values["smoke-report"]).read_text())
    assert report["passed"] is True
    assert report["version"] == "1.5.0"
    assert values["smoke-result"] == "passed"

    table = summary.read_text()
    assert table.count("| Step | Image |") == 1
    steps = [line.split("|")[1].strip() for line in table.splitlines() if line.startswith("| ") and "---" not in line]
    # one size row per platform: the publish measured the image against the latest tag's before moving tags
    assert steps == ["Step", "build, load", "smoke test", "push (the tested image)", "publish", "size"], steps
    print(
        f"\naction: build, smoke, push and publish in {time.monotonic() - started:.0f} s; "
        f"smoke healthy after {report['healthy_after_s']} s"
    )
