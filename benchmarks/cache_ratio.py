"""Registry cache benefit for the fixture's app binary: warm (registry cache only) build time / cold build time.

The binary (dockerfiles/binary.Dockerfile: deps, UI, app compile) is the expensive build that every
variant image reuses, so its cache is the one that matters.

Cold: the local build cache is pruned and the image is built with nothing to reuse, exporting its cache
(mode=max) to a fresh ref in the local registry. Warm: the local build cache is pruned again and the
image is rebuilt with only that registry cache to import, as a fresh CI runner would.

Run from the repository root with the engine up (``bash scripts/engine/up.sh``)::

    python -m benchmarks.cache_ratio

It prunes the engine's whole local build cache twice: do not run it while other builds use the engine.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

from tests.support.fixture_repo import fixture_checkout
from tests.support.standins import build_builder

from bodhi_gen.config.loader import load_config
from bodhi_gen.plan.build import build_plan
from bodhi_gen.plan.units import BuildInfo

ROOT = Path(__file__).resolve().parent.parent


def engine_env() -> dict[str, str]:
    if os.environ.get("DOCKER_HOST") and os.environ.get("BODHI_TEST_REGISTRY"):
        return dict(os.environ)
    env_file = ROOT / ".engine" / "env"
    if not env_file.is_file():
        sys.exit("no engine: run `bash scripts/engine/up.sh` first")
    done = subprocess.run(
        ["bash", "-c", 'source "$1" && env -0', "engine-env", str(env_file)], capture_output=True, check=True
    )
    return dict(item.split("=", 1) for item in done.stdout.decode().split("\0") if "=" in item)


def docker(env: dict[str, str], *args: str) -> str:
    binary = shutil.which("docker", path=env["PATH"]) or "docker"
    done = subprocess.run([binary, *args], env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.exit(f"docker {' '.join(args[:2])} failed:\n{done.stdout[-3000:]}{done.stderr[-3000:]}")
    return done.stdout + done.stderr


def steps(log: str) -> tuple[int, int]:
    """(Dockerfile steps, of which CACHED) in a plain progress log."""
    names: set[str] = set()
    cached: set[str] = set()
    for line in log.splitlines():
        number, _, rest = line.partition(" ")
        if rest.startswith("[") and "/" in rest.split("]", 1)[0] and "internal]" not in rest:
            names.add(number)
        elif rest.strip() == "CACHED":
            cached.add(number)
    return len(names), len(names & cached)


def timed_build(env: dict[str, str], args: list[str]) -> tuple[float, str]:
    docker(env, "buildx", "prune", "--all", "--force")
    started = time.monotonic()
    log = docker(env, "buildx", "build", "--progress", "plain", *args)
    return time.monotonic() - started, log


def unique_image(env: dict[str, str], image: str, nonce: str, scratch: Path) -> str:
    """``image`` plus a label: same layers, new digest, so no build cache of other runs or users matches."""
    folder = scratch / f"unique-{image.replace('/', '-').replace(':', '-')}"
    folder.mkdir()
    (folder / "Dockerfile").write_text(f"FROM {image}\nLABEL bodhi-bench.nonce={nonce}\n", "utf-8")
    tag = f"bodhi-bench/{image.rsplit('/', 1)[-1].replace(':', '-')}:{nonce}"
    docker(env, "buildx", "build", "--load", "--tag", tag, str(folder))
    return tag


def main() -> None:
    env = engine_env()
    from python_on_whales import DockerClient

    binary = shutil.which("docker", path=env["PATH"]) or "docker"
    client = DockerClient(host=env["DOCKER_HOST"], config=env["DOCKER_CONFIG"], client_call=[binary])
    nonce = uuid.uuid4().hex[:10]
    unit = build_plan(load_config(), BuildInfo("0.0.1", "0" * 40)).binary("production", "linux/amd64")
    ref = f"{env['BODHI_TEST_REGISTRY']}/bodhi-bench/cache:binary-{nonce}"
    with tempfile.TemporaryDirectory() as temporary:
        scratch = Path(temporary)
        app = fixture_checkout(scratch / "fixture")
        builder = unique_image(env, build_builder(client), nonce, scratch)
        build_args = {**unit.build_args, "RUST_IMAGE": builder, "NODE_IMAGE": builder}
        common = [
            "--file",
            str(ROOT / unit.dockerfile),
            *(item for key, value in sorted(build_args.items()) for item in ("--build-arg", f"{key}={value}")),
            # to a local OCI tar: the warm build cannot reuse the layers of a loaded image
            "--output",
            f"type=oci,dest={scratch / 'image.tar'}",
            str(app),
        ]
        try:
            cold, cold_log = timed_build(env, ["--cache-to", f"type=registry,ref={ref},mode=max", *common])
            warm, warm_log = timed_build(env, ["--cache-from", f"type=registry,ref={ref}", *common])
        finally:
            docker(env, "image", "rm", builder)
    total, cold_cached = steps(cold_log)
    _, warm_cached = steps(warm_log)
    print(f"cold build (no cache, exporting registry cache): {cold:.1f} s ({cold_cached}/{total} steps cached)")
    print(f"warm build (local cache pruned, registry cache): {warm:.1f} s ({warm_cached}/{total} steps cached)")
    print(f"warm / cold: {warm / cold:.3f}")


if __name__ == "__main__":
    main()
