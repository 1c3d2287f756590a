"""Create the python-on-whales client, and turn its exceptions into ``DockerError``."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from bodhi_gen.errors import DockerError

if TYPE_CHECKING:
    from python_on_whales import DockerClient

# How many lines of a failed command's output an error message quotes.
ERROR_TAIL_LINES = 30


def docker_client() -> DockerClient:
    """A client for the engine named by the environment (DOCKER_HOST, DOCKER_CONFIG, PATH)."""
    from python_on_whales import DockerClient

    return DockerClient()


def tail(text: str | None, lines: int = ERROR_TAIL_LINES) -> str:
    kept = (text or "").rstrip().splitlines()[-lines:]
    return "\n".join(kept)


@contextmanager
def docker_errors(doing: str) -> Iterator[None]:
    """Re-raise the wrapper's failures as ``DockerError("<doing> failed: <stderr tail>")``."""
    from python_on_whales.exceptions import DockerException

    try:
        yield
    except DockerException as exc:
        detail = tail(exc.stderr) or tail(exc.stdout) or f"exit status {exc.return_code}"
        msg = f"{doing} failed:\n{detail}"
        raise DockerError(msg) from None
    except FileNotFoundError as exc:
        msg = f"{doing} failed: the docker CLI was not found ({exc.filename or exc})"
        raise DockerError(msg) from None
