"""Registry access for the action: log in, and push a loaded image under a staging tag.

Pushing the image that was smoke-tested (instead of building again to push) is what makes the
published digest the tested one; the digest is read back from the registry, not from the engine.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bodhi_gen.docker.client import docker_errors
from bodhi_gen.docker.imagetools import inspect_index

if TYPE_CHECKING:
    from python_on_whales import DockerClient


def login(client: DockerClient, registry: str, username: str, password: str) -> None:
    """``docker login`` with the password on stdin: never on argv, never in a log."""
    with docker_errors(f"logging in to {registry} as {username or '(no user)'}"):
        client.login(server=registry, username=username or None, password=password)


def push_loaded(client: DockerClient, source: str, target: str) -> str:
    """Tag the local image ``source`` as ``target``, push it, and return the digest the registry serves."""
    with docker_errors(f"pushing {source} as {target}"):
        client.image.tag(source, target)
        client.image.push(target, quiet=True)
    return inspect_index(client, target).digest
