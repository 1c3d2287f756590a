"""Release lines: more tag patterns, each building a few variants in a mode; the matrix, the selection of a
single unit and the release workflow all follow them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from bodhi_gen.config.loader import load_config
from bodhi_gen.errors import ConfigError, UsageError
from bodhi_gen.plan.release_lines import release_lines, resolve_release
from bodhi_gen.plan.selection import UnitSelection, resolve_target
from tests.helpers import render_files, run_cli

CONFIG = """\
variants:
  - {name: cpu, base_image: a/cpu:1, platforms: [linux/amd64, linux/arm64]}
  - {name: cuda, base_image: a/cuda:1, gpu: nvidia}
  - {name: multi-tenant, base_image: a/cpu:1, exec_variants: [cpu], exec_variant: cpu, port: 1135}
modes:
  - {name: production, cargo_profile: release}
  - {name: development, cargo_profile: dev, tag_suffix: -development}
release:
  tag_patterns: {production: docker/v*, development: docker-dev/v*}
  lines:
    - {pattern: docker-mt/v*, mode: production, variants: [multi-tenant]}
    - {pattern: docker-mt-dev/v*, mode: development, variants: [multi-tenant]}
"""


@pytest.fixture
def config(tmp_path: Path) -> Path:
    path = tmp_path / "bodhi-gen.yaml"
    path.write_text(CONFIG, "utf-8")
    return path


def matrix(config: Path, *args: str) -> dict[str, list[dict[str, object]]]:
    result = run_cli(["matrix", "--config", str(config), "--format", "json", *args])
    assert result.code == 0, result.err
    data: dict[str, list[dict[str, object]]] = json.loads(result.out)
    return data


def units(data: dict[str, list[dict[str, object]]]) -> list[tuple[object, ...]]:
    return [(u["variant"], u["mode"], u["platform"]) for u in data["units"]]


def test_a_line_tag_plans_exactly_its_variants_in_its_mode(config: Path) -> None:
    data = matrix(config, "--version", "docker-mt/v1.2.3")
    assert units(data) == [("multi-tenant", "production", "linux/amd64")]
    assert data["units"][0]["tags"] == [
        "ghcr.io/bodhisearch/bodhiapp:1.2.3-multi-tenant",
        "ghcr.io/bodhisearch/bodhiapp:latest-multi-tenant",
    ]
    assert [b["key"] for b in data["binaries"]] == ["binary-production-amd64"]
    dev = matrix(config, "--version", "refs/tags/docker-mt-dev/v1.2.3")
    assert units(dev) == [("multi-tenant", "development", "linux/amd64")]
    assert dev["units"][0]["tags"] == [
        "ghcr.io/bodhisearch/bodhiapp:1.2.3-multi-tenant-development",
        "ghcr.io/bodhisearch/bodhiapp:latest-multi-tenant-development",
    ]


def test_a_mode_tag_still_plans_every_variant(config: Path) -> None:
    data = matrix(config, "--version", "docker/v1.2.3")
    assert {u[0] for u in units(data)} == {"cpu", "cuda", "multi-tenant"}


def test_the_github_format_plans_the_line_too(config: Path) -> None:
    result = run_cli(["matrix", "--config", str(config), "--format", "github", "--version", "docker-mt/v2.0.0"])
    assert result.code == 0, result.err
    outputs = dict(line.split("=", 1) for line in result.out.splitlines())
    assert [u["variant"] for u in json.loads(outputs["build"])] == ["multi-tenant"]
    assert json.loads(outputs["merge"]) == [
        {"variant": "multi-tenant", "mode": "production", "platforms": "linux/amd64"}
    ]
    assert outputs["version"] == "2.0.0"


def test_a_selection_outside_the_line_is_a_usage_error(config: Path) -> None:
    result = run_cli(["matrix", "--config", str(config), "--version", "docker-mt/v1.2.3", "--variants", "cpu"])
    assert result.code == 2
    assert "release tag 'docker-mt/v1.2.3' builds only multi-tenant; the selection asks for cpu" in result.err
    with pytest.raises(UsageError, match="builds only multi-tenant"):
        resolve_target(UnitSelection(config, "cuda", "docker-mt/v1.2.3", platform="linux/amd64"))
    unit = resolve_target(UnitSelection(config, "multi-tenant", "docker-mt-dev/v1.0.0", platform="linux/amd64")).unit
    assert (unit.mode, unit.version) == ("development", "1.0.0")


def test_lines_resolve_and_name_their_tag(config: Path) -> None:
    loaded = load_config(config)
    assert [line.pattern for line in release_lines(loaded)] == [
        "docker/v*",
        "docker-dev/v*",
        "docker-mt/v*",
        "docker-mt-dev/v*",
    ]
    resolved = resolve_release("docker-mt/v1.2.3", loaded)
    assert resolved.line is not None
    assert (resolved.version, resolved.mode, resolved.line.variants) == ("1.2.3", "production", ("multi-tenant",))
    assert resolved.line.tag("1.2.4") == "docker-mt/v1.2.4"
    assert resolve_release("1.2.3", loaded).line is None
    with pytest.raises(UsageError, match="matches no release tag pattern"):
        resolve_release("docker-xx/v1.2.3", loaded)


@pytest.mark.parametrize(
    ("lines", "message"),
    [
        ("[{pattern: docker-mt/v*, mode: staging, variants: [cpu]}]", "release.lines[0].mode names unknown 'staging'"),
        (
            "[{pattern: docker-mt/v*, mode: production, variants: [gpu]}]",
            "release.lines[0].variants names unknown 'gpu'",
        ),
        ("[{pattern: docker/v*, mode: production, variants: [cpu]}]", "match the same tags"),
        ("[{pattern: docker/vx/v*, mode: production, variants: [cpu]}]", "match the same tags"),
        ("[{pattern: mt/v*, mode: production, variants: []}]", "release.lines[0].variants: must list at least 1 item"),
        ("[{pattern: mt/v*, mode: production, variants: [cpu, cpu]}]", "lists cpu twice"),
    ],
)
def test_bad_lines_are_refused(tmp_path: Path, lines: str, message: str) -> None:
    data = yaml.safe_load(CONFIG)
    data["release"]["lines"] = yaml.safe_load(lines)
    path = tmp_path / "bad.yaml"
    path.write_text(yaml.safe_dump(data), "utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert message in caught.value.message


def test_the_release_workflow_listens_to_every_line_and_takes_a_tag(config: Path) -> None:
    files = {str(f.path): f.content for f in render_files("workflows", config, cwd=config.parent)}
    release = yaml.safe_load(files[".github/workflows/bodhi-release.yml"])
    on = release[True]  # YAML 1.1 reads the key `on` as True
    assert on["push"]["tags"] == ["docker/v*", "docker-dev/v*", "docker-mt/v*", "docker-mt-dev/v*"]
    assert "# production: multi-tenant" in files[".github/workflows/bodhi-release.yml"]
    inputs = on["workflow_dispatch"]["inputs"]
    assert inputs["tag"]["required"] is False
    assert inputs["version"]["required"] is False
    called = release["jobs"]["images"]["with"]
    assert called["version"] == "${{ inputs.tag || inputs.version || github.ref_name }}"
    # a tag names its own mode: the mode input (a choice, never empty) must not narrow it
    assert called["modes"] == "${{ !inputs.tag && inputs.mode || '' }}"
