"""Ratio of `bodhi-gen workflows --check` wall time to importing its four core libraries.

The baseline (`python -c 'import yaml, jinja2, pydantic, click'`) is the floor any Python tool
with these dependencies pays; the goal is a ratio of at most 1.5 for both figures. Medians of several
runs. Two figures: the usual case (the per-user check memo is warm) and a cold one (an empty cache
folder each run, as on a fresh CI runner: full validation and rendering).

The package is byte-compiled first, as `pip install` does for an installed package: an editable
install under PYTHONDONTWRITEBYTECODE would otherwise compile bodhi-gen's sources on every run,
which the libraries of the baseline (byte-compiled on install) never pay.
"""

from __future__ import annotations

import compileall
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
PACKAGE = ROOT / "generator" / "bodhi_gen"


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
    compileall.compile_dir(PACKAGE, quiet=1)  # the byte-code an install writes
    median_seconds(COMMAND, 2)  # warm the file cache
    baseline = median_seconds(BASELINE, runs)
    command = median_seconds(COMMAND, runs)
    cold = median_seconds(COMMAND, runs, cold=True)
    ratio = command / baseline
    print(f"import yaml, jinja2, pydantic, click     : {baseline * 1000:7.1f} ms (median of {runs})")
    print(f"bodhi-gen workflows --check              : {command * 1000:7.1f} ms (median of {runs})")
    print(f"bodhi-gen workflows --check, cold cache  : {cold * 1000:7.1f} ms (median of {runs})")
    print(f"ratio workflows --check / imports        : {ratio:7.2f} (goal <= 1.5)")
    print(f"ratio cold workflows --check / imports   : {cold / baseline:7.2f} (goal <= 1.5)")
    return max(ratio, cold / baseline)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 15)
