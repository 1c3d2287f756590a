"""Release lines: which tag patterns release what. Each mode's ``release.tag_patterns`` entry builds every
variant; each of ``release.lines`` builds only its variants, in its mode, with that mode's tags.

A release tag (or a bare version with a mode) resolves to one line; the workflows listen to every
line's pattern, and the release page is made per tag.
"""

from __future__ import annotations

from dataclasses import dataclass

from bodhi_gen.config.models import Config
from bodhi_gen.errors import UsageError
from bodhi_gen.versions import resolve_tag


@dataclass(frozen=True)
class ReleaseLine:
    pattern: str
    mode: str
    # () = every variant (a mode's own pattern)
    variants: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        """What a workflow comment says of the line: its mode, and its variants when they are a subset."""
        return f"{self.mode}: {', '.join(self.variants)}" if self.variants else self.mode

    def tag(self, version: str) -> str:
        """This line's release tag for ``version`` (``docker-mt/v*`` + 1.2.3 -> ``docker-mt/v1.2.3``)."""
        return self.pattern.removesuffix("*") + version


@dataclass(frozen=True)
class ResolvedRelease:
    version: str
    # the line a release tag matched; None for a plain version
    line: ReleaseLine | None

    @property
    def mode(self) -> str | None:
        return self.line.mode if self.line else None


def release_lines(config: Config) -> tuple[ReleaseLine, ...]:
    """Every line: the modes' tag patterns (all variants), then ``release.lines``."""
    modes = tuple(ReleaseLine(pattern, mode) for mode, pattern in config.release.tag_patterns.items())
    return modes + tuple(ReleaseLine(line.pattern, line.mode, line.variants) for line in config.release.lines)


def resolve_release(raw: str, config: Config) -> ResolvedRelease:
    """A version or release tag, resolved against every line's pattern."""
    lines = release_lines(config)
    version, pattern = resolve_tag(raw, tuple(line.pattern for line in lines))
    return ResolvedRelease(version, next((line for line in lines if line.pattern == pattern), None))


def mode_line(config: Config, mode: str) -> ReleaseLine | None:
    """The line of ``mode``'s own tag pattern (every variant), if it has one."""
    return next((line for line in release_lines(config) if line.mode == mode and not line.variants), None)


def line_variants(release: ResolvedRelease, wanted: tuple[str, ...], raw: str) -> tuple[str, ...]:
    """The variants to plan for ``release``: its line's (narrowed to ``wanted``), else ``wanted``."""
    line = release.line
    if line is None or not line.variants:
        return wanted
    outside = [name for name in wanted if name not in line.variants]
    if outside:
        msg = f"release tag {raw!r} builds only {', '.join(line.variants)}; the selection asks for {', '.join(outside)}"
        raise UsageError(msg)
    return wanted or line.variants
