"""The project's own GPU code path against a real engine: called by scripts/gpu/device-check.sh.

1. the smoke test's GPU detection (``gpu_outcome`` / ``detect_host_gpu``) on the host's ``/dev``;
2. the cuda variant's device flags and probe, from the embedded default config;
3. ``bodhi_gen.docker.containers.Containers`` starts the probe image with those flags, and then
   with explicit ``--device`` flags for the host's NVIDIA nodes; the driver files that a container
   toolkit would inject are copied in (``--copy SRC:DST``); the probe runs through ``execute`` and
   the smoke test's ``check_gpu`` gives the verdict.

Prints one ``RESULT <name>: ok|fail|info ...`` line per step; exits 0 when the probe passed with
the explicit device flags (or when no device nodes were given), 1 otherwise.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
import uuid
from pathlib import Path
from typing import Any

LABEL = "bodhi-gpu-check"


def result(name: str, state: str, detail: str) -> None:
    first, *rest = (detail.strip() or "-").splitlines()
    print(f"RESULT {name}: {state} {first}", flush=True)
    for line in rest[:20]:
        print(f"    {line}", flush=True)


def host_detection() -> None:
    try:
        from bodhi_gen.smoke.unit import gpu_outcome

        outcome = gpu_outcome("nvidia", Path("/dev"))
        result("project.gpu_outcome", "info", f"status={outcome.status} ({outcome.detail})")
    except ImportError as exc:
        result("project.gpu_outcome", "info", f"not importable: {exc}")
    from bodhi_gen.smoke.gpu import detect_host_gpu

    host = detect_host_gpu("nvidia")
    result("project.detect_host_gpu", "ok" if host.present else "info", f"present={host.present} ({host.evidence})")


def cuda_flags_and_probe() -> tuple[tuple[str, ...], tuple[str, ...]]:
    try:
        from bodhi_gen.config.loader import load_config

        variant = load_config(None).variant("cuda")
        flags, probe = tuple(variant.resolved_device_flags), tuple(variant.resolved_gpu_probe)
        source = "default config, variant cuda"
    except (ImportError, AttributeError, KeyError) as exc:
        from bodhi_gen.config.rules import DEFAULT_DEVICE_FLAGS, DEFAULT_GPU_PROBES

        flags, probe = tuple(DEFAULT_DEVICE_FLAGS["nvidia"]), tuple(DEFAULT_GPU_PROBES["nvidia"])
        source = f"models defaults ({exc})"
    result("project.cuda-flags", "info", f"device_flags={' '.join(flags)} probe={' '.join(probe)} [{source}]")
    return flags, probe


def run_without_network(client: Any, image: str, name: str, flags: tuple[str, ...]) -> str:
    """The same flag translation as ``Containers.start``, on the ``none`` network (no port to publish)."""
    from bodhi_gen.docker import containers as run_flags

    options = dataclasses.asdict(run_flags.run_options(flags))
    options = {k: v for k, v in options.items() if v not in (None, [], False)}
    container = client.run(image, detach=True, init=True, name=name, networks=["none"], labels={LABEL: "1"}, **options)
    return str(container.id)


def verdict(probe: tuple[str, ...], exit_code: int, output: str) -> tuple[bool, str]:
    try:
        from bodhi_gen.smoke.checks import check_gpu

        check = check_gpu(probe, exit_code, output)
        return check.passed, f"check_gpu: {check.detail}"
    except ImportError:
        ok = exit_code == 0 and "GPU " in output
        return ok, f"exit {exit_code}: {output}"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--image", required=True)
    parser.add_argument("--device", action="append", default=[], help="host node, passed as --device NODE")
    parser.add_argument("--copy", action="append", default=[], help="HOST_FILE:CONTAINER_PATH")
    parser.add_argument("--no-network", action="store_true", help="the engine has no bridge: run on 'none'")
    args = parser.parse_args()

    host_detection()
    configured, probe = cuda_flags_and_probe()
    if not args.device:
        result("project.probe", "info", "no NVIDIA device nodes given: container steps skipped")
        return 0

    from bodhi_gen.docker.client import docker_client
    from bodhi_gen.docker.containers import Containers, ContainerSpec
    from bodhi_gen.errors import DockerError

    client = docker_client()
    containers = Containers(client)
    explicit = tuple(flag for node in args.device for flag in ("--device", node))
    copies = [c.split(":", 1) for c in args.copy]
    passed = False
    for label, flags in (("configured-flags", configured), ("device-flags", explicit)):
        name = f"bodhi-gpu-check-{label}-{uuid.uuid4().hex[:6]}"
        try:
            if args.no_network:
                how, cid = (
                    "run_flags + docker.run(networks=['none'])",
                    run_without_network(client, args.image, name, flags),
                )
            else:
                spec = ContainerSpec(
                    image=args.image, name=name, container_port=8080, run_flags=flags, labels={LABEL: "1"}
                )
                how, cid = "Containers.start", containers.start(spec)
        except DockerError as exc:
            result(f"project.{label}.start", "fail", exc.message)
            continue
        except Exception as exc:  # the wrapper's own exception types, when not going through Containers
            result(f"project.{label}.start", "fail", f"{type(exc).__name__}: {exc}")
            continue
        result(f"project.{label}.start", "ok", f"{how} {' '.join(flags)} -> {cid[:12]}")
        try:
            for src, dst in copies:
                client.copy(Path(src), (cid, dst))
            run = containers.execute(cid, probe)
            ok, detail = verdict(probe, run.exit_code, run.output)
            result(f"project.{label}.probe", "ok" if ok else "fail", detail)
            passed = passed or (ok and label == "device-flags")
        finally:
            containers.remove(cid)
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
