# The fixtures imported from action_fixtures are requested by parameter name (pytest's way).
"""The app is compiled once per (mode, platform), through ``bodhi-gen build`` on a checkout with its
``async-openai`` submodule: two variants reuse one binary (the second binary build is a full cache
hit, the variant builds compile nothing), an app-only change rebuilds only the app step, and a
checkout without the submodule fails in the deps stage, naming it."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from python_on_whales import DockerClient

from bodhi_gen.plan.contract import LABEL_BASE_DIGEST, LABEL_CPU_BASE_DIGEST, LABEL_CPU_BASE_NAME
from tests.engine.action_fixtures import (
    NATIVE,
    VERSION,
    AppImages,
    CliResult,
    bodhi_gen,
    standin_args,
)
from tests.engine.harness import RUN_ID, Engine, app_copy, cached_steps
from tests.support.fixture_repo import clone

pytestmark = pytest.mark.engine

BINARY_DONE = re.compile(r"^built oci-layout://\S+ \(linux/amd64, oci\)$", re.MULTILINE)
# what a compile step looks like in a plain build log: a step that runs cargo or npm
COMPILE_STEP = re.compile(r"\b(cargo|npm)\b")
TRIPLE = "x86_64-unknown-linux-gnu"


def split_log(log: str) -> tuple[str, str]:
    """(the binary's build, the variant's build) of one ``bodhi-gen build --variant`` log."""
    found = BINARY_DONE.search(log)
    assert found, f"no binary build in the log:\n{log[-3000:]}"
    return log[: found.end()], log[found.end() :]


def sha256_of(docker: DockerClient, image: str, path: str) -> str:
    output = docker.container.run(image, ["sha256sum", path], entrypoint="", remove=True)
    assert isinstance(output, str)
    return output.split()[0]


def test_two_variants_copy_one_binary_compiled_once(
    engine: Engine, docker: DockerClient, app_images: AppImages, tmp_path: Path
) -> None:
    images = {variant: app_images.get(variant) for variant in ("cpu", "rocm")}
    second_binary, rocm_variant = split_log(app_images.logs["rocm"])
    # every step that does work (a FROM only resolves its image) came from the cache
    binary_steps = {name: cached for name, cached in cached_steps(second_binary).items() if "] FROM " not in name}
    assert len(binary_steps) > 10, second_binary[-2000:]
    assert all(binary_steps.values()), f"the second binary build ran steps: {binary_steps}"
    for variant in images:
        variant_steps = cached_steps(split_log(app_images.logs[variant])[1])
        compiles = [name for name in variant_steps if COMPILE_STEP.search(name)]
        assert not compiles, f"the {variant} build compiles: {compiles}"
    assert "Compiling " not in rocm_variant

    for variant in images:
        report_file = tmp_path / f"{variant}.json"
        result = bodhi_gen(
            engine,
            "smoke",
            *app_images.config_args,
            "--variant", variant,
            "--version", VERSION,
            "--platform", NATIVE,
            "--image", app_images.repository,
            "--report-file", str(report_file),
        )  # fmt: skip
        assert result.code == 0, f"smoke {variant}:\n{result.out}\n{result.err[-3000:]}"
        checks = {c["name"]: c for c in json.loads(report_file.read_text())["checks"]}
        assert checks["llama-server"]["passed"], checks["llama-server"]
    # rocm also runs on the CPU: both llama-server builds are there (the smoke check above looked for both)
    listing = docker.container.run(images["rocm"], ["ls", f"/app/bin/{TRIPLE}"], entrypoint="", remove=True)
    assert isinstance(listing, str)
    assert sorted(listing.split()) == ["cpu", "rocm"]
    assert sha256_of(docker, images["cpu"], "/app/bodhi") == sha256_of(docker, images["rocm"], "/app/bodhi")
    # the cpu llama-server came from the cpu base: rocm records that base as well as its own (here local
    # stand-ins in no registry, so their image ids), and the cpu image records no cpu base
    rocm_labels = docker.image.inspect(images["rocm"]).config.labels or {}
    cpu_base = app_images.base_image("cpu")
    assert rocm_labels[LABEL_CPU_BASE_NAME] == cpu_base
    assert rocm_labels[LABEL_CPU_BASE_DIGEST] == docker.image.inspect(cpu_base).id
    assert rocm_labels[LABEL_BASE_DIGEST] == docker.image.inspect(app_images.base_image("rocm")).id
    assert LABEL_CPU_BASE_NAME not in (docker.image.inspect(images["cpu"]).config.labels or {})


def build_binary(engine: Engine, context: Path, builder_image: str, base: str, tag: str, *extra: str) -> CliResult:
    return bodhi_gen(
        engine,
        "build",
        "--binary",
        "--mode", "production",
        "--version", VERSION,
        "--platform", NATIVE,
        "--context", str(context),
        "--cache", "none",
        "--load",
        "--tag", tag,
        *standin_args(builder_image, base),
        *extra,
    )  # fmt: skip


def step(steps: dict[str, bool], needle: str) -> bool:
    found = [cached for name, cached in steps.items() if " RUN " in name and needle in name]
    assert len(found) == 1, f"expected one RUN step with {needle!r}, got {list(steps)}"
    return found[0]


def test_an_app_change_rebuilds_only_the_app_step(
    engine: Engine,
    docker: DockerClient,
    builder_image: str,
    base_image: Callable[[str], str],
    fixture_app: Path,
    tmp_path: Path,
) -> None:
    app = app_copy(fixture_app, tmp_path / "app")
    tag = f"bodhi-test/binary-change-{RUN_ID}:app"
    try:
        first = build_binary(engine, app, builder_image, base_image("cpu"), tag)
        assert first.code == 0, first.err[-4000:]
        source = app / "crates" / "bodhi" / "src-tauri" / "src" / "main.rs"
        source.write_text(source.read_text("utf-8") + f"\n// changed by the binary test ({tmp_path.name})\n", "utf-8")
        second = build_binary(engine, app, builder_image, base_image("cpu"), tag)
        assert second.code == 0, second.err[-4000:]
    finally:
        if docker.image.exists(tag):
            docker.image.remove(tag, force=True)
    steps = cached_steps(second.err)
    assert step(steps, "-p ci_optims"), f"the deps step ran again after an app-only change: {steps}"
    assert not step(steps, "--bin bodhi"), "the app step must rebuild after its source changed"
    assert "Compiling bodhi v0.1.0" in second.err
    assert "Compiling ci_optims" not in second.err


def test_a_checkout_without_the_submodule_fails_in_the_deps_stage(
    engine: Engine,
    builder_image: str,
    base_image: Callable[[str], str],
    fixture_app: Path,
    tmp_path: Path,
) -> None:
    bare = clone(fixture_app, tmp_path / "no-submodules", submodules=False)
    assert not any((bare / "async-openai").iterdir()), "async-openai/ is an empty folder without submodules"
    result = build_binary(engine, bare, builder_image, base_image("cpu"), f"bodhi-test/binary-nosub-{RUN_ID}:x")
    assert result.code != 0, "a checkout without the submodule must not build"
    failed = re.findall(r"^ > \[(\w+) \d+/\d+\] RUN ", result.err, re.MULTILINE)
    assert set(failed) == {"deps"}, f"expected the deps stage to fail:\n{result.err[-3000:]}"
    # cargo names the missing path dependency (the workspace member and ci_optims' dependency)
    assert "async-openai/async-openai/Cargo.toml" in result.err, result.err[-3000:]
