"""``bodhi-gen makefile``: snapshots, drift, and the generated Makefile run by make itself (``make -n``, ``help``,
and a ``--dry-run`` build that must resolve the same unit as ``bodhi-gen build``)."""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from syrupy.assertion import SnapshotAssertion

from bodhi_gen.config.loader import load_config
from tests.helpers import GOOD_CONFIGS, ROOT, render_files, run_cli

CONFIGS = [None, *GOOD_CONFIGS]
IDS = ["default", *(p.stem for p in GOOD_CONFIGS)]
MAKEFILE = ROOT / "devops" / "Makefile"
BODHI_GEN = f"{shlex.quote(sys.executable)} -m bodhi_gen"
# the device flags of each run target, and the memlock ulimit where its variant's args use --mlock
DEVICE_FLAGS = {
    "run.cpu": "",
    "run.cuda": "--gpus all --ulimit memlock=-1:-1",
    "run.rocm": "--device /dev/kfd --device /dev/dri --group-add video",
    "run.vulkan": "--device /dev/dri",
    "run.intel": "--device /dev/dri --ulimit memlock=-1:-1",
    "run.musa": "--device /dev/musa --ulimit memlock=-1:-1",
}


def makefiles(config: Path | None) -> dict[str, str]:
    return {str(f.path): f.content for f in render_files("makefile", config, cwd=ROOT)}


def generated(config: Path | None, root: Path) -> Path:
    """The Makefile (and include) for ``config`` written under ``root``; returns devops/Makefile."""
    for item in render_files("makefile", config, cwd=ROOT):
        target = root / item.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(item.content, "utf-8")
    return root / "devops" / "Makefile"


