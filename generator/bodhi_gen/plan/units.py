"""What a plan is made of: build units, merge groups, and the per-variant and per-mode facts.

Everything here is plain frozen data. A unit is one image build (variant, mode, platform); a
merge group names the per-platform images of one (variant, mode) as one index. A later "binary
unit" per (mode, platform) — compile once, let the variants copy the binary — would sit beside
``BuildUnit`` in ``Plan``, keyed by (mode, platform), and the variants' units would name it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from bodhi_gen.errors import ConfigError

if TYPE_CHECKING:
    from bodhi_gen.config.models import Config

VERSION_PLACEHOLDER = "<version>"
COMMIT_PLACEHOLDER = "<commit>"
CacheKind = Literal["registry", "gha"]


@dataclass(frozen=True)
class CacheSpec:
    """One build cache: a registry ref or a GitHub Actions cache scope; ``export`` for the write side.

    The docker adapter renders it in buildx's form; nothing else spells that form.
    """

    kind: CacheKind
    location: str
    export: bool = False


@dataclass(frozen=True)
class SecretSpec:
    """A BuildKit secret read from an environment variable: its value never reaches argv or logs."""

    id: str
    env: str


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
class Download:
    """Where a variant's runtime stage downloads llama-server from when a platform has no base image."""

    platforms: tuple[str, ...]
    repository: str
    release_prefix: str
    runtime_image: str


@dataclass(frozen=True)
class VariantPlan:
    """What the Dockerfile and the Makefile of one variant need, so that they never read the config."""

    name: str
    dockerfile: str
    base_image: str
    platforms: tuple[str, ...]
    gpu: str
    exec_variants: tuple[str, ...]
    device_flags: tuple[str, ...]
    run_flags: tuple[str, ...]
    llama_server_args: str
    download: Download | None


@dataclass(frozen=True)
class ModePlan:
    name: str
    cargo_profile: str
    cargo_features: tuple[str, ...]


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
    cache_from: tuple[CacheSpec, ...]
    cache_to: tuple[CacheSpec, ...]
    build_args: dict[str, str]
    labels: dict[str, str]
    gpu: str
    device_flags: tuple[str, ...]
    gpu_probe: tuple[str, ...]
    run_flags: tuple[str, ...]
    llama_source: str
    free_disk_space: bool
    timeout_minutes: int
    # the defaults.yaml values the image must carry (the smoke test checks them)
    defaults: dict[str, str] = field(default_factory=dict)

    @property
    def key(self) -> str:
        return f"{self.variant}-{self.mode}-{self.arch}"

    @property
    def version(self) -> str:
        return self.build_args["BODHI_VERSION"]

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

    def matrix_entry(self) -> dict[str, object]:
        return {"variant": self.variant, "mode": self.mode, "platforms": ",".join(self.platforms)}


@dataclass(frozen=True)
class Plan:
    """The units and merges of a selection, with the variant and mode facts the renderers need.

    ``variants`` are the planned ones; ``modes`` are all of the config's (a Dockerfile serves every
    mode). ``config`` stays for the workflow renderer, which renders the config's own lists.
    """

    config: Config
    info: BuildInfo
    units: tuple[BuildUnit, ...]
    merges: tuple[MergeGroup, ...] = ()
    variants: tuple[VariantPlan, ...] = ()
    modes: tuple[ModePlan, ...] = ()

    @property
    def image(self) -> str:
        return self.config.image

    @property
    def source_url(self) -> str:
        return self.config.source_url

    @property
    def llama_server_args(self) -> str:
        """The llama-server arguments of every variant (each variant adds its own)."""
        return self.config.llama_server_args

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
