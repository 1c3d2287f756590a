"""What ``bodhi-gen bases`` prints: a table, GitHub step outputs (the rebuild matrix), a step summary."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any, Literal

from bodhi_gen.gha import compact_json, format_outputs, markdown_table
from bodhi_gen.tables import table as text_table

State = Literal["same", "moved", "unrecorded", "unpublished"]
NONE = "-"


@dataclass(frozen=True)
class BaseState:
    """One published (variant, mode, platform): the base it was built on and the base's digest now."""

    variant: str
    mode: str
    platform: str
    tag: str
    base: str
    built: str | None = None
    now: str | None = None
    version: str | None = None
    commit: str | None = None
    state: State = "same"
    detail: str = ""

    def but(self, **changes: Any) -> BaseState:
        return replace(self, **changes)

    @property
    def name(self) -> str:
        return f"{self.variant} {self.mode} {self.platform}"

    @property
    def rebuild(self) -> bool:
        """Its base moved, or it records none (a rebuild records one)."""
        return self.state in ("moved", "unrecorded")

    @property
    def explanation(self) -> str:
        if self.state == "unrecorded":
            return f"{self.tag} records no base digest ({self.detail}); rebuilding records one"
        if self.detail:
            return f"base moved: {self.detail}"
        return f"base {self.base} moved from {self.built} to {self.now}"


def _short(digest: str | None) -> str:
    if not digest:
        return NONE
    algorithm, _, value = digest.partition(":")
    return f"{algorithm}:{value[:12]}" if value else digest


def table(states: Sequence[BaseState]) -> str:
    rows = [("VARIANT", "MODE", "PLATFORM", "BUILT-ON", "NOW", "MOVED")]
    for s in states:
        moved = {"same": "no", "moved": "yes", "unrecorded": "unrecorded", "unpublished": "unpublished"}[s.state]
        rows.append((s.variant, s.mode, s.platform, _short(s.built), _short(s.now), moved))
    moved_count = sum(s.rebuild for s in states)
    return f"{text_table(rows)}\n{moved_count} of {len(states)} image(s) to rebuild\n"


def rebuild_matrix(states: Sequence[BaseState]) -> list[dict[str, str]]:
    """One entry per (mode, version, commit): the variants to rebuild as they are published now.

    A (variant, mode) is rebuilt whole (every platform), at the version and commit its image records.
    One without a readable version is left out: there is nothing to rebuild it at.
    """
    groups: dict[tuple[str, str, str], list[str]] = {}
    for s in states:
        if s.rebuild and s.version is not None:
            variants = groups.setdefault((s.mode, s.version, s.commit or ""), [])
            if s.variant not in variants:
                variants.append(s.variant)
    return [
        {"mode": mode, "version": version, "commit": commit, "variants": ",".join(variants)}
        for (mode, version, commit), variants in groups.items()
    ]


def github_outputs(states: Sequence[BaseState]) -> str:
    matrix = rebuild_matrix(states)
    return format_outputs({"moved": "true" if matrix else "false", "rebuild": compact_json(matrix)})


def summary_markdown(states: Sequence[BaseState]) -> str:
    """A Markdown table of every image's base; a moved one names its base's digest then and now."""
    rows = []
    for s in states:
        code = [f"`{v}`" if v else NONE for v in (s.base, s.built, s.now)]
        moved = s.state if not s.detail else f"{s.state}: {s.detail}"
        rows.append([s.variant, s.mode, s.platform, *code, moved.replace("|", "\\|")])
    header = ("Variant", "Mode", "Platform", "Base", "Built on", "Now", "Moved")
    return markdown_table("bodhi-gen bases", header, rows) + "\n"
