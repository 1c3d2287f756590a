"""What a failed GitHub call means: retry, wait out a rate limit, or stop with a message saying what to fix.

Pure policy: the client turns PyGithub and ``requests`` exceptions into an ``ApiFailure`` and asks here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime

from bodhi_gen.github.access import GITHUB_API_URL
from bodhi_gen.github.failures import ApiFailure, Operation

STATUS_PAGE = "https://www.githubstatus.com"
_HEADER_BOUND = 10**12
_CHECK_URL = "check --api-url or GITHUB_API_URL (GitHub Enterprise Server: https://HOST/api/v3)"


@dataclass(frozen=True)
class Retry:
    delay: float
    reason: str


@dataclass(frozen=True)
class Stop:
    message: str


@dataclass(frozen=True)
class RetryPolicy:
    max_retries: int = 4
    backoff: float = 1.0
    max_backoff: float = 30.0
    max_rate_limit_wait: float = 60.0
    max_retry_after: float = 60.0  # a 5xx asking for a longer wait is not retried
    token_present: bool = True
    api_url: str = GITHUB_API_URL

    def decide(self, failure: ApiFailure, op: Operation, attempt: int, now: float) -> Retry | Stop:
        """``attempt`` counts from 0; ``now`` is the wall-clock epoch (rate-limit resets are epochs)."""
        if failure.problem == "refused":
            return Stop(f"{failure.message} while {op.what}; {_CHECK_URL}")
        if failure.problem == "malformed":
            return Stop(
                f"the API at {self.api_url} answered {op.what} with something GitHub never sends "
                f"({failure.message}); {_CHECK_URL}"
            )
        if is_rate_limited(failure):
            return self._rate_limited(failure, op, attempt, now)
        status = failure.status
        if status is None or status >= 500 or status == 202:
            return self._transient(failure, op, attempt, now)
        return Stop(self._client_error(failure, op))

    def _transient(self, failure: ApiFailure, op: Operation, attempt: int, now: float) -> Retry | Stop:
        if failure.status is None and failure.maybe_sent and not op.idempotent:
            return Stop(
                f"the connection failed while {op.what} ({failure.message}); the request may have "
                "reached GitHub, so check the repository's Actions tab before running this again"
            )
        asked = _retry_after(failure.headers)
        if asked is not None and asked > self.max_retry_after:
            return Stop(
                f"{_short(failure)} while {op.what} and asked to retry in {asked:g} s, longer than "
                f"bodhi-gen waits ({self.max_retry_after:g} s); retry {_when(now, asked)}"
            )
        if attempt < self.max_retries:
            delay = asked or min(self.backoff * 2**attempt, self.max_backoff)
            return Retry(delay, f"{_short(failure)} while {op.what} (attempt {attempt + 1} of {self.max_retries + 1})")
        tries = f"{attempt + 1} attempts"
        if failure.status is None:
            return Stop(
                f"could not reach {self.api_url} while {op.what} ({failure.message}; {tries}); "
                "check the network, and --api-url or GITHUB_API_URL (Enterprise Server: https://HOST/api/v3)"
            )
        return Stop(
            f"{_short(failure)} while {op.what} ({tries}); "
            f"GitHub may be having trouble (see {STATUS_PAGE}); try again later"
        )

    def _rate_limited(self, failure: ApiFailure, op: Operation, attempt: int, now: float) -> Retry | Stop:
        wait = _retry_after(failure.headers)
        reset = _int_header(failure.headers, "x-ratelimit-reset")
        if wait is None and reset is not None:
            wait = max(reset - now, 0.0) + 1.0
        if wait is not None and wait <= self.max_rate_limit_wait and attempt < self.max_retries:
            return Retry(wait, f"GitHub's API rate limit was exceeded while {op.what}; waiting for its reset")
        when = "in a few minutes" if wait is None else _when(now, wait)
        return Stop(f"GitHub's API rate limit was exceeded while {op.what}; retry {when}")

    def _client_error(self, failure: ApiFailure, op: Operation) -> str:
        status, detail = failure.status, _detail(failure)
        if status == 401:
            if not self.token_present:
                return f"GitHub requires a token for {op.what}: set GH_TOKEN or GITHUB_TOKEN{detail}"
            return (
                f"the token was rejected (bad, expired or revoked) while {op.what}{detail}; "
                f"set GH_TOKEN or GITHUB_TOKEN to a valid token with {op.permission}"
            )
        if status == 403:
            hint = f"; {op.permission_hint}" if op.permission_hint else ""
            return f"the token lacks the {op.permission} permission needed for {op.what}{detail}{hint}"
        if status == 404:
            return f"{op.not_found}{detail}"
        if status == 422:
            hint = f"; {op.invalid}" if op.invalid else ""
            return f"GitHub rejected {op.what}{detail}{hint}"
        return f"GitHub answered {status} while {op.what}{detail}"


def is_rate_limited(failure: ApiFailure) -> bool:
    if failure.status == 429:
        return True
    if failure.status != 403:
        return False
    return (
        failure.headers.get("x-ratelimit-remaining") == "0"
        or "retry-after" in failure.headers
        or "rate limit" in failure.message.lower()
    )


def _retry_after(headers: Mapping[str, str]) -> float | None:
    value = _int_header(headers, "retry-after")
    return float(max(value, 0)) if value is not None else None


def _when(now: float, wait: float) -> str:
    """``after 2026-01-02 03:04:05 UTC (in about 5 min)``; a date past any calendar is left out."""
    minutes = f"in about {max(round(wait / 60), 1)} min"
    try:
        at = datetime.fromtimestamp(now + wait, UTC).strftime("%Y-%m-%d %H:%M:%S UTC")
    except (OverflowError, OSError, ValueError):
        return minutes
    return f"after {at} ({minutes})"


def _int_header(headers: Mapping[str, str], name: str) -> int | None:
    """An integer header, kept within ±10^12 so that a hostile value cannot overflow a float."""
    try:
        value = int(headers[name])
    except (KeyError, ValueError):
        return None
    return max(min(value, _HEADER_BOUND), -_HEADER_BOUND)


def _short(failure: ApiFailure) -> str:
    if failure.status is None:
        return f"the connection failed ({failure.message})"
    said = f" ({failure.message})" if failure.message else ""
    return f"GitHub answered {failure.status}{said}"


def _detail(failure: ApiFailure) -> str:
    return f" (GitHub said: {failure.message})" if failure.message else ""
