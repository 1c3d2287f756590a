"""What the generated release workflows do when a variant fails, and the release page job: release.publish
(succeeded: each unit on its own record; all: all or nothing), release.github_release, least privilege."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from bodhi_gen.commands.generate import render_files
from tests.helpers import ROOT

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
    release = generated["bodhi-release.yml"]
    page = release["jobs"]["release-page"]
    assert page["needs"] == "images"
    assert page["if"] == "${{ !cancelled() }}"
    assert page["permissions"] == {"contents": "write"}
    run = page["steps"][-1]["run"]
    assert run.startswith('bodhi-gen release-page --version "$VERSION" --mode "$MODE" --variants "$VARIANTS"')
    assert page["steps"][-1]["env"]["VARIANTS"] == "${{ inputs.variants || '' }}"
    assert page["steps"][-1]["env"]["GH_TOKEN"] == "${{ github.token }}"
    # no other job of the caller may write contents
    others = [job.get("permissions", {}) for name, job in release["jobs"].items() if name != "release-page"]
    assert all(p.get("contents") in (None, "read") for p in others)
    assert release["permissions"] == {}
    # every merge uploads what it published, for the page
    merge_steps = generated["bodhi-images.yml"]["jobs"]["merge"]["steps"]
    upload = next(s for s in merge_steps if s.get("name", "").startswith("Upload what was published"))
    assert upload["with"]["name"] == "published-${{ matrix.variant }}-${{ matrix.mode }}"


def test_no_release_page_when_turned_off(tmp_path: Path) -> None:
    generated = workflows(tmp_path, ", github_release: false")
    assert "release-page" not in generated["bodhi-release.yml"]["jobs"]
    merge_steps = generated["bodhi-images.yml"]["jobs"]["merge"]["steps"]
    assert not any(s.get("name", "").startswith("Upload what was published") for s in merge_steps)
    assert not any("--json >" in s.get("run", "") for s in merge_steps)


@pytest.mark.parametrize("name", ["bodhi-images.yml", "bodhi-release.yml"])
def test_the_repositorys_own_workflows_follow_the_default(name: str) -> None:
    text = (ROOT / ".github" / "workflows" / name).read_text("utf-8")
    assert ("release-page" in text) == (name == "bodhi-release.yml")
