"""``bodhi-gen release``: check the options, dispatch the caller workflow and, with ``wait``, follow the run."""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from bodhi_gen.config.loader import load_config
from bodhi_gen.config.models import Config
from bodhi_gen.errors import GitHubError, ReleaseFailedError
from bodhi_gen.github.access import api_url_from, token_from_env
from bodhi_gen.github.client import GitHubClient
from bodhi_gen.github.failures import DeadlineExceededError
from bodhi_gen.github.models import RunInfo
from bodhi_gen.github.timing import Deadline, Timing
from bodhi_gen.release import report
from bodhi_gen.release.dispatch import DispatchPlan, RunSearch, dispatch, plan_dispatch
from bodhi_gen.release.follow import ProgressDisplay, follow_run
from bodhi_gen.release.request import (
    DispatchRequest,
    check_mode,
    check_ref,
    check_repo,
    check_version_or_bump,
    check_wait,
    check_workflow,
    package_from_image,
    parse_variants,
)
from bodhi_gen.versions import BumpPart, check_version


@dataclass(frozen=True)
class ReleaseSettings:
    repo: str
    config_path: Path | None = None
    workflow: str = "bodhi-release.yml"
    version: str | None = None
    bump: str | None = None  # patch, minor or major; exactly one of version and bump
    ref: str | None = None  # None: the repository's default branch
    mode: str | None = None  # None: the config's first mode
    variants: str = ""  # comma-separated; empty: all
    wait: bool = False
    poll_interval: float = 10.0
    timeout: float | None = None  # with wait: give up after this many seconds
    api_url: str | None = None  # None: $GITHUB_API_URL, else github.com
    dry_run: bool = False
    json_output: bool = False
    # Not on the command line: limits that tests shorten.
    http_timeout: int = 30
    max_retries: int = 4
    max_rate_limit_wait: float = 60.0
    find_run_timeout: float = 60.0  # how long to look for a run the server did not name


@dataclass(frozen=True)
class _Session:
    """One release command as it runs: its settings, clock, overall deadline and output streams."""

    settings: ReleaseSettings
    timing: Timing
    deadline: Deadline
    out: TextIO  # results (only the JSON object with --json)
    err: TextIO  # progress and notes
    tty: bool | None

    @property
    def human(self) -> TextIO:
        """Where the lines for people go: stdout, or stderr when stdout carries the JSON."""
        return self.err if self.settings.json_output else self.out

    def log(self, line: str) -> None:
        self.err.write(f"bodhi-gen: {line}\n")


def run(
    settings: ReleaseSettings,
    *,
    out: TextIO | None = None,  # None: sys.stdout, looked up when the command runs
    err: TextIO | None = None,
    env: Mapping[str, str] = os.environ,
    timing: Timing | None = None,
    tty: bool | None = None,
) -> int:
    """Dispatch the caller workflow; with ``wait``, follow the run and fail unless it succeeds.

    Results go to ``out`` (only the JSON object with ``json_output``); progress and notes go to ``err``.
    """
    request = dispatch_request(settings, load_config(settings.config_path))
    timing = timing or Timing()
    # --timeout bounds the whole command, every request and every wait in it, not only the polls.
    deadline = Deadline.after(timing, settings.timeout)
    session = _Session(settings, timing, deadline, out or sys.stdout, err or sys.stderr, tty)
    try:
        return _release(session, request, env)
    except DeadlineExceededError as exc:
        msg = f"the release did not finish within --timeout {settings.timeout or 0:g} s: {exc.message}"
        raise ReleaseFailedError(msg) from None


def _release(session: _Session, request: DispatchRequest, env: Mapping[str, str]) -> int:
    settings, out, human, deadline = session.settings, session.out, session.human, session.deadline
    client = _client(session, env)
    plan = plan_dispatch(request, client)
    if settings.dry_run:
        human.write(report.describe_plan(plan, dry_run=True) + "\n")
        if settings.json_output:
            out.write(report.result_json(plan, result="dry_run") + "\n")
        return 0

    search = RunSearch(settings.poll_interval, deadline.cap(settings.find_run_timeout))
    run = dispatch(plan, client, session.timing, session.log, search)
    human.write(report.describe_plan(plan, dry_run=False) + "\n")
    if run is None:
        if settings.json_output:
            out.write(report.result_json(plan, result="run_not_found") + "\n")
        if deadline.passed():
            msg = (
                f"the dispatch was accepted, but --timeout passed before its run showed up; find it at {plan.runs_url}"
            )
            raise ReleaseFailedError(msg)
        msg = (
            f"the dispatch was accepted, but its run did not show up within "
            f"{settings.find_run_timeout:g} s; find it at {plan.runs_url}"
        )
        if settings.wait:
            raise GitHubError(msg)
        session.log(msg)
        return 0
    human.write(f"Run: {run.html_url}\n")
    human.flush()  # before a long --wait, even when stdout is a pipe
    if not settings.wait:
        if settings.json_output:
            out.write(report.result_json(plan, result="dispatched", run=run) + "\n")
        return 0
    return _follow(session, plan, client, run)


def dispatch_request(settings: ReleaseSettings, config: Config) -> DispatchRequest:
    """Every option checked against what the generated caller workflow accepts, before anything is sent."""
    check_version_or_bump(settings.version, settings.bump)
    check_wait(wait=settings.wait, poll_interval=settings.poll_interval, timeout=settings.timeout)
    ref = check_ref(settings.ref)
    return DispatchRequest(
        repo=check_repo(settings.repo),
        workflow=check_workflow(settings.workflow),
        ref=ref,
        version=check_version(settings.version) if settings.version is not None else None,
        bump=BumpPart(settings.bump) if settings.bump is not None else None,
        package=package_from_image(config.image) if settings.bump is not None else None,
        mode=check_mode(settings.mode, tuple(m.name for m in config.modes)),
        variants=parse_variants(settings.variants, tuple(v.name for v in config.variants)),
    )


def _client(session: _Session, env: Mapping[str, str]) -> GitHubClient:
    settings = session.settings
    api_url, token = api_url_from(settings.api_url, env), token_from_env(env)
    if token is None and not settings.dry_run:
        msg = (
            f"no token: set GH_TOKEN or GITHUB_TOKEN to a token with Actions: write on {settings.repo} "
            "(fine-grained: Actions read and write; classic: repo scope)"
        )
        raise GitHubError(msg)
    return GitHubClient(
        api_url,
        token,
        log=session.log,
        timing=session.timing,
        http_timeout=settings.http_timeout,
        max_retries=settings.max_retries,
        max_rate_limit_wait=settings.max_rate_limit_wait,
        deadline=session.deadline,
    )


def _follow(session: _Session, plan: DispatchPlan, client: GitHubClient, run: RunInfo) -> int:
    settings, out = session.settings, session.out
    result = follow_run(
        client,
        plan.request.repo,
        run,
        poll_interval=settings.poll_interval,
        deadline=session.deadline,
        timing=session.timing,
        display=ProgressDisplay(session.err, tty=session.tty),
    )
    succeeded = not result.timed_out and result.run.conclusion == "success"
    outcome = "timeout" if result.timed_out else "success" if succeeded else "failure"
    if settings.json_output:
        out.write(report.result_json(plan, result=outcome, run=result.run, jobs=result.jobs) + "\n")
    if result.timed_out:
        raise ReleaseFailedError(report.timeout_message(result.run, result.jobs, settings.timeout or 0.0))
    if not succeeded:
        raise ReleaseFailedError(report.failure_message(result.run, result.jobs))
    session.human.write(f"Run {run.id} succeeded: {run.html_url}\n")
    return 0
