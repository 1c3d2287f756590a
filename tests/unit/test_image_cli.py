"""The image commands' CLI wiring: every option documented, and the plan they resolve (--dry-run, no engine)."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import click
import pytest

from bodhi_gen.cli.image_cmd import build, publish, smoke
from bodhi_gen.plan.contract import DOWNLOAD_SECRET_ID
from tests.helpers import ROOT, run_cli

COMMANDS = {"build": build, "smoke": smoke, "publish": publish}
BUILD = ["build", "--variant", "cpu", "--version", "docker/v1.4.0", "--platform", "linux/amd64", "--dry-run"]


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_help_documents_every_option(name: str) -> None:
    command = COMMANDS[name]
    assert command.help
    for param in command.params:
        if isinstance(param, click.Option):
            assert param.help, f"{name} {param.opts[0]} has no help text"
    result = run_cli([name, "--help"])
    assert result.code == 0, result.err
    for param in command.params:
        if isinstance(param, click.Option):
            for opt in param.opts:
                assert opt in result.out, f"{opt} missing from `{name} --help`"


def test_build_dry_run_resolves_the_plan_unit() -> None:
    result = run_cli([*BUILD, "--commit", "a" * 40, "--created", "2025-01-02T03:04:05Z"])
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert data["planned_tags"] == [
        "ghcr.io/bodhisearch/bodhiapp:1.4.0-cpu",
        "ghcr.io/bodhisearch/bodhiapp:latest-cpu",
    ]
    assert data["output"] == "load"
    assert data["dockerfile"] == "dockerfiles/cpu.Dockerfile"
    assert data["build_args"]["BODHI_VERSION"] == "1.4.0"
    assert data["build_args"]["BUILD_VARIANT"] == "production"
    assert data["labels"]["org.opencontainers.image.revision"] == "a" * 40
    assert data["labels"]["org.opencontainers.image.created"] == "2025-01-02T03:04:05Z"
    assert data["cache_from"] == ["type=registry,ref=ghcr.io/bodhisearch/bodhiapp-cache:cpu-production-amd64"]
    assert data["secret_ids"] == []


def test_build_overrides_image_cache_build_args_and_passes_the_token_as_a_secret(tmp_path: Path) -> None:
    outputs = tmp_path / "out.txt"
    result = run_cli(
        [
            *BUILD,
            "--image", "127.0.0.1:5000/owner/app",
            "--build-arg", "BASE_IMAGE=local/base:cpu",
            "--build-arg", "BODHI_VERSION=overridden",
            "--download-token-env", "MY_TOKEN",
            "--push-by-digest",
            "--github-output", str(outputs),
        ],
        env={"MY_TOKEN": "s3cret-value"},
    )  # fmt: skip
    assert result.code == 0, result.err
    assert "s3cret-value" not in result.out
    data = json.loads(result.out)
    assert data["output"] == "push-by-digest"
    assert data["tags"] == []
    assert data["build_args"]["BASE_IMAGE"] == "local/base:cpu"
    assert data["build_args"]["BODHI_VERSION"] == "overridden"
    assert data["cache_to"] == [
        "type=registry,ref=127.0.0.1:5000/owner/app-cache:cpu-production-amd64,mode=max,ignore-error=true"
    ]
    assert data["secret_ids"] == [DOWNLOAD_SECRET_ID]
    lines = outputs.read_text().splitlines()
    assert "registry=127.0.0.1:5000" in lines
    assert "tags=127.0.0.1:5000/owner/app:1.4.0-cpu,127.0.0.1:5000/owner/app:latest-cpu" in lines


def test_build_without_the_token_passes_no_secret() -> None:
    result = run_cli([*BUILD, "--download-token-env", "MY_TOKEN", "--cache", "none"], env={"MY_TOKEN": ""})
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert data["secret_ids"] == []
    assert data["cache_from"] == []
    assert data["cache_to"] == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--mode", "development"], "builds mode 'production', but --mode is 'development'"),
        (["--build-arg", "NOEQUALS"], "--build-arg 'NOEQUALS' is not KEY=VALUE"),
        (["--dockerfile", "missing.Dockerfile"], "Dockerfile missing.Dockerfile not found"),
        (["--image", "Not A Repo"], "--image/--cache"),
    ],
)
def test_build_usage_errors_exit_2(args: list[str], message: str) -> None:
    result = run_cli([*BUILD, *args])
    assert result.code == 2
    assert message in result.err


def test_variant_platform_mismatch_is_a_usage_error() -> None:
    result = run_cli(["build", "--variant", "cuda", "--version", "1.0.0", "--platform", "linux/arm64", "--dry-run"])
    assert result.code == 2
    assert "variant 'cuda' does not build linux/arm64 (its platforms: linux/amd64)" in result.err


def test_commit_and_created_default_to_git(git_repo: Path) -> None:
    (git_repo / "dockerfiles").mkdir()
    (git_repo / "dockerfiles" / "cpu.Dockerfile").write_text((ROOT / "dockerfiles" / "cpu.Dockerfile").read_text())
    env = {"GIT_AUTHOR_DATE": "2024-05-06T07:08:09+02:00", "GIT_COMMITTER_DATE": "2024-05-06T07:08:09+02:00"}
    for command in (["add", "."], ["-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "x"]):
        subprocess.run(["git", "-C", str(git_repo), *command], check=True, env={**os.environ, **env})
    result = run_cli([*BUILD, "--context", "."], cwd=git_repo)
    assert result.code == 0, result.err
    labels = json.loads(result.out)["labels"]
    assert len(labels["org.opencontainers.image.revision"]) == 40
    assert labels["org.opencontainers.image.created"] == "2024-05-06T05:08:09Z"
