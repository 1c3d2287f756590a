"""What ``pins`` tells its user: the table of pins with their age, and what an update moved."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from bodhi_gen.pins.data import Pin
from bodhi_gen.pins.update import Outcome
from bodhi_gen.tables import table


def age_days(pin: Pin, today: date) -> str:
    if not pin.date:
        return "?"
    return str((today - date.fromisoformat(pin.date)).days)


def format_table(pins: Mapping[str, Pin], today: date) -> str:
    rows = [("action", "version", "sha", "released", "age (days)", "from")]
    rows += [(p.action, p.version, p.sha[:12], p.date or "?", age_days(p, today), p.source) for p in pins.values()]
    return table(rows)


def outcome_lines(outcome: Outcome) -> list[str]:
    """A line per release the cooldown held back, then a line per pin that moved."""
    lines = [f"held back: {note}" for note in outcome.notes]
    for change in outcome.changes:
        old, new = change.old, change.new
        lines.append(
            f"updated: {new.action} {old.version} → {new.version} ({old.sha[:12]} → {new.sha[:12]}, {new.date})"
        )
    return lines
