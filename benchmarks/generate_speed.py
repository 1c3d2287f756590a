"""Ratio of `bodhi-gen workflows --check` wall time to importing its four core libraries.

The baseline (`python -c 'import yaml, jinja2, pydantic, click'`) is the floor any Python tool
with these dependencies pays; the goal is a ratio of at most 1.5. Medians of several runs.
Two figures: the usual case (the per-user check memo is warm) and a
cold one (an empty cache folder each run: full validation and rendering).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BASELINE = [sys.executable, "-c", "import yaml, jinja2, pydantic, click"]
COMMAND = [sys.executable, "-m", "bodhi_gen", "workflows", "--check"]
# the least a cold check can cost: the same imports plus validating one pydantic model (pydantic's
# model machinery and its plugin discovery through importlib.metadata load on the first model)
PYDANTIC_FLOOR = [
    sys.executable,
    "-c",
    "import yaml, jinja2, click\nfrom pydantic import BaseModel\n"
    "class M(BaseModel):\n    x: int = 0\nM.model_validate({})",
]


def median_seconds(argv: Sequence[str], runs: int, cold: bool = False) -> float:
    samples = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as cache:
            env = {**os.environ, "XDG_CACHE_HOME": cache} if cold else None
            start = time.perf_counter()
            subprocess.run(argv, cwd=ROOT, check=True, capture_output=True, env=env)
            samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def main(runs: int = 15) -> float:
    median_seconds(COMMAND, 2)  # warm the file cache and byte-code
    baseline = median_seconds(BASELINE, runs)
    command = median_seconds(COMMAND, runs)
    cold = median_seconds(COMMAND, runs, cold=True)
    pydantic_floor = median_seconds(PYDANTIC_FLOOR, runs)
    ratio = command / baseline
    print(f"import yaml, jinja2, pydantic, click     : {baseline * 1000:7.1f} ms (median of {runs})")
    print(f"bodhi-gen workflows --check              : {command * 1000:7.1f} ms (median of {runs})")
    print(f"bodhi-gen workflows --check, cold cache  : {cold * 1000:7.1f} ms (median of {runs})")
    print(f"imports + one pydantic model validated   : {pydantic_floor * 1000:7.1f} ms (median of {runs})")
    print(f"ratio workflows --check / imports        : {ratio:7.2f} (goal <= 1.5)")
    print(f"ratio cold workflows --check / imports   : {cold / baseline:7.2f}")
    print(f"ratio one pydantic model / imports       : {pydantic_floor / baseline:7.2f} (the cold floor)")
    return ratio


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 15)
