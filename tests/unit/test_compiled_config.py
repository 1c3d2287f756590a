"""The compiled config validator (``config/records_schema.py``) is the models' own, and the run time needs no more.

``models.py`` stays the one description of a config; ``python -m bodhi_gen.config.compile`` turns it
into records and pydantic's core schema. These tests hold the three together: the files are what the
compiler makes of today's models, every accepted config gives the same values and every refused one
the same errors as validating the pydantic models, and validating a config never loads pydantic's
model machinery (the cost the compiled schema removes from a cold ``workflows --check``).
"""

from __future__ import annotations

import copy
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pydantic_core
import pytest
import yaml
from pydantic import BaseModel, ValidationError

from bodhi_gen.config import models, validation
from bodhi_gen.config.compile import compiled_sources, live_schemas
from bodhi_gen.config.locate import embedded_default_text
from bodhi_gen.config.record import Record
from bodhi_gen.config.records_schema import PYDANTIC_CORE_VERSION, SCHEMAS
from bodhi_gen.config.validation import validate_config, validate_pins_json
from bodhi_gen.pins import package_pins_path
from tests.helpers import BAD_CONFIGS, GOOD_CONFIGS, ROOT

FULL = ROOT / "tests" / "security" / "full.yaml"


def _data(text: str) -> Any:
    return yaml.safe_load(text)


def _parsed(paths: list[Path], group: str) -> dict[str, Any]:
    """The examples that are YAML at all (some bad ones are refused before validation)."""
    cases: dict[str, Any] = {}
    for path in paths:
        try:
            cases[f"{group}/{path.stem}"] = _data(path.read_text("utf-8"))
        except yaml.YAMLError:
            continue
    return cases


def _as_data(value: Any) -> Any:
    """Models and records alike as (class name, fields) trees, to compare what each validator built."""
    if isinstance(value, BaseModel):
        return (type(value).__name__, {name: _as_data(getattr(value, name)) for name in type(value).model_fields})
    if isinstance(value, Record):
        return (type(value).__name__, {name: _as_data(getattr(value, name)) for name in value.FIELDS})
    if isinstance(value, dict):
        return {key: _as_data(item) for key, item in value.items()}
    if isinstance(value, tuple):
        return tuple(_as_data(item) for item in value)
    return (type(value).__name__, value)


def _outcome(validate: Any, data: Any) -> Any:
    try:
        return ("valid", _as_data(validate(data)))
    except ValidationError as exc:
        return ("refused", [(e["loc"], e["type"], e["msg"]) for e in exc.errors(include_url=False)])


def _cases() -> dict[str, Any]:
    default = _data(embedded_default_text())
    cases: dict[str, Any] = {"default": default, "full": _data(FULL.read_text("utf-8"))}
    cases |= _parsed(GOOD_CONFIGS, "good") | _parsed(BAD_CONFIGS, "bad")
    edits: dict[str, tuple[tuple[Any, ...], Any]] = {
        "wrong-type": (("variants", 0, "timeout_minutes"), "ninety"),
        "below-minimum": (("variants", 0, "timeout_minutes"), 1),
        "strict-float": (("size_limits",), {"growth_percent": "20"}),
        "unknown-key": (("cache",), {"backend": "registry", "exprot": True}),
        "bad-literal": (("variants", 0, "gpu"), "tpu"),
        "bad-pattern": (("modes", 0, "tag_suffix"), "-A"),
        "cross-field": (("variants", 0, "require_gpu"), True),
        "default-platforms": (("platforms",), None),
        "empty-list": (("modes",), []),
    }
    for name, (path, value) in edits.items():
        data = copy.deepcopy(default)
        parent = data
        for part in path[:-1]:
            parent = parent[part]
        if value is None:
            del parent[path[-1]]
        else:
            parent[path[-1]] = value
        cases[f"edit/{name}"] = data
    cases["not-a-mapping"] = ["variants"]
    return cases


CASES = _cases()


def test_the_test_environment_has_the_pydantic_core_the_schema_was_compiled_for() -> None:
    # the test extra pins pydantic; after upgrading it, run `python -m bodhi_gen.config.compile`
    assert pydantic_core.__version__ == PYDANTIC_CORE_VERSION


def test_the_compiled_files_are_what_the_compiler_makes_of_the_models() -> None:
    for path, text in compiled_sources().items():
        assert path.read_text("utf-8") == text, f"{path.name} is stale: run `python -m bodhi_gen.config.compile`"
    # the printed literal is the very schema the run time would make afresh: same classes, functions, values
    assert live_schemas() == SCHEMAS


def test_another_pydantic_core_gets_the_schema_made_afresh(monkeypatch: pytest.MonkeyPatch) -> None:
    """A pydantic-core other than the one the schema was compiled for validates with a schema made now."""
    monkeypatch.setattr(validation, "PYDANTIC_CORE_VERSION", "0.0.0")
    monkeypatch.setattr(validation, "SCHEMAS", {})  # would fail, were it used
    validation._schemas.cache_clear()
    validation._validator.cache_clear()
    try:
        for name in ("default", "edit/cross-field", "edit/unknown-key"):
            assert _outcome(validate_config, CASES[name]) == _outcome(models.Config.model_validate, CASES[name])
    finally:
        validation._schemas.cache_clear()
        validation._validator.cache_clear()


@pytest.mark.parametrize("name", CASES)
def test_the_compiled_validator_agrees_with_the_models(name: str) -> None:
    data = CASES[name]
    expected = _outcome(models.Config.model_validate, data)
    assert _outcome(validate_config, data) == expected


def test_the_cases_hold_both_outcomes_and_the_pins_file_agrees_too() -> None:
    outcomes = {_outcome(validate_config, data)[0] for data in CASES.values()}
    assert outcomes == {"valid", "refused"}
    text = package_pins_path().read_text("utf-8")
    from pydantic import TypeAdapter

    reference = TypeAdapter(dict[str, models.PinRecord]).validate_json(text)
    assert _as_data(validate_pins_json(text)) == _as_data(reference)


def test_records_are_read_only_values() -> None:
    config = validate_config(CASES["default"])
    with pytest.raises(AttributeError, match="read-only"):
        config.image = "ghcr.io/x/y"
    with pytest.raises(TypeError, match="no field"):
        config.replace(imgae="ghcr.io/x/y")
    changed = config.replace(image="ghcr.io/other/app")
    assert (changed.image, config.image) == ("ghcr.io/other/app", "ghcr.io/bodhisearch/bodhiapp")
    assert changed != config
    assert config == validate_config(CASES["default"])
    assert hash(config) == hash(validate_config(CASES["default"]))
    assert "Variant(name='cpu'" in repr(config)


def test_a_cold_check_validates_without_pydantic_models(tmp_path: Path) -> None:
    """The cold path (empty cache) imports pydantic-core only: no pydantic, so no model is ever built."""
    probe = (
        "import sys\nfrom bodhi_gen.cli.main import main\n"
        "try:\n    main(['workflows', '--check'])\nexcept SystemExit as exit:\n    code = exit.code\n"
        "print(code, sorted(m for m in sys.modules if m.split('.')[0] == 'pydantic'))\n"
    )
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path)}
    done = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    assert done.stdout.splitlines()[-1] == "0 []", done.stdout + done.stderr
