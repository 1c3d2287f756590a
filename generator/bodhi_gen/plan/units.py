"""What a plan is made of: build units, merge groups, and the per-variant facts.

Everything here is frozen. A binary unit compiles the app once per (mode, platform); a build unit is
one variant image (variant, mode, platform) that copies its binary unit's ``/app/bodhi``; a merge
group names the per-platform images of one (variant, mode) as one index, with what its publish
needs (growth limit, mirrors). Where a config model is the fact, the plan holds the model itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from bodhi_gen.config.rules import registry_of
from bodhi_gen.errors import ConfigError
from bodhi_gen.plan.contract import PORT, exec_paths

if TYPE_CHECKING:
    from bodhi_gen.config.models import (
        App,
        Bases,
        BinaryDownload,
        Checkout,
        Generator,
        Mirror,
        Mode,
        RegistryAuth,
        Release,
    )
    from bodhi_gen.plan.image_settings import ImageSettings
    from bodhi_gen.plan.release_lines import ReleaseLine

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
    download: BinaryDownload | None
    # its defaults.yaml values and ENV lines
    image: ImageSettings
    # the cpu variant's base image, whose cpu llama-server a GPU variant with a cpu exec variant copies
    cpu_base_image: str | None = None
    # the release page's words: (description, hardware)
    notes: tuple[str, str] = ("", "")


@dataclass(frozen=True, kw_only=True)
class UnitBase:
    """What every build has: where it runs and what it builds (``BuildUnit`` and ``BinaryUnit`` add the rest)."""

    variant: str
    mode: str
    platform: str
    arch: str
    runner: str
    qemu: bool
    target: str
    dockerfile: str
    image: str
    cache_from: tuple[CacheSpec, ...]
    cache_to: tuple[CacheSpec, ...]
    build_args: dict[str, str]
    labels: dict[str, str]
    timeout_minutes: int
    free_disk_space: bool = False

    @property
    def key(self) -> str:
        return f"{self.variant}-{self.mode}-{self.arch}"

    @property
    def version(self) -> str:
        return self.build_args["BODHI_VERSION"]

    def matrix_entry(self) -> dict[str, object]:
        """The fields a GitHub Actions build matrix needs (kebab-case keys)."""
        return {
            "mode": self.mode,
            "platform": self.platform,
            "arch": self.arch,
            "runner": self.runner,
            "qemu": self.qemu,
            "free-disk-space": self.free_disk_space,
            "timeout-minutes": self.timeout_minutes,
        }


@dataclass(frozen=True, kw_only=True)
class BuildUnit(UnitBase):
    """One variant image (variant, mode, platform), copying its binary unit's ``/app/bodhi``."""

    tags: tuple[str, ...]
    gpu: str
    device_flags: tuple[str, ...]
    gpu_probe: tuple[str, ...]
    run_flags: tuple[str, ...]
    llama_source: str
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
    def exec_paths(self) -> tuple[str, ...]:
        """The llama-server of every exec variant, which the image must hold, executable."""
        return exec_paths(self.target, self.build_args["CI_BUILD_VARIANTS"])

    def matrix_entry(self) -> dict[str, object]:
        return super().matrix_entry() | {"variant": self.variant, "require-gpu": self.require_gpu}


@dataclass(frozen=True, kw_only=True)
class BinaryUnit(UnitBase):
    """One compile of the app for (mode, platform): a minimal image holding ``/app/bodhi``."""

    # what keys, digest records and reports name it by (no variant may take the name)
    variant: str = BINARY_VARIANT

    @property
    def local_tag(self) -> str:
        return f"{self.image}:{self.key}"

    @property
    def tags(self) -> tuple[str, ...]:
        return (self.local_tag,)

    def matrix_entry(self) -> dict[str, object]:
        return super().matrix_entry() | {"key": self.key}


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
    # the % each platform image may grow against the latest tag's; None: publish measures nothing
    growth_limit: float | None = None
    # the repositories the verified index is copied to
    mirrors: tuple[Mirror, ...] = ()

    @property
    def registry(self) -> str:
        return registry_of(self.image)

    @property
    def latest_tag(self) -> str | None:
        """The ``latest-<variant><suffix>`` tag (``tags_for`` names it after the version's)."""
        head = f"{self.image}:latest-"
        return next((tag for tag in self.tags if tag.startswith(head)), None)

    def matrix_entry(self) -> dict[str, object]:
        return {"variant": self.variant, "mode": self.mode, "platforms": ",".join(self.platforms)}


@dataclass(frozen=True)
class PullRequestPlan:
    """What a pull request builds (``plan/pull_request.py`` decides it) and the paths that trigger it."""

    selection: Selection
    paths: tuple[str, ...]


@dataclass(frozen=True)
class Plan:
    """Every decision of a selection, and the config's facts the renderers need, as the models themselves.

    ``variants`` are the planned ones; ``modes`` are all of the config's (a Dockerfile serves every
    mode). Nothing after planning reads the config: templates and commands read this.
    """

    info: BuildInfo
    image: str
    source_url: str
    # the llama-server arguments of every variant (each variant adds its own)
    llama_server_args: str
    # the binary Dockerfile's RUST_IMAGE default: the configured image, else the default channel's
    rust_image: str
    app: App
    release: Release
    generator: Generator
    checkout: Checkout
    registry_auth: RegistryAuth
    bases: Bases
    # the registry cache repository; None without a registry cache
    cache_repository: str | None
    units: tuple[BuildUnit, ...]
    merges: tuple[MergeGroup, ...] = ()
    variants: tuple[VariantPlan, ...] = ()
    modes: tuple[Mode, ...] = ()
    binaries: tuple[BinaryUnit, ...] = ()
    mirrors: tuple[Mirror, ...] = ()
    # every release tag pattern: the modes', then release.lines'
    release_lines: tuple[ReleaseLine, ...] = ()
    # what the pull-request workflow builds, and which changed paths trigger it
    pull_request: PullRequestPlan | None = None

    @property
    def registry(self) -> str:
        return registry_of(self.image)

    @property
    def mirror_logins(self) -> list[tuple[int, Mirror]]:
        """(n, mirror) of each mirror that logs in: the merge job reads its password from secret mirror-<n>-password."""
        return [(n, mirror) for n, mirror in enumerate(self.mirrors, 1) if mirror.login]

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
