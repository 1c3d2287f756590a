"""The real-engine tests fail, never skip, when there is no engine (CI must not pass without running them)."""

from __future__ import annotations

import pytest

from tests.engine import harness
from tests.helpers import ROOT


def test_missing_engine_is_a_failure_naming_the_fix(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(harness, "ENV_FILE", ROOT / ".engine" / "missing-env-for-this-test")
    for name in harness.ENGINE_VARS:
        monkeypatch.delenv(name, raising=False)
    with pytest.raises(pytest.fail.Exception, match=r"no container engine: .* scripts/engine/up\.sh"):
        harness.engine_environment()
