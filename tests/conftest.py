"""Fixtures shared by every test folder (plain helpers live in tests/helpers.py)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.helpers import CONFIG_IDS, CONFIGS


@pytest.fixture(params=CONFIGS, ids=CONFIG_IDS)
def config_path(request: pytest.FixtureRequest) -> Path | None:
    """Each config the generators are held to: the embedded default (None), then every good example."""
    value: Path | None = request.param
    return value


@pytest.fixture
def git_repo(tmp_path: Path) -> Path:
    """An empty git repository (actionlint resolves local workflows only inside one)."""
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    return tmp_path
