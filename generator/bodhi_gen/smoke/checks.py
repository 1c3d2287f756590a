"""What a smoke test expects of an image, as pure functions of the unit and what the container said."""

from __future__ import annotations

import itertools
import json
from dataclasses import dataclass

import yaml

from bodhi_gen.plan.contract import DEFAULTS_PATH


@dataclass(frozen=True)
class Check:
    name: str
    passed: bool
    detail: str


def _text(value: object) -> str:
    return "" if value is None else str(value)


def check_defaults(text: str, expected: dict[str, str]) -> Check:
    name = "defaults.yaml"
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        return Check(name, False, f"{DEFAULTS_PATH} is not valid YAML: {exc}")
    if not isinstance(data, dict):
        return Check(name, False, f"{DEFAULTS_PATH} is not a mapping of keys")
    wrong = [
        f"{key}={_text(data.get(key))!r} (expected {value!r})" if key in data else f"{key} missing"
        for key, value in expected.items()
        if key not in data or _text(data[key]) != value
    ]
    if wrong:
        return Check(name, False, "; ".join(wrong))
    return Check(name, True, f"{len(expected)} variant settings as planned")


def check_ping(status: int, body: str) -> Check:
    ok = status == 200
    return Check("ping", ok, f"GET /ping -> {status} {body.strip()[:200]}")


def check_info(status: int, body: str, version: str) -> Check:
    name = "version"
    if status != 200:
        return Check(name, False, f"GET /bodhi/v1/info -> {status} {body.strip()[:200]}")
    try:
        info = json.loads(body)
    except ValueError:
        return Check(name, False, f"GET /bodhi/v1/info did not answer JSON: {body.strip()[:200]}")
    reported = info.get("version") if isinstance(info, dict) else None
    if reported != version:
        return Check(name, False, f"/bodhi/v1/info reports version {reported!r}, expected {version!r}")
    return Check(name, True, f"/bodhi/v1/info reports {version}")


def effective_uid(proc_status: str) -> int | None:
    """The effective uid from a ``/proc/<pid>/status`` text (``Uid: real effective saved fs``)."""
    for line in proc_status.splitlines():
        if line.startswith("Uid:"):
            fields = line.split()
            if len(fields) >= 3 and fields[2].isdigit():
                return int(fields[2])
    return None


def check_user(exit_code: int, proc_status: str) -> Check:
    name = "non-root"
    uid = effective_uid(proc_status) if exit_code == 0 else None
    if uid is None:
        return Check(name, False, f"cannot read the process's uid: {proc_status.strip()[:200]}")
    if uid == 0:
        return Check(name, False, "the container's process runs as root (uid 0)")
    return Check(name, True, f"process runs as uid {uid}")


def check_gpu(probe: tuple[str, ...], exit_code: int, output: str) -> Check:
    shown = " ".join(probe)
    first = output.strip().splitlines()[0] if output.strip() else "(no output)"
    if exit_code != 0:
        return Check("gpu", False, f"`{shown}` exited {exit_code}: {output.strip()[:300]}")
    return Check("gpu", True, f"`{shown}`: {first[:200]}")


def memlock_limit(run_flags: tuple[str, ...]) -> str | None:
    """The memlock soft limit ``--ulimit memlock=SOFT[:HARD]`` asks for ("unlimited" for -1), if any."""
    for flag, value in itertools.pairwise(run_flags):
        if flag == "--ulimit" and value.startswith("memlock="):
            soft = value.removeprefix("memlock=").split(":")[0]
            return "unlimited" if soft == "-1" else str(int(soft) // 1024)
    return None


def check_memlock(expected: str, exit_code: int, output: str) -> Check:
    """``ulimit -l`` inside (KiB, or "unlimited") against what the plan's ``--ulimit memlock`` sets."""
    actual = output.strip()
    if exit_code != 0 or actual != expected:
        return Check("memlock", False, f"`ulimit -l` is {actual or '(nothing)'!r}, expected {expected!r} (--mlock)")
    return Check("memlock", True, f"locked-memory limit {actual}, as --mlock needs")


# Prints each path that is not an executable file; the paths arrive as arguments, never in the script.
MISSING_EXEC_SCRIPT = 'for path in "$@"; do [ -f "$path" ] && [ -x "$path" ] || echo "$path"; done'


def check_execs(paths: tuple[str, ...], exit_code: int, output: str) -> Check:
    """Every exec variant's llama-server is in the image and executable (the script lists the others)."""
    name = "llama-server"
    if exit_code != 0:
        return Check(name, False, f"cannot look for the llama-server builds: {output.strip()[:200]}")
    missing = [line for line in output.splitlines() if line.strip()]
    if missing:
        return Check(name, False, f"missing or not executable: {', '.join(missing)} (declared exec variants)")
    return Check(name, True, f"{len(paths)} build(s) present and executable")
