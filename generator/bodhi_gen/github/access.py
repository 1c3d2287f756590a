"""Where the API is and who calls it: ``--api-url`` or ``GITHUB_API_URL``, and the token from the environment."""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import urlsplit

from bodhi_gen.errors import UsageError

# github.com's API: the default of --api-url, and where the Dockerfiles' download stage asks for releases
GITHUB_API_URL = "https://api.github.com"
TOKEN_ENV_VARS = ("GH_TOKEN", "GITHUB_TOKEN")
API_URL_ENV_VAR = "GITHUB_API_URL"


def api_url_from(option: str | None, env: Mapping[str, str]) -> str:
    """``--api-url``, then ``GITHUB_API_URL``, then github.com; checked to be an http(s) URL."""
    url = option or env.get(API_URL_ENV_VAR) or GITHUB_API_URL
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        msg = (
            f"API URL {url!r} (from --api-url or {API_URL_ENV_VAR}) is not an http(s) URL; "
            "GitHub Enterprise Server uses https://HOST/api/v3"
        )
        raise UsageError(msg)
    return url.rstrip("/")


def token_from_env(env: Mapping[str, str]) -> str | None:
    """``GH_TOKEN``, then ``GITHUB_TOKEN`` (the GitHub CLI's order); blank values count as unset."""
    for name in TOKEN_ENV_VARS:
        value = env.get(name, "").strip()
        if value:
            return value
    return None
