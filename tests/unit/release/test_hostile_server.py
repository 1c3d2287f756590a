"""A broken or hostile API server: every wait bounded, every failure a documented exit code, the token never shown."""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from bodhi_gen import errors
from bodhi_gen.commands.release import ReleaseSettings, run
from bodhi_gen.error_handler import error_handler
from bodhi_gen.github.timing import Timing
from tests.helpers import ROOT, Result
from tests.unit.release.release_fakes import (
    REPO,
    TOKEN,
    FakeClock,
    FakeGitHub,
    Stage,
    acme_config,
    json_response,
)

Cli = Callable[..., Result]
WAIT_2S = ("--wait", "--timeout", "2", "--poll-interval", "0.05")


def timed(cli: Cli, *args: str) -> tuple[Result, float]:
    start = time.monotonic()
    result = cli("--version", "1.2.3", *args)
    return result, time.monotonic() - start


def test_retry_after_longer_than_the_cap_is_not_waited_for(cli: Cli, fake: FakeGitHub) -> None:
    fake.error(fake.repo_path, 503, "busy", **{"Retry-After": "3600"})

    result, elapsed = timed(cli)

    assert result.code == 5
    assert elapsed < 6
    assert "asked to retry in 3600 s, longer than bodhi-gen waits (60 s)" in result.err
    assert len(fake.server.log) == 1


def test_retry_after_is_cut_to_the_deadline(cli: Cli, fake: FakeGitHub) -> None:
    fake.error(fake.repo_path, 503, "busy", **{"Retry-After": "30"})

    result, elapsed = timed(cli, *WAIT_2S)

    assert result.code == 6
    assert elapsed < 6
    assert "did not finish within --timeout 2 s: time ran out while reading repository acme/app" in result.err


def test_202_forever_meets_the_deadline(cli: Cli, fake: FakeGitHub) -> None:
    fake.on(fake.repo_path, lambda _req: json_response({}, 202))

    result, elapsed = timed(cli, *WAIT_2S)

    assert result.code == 6
    assert elapsed < 6
    assert "time ran out while reading repository" in result.err


