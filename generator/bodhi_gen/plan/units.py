"""What a plan is made of: build units, merge groups, and the per-variant and per-mode facts.

Everything here is plain frozen data. A binary unit compiles the app once per (mode, platform);
a build unit is one variant image (variant, mode, platform) that copies its binary unit's
``/app/bodhi``; a merge group names the per-platform images of one (variant, mode) as one index.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from bodhi_gen.errors import ConfigError
from bodhi_gen.plan.contract import PORT, exec_paths

if TYPE_CHECKING:
    from bodhi_gen.config.records import Config
    from bodhi_gen.plan.image_settings import ImageSettings

VERSION_PLACEHOLDER = "<version>"
COMMIT_PLACEHOLDER = "<commit>"
CacheKind = Literal["registry"]
# the name binary units go by in keys, cache refs and digest records (a reserved variant name)
BINARY_VARIANT = "binary"
BINARY_DOCKERFILE = "dockerfiles/binary.Dockerfile"


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
class TsClientPlan:
    dir: str
    script: str
    inputs: tuple[str, ...]


@dataclass(frozen=True)
class UiPlan:
    dir: str
    script: str
    output: str


@dataclass(frozen=True)
class AppPlan:
    """How the binary Dockerfile builds the app; ``rust_image`` is the generated file's default."""

    rust_image: str
    node_image: str
    deps_crate: str
    deps_paths: tuple[str, ...]
    ts_client: TsClientPlan
    ui: UiPlan
    binary: str


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
    # its defaults.yaml values and ENV lines
    image: ImageSettings
    # the cpu variant's base image, whose cpu llama-server a GPU variant with a cpu exec variant copies
    cpu_base_image: str | None = None
    # the release page's words: (description, hardware)
    notes: tuple[str, str] = ("", "")


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
    # the key of the binary unit whose /app/bodhi this image copies
    binary: str
    # the smoke test fails, instead of skipping its GPU check, on a runner without the GPU
    require_gpu: bool = False
    # the repository secret that holds the llama-server download token (named in errors)
    download_secret: str = "BODHI_DOWNLOAD_TOKEN"  # noqa: S105 - the name of a secret, not its value
    # the defaults.yaml values the image must carry (the smoke test checks them)
    defaults: dict[str, str] = field(default_factory=dict)
    # the image the runtime stage starts from, as configured (its digest is resolved and pinned per build)
    base_image: str = ""
    # a GPU variant's cpu base, whose cpu llama-server it copies ("" for none): pinned and recorded too
    cpu_base_image: str = ""
    # the port BodhiApp listens on inside the container (defaults.yaml's BODHI_PORT)
    port: int = PORT

    @property
    def key(self) -> str:
        return f"{self.variant}-{self.mode}-{self.arch}"

    @property
    def version(self) -> str:
        return self.build_args["BODHI_VERSION"]

    @property
    def exec_paths(self) -> tuple[str, ...]:
        """The llama-server of every exec variant, which the image must hold, executable."""
        return exec_paths(self.target, self.build_args["CI_BUILD_VARIANTS"])

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
            "require-gpu": self.require_gpu,
        }


@dataclass(frozen=True)
class BinaryUnit:
    """One compile of the app for (mode, platform): a minimal image holding ``/app/bodhi``."""

    mode: str
    platform: str
    arch: str
    runner: str
    qemu: bool
    target: str
    image: str
    dockerfile: str
    build_args: dict[str, str]
    labels: dict[str, str]
    cache_from: tuple[CacheSpec, ...]
    cache_to: tuple[CacheSpec, ...]
    timeout_minutes: int
    free_disk_space: bool = False

    @property
    def key(self) -> str:
        return f"{BINARY_VARIANT}-{self.mode}-{self.arch}"

    @property
    def variant(self) -> str:
        """What digest records and reports name it by (no variant may take the name)."""
        return BINARY_VARIANT

    @property
    def local_tag(self) -> str:
        return f"{self.image}:{self.key}"

    @property
    def tags(self) -> tuple[str, ...]:
        return (self.local_tag,)

    @property
    def version(self) -> str:
        return self.build_args["BODHI_VERSION"]

    def matrix_entry(self) -> dict[str, object]:
        """The fields a GitHub Actions build matrix needs (kebab-case keys)."""
        return {
            "key": self.key,
            "mode": self.mode,
            "platform": self.platform,
            "arch": self.arch,
            "runner": self.runner,
            "qemu": self.qemu,
            "free-disk-space": self.free_disk_space,
            "timeout-minutes": self.timeout_minutes,
        }


# what `build` builds: a variant image or the binary the variants copy
AnyUnit = BuildUnit | BinaryUnit


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
    app: AppPlan
    units: tuple[BuildUnit, ...]
    merges: tuple[MergeGroup, ...] = ()
    variants: tuple[VariantPlan, ...] = ()
    modes: tuple[ModePlan, ...] = ()
    binaries: tuple[BinaryUnit, ...] = ()

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

    def binary(self, mode: str, platform: str) -> BinaryUnit:
        for unit in self.binaries:
            if (unit.mode, unit.platform) == (mode, platform):
                return unit
        msg = f"no binary unit {mode}/{platform} in the plan"
        raise ConfigError(msg)

    def binary_of(self, unit: BuildUnit) -> BinaryUnit:
        """The binary unit whose /app/bodhi ``unit`` copies."""
        return self.binary(unit.mode, unit.platform)

    def merge(self, variant: str, mode: str) -> MergeGroup:
        for group in self.merges:
            if (group.variant, group.mode) == (variant, mode):
                return group
        msg = f"no merge group {variant}/{mode} in the plan"
        raise ConfigError(msg)
