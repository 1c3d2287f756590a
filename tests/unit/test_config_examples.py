"""Example configs in folders: every good one loads and plans, every bad one fails as its first line says."""

from __future__ import annotations

from pathlib import Path

import pytest

from bodhi_gen.config.loader import embedded_default_text, load_config, parse_config
from bodhi_gen.errors import ConfigError
from bodhi_gen.plan.build import build_plan
from tests.helpers import BAD_CONFIGS, EXAMPLES, GOOD_CONFIGS, run_cli


def _expected(path: Path) -> str:
    first = path.read_text("utf-8").splitlines()[0]
    assert first.startswith("# error: "), f"{path.name} must start with '# error: <expected message>'"
    return first.removeprefix("# error: ")


def test_every_example_is_collected_and_tests_something_of_its_own(tmp_path: Path) -> None:
    # a .yml file or a good example equal to the default would silently test nothing
    assert sorted((EXAMPLES / "good").iterdir()) == GOOD_CONFIGS
    assert sorted((EXAMPLES / "bad").iterdir()) == BAD_CONFIGS
    default = load_config(cwd=tmp_path)
    configs = [load_config(path) for path in GOOD_CONFIGS]
    assert all(config != default for config in configs), "a good example equal to the default"
    assert len({repr(config) for config in configs}) == len(configs), "two good examples are the same"
    messages = [_expected(path) for path in BAD_CONFIGS]
    assert len(set(messages)) == len(messages), "two bad examples expect the same error"


@pytest.mark.parametrize("path", GOOD_CONFIGS, ids=lambda p: p.stem)
def test_good_config_loads_and_plans(path: Path) -> None:
    config = load_config(path)
    plan = build_plan(config)
    # one unit per variant, mode and platform: every variant and mode of the config is built
    assert {(u.variant, u.mode) for u in plan.units} == {
        (v.name, m.name) for v in config.variants for m in config.modes
    }


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
    default = load_config(cwd=tmp_path)
    assert default == parse_config(embedded_default_text(), "default"), "no repository config: the embedded default"
    (tmp_path / ".github").mkdir()
    (tmp_path / ".github" / "bodhi-gen.yaml").write_text((GOOD_CONFIGS[0]).read_text("utf-8"), "utf-8")
    config = load_config(cwd=tmp_path)
    assert config == load_config(GOOD_CONFIGS[0])
    assert config != default
