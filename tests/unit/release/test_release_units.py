"""The pure parts of release: versions, options, the retry policy, run matching and the progress display."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bodhi_gen.commands.release import ReleaseSettings, dispatch_request
from bodhi_gen.config.loader import load_config
from bodhi_gen.errors import UsageError
from bodhi_gen.github.access import GITHUB_API_URL, api_url_from, token_from_env
from bodhi_gen.github.failures import ApiFailure, Operation, redact
from bodhi_gen.github.models import JobInfo, RunInfo
from bodhi_gen.github.packages import Package
from bodhi_gen.github.retry import Retry, RetryPolicy, Stop
from bodhi_gen.release.dispatch import pick_run
from bodhi_gen.release.follow import ProgressDisplay
from bodhi_gen.release.request import DispatchRequest, check_ref, package_from_image, parse_variants
from bodhi_gen.versions import BumpPart, Version, check_version, latest_version, version_of_tag
from tests.unit.release.release_fakes import acme_config


@pytest.mark.parametrize("text", ["0.0.1", "1.2.3", "10.20.30", "1.3.0-rc.1", " 1.2.3 "])
def test_valid_versions(text: str) -> None:
    assert check_version(text) == text.strip()


@pytest.mark.parametrize(
    ("text", "hint"),
    [("v1.2.3", "did you mean 1.2.3?"), ("docker/v1.2.3", "did you mean 1.2.3?"), ("01.2.3", ""), ("1.2", "")],
)
def test_invalid_versions(text: str, hint: str) -> None:
    with pytest.raises(UsageError, match="not a release version") as exc:
        check_version(text)
    assert hint in exc.value.message


@pytest.mark.parametrize(
    ("part", "expected"),
    [(BumpPart.PATCH, "1.2.4"), (BumpPart.MINOR, "1.3.0"), (BumpPart.MAJOR, "2.0.0")],
)
def test_bump(part: BumpPart, expected: str) -> None:
    assert str(Version(1, 2, 3).bump(part)) == expected


def test_latest_version_compares_numerically() -> None:
    tags = ["latest-cpu", "0.9.0-cpu", "0.10.0-cuda-development", "0.2.0", "sha-abc", "1.0-cpu"]
    assert latest_version(tags) == Version(0, 10, 0)
    assert latest_version(["latest-cpu"]) is None
    assert version_of_tag("1.2.3cpu") is None


def _request(tmp_path: Path, **options: object) -> DispatchRequest:
    values: dict[str, object] = {"repo": "acme/app", "version": "1.2.3"}
    settings = ReleaseSettings(**{**values, **options})  # type: ignore[arg-type]
    return dispatch_request(settings, load_config(acme_config(tmp_path)))


def test_request_defaults(tmp_path: Path) -> None:
    request = _request(tmp_path, workflow=".github/workflows/bodhi-release.yml")
    assert request.workflow == "bodhi-release.yml"
    assert request.mode == "production"
    assert request.variants == ()
    assert request.package is None


def test_api_url_precedence() -> None:
    assert api_url_from(None, {}) == GITHUB_API_URL
    env = {"GITHUB_API_URL": "https://ghe.test/api/v3/"}
    assert api_url_from(None, env) == "https://ghe.test/api/v3"
    assert api_url_from("http://127.0.0.1:9", env) == "http://127.0.0.1:9"
    with pytest.raises(UsageError, match="is not an http"):
        api_url_from("ftp://x", {})


def test_token_precedence() -> None:
    assert token_from_env({"GH_TOKEN": "a", "GITHUB_TOKEN": "b"}) == "a"
    assert token_from_env({"GH_TOKEN": "  ", "GITHUB_TOKEN": "b"}) == "b"
    assert token_from_env({}) is None


def test_variants() -> None:
    assert parse_variants("cuda, cpu,,cuda", ("cpu", "cuda")) == ("cuda", "cpu")
    assert parse_variants("", ("cpu",)) == ()


def test_package_from_image() -> None:
    assert package_from_image("ghcr.io/bodhisearch/bodhiapp") == Package("bodhisearch", "bodhiapp")
    with pytest.raises(UsageError, match="pass --version"):
        package_from_image("docker.io/library/app")


def test_bump_needs_a_ghcr_image(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match=r"is not ghcr\.io/OWNER/NAME"):
        package_from_image("registry.test/acme/app")
    request = _request(tmp_path, version=None, bump="minor")
    assert request.bump is BumpPart.MINOR
    assert request.package == Package("acme", "app")


OP = Operation(what="doing it", permission="Actions: write", not_found="nothing here", idempotent=False)


def test_a_dispatch_that_may_have_reached_github_is_not_repeated() -> None:
    policy = RetryPolicy()
    sent = ApiFailure(None, "Connection reset by peer", maybe_sent=True)
    refused = ApiFailure(None, "Connection refused", maybe_sent=False)

    decision = policy.decide(sent, OP, 0, 0.0)
    assert isinstance(decision, Stop)
    assert "may have reached GitHub" in decision.message
    assert isinstance(policy.decide(refused, OP, 0, 0.0), Retry)


def test_backoff_is_capped() -> None:
    policy = RetryPolicy(max_retries=10, backoff=1.0, max_backoff=5.0)
    delays = [policy.decide(ApiFailure(502, ""), OP, attempt, 0.0) for attempt in range(5)]
    assert [d.delay for d in delays if isinstance(d, Retry)] == [1.0, 2.0, 4.0, 5.0, 5.0]


def test_long_rate_limit_names_the_reset_time() -> None:
    failure = ApiFailure(429, "", {"x-ratelimit-reset": str(3600 * 24 + 1800)})
    decision = RetryPolicy().decide(failure, OP, 0, 3600 * 24)
    assert isinstance(decision, Stop)
    assert "retry after 1970-01-02 00:30:01 UTC (in about 30 min)" in decision.message


def test_redact() -> None:
    assert redact("Bearer sekrit and sekrit", "sekrit") == "Bearer *** and ***"
    assert redact("text", None) == "text"


def _run(run_id: int, created: datetime, title: str = "bodhi release") -> RunInfo:
    return RunInfo(id=run_id, html_url=f"u/{run_id}", created_at=created, display_title=title)


def test_pick_run_prefers_a_title_naming_the_version_then_the_earliest() -> None:
    since = datetime(2026, 1, 1, tzinfo=UTC)
    before = _run(1, since - timedelta(seconds=1))
    first = _run(2, since + timedelta(seconds=2))
    second = _run(3, since + timedelta(seconds=1))
    titled = _run(4, since + timedelta(seconds=9), title="bodhi release 1.2.3")

    assert pick_run([before], since, "1.2.3") is None
    assert pick_run([before, first, second], since, "1.2.3") == second
    assert pick_run([first, titled, second], since, "1.2.3") == titled


def _jobs(*states: tuple[str, str, str | None]) -> list[JobInfo]:
    return [JobInfo(name, status, conclusion, "") for name, status, conclusion in states]


def test_terminal_display_rewrites_one_line() -> None:
    stream = io.StringIO()
    display = ProgressDisplay(stream, tty=True, width=40)
    run = RunInfo(id=1, html_url="", status="in_progress")

    display.update(run, _jobs(("a", "completed", "success"), ("build (cuda, amd64)", "in_progress", None)), elapsed=65)
    display.update(run, _jobs(("a", "completed", "success"), ("b", "completed", "failure")), elapsed=70)
    display.close()

    first, second = stream.getvalue().split("\r")[1:]
    assert first == "[01:05] 1/2 jobs done; running: build …\x1b[K"  # 39 columns
    assert second == "[01:10] 2/2 jobs done; failed: b\x1b[K\n"


def test_plain_display_prints_only_changes() -> None:
    stream = io.StringIO()
    display = ProgressDisplay(stream, tty=False)
    run = RunInfo(id=1, html_url="", status="queued")

    for elapsed in (0, 10, 20):
        display.update(run, [], elapsed=elapsed)
    display.update(run, _jobs(("a", "queued", None)), elapsed=30)
    display.close()

    assert stream.getvalue() == "run queued; waiting for jobs\n0/1 jobs done\n"


@pytest.mark.parametrize("ref", ["a" * 40, "3D3C42E5AAC5BA805825DA76410C181273BA90B1", " " + "0" * 64 + " "])
def test_check_ref_refuses_a_commit_sha(ref: str) -> None:
    with pytest.raises(UsageError, match="branch or tag") as caught:
        check_ref(ref)
    assert caught.value.exit_code == 2


@pytest.mark.parametrize("ref", ["main", "release/1.2", "refs/tags/docker/v1.2.3", "deadbeef", "a" * 41])
def test_check_ref_takes_branch_and_tag_names(ref: str) -> None:
    assert check_ref(ref) == ref
