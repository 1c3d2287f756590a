"""``bodhi-gen pins``: list the action pins with their age; with ``update``, move them and rewrite the file."""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TextIO

from bodhi_gen.errors import BodhiGenError
from bodhi_gen.files import write_text
from bodhi_gen.pins import Pin, dump_pins, package_pins_path, pin_lookup, read_pins_file

Clock = Callable[[], datetime]


@dataclass(frozen=True)
class PinsSettings:
    update: bool
    cooldown_days: int
    any_major: bool
    file: Path | None  # the data file to read and rewrite; None: the package's own
    rewrite: tuple[Path, ...]  # hand-written YAML whose `uses:` lines follow the pins
    api_url: str
    token: str | None = field(repr=False)
    overrides: Mapping[str, object] = field(default_factory=dict)  # config.generator.pins


def _utc_now() -> datetime:
    return datetime.now(UTC)


def run_pins(
    settings: PinsSettings, *, out: TextIO = sys.stdout, err: TextIO = sys.stderr, now: Clock = _utc_now
) -> int:
    path = settings.file or package_pins_path()
    pins = read_pins_file(path, None if settings.file else "package")
    today = now()
    if settings.update:
        pins = _update(settings, path, pins, today, out, err)
    merged = pin_lookup(settings.overrides, pins).pins
    if not settings.update:
        out.write(format_table(merged, today.date()))
    for target in settings.rewrite:
        _rewrite(target, merged, out)
    return 0


def _update(
    settings: PinsSettings, path: Path, pins: dict[str, Pin], today: datetime, out: TextIO, err: TextIO
) -> dict[str, Pin]:
    from bodhi_gen.pinning.update import update_pins
    from bodhi_gen.release.client import GitHubClient
    from bodhi_gen.release.failures import RetryPolicy

    def log(line: str) -> None:
        err.write(f"bodhi-gen: {line}\n")

    policy = RetryPolicy(token_present=settings.token is not None, api_url=settings.api_url)
    client = GitHubClient(api_url=settings.api_url, token=settings.token, policy=policy, log=log)
    if settings.token is None:
        log("no GH_TOKEN or GITHUB_TOKEN: unauthenticated requests are limited to 60 an hour")
    outcome = update_pins(
        pins, client, now=today, cooldown=timedelta(days=settings.cooldown_days), any_major=settings.any_major
    )
    for note in outcome.notes:
        out.write(f"held back: {note}\n")
    for change in outcome.changes:
        old, new = change.old, change.new
        out.write(
            f"updated: {new.action} {old.version} → {new.version} ({old.sha[:12]} → {new.sha[:12]}, {new.date})\n"
        )
    if outcome.changes:
        write_text(path, dump_pins(outcome.pins))
        out.write(f"{len(outcome.changes)} pin(s) changed; wrote {path}\n")
        out.write("Next: regenerate (`bodhi-gen workflows`) and review the `uses:` lines that moved.\n")
    else:
        out.write(f"all {len(pins)} pin(s) are up to date.\n")
    overridden = sorted(set(settings.overrides) & set(pins))
    if overridden:
        out.write(f"note: the config overrides {', '.join(overridden)}; those pins are not taken from the file\n")
    return outcome.pins


def _rewrite(target: Path, pins: Mapping[str, Pin], out: TextIO) -> None:
    from bodhi_gen.pinning.rewrite import rewrite_uses

    try:
        text = target.read_text("utf-8")
    except OSError as exc:
        msg = f"cannot read {target} (--rewrite): {exc.strerror or exc}"
        raise BodhiGenError(msg) from None
    new = rewrite_uses(text, pins)
    if new != text:
        write_text(target, new)
        out.write(f"rewrote the uses: lines of {target}\n")


def age_days(pin: Pin, today: date) -> str:
    if not pin.date:
        return "?"
    return str((today - date.fromisoformat(pin.date)).days)


def format_table(pins: Mapping[str, Pin], today: date) -> str:
    rows = [("action", "version", "sha", "released", "age (days)", "from")]
    rows += [(p.action, p.version, p.sha[:12], p.date or "?", age_days(p, today), p.source) for p in pins.values()]
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return "".join(
        "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip() + "\n" for row in rows
    )
