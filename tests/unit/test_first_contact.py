"""A new user's first contact: no engine, no buildx, no docker CLI, an engine that refuses memlock, a
cold registry cache. Each is one line with its fix (and, for the smoke test, a report file)."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from python_on_whales.exceptions import DockerException

from bodhi_gen.commands import smoke
from bodhi_gen.commands.smoke import SmokeSettings
from bodhi_gen.docker.build import BuildRequest, run_build, shown_line
from bodhi_gen.docker.client import BUILDX_MISSING, CLI_MISSING, docker_errors, known_cause
from bodhi_gen.errors import DockerError, SmokeTestError
from bodhi_gen.plan.selection import UnitSelection
from bodhi_gen.smoke.runner import MEMLOCK_REFUSED, start_refusal
from tests.helpers import run_cli

# what `docker run --ulimit memlock=-1:-1` answers on a rootless engine (this project's test engine)
RLIMIT_STDERR = (
    "docker: Error response from daemon: failed to create task for container: failed to create shim task: "
    "OCI runtime create failed: runc create failed: unable to start container process: error during container "
    "init: error setting rlimits for ready process: error setting rlimit type 8: operation not permitted: "
    "unknown.\n"
)
# the docker CLI's answers with no engine at DOCKER_HOST, and without the buildx plugin
NO_ENGINE_STDERR = "Cannot connect to the Docker daemon at unix:///tmp/none.sock. Is the docker daemon running?\n"
NO_BUILDX_STDERR = "docker: unknown command: docker buildx\n\nRun 'docker --help' for more information\n"

# a cold-cache first build of the action, as buildx streamed it (plain progress, from the engine tests)
COLD_CACHE_LOG = Path(__file__).with_name("logs") / "cold-cache-build.log"
CACHE_REF = "127.0.0.1:5000/bodhi-test/action-4c36f7fab9-cache:binary-production-amd64"

DIGEST = "sha256:" + "a" * 64
COMMANDS = {
    "build": ["build", "--variant", "cpu", "--version", "1.2.3", "--platform", "linux/amd64"],
    "smoke": ["smoke", "--variant", "cpu", "--version", "1.2.3", "--platform", "linux/amd64"],
    "publish": ["publish", "--variant", "cpu", "--version", "1.2.3", "--platforms", "linux/amd64"],
    "action": ["action", "--variant", "cpu", "--version", "1.2.3", "--platforms", "linux/amd64"],
}


def _args(name: str, tmp_path: Path) -> list[str]:
    """The command, with what it needs before it reaches the engine (digest records, a work folder)."""
    extra: list[str] = []
    if name == "publish":
        digests = tmp_path / "digests"
        digests.mkdir()
        record = {
            "image": "ghcr.io/bodhisearch/bodhiapp",
            "variant": "cpu",
            "mode": "production",
            "platform": "linux/amd64",
            "digest": DIGEST,
        }
        (digests / "amd64.json").write_text(json.dumps(record))
        extra = ["--digests-dir", str(digests)]
    if name == "action":
        extra = ["--work-dir", str(tmp_path / "work")]
    return [*COMMANDS[name], *extra]


def _tools(tmp_path: Path, docker_script: str | None) -> str:
    """A PATH folder with git and, given its script, a `docker`."""
    folder = tmp_path / "bin"
    folder.mkdir()
    git = shutil.which("git")
    if git:
        (folder / "git").symlink_to(git)
    if docker_script is not None:
        (folder / "docker").write_text(docker_script)
        (folder / "docker").chmod(0o755)
    return str(folder)


def _one_line_error(err: str, message: str) -> None:
    """The config the command read (this repository has none), then the error in one line."""
    assert err == f"config: embedded BodhiApp default\nbodhi-gen: docker error: {message}\n", err


@pytest.mark.skipif(shutil.which("docker") is None, reason="needs the docker CLI (no engine)")
@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_no_engine_is_one_line_with_the_host(name: str, tmp_path: Path) -> None:
    host = f"unix://{tmp_path}/none.sock"
    result = run_cli(_args(name, tmp_path), env={"DOCKER_HOST": host})
    assert result.code == 3, result.err
    _one_line_error(result.err, f"cannot reach the Docker engine at {host} (is it running? DOCKER_HOST={host})")


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_no_docker_cli_is_one_line(name: str, tmp_path: Path) -> None:
    result = run_cli(_args(name, tmp_path), env={"PATH": _tools(tmp_path, None)})
    assert result.code == 3, result.err
    _one_line_error(result.err, CLI_MISSING)


# a docker CLI whose engine answers and which has no buildx plugin
NO_BUILDX_DOCKER = f"""#!/bin/sh
case "$1" in
  version) echo '{{"Client":{{"Version":"28.2.2"}},"Server":{{"Version":"28.2.2"}}}}' ;;
  buildx) printf '%s' "{NO_BUILDX_STDERR}" >&2; exit 1 ;;
  *) echo "not expected: $*" >&2; exit 1 ;;
