"""Run one container and check it: healthy in time, /ping, version, non-root, defaults.yaml, GPU.

The container is always removed; on failure its logs go into the report first.

A rootless or sandboxed engine may refuse what the run flags ask for: ``--ulimit memlock=-1:-1`` (for
llama-server's ``--mlock``) then fails inside runc with ``error setting rlimit type 8: operation not
permitted``; that refusal fails the smoke test with its fix (``start_refusal``).
"""

from __future__ import annotations

import re
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, replace

import requests

from bodhi_gen.docker.containers import Containers, ContainerSpec
from bodhi_gen.errors import DockerError
from bodhi_gen.plan.contract import DEFAULTS_PATH
from bodhi_gen.smoke.checks import (
    MISSING_EXEC_SCRIPT,
    Check,
    check_defaults,
    check_execs,
    check_gpu,
    check_info,
    check_memlock,
    check_ping,
    check_user,
    memlock_limit,
)
from bodhi_gen.smoke.gpu import CONFIGURED, EXPLICIT, toolkit_missing
from bodhi_gen.smoke.report import SmokeReport

_RLIMIT_MEMLOCK = re.compile(r"error setting rlimit type 8: operation not permitted")
MEMLOCK_REFUSED = (
    "this engine refuses --ulimit memlock=-1, which the variant's --mlock needs: drop --mlock from "
    "llama_server_args, or run on an engine that may raise memlock (root, CAP_SYS_RESOURCE)"
)


def start_refusal(error: DockerError, run_flags: tuple[str, ...]) -> str | None:
    """Why the engine would not start the container, in one line with its fix; None when it is no
    refusal we know (then the error stands as it is)."""
    if memlock_limit(run_flags) is not None and _RLIMIT_MEMLOCK.search(error.message):
        return MEMLOCK_REFUSED
    return None


SMOKE_LABEL = "io.bodhisearch.smoke"
POLL_S = 0.5
HTTP_TIMEOUT_S = 5.0
LOG_LINES = 200


@dataclass(frozen=True)
class SmokeSpec:
    image: str
    key: str
    version: str
    container_port: int
    timeout_s: float
    health_interval_s: int
    run_flags: tuple[str, ...]
    expected_defaults: dict[str, str]
    gpu_probe: tuple[str, ...] = ()
    # the llama-server of each exec variant the image declares
    exec_paths: tuple[str, ...] = ()
    # the run flags to retry with when --gpus fails for want of the NVIDIA container toolkit (empty: no retry)
    gpu_fallback: tuple[str, ...] = ()


class HealthWaitError(Exception):
    """Ends the health wait: the container exited, turned unhealthy or ran out of time."""


def _wait_healthy(containers: Containers, container_id: str, spec: SmokeSpec, started: float) -> float:
    deadline = started + spec.timeout_s
    while True:
        state = containers.status(container_id)
        elapsed = time.monotonic() - started
        if not state.running:
            msg = f"container exited with status {state.exit_code} after {elapsed:.1f} s"
            raise HealthWaitError(msg)
        if state.health is None:
            msg = "the image defines no HEALTHCHECK, so its health cannot be awaited"
            raise HealthWaitError(msg)
        if state.health == "healthy":
            return elapsed
        if state.health == "unhealthy":
            msg = f"health check failed {state.failing_streak} times in a row after {elapsed:.1f} s"
            raise HealthWaitError(msg + (f": {state.last_probe}" if state.last_probe else ""))
        if time.monotonic() >= deadline:
            probe = f"; last probe: {state.last_probe}" if state.last_probe else ""
            msg = f"not healthy within {spec.timeout_s:g} s (health: {state.health}{probe})"
            raise HealthWaitError(msg)
        time.sleep(POLL_S)


def _get(url: str) -> tuple[int, str]:
    try:
        response = requests.get(url, timeout=HTTP_TIMEOUT_S)
    except requests.RequestException as exc:
        return 0, f"request failed: {exc}"
    return response.status_code, response.text


