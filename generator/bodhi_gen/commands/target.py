"""Which build unit an image command works on: config + overrides + version -> one ``BuildUnit``."""

from __future__ import annotations

import platform as host
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from bodhi_gen.config.errors_format import format_validation_error
from bodhi_gen.config.loader import load_config
from bodhi_gen.config.models import Config
from bodhi_gen.errors import UsageError
from bodhi_gen.gitinfo import commit_time, head_commit
from bodhi_gen.plan import BuildInfo, BuildUnit, MergeGroup, Plan, Selection, build_plan
from bodhi_gen.versions import resolve_version

UNKNOWN_COMMIT = "unknown"
HOST_PLATFORMS = {"x86_64": "linux/amd64", "amd64": "linux/amd64", "aarch64": "linux/arm64", "arm64": "linux/arm64"}


@dataclass(frozen=True)
class UnitSelection:
    """What the user named; every ``None`` falls back to the config, git or the host."""

    config_path: Path | None
    variant: str
    version: str
    mode: str | None = None
    platform: str | None = None
    image: str | None = None
    cache: str | None = None
    commit: str | None = None
    created: str | None = None
    source_dir: Path = Path()


@dataclass(frozen=True)
class Target:
    config: Config
    plan: Plan
    unit: BuildUnit


@dataclass(frozen=True)
class MergeTarget:
    config: Config
    plan: Plan
    group: MergeGroup


def host_platform() -> str | None:
    return HOST_PLATFORMS.get(host.machine().lower())


def with_overrides(config: Config, image: str | None, cache: str | None) -> Config:
    """The config with ``--image`` (its registry and cache repository follow) and ``--cache`` applied."""
    if image is None and cache is None:
        return config
    data = config.model_dump()
    if image is not None:
        data["image"] = image
        data["registry"] = image.split("/", 1)[0]
        data["cache"]["repository"] = None
    if cache is not None:
        data["cache"]["backend"] = cache
    try:
        return Config.model_validate(data)
    except ValidationError as exc:
        msg = format_validation_error(exc, data, "--image/--cache")
        raise UsageError(msg) from None


def _pick_mode(config: Config, selection: UnitSelection, mode_from_tag: str | None) -> str:
    if selection.mode and mode_from_tag and selection.mode != mode_from_tag:
        msg = f"release tag {selection.version!r} builds mode {mode_from_tag!r}, but --mode is {selection.mode!r}"
        raise UsageError(msg)
    return selection.mode or mode_from_tag or config.modes[0].name


def _pick_platform(config: Config, variant: str, wanted: str | None) -> str:
    """``wanted`` when the variant builds it; with None the host's platform, else the variant's first."""
    names = [v.name for v in config.variants]
    if variant not in names:
        msg = f"unknown variant {variant!r}; the config has: {', '.join(names)}"
        raise UsageError(msg)
    platforms = config.variant(variant).platforms
    if wanted is None:
        native = host_platform()
        return native if native in platforms else platforms[0]
    if wanted not in platforms:
        msg = f"variant {variant!r} does not build {wanted} (its platforms: {', '.join(platforms)})"
        raise UsageError(msg)
    return wanted


def _prepare(selection: UnitSelection) -> tuple[Config, BuildInfo, str]:
    config = with_overrides(load_config(selection.config_path), selection.image, selection.cache)
    resolved = resolve_version(selection.version, config.release.tag_patterns)
    mode = _pick_mode(config, selection, resolved.mode_from_tag)
    commit = selection.commit or head_commit(selection.source_dir) or UNKNOWN_COMMIT
    created = selection.created or commit_time(selection.source_dir, commit)
    return config, BuildInfo(version=resolved.version, commit=commit, created=created), mode


def resolve_target(selection: UnitSelection) -> Target:
    """The one (variant, mode, platform) unit a build or smoke test works on."""
    config, info, mode = _prepare(selection)
    platform = _pick_platform(config, selection.variant, selection.platform)
    plan = build_plan(config, info, Selection((selection.variant,), (mode,), (platform,)))
    return Target(config=config, plan=plan, unit=plan.unit(selection.variant, mode, platform))


def resolve_merge(selection: UnitSelection, platforms: tuple[str, ...] = ()) -> MergeTarget:
    """The (variant, mode) tag set a publish merges: all its platforms, or the ``platforms`` named."""
    config, info, mode = _prepare(selection)
    for name in platforms:
        _pick_platform(config, selection.variant, name)
    plan = build_plan(config, info, Selection((selection.variant,), (mode,), platforms))
    return MergeTarget(config=config, plan=plan, group=plan.merge(selection.variant, mode))
