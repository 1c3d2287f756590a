"""Keep the token out of every message: whatever text may reach output passes through ``redact``."""

from __future__ import annotations

MASK = "***"


def redact(text: str, secret: str | None) -> str:
    if not secret:
        return text
    return text.replace(secret, MASK)
