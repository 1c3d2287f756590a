"""A failed GitHub call as plain data: which call it was, what GitHub (or the network) answered.

``failure_of`` is the one place that reads PyGithub and ``requests`` exceptions; everything past it
(the retry policy, the messages, callers that recover) sees an ``ApiFailure``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from bodhi_gen.errors import GitHubError
from bodhi_gen.github.redaction import redact

_OBJECT_PREFIX = re.compile(r"^<[^>]*>:\s*|^\w+Pool\([^)]*\):\s*")


@dataclass(frozen=True)
class Operation:
    """One kind of API call, with the words its failures are explained in."""

    what: str  # "dispatching release.yml on owner/name"
    permission: str  # what a 403 means is missing, e.g. "Actions: write"
    not_found: str  # what a 404 means here
    permission_hint: str = ""  # how to grant the permission
    invalid: str = ""  # what to check when GitHub rejects the call (422)
    idempotent: bool = True  # false for the dispatch: a repeat may start a second run


@dataclass(frozen=True)
class ApiFailure:
    status: int | None  # None: no HTTP answer (connection refused, reset, timed out)
    message: str
    headers: Mapping[str, str] = field(default_factory=dict)  # lower-cased names
    # For connection failures: whether the request may have reached the server.
    maybe_sent: bool = True


class ApiError(GitHubError):
    """A GitHub call failed for good; ``failure`` keeps what GitHub answered, for callers that recover."""

    def __init__(self, message: str, failure: ApiFailure) -> None:
        super().__init__(message)
        self.failure = failure


def api_exceptions() -> tuple[type[Exception], ...]:
    """What a PyGithub call raises when the API fails (imported late: PyGithub is slow to import)."""
    import requests
    from github.GithubException import BadAttributeException, GithubException

    return GithubException, BadAttributeException, requests.RequestException


def failure_of(exc: Exception, token: str | None) -> ApiFailure:
    """One of ``api_exceptions()`` as an ``ApiFailure``, the token masked in its message."""
    import requests
    from github.GithubException import GithubException

    if isinstance(exc, GithubException):
        headers = {str(k).lower(): str(v) for k, v in (exc.headers or {}).items()}
        return ApiFailure(exc.status, redact(_server_message(exc.data), token), headers)
    if not isinstance(exc, requests.RequestException):  # BadAttributeException: a malformed answer
        return ApiFailure(200, redact(f"unexpected answer from the API: {exc}", token))
    return ApiFailure(None, redact(_connection_message(exc), token), maybe_sent=_maybe_sent(exc))


def _server_message(data: object) -> str:
    if not isinstance(data, dict):
        return ""
    message = str(data.get("message") or "")
    details = [
        str(err.get("message") or err.get("code") or "") if isinstance(err, dict) else str(err)
        for err in data.get("errors") or []
    ]
    return "; ".join(part for part in [message, *details] if part)


def _connection_message(exc: Exception) -> str:
    reason = getattr(exc.args[0], "reason", None) if exc.args else None
    text = str(reason or exc)
    return _OBJECT_PREFIX.sub("", text) or type(exc).__name__


def _maybe_sent(exc: Exception) -> bool:
    import requests
    from urllib3.exceptions import NewConnectionError

    if isinstance(exc, requests.ConnectTimeout):
        return False
    reason = getattr(exc.args[0], "reason", None) if exc.args else None
    return not isinstance(reason, NewConnectionError)