def make(*args: str, cwd: Path = ROOT, check: bool = True) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MAKE", "MFLAGS"))}
    done = subprocess.run(
        ["make", "--no-print-directory", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    if check:
        assert done.returncode == 0, f"make {' '.join(args)}:\n{done.stdout}{done.stderr}"
    return done.stdout


def defined_targets(text: str) -> list[str]:
    """Names of the explicit rules (not variables, target-specific ones included, not file targets named by a
    variable)."""
    return re.findall(r"^([A-Za-z][\w.-]*):(?!=)(?! *[A-Z_]+ *[:?+]?= )", text, flags=re.MULTILINE)


def phony(text: str) -> list[str]:
    block = re.search(r"^\.PHONY:((?:.*\\\n)*.*)$", text, flags=re.MULTILINE)
    assert block is not None
    return block.group(1).replace("\\\n", " ").split()


# the default config's files are committed and drift-checked: the snapshots guard the other configs
@pytest.mark.parametrize("config", GOOD_CONFIGS, ids=[p.stem for p in GOOD_CONFIGS])
def test_makefile_snapshots(config: Path, snapshot: SnapshotAssertion) -> None:
    assert makefiles(config) == snapshot


def test_the_committed_files_are_current() -> None:
    result = run_cli(["makefile", "--check"])
    assert result.code == 0, result.out + result.err


def test_check_names_an_edited_makefile(tmp_path: Path) -> None:
    assert run_cli(["makefile", "--out", str(tmp_path)]).code == 0
    assert run_cli(["makefile", "--out", str(tmp_path), "--check"]).code == 0
    path = tmp_path / "devops" / "Makefile"
    path.write_text(path.read_text("utf-8").replace(",development)\n", ",production)\n"), "utf-8")
    result = run_cli(["makefile", "--out", str(tmp_path), "--check"])
    assert result.code == 1
    assert "devops/Makefile (differs)" in result.err


@pytest.mark.parametrize("config", CONFIGS, ids=IDS)
def test_phony_lists_exactly_the_defined_targets(config: Path | None, tmp_path: Path) -> None:
    text = generated(config, tmp_path).read_text("utf-8")
    assert phony(text) == defined_targets(text)
    assert not re.search(r"^ +\S", text, flags=re.MULTILINE), "recipes must be indented with tabs"


@pytest.mark.parametrize("config", CONFIGS, ids=IDS)
def test_targets_follow_the_plan(config: Path | None, tmp_path: Path) -> None:
    plan_config = load_config(config, ROOT)
    targets = set(defined_targets(generated(config, tmp_path).read_text("utf-8")))
    expected = {"help", "run", "list-images", "clean", "binary"}
    for variant in plan_config.variants:
        expected |= {f"binary.{p.split('/')[1]}" for p in variant.platforms}
        expected |= {f"build.{variant.name}", f"smoke.{variant.name}", f"run.{variant.name}"}
        expected |= {f"build.{variant.name}.{p.split('/')[1]}" for p in variant.platforms}
    if any(v.gpu == "none" for v in plan_config.variants):
        expected.add("build.all.cpu")
    if any(v.gpu != "none" for v in plan_config.variants):
        expected.add("build.all.gpu")
    # BodhiApp's own names: dev.<variant>[.<arch>] and prod.<variant>[.<arch>] (test_makefile_aliases.py)
    for short, mode in (("dev", "development"), ("prod", "production")):
        if mode in [m.name for m in plan_config.modes]:
            expected |= {alias.replace("build.", f"{short}.", 1) for alias in expected if alias.startswith("build.")}
            expected.discard(f"{short}.all.cpu")
            expected.discard(f"{short}.all.gpu")
    assert targets == expected


def test_help_is_the_default_goal_and_lists_every_target() -> None:
    out = make("-f", str(MAKEFILE))
    listed = [line.split()[0] for line in out.splitlines() if line.startswith("  ")]
    for target in phony(MAKEFILE.read_text("utf-8")):
        assert target in listed, f"`make help` does not list {target}"
    assert "bodhiapp:local-cpu-development" in out
    assert "bodhiapp:local-cpu-production" in make("-f", str(MAKEFILE), "help", "MODE=production")


def test_group_targets_build_cpu_and_gpu_variants() -> None:
    out = make("-n", "-f", str(MAKEFILE), "build.all.gpu", f"BODHI_GEN={BODHI_GEN}")
    variants = re.findall(r"--variant (\S+)", out)
    assert variants == ["cuda", "rocm", "vulkan", "intel", "musa"]
    out = make("-n", "-f", str(MAKEFILE), "build.all.cpu")
    assert re.findall(r"--variant (\S+)", out) == ["cpu", "multi-tenant"]


@pytest.mark.parametrize("target", sorted(DEVICE_FLAGS))
def test_run_targets_pass_device_flags_ulimits_mounts_and_key(target: str, tmp_path: Path) -> None:
    out = make("-n", "-f", str(MAKEFILE), target, f"DATA_DIR={tmp_path}").replace("\\\n", " ")
    run_line = next(line for line in out.splitlines() if " run --rm" in line)
    assert DEVICE_FLAGS[target] in run_line
    variant = target.split(".")[1]
    assert run_line.split()[-1] == f"bodhiapp:local-{variant}-development"
    assert "-p 8080:8080" in run_line
    assert f"-v {tmp_path}/bodhi_home:/data/bodhi_home" in run_line
    assert f"-v {tmp_path}/hf_home:/data/hf_home" in run_line
    assert "-e BODHI_ENCRYPTION_KEY" in run_line
    for other, flags in DEVICE_FLAGS.items():
        if other != target and flags not in DEVICE_FLAGS[target]:
            assert flags not in run_line
    assert not list(tmp_path.iterdir()), "make -n must not create anything"


def test_run_uses_the_variant_variable() -> None:
    out = make("-n", "-f", str(MAKEFILE), "run", "VARIANT=cuda", "DATA_DIR=/nonexistent/data")
    assert "--gpus all" in out
    assert "bodhiapp:local-cuda-development" in out


def test_delegation_and_direct_use_give_the_same_commands(tmp_path: Path) -> None:
    direct = make("-n", "-f", "devops/Makefile", "smoke.cpu", "build.cuda.amd64")
    in_folder = make("-n", "-C", "devops", "smoke.cpu", "build.cuda.amd64")
    (tmp_path / "Makefile").write_text(f"include {ROOT}/bodhi-docker.mk\n", "utf-8")
    delegated = make("-n", "docker.smoke.cpu", "docker.build.cuda.amd64", cwd=tmp_path)
    assert direct == in_folder
    assert [line for line in delegated.splitlines() if not line.startswith("make")] == direct.splitlines()
    assert f"--context {ROOT} " in direct
    assert f"--dockerfile {ROOT}/dockerfiles/cpu.Dockerfile" in direct
    assert "--platform linux/amd64 \\" in direct
    assert "--image-ref bodhiapp:local-cpu-development" in direct


def test_make_build_resolves_the_same_unit_as_bodhi_gen_build() -> None:
    """``make build.cpu`` and ``bodhi-gen build`` of that unit: the same labels and build args, local tag."""
    common = ["--variant", "cpu", "--mode", "development", "--version", "0.0.0-local", "--cache", "none"]
    direct = run_cli(["build", *common, "--dry-run"])
    assert direct.code == 0, direct.err
    via_make = make(
        "-s", "-f", str(MAKEFILE), "build.cpu", "MODE=development", f"BODHI_GEN={BODHI_GEN}", "BUILD_ARGS=--dry-run"
    )
    decoder = json.JSONDecoder()
    binary, end = decoder.raw_decode(via_make)
    ours, theirs = decoder.raw_decode(via_make[end:].lstrip())[0], json.loads(direct.out)
    assert binary["variant"] == "binary"
    assert binary["tags"] == ["bodhiapp:local-binary-development"]
    assert binary["dockerfile"] == f"{ROOT}/dockerfiles/binary.Dockerfile"
    assert ours["tags"] == ["bodhiapp:local-cpu-development"]
    assert ours["planned_tags"] == theirs["planned_tags"]
    assert ours["build_args"].pop("APP_BINARY_IMAGE") == "bodhiapp:local-binary-development"
    arch = theirs["platform"].split("/")[1]
    # bodhi-gen build alone builds the binary into a scratch OCI layout, read as a named context
    assert theirs["build_args"].pop("APP_BINARY_IMAGE") == "app-binary"
    assert theirs["contexts"] == {"app-binary": f"oci-layout://binary-development-{arch}"}
    assert "contexts" not in ours
    for key in ("variant", "mode", "platform", "build_args", "labels"):
        assert ours[key] == theirs[key], key


def test_make_passes_config_version_and_build_args(tmp_path: Path) -> None:
    config = GOOD_CONFIGS[0].parent / "cpu-only.yaml"
    makefile = generated(config, tmp_path)
    out = make(
        "-n", "-f", str(makefile), "build.cpu.arm64",
        f"CONFIG={config}", "VERSION=1.2.3", "MODE=production", "BUILD_ARGS=--build-arg BASE_IMAGE=x",
    )  # fmt: skip
    assert f"--config {config} " in out
    assert "--mode production --version 1.2.3" in out
    assert "--platform linux/arm64" in out
    assert "--tag cpuapp:local-cpu-arm64-production --build-arg BASE_IMAGE=x" in out


def test_build_tag_replaces_the_plan_tags_and_refuses_push_by_digest() -> None:
    base = ["build", "--variant", "cpu", "--version", "1.4.0", "--platform", "linux/amd64", "--dry-run"]
    result = run_cli([*base, "--tag", "bodhiapp:local-cpu-production", "--tag", "x:y"])
    assert result.code == 0, result.err
    assert json.loads(result.out)["tags"] == ["bodhiapp:local-cpu-production", "x:y"]
    refused = run_cli([*base, "--tag", "x:y", "--push-by-digest"])
    assert refused.code == 2
    assert "--tag cannot be combined with --push-by-digest" in refused.err
