"""The generated workflows, run for real under act (tests/support/act.py): plan, binary, build (our action:
build, smoke test, push by digest), merge (publish), on the fixture app, against the local registry.

Every run uses its own image name, so the registry's tags are exactly what that run published.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
import yaml
from pytest_httpserver import HTTPServer

from tests.engine.harness import Engine
from tests.support.act import (
    GITHUB_TOKEN,
    ActResult,
    ActRun,
    Registry,
    clean_copy,
    consumer_repo,
    dispatch_payload,
    pull_request_payload,
    run_act,
    unique_namespace,
)
from tests.support.fake_releases import REPO, FakeReleases
from tests.support.fixture_repo import git

pytestmark = [pytest.mark.engine, pytest.mark.act]

VERSION = "0.0.1"
RELEASE = ".github/workflows/bodhi-release.yml"
DOWNLOAD_TOKEN = "ghp_act_download_" + "0123456789abcdef"


@dataclass(frozen=True)
class Run:
    repo: Path
    image: str
    result: ActResult
    matrix: Mapping[str, Any]
    # the GitHub releases API the run's release page job wrote to (its state after the run)
    releases: FakeReleases

    def published(self, registry: Registry) -> list[str]:
        return [t for t in registry.tags(self.image) if not t.startswith("staging-")]

    def staging(self, registry: Registry) -> list[str]:
        return [t for t in registry.tags(self.image) if t.startswith("staging-")]


def default_config() -> dict[str, Any]:
    text = (resources.files("bodhi_gen.data") / "default-config.yaml").read_text("utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    return data


REGISTRY_USER = "bodhi-act"
REGISTRY_SECRET = "LOCAL_REGISTRY_PASSWORD"


def local_images(config: dict[str, Any], registry: str, name: str, builder: str) -> dict[str, Any]:
    """``config`` with its image in the local registry under a new namespace and the builder stand-ins."""
    config = {**config, "image": f"{registry}/{unique_namespace()}/{name}", "registry": registry}
    # not ghcr.io: the workflows log in with this user and the password from this repository secret
    config["registry_auth"] = {"username": REGISTRY_USER, "password_secret": REGISTRY_SECRET}
    config["app"] = {**config.get("app", {}), "rust_image": builder, "node_image": builder}
    return config


def cpu_only(variant: dict[str, Any], base: str) -> dict[str, Any]:
    # this engine cannot raise memlock, so --mlock (which needs --ulimit memlock=-1) is left out
    args = " ".join(a for a in variant.get("llama_server_args", "").split() if a != "--mlock")
    return {**variant, "base_image": base, "platforms": ["linux/amd64"], "llama_server_args": args}


def release_run(
    engine: Engine,
    repo: Path,
    workflow: str,
    event: str,
    payload: Mapping[str, Any],
    run_dir: Path,
    secrets: Mapping[str, str] | None = None,
) -> tuple[ActResult, FakeReleases]:
    """Run ``workflow`` under act with a local GitHub releases API for its release page job (GITHUB_API_URL,
    which act lets a run override; the repository is the consumer's ``origin``)."""
    git(repo, "remote", "add", "origin", f"https://github.com/{REPO}.git")
    server = HTTPServer(host="127.0.0.1", port=0)
    server.start()
    try:
        releases = FakeReleases(server, token=GITHUB_TOKEN).install()
        run = ActRun(
            repo,
            workflow,
            event,
            payload,
            run_dir,
            engine.env,
            secrets={REGISTRY_SECRET: "local-registry-password", **(secrets or {})},
            env_vars={"GITHUB_API_URL": releases.base},
        )
        return run_act(run), releases
    finally:
        server.clear()
        server.stop()


def dispatch(
    engine: Engine,
    tmp: Path,
    config: Mapping[str, Any],
    inputs: Mapping[str, str],
    *,
    secrets: Mapping[str, str] | None = None,
    workflow: str = RELEASE,
    event: str = "workflow_dispatch",
    payload: Mapping[str, Any] | None = None,
    extra_files: Mapping[str, str] | None = None,
) -> Run:
    repo = consumer_repo(tmp, yaml.safe_dump(dict(config), sort_keys=False), extra_files=extra_files)
    payload = payload if payload is not None else dispatch_payload(inputs)
    result, releases = release_run(engine, repo, workflow, event, payload, tmp / "run", secrets)
    matrix = json.loads(
        subprocess.run(
            [
                *(sys.executable, "-m", "bodhi_gen", "matrix", "--format", "json", "--version", inputs["version"]),
                *("--variants", inputs.get("variants", ""), "--modes", inputs.get("mode", "")),
            ],
            cwd=repo,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    )
    return Run(repo, str(config["image"]), result, matrix, releases)


def expected_tags(run: Run) -> list[str]:
    """Every tag `bodhi-gen matrix` lists, without the image: what a release must publish, no more."""
    prefix = f"{run.image}:"
    return sorted({tag.removeprefix(prefix) for unit in run.matrix["units"] for tag in unit["tags"]})


def expected_platforms(run: Run) -> dict[str, list[str]]:
    found: dict[str, set[str]] = defaultdict(set)
    for unit in run.matrix["units"]:
        for tag in unit["tags"]:
            found[tag.removeprefix(f"{run.image}:")].add(unit["platform"])
    return {tag: sorted(platforms) for tag, platforms in found.items()}


def expected_staging(run: Run) -> list[str]:
    """The per-platform pushes by digest (buildx's docker driver cannot push untagged: a staging tag each)."""
    keys = {b["key"] for b in run.matrix["binaries"]}
    keys |= {f"{u['variant']}-{u['mode']}-{u['arch']}" for u in run.matrix["units"]}
    return sorted(f"staging-{key}" for key in keys)


def job_lines(result: ActResult, needle: str) -> list[str]:
    return [line for line in result.log.splitlines() if needle in line]


def assert_jobs_succeeded(result: ActResult, *jobs: str) -> None:
    for job in jobs:
        done = [line for line in job_lines(result, "🏁") if f"/{job}" in line]
        assert done, f"job {job} never finished:\n{result.tail()}"
        assert all("Job succeeded" in line for line in done), f"job {job}: {done}\n{result.tail()}"


# (a) the embedded default, shaped for this engine, cpu only ---------------------------------------------------


@pytest.fixture(scope="module")
def default_run(
    engine: Engine,
    registry: str,
    builder_image: str,
    base_image: Callable[[str], str],
    tmp_path_factory: pytest.TempPathFactory,
) -> Run:
    config = local_images(default_config(), registry, "bodhiapp", builder_image)
    config["variants"] = [cpu_only(v, base_image("cpu")) if v["name"] == "cpu" else v for v in config["variants"]]
    inputs = {"version": VERSION, "variants": "cpu", "mode": "production"}
    return dispatch(engine, tmp_path_factory.mktemp("act-default"), config, inputs)


def test_default_config_builds_smoke_tests_and_pushes_by_digest(default_run: Run, registry: str) -> None:
    result = default_run.result
    assert_jobs_succeeded(result, "plan", "binary production linux/amd64", "build cpu production linux/amd64")
    assert default_run.staging(Registry(registry)) == expected_staging(default_run)
    assert result.artifacts == [
        "binary-production-amd64",
        "digests-cpu-production-amd64",
        "published-cpu-production",
    ]
    assert any("logged in" in line for line in result.records), result.records


def test_default_config_publishes_exactly_the_planned_tags(default_run: Run, registry: str) -> None:
    result = default_run.result
    assert result.returncode == 0, result.tail()
    reg = Registry(registry)
    assert default_run.published(reg) == expected_tags(default_run) == ["0.0.1-cpu", "latest-cpu"]
    for tag, platforms in expected_platforms(default_run).items():
        assert reg.platforms(default_run.image, tag) == platforms
    # the release page of the mode's tag, made from what was published
    assert list(default_run.releases.releases) == ["docker/v0.0.1"]


# (b) a non-default config: another image name, tag suffix and an extra variant --------------------------------


@pytest.fixture(scope="module")
def custom_run(
    engine: Engine,
    registry: str,
    builder_image: str,
    base_image: Callable[[str], str],
    tmp_path_factory: pytest.TempPathFactory,
) -> Run:
    cpu = base_image("cpu")
    config = local_images({}, registry, "bodhi-custom", builder_image)
    config |= {
        "variants": [
            {"name": "cpu", "base_image": cpu, "llama_server_args": "--threads 2"},
            # a second variant from the same base: the cpu llama-server inside, other defaults
            {
                "name": "lite",
                "base_image": cpu,
                "exec_variants": ["cpu"],
                "exec_variant": "cpu",
                "shared_llama_server_args": "--threads 1",
            },
        ],
        "modes": [{"name": "edge", "cargo_profile": "release", "tag_suffix": "-edge"}],
        "release": {"tag_patterns": {"edge": "edge/v*"}},
    }
    inputs = {"version": "2.3.4", "variants": "", "mode": "edge"}
    return dispatch(engine, tmp_path_factory.mktemp("act-custom"), config, inputs)


def test_custom_config_builds_every_variant_and_pushes_by_digest(custom_run: Run, registry: str) -> None:
    assert_jobs_succeeded(custom_run.result, "plan", "build cpu edge linux/amd64", "build lite edge linux/amd64")
    assert custom_run.staging(Registry(registry)) == expected_staging(custom_run)


def test_custom_config_publishes_exactly_the_planned_tags(custom_run: Run, registry: str) -> None:
    assert custom_run.result.returncode == 0, custom_run.result.tail()
    reg = Registry(registry)
    assert expected_tags(custom_run) == ["2.3.4-cpu-edge", "2.3.4-lite-edge", "latest-cpu-edge", "latest-lite-edge"]
    assert custom_run.published(reg) == expected_tags(custom_run)
    # another registry than ghcr.io: every login used the configured user and secret, never the actor
    logins = {line for line in custom_run.result.records if line.startswith("login")}
    assert logins == {f"login {registry} as {REGISTRY_USER}: logged in"}, logins
    for tag, platforms in expected_platforms(custom_run).items():
        assert reg.platforms(custom_run.image, tag) == platforms


def test_each_job_has_a_docker_config_and_a_login_of_its_own(custom_run: Run) -> None:
    """The checkout stand-in gives every job a docker config of its own, as on GitHub: no login or buildx state
    passes from one job to another through a shared config."""
    result = custom_run.result
    own = job_lines(result, "this job's docker config is")
    for job in ("binary edge linux/amd64", "build cpu edge linux/amd64", "merge cpu edge", "merge lite edge"):
        assert [line for line in own if f"/{job}" in line], f"job {job} ran on the run's shared docker config"
    path = result.run_dir / "docker-config" / "config.json"  # made by the first `docker login` into it
    shared = json.loads(path.read_text("utf-8")) if path.is_file() else {}
    assert not shared.get("auths"), f"a job logged in through the run's shared docker config: {shared}"
    # the binary job and each merge job push with docker login-action: one login each (the build jobs' own
    # login is bodhi-gen's, inside the action)
    pushers = [line for line in job_lines(result, "🏁") if "/binary " in line or "/merge " in line]
    logins = [line for line in result.records if line.startswith("login")]
    assert len(pushers) == 3, pushers
    assert len(logins) == len(pushers), logins


# (c) a failing smoke test publishes nothing ---------------------------------------------------------------------


def test_failing_smoke_test_publishes_nothing(
    engine: Engine, registry: str, builder_image: str, base_image: Callable[[str], str], tmp_path: Path
) -> None:
    # the variant claims a vulkan llama-server its base image does not carry: the smoke test must catch it
    config = local_images({}, registry, "bodhi-broken", builder_image)
    config |= {
        "variants": [{"name": "cpu", "base_image": base_image("cpu"), "exec_variants": ["cpu", "vulkan"]}],
        "modes": [{"name": "production", "cargo_profile": "release", "cargo_features": ["production"]}],
        "release": {"tag_patterns": {"production": "docker/v*"}},
    }
    run = dispatch(engine, tmp_path, config, {"version": VERSION, "variants": "", "mode": "production"})
    result = run.result
    assert result.returncode != 0
    assert job_lines(result, "vulkan/llama-server"), result.tail()
    reg = Registry(registry)
    assert run.published(reg) == []
    assert run.staging(reg) == ["staging-binary-production-amd64"]  # the binary, never the failed image
    assert not any(name.startswith("digests-") for name in result.artifacts)
    assert not [line for line in job_lines(result, "🏁") if "/merge" in line and "succeeded" in line]


# (d) binary_download, with and without the token -----------------------------------------------------------------


def download_config(registry: str, builder: str, base: str) -> dict[str, Any]:
    config = local_images({}, registry, "bodhi-download", builder)
    config |= {
        "variants": [
            {
                "name": "cpu",
                "base_image": base,
                "binary_download": {"platforms": ["linux/amd64"], "runtime_image": "bodhi-test/debian:bookworm"},
            }
        ],
        "modes": [{"name": "production", "cargo_profile": "release", "cargo_features": ["production"]}],
        "release": {"tag_patterns": {"production": "docker/v*"}},
    }
    return config


def test_binary_download_with_the_token_reaches_the_download_stage_as_a_secret(
    engine: Engine, registry: str, builder_image: str, base_image: Callable[[str], str], tmp_path: Path
) -> None:
    # offline the download itself cannot succeed (tests/engine/test_download_secret.py serves a stand-in API);
    # here: the token reaches the download stage, and nowhere in the log
    config = download_config(registry, builder_image, base_image("cpu"))
    inputs = {"version": VERSION, "variants": "", "mode": "production"}
    run = dispatch(engine, tmp_path, config, inputs, secrets={"BODHI_DOWNLOAD_TOKEN": DOWNLOAD_TOKEN})
    result = run.result
    assert DOWNLOAD_TOKEN not in result.log
    assert job_lines(result, "api.github.com"), result.tail()
    assert not job_lines(result, "secret llama_download_token: not found"), result.tail()
    assert Registry(registry).tags(run.image) == ["staging-binary-production-amd64"]


def test_binary_download_without_the_token_fails_early_naming_the_secret(
    engine: Engine, registry: str, builder_image: str, base_image: Callable[[str], str], tmp_path: Path
) -> None:
    config = download_config(registry, builder_image, base_image("cpu"))
    run = dispatch(engine, tmp_path, config, {"version": VERSION, "variants": "", "mode": "production"})
    result = run.result
    assert result.returncode != 0
    errors = [line for line in job_lines(result, "BODHI_DOWNLOAD_TOKEN") if "error" in line.lower()]
    assert len(errors) == 1, result.tail()
    assert not job_lines(result, "[runtime"), "the build started before the missing secret was reported"


# (e) a pull request builds and smoke-tests, pushing nothing -------------------------------------------------------


def test_pull_request_builds_and_smoke_tests_without_pushing(
    engine: Engine, registry: str, builder_image: str, base_image: Callable[[str], str], tmp_path: Path
) -> None:
    config = local_images(default_config(), registry, "bodhi-pr", builder_image)
    config["variants"] = [cpu_only(v, base_image("cpu")) for v in config["variants"] if v["name"] == "cpu"]
    config["release"] = {**config["release"], "lines": []}  # the multi-tenant lines: that variant is left out
    run = dispatch(
        engine,
        tmp_path,
        config,
        {"version": VERSION, "variants": "cpu", "mode": "production"},
        workflow=".github/workflows/bodhi-pr.yml",
        event="pull_request",
        payload=pull_request_payload(),
    )
    result = run.result
    assert result.returncode == 0, result.tail()
    # the config's pull_request selection: cpu, every mode, linux/amd64
    units = ("production linux/amd64", "development linux/amd64")
    assert_jobs_succeeded(result, "plan", *(f"binary {u}" for u in units), *(f"build cpu {u}" for u in units))
    assert job_lines(result, "smoke"), result.tail()
    # the app compiled once per (mode, platform), in its binary job: no build job compiles one
    assert not [line for line in job_lines(result, "building the app binary") if "/build " in line], result.tail()
    compiled = {line.split("]")[0] for line in job_lines(result, "cargo build --locked") if "/binary " in line}
    assert len(compiled) == 2, compiled
    # nothing pushed, and the release's registry cache neither written nor created
    assert Registry(registry).tags(run.image) == []
    assert Registry(registry).tags(f"{run.image}-cache") == []
    assert result.artifacts == ["binary-development-amd64", "binary-production-amd64"]  # OCI layouts, in the run
    assert not [line for line in result.records if line.startswith("login")]


def test_a_pull_request_workflow_is_generated(tmp_path: Path) -> None:
    subprocess.run([sys.executable, "-m", "bodhi_gen", "workflows", "--out", str(tmp_path)], check=True)
    path = tmp_path / ".github" / "workflows" / "bodhi-pr.yml"
    assert path.is_file()
    workflow = yaml.safe_load(path.read_text("utf-8"))
    assert "pull_request" in workflow[True]  # YAML 1.1 reads the key `on` as True
    permissions = [workflow.get("permissions") or {}] + [j.get("permissions") or {} for j in workflow["jobs"].values()]
    assert all(value in ("read", "none") for p in permissions for value in p.values()), permissions


# the action's own workflow -------------------------------------------------------------------------------------------


ACTION_TEST_CONFIG = """\
# the embedded default's image, with the engine's stand-in images (offline: no Docker Hub, no ghcr.io)
variants:
  - name: cpu
    base_image: {base}
    llama_server_args: "--threads 2"
modes:
  - name: production
    cargo_profile: release
    cargo_features: [production]
release:
  tag_patterns:
    production: docker/v*
app:
  rust_image: {builder}
  node_image: {builder}
"""


def test_action_test_workflow_smoke_job(
    engine: Engine, builder_image: str, base_image: Callable[[str], str], tmp_path: Path
) -> None:
    """.github/workflows/action-test.yml's `smoke` job (uses: ./) on a git copy of this tree, its config and
    Dockerfiles pointed at the stand-in images. Its `publish` job installs a registry with sudo apt-get: not
    run on this machine."""
    copy = clean_copy(tmp_path / "repo")
    config = copy / ".github" / "bodhi-gen.yaml"
    config.write_text(ACTION_TEST_CONFIG.format(base=base_image("cpu"), builder=builder_image), "utf-8")
    subprocess.run([sys.executable, "-m", "bodhi_gen", "dockerfiles"], cwd=copy, check=True, capture_output=True)
    git(copy, "init", "-q")
    git(copy, "add", "-A")
    git(copy, "commit", "-q", "-m", "this tree")
    workflow = ".github/workflows/action-test.yml"
    run = ActRun(copy, workflow, "workflow_dispatch", {"inputs": {}}, tmp_path / "run", engine.env, job="smoke")
    result = run_act(run)
    assert result.returncode == 0, result.tail()
    assert_jobs_succeeded(result, "build and smoke-test (cpu, linux/amd64)")
    assert result.artifacts == ["smoke-report-cpu"]
