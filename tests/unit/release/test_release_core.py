"""The command against a local GitHub with an injected clock: retries, rate limits, the run search, --bump."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from werkzeug import Response

from bodhi_gen.commands.release import ReleaseSettings, run
from bodhi_gen.error_handler import error_handler
from bodhi_gen.github.timing import Timing
from tests.helpers import Result, exit_code_of
from tests.unit.release.release_fakes import (
    REPO,
    RUN_ID,
    SUCCESS_STAGES,
    TOKEN,
    FakeClock,
    FakeGitHub,
    Stage,
    acme_config,
    free_port,
    json_response,
)

Run = Callable[..., Result]


def make_settings(api_url: str, config: Path, **options: Any) -> ReleaseSettings:
    values: dict[str, Any] = {"repo": REPO, "version": "1.2.3", "api_url": api_url, "config_path": config}
    return ReleaseSettings(**{**values, **options})


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def core(
    fake: FakeGitHub,
    clock: FakeClock,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> Iterator[Run]:
    """Run the core under the real error handler; the token must never reach the output."""
    monkeypatch.delenv("BODHI_GEN_DEBUG", raising=False)
    results: list[Result] = []
    timing = Timing(sleep=clock.sleep, monotonic=clock.time, wall=clock.time)
    config = acme_config(tmp_path)

    def run_core(api_url: str | None = None, token: str | None = TOKEN, **options: Any) -> Result:
        settings = make_settings(api_url or fake.base, config, **options)
        env = {"GH_TOKEN": token} if token else {}

        def call() -> int:
            with error_handler():
                return run(settings, out=sys.stdout, err=sys.stderr, env=env, timing=timing, tty=False)

        code = exit_code_of(call)
        captured = capsys.readouterr()
        results.append(Result(code, captured.out, captured.err))
        return results[-1]

    yield run_core
    for result in results:
        assert TOKEN not in result.out + result.err
        assert "Traceback" not in result.err


def _error(status: int, message: str = "", **headers: str) -> Response:
    return json_response({"message": message} if message else {}, status, headers or None)


def test_server_errors_are_retried_with_backoff(core: Run, fake: FakeGitHub, clock: FakeClock) -> None:
    fake.sequence(fake.repo_path, _error(502), _error(500, "Server Error"), json_response(fake.repo_body()))
    fake.workflow()
    fake.dispatch()

    result = core()

    assert result.code == 0, result.err
    assert clock.sleeps == [1.0, 2.0]
    assert "GitHub answered 502 while reading repository acme/app (attempt 1 of 5); retrying in 1 s" in result.err


def test_server_errors_give_up_after_bounded_retries(core: Run, fake: FakeGitHub, clock: FakeClock) -> None:
    fake.error(fake.repo_path, 503, "Service Unavailable")

    result = core()

    assert result.code == 5
    assert clock.sleeps == [1.0, 2.0, 4.0, 8.0]
    assert "GitHub answered 503 (Service Unavailable) while reading repository acme/app (5 attempts)" in result.err
    assert "try again later" in result.err


def test_retry_after_is_honoured(core: Run, fake: FakeGitHub, clock: FakeClock) -> None:
    fake.sequence(fake.repo_path, _error(503, **{"Retry-After": "7"}), json_response(fake.repo_body()))
    fake.workflow()
    fake.dispatch()

    assert core().code == 0
    assert clock.sleeps == [7.0]


def test_dispatch_is_retried_after_a_server_error(core: Run, fake: FakeGitHub, clock: FakeClock) -> None:
    fake.repo()
    fake.workflow()
    path = f"{fake.workflow_path}/dispatches"
    ok = json_response({"workflow_run_id": RUN_ID, "run_url": "x", "html_url": fake.run_html()})
    fake.sequence(path, _error(502), ok, method="POST")

    result = core()

    assert result.code == 0, result.err
    assert clock.sleeps == [1.0]
    assert fake.posts() == 2


def test_unreachable_api(core: Run, clock: FakeClock) -> None:
    api = f"http://127.0.0.1:{free_port()}/api/v3"

    result = core(api_url=api)

    assert result.code == 5
    assert clock.sleeps == [1.0, 2.0, 4.0, 8.0]
    assert f"could not reach {api} while reading repository acme/app" in result.err
    assert "refused" in result.err.lower()
    assert "GITHUB_API_URL" in result.err


def test_short_rate_limit_is_waited_out(core: Run, fake: FakeGitHub, clock: FakeClock) -> None:
    reset = str(int(clock.now) + 5)
    limited = _error(403, "API rate limit exceeded", **{"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": reset})
    fake.sequence(fake.repo_path, limited, json_response(fake.repo_body()))
    fake.workflow()
    fake.dispatch()

    result = core()

    assert result.code == 0, result.err
    assert len(clock.sleeps) == 1
    assert 5 <= clock.sleeps[0] <= 7
    assert "rate limit was exceeded while reading repository acme/app; waiting for its reset" in result.err


def test_too_many_requests_with_retry_after(core: Run, fake: FakeGitHub, clock: FakeClock) -> None:
    fake.sequence(fake.repo_path, _error(429, **{"Retry-After": "2"}), json_response(fake.repo_body()))
    fake.workflow()
    fake.dispatch()

    assert core().code == 0
    assert clock.sleeps == [2.0]


def test_secondary_rate_limit_without_a_reset_time(core: Run, fake: FakeGitHub, clock: FakeClock) -> None:
    fake.error(fake.repo_path, 403, "You have exceeded a secondary rate limit. Please wait a few minutes.")

    result = core()

    assert result.code == 5
    assert clock.sleeps == []
    assert "rate limit was exceeded while reading repository acme/app; retry in a few minutes" in result.err


def test_run_not_found_in_time(core: Run, fake: FakeGitHub, clock: FakeClock) -> None:
    fake.repo()
    fake.workflow()
    fake.dispatch(run_id=None)
    queries = fake.dispatch_runs([])

    result = core(find_run_timeout=5.0)

    assert result.code == 0, result.err
    assert "did not show up within 5 s; find it at https://github.test/acme/app/actions/workflows/" in result.err
    assert sum(clock.sleeps) == pytest.approx(5.0)
    assert len(queries) == len(clock.sleeps) + 1

    waited = core(find_run_timeout=5.0, wait=True, poll_interval=1.0)
    assert waited.code == 5


def test_wait_timeout_bounds_the_wait(core: Run, fake: FakeGitHub, clock: FakeClock) -> None:
    fake.standard(Stage("in_progress", jobs=(("build (cpu)", "in_progress", None),)))

    result = core(wait=True, poll_interval=10.0, timeout=25.0, json_output=True)

    assert result.code == 6
    assert clock.sleeps == [10.0, 10.0, 5.0]
    assert '"result": "timeout"' in result.out


def test_wait_succeeds(core: Run, fake: FakeGitHub, clock: FakeClock) -> None:
    fake.standard(*SUCCESS_STAGES)

    result = core(wait=True, poll_interval=2.5)

    assert result.code == 0, result.err
    assert clock.sleeps == [2.5, 2.5]


def test_bump_follows_pages_and_falls_back_to_the_user(core: Run, fake: FakeGitHub) -> None:
    fake.standard()
    fake.error("/orgs/acme/packages/container/app/versions", 404, "Not Found")
    pages: list[str] = []

    def versions(request: Any) -> Response:
        pages.append(request.args["page"])
        if request.args["page"] == "1":
            return json_response([{"metadata": {"container": {"tags": [f"0.1.{i}-cpu"]}}} for i in range(100)])
        return json_response([{"metadata": {"container": {"tags": ["0.2.0-cuda", "latest-cuda"]}}}])

    fake.on("/users/acme/packages/container/app/versions", versions)

    result = core(version=None, bump="minor")

    assert result.code == 0, result.err
    assert pages == ["1", "2"]
    assert fake.dispatch_bodies[0]["inputs"]["version"] == "0.3.0"


def test_bump_without_any_published_version(core: Run, fake: FakeGitHub) -> None:
    fake.standard()
    fake.reply("/orgs/acme/packages/container/app/versions", [{"metadata": {"container": {"tags": ["latest-cpu"]}}}])

    result = core(version=None, bump="patch")

    assert result.code == 2
    assert "no published version of ghcr.io/acme/app found (among 1 tags)" in result.err
    assert fake.posts() == 0


def test_bump_without_packages_permission(core: Run, fake: FakeGitHub) -> None:
    fake.standard()
    fake.error("/orgs/acme/packages/container/app/versions", 403, "Resource not accessible")

    result = core(version=None, bump="patch")

    assert result.code == 5
    assert "lacks the Packages: read permission" in result.err
    assert "read:packages" in result.err


def test_dry_run_without_a_token_only_reads(core: Run, fake: FakeGitHub) -> None:
    fake.repo()
    fake.workflow()

    result = core(dry_run=True, token=None)

    # Public repositories can be read without a token; this fake insists on one, and the 401 is explained.
    assert result.code == 5
    assert "GitHub requires a token for reading repository acme/app: set GH_TOKEN or GITHUB_TOKEN" in result.err
    assert fake.posts() == 0
