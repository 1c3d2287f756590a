"""What a user named on the command line → the units an image command works on.

The overrides (``--image``, ``--cache``) are applied once, typed, to the loaded config; the
version, mode, commit and platforms are resolved once; then the plan is built once.
"""

from __future__ import annotations

import platform as host
from dataclasses import dataclass
from pathlib import Path

from bodhi_gen.config.checks import check_image_repo
from bodhi_gen.config.loader import load_config
from bodhi_gen.config.records import Config
from bodhi_gen.config.rules import CacheChoice
from bodhi_gen.errors import UsageError
from bodhi_gen.gitinfo import commit_time, head_commit
from bodhi_gen.plan.build import build_plan
from bodhi_gen.plan.release_lines import line_variants, resolve_release
from bodhi_gen.plan.toolchain import read_channel
from bodhi_gen.plan.units import BinaryUnit, BuildInfo, BuildUnit, MergeGroup, Plan, Selection

UNKNOWN_COMMIT = "unknown"
HOST_PLATFORMS = {"x86_64": "linux/amd64", "amd64": "linux/amd64", "aarch64": "linux/arm64", "arm64": "linux/arm64"}


@dataclass(frozen=True)
class Overrides:
    """``--image`` (its registry and cache repository follow it) and ``--cache``."""

    image: str | None = None
    cache: CacheChoice | None = None


@dataclass(frozen=True)
class UnitSelection:
    """What the user named; every ``None`` falls back to the config, git or the host."""

    config_path: Path | None
    # None only for `build --binary`, which builds the app binary of no one variant
    variant: str | None
    version: str
    mode: str | None = None
    platform: str | None = None
    image: str | None = None
    cache: CacheChoice | None = None
    commit: str | None = None
    created: str | None = None
    source_dir: Path = Path()

    @property
    def overrides(self) -> Overrides:
        return Overrides(self.image, self.cache)

    @property
    def variant_name(self) -> str:
        if self.variant is None:
            msg = "--variant is required"
            raise UsageError(msg)
        return self.variant


@dataclass(frozen=True)
class Target:
    plan: Plan
    unit: BuildUnit


@dataclass(frozen=True)
class BinaryTarget:
    plan: Plan
    binary: BinaryUnit


@dataclass(frozen=True)
class MergeTarget:
    plan: Plan
    group: MergeGroup


def host_platform() -> str | None:
    return HOST_PLATFORMS.get(host.machine().lower())


def with_overrides(config: Config, overrides: Overrides) -> Config:
    """The config with the overrides applied; only the new image needs checking."""
    update: dict[str, object] = {}
    cache = config.cache
    if overrides.image is not None:
        try:
            image = check_image_repo(overrides.image)
        except ValueError as exc:
            msg = f"--image/--cache: image: {exc}"
            raise UsageError(msg) from None
        update |= {"image": image, "registry": image.split("/", 1)[0]}
        cache = cache.replace(repository=None)
    if overrides.cache == "read-only":
        # a pull request reads the release cache and never writes it
        cache = cache.replace(backend="registry", export=False)
    elif overrides.cache is not None:
        cache = cache.replace(backend=overrides.cache)
    if not update and cache is config.cache:
        return config
    return config.replace(**update, cache=cache)


def load_selected(selection: UnitSelection) -> Config:
    """The config the selection names, with its overrides: the one load of a command."""
    return with_overrides(load_config(selection.config_path), selection.overrides)


def _pick_mode(config: Config, selection: UnitSelection, mode_from_tag: str | None) -> str:
    if selection.mode and mode_from_tag and selection.mode != mode_from_tag:
        msg = f"release tag {selection.version!r} builds mode {mode_from_tag!r}, but --mode is {selection.mode!r}"
        raise UsageError(msg)
    return selection.mode or mode_from_tag or config.modes[0].name


def pick_platform(config: Config, variant: str, wanted: str | None) -> str:
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


def pick_binary_platform(config: Config, wanted: str | None) -> str:
    """Like ``pick_platform``, over the platforms any variant builds."""
    platforms = list(dict.fromkeys(p for v in config.variants for p in v.platforms))
    if wanted is None:
        native = host_platform()
        return native if native in platforms else platforms[0]
    if wanted not in platforms:
        msg = f"no variant builds {wanted} (the config's platforms: {', '.join(platforms)})"
        raise UsageError(msg)
    return wanted


def plan_selection(config: Config, selection: UnitSelection, platforms: tuple[str, ...]) -> Plan:
    """The plan of the selection's (variant, mode) on ``platforms`` (empty: every platform of the variant).

    Without a variant (a binary build), every variant's units on ``platforms``: their binary units
    are the same. The build context's pinned Rust toolchain chooses the binaries' builder image.
    """
    resolved = resolve_release(selection.version, config)
    mode = _pick_mode(config, selection, resolved.mode)
    if selection.variant is not None:
        line_variants(resolved, (selection.variant,), selection.version)
    if selection.variant is not None:
        for name in platforms:
            pick_platform(config, selection.variant, name)
    commit = selection.commit or head_commit(selection.source_dir) or UNKNOWN_COMMIT
    created = selection.created or commit_time(selection.source_dir, commit)
    info = BuildInfo(version=resolved.version, commit=commit, created=created)
    variants = (selection.variant,) if selection.variant is not None else ()
    channel = read_channel(selection.source_dir)
    return build_plan(config, info, Selection(variants, (mode,), platforms), channel)


def resolve_target(selection: UnitSelection, config: Config | None = None) -> Target:
    """The one (variant, mode, platform) unit a build or smoke test works on."""
    config = config or load_selected(selection)
    platform = pick_platform(config, selection.variant_name, selection.platform)
    plan = plan_selection(config, selection, (platform,))
    return Target(plan=plan, unit=plan.units[0])


def resolve_binary(selection: UnitSelection, config: Config | None = None) -> BinaryTarget:
    """The one (mode, platform) binary unit ``build --binary`` works on."""
    config = config or load_selected(selection)
    platform = pick_binary_platform(config, selection.platform)
    plan = plan_selection(config, selection, (platform,))
    return BinaryTarget(plan=plan, binary=plan.binaries[0])


def resolve_merge(
    selection: UnitSelection, platforms: tuple[str, ...] = (), config: Config | None = None
) -> MergeTarget:
    """The (variant, mode) tag set a publish merges: all its platforms, or the ``platforms`` named."""
    config = config or load_selected(selection)
    plan = plan_selection(config, selection, platforms)
    return MergeTarget(plan=plan, group=plan.merges[0])
