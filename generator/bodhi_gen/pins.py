"""Third-party action pins: one data file (name → version, commit SHA), read in one place."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from bodhi_gen.errors import ConfigError

PINS_FILE = "action-pins.json"


@dataclass(frozen=True)
class Pin:
    action: str
    version: str
    sha: str
    date: str

    @property
    def uses(self) -> str:
        """The value of a ``uses:`` line, SHA-pinned with the version as a trailing comment."""
        return f"{self.action}@{self.sha} # {self.version}"


@cache
def load_pins() -> dict[str, Pin]:
    raw = json.loads(files("bodhi_gen.data").joinpath(PINS_FILE).read_text("utf-8"))
    return {
        name: Pin(action=name, version=entry["version"], sha=entry["sha"], date=entry["date"])
        for name, entry in sorted(raw.items())
    }


def pin(action: str) -> Pin:
    pins = load_pins()
    if action not in pins:
        msg = f"no pin for action {action!r}; known: {', '.join(pins)}"
        raise ConfigError(msg)
    return pins[action]
