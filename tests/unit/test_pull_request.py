"""The pull-request workflow: what it builds (pull_request.variants/modes/platforms), which changes run it
(pull_request.paths: a docs-only change runs nothing), and the app compiled once per (mode, platform)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from bodhi_gen.config.loader import load_config
from bodhi_gen.plan.pull_request import pull_request_plan
from tests.helpers import render_files, run_cli


def glob_re(pattern: str) -> re.Pattern[str]:
    """GitHub's filter pattern syntax: ``**`` any path, ``*`` anything but ``/``, ``?`` one character."""
    out = ""
    index = 0
    while index < len(pattern):
        if pattern.startswith("**", index):
            out += ".*"
            index += 2
        elif pattern[index] == "*":
            out += "[^/]*"
            index += 1
        elif pattern[index] == "?":
            out += "[^/]"
            index += 1
        else:
            out += re.escape(pattern[index])
            index += 1
    return re.compile(out)


def triggers(paths: list[str], changed: list[str]) -> bool:
    """Whether a push changing ``changed`` runs a workflow filtered by ``paths`` (the last matching pattern wins)."""

    def included(name: str) -> bool:
        keep = False
        for pattern in paths:
            negated = pattern.startswith("!")
            if glob_re(pattern.removeprefix("!")).fullmatch(name):
                keep = not negated
        return keep

    return any(included(name) for name in changed)


def pr_workflow(config: Path | None, cwd: Path) -> dict[Any, Any]:
    files = {f.path.name: f.content for f in render_files("workflows", config, cwd=cwd)}
    data: dict[Any, Any] = yaml.safe_load(files["bodhi-pr.yml"])
    return data


@pytest.mark.parametrize(
    ("changed", "runs"),
    [
        (["docs/images.md"], False),
        (["README.md", "docs/release.md"], False),
        ([".github/workflows/other.yml"], False),
        (["crates/bodhi/src/app.tsx"], True),
        (["crates/lib_bodhiserver/src/lib.rs"], True),
        (["Cargo.lock"], True),
        (["ts-client/package.json"], True),
        (["openapi.json"], True),
        (["dockerfiles/cpu.Dockerfile"], True),
        ([".github/bodhi-gen.yaml"], True),
        (["async-openai"], False),  # the submodule's gitlink itself is a file named async-openai
        (["async-openai/async-openai/src/lib.rs"], True),
        (["docs/x.md", "Cargo.toml"], True),
    ],
)
def test_the_default_runs_only_for_a_build_input(tmp_path: Path, changed: list[str], runs: bool) -> None:
    paths = pr_workflow(None, tmp_path)[True]["pull_request"]["paths"]  # YAML 1.1 reads `on` as True
    assert triggers(paths, changed) is runs


def test_the_default_builds_cpu_in_every_mode_on_amd64(tmp_path: Path) -> None:
    plan = pull_request_plan(load_config(cwd=tmp_path))
    assert plan.selection.variants == ("cpu",)
    assert plan.selection.modes == ()
    assert plan.selection.platforms == ("linux/amd64",)
    step = pr_workflow(None, tmp_path)["jobs"]["plan"]["steps"][-1]
    assert step["env"]["VARIANTS"] == "cpu"
    assert step["env"]["PLATFORMS"] == "linux/amd64"
    assert '--variants "$VARIANTS" --modes "$MODES" --platforms "$PLATFORMS"' in step["run"]


