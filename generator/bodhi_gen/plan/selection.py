"""What a user named on the command line → the units an image command works on.

The overrides (``--image``, ``--cache``) are applied once, typed, to the loaded config; the
version, mode, commit and platforms are resolved once; then the plan is built once.

The commit and its time come from git (``head_commit``, ``commit_time``) unless the user names them.
"""

from __future__ import annotations

import platform as host
import subprocess
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from bodhi_gen.config.checks import check_image_repo
from bodhi_gen.config.loader import load_config
from bodhi_gen.config.models import Config
from bodhi_gen.config.rules import CacheChoice, registry_of
from bodhi_gen.errors import UsageError
from bodhi_gen.names import did_you_mean
from bodhi_gen.plan.build import build_plan
from bodhi_gen.plan.release_lines import line_variants, resolve_release
from bodhi_gen.plan.toolchain import read_channel
from bodhi_gen.plan.units import BinaryUnit, BuildInfo, BuildUnit, MergeGroup, Plan, Selection


def _git(source_dir: Path, *args: str) -> str | None:
    try:
        done = subprocess.run(
            ["git", "-C", str(source_dir), *args], capture_output=True, text=True, check=False, timeout=30
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    value = done.stdout.strip()
    return value if done.returncode == 0 and value else None


def head_commit(source_dir: Path) -> str | None:
    """``git rev-parse HEAD`` of the repository holding ``source_dir``; None outside one."""
    return _git(source_dir, "rev-parse", "HEAD")


def commit_time(source_dir: Path, commit: str = "HEAD") -> str | None:
    """The committer time of ``commit`` as ``YYYY-MM-DDTHH:MM:SSZ`` (UTC); None when unknown."""
    raw = _git(source_dir, "log", "-1", "--format=%cI", commit, "--")
    if raw is None:
        return None
    try:
        moment = datetime.fromisoformat(raw)
    except ValueError:
        return None
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


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

    def require_variant(self) -> None:
        """A usage error when no ``--variant`` was given (only ``build --binary`` goes without one)."""
        if self.variant is None:
            msg = "--variant is required"
            raise UsageError(msg)


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
        update |= {"image": image, "registry": registry_of(image)}
        cache = cache.model_copy(update={"repository": None})
    if overrides.cache == "read-only":
        # a pull request reads the release cache and never writes it
        cache = cache.model_copy(update={"backend": "registry", "export": False})
    elif overrides.cache is not None:
        cache = cache.model_copy(update={"backend": overrides.cache})
    if not update and cache is config.cache:
        return config
    return config.model_copy(update={**update, "cache": cache})


def load_selected(selection: UnitSelection) -> Config:
    """The config the selection names, with its overrides: the one load of a command."""
    return with_overrides(load_config(selection.config_path), selection.overrides)


def _pick_mode(config: Config, selection: UnitSelection, mode_from_tag: str | None) -> str:
    if selection.mode and mode_from_tag and selection.mode != mode_from_tag:
        msg = f"release tag {selection.version!r} builds mode {mode_from_tag!r}, but --mode is {selection.mode!r}"
        raise UsageError(msg)
    return selection.mode or mode_from_tag or config.modes[0].name


def pick_platforms(config: Config, variant: str | None, wanted: tuple[str, ...] | None) -> tuple[str, ...]:
    """The platforms to plan, each checked: ``wanted``; all of them for ``()``; for ``None`` the host's
    platform when it is among them, else the first. ``variant`` None: any variant's platforms."""
    if variant is None:
        platforms = tuple(dict.fromkeys(p for v in config.variants for p in v.platforms))
        whose = "no variant builds {} (the config's platforms: {})"
    else:
        names = [v.name for v in config.variants]
        if variant not in names:
            msg = f"unknown variant {variant!r}{did_you_mean(variant, names)}; the config has: {', '.join(names)}"
            raise UsageError(msg)
        platforms = config.variant(variant).platforms
        whose = f"variant {variant!r} does not build {{}} (its platforms: {{}})"
    if wanted is None:
        native = host_platform()
        return (native if native in platforms else platforms[0],)
    for name in wanted:
        if name not in platforms:
            raise UsageError(whose.format(name, ", ".join(platforms)))
    return wanted


def plan_selection(config: Config, selection: UnitSelection, platforms: tuple[str, ...] | None) -> Plan:
    """The plan of the selection's (variant, mode) on ``platforms`` (see ``pick_platforms``).

    Without a variant (a binary build), every variant's units on those platforms: their binary units
    are the same. The build context's pinned Rust toolchain chooses the binaries' builder image.
    """
    resolved = resolve_release(selection.version, config)
    mode = _pick_mode(config, selection, resolved.mode)
    if selection.variant is not None:
        line_variants(resolved, (selection.variant,), selection.version)
    chosen = pick_platforms(config, selection.variant, platforms)
    commit = selection.commit or head_commit(selection.source_dir) or UNKNOWN_COMMIT
    created = selection.created or commit_time(selection.source_dir, commit)
    info = BuildInfo(version=resolved.version, commit=commit, created=created)
    variants = (selection.variant,) if selection.variant is not None else ()
    channel = read_channel(selection.source_dir)
    return build_plan(config, info, Selection(variants, (mode,), chosen), channel)


def resolve_target(selection: UnitSelection) -> Target:
    """The one (variant, mode, platform) unit a build or smoke test works on."""
    selection.require_variant()
    wanted = (selection.platform,) if selection.platform else None
    plan = plan_selection(load_selected(selection), selection, wanted)
    return Target(plan=plan, unit=plan.units[0])


def resolve_binary(selection: UnitSelection) -> BinaryTarget:
    """The one (mode, platform) binary unit ``build --binary`` works on."""
    wanted = (selection.platform,) if selection.platform else None
    plan = plan_selection(load_selected(selection), selection, wanted)
    return BinaryTarget(plan=plan, binary=plan.binaries[0])


def resolve_merge(selection: UnitSelection, platforms: tuple[str, ...] = ()) -> MergeTarget:
    """The (variant, mode) tag set a publish merges: all its platforms, or the ``platforms`` named."""
    plan = plan_selection(load_selected(selection), selection, platforms)
    return MergeTarget(plan=plan, group=plan.merges[0])


def plan_matrix(config_path: Path | None, version: str | None, commit: str | None, selection: Selection) -> Plan:
    """The plan ``matrix`` and ``sizes`` show: resolve the version (a release tag also picks the mode, and its
    line the variants)."""
    config = load_config(config_path)
    info = BuildInfo()
    if version:
        resolved = resolve_release(version, config)
        if resolved.mode:
            if selection.modes and selection.modes != (resolved.mode,):
                msg = (
                    f"release tag {version!r} builds mode {resolved.mode!r}, "
                    f"but --modes asks for {', '.join(selection.modes)}"
                )
                raise UsageError(msg)
            variants = line_variants(resolved, selection.variants, version)
            selection = Selection(variants, (resolved.mode,), selection.platforms)
        info = BuildInfo(version=resolved.version, commit=commit or info.commit)
    elif commit:
        info = BuildInfo(commit=commit)
    return build_plan(config, info, selection)
