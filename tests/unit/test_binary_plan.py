"""The app binary in the plan: one binary unit per (mode, platform), the builder image from the app's
pinned toolchain, and what the build, matrix and smoke commands do with it."""

from __future__ import annotations

import io
import json
import subprocess
from pathlib import Path
from unittest.mock import patch

import pytest

from bodhi_gen.build.steps import BuildInputs
from bodhi_gen.commands import build as build_command
from bodhi_gen.commands.build import BuildSettings
from bodhi_gen.config.loader import load_config
from bodhi_gen.docker.build import BuildOutcome, BuildRequest
from bodhi_gen.errors import ConfigError
from bodhi_gen.plan.build import build_plan
from bodhi_gen.plan.selection import UnitSelection, resolve_binary, resolve_target
from bodhi_gen.plan.toolchain import image_rust_version, read_channel, rust_image
from bodhi_gen.plan.units import BuildInfo, CacheSpec, Selection
from bodhi_gen.smoke.checks import MISSING_EXEC_SCRIPT, check_execs
from tests.helpers import ROOT, run_cli

TOOLCHAIN = '[toolchain]\nchannel = "1.93.0"\ncomponents = ["rustfmt"]\n'


def test_the_default_config_compiles_four_binaries_for_sixteen_images() -> None:
    plan = build_plan(load_config(), BuildInfo("1.2.3", "abc", "2026-01-02T03:04:05Z"))
    assert len(plan.binaries) == 4
    assert len(plan.units) == 16
    assert [b.key for b in plan.binaries] == [
        "binary-production-amd64",
        "binary-production-arm64",
        "binary-development-amd64",
        "binary-development-arm64",
    ]
    assert {u.binary for u in plan.units} == {b.key for b in plan.binaries}
    for unit in plan.units:
        assert plan.binary_of(unit).key == unit.binary == f"binary-{unit.mode}-{unit.arch}"
    binary = plan.binary("production", "linux/arm64")
    assert binary.dockerfile == "dockerfiles/binary.Dockerfile"
    assert binary.local_tag == "ghcr.io/bodhisearch/bodhiapp:binary-production-arm64"
    assert binary.cache_from == (CacheSpec("registry", "ghcr.io/bodhisearch/bodhiapp-cache:binary-production-arm64"),)
    assert binary.build_args == {
        "BODHI_BUILD_CREATED": "2026-01-02T03:04:05Z",
        "BODHI_COMMIT_SHA": "abc",
        "BODHI_VERSION": "1.2.3",
        "BUILD_VARIANT": "production",
        "CI_BUILD_TARGET": "aarch64-unknown-linux-gnu",
        "RUST_IMAGE": "rust:1.93.0-bookworm",
        "SOURCE_DATE_EPOCH": "1767323045",
    }
    assert binary.labels["io.bodhisearch.variant"] == "binary"
    assert binary.matrix_entry() == {
        "key": "binary-production-arm64",
        "mode": "production",
        "platform": "linux/arm64",
        "arch": "arm64",
        "runner": "ubuntu-24.04-arm",
        "qemu": False,
        "free-disk-space": False,
        "timeout-minutes": 90,
    }


def test_only_the_binaries_a_selection_builds() -> None:
    plan = build_plan(load_config(), selection=Selection(variants=("cuda",), modes=("development",)))
    assert [b.key for b in plan.binaries] == ["binary-development-amd64"]


def test_the_builder_follows_the_contexts_toolchain(tmp_path: Path) -> None:
    assert read_channel(tmp_path) is None
    (tmp_path / "rust-toolchain.toml").write_text(TOOLCHAIN.replace("1.93.0", "1.95.1"), "utf-8")
    assert read_channel(tmp_path) == "1.95.1"
    selection = UnitSelection(None, None, "1.0.0", platform="linux/amd64", commit="c", source_dir=tmp_path)
    binary = resolve_binary(selection).binary
    assert binary.build_args["RUST_IMAGE"] == "rust:1.95.1-bookworm"
    (tmp_path / "rust-toolchain.toml").write_text("[toolchain\n", "utf-8")
    with pytest.raises(ConfigError, match="cannot read the pinned Rust toolchain"):
        read_channel(tmp_path)


