"""The local GHCR each prune test runs against, and the CLI pointed at it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from bodhi_gen.cli.main import main
from tests.helpers import exit_code_of
from tests.unit.prune.prune_fakes import REGISTRY_TOKEN, TOKEN, Cli, FakeGhcr, Result


@pytest.fixture
def fake(httpserver: HTTPServer) -> FakeGhcr:
    ghcr = FakeGhcr(httpserver.url_for("/").rstrip("/"))
    httpserver.expect_request(re.compile(".*")).respond_with_handler(ghcr.handle)
    return ghcr


@pytest.fixture
def cli(
    fake: FakeGhcr, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> Iterator[Cli]:
    for name in ("GH_TOKEN", "GITHUB_TOKEN", "GITHUB_API_URL", "GITHUB_ACTOR", "BODHI_GEN_DEBUG"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("GH_TOKEN", TOKEN)
    monkeypatch.chdir(tmp_path)  # no config file: the embedded default (ghcr.io/bodhisearch/bodhiapp)
    results: list[Result] = []

    def run(*args: str) -> Result:
        argv = ["prune", "--api-url", fake.base, "--registry-url", fake.base, *args]
        code = exit_code_of(lambda: main(argv))
        captured = capsys.readouterr()
        results.append(Result(code, captured.out, captured.err))
        return results[-1]

    yield run
    for result in results:
        for secret in (TOKEN, REGISTRY_TOKEN):
            assert secret not in result.out
            assert secret not in result.err
        assert "Traceback" not in result.err
