"""``docker run`` flags from the plan (device flags, ulimits) -> python-on-whales ``run`` arguments.

The config spells runtime needs as docker CLI flags, because that is what users copy from
vendor documentation; the wrapper wants keyword arguments. Pure code, tested without an engine.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from bodhi_gen.errors import ConfigError

_LISTS = {
    "--device": "devices",
    "--group-add": "groups_add",
    "--ulimit": "ulimit",
    "--cap-add": "cap_add",
    "--security-opt": "security_options",
    # a bind mount, SOURCE:TARGET[:OPTIONS]: the GPU fallback mounts the host's driver folder read-only
    "--volume": "volumes",
}
_SINGLE = {"--gpus": "gpus", "--ipc": "ipc", "--shm-size": "shm_size", "--runtime": "runtime"}
_BARE = {"--privileged": "privileged"}


@dataclass
class RunOptions:
    devices: list[str] = field(default_factory=list)
    groups_add: list[str] = field(default_factory=list)
    ulimit: list[str] = field(default_factory=list)
    cap_add: list[str] = field(default_factory=list)
    security_options: list[str] = field(default_factory=list)
    volumes: list[str] = field(default_factory=list)
    gpus: str | None = None
    ipc: str | None = None
    shm_size: str | None = None
    runtime: str | None = None
    privileged: bool = False


def supported_flags() -> tuple[str, ...]:
    return tuple(sorted([*_LISTS, *_SINGLE, *_BARE]))


def run_options(flags: Sequence[str]) -> RunOptions:
    """('--device', '/dev/kfd', '--ulimit=memlock=-1:-1') -> RunOptions(devices=[...], ulimit=[...])."""
    options = RunOptions()
    tokens = list(flags)
    while tokens:
        token = tokens.pop(0)
        name, eq, inline = token.partition("=")
        if name in _BARE and not eq:
            setattr(options, _BARE[name], True)
            continue
        if name not in _LISTS and name not in _SINGLE:
            msg = (
                f"docker run flag {token!r} (from the variant's device_flags or llama-server "
                f"arguments) is not supported; supported flags: {', '.join(supported_flags())}"
            )
            raise ConfigError(msg)
        if not eq and not tokens:
            msg = f"docker run flag {name!r} needs a value"
            raise ConfigError(msg)
        value = inline if eq else tokens.pop(0)
        if name in _LISTS:
            getattr(options, _LISTS[name]).append(value)
        else:
            setattr(options, _SINGLE[name], value)
    return options


def volume_parts(value: str) -> tuple[str, str] | tuple[str, str, str]:
    """``/usr/local/nvidia:/usr/local/nvidia:ro`` -> the wrapper's (source, target, options) tuple."""
    parts = value.split(":")
    if len(parts) == 2 and all(parts):
        return parts[0], parts[1]
    if len(parts) == 3 and all(parts):
        return parts[0], parts[1], parts[2]
    msg = f"docker run flag --volume {value!r}: expected SOURCE:TARGET or SOURCE:TARGET:OPTIONS"
    raise ConfigError(msg)
