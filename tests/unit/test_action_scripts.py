"""The action's shell steps without an engine: the plan step, and how inputs become bodhi-gen options."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT

SCRIPTS = ROOT / "scripts" / "action"


def bash(script: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    path = f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"
    return subprocess.run(
        ["bash", "-c", script],
        cwd=ROOT,
        env={"PATH": path, "HOME": os.environ.get("HOME", "/tmp"), **env},
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def test_plan_step_writes_the_units_outputs(tmp_path: Path) -> None:
    output = tmp_path / "output"
    env = {"VARIANT": "cpu", "VERSION": "docker-dev/v1.0.0", "PLATFORMS": "", "GITHUB_OUTPUT": str(output)}
    done = bash(f'bash "{SCRIPTS / "plan.sh"}"', env)
    assert done.returncode == 0, done.stderr
    values = dict(line.split("=", 1) for line in output.read_text().splitlines())
    assert values["registry"] == "ghcr.io"
    assert values["mode"] == "development"
    assert values["tags"] == (
        "ghcr.io/bodhisearch/bodhiapp:1.0.0-cpu-development,ghcr.io/bodhisearch/bodhiapp:latest-cpu-development"
    )


def test_inputs_become_options_without_word_splitting() -> None:
    script = f"""
        source "{SCRIPTS / "options.sh"}"
        printf '<%s>' "${{unit_opts[@]}}"; echo
        printf '<%s>' "${{build_opts[@]}}"; echo
        split_platforms "$PLATFORMS" | paste -sd' '
        split_platforms "" | wc -l
    """
    env = {
        "VARIANT": "cpu",
        "VERSION": "1.0.0",
        "MODE": "production",
        "IMAGE": "ghcr.io/o/app",
        "CONFIG": "my config.yaml",
        "CONTEXT": "src dir",
        "CACHE": "none",
        "BUILD_ARGS": "BASE_IMAGE=mirror/llama:cpu\n\nNOTE=two words\n",
        "PLATFORMS": "linux/amd64, linux/arm64",
    }
    done = bash(script, env)
    assert done.returncode == 0, done.stderr
    unit, build, platforms, empty = done.stdout.splitlines()
    assert unit == (
        "<--variant><cpu><--version><1.0.0><--config><my config.yaml><--mode><production><--image><ghcr.io/o/app>"
    )
    assert build == (
        "<--context><src dir><--cache><none><--build-arg><BASE_IMAGE=mirror/llama:cpu><--build-arg><NOTE=two words>"
    )
    assert platforms == "linux/amd64 linux/arm64"
    assert empty.strip() == "0"


def test_missing_required_inputs_stop_the_step() -> None:
    done = bash(f'source "{SCRIPTS / "options.sh"}"', {"VERSION": "1.0.0"})
    assert done.returncode != 0
    assert "the variant input is required" in done.stderr
