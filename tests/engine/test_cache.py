"""Layer caching of the generated binary.Dockerfile: app-only changes keep the deps stage, and Cargo.lock is
enforced."""

from __future__ import annotations

from pathlib import Path

import pytest

from bodhi_gen.config.loader import load_config
from bodhi_gen.plan.build import build_plan
from bodhi_gen.plan.units import BuildInfo
from tests.engine.harness import BuildFailedError, ImageBuilder, app_copy, cached_steps, image_tag
from tests.helpers import ROOT

pytestmark = pytest.mark.engine

UNIT = build_plan(load_config(), BuildInfo("4.5.7", "fedcba9876543210fedcba9876543210fedcba98")).unit(
    "cpu", "production", "linux/amd64"
)
# the app is compiled here; the variants' Dockerfiles copy the binary
DOCKERFILE = ROOT / "dockerfiles" / "binary.Dockerfile"


def step(steps: dict[str, bool], stage: str, needle: str) -> tuple[str, bool]:
    found = [(name, cached) for name, cached in steps.items() if name.startswith(f"[{stage} ") and needle in name]
    assert len(found) == 1, f"expected one {stage} step with {needle!r}, got {found} of {list(steps)}"
    return found[0]


def test_app_only_change_keeps_deps_cached(image_builder: ImageBuilder, fixture_app: Path, tmp_path: Path) -> None:
    app = app_copy(fixture_app, tmp_path / "app")
    tag = image_tag("cache")
    image_builder.build(DOCKERFILE, UNIT, tag, context=app)

    main = app / "crates" / "bodhi" / "src-tauri" / "src" / "main.rs"
    main.write_text(main.read_text("utf-8") + f"\n// changed by the cache test ({tmp_path.name})\n", "utf-8")
    log = image_builder.build(DOCKERFILE, UNIT, tag, context=app)

    steps = cached_steps(log)
    deps_build, deps_cached = step(steps, "deps", " RUN ")
    assert "cargo build --release -p ci_optims" in deps_build
    assert deps_cached, f"the deps cargo step ran again after an app-only change:\n{log[-3000:]}"
    # every deps step that does work; a FROM only resolves its image, and BuildKit logs that as CACHED
    # or as DONE depending on timing, so it says nothing about the cache
    ran = [name for name, cached in steps.items() if name.startswith("[deps ") and "] FROM " not in name and not cached]
    assert not ran, f"deps steps ran again after an app-only change: {ran}"
    _, app_cached = step(steps, "app", " RUN ")
    assert not app_cached, "the app step must rebuild after its source changed"
    assert "Compiling bodhi v0.1.0" in log
    assert "Compiling ci_optims" not in log


def test_stale_cargo_lock_fails_instead_of_being_regenerated(
    image_builder: ImageBuilder, fixture_app: Path, tmp_path: Path
) -> None:
    app = app_copy(fixture_app, tmp_path / "app")
    lock = app / "Cargo.lock"
    text = lock.read_text("utf-8")
    stale = text.replace('[[package]]\nname = "bodhi"\nversion = "0.1.0"\n', "")
    assert stale != text
    lock.write_text(stale, "utf-8")
    with pytest.raises(BuildFailedError) as failed:
        image_builder.build(DOCKERFILE, UNIT, image_tag("stale-lock"), context=app)
    assert "needs to be updated but --locked was passed" in failed.value.log
    assert "cargo generate-lockfile" not in failed.value.log