def test_a_configured_builder_older_than_the_pinned_channel_is_refused(tmp_path: Path) -> None:
    message = "app.rust_image rust:1.87-bookworm is older than the channel 1.93.0 pinned by rust-toolchain.toml"
    with pytest.raises(ConfigError, match=message):
        rust_image("rust:1.87-bookworm", "1.93.0")
    assert rust_image("rust:1.93-bookworm", "1.93.0") == "rust:1.93-bookworm", "1.93 names 1.93.0"
    assert rust_image("rust:1.94.0-slim", "1.93.0") == "rust:1.94.0-slim"
    assert rust_image("localhost:5000/builder:1.0", "1.93.0") == "localhost:5000/builder:1.0", "not a rust tag"
    assert rust_image("rust:latest", "1.93.0") == "rust:latest"
    assert rust_image(None, "stable") == "rust:1.93.0-bookworm", "only a numbered channel names an image"
    assert image_rust_version("docker.io/library/rust:1.80.1-alpine") == (1, 80, 1)
    # the same through the config, at plan time, exit 2
    config = tmp_path / "bodhi-gen.yaml"
    config.write_text(
        "variants: [{name: cpu, base_image: x/y:z}]\n"
        "modes: [{name: production, cargo_profile: release}]\n"
        "release: {tag_patterns: {production: docker/v*}}\n"
        "app: {rust_image: 'rust:1.87-bookworm'}\n",
        "utf-8",
    )
    (tmp_path / "rust-toolchain.toml").write_text(TOOLCHAIN, "utf-8")
    args = ["build", "--config", str(config), "--variant", "cpu", "--version", "1.0.0", "--dry-run"]
    result = run_cli([*args, "--context", str(tmp_path), "--commit", "c"])
    assert result.code == 2, result.err
    assert message in result.err


def test_build_binary_dry_run_and_its_usage_errors() -> None:
    base = ["build", "--version", "1.4.0", "--platform", "linux/arm64", "--dry-run", "--commit", "c"]
    result = run_cli([*base, "--binary", "--mode", "development"])
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert (data["variant"], data["mode"], data["platform"]) == ("binary", "development", "linux/arm64")
    assert data["dockerfile"] == "dockerfiles/binary.Dockerfile"
    assert data["build_args"]["RUST_IMAGE"] == "rust:1.93.0-bookworm"
    both = run_cli([*base, "--binary", "--variant", "cpu"])
    assert both.code == 2
    assert "give no --variant" in both.err
    neither = run_cli(base)
    assert neither.code == 2
    assert "give --variant (a variant image) or --binary" in neither.err


def test_a_variant_copies_the_named_recorded_or_local_binary(tmp_path: Path) -> None:
    base = ["build", "--variant", "cpu", "--version", "1.4.0", "--platform", "linux/amd64", "--dry-run"]
    local = json.loads(run_cli(base).out)
    # built first into an OCI layout folder (named by the binary's key in a dry run), read as a named context
    assert local["build_args"]["APP_BINARY_IMAGE"] == "app-binary"
    assert local["contexts"] == {"app-binary": "oci-layout://binary-production-amd64"}
    named = json.loads(run_cli([*base, "--binary-image", "reg/app@sha256:" + "a" * 64]).out)
    assert named["build_args"]["APP_BINARY_IMAGE"] == "reg/app@sha256:" + "a" * 64
    assert "contexts" not in named
    record = {
        "image": "ghcr.io/bodhisearch/bodhiapp",
        "variant": "binary",
        "mode": "production",
        "platform": "linux/amd64",
        "digest": "sha256:" + "b" * 64,
    }
    (tmp_path / "binary-production-amd64.json").write_text(json.dumps(record), "utf-8")
    recorded = json.loads(run_cli([*base, "--binary-digests", str(tmp_path)]).out)
    assert recorded["build_args"]["APP_BINARY_IMAGE"] == "ghcr.io/bodhisearch/bodhiapp@sha256:" + "b" * 64
    wrong_mode = run_cli([*base, "--mode", "development", "--binary-digests", str(tmp_path)])
    assert wrong_mode.code == 2
    assert "no digest file for binary/development on linux/amd64" in wrong_mode.err


