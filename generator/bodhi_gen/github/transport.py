"""The one door every request goes through: bounded in time, in redirects, in "still processing" answers.

PyGithub's own connection class would wait 2 s and ask again for every 202 without end, follow a
301 recursively until Python's stack runs out, and use one fixed timeout however close ``--timeout``
is. ``guard`` swaps the connection class of one client's requester for one that sends each request
with ``min(per-request timeout, time left)``, follows at most a few redirects on the API's own
scheme, host and port (a redirect anywhere else is refused, so the token never leaves), and turns a
202 to a GET into a refusal the retry policy counts like any other failure.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin, urlsplit

from bodhi_gen.github.timing import Deadline

if TYPE_CHECKING:
    from github.Requester import Requester

MAX_REDIRECTS = 3
_REDIRECTS = frozenset({301, 302, 303, 307, 308})


class RefusedAnswerError(Exception):
    """An answer the transport will not act on; ``retry``: whether asking again may help."""

    def __init__(self, status: int, message: str, *, retry: bool) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.retry = retry


class NoTimeLeftError(Exception):
    """No time was left to send a request."""


@dataclass(frozen=True)
class Limits:
    http_timeout: float
    deadline: Deadline
    max_redirects: int = MAX_REDIRECTS


def guard(requester: Requester, limits: Limits) -> None:
    """Make every request of ``requester`` (its own connections included) go through ``Limits``."""
    from github.Requester import HTTPRequestsConnectionClass, HTTPSRequestsConnectionClass

    attribute = "_Requester__connectionClass"  # set once per requester from the base URL's scheme
    base = getattr(requester, attribute)
    if base not in (HTTPRequestsConnectionClass, HTTPSRequestsConnectionClass):
        msg = f"unexpected PyGithub connection class {base!r}"
        raise TypeError(msg)
    setattr(requester, attribute, _guarded(base, limits))


def _guarded(base: type[Any], limits: Limits) -> type[Any]:
    from github.Requester import RequestsResponse

    class Guarded(base):  # type: ignore[misc]  # PyGithub's classes are untyped here
        def getresponse(self) -> RequestsResponse:
            origin = (self.protocol, self.host.lower(), self.port)
            url = f"{self.protocol}://{self.host}:{self.port}{self.url}"
            for _ in range(limits.max_redirects + 1):
                timeout = limits.deadline.cap(limits.http_timeout)
                if timeout <= 0:
                    raise NoTimeLeftError
                answer = self.session.request(
                    self.verb,
                    url,
                    headers=self.headers,
                    data=self.input,
                    timeout=timeout,
                    verify=self.verify,
                    allow_redirects=False,
                )
                status = answer.status_code
                if status in _REDIRECTS:
                    url = _same_origin(url, answer.headers.get("location", ""), origin, status)
                    answer.close()
                    continue
                if status == 202 and self.verb in ("GET", "HEAD"):
                    answer.close()
                    msg = "still processing"
                    raise RefusedAnswerError(202, msg, retry=True)
                return RequestsResponse(answer)
            msg = f"more than {limits.max_redirects} redirects (the API's address is probably wrong)"
            raise RefusedAnswerError(310, msg, retry=False)

    return Guarded


def _same_origin(url: str, location: str, origin: tuple[str, str, int], status: int) -> str:
    """Where a redirect leads, if it stays on the API's scheme, host and port."""
    if not location:
        msg = f"GitHub answered {status} without a Location"
        raise RefusedAnswerError(status, msg, retry=False)
    target = urljoin(url, location)
    parts = urlsplit(target)
    default_port = 443 if parts.scheme == "https" else 80
    where = (parts.scheme, (parts.hostname or "").lower(), parts.port or default_port)
    if where != origin:
        msg = (
            f"the API redirected ({status}) to {parts.scheme}://{parts.netloc}, another host or scheme; "
            "not followed, so the token is not sent there"
        )
        raise RefusedAnswerError(status, msg, retry=False)
    return target
