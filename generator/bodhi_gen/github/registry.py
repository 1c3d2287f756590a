"""Read manifests from a container registry (OCI distribution API), GHCR's above all.

Only what pruning needs: a manifest by digest (its bytes checked against the digest and parsed by
``manifests.py``), and the referrers API where the registry offers it. The token exchange follows
the registry's ``WWW-Authenticate`` challenge, but only to a realm on the registry's own scheme,
host and port, so the GitHub token never leaves for another host; redirects are not followed; every
request is cut to the deadline, counted against the request budget, and its body read up to a size
limit. Any answer that is not exactly what was asked for is a ``RegistryError``: nothing is deleted.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from urllib.parse import urlsplit

from bodhi_gen.errors import GitHubError
from bodhi_gen.github.failures import redact
from bodhi_gen.github.manifests import (
    ACCEPT,
    REFERRERS_TYPE,
    Descriptor,
    Manifest,
    ManifestError,
    parse_manifest,
    parse_referrers,
)
from bodhi_gen.github.timing import Deadline, RequestBudget, Timing
from bodhi_gen.github.transport import origin

MAX_MANIFEST_BYTES = 4 * 1024 * 1024  # the OCI distribution spec's limit a registry must accept
_CHALLENGE = re.compile(r'(\w+)="([^"]*)"')
_LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "::1"})


class RegistryError(GitHubError):
    """The registry refused or failed a read (exit 5, like the packages API it stands beside)."""


def check_registry_url(url: str) -> str:
    """https, or http on this machine only (a test registry): the token never crosses a network in clear."""
    parts = urlsplit(url)
    local = parts.scheme == "http" and (parts.hostname or "") in _LOCAL_HOSTS
    if not parts.netloc or not (parts.scheme == "https" or local):
        msg = f"registry URL {url!r} is not https://HOST (http is accepted for localhost only)"
        raise ValueError(msg)
    return url.rstrip("/")


class RegistryReader:
    def __init__(
        self,
        base_url: str,
        *,
        username: str,
        token: str | None,
        budget: RequestBudget,
        deadline: Deadline,
        timing: Timing,
        http_timeout: float = 30.0,
        max_retries: int = 3,
    ) -> None:
        import requests  # late: only commands that read a registry pay for it

        self._base = check_registry_url(base_url)
        self._username = username
        self._token = token
        self._budget = budget
        self._deadline = deadline
        self._timing = timing
        self._http_timeout = http_timeout
        self._max_retries = max_retries
        self._session = requests.Session()
        self._bearer: dict[str, str] = {}  # scope -> registry token
        self._no_referrers: set[str] = set()  # repositories whose registry has no referrers API

    def manifest(self, repository: str, digest: str) -> Manifest:
        """The manifest ``repository@digest`` (``repository``: ``owner/name``), its bytes checked against ``digest``."""
        what = f"reading manifest {digest} of {repository} from {self._base}"
        _, body = self._get(f"{self._base}/v2/{repository}/manifests/{digest}", what, repository, ACCEPT)
        try:
            return parse_manifest(body, digest)
        except ManifestError as exc:
            raise RegistryError(self._redact(f"{what}: {exc}; nothing was deleted")) from None

    def referrers(self, repository: str, digest: str) -> tuple[Descriptor, ...] | None:
        """The manifests whose ``subject`` is ``digest``, by the referrers API; None where the registry has none.

        A registry that offers the API never answers it 404 (OCI distribution 1.1), so a 404 means it does
        not, and the repository is not asked again.
        """
        if repository in self._no_referrers:
            return None
        what = f"listing the referrers of {digest} of {repository} from {self._base}"
        url = f"{self._base}/v2/{repository}/referrers/{digest}"
        status, body = self._get(url, what, repository, REFERRERS_TYPE, missing_ok=True)
        if status == 404:
            self._no_referrers.add(repository)
            return None
        try:
            return parse_referrers(body)
        except ManifestError as exc:
            raise RegistryError(self._redact(f"{what}: {exc}; nothing was deleted")) from None

    def _get(self, url: str, what: str, repository: str, accept: str, *, missing_ok: bool = False) -> tuple[int, bytes]:
        scope = f"repository:{repository}:pull"
        for attempt in range(self._max_retries + 1):
            status, headers, body = self._send(url, what, self._bearer.get(scope), accept=accept)
            if status == 401 and scope not in self._bearer:
                self._bearer[scope] = self._exchange(headers.get("www-authenticate", ""), scope, what)
                status, headers, body = self._send(url, what, self._bearer[scope], accept=accept)
            if status == 404 and missing_ok:
                return status, body
            if status < 500 and status != 429:
                self._checked(status, body, what)
                return status, body
            if attempt < self._max_retries:
                self._wait(min(2.0**attempt, 30.0), f"the registry answered {status} while {what}")
        msg = f"the registry answered {status} while {what} ({self._max_retries + 1} attempts); try again later"
        raise RegistryError(self._redact(msg))

    def _checked(self, status: int, body: bytes, what: str) -> None:
        if status == 200:
            return
        said = _registry_message(body)
        if status in (301, 302, 303, 307, 308):
            msg = f"the registry redirected ({status}) while {what}; not followed, so the token stays here"
        elif status in (401, 403):
            msg = (
                f"the registry refused {what} ({status}{said}); the token needs read access to the package "
                "(classic: read:packages; in a workflow: packages: read)"
            )
        elif status == 404:
            msg = (
                f"not found ({said.strip(': ') or 404}) while {what}: the packages API lists it but the registry "
                "does not serve it; nothing was deleted"
            )
        else:
            msg = f"the registry answered {status}{said} while {what}"
        raise RegistryError(self._redact(msg))

    def _exchange(self, challenge: str, scope: str, what: str) -> str:
        """A registry token for ``scope``, from the challenge's realm (same origin only)."""
        scheme, _, params = challenge.partition(" ")
        fields = dict(_CHALLENGE.findall(params))
        realm = fields.get("realm", "")
        if scheme.lower() != "bearer" or not realm:
            msg = f"the registry asked for authentication it does not describe ({challenge[:80]!r}) while {what}"
            raise RegistryError(self._redact(msg))
        if origin(realm) != origin(self._base):
            msg = f"the registry's token service {origin(realm)} is on another host; the token is not sent there"
            raise RegistryError(self._redact(msg))
        query = {
            "scope": fields.get("scope") or scope,
            **({"service": fields["service"]} if "service" in fields else {}),
        }
        auth = (self._username, self._token) if self._token else None
        status, _, body = self._send(realm, f"asking {realm} for a registry token", None, params=query, auth=auth)
        answer = _json(body) if status == 200 else {}
        found = answer.get("token") or answer.get("access_token")
        if not isinstance(found, str) or not found:
            msg = f"the registry's token service answered {status}{_registry_message(body)} while {what}"
            raise RegistryError(self._redact(msg))
        return found

    def _send(
        self,
        url: str,
        what: str,
        bearer: str | None,
        *,
        params: Mapping[str, str] | None = None,
        auth: tuple[str, str] | None = None,
        accept: str = ACCEPT,
    ) -> tuple[int, Mapping[str, str], bytes]:
        import requests

        self._budget.take(what)
        timeout = self._deadline.cap(self._http_timeout)
        if timeout <= 0:
            msg = f"time ran out before {what}"
            raise RegistryError(msg)
        headers = {"Accept": accept, **({"Authorization": f"Bearer {bearer}"} if bearer else {})}
        try:
            with self._session.get(
                url, headers=headers, params=params, auth=auth, timeout=timeout, allow_redirects=False, stream=True
            ) as answer:
                body = answer.raw.read(MAX_MANIFEST_BYTES + 1, decode_content=True)
                found = {key.lower(): value for key, value in answer.headers.items()}
                status = answer.status_code
        except requests.RequestException as exc:
            raise RegistryError(self._redact(f"could not reach the registry while {what} ({exc})")) from None
        if len(body) > MAX_MANIFEST_BYTES:
            msg = f"the registry's answer to {what} is larger than {MAX_MANIFEST_BYTES} bytes"
            raise RegistryError(msg)
        return status, found, body

    def _wait(self, delay: float, reason: str) -> None:
        left = self._deadline.remaining()
        if left is not None and delay >= left:
            raise RegistryError(self._redact(f"time ran out: {reason}"))
        self._timing.sleep(delay)

    def _redact(self, text: str) -> str:
        for secret in (self._token, *self._bearer.values()):
            text = redact(text, secret)
        return text


def _json(body: bytes) -> dict[str, object]:
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _registry_message(body: bytes) -> str:
    errors = _json(body).get("errors")
    first = errors[0] if isinstance(errors, list) and errors and isinstance(errors[0], dict) else {}
    message = str(first.get("message") or first.get("code") or "")[:200]
    return f": {message}" if message else ""
