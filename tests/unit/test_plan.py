"""The plan: units, tags, build args, cache refs and selections for the embedded default."""

from __future__ import annotations

import json

import pytest

from bodhi_gen.config.loader import load_config
from bodhi_gen.errors import ConfigError, UsageError
from bodhi_gen.plan.build import build_plan
from bodhi_gen.plan.units import BuildInfo, CacheSpec, Selection
from bodhi_gen.versions import resolve_version
from tests.helpers import EXAMPLES, run_cli

PATTERNS = {"production": "docker/v*", "development": "docker-dev/v*"}


def test_default_matrix_shape() -> None:
    plan = build_plan(load_config())
    combos = {(u.variant, u.mode, u.platform) for u in plan.units}
    # seven images: cpu on two platforms, six amd64 only, each in two modes
    assert len(combos) == len(plan.units) == 16
    for unit in plan.units:
        if unit.variant == "cpu":
            continue
        assert unit.platform == "linux/amd64"
    assert {u.platform for u in plan.units if u.variant == "cpu"} == {"linux/amd64", "linux/arm64"}
    assert {u.runner for u in plan.units if u.arch == "arm64"} == {"ubuntu-24.04-arm"}
    assert not plan.uses_qemu


def test_unit_details() -> None:
    plan = build_plan(load_config(), BuildInfo("1.2.3", "abc123", "2026-01-02T03:04:05Z"))
    unit = plan.unit("cuda", "development", "linux/amd64")
    assert unit.tags == (
        "ghcr.io/bodhisearch/bodhiapp:1.2.3-cuda-development",
        "ghcr.io/bodhisearch/bodhiapp:latest-cuda-development",
    )
    assert unit.build_args["BODHI_VERSION"] == "1.2.3"
    assert unit.build_args["BUILD_VARIANT"] == "development"
    assert unit.build_args["CI_BUILD_TARGET"] == "x86_64-unknown-linux-gnu"
    assert unit.build_args["CI_BUILD_VARIANTS"] == "cuda,cpu"
    assert unit.build_args["CI_EXEC_NAME"] == "llama-server"
    assert unit.cache_from == (CacheSpec("registry", "ghcr.io/bodhisearch/bodhiapp-cache:cuda-development-amd64"),)
    assert unit.device_flags == ("--gpus", "all")
    assert unit.labels["org.opencontainers.image.created"] == "2026-01-02T03:04:05Z"
    cpu = plan.unit("cpu", "production", "linux/arm64")
    assert cpu.tags[0].endswith(":1.2.3-cpu")
    assert cpu.target == "aarch64-unknown-linux-gnu"
    assert cpu.run_flags == ()
    # cuda's args lock the model in memory (--mlock): the container needs an unlimited memlock
    assert unit.run_flags == ("--ulimit", "memlock=-1:-1")
    assert len({u.cache_from for u in plan.units}) == len(plan.units), "one cache ref per unit"


def test_selection_and_errors() -> None:
    config = load_config()
    plan = build_plan(config, selection=Selection(variants=("cpu",), modes=("production",)))
    assert [(u.variant, u.platform) for u in plan.units] == [("cpu", "linux/amd64"), ("cpu", "linux/arm64")]
    assert [m.platforms for m in plan.merges] == [("linux/amd64", "linux/arm64")]
    with pytest.raises(UsageError, match="unknown variant 'metal'"):
        build_plan(config, selection=Selection(variants=("metal",)))
    with pytest.raises(ConfigError, match="empty matrix"):
        build_plan(config, selection=Selection(variants=("cuda",), platforms=("linux/arm64",)))


@pytest.mark.parametrize(
    ("raw", "version", "mode"),
    [
        ("1.2.3", "1.2.3", None),
        ("v1.2.3", "1.2.3", None),
        ("docker/v1.2.3", "1.2.3", "production"),
        ("refs/tags/docker-dev/v0.1.0-rc.1", "0.1.0-rc.1", "development"),
    ],
)
def test_resolve_version(raw: str, version: str, mode: str | None) -> None:
    resolved = resolve_version(raw, PATTERNS)
    assert (resolved.version, resolved.mode_from_tag) == (version, mode)


@pytest.mark.parametrize("raw", ["1.2", "release/v1.2.3", "docker/v1.2.3+build", "latest", "01.2.3"])
def test_bad_versions(raw: str) -> None:
    with pytest.raises(UsageError):
        resolve_version(raw, PATTERNS)


def test_matrix_json_cli() -> None:
    result = run_cli(["matrix", "--format", "json"])
    assert result.code == 0, result.err
    units = json.loads(result.out)["units"]
    assert len(units) == 16
    assert all({"variant", "mode", "platform"} <= set(unit) for unit in units)
    assert {u["variant"] for u in units} == {"cpu", "cuda", "rocm", "vulkan", "intel", "musa", "multi-tenant"}
    assert {u["mode"] for u in units} == {"production", "development"}


def test_matrix_github_output_from_release_tag() -> None:
    result = run_cli(["matrix", "--format", "github", "--version", "docker-dev/v2.0.1", "--commit", "f00"])
    assert result.code == 0, result.err
    outputs = dict(line.split("=", 1) for line in result.out.splitlines())
    assert outputs["version"] == "2.0.1"
    assert {entry["mode"] for entry in json.loads(outputs["build"])} == {"development"}
    assert json.loads(outputs["merge"])[0] == {
        "mode": "development",
        "platforms": "linux/amd64,linux/arm64",
        "variant": "cpu",
    }


def test_matrix_rejects_conflicting_mode_and_unknown_variant() -> None:
    conflict = run_cli(["matrix", "--version", "docker/v1.0.0", "--modes", "development"])
    assert conflict.code == 2
    assert "builds mode 'production'" in conflict.err
    unknown = run_cli(["matrix", "--variants", "cpu,metal"])
    assert unknown.code == 2
    assert "unknown variant 'metal'" in unknown.err
    assert "Traceback" not in unknown.err + conflict.err


def test_matrix_table_qemu_fallback() -> None:
    result = run_cli(["matrix", "--config", str(EXAMPLES / "good" / "private-qemu.yaml")])
    assert result.code == 0, result.err
    arm = [line for line in result.out.splitlines() if "linux/arm64" in line]
    assert arm
    assert all("yes" in line.split() for line in arm)