esac
"""


@pytest.mark.parametrize("name", ["action", "build", "publish"])
def test_no_buildx_is_one_line(name: str, tmp_path: Path) -> None:
    result = run_cli(_args(name, tmp_path), env={"PATH": _tools(tmp_path, NO_BUILDX_DOCKER)})
    assert result.code == 3, result.err
    _one_line_error(result.err, BUILDX_MISSING)


@pytest.mark.parametrize(
    ("stderr", "cause"),
    [
        (NO_ENGINE_STDERR, "cannot reach the Docker engine at unix:///tmp/none.sock (is it running? DOCKER_HOST=x)"),
        (NO_BUILDX_STDERR, BUILDX_MISSING),
        ("ERROR: manifest unknown\n", None),
    ],
)
def test_known_causes_from_the_clis_text(stderr: str, cause: str | None) -> None:
    assert known_cause(stderr, {"DOCKER_HOST": "x"}) == cause


def test_an_unknown_failure_keeps_the_clis_text() -> None:
    with pytest.raises(DockerError) as caught, docker_errors("pulling img"):
        raise DockerException(["docker", "pull", "img"], 1, b"", b"ERROR: manifest unknown\n")
    assert caught.value.message == "pulling img failed:\nERROR: manifest unknown"


def test_a_cold_registry_cache_is_a_note_and_every_other_line_stays() -> None:
    lines = COLD_CACHE_LOG.read_text("utf-8").splitlines()
    shown = [shown_line(line) for line in lines]
    note = f"note: no registry cache at {CACHE_REF} yet; building without it"
    changed = [(before, after) for before, after in zip(lines, shown, strict=True) if before != after]
    assert changed == [(lines[5], note)]
    # a step that really failed keeps its ERROR
    assert shown[-1].startswith("#10 ERROR: failed to calculate checksum")


class _Buildx:
    """buildx on a cold cache: streams the captured log and writes the metadata file."""

    def inspect(self) -> object:
        return type("Builder", (), {"driver": "docker"})()

    def build(self, context: Path, *, metadata_file: Path, **options: object) -> Iterator[str]:
        metadata_file.write_text(json.dumps({"containerimage.digest": DIGEST}))
        return iter(COLD_CACHE_LOG.read_text("utf-8").splitlines(keepends=True))


class _ColdCacheDocker:
    buildx = _Buildx()


def test_the_streamed_build_log_shows_the_note_instead_of_the_error(tmp_path: Path) -> None:
    request = BuildRequest(tmp_path, tmp_path / "Dockerfile", "linux/amd64", "load", "img", ("img:1",), {}, {})
    logged: list[str] = []
    outcome = run_build(_ColdCacheDocker(), request, tmp_path / "metadata.json", logged.append)  # type: ignore[arg-type]
    assert outcome.digest == DIGEST
    assert f"note: no registry cache at {CACHE_REF} yet; building without it" in logged
    assert not any("cache importer" in line for line in logged)
    assert sum("ERROR" in line for line in logged) == 1  # the step that really failed


class _RootlessContainers:
    """python-on-whales' container API on an engine that may not raise memlock."""

    def exists(self, name: str) -> bool:
        return False


class _RootlessDocker:
    container = _RootlessContainers()

    def run(self, image: str, **options: object) -> object:
        raise DockerException(["docker", "run", image], 125, b"", RLIMIT_STDERR.encode())


def test_an_engine_refusing_memlock_fails_the_smoke_test_in_one_line_with_a_report(tmp_path: Path) -> None:
    report_file = tmp_path / "smoke.json"
    # the embedded default's cuda variant passes --mlock (its GPU check is skipped: no GPU on this host)
    settings = SmokeSettings(UnitSelection(None, "cuda", "1.2.3", platform="linux/amd64"), report_file=report_file)
    with (
        (tmp_path / "out").open("w") as out,
        (tmp_path / "err").open("w") as err,
        pytest.raises(SmokeTestError) as caught,
    ):
        smoke.run(settings, out, err, _RootlessDocker)  # type: ignore[arg-type]
    assert caught.value.exit_code == 4
    assert caught.value.message == f"ghcr.io/bodhisearch/bodhiapp:1.2.3-cuda: {MEMLOCK_REFUSED}"
    assert "\n" not in caught.value.message
    report = json.loads(report_file.read_text())
    assert report["passed"] is False
    assert report["failure"] == MEMLOCK_REFUSED
    assert report["run_flags"] == ["--ulimit", "memlock=-1:-1"]


def test_the_rlimit_text_is_a_memlock_refusal_only_when_the_plan_asks_for_memlock() -> None:
    error = DockerError(f"starting a container from img failed:\n{RLIMIT_STDERR}")
    assert start_refusal(error, ("--ulimit", "memlock=-1:-1")) == MEMLOCK_REFUSED
    assert start_refusal(error, ()) is None
    assert start_refusal(DockerError("starting a container failed:\nno such image"), ("--ulimit", "memlock=-1")) is None