def test_each_mode_and_platform_compiles_once(tmp_path: Path) -> None:
    """The binary job compiles (an OCI layout, uploaded); every build job of its (mode, platform) reads it."""
    config = tmp_path / "bodhi-gen.yaml"
    config.write_text(
        "variants: [{name: cpu, base_image: a/b:1},"
        " {name: lite, base_image: a/b:1, exec_variants: [cpu], exec_variant: cpu}]\n"
        "modes: [{name: production, cargo_profile: release},"
        " {name: development, cargo_profile: dev, tag_suffix: -dev}]\n"
        "release: {tag_patterns: {production: docker/v*, development: docker-dev/v*}}\n"
        "pull_request: {variants: [cpu, lite], modes: [production], paths: ['crates/**', '!crates/docs/**']}\n",
        "utf-8",
    )
    workflow = pr_workflow(config, tmp_path)
    assert workflow[True]["pull_request"]["paths"] == ["crates/**", "!crates/docs/**"]
    binary = workflow["jobs"]["binary"]
    assert "--binary" in binary["steps"][-2]["run"]
    assert "--layout-dir" in binary["steps"][-2]["run"]
    assert binary["steps"][-1]["with"]["name"] == "${{ matrix.key }}"
    build = workflow["jobs"]["build"]
    assert build["needs"] == ["plan", "binary"]
    action = next(s for s in build["steps"] if s.get("name", "").startswith("Build and smoke-test"))
    assert action["with"]["binary-layouts"] == "${{ format('{0}/binaries', runner.temp) }}"
    assert action["with"]["push"] is False
    env = workflow["jobs"]["plan"]["steps"][-1]["env"]
    outputs = run_cli(
        [
            *("matrix", "--config", str(config), "--format", "github", "--version", "0.0.0-pr.1"),
            *("--variants", env["VARIANTS"], "--modes", env["MODES"], "--platforms", env["PLATFORMS"]),
        ]
    )
    assert outputs.code == 0, outputs.err
    values = dict(line.split("=", 1) for line in outputs.out.splitlines())
    assert [b["key"] for b in json.loads(values["binary"])] == ["binary-production-amd64"]
    assert [u["variant"] for u in json.loads(values["build"])] == ["cpu", "lite"]


@pytest.mark.parametrize(
    ("pull_request", "message"),
    [
        ("{variants: [gpu]}", "pull_request.variants names unknown 'gpu'"),
        ("{modes: [nightly]}", "pull_request.modes names unknown 'nightly'"),
        ("{variants: [cpu], platforms: [linux/arm64]}", "pull_request.platforms names unknown 'linux/arm64'"),
        ("{paths: ['/etc/passwd']}", "is not a relative path or glob"),
        ("{paths: ['a b']}", "is not a relative path or glob"),
    ],
)
def test_bad_selections_are_refused(tmp_path: Path, pull_request: str, message: str) -> None:
    config = tmp_path / "bodhi-gen.yaml"
    config.write_text(
        "variants: [{name: cpu, base_image: a/b:1}]\nmodes: [{name: production, cargo_profile: release}]\n"
        f"release: {{tag_patterns: {{production: docker/v*}}}}\npull_request: {pull_request}\n",
        "utf-8",
    )
    result = run_cli(["matrix", "--config", str(config)])
    assert result.code == 2
    assert message in result.err


def test_build_writes_and_reads_binary_layouts(tmp_path: Path) -> None:
    """`build --binary --layout-dir` writes an OCI layout; `--binary-layouts` hands it to a variant as the named
    context app-binary (dry runs: the plan of what would be built)."""
    unit = ("--mode", "production", "--platform", "linux/amd64", "--version", "1.0.0", "--dry-run")
    written = run_cli(["build", "--binary", *unit, "--layout-dir", str(tmp_path / "out")])
    assert written.code == 0, written.err
    assert json.loads(written.out)["output"] == "oci"
    missing = run_cli(["build", "--variant", "cpu", *unit, "--binary-layouts", str(tmp_path)])
    assert missing.code == 2
    assert "no OCI layout of the app binary binary-production-amd64" in missing.err
    (tmp_path / "binary-production-amd64").mkdir()
    (tmp_path / "binary-production-amd64" / "index.json").write_text("{}", "utf-8")
    read = run_cli(["build", "--variant", "cpu", *unit, "--binary-layouts", str(tmp_path)])
    assert read.code == 0, read.err
    planned = json.loads(read.out)
    assert planned["build_args"]["APP_BINARY_IMAGE"] == "app-binary"
    assert planned["contexts"] == {"app-binary": f"oci-layout://{tmp_path / 'binary-production-amd64'}"}
    both = run_cli(["build", "--variant", "cpu", *unit, "--binary-layouts", str(tmp_path), "--binary-image", "x/y:z"])
    assert both.code == 2
    assert "give one" in both.err
