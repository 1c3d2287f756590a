"""Third-party action pins: one data file (action → version, commit SHA, release date), read in one place.

The package's ``data/action-pins.json`` holds the defaults; a config may override single actions
(``generator.pins``). Renderers get a ``PinLookup`` built from the config, never a global.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from pathlib import Path

from pydantic import TypeAdapter, ValidationError

from bodhi_gen.config.models import ActionPin, PinRecord
from bodhi_gen.errors import ConfigError

PINS_FILE = "action-pins.json"


@dataclass(frozen=True)
class Pin:
    action: str
    version: str
    sha: str
    date: str  # the release's publication date (YYYY-MM-DD); "" when unknown
    source: str = "package"  # "package", a file name, or "config" for an override

    @property
    def uses(self) -> str:
        """The value of a ``uses:`` line, SHA-pinned with the version as a trailing comment."""
        return f"{self.action}@{self.sha} # {self.version}"


def package_pins_path() -> Path:
    """The package's data file (in an editable install, the file in the source tree)."""
    return Path(str(files("bodhi_gen.data").joinpath(PINS_FILE)))


def parse_pins(text: str, source: str) -> dict[str, Pin]:
    try:
        records = TypeAdapter(dict[str, PinRecord]).validate_json(text)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(part) for part in error['loc']) or 'file'}: {error['msg']}"
            for error in exc.errors(include_url=False)
        )
        msg = f"{source}: not a valid pins file (action → {{version, sha, date}}): {problems}"
        raise ConfigError(msg) from None
    return {name: _pin(name, record, source) for name, record in sorted(records.items())}


def _pin(name: str, record: ActionPin | PinRecord, source: str) -> Pin:
    return Pin(action=name, version=record.version, sha=record.sha, date=record.date, source=source)


@cache
def load_pins() -> dict[str, Pin]:
    """The package's pins, with no config applied."""
    return parse_pins(package_pins_path().read_text("utf-8"), "package")


def read_pins_file(path: Path, label: str | None = None) -> dict[str, Pin]:
    try:
        text = path.read_text("utf-8")
    except OSError as exc:
        msg = f"cannot read pins file {path}: {exc.strerror or exc}"
        raise ConfigError(msg) from None
    return parse_pins(text, label or path.name)


def dump_pins(pins: Mapping[str, Pin]) -> str:
    """The data file's text: sorted, two-space indented, one trailing newline (byte-deterministic)."""
    body = {name: {"version": p.version, "sha": p.sha, "date": p.date} for name, p in sorted(pins.items())}
    return json.dumps(body, indent=2) + "\n"


class PinLookup:
    """``pin("owner/repo")`` in templates: the package's pins with the config's overrides on top."""

    def __init__(self, pins: Mapping[str, Pin]) -> None:
        self.pins = dict(sorted(pins.items()))

    def __call__(self, action: str) -> Pin:
        if action not in self.pins:
            msg = f"no pin for action {action!r}; known: {', '.join(self.pins)}"
            raise ConfigError(msg)
        return self.pins[action]


def pin_lookup(overrides: Mapping[str, ActionPin] | None = None, base: Mapping[str, Pin] | None = None) -> PinLookup:
    """Merge ``overrides`` (``config.generator.pins``) over ``base`` (default: the package's pins)."""
    merged = dict(load_pins() if base is None else base)
    for name, override in (overrides or {}).items():
        merged[name] = _pin(name, override, "config")
    return PinLookup(merged)
