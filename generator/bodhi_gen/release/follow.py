"""Follow a run until it completes (or the ``--timeout`` deadline passes), showing its progress as it goes."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from typing import TextIO

from bodhi_gen.github.client import GitHubClient
from bodhi_gen.github.failures import DeadlineExceededError
from bodhi_gen.github.models import JobInfo, RunInfo
from bodhi_gen.github.timing import Deadline, Timing


@dataclass(frozen=True)
class FollowResult:
    run: RunInfo
    jobs: list[JobInfo]
    timed_out: bool


def follow_run(
    client: GitHubClient,
    repo: str,
    run: RunInfo,
    *,
    poll_interval: float,
    deadline: Deadline,
    timing: Timing,
    display: ProgressDisplay,
) -> FollowResult:
    """Poll ``run`` until it completes or ``deadline`` passes (a request it cuts short included)."""
    start = timing.monotonic()
    jobs: list[JobInfo] = []
    try:
        while True:
            try:
                run, jobs = client.run_with_jobs(repo, run.id)
            except DeadlineExceededError:
                return FollowResult(run, jobs, timed_out=True)
            display.update(run, jobs, elapsed=timing.monotonic() - start)
            if run.completed:
                return FollowResult(run, jobs, timed_out=False)
            if deadline.passed():
                return FollowResult(run, jobs, timed_out=True)
            timing.sleep(deadline.cap(poll_interval))
    finally:
        display.close()


def summarize(run: RunInfo, jobs: list[JobInfo]) -> str:
    """``3/8 jobs done; running: build (cpu), build (cuda); failed: merge`` — or the run's status."""
    if not jobs:
        return f"run {run.status or 'queued'}; waiting for jobs"
    done = sum(job.done for job in jobs)
    parts = [f"{done}/{len(jobs)} jobs done"]
    running = [job.name for job in jobs if job.status == "in_progress"]
    failed = [job.name for job in jobs if job.failed]
    if running:
        parts.append("running: " + ", ".join(running))
    if failed:
        parts.append("failed: " + ", ".join(failed))
    return "; ".join(parts)


class ProgressDisplay:
    """A terminal gets one line rewritten in place; anything else gets a plain line per change."""

    def __init__(self, stream: TextIO, *, tty: bool | None = None, width: int | None = None) -> None:
        self._stream = stream
        self._tty = stream.isatty() if tty is None else tty
        self._width = width
        self._last: str | None = None
        self._open_line = False

    def update(self, run: RunInfo, jobs: list[JobInfo], *, elapsed: float) -> None:
        line = summarize(run, jobs)
        if self._tty:
            minutes, seconds = divmod(int(elapsed), 60)
            text = f"[{minutes:02d}:{seconds:02d}] {line}"
            width = self._width or shutil.get_terminal_size().columns
            if len(text) > width - 1:
                text = text[: max(width - 2, 1)] + "…"
            self._stream.write(f"\r{text}\x1b[K")
            self._open_line = True
        elif line != self._last:
            self._stream.write(line + "\n")
        self._last = line
        self._stream.flush()

    def close(self) -> None:
        if self._open_line:
            self._stream.write("\n")
            self._stream.flush()
            self._open_line = False
