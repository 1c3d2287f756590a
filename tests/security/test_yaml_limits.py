"""YAML abuse: the loader fails fast and cleanly (exit 2, a clear line, no traceback, nothing written)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from bodhi_gen.config.loader import parse_config
from bodhi_gen.errors import ConfigError
from tests.helpers import run_cli

BASE = "variants: [{name: cpu, base_image: x/y:z}]\nmodes: [{name: production, cargo_profile: release}]\n"
BOMB = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' + "".join(
    f"{c}: &{c} [{','.join(['*' + p] * 9)}]\n" for p, c in zip("abcdefgh", "bcdefghi", strict=True)
)
ABUSE = {
    "alias-bomb": (BOMB, "aliases are expanded"),
    "recursive-alias": ("a: &a [*a]\n", "recursive alias"),
    "deep-nesting": ("x: " + "[" * 3000 + "]" * 3000 + "\n", "nested more than"),
    "duplicate-key": (BASE + "image: ghcr.io/a/b\nimage: ghcr.io/a/c\n", "abuse.yaml:4: duplicate key 'image'"),
    "huge-int": (BASE + "x: " + "9" * 5000 + "\n", "an integer of 5000 digits"),
    "unhashable-key": (BASE + "? [a, b]\n: 1\n", "a mapping key that is a list or a mapping"),
    "huge-scalar": (BASE + "image: " + "a" * 100_000 + "\n", "a value of 100000 characters"),
    "bad-date": (BASE + "x: 2024-13-45\n", "not valid YAML"),
}


@pytest.mark.parametrize(("text", "expected"), ABUSE.values(), ids=ABUSE.keys())
def test_yaml_abuse_is_a_config_error_in_well_under_a_second(text: str, expected: str) -> None:
    start = time.perf_counter()
    with pytest.raises(ConfigError) as caught:
        parse_config(text, "abuse.yaml")
    assert time.perf_counter() - start < 0.5
    assert expected in caught.value.message
    assert len(caught.value.message) < 1000


def test_alias_bomb_through_the_cli_exits_2_fast(tmp_path: Path) -> None:
    config = tmp_path / "bomb.yaml"
    config.write_text(BASE + BOMB, "utf-8")
    out = tmp_path / "out"
    out.mkdir()
    start = time.perf_counter()
    result = run_cli(["workflows", "--config", str(config), "--out", str(out)])
    assert time.perf_counter() - start < 10  # a process start, not the 60 s an expanded bomb took
    assert result.code == 2
    assert "alias bomb" in result.err
    assert "Traceback" not in result.err
    assert list(out.iterdir()) == []


def test_merge_keys_work() -> None:
    text = (
        "variants:\n"
        "  - &cpu {name: cpu, base_image: x/y:z, timeout_minutes: 30}\n"
        "  - {<<: *cpu, name: big, timeout_minutes: 60}\n"
        "modes: [{name: production, cargo_profile: release}]\n"
        "release: {tag_patterns: {production: docker/v*}}\n"
    )
    config = parse_config(text, "merge.yaml")
    assert [(v.name, v.base_image, v.timeout_minutes) for v in config.variants] == [
        ("cpu", "x/y:z", 30),
        ("big", "x/y:z", 60),
    ]


def test_a_duplicate_key_next_to_a_merge_key_is_still_refused() -> None:
    text = BASE.replace("{name: production,", "{<<: {tag_suffix: ''}, name: production, name: dev,")
    with pytest.raises(ConfigError, match="duplicate key 'name'"):
        parse_config(text, "merge.yaml")


def test_ansi_escape_and_long_values_are_shown_escaped_and_cut() -> None:
    text = BASE.replace("x/y:z", '"\\e[31m' + "r" * 300 + '\\e[0m"')
    with pytest.raises(ConfigError) as caught:
        parse_config(text, "ansi.yaml")
    message = caught.value.message
    assert "\x1b" not in message
    assert "\\x1b[31m" in message
    assert "r" * 100 not in message
    assert "…" in message
    assert "variants[cpu].base_image" in message


def test_ansi_escape_in_a_key_is_escaped() -> None:
    with pytest.raises(ConfigError) as caught:
        parse_config(BASE + '"\\e[2Jkey": 1\n', "ansi.yaml")
    assert "\x1b" not in caught.value.message
    assert "\\x1b[2Jkey: unknown key" in caught.value.message
