"""Fixtures for the release tests: the local GitHub, a clean environment, and the command runner."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from bodhi_gen.cli.main import main
from tests.helpers import Result, exit_code_of
from tests.unit.release.release_fakes import REPO, TOKEN, FakeGitHub


@pytest.fixture
def fake(httpserver: HTTPServer) -> FakeGitHub:
    return FakeGitHub(httpserver)


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> pytest.MonkeyPatch:
    """A clean environment with the token in GH_TOKEN, run from a folder without a config file."""
    for name in ("GH_TOKEN", "GITHUB_TOKEN", "GITHUB_API_URL", "BODHI_GEN_DEBUG"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("GH_TOKEN", TOKEN)
    monkeypatch.chdir(tmp_path)
    return monkeypatch


@pytest.fixture
def cli(
    env: pytest.MonkeyPatch, fake: FakeGitHub, capsys: pytest.CaptureFixture[str]
) -> Iterator[Callable[..., Result]]:
    """Run ``bodhi-gen release`` in-process against the fake; the token must never reach the output."""
    results: list[Result] = []

    def run(*args: str, api: bool = True) -> Result:
        argv = ["release", "--repo", REPO, *args]
        if api:
            argv += ["--api-url", fake.base]
        code = exit_code_of(lambda: main(argv))
        captured = capsys.readouterr()
        result = Result(code, captured.out, captured.err)
        results.append(result)
        return result

    yield run
    for result in results:
        assert TOKEN not in result.out
        assert TOKEN not in result.err
        assert "Traceback" not in result.err
