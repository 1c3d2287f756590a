"""A release that survives one failed variant, a release line's tag, and the release page, run under act.

(a) Two variants, one failing its smoke test: with ``release.publish: succeeded`` the other publishes its
tags and the release page (a prerelease: development mode) lists the failure; a re-run of ``release-page``
updates that page and replaces its release.json. With ``all`` nothing is published and no page is made.
(b) A ``release.lines`` tag pushed (a ``push`` event) builds, publishes and pages only that line's variants.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from pytest_httpserver import HTTPServer

from tests.e2e.test_release_act import (
    RELEASE,
    VERSION,
    Run,
    assert_jobs_succeeded,
    dispatch,
    job_lines,
    local_images,
    release_run,
)
from tests.engine.harness import Engine
from tests.support.act import GITHUB_TOKEN, ActResult, Registry, consumer_repo
from tests.support.fake_releases import REPO, FakeReleases

pytestmark = [pytest.mark.engine, pytest.mark.act]

DEV = ("0.0.1-good-development", "latest-good-development")


def step_succeeded(result: ActResult, job: str, step: str) -> bool:
    return any(f"/{job}" in line and f"Success - Main {step}" in line for line in result.log.splitlines())


def two_variants(registry: str, builder: str, cpu_base: str, publish: str) -> dict[str, Any]:
    """``good`` passes; ``broken`` claims a vulkan llama-server its base lacks, so its smoke test fails."""
    config = local_images({}, registry, f"bodhi-{publish}", builder)
    config |= {
        "variants": [
            {
                "name": "good",
                "base_image": cpu_base,
                "exec_variants": ["cpu"],
                "exec_variant": "cpu",
                "notes": {"description": "Works"},
            },
            {"name": "broken", "base_image": cpu_base, "exec_variants": ["cpu", "vulkan"], "exec_variant": "cpu"},
        ],
        "modes": [
            {"name": "development", "cargo_profile": "release", "tag_suffix": "-development", "prerelease": True}
        ],
        "release": {"tag_patterns": {"development": "docker-dev/v*"}, "publish": publish},
    }
    return config


def published(run: Run, registry: str) -> list[str]:
    return run.published(Registry(registry))


@pytest.fixture(scope="module")
def succeeded_run(
    engine: Engine,
    registry: str,
    builder_image: str,
    base_image: Callable[[str], str],
    tmp_path_factory: pytest.TempPathFactory,
) -> Run:
    config = two_variants(registry, builder_image, base_image("cpu"), "succeeded")
    inputs = {"version": VERSION, "variants": "", "mode": "development"}
    return dispatch(engine, tmp_path_factory.mktemp("act-succeeded"), config, inputs)


def test_succeeded_publishes_the_unit_that_passed(succeeded_run: Run, registry: str) -> None:
    result = succeeded_run.result
    assert result.returncode != 0, "a failed variant must leave the run failed"
    assert job_lines(result, "vulkan/llama-server"), result.tail()
    # act, like GitHub, reports every leg of a matrix job failed when one leg fails: the good unit's own steps
    assert step_succeeded(result, "build good development linux/amd64", "Build, smoke-test and push by digest")
    assert step_succeeded(result, "merge good development", "Merge the digests into multi-platform tags")
    assert_jobs_succeeded(result, "release page")
    assert sorted(published(succeeded_run, registry)) == sorted(DEV)
    assert result.artifacts == [
        "binary-development-amd64",
        "digests-good-development-amd64",
        "published-good-development",
    ]
    failed_merge = [line for line in job_lines(result, "🏁") if "/merge broken" in line]
    assert failed_merge, "the failed unit's merge ran, on its own record"
    assert all("Job failed" in line for line in failed_merge), failed_merge


def test_the_release_page_lists_the_failure_and_is_a_prerelease(succeeded_run: Run) -> None:
    releases = succeeded_run.releases
    assert list(releases.releases) == [f"docker-dev/v{VERSION}"]
    page = releases.releases[f"docker-dev/v{VERSION}"]
    assert page.prerelease is True
    assert (
        page.target
        == subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=succeeded_run.repo, capture_output=True, text=True, check=True
        ).stdout.strip()
    )
    assert f"docker pull {succeeded_run.image}:0.0.1-good-development" in page.body
    assert "### good: Works" in page.body
    assert "- ❌ broken (linux/amd64)" in page.body
    (asset,) = page.assets
    data = json.loads(asset.data)
    assert [(v["variant"], v["status"]) for v in data["variants"]] == [("good", "published"), ("broken", "failed")]
    assert releases.writes == [
        f"POST release docker-dev/v{VERSION}",
        f"POST asset release.json of docker-dev/v{VERSION}",
    ]


def test_a_re_run_of_the_release_page_updates_it(succeeded_run: Run, tmp_path: Path) -> None:
    """The release job run again (as a re-run of the workflow would): the same release, updated, one asset."""
    results = tmp_path / "published"  # what the release job downloads: the merges' results only
    for artifact in (succeeded_run.result.run_dir / "artifacts").glob("published-*"):
        shutil.copytree(artifact, results / artifact.name)
    server = HTTPServer(host="127.0.0.1", port=0)
    server.start()
    try:
        releases = FakeReleases(server, token=GITHUB_TOKEN).install()
        releases.releases = succeeded_run.releases.releases  # the state the run left
        done = subprocess.run(
            [
                *(sys.executable, "-m", "bodhi_gen", "release-page", "--version", f"docker-dev/v{VERSION}"),
                *("--commit", "0" * 40, "--results-dir", str(results)),
                *("--repo", REPO, "--api-url", releases.base),
            ],
            cwd=succeeded_run.repo,
            env={"PATH": "/usr/bin:/bin", "GH_TOKEN": GITHUB_TOKEN},
            capture_output=True,
            text=True,
            check=False,
        )
    finally:
        server.clear()
        server.stop()
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"updated the prerelease docker-dev/v{VERSION}")
    assert releases.writes == [
        f"PATCH release docker-dev/v{VERSION}",
        f"DELETE asset release.json of docker-dev/v{VERSION}",
        f"POST asset release.json of docker-dev/v{VERSION}",
    ]
    assert len(releases.releases[f"docker-dev/v{VERSION}"].assets) == 1


def test_all_publishes_nothing_when_one_variant_fails(
    engine: Engine, registry: str, builder_image: str, base_image: Callable[[str], str], tmp_path: Path
) -> None:
    config = two_variants(registry, builder_image, base_image("cpu"), "all")
    run = dispatch(engine, tmp_path, config, {"version": VERSION, "variants": "", "mode": "development"})
    result = run.result
    assert result.returncode != 0
    assert step_succeeded(result, "build good development linux/amd64", "Build, smoke-test and push by digest")
    assert published(run, registry) == []
    assert not [line for line in job_lines(result, "🏁") if "/merge" in line], "no merge may run"
    assert not any(name.startswith("published-") for name in result.artifacts)
    # the release page job ran and made nothing: there is nothing to show
    assert job_lines(result, "nothing of docker-dev/v0.0.1 was published"), result.tail()
    assert run.releases.releases == {}


# (b) a release line's tag, pushed ---------------------------------------------------------------------------------


def test_a_pushed_line_tag_builds_only_its_variants(
    engine: Engine, registry: str, builder_image: str, base_image: Callable[[str], str], tmp_path: Path
) -> None:
    cpu = base_image("cpu")
    config = local_images({}, registry, "bodhi-lines", builder_image)
    config |= {
        "variants": [
            {"name": "cpu", "base_image": cpu, "llama_server_args": "--threads 2"},
            {
                "name": "multi-tenant",
                "base_image": cpu,
                "exec_variants": ["cpu"],
                "exec_variant": "cpu",
                "port": 1135,
                "defaults": {"BODHI_DEPLOYMENT": "multi_tenant"},
            },
        ],
        "modes": [{"name": "production", "cargo_profile": "release", "cargo_features": ["production"]}],
        "release": {
            "tag_patterns": {"production": "docker/v*"},
            "lines": [{"pattern": "docker-mt/v*", "mode": "production", "variants": ["multi-tenant"]}],
        },
    }
    repo = consumer_repo(tmp_path, yaml.safe_dump(config, sort_keys=False))
    tag = f"docker-mt/v{VERSION}"
    payload = {"ref": f"refs/tags/{tag}", "ref_name": tag, "ref_type": "tag"}
    result, releases = release_run(engine, repo, RELEASE, "push", payload, tmp_path / "run")
    assert result.returncode == 0, result.tail()
    assert_jobs_succeeded(result, "build multi-tenant production linux/amd64", "merge multi-tenant production")
    assert not job_lines(result, "build cpu "), "the line builds multi-tenant only"
    image = str(config["image"])
    tags = [t for t in Registry(registry).tags(image) if not t.startswith("staging-")]
    assert tags == [f"{VERSION}-multi-tenant", "latest-multi-tenant"]
    assert result.artifacts == [
        "binary-production-amd64",
        "digests-multi-tenant-production-amd64",
        "published-multi-tenant-production",
    ]
    page = releases.releases[tag]
    assert "-p 1135:1135" in page.body
    assert "### cpu" not in page.body
    assert page.prerelease is False
