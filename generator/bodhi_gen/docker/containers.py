"""Run, watch, probe and remove the containers a smoke test starts.

The config spells runtime needs as docker CLI flags (device flags, ulimits), because that is what
users copy from vendor documentation; the wrapper wants keyword arguments: ``run_options`` turns one
into the other (pure code, tested without an engine).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING

from bodhi_gen.docker.client import docker_errors
from bodhi_gen.errors import ConfigError, DockerError

if TYPE_CHECKING:
    from python_on_whales import DockerClient


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
    """``docker run`` keyword arguments of python-on-whales, by their names there."""

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


@dataclass(frozen=True)
class ContainerSpec:
    image: str
    name: str
    container_port: int
    envs: Mapping[str, str] = field(default_factory=dict)
    run_flags: tuple[str, ...] = ()
    labels: Mapping[str, str] = field(default_factory=dict)
    health_interval_s: int | None = None


@dataclass(frozen=True)
class ContainerStatus:
    status: str
    running: bool
    exit_code: int | None
    health: str | None
    failing_streak: int
    last_probe: str


@dataclass(frozen=True)
class ExecResult:
    exit_code: int
    output: str


class Containers:
    """A thin adapter over python-on-whales' container API (errors become ``DockerError``)."""

    def __init__(self, client: DockerClient) -> None:
        self._docker = client

    def start(self, spec: ContainerSpec) -> str:
        """Start detached with an init process (a server as PID 1 ignores SIGTERM) on 127.0.0.1:<any>."""
        options = run_options(spec.run_flags)
        volumes = [volume_parts(v) for v in options.volumes]
        try:
            with docker_errors(f"starting a container from {spec.image}"):
                container = self._docker.run(
                    spec.image,
                    detach=True,
                    init=True,
                    name=spec.name,
                    envs=dict(spec.envs),
                    labels=dict(spec.labels),
                    publish=[(f"127.0.0.1::{spec.container_port}",)],
                    health_interval=spec.health_interval_s,
                    **(asdict(options) | {"volumes": volumes}),
                )
        except DockerError:
            # `docker run` can fail after creating the container (a missing device, say)
            self._remove_by_name(spec.name)
            raise
        return str(container.id)

    def _remove_by_name(self, name: str) -> None:
        from python_on_whales.exceptions import DockerException

        try:
            if self._docker.container.exists(name):
                self._docker.container.remove(name, force=True, volumes=True)
        except DockerException:
            pass

    def status(self, container_id: str) -> ContainerStatus:
        with docker_errors("inspecting the smoke-test container"):
            state = self._docker.container.inspect(container_id).state
        health = state.health
        log = (health.log or []) if health else []
        return ContainerStatus(
            status=state.status or "unknown",
            running=bool(state.running),
            exit_code=state.exit_code,
            health=health.status if health else None,
            failing_streak=(health.failing_streak or 0) if health else 0,
            last_probe=((log[-1].output or "").strip() if log else ""),
        )

    def host_port(self, container_id: str, container_port: int) -> int:
        with docker_errors("reading the published port"):
            ports = self._docker.container.inspect(container_id).network_settings.ports or {}
        for binding in ports.get(f"{container_port}/tcp") or []:
            if binding.get("HostPort"):
                return int(binding["HostPort"])
        msg = f"container port {container_port} was not published"
        raise DockerError(msg)

    def execute(self, container_id: str, command: Sequence[str]) -> ExecResult:
        """Run ``command`` inside; a non-zero exit is a result, not an error."""
        from python_on_whales.exceptions import DockerException

        try:
            output = self._docker.container.execute(container_id, list(command))
        except DockerException as exc:
            text = "\n".join(part for part in (exc.stdout, exc.stderr) if part)
            return ExecResult(exc.return_code, text.strip())
        return ExecResult(0, str(output).strip())

    def logs(self, container_id: str) -> str:
        with docker_errors("reading the container's logs"):
            return str(self._docker.container.logs(container_id))

    def remove(self, container_id: str) -> None:
        with docker_errors("removing the smoke-test container"):
            self._docker.container.remove(container_id, force=True, volumes=True)
