"""Create the python-on-whales client, and turn its exceptions into ``DockerError``.

A first contact that fails for a reason every new user meets (no engine, no buildx, no docker CLI)
becomes one line with its fix, instead of the CLI's multi-line text.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import TYPE_CHECKING

from bodhi_gen.errors import DockerError

if TYPE_CHECKING:
    from python_on_whales import DockerClient

# How many lines of a failed command's output an error message quotes.
ERROR_TAIL_LINES = 30

# what the docker CLI prints when no engine answers at the host it was given
_NO_ENGINE = re.compile(r"Cannot connect to the Docker daemon at (\S+?)\.? Is the docker daemon running\?")
_DENIED = re.compile(r"permission denied while trying to connect to the Docker daemon socket at (\S+?):")
# docker 25+ says the first, older CLIs the second, when the buildx plugin is not installed
_NO_BUILDX = re.compile(r"unknown command: docker buildx|'buildx' is not a docker command")
BUILDX_MISSING = "docker buildx is not installed (the docker-buildx plugin: https://github.com/docker/buildx)"
CLI_MISSING = "the docker CLI is not installed (no `docker` on PATH: https://docs.docker.com/engine/install/)"


def _docker_host(env: Mapping[str, str] | None) -> str:
    host = (os.environ if env is None else env).get("DOCKER_HOST")
    return f"DOCKER_HOST={host}" if host else "DOCKER_HOST is not set"


def known_cause(text: str, env: Mapping[str, str] | None = None) -> str | None:
    """One line with its fix for a failure every new setup meets, found in the CLI's output; else None."""
    engine = _NO_ENGINE.search(text)
    if engine:
        return f"cannot reach the Docker engine at {engine.group(1)} (is it running? {_docker_host(env)})"
    denied = _DENIED.search(text)
    if denied:
        return f"the Docker engine at {denied.group(1)} refused this user (permission denied: join the docker group?)"
    if _NO_BUILDX.search(text):
        return BUILDX_MISSING
    return None


def docker_client() -> DockerClient:
    """A client for the engine named by the environment (DOCKER_HOST, DOCKER_CONFIG, PATH), checked to
    answer: a missing CLI or engine fails here in one line, not later inside a build or a pull."""
    from python_on_whales import DockerClient

    client = DockerClient()
    with docker_errors("connecting to the Docker engine"):
        client.version()
    return client


def buildx_client() -> DockerClient:
    """``docker_client()``, also checked to have buildx (builds and ``imagetools`` need it)."""
    client = docker_client()
    with docker_errors("asking docker buildx for its version"):
        client.buildx.version()
    return client


def tail(text: str | None, lines: int = ERROR_TAIL_LINES) -> str:
    kept = (text or "").rstrip().splitlines()[-lines:]
    return "\n".join(kept)


@contextmanager
def docker_errors(doing: str) -> Iterator[None]:
    """Re-raise the wrapper's failures as ``DockerError("<doing> failed: <stderr tail>")``, or as the one
    line of a known cause."""
    from python_on_whales.client_config import ClientNotFoundError
    from python_on_whales.exceptions import DockerException

    try:
        yield
    except DockerException as exc:
        cause = known_cause(f"{exc.stderr or ''}\n{exc.stdout or ''}")
        if cause is not None:
            raise DockerError(cause) from None
        detail = tail(exc.stderr) or tail(exc.stdout) or f"exit status {exc.return_code}"
        msg = f"{doing} failed:\n{detail}"
        raise DockerError(msg) from None
    except ClientNotFoundError:
        raise DockerError(CLI_MISSING) from None
    except FileNotFoundError as exc:
        msg = f"{doing} failed: the docker CLI was not found ({exc.filename or exc})"
        raise DockerError(msg) from None