def test_matrix_lists_the_binaries() -> None:
    table = run_cli(["matrix"]).out
    assert "binary-development-arm64  development  linux/arm64" in table
    assert table.rstrip().endswith(
        "4 binary build(s), 16 build unit(s), 14 multi-platform tag set(s) for ghcr.io/bodhisearch/bodhiapp"
    )
    outputs = dict(
        line.split("=", 1) for line in run_cli(["matrix", "--format", "github", "--version", "1.0.0"]).out.splitlines()
    )
    assert [entry["key"] for entry in json.loads(outputs["binary"])][:2] == [
        "binary-production-amd64",
        "binary-production-arm64",
    ]
    data = json.loads(run_cli(["matrix", "--format", "json"]).out)
    assert len(data["binaries"]) == 4
    assert {unit["binary"] for unit in data["units"]} == {b["key"] for b in data["binaries"]}


def test_smoke_checks_every_exec_variants_llama_server() -> None:
    unit = resolve_target(UnitSelection(None, "rocm", "1.0.0", platform="linux/amd64", commit="c")).unit
    assert unit.exec_paths == (
        "/app/bin/x86_64-unknown-linux-gnu/rocm/llama-server",
        "/app/bin/x86_64-unknown-linux-gnu/cpu/llama-server",
    )
    assert check_execs(unit.exec_paths, 0, "").passed
    missing = check_execs(unit.exec_paths, 0, "/app/bin/x86_64-unknown-linux-gnu/cpu/llama-server\n")
    assert not missing.passed
    assert missing.detail == (
        "missing or not executable: /app/bin/x86_64-unknown-linux-gnu/cpu/llama-server (declared exec variants)"
    )
    assert not check_execs(unit.exec_paths, 126, "sh: not found").passed


def test_the_missing_exec_script_lists_absent_and_unexecutable_files(tmp_path: Path) -> None:
    ok, plain = tmp_path / "ok", tmp_path / "plain"
    ok.write_text("#!/bin/sh\n")
    ok.chmod(0o755)
    plain.write_text("x")
    paths = [str(ok), str(plain), str(tmp_path / "absent")]
    done = subprocess.run(["sh", "-c", MISSING_EXEC_SCRIPT, "sh", *paths], capture_output=True, text=True, check=True)
    assert done.stdout.splitlines() == paths[1:]


def test_build_writes_the_binary_as_an_oci_layout_and_the_variant_reads_it_as_a_named_context(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(ROOT)
    requests: list[BuildRequest] = []

    def fake_build(client: object, request: BuildRequest, metadata: Path | None, err: object) -> BuildOutcome:
        requests.append(request)
        if request.output == "oci":
            assert request.oci_dir is not None
            assert request.oci_dir.parent.is_dir(), "the scratch folder exists while the binary is built"
        return BuildOutcome("sha256:" + "c" * 64, None, 3, 0, 1.0, {})

    selection = UnitSelection(None, "cpu", "1.4.0", platform="linux/amd64", cache="none")
    settings = BuildSettings(selection, BuildInputs(context=ROOT))
    with patch.object(build_command, "build_unit", fake_build):
        assert build_command.run(settings, io.StringIO(), io.StringIO(), object) == 0  # type: ignore[arg-type]
    binary, variant = requests
    assert (binary.output, binary.image_key, binary.contexts) == ("oci", "binary-production-amd64", {})
    assert binary.dockerfile == Path("dockerfiles/binary.Dockerfile")
    assert binary.oci_dir is not None
    assert binary.oci_dir.name == "binary-production-amd64"
    assert (variant.output, variant.image_key) == ("load", "cpu-production-amd64")
    assert variant.build_args["APP_BINARY_IMAGE"] == "app-binary"
    assert variant.contexts == {"app-binary": binary.oci_dir}
    assert not binary.oci_dir.parent.exists(), "the scratch folder is removed after the build"
