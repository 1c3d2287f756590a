"""Read each published image's base labels and each base's digest now: the state of every (variant, mode, platform).

For each (variant, mode) the config publishes, the ``latest-<variant><suffix>`` image records, per
platform, the digest of the base it was built on (labels of the image contract). The base's tag is read
again from its registry for that platform: another digest there means the image is out of date.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from bodhi_gen.bases.report import BaseState
from bodhi_gen.docker.imagetools import platform_labels, registry_digest
from bodhi_gen.plan.contract import (
    LABEL_BASE_DIGEST,
    LABEL_BASE_NAME,
    LABEL_CPU_BASE_DIGEST,
    LABEL_CPU_BASE_NAME,
    LABEL_REVISION,
    LABEL_VERSION,
)
from bodhi_gen.versions import SEMVER_RE

if TYPE_CHECKING:
    from python_on_whales import DockerClient

    from bodhi_gen.plan.units import BuildUnit, Plan

# what a rebuild may take from an image's labels (they come from a registry: checked, never trusted)
_COMMIT_RE = re.compile(r"^[0-9a-f]{7,64}$")


def _checked(value: str | None, pattern: re.Pattern[str]) -> str | None:
    return value if value is not None and pattern.fullmatch(value) else None


class _Survey:
    """Reads each published image once and each (base, platform) once."""

    def __init__(self, client: DockerClient, plan: Plan) -> None:
        self.client = client
        self.plan = plan
        self.labels: dict[str, dict[str, dict[str, str]] | None] = {}
        self.now: dict[tuple[str, str], str] = {}

    def published(self, tag: str) -> dict[str, dict[str, str]] | None:
        if tag not in self.labels:
            self.labels[tag] = platform_labels(self.client, tag)
        return self.labels[tag]

    def current(self, base: str, platform: str) -> str:
        if (base, platform) not in self.now:
            self.now[(base, platform)] = registry_digest(self.client, base, platform)
        return self.now[(base, platform)]

    def state(self, unit: BuildUnit) -> BaseState:
        tag = self.plan.merge(unit.variant, unit.mode).latest_tag or ""
        state = BaseState(unit.variant, unit.mode, unit.platform, tag, unit.base_image)
        images = self.published(tag)
        if images is None:
            return state.but(state="unpublished", detail=f"{tag} does not exist")
        labels = next((v for k, v in images.items() if k == unit.platform or k.startswith(unit.platform + "/")), None)
        if labels is None:
            return state.but(state="unpublished", detail=f"{tag} has no {unit.platform} image")
        state = state.but(
            version=_checked(labels.get(LABEL_VERSION), SEMVER_RE),
            commit=_checked(labels.get(LABEL_REVISION), _COMMIT_RE),
            built=labels.get(LABEL_BASE_DIGEST),
            now=self.current(unit.base_image, unit.platform),
        )
        if state.built is None:
            return state.but(state="unrecorded", detail="built before bases were recorded")
        recorded = labels.get(LABEL_BASE_NAME)
        if recorded != unit.base_image:
            return state.but(state="moved", detail=f"built on {recorded}, the config now names {unit.base_image}")
        if state.built != state.now:
            return state.but(state="moved")
        return self.cpu_state(state, unit, labels)

    def cpu_state(self, state: BaseState, unit: BuildUnit, labels: dict[str, str]) -> BaseState:
        """A GPU variant copies its cpu llama-server from the cpu base: that base moving dates the image too."""
        base = unit.cpu_base_image
        if not base:
            return state
        built, name = labels.get(LABEL_CPU_BASE_DIGEST), labels.get(LABEL_CPU_BASE_NAME)
        if built is None:
            return state.but(state="unrecorded", detail=f"its cpu base {base}")
        if name != base:
            return state.but(state="moved", detail=f"cpu base: built on {name}, the config now names {base}")
        now = self.current(base, unit.platform)
        if built != now:
            return state.but(state="moved", detail=f"cpu base {base} moved from {built} to {now}")
        return state


def survey(client: DockerClient, plan: Plan) -> list[BaseState]:
    """The base state of every published (variant, mode, platform), in config order."""
    reader = _Survey(client, plan)
    return [reader.state(unit) for unit in plan.units]
