"""A second local OCI registry (Debian's ``docker-registry``) on its own port, storage and config.

It stands in for a mirror such as Docker Hub next to the engine's registry (GHCR's stand-in). The
test run starts it and stops it by the PID it started, never by name. Its storage is a folder of the
run's own, so nothing of it outlives the run.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

START_SECONDS = 20


def answers(address: str) -> bool:
    try:
        with urllib.request.urlopen(f"http://{address}/v2/", timeout=2) as reply:
            return bool(reply.status == 200)
    except (urllib.error.URLError, OSError):
        return False


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)  # its own session: the PID is its process group
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


@contextmanager
def second_registry(folder: Path, address: str = "127.0.0.1:5001") -> Iterator[str]:
    """Serve a registry on ``address`` from ``folder`` while the block runs; yield its address."""
    binary = shutil.which("docker-registry")
    if binary is None:
        msg = "docker-registry is not installed (Debian package docker-registry, see scripts/engine/up.sh)"
        raise AssertionError(msg)
    if answers(address):
        msg = f"something already serves {address}: stop it first"
        raise AssertionError(msg)
    storage = folder / "storage"
    storage.mkdir(parents=True)
    config = folder / "registry.yml"
    config.write_text(
        "version: 0.1\n"
        "log:\n  level: warn\n"
        f"storage:\n  filesystem:\n    rootdirectory: {storage}\n  delete:\n    enabled: true\n"
        f"http:\n  addr: {address}\n",
        "utf-8",
    )
    log = (folder / "registry.log").open("wb")
    process = subprocess.Popen(
        [binary, "serve", str(config)],
        stdin=subprocess.DEVNULL,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + START_SECONDS
        while not answers(address):
            if process.poll() is not None or time.monotonic() > deadline:
                tail = (folder / "registry.log").read_text("utf-8", errors="replace")[-2000:]
                msg = f"the second registry did not start on {address}:\n{tail}"
                raise AssertionError(msg)
            time.sleep(0.2)
        yield address
    finally:
        _stop(process)
        log.close()