def _checks(containers: Containers, container_id: str, spec: SmokeSpec) -> list[Check]:
    base = f"http://127.0.0.1:{containers.host_port(container_id, spec.container_port)}"
    checks = [check_ping(*_get(f"{base}/ping")), check_info(*_get(f"{base}/bodhi/v1/info"), spec.version)]
    status = containers.execute(container_id, ["cat", "/proc/1/status"])
    checks.append(check_user(status.exit_code, status.output))
    defaults = containers.execute(container_id, ["cat", DEFAULTS_PATH])
    if defaults.exit_code == 0:
        checks.append(check_defaults(defaults.output, spec.expected_defaults))
    else:
        checks.append(Check("defaults.yaml", False, f"cannot read {DEFAULTS_PATH}: {defaults.output[:200]}"))
    if spec.exec_paths:
        found = containers.execute(container_id, ["sh", "-c", MISSING_EXEC_SCRIPT, "sh", *spec.exec_paths])
        checks.append(check_execs(spec.exec_paths, found.exit_code, found.output))
    memlock = memlock_limit(spec.run_flags)
    if memlock is not None:
        limit = containers.execute(container_id, ["sh", "-c", "ulimit -l"])
        checks.append(check_memlock(memlock, limit.exit_code, limit.output))
    if spec.gpu_probe:
        probe = containers.execute(container_id, list(spec.gpu_probe))
        checks.append(check_gpu(spec.gpu_probe, probe.exit_code, probe.output))
    return checks


def run_smoke(containers: Containers, spec: SmokeSpec, report: SmokeReport, log: Callable[[str], None]) -> None:
    """Fill ``report`` in; the container never outlives this call."""
    container = ContainerSpec(
        image=spec.image,
        name=f"bodhi-smoke-{spec.key}-{secrets.token_hex(4)}",
        container_port=spec.container_port,
        # a fresh key each run: newer BodhiApp versions refuse placeholder keys
        envs={"BODHI_ENCRYPTION_KEY": secrets.token_urlsafe(32)},
        run_flags=spec.run_flags,
        labels={SMOKE_LABEL: spec.key},
        health_interval_s=spec.health_interval_s,
    )
    started = time.monotonic()
    try:
        container_id, container = _start(containers, container, spec, report, log)
    except DockerError as exc:
        # an engine that refuses the plan's run flags fails the smoke test with the reason in its report
        refusal = start_refusal(exc, spec.run_flags)
        if refusal is None:
            raise
        report.run_flags = list(spec.run_flags)
        report.failure = refusal
        report.duration_s = round(time.monotonic() - started, 1)
        return
    log(f"started {container.name} from {spec.image}; waiting up to {spec.timeout_s:g} s for health")
    report.run_flags = list(container.run_flags)
    try:
        report.healthy_after_s = round(_wait_healthy(containers, container_id, spec, started), 1)
        report.checks = _checks(containers, container_id, spec)
        failed = [c for c in report.checks if not c.passed]
        report.passed = not failed
        report.failure = "; ".join(f"{c.name}: {c.detail}" for c in failed) or None
    except HealthWaitError as exc:
        report.passed = False
        report.failure = str(exc)
    finally:
        if not report.passed:
            _collect_logs(containers, container_id, report)
        containers.remove(container_id)
        report.duration_s = round(time.monotonic() - started, 1)


def _start(
    containers: Containers, container: ContainerSpec, spec: SmokeSpec, report: SmokeReport, log: Callable[[str], None]
) -> tuple[str, ContainerSpec]:
    """Start the container; where ``--gpus`` fails for want of the toolkit, once more with explicit devices.

    ``report.gpu_access`` says which way the GPU reached the container (None: no GPU was handed over).
    """
    try:
        container_id = containers.start(container)
    except DockerError as exc:
        if not spec.gpu_fallback or not toolkit_missing(exc):
            raise
        log(f"--gpus failed (no NVIDIA container toolkit); retrying with {' '.join(spec.gpu_fallback)}")
        container = replace(container, name=f"{container.name}-devices", run_flags=spec.gpu_fallback)
        container_id = containers.start(container)
        report.gpu_access = EXPLICIT
    else:
        report.gpu_access = CONFIGURED if spec.gpu_probe else None
    return container_id, container


def _collect_logs(containers: Containers, container_id: str, report: SmokeReport) -> None:
    """Best effort: a failure to read the logs must not keep the container from being removed."""
    try:
        state = containers.status(container_id)
        report.exit_code = state.exit_code if not state.running else None
        report.logs_tail = "\n".join(containers.logs(container_id).splitlines()[-LOG_LINES:])
    except DockerError as exc:
        report.logs_tail = f"(logs unavailable: {exc.message})"
