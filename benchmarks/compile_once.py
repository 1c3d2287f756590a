"""Compile once per (mode, platform): app compiles actually run for every variant x mode, and an app-only rebuild.

On the fixture checkout (submodule included), every variant x mode of the default config limited to
linux/amd64 (the engine cannot run arm64 steps) is built through ``bodhi-gen build --variant``, the
two-step path: binary first (a cache hit after its first build), then the variant copying it. The
app compiles that ran (non-CACHED steps running ``cargo build ... --bin``) are counted and printed
next to what the old per-variant architecture ran (one compile per build unit) and the default
release's plan. Then one app source file is touched and one binary rebuilt: is the deps step still
cached, and how long does the app-only rebuild take next to the cold binary build?

The builder image gets a fresh label per run, so no earlier build cache matches and the first binary
build is cold; nothing is pruned. Run from the repository root with the engine up::

    python -m benchmarks.compile_once
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import yaml
from tests.support.fixture_repo import fixture_checkout
from tests.support.standins import build_base, build_builder

from benchmarks.cache_ratio import docker, engine_env, unique_image
from bodhi_gen.config.loader import embedded_default_text, load_config
from bodhi_gen.docker.build import StepCounter
from bodhi_gen.plan.build import build_plan
from bodhi_gen.plan.units import BuildInfo

PLATFORM = "linux/amd64"
VERSION = "1.0.0"


def amd64_config(folder: Path) -> Path:
    data = yaml.safe_load(embedded_default_text())
    for variant in data["variants"]:
        variant["platforms"] = [PLATFORM]
    path = folder / "bodhi-gen.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), "utf-8")
    return path


def bodhi_gen(env: dict[str, str], *args: str) -> tuple[float, str]:
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "bodhi_gen", *args], env=env, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        sys.exit(f"bodhi-gen {' '.join(args[:3])} failed:\n{done.stderr[-4000:]}")
    return time.monotonic() - started, done.stderr


def ran(log: str, *needles: str) -> int:
    """How many steps of a plain build log whose text holds every needle were run (not CACHED)."""
    counter = StepCounter()
    for line in log.splitlines():
        counter.feed(line)
    return sum(
        1
        for number, name in counter.names.items()
        if all(needle in name for needle in needles) and number not in counter.hits
    )


def main() -> None:
    env = engine_env()
    from python_on_whales import DockerClient

    binary = shutil.which("docker", path=env["PATH"]) or "docker"
    client = DockerClient(host=env["DOCKER_HOST"], config=env["DOCKER_CONFIG"], client_call=[binary])
    nonce = uuid.uuid4().hex[:10]
    default_plan = build_plan(load_config(), BuildInfo(VERSION, "0" * 40))
    with tempfile.TemporaryDirectory() as temporary:
        scratch = Path(temporary)
        config = amd64_config(scratch)
        plan = build_plan(load_config(config), BuildInfo(VERSION, "0" * 40))
        bodhi_gen(env, "dockerfiles", "--config", str(config), "--out", str(scratch))
        checkout = fixture_checkout(scratch / "checkout")
        builder = unique_image(env, build_builder(client), nonce, scratch)
        cpu_base = build_base(client, "cpu")
        tags: list[str] = []
        started = time.monotonic()
        try:

            def build(*args: str, base: str = cpu_base) -> tuple[float, str]:
                images = {"RUST_IMAGE": builder, "NODE_IMAGE": builder, "BASE_IMAGE": base, "CPU_BASE_IMAGE": cpu_base}
                return bodhi_gen(
                    env, "build", "--config", str(config), "--version", VERSION, "--platform", PLATFORM,
                    "--context", str(checkout), "--cache", "none", "--load",
                    *(item for key, value in images.items() for item in ("--build-arg", f"{key}={value}")),
                    *args,
                )  # fmt: skip

            binary_tag = f"bodhi-bench/binary:{nonce}"
            binary_args = ["--binary", "--mode", "production", "--tag", binary_tag]
            binary_args += ["--dockerfile", str(scratch / "dockerfiles" / "binary.Dockerfile")]
            tags.append(binary_tag)
            cold, cold_log = build(*binary_args)
            compiles = ran(cold_log, "cargo build", "--bin ")
            for unit in plan.units:
                tag = f"bodhi-bench/variant:{unit.variant}-{unit.mode}-{nonce}"
                tags.append(tag)
                _, log = build(
                    "--variant", unit.variant, "--mode", unit.mode, "--tag", tag,
                    "--dockerfile", str(scratch / "dockerfiles" / f"{unit.variant}.Dockerfile"),
                    base=build_base(client, unit.variant),
                )  # fmt: skip
                compiles += ran(log, "cargo build", "--bin ")
            all_builds = time.monotonic() - started

            source = checkout / "crates" / "bodhi" / "src-tauri" / "src" / "main.rs"
            source.write_text(source.read_text("utf-8") + f"\n// touched by the benchmark ({nonce})\n", "utf-8")
            app_only, app_log = build(*binary_args)
        finally:
            for tag in tags:
                subprocess.run([binary, "image", "rm", "--force", tag], env=env, capture_output=True, check=False)
            docker(env, "image", "rm", builder)
    deps_ran = ran(app_log, "cargo build", "-p ci_optims")
    old = len(plan.units)
    print(f"variant x mode builds on {PLATFORM}: {len(plan.units)} images, {len(plan.binaries)} binaries")
    print(f"app compiles run (binary once, then every variant): {compiles}")
    print(f"app compiles the per-variant architecture ran: {old}  (ratio {compiles / old:.2f})")
    print(
        f"default release plan: {len(default_plan.binaries)} binary builds for {len(default_plan.units)} images "
        f"(ratio {len(default_plan.binaries) / len(default_plan.units):.2f})"
    )
    print(f"all builds: {all_builds:.1f} s")
    cached = "no" if deps_ran else "yes"
    print(f"cold binary build: {cold:.1f} s; app-only rebuild: {app_only:.1f} s; deps step cached: {cached}")
    print(f"app-only rebuild / cold binary build: {app_only / cold:.3f}")


if __name__ == "__main__":
    main()
