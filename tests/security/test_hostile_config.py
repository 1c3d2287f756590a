"""Hostile config text never becomes code: every string of a fully populated config, mutated with
each payload, is refused (exit 2, the field's path named, nothing written, no traceback).

The whole field x payload product goes through the loader in process (fast). The real CLI runs every
payload x command pair once (15 processes, on fields spread over the whole config): what it adds is
that a refusal is exit 2 with nothing written, which does not depend on the field.
"""

from __future__ import annotations

import copy
import types
import typing
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import BaseModel

from bodhi_gen.config.loader import parse_config
from bodhi_gen.config.models import Config
from bodhi_gen.config.text import clip
from bodhi_gen.errors import ConfigError
from tests.helpers import Result, run_cli

FULL = Path(__file__).with_name("full.yaml")
PAYLOADS = {
    "newline": "\ninjected: line",
    "subshell": "$(touch /tmp/x)",
    "backtick": "`touch /tmp/x`",
    "quote": '"',
    "expression": "${{ github.token }}",
}
# a pattern anchored with Python's "$" would still let a trailing newline through
IN_PROCESS_PAYLOADS = {**PAYLOADS, "trailing-newline": "\n"}
COMMANDS = ("workflows", "dockerfiles", "makefile")
Loc = tuple[str | int, ...]


def _full() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(FULL.read_text("utf-8"))
    return data


def _string_locs(node: Any, loc: Loc = ()) -> list[Loc]:
    """Where the data holds a string: mapping values and list items, at any depth."""
    if isinstance(node, str):
        return [loc]
    if isinstance(node, dict):
        return [found for key, value in node.items() for found in _string_locs(value, (*loc, key))]
    if isinstance(node, list):
        return [found for index, value in enumerate(node) for found in _string_locs(value, (*loc, index))]
    return []


def _mutated(loc: Loc, payload: str) -> dict[str, Any]:
    data = copy.deepcopy(_full())
    parent: Any = data
    for part in loc[:-1]:
        parent = parent[part]
    parent[loc[-1]] = parent[loc[-1]] + payload
    return data


def _shown_path(loc: Loc, data: Any) -> str:
    """The path as error messages write it: list items by their name where they have one."""
    text = ""
    node = data
    for part in loc:
        if isinstance(part, int):
            name = node[part].get("name") if isinstance(node[part], dict) else None
            text += f"[{clip(name, 40)}]" if isinstance(name, str) else f"[{part}]"
        else:
            text += f".{part}" if text else part
        node = node[part]
    return text


LOCS = _string_locs(_full())
LOC_IDS = [".".join(map(str, loc)) for loc in LOCS]


def _holds_str(annotation: Any) -> bool:
    if annotation is str:
        return True
    if typing.get_origin(annotation) is typing.Literal:
        return any(isinstance(arg, str) for arg in typing.get_args(annotation))
    return False


def _model_string_fields(annotation: Any, prefix: tuple[str, ...] = ()) -> set[tuple[str, ...]]:
    """Every place the model holds a str, as a path: list items folded away, a dict's values as "*"."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return {
            path
            for name, field in annotation.model_fields.items()
            for path in _model_string_fields(field.annotation, (*prefix, name))
        }
    if _holds_str(annotation):
        return {prefix}
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is dict:
        return _model_string_fields(args[1], (*prefix, "*"))
    if origin is typing.Annotated:
        return _model_string_fields(args[0], prefix)
    if origin in (tuple, typing.Union, types.UnionType):
        return {path for arg in args if arg is not Ellipsis for path in _model_string_fields(arg, prefix)}
    return set()


def _covers(model_path: tuple[str, ...], loc: Loc) -> bool:
    parts = [p for p in loc if isinstance(p, str)]
    return len(parts) == len(model_path) and all(m in ("*", p) for m, p in zip(model_path, parts, strict=True))


def test_full_config_is_valid_and_sets_every_string_field() -> None:
    parse_config(FULL.read_text("utf-8"), str(FULL))
    missing = sorted(p for p in _model_string_fields(Config) if not any(_covers(p, loc) for loc in LOCS))
    assert not missing, f"full.yaml sets no value for {missing}: add one so the hostile-text tests cover it"


@pytest.mark.parametrize("payload", IN_PROCESS_PAYLOADS.values(), ids=IN_PROCESS_PAYLOADS.keys())
@pytest.mark.parametrize("loc", LOCS, ids=LOC_IDS)
def test_every_string_field_refuses_every_payload(loc: Loc, payload: str) -> None:
    data = _mutated(loc, payload)
    with pytest.raises(ConfigError) as caught:
        parse_config(yaml.safe_dump(data), "hostile.yaml")
    message = caught.value.message
    assert _shown_path(loc, data) in message
    # the value may be quoted back, but escaped: no raw line break or control character
    assert "\ninjected" not in message
    assert all(ch.isprintable() for line in message.split("\n") for ch in line)


# 5 payloads x 3 commands: coprime, so index i meets every pair exactly once
CLI_CASES = len(PAYLOADS) * len(COMMANDS)
CLI_LOCS = [LOCS[i * len(LOCS) // CLI_CASES] for i in range(CLI_CASES)]


def _cli_case(index: int, loc: Loc, tmp: Path) -> tuple[Result, Path, str]:
    payload = list(PAYLOADS.values())[index % len(PAYLOADS)]
    command = COMMANDS[index % len(COMMANDS)]
    data = _mutated(loc, payload)
    config = tmp / f"case-{index}.yaml"
    config.write_text(yaml.safe_dump(data), "utf-8")
    out = tmp / f"out-{index}"
    out.mkdir()
    return run_cli([command, "--config", str(config), "--out", str(out)]), out, _shown_path(loc, data)


@pytest.fixture(scope="module")
def cli_results(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[Result, Path, str]]:
    tmp = tmp_path_factory.mktemp("hostile")
    with ThreadPoolExecutor(max_workers=4) as pool:
        return list(pool.map(lambda item: _cli_case(item[0], item[1], tmp), enumerate(CLI_LOCS)))


@pytest.mark.parametrize(
    "index",
    range(CLI_CASES),
    ids=[f"{'.'.join(map(str, CLI_LOCS[i]))}-{list(PAYLOADS)[i % len(PAYLOADS)]}-{COMMANDS[i % 3]}" for i in range(15)],
)
def test_cli_refuses_hostile_field(index: int, cli_results: list[tuple[Result, Path, str]]) -> None:
    result, out, path = cli_results[index]
    payload = list(PAYLOADS)[index % len(PAYLOADS)]
    command = COMMANDS[index % len(COMMANDS)]
    context = f"{command} with {payload} in {path}: {result.err}"
    assert result.code == 2, context
    assert path in result.err, context
    assert "Traceback" not in result.err, context
    assert result.out == "", context
    assert list(out.iterdir()) == [], context
