"""The fixture app's git checkout has its async-openai submodule; a clone without submodules lacks it."""

from __future__ import annotations

from pathlib import Path

from tests.support.fixture_repo import clone, fixture_checkout, git

CRATE = Path("async-openai/async-openai/Cargo.toml")


def test_checkout_has_the_submodule_and_a_plain_clone_does_not(tmp_path: Path) -> None:
    app = fixture_checkout(tmp_path / "fixture")
    assert (app / CRATE).is_file()
    assert "path = async-openai" in (app / ".gitmodules").read_text("utf-8")
    assert git(app, "status", "--porcelain") == ""
    assert not (clone(app, tmp_path / "plain", submodules=False) / CRATE).exists()
    assert (clone(app, tmp_path / "recursive", submodules=True) / CRATE).is_file()
