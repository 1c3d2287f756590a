"""A failed GitHub call as plain data: which call it was, what GitHub (or the network) answered.

``failure_of`` is the one place that reads PyGithub and ``requests`` exceptions; everything past it
(the retry policy, the messages, callers that recover) sees an ``ApiFailure``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from bodhi_gen.errors import GitHubError

MASK = "***"


def redact(text: str, secret: str | None) -> str:
    if not secret:
        return text
    return text.replace(secret, MASK)


_MAX_MESSAGE = 500
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
    # "": GitHub's own error answer or a network failure; "refused": an answer the transport will not
    # act on (a redirect elsewhere, too many redirects); "malformed": a body GitHub never sends.
    problem: str = ""


class ApiError(GitHubError):
    """A GitHub call failed for good; ``failure`` keeps what GitHub answered, for callers that recover."""

    def __init__(self, message: str, failure: ApiFailure) -> None:
        super().__init__(message)
        self.failure = failure


class DeadlineExceededError(ApiError):
    """The overall deadline (``--timeout``) passed during a call, or before it could be retried.

    A GitHub error (exit 5) unless the command that set the deadline says what it means (``release``:
    exit 6, the release timed out).
    """


class MalformedAnswerError(Exception):
    """An answer whose shape GitHub never sends (raised while reading it into our records)."""


def malformed(what: str, value: object) -> MalformedAnswerError:
    shown = repr(value)
    if len(shown) > 60:
        shown = shown[:57] + "..."
    return MalformedAnswerError(f"{what} is {shown}")


def api_exceptions() -> tuple[type[Exception], ...]:
    """What a PyGithub call raises when the API fails (imported late: PyGithub is slow to import)."""
    import requests
    from github.GithubException import BadAttributeException, GithubException

    from bodhi_gen.github.transport import RefusedAnswerError

    return (GithubException, BadAttributeException, requests.RequestException, RefusedAnswerError, MalformedAnswerError)


def failure_of(exc: Exception, token: str | None) -> ApiFailure:
    """One of ``api_exceptions()`` as an ``ApiFailure``, the token masked in its message."""
    import requests
    from github.GithubException import GithubException

    from bodhi_gen.github.transport import RefusedAnswerError

    if isinstance(exc, GithubException):
        headers = {str(k).lower(): str(v) for k, v in (exc.headers or {}).items()}
        return ApiFailure(exc.status, redact(_server_message(exc.data), token), headers)
    if isinstance(exc, RefusedAnswerError):
        return ApiFailure(exc.status, redact(exc.message, token), problem="" if exc.retry else "refused")
    if not isinstance(exc, requests.RequestException):  # a body we cannot read, or of the wrong shape
        return ApiFailure(200, redact(_malformed_message(exc), token), problem="malformed")
    return ApiFailure(None, redact(_connection_message(exc), token), maybe_sent=_maybe_sent(exc))


def _malformed_message(exc: Exception) -> str:
    if isinstance(exc, MalformedAnswerError):
        return str(exc)
    text = str(exc).splitlines()[0][:200] if str(exc) else ""
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def _server_message(data: object) -> str:
    if not isinstance(data, dict):
        return ""
    message = str(data.get("message") or "")
    errors = data.get("errors")
    details = [
        str(err.get("message") or err.get("code") or "") if isinstance(err, dict) else str(err)
        for err in (errors if isinstance(errors, list) else [])
    ]
    text = "; ".join(part for part in [message, *details] if part)
    # A hostile server could send megabytes; a message is one line of a person's terminal.
    return text if len(text) <= _MAX_MESSAGE else text[: _MAX_MESSAGE - 3] + "..."


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
