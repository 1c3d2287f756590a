"""What every answer meets before PyGithub reads it: no endless 202s, no redirect off the API's origin.

PyGithub hands its public ``retry=`` to the requests adapter of each connection, and urllib3 asks that
object about every answer. ``Bounded`` retries nothing itself (the client's ``RetryPolicy`` decides,
on its own clock and with its own messages). It refuses a 202 to a GET, which PyGithub would ask again
every 2 s without end; a redirect to another scheme, host or port, so the token never goes there; a
redirect PyGithub would not follow (only a 301 on the API's origin) or one to the same address; and
more than a few redirects in one call, which PyGithub would follow without a bound. ``timeout=`` bounds
each request, and the client cuts it to ``--timeout``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Self
from urllib.parse import urljoin, urlsplit

from urllib3.exceptions import MaxRetryError
from urllib3.util import Retry

if TYPE_CHECKING:
    from types import TracebackType

    from urllib3.connectionpool import ConnectionPool
    from urllib3.response import BaseHTTPResponse

MAX_REDIRECTS = 3
_REDIRECTS = frozenset({301, 302, 303, 307, 308})


class RefusedAnswerError(Exception):
    """An answer the transport will not act on; ``retry``: whether asking again may help."""

    def __init__(self, status: int, message: str, *, retry: bool) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.retry = retry


def origin(url: str) -> tuple[str, str, int]:
    parts = urlsplit(url)
    return parts.scheme, (parts.hostname or "").lower(), parts.port or (443 if parts.scheme == "https" else 80)


class Bounded(Retry):
    """PyGithub's ``retry=`` for the API at ``api_url``: refuses what must not go on (see the module)."""

    def __init__(self, api_url: str = "", max_redirects: int = MAX_REDIRECTS, **kwargs: Any) -> None:
        # no retry of its own: a connection failure is raised at once, as PyGithub's default does
        super().__init__(**{"total": 0, "read": False, "raise_on_status": False, **kwargs})
        self.api_url = api_url
        self.max_redirects = max_redirects
        self.hops = 0  # redirects followed in the current call (the client resets it)

    def new(self, **kw: Any) -> Self:
        copy = super().new(**kw)
        copy.api_url, copy.max_redirects = self.api_url, self.max_redirects
        return copy

    def is_retry(self, method: str, status_code: int, has_retry_after: bool = False) -> bool:
        return status_code in _REDIRECTS or (status_code == 202 and method in ("GET", "HEAD"))

    def increment(
        self,
        method: str | None = None,
        url: str | None = None,
        response: BaseHTTPResponse | None = None,
        error: Exception | None = None,
        _pool: ConnectionPool | None = None,
        _stacktrace: TracebackType | None = None,
    ) -> Self:
        if response is None or not self.is_retry(method or "", response.status):
            return super().increment(method, url, response, error, _pool, _stacktrace)
        try:
            if response.status == 202:
                msg = "still processing"
                raise RefusedAnswerError(202, msg, retry=True)
            self._check_redirect(urljoin(self.api_url, url or ""), response)
        except RefusedAnswerError:
            response.drain_conn()  # the connection goes back to the pool
            raise
        # a 301 on the API's origin goes through: PyGithub follows it (urllib3 hands it over when this raises)
        raise MaxRetryError(_pool, url)  # type: ignore[arg-type]  # urllib3 takes no pool here itself

    def _check_redirect(self, url: str, response: BaseHTTPResponse) -> None:
        status, location = response.status, response.headers.get("location", "")
        if not location:
            msg = f"GitHub answered {status} without a Location"
            raise RefusedAnswerError(status, msg, retry=False)
        target = urljoin(url, location)
        if origin(target) != origin(self.api_url):
            parts = urlsplit(target)
            msg = (
                f"the API redirected ({status}) to {parts.scheme}://{parts.netloc}, another host or scheme; "
                "not followed, so the token is not sent there"
            )
            raise RefusedAnswerError(status, msg, retry=False)
        self.hops += 1
        if self.hops > self.max_redirects:
            msg = f"more than {self.max_redirects} redirects (the API's address is probably wrong)"
            raise RefusedAnswerError(310, msg, retry=False)
        if status != 301 or urlsplit(target).path == urlsplit(url).path:  # PyGithub follows these only
            msg = f"the API redirected ({status}) to {urlsplit(target).path}, which bodhi-gen does not follow"
            raise RefusedAnswerError(status, msg, retry=False)
