"""The one error handler: exit codes, one line, and never a secret from the environment."""

from __future__ import annotations

import pytest

from bodhi_gen.error_handler import error_handler, masked
from bodhi_gen.errors import INTERNAL, UsageError

TOKEN = "ghp_0123456789abcdefSECRETVALUE"


def test_secret_environment_values_are_masked() -> None:
    env = {"GH_TOKEN": TOKEN, "REGISTRY_PASSWORD": "hunter22", "HOME": "/root", "SHORT_TOKEN": "ab"}
    text = f"GET https://x/?access_token={TOKEN} with hunter22 in /root (ab)"
    assert masked(text, env) == "GET https://x/?access_token=*** with *** in /root (ab)"


@pytest.mark.parametrize(
    ("error", "code"),
    [(RuntimeError(f"boom at https://api/?t={TOKEN}"), INTERNAL), (UsageError(f"bad --ref {TOKEN}"), 2)],
)
def test_the_handler_never_prints_a_token(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], error: Exception, code: int
) -> None:
    monkeypatch.setenv("GH_TOKEN", TOKEN)
    monkeypatch.delenv("BODHI_GEN_DEBUG", raising=False)
    with pytest.raises(SystemExit) as done, error_handler():
        raise error
    assert done.value.code == code
    err = capsys.readouterr().err
    assert TOKEN not in err
    assert "***" in err
    assert len(err.strip().splitlines()) <= 2
