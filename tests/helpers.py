"""Shared test helpers: where things are, and how to run the CLI as a real process."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from bodhi_gen.config.loader import load
from bodhi_gen.config.locate import locate
from bodhi_gen.plan.build import build_plan
from bodhi_gen.render import registry
from bodhi_gen.render.output import GeneratedFile

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "tests" / "examples"
GOOD_CONFIGS = sorted((EXAMPLES / "good").glob("*.yaml"))
BAD_CONFIGS = sorted((EXAMPLES / "bad").glob("*.yaml"))
# None is the embedded BodhiApp default; the rest are the good example configs
CONFIGS: list[Path | None] = [None, *GOOD_CONFIGS]
CONFIG_IDS = ["default", *(p.stem for p in GOOD_CONFIGS)]


@dataclass(frozen=True)
class Result:
    code: int
    out: str
    err: str


def exit_code_of(call: Callable[[], object]) -> int:
    """How ``call`` (the CLI's main, or a command under the error handler) would end a process: the int it
    returns (0 for anything else), or its SystemExit's code (1 when that is not an int)."""
    try:
        returned = call()
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else 1
    return returned if isinstance(returned, int) else 0


def run_cli(args: Sequence[str], cwd: Path | None = None, env: dict[str, str] | None = None) -> Result:
    """Run `python -m bodhi_gen ARGS` as a real process (exit codes, stdout and stderr as users see them)."""
    environment = {**os.environ, **(env or {})}
    environment.pop("BODHI_GEN_DEBUG", None)
    done = subprocess.run(
        [sys.executable, "-m", "bodhi_gen", *args],
        cwd=cwd or ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    return Result(done.returncode, done.stdout, done.stderr)


def render_files(
    command: str, config_path: Path | None, cwd: Path | None = None, out_dir: Path | None = None
) -> list[GeneratedFile]:
    """Generator ``command``'s files for a config (without ``.gitattributes``), as ``command`` renders them.

    ``out_dir``: the root the files are meant for, which their headers name the config relative to.
    """
    source = locate(config_path, cwd, out_dir)
    return registry.render(command, build_plan(load(source)), source.header_name)
