"""Time as the GitHub code sees it: injectable so tests neither sleep for real nor race the clock.

A ``RequestBudget`` caps how many requests one command sends, shared by the packages API and the registry
reader; retries of one request count too.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from bodhi_gen.errors import GitHubError


class RequestCapError(GitHubError):
    """The command would send more requests than ``--max-requests`` allows."""


@dataclass
class RequestBudget:
    limit: int
    used: int = 0

    def take(self, what: str) -> None:
        """Count one request; past the limit, stop before sending it."""
        if self.used >= self.limit:
            msg = f"stopped before {what}: {self.limit} requests sent, the --max-requests cap"
            raise RequestCapError(msg)
        self.used += 1


@dataclass(frozen=True)
class Timing:
    sleep: Callable[[float], None] = time.sleep
    # Deadlines (poll loops, --timeout) use the monotonic clock; rate-limit resets are wall-clock epochs.
    monotonic: Callable[[], float] = time.monotonic
    wall: Callable[[], float] = time.time


@dataclass(frozen=True)
class Deadline:
    """An overall limit (``--timeout``) every request and every wait is cut to; ``end=None``: none."""

    timing: Timing
    end: float | None = None
    seconds: float | None = None  # as the user gave it, for messages

    @classmethod
    def after(cls, timing: Timing, seconds: float | None) -> Deadline:
        if seconds is None:
            return cls(timing)
        return cls(timing, timing.monotonic() + seconds, seconds)

    def remaining(self) -> float | None:
        """Seconds left (never negative); ``None`` without a deadline."""
        if self.end is None:
            return None
        return max(self.end - self.timing.monotonic(), 0.0)

    def passed(self) -> bool:
        left = self.remaining()
        return left is not None and left <= 0

    def cap(self, seconds: float) -> float:
        """``seconds``, or the time left when that is shorter."""
        left = self.remaining()
        return seconds if left is None else min(seconds, left)
