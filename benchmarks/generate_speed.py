"""Ratio of `bodhi-gen workflows --check` wall time to importing its four core libraries.

The baseline (`python -c 'import yaml, jinja2, pydantic, click'`) is the floor any Python tool
with these dependencies pays; the goal is a ratio of at most 1.5. Medians of several runs.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BASELINE = [sys.executable, "-c", "import yaml, jinja2, pydantic, click"]
COMMAND = [sys.executable, "-m", "bodhi_gen", "workflows", "--check"]


def median_seconds(argv: Sequence[str], runs: int) -> float:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(argv, cwd=ROOT, check=True, capture_output=True)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def main(runs: int = 15) -> float:
    median_seconds(COMMAND, 2)  # warm the file cache and byte-code
    baseline = median_seconds(BASELINE, runs)
    command = median_seconds(COMMAND, runs)
    ratio = command / baseline
    print(f"import yaml, jinja2, pydantic, click : {baseline * 1000:7.1f} ms (median of {runs})")
    print(f"bodhi-gen workflows --check          : {command * 1000:7.1f} ms (median of {runs})")
    print(f"ratio workflows --check / imports    : {ratio:7.2f} (goal <= 1.5)")
    return ratio


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 15)
