"""The act harness maps every `uses:` of the generated workflows and our actions, and refuses one it cannot."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import ROOT
from tests.support.act import (
    ACTION_FILES,
    STANDINS,
    STANDINS_DIR,
    ActResult,
    MissingStandinError,
    local_repositories,
)


def test_every_uses_in_this_repository_has_a_stand_in() -> None:
    files = [*sorted((ROOT / ".github" / "workflows").glob("*.yml")), *(ROOT / name for name in ACTION_FILES)]
    mappings = local_repositories(files, ROOT)
    assert any(m.startswith("bodhisearch/devops-action@v1=") for m in mappings)
    assert any(m.startswith("actions/upload-artifact@") for m in mappings)


def test_every_stand_in_folder_has_an_action_describing_itself() -> None:
    for name in filter(None, STANDINS.values()):
        text = (STANDINS_DIR / name / "action.yml").read_text("utf-8")
        assert "description:" in text
        assert "using: composite" in text


def test_a_uses_without_a_stand_in_fails_loudly(tmp_path: Path) -> None:
    workflow = tmp_path / "w.yml"
    workflow.write_text(
        "on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - uses: someone/new-action@0123abc\n", "utf-8"
    )
    with pytest.raises(MissingStandinError, match="someone/new-action@0123abc"):
        local_repositories([workflow], ROOT)


FAILED_LOG = "\n".join(
    [
        "[w/build a-1] ⭐ Run Main Build",
        *(f"[w/build b-2] step {n} of the sibling" for n in range(40)),
        "[w/build a-1]   | ERROR: failed to solve: something specific",
        "[w/build a-1]   ❌  Failure - Main Build",
        *(f"[w/build b-2] after {n}" for n in range(200)),
        "[w/build a-1] 🏁  Job failed",
        "[w/build b-2] 🏁  Job succeeded",
    ]
)


def test_a_failed_run_shows_the_failed_step_and_its_cause_not_only_the_log_end(tmp_path: Path) -> None:
    result = ActResult(1, FAILED_LOG, tmp_path)
    shown = result.tail(chars=200)
    assert "❌  Failure - Main Build" in shown
    assert "failed to solve: something specific" in shown  # the failed job's own line before the ❌
    assert "step 39 of the sibling" not in result.failures()  # another job's lines are left out
    assert shown.endswith("🏁  Job succeeded")


def test_a_successful_run_shows_the_log_end_only(tmp_path: Path) -> None:
    log = "[w/a] ⭐ Run Main x\n[w/a] 🏁  Job succeeded"
    assert ActResult(0, log, tmp_path).tail() == log
