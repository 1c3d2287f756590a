"""``build_plan``: config → every (variant, mode, platform) unit with all it needs, in config order.

Templates, the image commands and the Makefile only read the plan; nothing downstream decides
tags, build args, cache refs or runtime flags by itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from bodhi_gen.config.llama_args import runtime_needs
from bodhi_gen.config.models import Config, Mode, Variant
from bodhi_gen.config.rules import TRIPLES, PlatformName
from bodhi_gen.errors import ConfigError, UsageError
from bodhi_gen.names import did_you_mean
from bodhi_gen.plan.contract import EXEC_NAME, unit_defaults, unit_labels
from bodhi_gen.plan.image_settings import image_settings
from bodhi_gen.plan.pull_request import pull_request_plan
from bodhi_gen.plan.release_lines import release_lines
from bodhi_gen.plan.toolchain import default_rust_image, rust_image
from bodhi_gen.plan.units import (
    BINARY_DOCKERFILE,
    BINARY_VARIANT,
    BinaryUnit,
    BuildInfo,
    BuildUnit,
    CacheSpec,
    MergeGroup,
    Plan,
    Selection,
    VariantPlan,
)

# The cpu llama.cpp image, when the config has no variant named cpu to take it from.
DEFAULT_CPU_BASE_IMAGE = "ghcr.io/bodhisearch/llama.cpp:latest-cpu"
CPU = "cpu"


def tags_for(config: Config, variant: Variant, mode: Mode, version: str) -> tuple[str, ...]:
    return tuple(f"{config.image}:{prefix}-{variant.name}{mode.tag_suffix}" for prefix in (version, "latest"))


def _cache(config: Config, key: str) -> tuple[tuple[CacheSpec, ...], tuple[CacheSpec, ...]]:
    if config.cache.backend == "registry":
        ref = f"{config.cache_repository}:{key}"
        exports = (CacheSpec("registry", ref, export=True),) if config.cache.export else ()
        return (CacheSpec("registry", ref),), exports
    return (), ()


def _common_args(mode: Mode, target: str, info: BuildInfo) -> dict[str, str]:
    """What every build injects, binary or variant: mode, version, commit, target and the dates."""
    args = {
        "BUILD_VARIANT": mode.name,
        "BODHI_VERSION": info.version,
        "BODHI_COMMIT_SHA": info.commit,
        "CI_BUILD_TARGET": target,
    }
    if info.created:
        args["BODHI_BUILD_CREATED"] = info.created
        epoch = source_date_epoch(info.created)
        if epoch is not None:
            # BuildKit dates the image config and history with it instead of the build time
            args["SOURCE_DATE_EPOCH"] = epoch
    return args


def _build_args(variant: Variant, mode: Mode, target: str, info: BuildInfo, source: str) -> dict[str, str]:
    args = _common_args(mode, target, info) | {
        "CI_DEFAULT_VARIANT": variant.resolved_exec_variant,
        "CI_BUILD_VARIANTS": ",".join(variant.resolved_exec_variants),
        "CI_EXEC_NAME": EXEC_NAME,
    }
    if variant.binary_download is not None:
        args["LLAMA_SOURCE"] = source
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


def _check_selection(kind: str, wanted: Sequence[str], known: Sequence[str]) -> None:
    unknown = [f"{name!r}{did_you_mean(name, known)}" for name in wanted if name not in known]
    if unknown:
        msg = f"unknown {kind} {', '.join(unknown)}; the config has: {', '.join(known)}"
        raise UsageError(msg)


def _cpu_base_image(config: Config, variant: Variant) -> str | None:
    """A GPU variant's bases hold only their own llama-server builds: the cpu one comes from the cpu base."""
    if not variant.is_gpu or CPU not in variant.resolved_exec_variants:
        return None
    cpu = next((v for v in config.variants if v.name == CPU), None)
    return cpu.base_image if cpu is not None else DEFAULT_CPU_BASE_IMAGE


def _variant_plan(config: Config, variant: Variant) -> VariantPlan:
    image = image_settings(config, variant)
    return VariantPlan(
        name=variant.name,
        dockerfile=f"dockerfiles/{variant.name}.Dockerfile",
        base_image=variant.base_image,
        platforms=variant.platforms,
        gpu=variant.gpu,
        exec_variants=variant.resolved_exec_variants,
        device_flags=variant.resolved_device_flags,
        run_flags=runtime_needs(*image.llama_args),
        llama_server_args=variant.llama_server_args,
        download=variant.binary_download,
        cpu_base_image=_cpu_base_image(config, variant),
        image=image,
        notes=(variant.notes.description, variant.notes.hardware),
    )


def _common(
    config: Config, variant: str, mode: Mode, platform: PlatformName, build_args: dict[str, str]
) -> dict[str, Any]:
    """The fields every unit of ``variant`` (or the binary) on ``platform`` has, as ``UnitBase`` takes them."""
    arch = platform.split("/")[1]
    cache_from, cache_to = _cache(config, f"{variant}-{mode.name}-{arch}")
    return {
        "variant": variant,
        "mode": mode.name,
        "platform": platform,
        "arch": arch,
        "runner": config.platforms[platform].runner,
        "qemu": config.platforms[platform].qemu,
        "target": TRIPLES[platform],
        "image": config.image,
        "cache_from": cache_from,
        "cache_to": cache_to,
        "build_args": build_args,
        "labels": unit_labels(config.image, config.source_url, variant, build_args),
    }