def test_202_forever_is_asked_a_bounded_number_of_times(
    fake: FakeGitHub, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fake.on(fake.repo_path, lambda _req: json_response({}, 202))
    clock = FakeClock()
    settings = ReleaseSettings(repo=REPO, version="1.2.3", api_url=fake.base, config_path=acme_config(tmp_path))

    with pytest.raises(SystemExit) as caught, error_handler():
        run(settings, env={"GH_TOKEN": TOKEN}, timing=Timing(sleep=clock.sleep, monotonic=clock.time, wall=clock.time))

    assert caught.value.code == 5
    assert len(fake.server.log) == settings.max_retries + 1
    assert "GitHub answered 202 (still processing) while reading repository acme/app (5 attempts)" in (
        capsys.readouterr().err
    )


@pytest.fixture
def hanging(fake: FakeGitHub) -> Iterator[threading.Event]:
    """The run endpoint answers only once released (or after 20 s): a server that hangs."""
    release = threading.Event()

    def hang(_request: Request) -> Response:
        release.wait(20)
        return json_response({})

    fake.repo()
    fake.workflow()
    fake.dispatch()
    fake.on(f"{fake.repo_path}/actions/runs/9001", hang)
    yield release
    release.set()


def test_hanging_api_meets_the_deadline(cli: Cli, fake: FakeGitHub, hanging: threading.Event) -> None:
    result, elapsed = timed(cli, *WAIT_2S)
    hanging.set()

    assert result.code == 6
    assert elapsed < 6
    assert "did not finish within --timeout 2 s" in result.err
    assert "it is still running" in result.err


def test_redirect_loop_stops_after_a_few_hops(cli: Cli, fake: FakeGitHub) -> None:
    hops: list[str] = []

    def bounce(request: Request) -> Response:
        hops.append(request.path)
        other = "/repos/acme/app2" if request.path == fake.repo_path else fake.repo_path
        return Response(status=301, headers={"Location": fake.base + other})

    fake.on(fake.repo_path, bounce)
    fake.on("/repos/acme/app2", bounce)

    result, elapsed = timed(cli)

    assert result.code == 5
    assert elapsed < 6
    assert "more than 3 redirects" in result.err
    assert len(hops) == 4


@pytest.mark.parametrize("status", [301, 302, 307])
def test_redirect_to_another_host_is_refused_and_the_token_stays(
    cli: Cli, fake: FakeGitHub, httpserver: HTTPServer, status: int
) -> None:
    elsewhere = HTTPServer(host="localhost", port=0)
    elsewhere.start()
    try:
        elsewhere.expect_request("/steal").respond_with_data("ok")
        fake.on(fake.repo_path, lambda _req: Response(status=status, headers={"Location": elsewhere.url_for("/steal")}))

        result = cli("--version", "1.2.3")

        assert result.code == 5
        assert f"the API redirected ({status}) to http://localhost:" in result.err
        assert "not followed, so the token is not sent there" in result.err
        assert len(elsewhere.log) == 0
    finally:
        elsewhere.clear()
        elsewhere.stop()


MALFORMED: list[tuple[str, Any, str]] = [
    ("html", "<html><body>Welcome to nginx</body></html>", "is None"),
    ("truncated JSON", '{"full_name": "acme/app", "html_', "JSONDecodeError"),
    ("a list", [1, 2, 3], "is None"),
    ("wrong types", {"full_name": 7, "html_url": [], "default_branch": {}}, "BadAttributeException"),
    ("the token echoed", {"full_name": 5, "html_url": TOKEN, "default_branch": TOKEN}, "BadAttributeException"),
]


@pytest.mark.parametrize(("body", "detail"), [(b, d) for _, b, d in MALFORMED], ids=[n for n, _, _ in MALFORMED])
def test_malformed_answers_are_github_errors(cli: Cli, fake: FakeGitHub, body: Any, detail: str) -> None:
    if isinstance(body, str):
        fake.on(fake.repo_path, lambda _req: Response(body, status=200, content_type="application/json"))
    else:
        fake.reply(fake.repo_path, body)

    result = cli("--version", "1.2.3")

    assert result.code == 5, result.err
    assert "answered reading repository acme/app with something GitHub never sends" in result.err
    assert detail in result.err
    assert "check --api-url or GITHUB_API_URL" in result.err


def test_malformed_run_and_jobs_while_waiting(cli: Cli, fake: FakeGitHub) -> None:
    fake.standard()
    fake.reply(f"{fake.repo_path}/actions/runs/9001", {**fake.run_json(9001, Stage("queued")), "status": 42})

    result = cli("--version", "1.2.3", *WAIT_2S)

    assert result.code == 5, result.err
    assert "never sends" in result.err


def test_absurd_rate_limit_reset_is_a_github_error(cli: Cli, fake: FakeGitHub) -> None:
    fake.error(
        fake.repo_path, 403, "API rate limit exceeded", **{"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": "9" * 40}
    )

    result = cli("--version", "1.2.3")

    assert result.code == 5
    assert "rate limit was exceeded while reading repository acme/app; retry in about" in result.err


def test_error_echoing_the_token_in_every_field_never_shows_it(cli: Cli, fake: FakeGitHub) -> None:
    echo = {"message": TOKEN, "errors": [TOKEN, {"message": TOKEN}, {"code": TOKEN}]}
    fake.on(fake.repo_path, lambda req: json_response({**echo, "auth": req.headers.get("Authorization")}, 500))

    result = cli("--version", "1.2.3", *WAIT_2S)

    assert result.code in (5, 6)
    assert "***" in result.err  # the cli fixture checks that TOKEN itself is nowhere


def test_release_docs_list_every_exit_code_release_and_pins_can_return() -> None:
    text = (ROOT / "docs" / "release.md").read_text("utf-8")
    section = text.split("\n## Exit codes\n", 1)[1].split("\n## ", 1)[0]
    listed = {int(code) for code in re.findall(r"^\| (\d+) \|", section, flags=re.MULTILINE)}
    raised = {errors.UsageError.exit_code, errors.ConfigError.exit_code, errors.GitHubError.exit_code}
    raised |= {errors.ReleaseFailedError.exit_code, errors.FileWriteError.exit_code}
    assert listed == {errors.OK, errors.INTERNAL, errors.INTERRUPTED} | raised
