"""``bodhi-gen pins``: list the action pins with their age; with ``update``, move them and rewrite the file."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TextIO

from bodhi_gen.config.loader import load_config
from bodhi_gen.files import write_text
from bodhi_gen.github.access import api_url_from, token_from_env
from bodhi_gen.pins.data import Pin, dump_pins, package_pins_path, pin_lookup, read_pins_file
from bodhi_gen.pins.report import format_table, outcome_lines
from bodhi_gen.pins.rewrite import rewrite_file

Clock = Callable[[], datetime]


@dataclass(frozen=True)
class PinsSettings:
    config_path: Path | None = None
    update: bool = False
    cooldown_days: int = 7
    any_major: bool = False
    file: Path | None = None  # the data file to read and rewrite; None: the package's own
    rewrite: tuple[Path, ...] = ()  # hand-written YAML whose `uses:` lines follow the pins
    api_url: str | None = None  # None: $GITHUB_API_URL, else github.com


def _utc_now() -> datetime:
    return datetime.now(UTC)


def run(
    settings: PinsSettings,
    *,
    out: TextIO | None = None,  # None: sys.stdout, looked up when the command runs
    err: TextIO | None = None,
    env: Mapping[str, str] = os.environ,
    now: Clock = _utc_now,
) -> int:
    out, err = out or sys.stdout, err or sys.stderr
    overrides = load_config(settings.config_path).generator.pins
    api_url = api_url_from(settings.api_url, env)
    path = settings.file or package_pins_path()
    pins = read_pins_file(path, None if settings.file else "package")
    today = now()
    if settings.update:
        pins = _update(settings, api_url, path, pins, today, out, err, env)
        overridden = sorted(set(overrides) & set(pins))
        if overridden:
            out.write(f"note: the config overrides {', '.join(overridden)}; those pins are not taken from the file\n")
    merged = pin_lookup(overrides, pins).pins
    if not settings.update:
        out.write(format_table(merged, today.date()))
    for target in settings.rewrite:
        if rewrite_file(target, merged):
            out.write(f"rewrote the uses: lines of {target}\n")
    return 0


def _update(
    settings: PinsSettings,
    api_url: str,
    path: Path,
    pins: dict[str, Pin],
    today: datetime,
    out: TextIO,
    err: TextIO,
    env: Mapping[str, str],
) -> dict[str, Pin]:
    # Imported here: only an update talks to GitHub, and PyGithub is slow to import.
    from bodhi_gen.github.client import GitHubClient
    from bodhi_gen.pins.update import update_pins

    def log(line: str) -> None:
        err.write(f"bodhi-gen: {line}\n")

    token = token_from_env(env)
    client = GitHubClient(api_url, token, log=log)
    if token is None:
        log("no GH_TOKEN or GITHUB_TOKEN: unauthenticated requests are limited to 60 an hour")
    outcome = update_pins(
        pins, client, now=today, cooldown=timedelta(days=settings.cooldown_days), any_major=settings.any_major
    )
    out.writelines(line + "\n" for line in outcome_lines(outcome))
    if outcome.changes:
        write_text(path, dump_pins(outcome.pins))
        out.write(f"{len(outcome.changes)} pin(s) changed; wrote {path}\n")
        out.write("Next: regenerate (`bodhi-gen workflows`) and review the `uses:` lines that moved.\n")
    else:
        out.write(f"all {len(pins)} pin(s) are up to date.\n")
    return outcome.pins
