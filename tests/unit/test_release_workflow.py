"""What the generated release workflows do when a variant fails, and the release page job: release.publish
(succeeded: each unit on its own record; all: all or nothing), release.github_release, least privilege."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.helpers import ROOT, render_files

CONFIG = """\
variants: [{name: cpu, base_image: a/cpu:1}, {name: cuda, base_image: a/cuda:1, gpu: nvidia}]
modes: [{name: production, cargo_profile: release}]
release: {tag_patterns: {production: docker/v*}%s}
"""


def workflows(tmp_path: Path, release: str = "") -> dict[str, dict[str, Any]]:
    path = tmp_path / "bodhi-gen.yaml"
    path.write_text(CONFIG % release, "utf-8")
    files = render_files("workflows", path, cwd=tmp_path)
    return {f.path.name: yaml.safe_load(f.content) for f in files}


def test_succeeded_merges_each_unit_whatever_its_siblings_did(tmp_path: Path) -> None:
    merge = workflows(tmp_path)["bodhi-images.yml"]["jobs"]["merge"]
    condition = merge["if"]
    # not the implicit success(): the build job is failed as soon as one leg fails
    assert condition.startswith("${{ !cancelled() && inputs.push")
    assert "needs.build.result == 'success'" not in condition
    # what decides is the unit's own digests: the publish step reads them and refuses a missing platform
    steps = [s.get("name", "") for s in merge["steps"]]
    assert steps.index("Download the digests") < steps.index("Merge the digests into multi-platform tags")


def test_all_keeps_all_or_nothing(tmp_path: Path) -> None:
    merge = workflows(tmp_path, ", publish: all")["bodhi-images.yml"]["jobs"]["merge"]
    assert merge["if"] == "inputs.push"  # the implicit success(): every build passed


def test_the_release_page_job_runs_after_the_merges_with_contents_write_only(tmp_path: Path) -> None:
    generated = workflows(tmp_path)
    images = generated["bodhi-images.yml"]
    page = images["jobs"]["release-page"]
    assert page["needs"] == ["plan", "merge"]
    # inside the reusable workflow, next to the merges: a job after a failed called workflow never runs
    # under act, and `!cancelled()` lets it run whatever the merges did
    assert page["if"] == "${{ !cancelled() && inputs.push && inputs.release-page && needs.plan.result == 'success' }}"
    assert page["permissions"] == {"contents": "write"}
    step = page["steps"][-1]
    assert step["run"].startswith('bodhi-gen release-page --version "$VERSION" --mode "$MODE" --variants "$VARIANTS"')
    assert step["env"]["GH_TOKEN"] == "${{ github.token }}"
    # no other job writes contents; the caller grants the release page's write and asks for the page
    others = [job.get("permissions", {}) for name, job in images["jobs"].items() if name != "release-page"]
    assert all(p.get("contents") in (None, "read") for p in others)
    caller = generated["bodhi-release.yml"]["jobs"]["images"]
    assert caller["permissions"]["contents"] == "write"
    assert caller["with"]["release-page"] is True
    assert generated["bodhi-release.yml"]["permissions"] == {}
    # the scheduled rebuild makes no page
    rebuild = next(j for j in generated["bodhi-bases.yml"]["jobs"].values() if "bodhi-images" in j.get("uses", ""))
    assert "release-page" not in rebuild["with"]
    # every merge uploads what it published, for the page
    merge_steps = images["jobs"]["merge"]["steps"]
    upload = next(s for s in merge_steps if s.get("name", "").startswith("Upload what was published"))
    assert upload["with"]["name"] == "published-${{ matrix.variant }}-${{ matrix.mode }}"


def test_no_release_page_when_turned_off(tmp_path: Path) -> None:
    generated = workflows(tmp_path, ", github_release: false")
    assert "release-page" not in generated["bodhi-images.yml"]["jobs"]
    assert "release-page" not in generated["bodhi-release.yml"]["jobs"]["images"]["with"]
    assert generated["bodhi-release.yml"]["jobs"]["images"]["permissions"]["contents"] == "read"
    merge_steps = generated["bodhi-images.yml"]["jobs"]["merge"]["steps"]
    assert not any(s.get("name", "").startswith("Upload what was published") for s in merge_steps)
    assert not any("--json >" in s.get("run", "") for s in merge_steps)


@pytest.mark.parametrize("name", ["bodhi-images.yml", "bodhi-release.yml", "bodhi-bases.yml"])
def test_the_repositorys_own_workflows_follow_the_default(name: str) -> None:
    text = (ROOT / ".github" / "workflows" / name).read_text("utf-8")
    assert ("release-page" in text) == (name != "bodhi-bases.yml")
