"""The act harness maps every `uses:` of the generated workflows and our actions, and refuses one it cannot."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import ROOT
from tests.support.act import ACTION_FILES, STANDINS, STANDINS_DIR, MissingStandinError, local_repositories


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
