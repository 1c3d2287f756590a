"""What the config records answer beyond their fields (defaults resolved, look-ups): mixed into ``records.py``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bodhi_gen.config.rules import DEFAULT_DEVICE_FLAGS, DEFAULT_GPU_PROBES, GpuKind, exec_variants_of, registry_of

if TYPE_CHECKING:
    from bodhi_gen.config.records import Cache, Mode, SizeLimits, Variant


class VariantBehaviour:
    name: str
    gpu: GpuKind
    exec_variants: tuple[str, ...]
    exec_variant: str | None
    device_flags: tuple[str, ...] | None
    gpu_probe: tuple[str, ...] | None

    @property
    def is_gpu(self) -> bool:
        return self.gpu != "none"

    @property
    def resolved_exec_variants(self) -> tuple[str, ...]:
        return exec_variants_of(self.name, self.gpu, self.exec_variants)

    @property
    def resolved_exec_variant(self) -> str:
        """BODHI_EXEC_VARIANT: as configured, else the variant's own name."""
        return self.exec_variant or self.name

    @property
    def resolved_device_flags(self) -> tuple[str, ...]:
        return DEFAULT_DEVICE_FLAGS[self.gpu] if self.device_flags is None else self.device_flags

    @property
    def resolved_gpu_probe(self) -> tuple[str, ...]:
        return DEFAULT_GPU_PROBES[self.gpu] if self.gpu_probe is None else self.gpu_probe


class MirrorBehaviour:
    image: str

    @property
    def registry(self) -> str:
        return registry_of(self.image)


class ConfigBehaviour:
    image: str
    variants: tuple[Variant, ...]
    modes: tuple[Mode, ...]
    cache: Cache
    size_limits: SizeLimits

    def variant(self, name: str) -> Variant:
        return next(v for v in self.variants if v.name == name)

    def mode(self, name: str) -> Mode:
        return next(m for m in self.modes if m.name == name)

    def growth_limit(self, variant: str) -> float:
        """The % a platform image of ``variant`` may grow per release (its own limit, else the global one)."""
        own = self.variant(variant).max_growth_percent
        return self.size_limits.growth_percent if own is None else own

    @property
    def cache_repository(self) -> str:
        return self.cache.repository or f"{self.image}-cache"
