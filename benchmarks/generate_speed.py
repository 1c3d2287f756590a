"""Two start-up ratios, medians of several runs in fresh processes:

- ``bodhi-gen workflows --check`` (cold: a new process reads, validates, plans and renders) against
  importing its core libraries (``python -c 'import yaml, jinja2, pydantic, click'``, the floor any
  Python tool with these dependencies pays); goal at most 2.5;
- ``bodhi-gen --help`` against ``python -c 'import click'``; goal at most 2.0.

The package is byte-compiled first, as ``pip install`` does for an installed package: an editable
install under PYTHONDONTWRITEBYTECODE would otherwise compile bodhi-gen's sources on every run,
which the libraries of the baselines (byte-compiled on install) never pay.

    python benchmarks/generate_speed.py [RUNS]
"""

from __future__ import annotations

import compileall
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "generator" / "bodhi_gen"
IMPORT_FLOOR = [sys.executable, "-c", "import yaml, jinja2, pydantic, click"]
CHECK = [sys.executable, "-m", "bodhi_gen", "workflows", "--check"]
CLICK = [sys.executable, "-c", "import click"]
HELP = [sys.executable, "-m", "bodhi_gen", "--help"]
GOALS = {"check": 2.5, "help": 2.0}


def median_seconds(argv: Sequence[str], runs: int) -> float:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(argv, cwd=ROOT, check=True, capture_output=True)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def main(runs: int = 15) -> dict[str, float]:
    compileall.compile_dir(PACKAGE, quiet=1)  # the byte-code an install writes
    for argv in (CHECK, HELP):
        median_seconds(argv, 2)  # warm the file cache
    floor, check = median_seconds(IMPORT_FLOOR, runs), median_seconds(CHECK, runs)
    click, helps = median_seconds(CLICK, runs), median_seconds(HELP, runs)
    ratios = {"check": check / floor, "help": helps / click}
    print(f"import yaml, jinja2, pydantic, click   : {floor * 1000:7.1f} ms (median of {runs})")
    print(f"bodhi-gen workflows --check (cold)     : {check * 1000:7.1f} ms")
    print(f"import click                           : {click * 1000:7.1f} ms")
    print(f"bodhi-gen --help                       : {helps * 1000:7.1f} ms")
    print(f"ratio workflows --check / import floor : {ratios['check']:7.2f} (goal <= {GOALS['check']})")
    print(f"ratio --help / import click            : {ratios['help']:7.2f} (goal <= {GOALS['help']})")
    return ratios


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 15)
