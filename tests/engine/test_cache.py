"""Layer caching of the generated Dockerfile: app-only changes keep the deps stage, and Cargo.lock is enforced."""

from __future__ import annotations

from pathlib import Path

import pytest

from bodhi_gen.config.loader import load_config
from bodhi_gen.plan import BuildInfo, build_plan
from tests.engine.harness import BuildFailedError, ImageBuilder, app_copy, cached_steps, image_tag
from tests.helpers import ROOT

pytestmark = pytest.mark.engine

UNIT = build_plan(load_config(), BuildInfo("4.5.7", "fedcba9876543210fedcba9876543210fedcba98")).unit(
    "cpu", "production", "linux/amd64"
)
DOCKERFILE = ROOT / UNIT.dockerfile


def step(steps: dict[str, bool], prefix: str) -> tuple[str, bool]:
    found = [(name, was_cached) for name, was_cached in steps.items() if name.startswith(prefix)]
    assert len(found) == 1, f"expected one step starting {prefix!r}, got {found} of {list(steps)}"
    return found[0]


def test_app_only_change_keeps_deps_cached(image_builder: ImageBuilder, tmp_path: Path) -> None:
    app = app_copy(tmp_path / "app")
    tag = image_tag("cache")
    image_builder.build(DOCKERFILE, UNIT, tag, context=app)

    main = app / "crates" / "bodhi" / "src" / "main.rs"
    main.write_text(main.read_text("utf-8") + f"\n// changed by the cache test ({tmp_path.name})\n", "utf-8")
    log = image_builder.build(DOCKERFILE, UNIT, tag, context=app)

    steps = cached_steps(log)
    deps_build, deps_cached = step(steps, "[deps 5/5] RUN ")
    assert "cargo build --release -p ci_optims" in deps_build
    assert deps_cached, f"the deps cargo step ran again after an app-only change:\n{log[-3000:]}"
    assert all(cached for name, cached in steps.items() if name.startswith("[deps ")), steps
    _, app_cached = step(steps, "[app 3/3] RUN ")
    assert not app_cached, "the app step must rebuild after its source changed"
    assert "Compiling bodhi v0.1.0" in log
    assert "Compiling ci_optims" not in log


def test_stale_cargo_lock_fails_instead_of_being_regenerated(image_builder: ImageBuilder, tmp_path: Path) -> None:
    app = app_copy(tmp_path / "app")
    lock = app / "Cargo.lock"
    text = lock.read_text("utf-8")
    stale = text.replace('[[package]]\nname = "bodhi"\nversion = "0.1.0"\n', "")
    assert stale != text
    lock.write_text(stale, "utf-8")
    with pytest.raises(BuildFailedError) as failed:
        image_builder.build(DOCKERFILE, UNIT, image_tag("stale-lock"), context=app)
    assert "needs to be updated but --locked was passed" in failed.value.log
    assert "cargo generate-lockfile" not in failed.value.log
