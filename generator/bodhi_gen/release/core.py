"""``release``: plan, dispatch, and optionally follow the run — the one function the command calls."""

from __future__ import annotations

from collections.abc import Callable
from typing import TextIO

from bodhi_gen.errors import GitHubError, ReleaseFailedError
from bodhi_gen.release import report
from bodhi_gen.release.client import GitHubClient
from bodhi_gen.release.dispatch import dispatch, plan_dispatch
from bodhi_gen.release.failures import RetryPolicy
from bodhi_gen.release.follow import ProgressDisplay, follow_run
from bodhi_gen.release.settings import ReleaseSettings
from bodhi_gen.release.timing import Timing


def make_client(settings: ReleaseSettings, timing: Timing, log: Callable[[str], None]) -> GitHubClient:
    policy = RetryPolicy(
        max_retries=settings.max_retries,
        max_rate_limit_wait=settings.max_rate_limit_wait,
        token_present=settings.token is not None,
        api_url=settings.api_url,
    )
    return GitHubClient(
        api_url=settings.api_url,
        token=settings.token,
        policy=policy,
        http_timeout=settings.http_timeout,
        timing=timing,
        log=log,
    )


def run_release(
    settings: ReleaseSettings,
    *,
    out: TextIO,
    err: TextIO,
    timing: Timing | None = None,
    tty: bool | None = None,
) -> int:
    """Dispatch the caller workflow; with ``wait``, follow the run and fail unless it succeeds.

    Results go to ``out`` (only the JSON object with ``--json``); progress and notes go to ``err``.
    """
    timing = timing or Timing()
    human = err if settings.json_output else out

    def log(line: str) -> None:
        err.write(f"bodhi-gen: {line}\n")

    if settings.token is None and not settings.dry_run:
        msg = (
            f"no token: set GH_TOKEN or GITHUB_TOKEN to a token with Actions: write on {settings.repo} "
            "(fine-grained: Actions read and write; classic: repo scope)"
        )
        raise GitHubError(msg)
    client = make_client(settings, timing, log)
    plan = plan_dispatch(settings, client)
    if settings.dry_run:
        human.write(report.describe_plan(plan, dry_run=True) + "\n")
        if settings.json_output:
            out.write(report.result_json(plan, result="dry_run") + "\n")
        return 0

    run = dispatch(plan, settings, client, timing, log)
    human.write(report.describe_plan(plan, dry_run=False) + "\n")
    if run is None:
        if settings.json_output:
            out.write(report.result_json(plan, result="run_not_found") + "\n")
        msg = (
            f"the dispatch was accepted, but its run did not show up within "
            f"{settings.find_run_timeout:g} s; find it at {plan.runs_url}"
        )
        if settings.wait:
            raise GitHubError(msg)
        log(msg)
        return 0
    human.write(f"Run: {run.html_url}\n")
    human.flush()  # before a long --wait, even when stdout is a pipe
    if not settings.wait:
        if settings.json_output:
            out.write(report.result_json(plan, result="dispatched", run=run) + "\n")
        return 0

    result = follow_run(
        client,
        settings.repo,
        run.id,
        poll_interval=settings.poll_interval,
        timeout=settings.timeout,
        timing=timing,
        display=ProgressDisplay(err, tty=tty),
    )
    succeeded = not result.timed_out and result.run.conclusion == "success"
    outcome = "timeout" if result.timed_out else "success" if succeeded else "failure"
    if settings.json_output:
        out.write(report.result_json(plan, result=outcome, run=result.run, jobs=result.jobs) + "\n")
    if result.timed_out:
        raise ReleaseFailedError(report.timeout_message(result.run, result.jobs, settings.timeout or 0.0))
    if not succeeded:
        raise ReleaseFailedError(report.failure_message(result.run, result.jobs))
    human.write(f"Run {run.id} succeeded: {run.html_url}\n")
    return 0