def _unit(
    config: Config, variant: VariantPlan, source: Variant, mode: Mode, platform: PlatformName, info: BuildInfo
) -> BuildUnit:
    downloads = variant.download is not None and platform in variant.download.platforms
    llama_source = "download" if downloads else "prebuilt"
    build_args = _build_args(source, mode, TRIPLES[platform], info, llama_source)
    common = _common(config, variant.name, mode, platform, build_args)
    return BuildUnit(
        **common | {"runner": source.runner or common["runner"]},
        dockerfile=variant.dockerfile,
        tags=tags_for(config, source, mode, info.version),
        gpu=variant.gpu,
        device_flags=variant.device_flags,
        gpu_probe=source.resolved_gpu_probe,
        run_flags=variant.run_flags,
        llama_source=llama_source,
        free_disk_space=source.free_disk_space,
        timeout_minutes=source.timeout_minutes,
        require_gpu=source.require_gpu,
        download_secret=config.generator.download_secret,
        binary=f"{BINARY_VARIANT}-{mode.name}-{common['arch']}",
        defaults=unit_defaults(build_args, variant.image.defaults),
        port=variant.image.port,
        base_image=variant.download.runtime_image if variant.download and downloads else variant.base_image,
        cpu_base_image=variant.cpu_base_image or "",
    )


def _binary(
    config: Config, mode: Mode, platform: PlatformName, info: BuildInfo, builder: str, units: list[BuildUnit]
) -> BinaryUnit:
    build_args = dict(sorted((_common_args(mode, TRIPLES[platform], info) | {"RUST_IMAGE": builder}).items()))
    common = _common(config, BINARY_VARIANT, mode, platform, build_args)
    users = [u for u in units if u.binary == f"{BINARY_VARIANT}-{mode.name}-{common['arch']}"]
    return BinaryUnit(
        **common | {"runner": config.app.runners.get(platform) or common["runner"]},
        dockerfile=BINARY_DOCKERFILE,
        timeout_minutes=max(u.timeout_minutes for u in users),
    )


def _binaries(config: Config, info: BuildInfo, builder: str, units: list[BuildUnit]) -> tuple[BinaryUnit, ...]:
    """One binary unit per (mode, platform) that a planned unit builds, in config order."""
    built = {(u.mode, u.platform) for u in units}
    platforms = list(dict.fromkeys(p for v in config.variants for p in v.platforms))
    return tuple(
        _binary(config, mode, platform, info, builder, units)
        for mode in config.modes
        for platform in platforms
        if (mode.name, platform) in built
    )


def build_plan(
    config: Config, info: BuildInfo | None = None, selection: Selection | None = None, channel: str | None = None
) -> Plan:
    """Expand the config into binary units, build units and merge groups, in config order (deterministic).

    ``channel`` is the Rust toolchain the build context pins (its rust-toolchain.toml), if known.
    """
    info = info or BuildInfo()
    builder = rust_image(config.app.rust_image, channel)
    selection = selection or Selection()
    _check_selection("variant", selection.variants, [v.name for v in config.variants])
    _check_selection("mode", selection.modes, [m.name for m in config.modes])
    _check_selection("platform", selection.platforms, sorted({p for v in config.variants for p in v.platforms}))
    units: list[BuildUnit] = []
    merges: list[MergeGroup] = []
    variants: list[VariantPlan] = []
    for source in config.variants:
        if selection.variants and source.name not in selection.variants:
            continue
        platforms = tuple(p for p in source.platforms if not selection.platforms or p in selection.platforms)
        variant = _variant_plan(config, source)
        for mode in config.modes:
            if selection.modes and mode.name not in selection.modes:
                continue
            units.extend(_unit(config, variant, source, mode, platform, info) for platform in platforms)
            if platforms:
                tags = tags_for(config, source, mode, info.version)
                limit = config.growth_limit(source.name)
                merges.append(MergeGroup(variant.name, mode.name, config.image, platforms, tags, limit, config.mirrors))
        if platforms and any(u.variant == variant.name for u in units):
            variants.append(variant)
    if not units:
        msg = "the selection leaves an empty matrix: no (variant, mode, platform) to build"
        raise ConfigError(msg)
    return Plan(
        info=info,
        image=config.image,
        source_url=config.source_url,
        llama_server_args=config.llama_server_args,
        rust_image=config.app.rust_image or default_rust_image(),
        app=config.app,
        release=config.release,
        generator=config.generator,
        checkout=config.checkout,
        registry_auth=config.registry_auth,
        bases=config.bases,
        cache_repository=config.cache_repository if config.cache.backend == "registry" else None,
        units=tuple(units),
        merges=tuple(merges),
        variants=tuple(variants),
        modes=config.modes,
        binaries=_binaries(config, info, builder, units),
        mirrors=config.mirrors,
        release_lines=release_lines(config),
        pull_request=pull_request_plan(config),
    )
