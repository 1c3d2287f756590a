"""The build plan: config → every (variant, mode, platform) unit with all it needs, in plain Python.

Templates, the image commands and the Makefile only read the plan; nothing downstream decides
tags, build args, cache refs or runtime flags by itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from bodhi_gen.config.llama_args import runtime_needs
from bodhi_gen.config.models import TRIPLES, Config, Mode, Variant
from bodhi_gen.errors import ConfigError

VERSION_PLACEHOLDER = "<version>"
COMMIT_PLACEHOLDER = "<commit>"
EXEC_NAME = "llama-server"
# BuildKit secret id of the llama-server download token: `--secret id=<this>,env=...` at build time,
# `RUN --mount=type=secret,id=<this>` in the generated Dockerfiles. Never a build arg.
DOWNLOAD_SECRET_ID = "llama_download_token"  # noqa: S105 - the name of a secret, not its value


@dataclass(frozen=True)
class Selection:
    """Which part of the matrix to plan (empty = everything)."""

    variants: tuple[str, ...] = ()
    modes: tuple[str, ...] = ()
    platforms: tuple[str, ...] = ()


@dataclass(frozen=True)
class BuildInfo:
    """What a build injects: bare version, commit, and commit time (for reproducible labels)."""

    version: str = VERSION_PLACEHOLDER
    commit: str = COMMIT_PLACEHOLDER
    created: str | None = None


@dataclass(frozen=True)
class BuildUnit:
    variant: str
    mode: str
    platform: str
    arch: str
    runner: str
    qemu: bool
    target: str
    dockerfile: str
    image: str
    tags: tuple[str, ...]
    cache_from: tuple[str, ...]
    cache_to: tuple[str, ...]
    build_args: dict[str, str]
    labels: dict[str, str]
    gpu: str
    device_flags: tuple[str, ...]
    gpu_probe: tuple[str, ...]
    run_flags: tuple[str, ...]
    llama_source: str
    free_disk_space: bool
    timeout_minutes: int

    @property
    def key(self) -> str:
        return f"{self.variant}-{self.mode}-{self.arch}"

    def matrix_entry(self) -> dict[str, object]:
        """The fields a GitHub Actions build matrix needs (kebab-case keys)."""
        return {
            "variant": self.variant,
            "mode": self.mode,
            "platform": self.platform,
            "arch": self.arch,
            "runner": self.runner,
            "qemu": self.qemu,
            "free-disk-space": self.free_disk_space,
            "timeout-minutes": self.timeout_minutes,
        }


@dataclass(frozen=True)
class MergeGroup:
    """One (variant, mode): the per-platform digests that become one multi-platform index."""

    variant: str
    mode: str
    image: str
    platforms: tuple[str, ...]
    tags: tuple[str, ...]
    timeout_minutes: int = 30

    def matrix_entry(self) -> dict[str, object]:
        return {"variant": self.variant, "mode": self.mode, "platforms": ",".join(self.platforms)}


@dataclass(frozen=True)
class Plan:
    config: Config
    info: BuildInfo
    units: tuple[BuildUnit, ...]
    merges: tuple[MergeGroup, ...] = field(default=())

    @property
    def uses_qemu(self) -> bool:
        return any(u.qemu for u in self.units)

    @property
    def frees_disk(self) -> bool:
        return any(u.free_disk_space for u in self.units)

    def unit(self, variant: str, mode: str, platform: str) -> BuildUnit:
        for unit in self.units:
            if (unit.variant, unit.mode, unit.platform) == (variant, mode, platform):
                return unit
        msg = f"no build unit {variant}/{mode}/{platform} in the plan"
        raise ConfigError(msg)

    def merge(self, variant: str, mode: str) -> MergeGroup:
        for group in self.merges:
            if (group.variant, group.mode) == (variant, mode):
                return group
        msg = f"no merge group {variant}/{mode} in the plan"
        raise ConfigError(msg)


def tags_for(config: Config, variant: Variant, mode: Mode, version: str) -> tuple[str, ...]:
    return tuple(f"{config.image}:{prefix}-{variant.name}{mode.tag_suffix}" for prefix in (version, "latest"))


def _cache(config: Config, key: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    if config.cache.backend == "registry":
        ref = f"{config.cache_repository}:{key}"
        return (f"type=registry,ref={ref}",), (f"type=registry,ref={ref},mode=max,ignore-error=true",)
    if config.cache.backend == "gha":
        return (f"type=gha,scope={key}",), (f"type=gha,scope={key},mode=max,ignore-error=true",)
    return (), ()


def _build_args(variant: Variant, mode: Mode, target: str, info: BuildInfo, source: str) -> dict[str, str]:
    args = {
        "BUILD_VARIANT": mode.name,
        "BODHI_VERSION": info.version,
        "BODHI_COMMIT_SHA": info.commit,
        "CI_BUILD_TARGET": target,
        "CI_DEFAULT_VARIANT": variant.name,
        "CI_BUILD_VARIANTS": ",".join(variant.resolved_exec_variants),
        "CI_EXEC_NAME": EXEC_NAME,
    }
    if variant.binary_download is not None:
        args["LLAMA_SOURCE"] = source
    if info.created:
        args["BODHI_BUILD_CREATED"] = info.created
        epoch = source_date_epoch(info.created)
        if epoch is not None:
            # BuildKit dates the image config and history with it instead of the build time
            args["SOURCE_DATE_EPOCH"] = epoch
    return dict(sorted(args.items()))


def source_date_epoch(created: str) -> str | None:
    """``2026-01-02T03:04:05Z`` -> seconds since the epoch as text; None when it is not such a time."""
    try:
        moment = datetime.fromisoformat(created.replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None:
        return None
    return str(int(moment.timestamp()))


def _labels(config: Config, variant: Variant, mode: Mode, info: BuildInfo) -> dict[str, str]:
    labels = {
        "org.opencontainers.image.title": config.image.rsplit("/", 1)[-1],
        "org.opencontainers.image.source": config.source_url,
        "org.opencontainers.image.version": info.version,
        "org.opencontainers.image.revision": info.commit,
        "io.bodhisearch.variant": variant.name,
        "io.bodhisearch.mode": mode.name,
    }
    if info.created:
        labels["org.opencontainers.image.created"] = info.created
    return dict(sorted(labels.items()))


def _check_selection(kind: str, wanted: Sequence[str], known: Sequence[str]) -> None:
    unknown = [name for name in wanted if name not in known]
    if unknown:
        msg = f"unknown {kind} {', '.join(map(repr, unknown))} in the selection; the config has: {', '.join(known)}"
        raise ConfigError(msg)


def build_plan(config: Config, info: BuildInfo | None = None, selection: Selection | None = None) -> Plan:
    """Expand the config into build units and merge groups, in config order (deterministic)."""
    info = info or BuildInfo()
    selection = selection or Selection()
    _check_selection("variant", selection.variants, [v.name for v in config.variants])
    _check_selection("mode", selection.modes, [m.name for m in config.modes])
    _check_selection("platform", selection.platforms, sorted({p for v in config.variants for p in v.platforms}))
    units: list[BuildUnit] = []
    merges: list[MergeGroup] = []
    for variant in config.variants:
        if selection.variants and variant.name not in selection.variants:
            continue
        platforms = [p for p in variant.platforms if not selection.platforms or p in selection.platforms]
        run_flags = runtime_needs(config.llama_server_args, variant.llama_server_args)
        for mode in config.modes:
            if selection.modes and mode.name not in selection.modes:
                continue
            tags = tags_for(config, variant, mode, info.version)
            for platform in platforms:
                arch = platform.split("/")[1]
                target = TRIPLES[platform]
                downloads = variant.binary_download is not None and platform in variant.binary_download.platforms
                source = "download" if downloads else "prebuilt"
                key = f"{variant.name}-{mode.name}-{arch}"
                cache_from, cache_to = _cache(config, key)
                units.append(
                    BuildUnit(
                        variant=variant.name,
                        mode=mode.name,
                        platform=platform,
                        arch=arch,
                        runner=config.platforms[platform].runner,
                        qemu=config.platforms[platform].qemu,
                        target=target,
                        dockerfile=f"dockerfiles/{variant.name}.Dockerfile",
                        image=config.image,
                        tags=tags,
                        cache_from=cache_from,
                        cache_to=cache_to,
                        build_args=_build_args(variant, mode, target, info, source),
                        labels=_labels(config, variant, mode, info),
                        gpu=variant.gpu,
                        device_flags=variant.resolved_device_flags,
                        gpu_probe=variant.resolved_gpu_probe,
                        run_flags=run_flags,
                        llama_source=source,
                        free_disk_space=variant.free_disk_space,
                        timeout_minutes=variant.timeout_minutes,
                    )
                )
            if platforms:
                merges.append(MergeGroup(variant.name, mode.name, config.image, tuple(platforms), tags))
    if not units:
        msg = "the selection leaves an empty matrix: no (variant, mode, platform) to build"
        raise ConfigError(msg)
    return Plan(config=config, info=info, units=tuple(units), merges=tuple(merges))
