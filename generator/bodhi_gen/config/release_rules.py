"""Cross-field rules of the release lines and the pull-request selection, free of pydantic (as ``rules.py``)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bodhi_gen.config.records import Config


def _unknown(what: str, wanted: Iterable[str], known: Iterable[str]) -> None:
    known = list(known)
    missing = [name for name in wanted if name not in known]
    if missing:
        msg = f"{what} names unknown {', '.join(map(repr, missing))}; the config has {', '.join(known)}"
        raise ValueError(msg)


def _twice(what: str, names: list[str]) -> None:
    dupes = sorted({name for name in names if names.count(name) > 1})
    if dupes:
        msg = f"{what} lists {', '.join(dupes)} twice"
        raise ValueError(msg)


def release_patterns(config: Config) -> list[tuple[str, str]]:
    """(pattern, where it is configured) for every release tag pattern: the modes', then the lines'."""
    found = [(p, f"release.tag_patterns.{mode}") for mode, p in config.release.tag_patterns.items()]
    return found + [(line.pattern, f"release.lines[{n}]") for n, line in enumerate(config.release.lines)]


def check_release_lines(config: Config) -> None:
    modes = [m.name for m in config.modes]
    variants = [v.name for v in config.variants]
    for n, line in enumerate(config.release.lines):
        _unknown(f"release.lines[{n}].mode", [line.mode], modes)
        _unknown(f"release.lines[{n}].variants", line.variants, variants)
        _twice(f"release.lines[{n}].variants", list(line.variants))
    # a pattern is a prefix and "v*": two overlap when one prefix starts with the other, and a tag
    # matching both would build two different things
    patterns = release_patterns(config)
    for index, (pattern, where) in enumerate(patterns):
        for other, other_where in patterns[index + 1 :]:
            if pattern[:-1].startswith(other[:-1]) or other[:-1].startswith(pattern[:-1]):
                msg = f"{where} ({pattern}) and {other_where} ({other}) match the same tags: make them distinct"
                raise ValueError(msg)


def check_pull_request(config: Config) -> None:
    selection = config.pull_request
    variants = [v.name for v in config.variants]
    if selection.variants is not None:
        _unknown("pull_request.variants", selection.variants, variants)
        _twice("pull_request.variants", list(selection.variants))
    _unknown("pull_request.modes", selection.modes, [m.name for m in config.modes])
    _twice("pull_request.modes", list(selection.modes))
    if selection.platforms is not None:
        chosen = [v for v in config.variants if selection.variants is None or v.name in selection.variants]
        _unknown("pull_request.platforms", selection.platforms, sorted({p for v in chosen for p in v.platforms}))
