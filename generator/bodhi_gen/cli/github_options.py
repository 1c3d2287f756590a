"""Click options of the commands that call the GitHub API (``release``, ``pins``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])


def api_url_option(func: F) -> F:
    return click.option(
        "--api-url",
        default=None,
        metavar="URL",
        help="GitHub API URL; Enterprise Server: https://HOST/api/v3. "
        "[default: $GITHUB_API_URL, else https://api.github.com]",
    )(func)
