"""Example configs in folders: every good one loads and plans, every bad one fails as its first line says."""

from __future__ import annotations

from pathlib import Path

import pytest

from bodhi_gen.config.loader import load_config
from bodhi_gen.errors import ConfigError
from bodhi_gen.plan import build_plan
from tests.conftest import BAD_CONFIGS, GOOD_CONFIGS, run_cli


def _expected(path: Path) -> str:
    first = path.read_text("utf-8").splitlines()[0]
    assert first.startswith("# error: "), f"{path.name} must start with '# error: <expected message>'"
    return first.removeprefix("# error: ")


def test_examples_exist() -> None:
    assert len(GOOD_CONFIGS) >= 3
    assert len(BAD_CONFIGS) >= 10


@pytest.mark.parametrize("path", GOOD_CONFIGS, ids=lambda p: p.stem)
def test_good_config_loads_and_plans(path: Path) -> None:
    plan = build_plan(load_config(path))
    assert plan.units


@pytest.mark.parametrize("path", BAD_CONFIGS, ids=lambda p: p.stem)
def test_bad_config_is_a_config_error(path: Path) -> None:
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert _expected(path) in caught.value.message
    assert str(path) in caught.value.message


@pytest.mark.parametrize("path", BAD_CONFIGS[:4] + BAD_CONFIGS[-2:], ids=lambda p: p.stem)
def test_bad_config_exits_2_without_traceback_and_writes_nothing(path: Path, tmp_path: Path) -> None:
    result = run_cli(["workflows", "--config", str(path), "--out", str(tmp_path)])
    assert result.code == 2
    assert _expected(path) in result.err
    assert "Traceback" not in result.err
    assert result.out == ""
    assert list(tmp_path.iterdir()) == []


def test_missing_config_file_is_named(tmp_path: Path) -> None:
    result = run_cli(["matrix", "--config", str(tmp_path / "nope.yaml")])
    assert result.code == 2
    assert "nope.yaml does not exist" in result.err
    assert "bodhi-gen init" in result.err


def test_repository_config_is_read_when_present(tmp_path: Path) -> None:
    (tmp_path / ".github").mkdir()
    (tmp_path / ".github" / "bodhi-gen.yaml").write_text((GOOD_CONFIGS[0]).read_text("utf-8"), "utf-8")
    config = load_config(cwd=tmp_path)
    assert config.image == load_config(GOOD_CONFIGS[0]).image
