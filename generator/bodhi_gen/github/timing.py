"""Time as the GitHub code sees it: injectable so tests neither sleep for real nor race the clock."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Timing:
    sleep: Callable[[float], None] = time.sleep
    # Deadlines (poll loops, --timeout) use the monotonic clock; rate-limit resets are wall-clock epochs.
    monotonic: Callable[[], float] = time.monotonic
    wall: Callable[[], float] = time.time
