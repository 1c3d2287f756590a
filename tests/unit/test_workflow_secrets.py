"""Secrets reach exactly the workflows that need them, under names that can exist; the rebuild can wait on approval."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from bodhi_gen.config.loader import parse_config
from bodhi_gen.plan.build import build_plan
from bodhi_gen.render.workflows import render_workflows
from tests.helpers import EXAMPLES, ROOT, render_files

SECRET_USE = re.compile(r"secrets\.([A-Za-z0-9_-]+)")
# what GitHub allows a repository secret's name to be
REPOSITORY_SECRET = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
CALLERS = ("bodhi-release.yml", "bodhi-bases.yml")
CONFIG = """
image: ghcr.io/acme/app
variants: [{name: cpu, base_image: ghcr.io/acme/base:cpu}]
modes: [{name: production, cargo_profile: release}]
release: {tag_patterns: {production: "v*"}}
"""


def workflows(config_path: Path | None) -> dict[str, str]:
    return {f.path.name: f.content for f in render_files("workflows", config_path, cwd=ROOT)}


def rendered(text: str) -> dict[str, str]:
    return {f.path.name: f.content for f in render_workflows(build_plan(parse_config(text, "test")), "test")}


def images_reads(files: dict[str, str]) -> set[str]:
    """The secrets of bodhi-images.yml's workflow_call that its jobs read."""
    images = files["bodhi-images.yml"]
    declared = set(yaml.safe_load(images)[True]["workflow_call"]["secrets"])
    return declared & set(SECRET_USE.findall(images.split("\njobs:\n", 1)[1]))


def passed(files: dict[str, str], caller: str) -> dict[str, str]:
    """The caller's ``secrets:`` to bodhi-images.yml: name -> the repository secret it passes."""
    jobs: dict[str, Any] = yaml.safe_load(files[caller])["jobs"]
    job = next(job for job in jobs.values() if job.get("uses") == "./.github/workflows/bodhi-images.yml")
    return {name: SECRET_USE.findall(value)[0] for name, value in job.get("secrets", {}).items()}


@pytest.mark.parametrize("caller", CALLERS)
def test_every_caller_passes_every_secret_the_images_workflow_reads(config_path: Path | None, caller: str) -> None:
    files = workflows(config_path)
    assert images_reads(files) <= set(passed(files, caller)), caller


def test_the_bases_rebuild_passes_the_mirror_passwords() -> None:
    files = workflows(EXAMPLES / "good" / "mirrors.yaml")
    secrets = passed(files, "bodhi-bases.yml")
    assert secrets["mirror-1-password"] == "DOCKERHUB_TOKEN"
    assert secrets["mirror-3-password"] == "QUAY_TOKEN"
    assert "mirror-2-password" not in secrets  # that mirror needs no login
    assert secrets == passed(files, "bodhi-release.yml")


def test_top_level_workflows_read_only_secrets_that_can_exist(config_path: Path | None) -> None:
    for name, text in workflows(config_path).items():
        if name == "bodhi-images.yml":
            continue  # a reusable workflow: its secrets are its workflow_call inputs
        for secret in SECRET_USE.findall(text):
            assert REPOSITORY_SECRET.fullmatch(secret), f"{name}: secrets.{secret} cannot be a repository secret"


def test_the_checkout_token_is_the_configured_secret_everywhere() -> None:
    files = rendered(CONFIG + "checkout: {token_secret: SUBMODULE_READER}\n")
    assert "token: ${{ secrets.SUBMODULE_READER || github.token }}" in files["bodhi-pr.yml"]
    for caller in CALLERS:
        assert passed(files, caller)["checkout-token"] == "SUBMODULE_READER"
    assert files["bodhi-images.yml"].count("token: ${{ secrets.checkout-token || github.token }}") == 2


def test_without_submodules_no_checkout_token_is_passed() -> None:
    files = rendered(CONFIG + "checkout: {submodules: false}\n")
    assert "BODHI_CHECKOUT_TOKEN" not in "".join(files.values())
    for caller in CALLERS:
        assert "checkout-token" not in passed(files, caller)


def test_an_environment_holds_the_rebuild_until_it_passes() -> None:
    bases = yaml.safe_load(rendered(CONFIG + "bases: {environment: publish}\n")["bodhi-bases.yml"])
    jobs = bases["jobs"]
    assert jobs["approve"]["environment"] == "publish"
    assert jobs["approve"]["permissions"] == {}
    assert jobs["approve"]["needs"] == "watch"
    assert jobs["rebuild"]["needs"] == ["watch", "approve"]
    plain = yaml.safe_load(rendered(CONFIG)["bodhi-bases.yml"])["jobs"]
    assert set(plain) == {"watch", "rebuild"}
    assert plain["rebuild"]["needs"] == "watch"
