"""Base provenance and the base watch, without an engine: registry answers are stood in for."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from bodhi_gen.bases import survey
from bodhi_gen.bases.report import BaseState, rebuild_matrix
from bodhi_gen.build.steps import BuildInputs, build_request, pin_base
from bodhi_gen.commands import bases
from bodhi_gen.config.loader import parse_config
from bodhi_gen.docker import imagetools as docker_bases
from bodhi_gen.errors import ConfigError, DockerError
from bodhi_gen.plan.build import build_plan
from bodhi_gen.plan.contract import (
    LABEL_BASE_DIGEST,
    LABEL_BASE_NAME,
    LABEL_CPU_BASE_DIGEST,
    LABEL_CPU_BASE_NAME,
    LABEL_REVISION,
    LABEL_VERSION,
)
from bodhi_gen.render.workflows import render_workflows
from bodhi_gen.versions import SEMVER_RE

CPU_BASE = "registry.example/llama.cpp:latest-cpu"
CUDA_BASE = "registry.example/llama.cpp:latest-cuda"
OLD = "sha256:" + "1" * 64
NEW = "sha256:" + "2" * 64
COMMIT = "c" * 40
CONFIG = f"""\
image: ghcr.io/acme/app
variants:
  - name: cpu
    base_image: {CPU_BASE}
    platforms: [linux/amd64, linux/arm64]
  - name: cuda
    base_image: {CUDA_BASE}
    gpu: nvidia
modes:
  - name: production
    cargo_profile: release
  - name: development
    cargo_profile: dev
    tag_suffix: -development
"""


def write_config(tmp_path: Path, text: str = CONFIG) -> Path:
    path = tmp_path / "bodhi-gen.yaml"
    path.write_text(text, "utf-8")
    return path


def labels(base: str, digest: str | None, version: str = "1.2.3", cpu: str | None = None) -> dict[str, str]:
    """An image's labels; ``cpu``: the digest of the cpu base a GPU variant recorded."""
    found = {LABEL_BASE_NAME: base, LABEL_VERSION: version, LABEL_REVISION: COMMIT}
    found |= {LABEL_CPU_BASE_NAME: CPU_BASE, LABEL_CPU_BASE_DIGEST: cpu} if cpu else {}
    return found | ({LABEL_BASE_DIGEST: digest} if digest else {})


class FakeRegistry:
    """Published images (tag -> platform -> labels) and bases (ref -> platform -> digest)."""

    def __init__(self, images: dict[str, dict[str, dict[str, str]]], now: dict[str, str]) -> None:
        self.images, self.now = images, now

    def platform_labels(self, client: object, ref: str) -> dict[str, dict[str, str]] | None:
        return self.images.get(ref)

    def registry_digest(self, client: object, ref: str, platform: str) -> str:
        return self.now[ref]


def run_bases(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, registry: FakeRegistry, **options: Any
) -> tuple[int, str, str]:
    monkeypatch.setattr(survey, "platform_labels", registry.platform_labels)
    monkeypatch.setattr(survey, "registry_digest", registry.registry_digest)
    out, err = io.StringIO(), io.StringIO()
    settings = bases.BasesSettings(config_path=write_config(tmp_path), **options)
    code = bases.run(settings, out, err, client_factory=object)  # type: ignore[arg-type]
    return code, out.getvalue(), err.getvalue()


def cpu_moved() -> FakeRegistry:
    both = {"linux/amd64": labels(CPU_BASE, OLD), "linux/arm64": labels(CPU_BASE, OLD)}
    images = {
        "ghcr.io/acme/app:latest-cpu": both,
        # built after the cpu base moved: it copied the new cpu llama-server
        "ghcr.io/acme/app:latest-cuda": {"linux/amd64": labels(CUDA_BASE, OLD, cpu=NEW)},
        "ghcr.io/acme/app:latest-cpu-development": {
            "linux/amd64": labels(CPU_BASE, NEW, "1.3.0-dev"),
            "linux/arm64/v8": labels(CPU_BASE, NEW, "1.3.0-dev"),
        },
        # latest-cuda-development was never published
    }
    return FakeRegistry(images, {CPU_BASE: NEW, CUDA_BASE: OLD})


def test_check_names_exactly_the_moved_units(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    code, out, err = run_bases(tmp_path, monkeypatch, cpu_moved(), check=True)
    assert code == 1
    assert len(err.splitlines()) == 2
    assert "cpu production linux/amd64: base " in err
    assert "cpu production linux/arm64: base " in err
    assert f"moved from {OLD} to {NEW}" in err
    assert "cuda" not in err
    assert "development" not in err
    rows = [line.split() for line in out.splitlines()[1:7]]
    assert [r[-1] for r in rows] == ["yes", "yes", "no", "no", "no", "unpublished"]
    assert "2 of 6 image(s) to rebuild" in out


def test_nothing_moved_checks_clean(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    registry = cpu_moved()
    registry.now[CPU_BASE] = OLD
    registry.images["ghcr.io/acme/app:latest-cpu-development"] = {
        p: labels(CPU_BASE, OLD, "1.3.0-dev") for p in ("linux/amd64", "linux/arm64")
    }
    registry.images["ghcr.io/acme/app:latest-cuda"] = {"linux/amd64": labels(CUDA_BASE, OLD, cpu=OLD)}
    code, _, err = run_bases(tmp_path, monkeypatch, registry, check=True)
    assert (code, err) == (0, "")


def test_a_gpu_variant_moves_with_the_cpu_base_it_copies(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    registry = cpu_moved()
    # its own base is where it was; the cpu llama-server it copied came from the cpu base before it moved
    registry.images["ghcr.io/acme/app:latest-cuda"] = {"linux/amd64": labels(CUDA_BASE, OLD, cpu=OLD)}
    code, out, err = run_bases(tmp_path, monkeypatch, registry, check=True)
    assert code == 1
    assert f"cuda production linux/amd64: base moved: cpu base {CPU_BASE} moved from {OLD} to {NEW}" in err
    assert "3 of 6 image(s) to rebuild" in out
    # one recorded before cpu bases were: rebuilt, to record it
    registry.images["ghcr.io/acme/app:latest-cuda"] = {"linux/amd64": labels(CUDA_BASE, OLD)}
    code, _, err = run_bases(tmp_path, monkeypatch, registry, check=True)
    assert code == 1
    assert f"latest-cuda records no base digest (its cpu base {CPU_BASE})" in err


def test_github_format_is_the_rebuild_matrix(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    registry = cpu_moved()
    # a cuda image from before provenance: no base digest, rebuilt to record one
    registry.images["ghcr.io/acme/app:latest-cuda"] = {"linux/amd64": labels(CUDA_BASE, None, "1.2.3")}
    summary = tmp_path / "summary.md"
    code, out, _ = run_bases(tmp_path, monkeypatch, registry, output_format="github", summary_file=summary)
    assert code == 0  # without --check the watch itself never fails over a moved base
    outputs = dict(line.split("=", 1) for line in out.splitlines())
    assert outputs["moved"] == "true"
    assert json.loads(outputs["rebuild"]) == [
        {"mode": "production", "version": "1.2.3", "commit": COMMIT, "variants": "cpu,cuda"}
    ]
    text = summary.read_text("utf-8")
    assert f"| cpu | production | linux/amd64 | `{CPU_BASE}` | `{OLD}` | `{NEW}` | moved |" in text
    assert "| cuda | production | linux/amd64 |" in text
    assert "unrecorded" in text


def test_github_format_without_moves(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    registry = FakeRegistry({}, {CPU_BASE: OLD, CUDA_BASE: OLD})
    code, out, _ = run_bases(tmp_path, monkeypatch, registry, output_format="github", check=True)
    assert (code, out) == (0, "moved=false\nrebuild=[]\n")


def test_a_renamed_base_counts_as_moved(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    registry = cpu_moved()
    registry.now[CPU_BASE] = OLD
    registry.images["ghcr.io/acme/app:latest-cpu"] = {
        p: labels("registry.example/old:cpu", OLD) for p in ("linux/amd64", "linux/arm64")
    }
    code, _, err = run_bases(tmp_path, monkeypatch, registry, check=True)
    assert code == 1
    assert "built on registry.example/old:cpu, the config now names" in err


def test_labels_from_the_registry_never_reach_the_matrix_unchecked() -> None:
    state = BaseState("cpu", "production", "linux/amd64", "t", CPU_BASE, OLD, NEW, None, None, "moved")
    assert rebuild_matrix([state]) == []  # no readable version: nothing to rebuild it at
    assert survey._checked("1.2.3; rm -rf /", SEMVER_RE) is None
    assert survey._checked("$(id)", survey._COMMIT_RE) is None


# the docker adapter ---------------------------------------------------------------------------------------------


def fake_inspect(answers: dict[str, Any]) -> Any:
    def inspect(client: object, ref: str, template: str) -> dict[str, object]:
        key = f"{ref} {template}"
        if key not in answers:
            msg = f"inspecting {ref} failed:\nERROR: {ref}: not found"
            raise DockerError(msg)
        found: dict[str, object] = answers[key]
        return found

    return inspect


INDEX: dict[str, object] = {
    "digest": "sha256:" + "9" * 64,
    "manifests": [
        {"digest": OLD, "platform": {"os": "linux", "architecture": "amd64"}},
        {"digest": NEW, "platform": {"os": "linux", "architecture": "arm64", "variant": "v8"}},
        {"digest": "sha256:" + "0" * 64, "platform": {"os": "unknown", "architecture": "unknown"}},
    ],
}


def test_per_platform_digest_of_an_index(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(docker_bases, "_inspect", fake_inspect({"b:1 {{json .Manifest}}": INDEX}))
    client: Any = object()
    assert docker_bases.registry_digest(client, "b:1", "linux/amd64") == OLD
    assert docker_bases.registry_digest(client, "b:1", "linux/arm64") == NEW
    with pytest.raises(DockerError, match="no linux/s390x image"):
        docker_bases.registry_digest(client, "b:1", "linux/s390x")
    base = docker_bases.resolve_base(client, "b:1", "linux/arm64")
    assert (base.digest, base.pinned, base.local) == (NEW, f"b:1@{NEW}", False)


def test_a_single_manifest_is_its_own_platform_digest(monkeypatch: pytest.MonkeyPatch) -> None:
    answers = {
        "b:1 {{json .Manifest}}": {"digest": OLD, "mediaType": "application/vnd.oci.image.manifest.v1+json"},
        "b:1 {{json .Image}}": {"os": "linux", "architecture": "amd64", "config": {"Labels": {"a": "b"}}},
    }
    monkeypatch.setattr(docker_bases, "_inspect", fake_inspect(answers))
    client: Any = object()
    assert docker_bases.registry_digest(client, "b:1", "linux/amd64") == OLD
    assert docker_bases.platform_labels(client, "b:1") == {"linux/amd64": {"a": "b"}}
    assert docker_bases.platform_labels(client, "b:2") is None
    assert docker_bases.pinned_ref(f"b:1@{NEW}", OLD) == f"b:1@{OLD}"


def test_a_base_only_the_engine_has_records_its_image_id(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(docker_bases, "_inspect", fake_inspect({}))
    monkeypatch.setattr(docker_bases, "_local_id", lambda client, ref: "sha256:" + "5" * 64)
    base = docker_bases.resolve_base(object(), "local/base:cpu", "linux/amd64")  # type: ignore[arg-type]
    assert (base.digest, base.pinned, base.local) == ("sha256:" + "5" * 64, "local/base:cpu", True)
    monkeypatch.setattr(docker_bases, "_local_id", lambda client, ref: None)
    with pytest.raises(DockerError, match="not found"):
        docker_bases.resolve_base(object(), "local/base:cpu", "linux/amd64")  # type: ignore[arg-type]


# pinning a build ------------------------------------------------------------------------------------------------


def request_for(tmp_path: Path, inputs: BuildInputs | None = None) -> Any:
    config = parse_config(CONFIG, "test")
    unit = build_plan(config).unit("cpu", "production", "linux/arm64")
    (tmp_path / "dockerfiles").mkdir(exist_ok=True)
    dockerfile = tmp_path / "cpu.Dockerfile"
    dockerfile.write_text("FROM scratch\n", "utf-8")
    inputs = inputs or BuildInputs()
    return build_request(BuildInputs(tmp_path, dockerfile, inputs.build_args), unit, "load")


def test_a_build_starts_from_the_base_it_records(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    request = request_for(tmp_path)
    assert request.labels[LABEL_BASE_NAME] == CPU_BASE
    assert LABEL_BASE_DIGEST not in request.labels  # resolved only when it is built
    asked: list[tuple[str, str]] = []

    def resolve(client: object, ref: str, platform: str) -> docker_bases.BaseDigest:
        asked.append((ref, platform))
        return docker_bases.BaseDigest(ref, NEW, f"{ref}@{NEW}")

    monkeypatch.setattr("bodhi_gen.build.steps.resolve_base", resolve)
    err = io.StringIO()
    client: Any = object()
    pinned = pin_base(client, request, err)
    assert asked == [(CPU_BASE, "linux/arm64")]
    assert pinned.build_args["BASE_IMAGE"] == f"{CPU_BASE}@{NEW}"
    assert pinned.labels[LABEL_BASE_DIGEST] == NEW
    assert pin_base(client, pinned, err) is pinned  # once pinned, never resolved again
    assert f"{CPU_BASE} for linux/arm64 is {NEW}" in err.getvalue()


def test_a_gpu_build_pins_and_records_its_cpu_base_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = parse_config(CONFIG, "test")
    unit = build_plan(config).unit("cuda", "production", "linux/amd64")
    dockerfile = tmp_path / "cuda.Dockerfile"
    dockerfile.write_text("FROM scratch\n", "utf-8")
    request = build_request(BuildInputs(tmp_path, dockerfile), unit, "load")
    assert (request.labels[LABEL_BASE_NAME], request.labels[LABEL_CPU_BASE_NAME]) == (CUDA_BASE, CPU_BASE)
    digests = {CUDA_BASE: OLD, CPU_BASE: NEW}

    def resolve(client: object, ref: str, platform: str) -> docker_bases.BaseDigest:
        return docker_bases.BaseDigest(ref, digests[ref], f"{ref}@{digests[ref]}")

    monkeypatch.setattr("bodhi_gen.build.steps.resolve_base", resolve)
    err = io.StringIO()
    pinned = pin_base(object(), request, err)  # type: ignore[arg-type]
    assert (pinned.build_args["BASE_IMAGE"], pinned.build_args["CPU_BASE_IMAGE"]) == (
        f"{CUDA_BASE}@{OLD}",
        f"{CPU_BASE}@{NEW}",
    )
    assert (pinned.labels[LABEL_BASE_DIGEST], pinned.labels[LABEL_CPU_BASE_DIGEST]) == (OLD, NEW)
    assert f"cpu base {CPU_BASE} for linux/amd64 is {NEW}" in err.getvalue()
    # a cpu variant has no cpu base to record
    cpu = build_request(
        BuildInputs(tmp_path, dockerfile), build_plan(config).unit("cpu", "production", "linux/amd64"), "load"
    )
    assert LABEL_CPU_BASE_NAME not in cpu.labels


def test_a_base_build_arg_is_what_is_recorded(tmp_path: Path) -> None:
    request = request_for(tmp_path, BuildInputs(build_args=(("BASE_IMAGE", "other/base:cpu"),)))
    assert request.labels[LABEL_BASE_NAME] == "other/base:cpu"


# config and workflow --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("schedule", "field"),
    [
        ("60 * * * *", "minute '60' is outside 0-59"),
        ("* * * *", "five fields"),
        ("5-1 * * * *", "minute range '5-1' runs backwards"),
        ("0 0 0 * *", "day of month '0' is outside 1-31"),
        ("*/0 * * * *", "minute step '*/0' must be between 1 and 60"),
        ("@daily", "five fields"),
        ("*/99999999999999999999 * * * *", "minute '*/99999999999999999999' is not *, a number"),
        ("*/61 * * * *", "minute step '*/61' must be between 1 and 60"),
        ("0 24 * * *", "hour '24' is outside 0-23"),
        ("0 0 * 13 *", "month '13' is outside 1-12"),
        ("0 0 * * 7", "day of week '7' is outside 0-6"),
        ("0 0 5-40 * *", "day of month '5-40' is outside 1-31"),
        ("0 0 31 2 *", "day of month 31 never comes in month 2"),
        ("0 0 30 2 *", "day of month 30 never comes in month 2"),
        ("0 0 31 4,6,9,11 *", "day of month 31 never comes in month 4, 6, 9, 11"),
        ("0 0 31 2 */2", "never comes in month 2"),  # a weekday field that starts with * is ANDed with the day
        (",".join(map(str, range(20))) + " * * * *", "five fields"),  # a field over 40 characters
    ],
)
def test_a_bad_schedule_is_refused_naming_the_field(schedule: str, field: str) -> None:
    with pytest.raises(ConfigError, match=r"bases\.schedule") as caught:
        parse_config(CONFIG + f"bases:\n  schedule: {json.dumps(schedule)}\n", "test")
    assert field in caught.value.message


@pytest.mark.parametrize(
    "schedule", ["0 0 29 2 *", "0 0 31 2 1", "0 0 31 1-12 *", "59 23 31 12 6", "5/15 * * * *", "*/60 * * * *"]
)
def test_a_schedule_with_real_dates_is_accepted(schedule: str) -> None:
    config = parse_config(CONFIG + f"bases:\n  schedule: {json.dumps(schedule)}\n", "test")
    assert config.bases.schedule == schedule


def test_the_watch_workflow_rebuilds_only_what_moved() -> None:
    config = parse_config(CONFIG + 'bases:\n  schedule: "*/30 1-5 * * 1,3"\n', "test")
    files = {f.path.name: f.content for f in render_workflows(build_plan(config), "test")}
    workflow = yaml.safe_load(files["bodhi-bases.yml"])
    assert workflow[True]["schedule"] == [{"cron": "*/30 1-5 * * 1,3"}]
    assert "workflow_dispatch" in workflow[True]
    watch, rebuild = workflow["jobs"]["watch"], workflow["jobs"]["rebuild"]
    assert "bodhi-gen bases --format github" in watch["steps"][-1]["run"]
    assert rebuild["uses"] == "./.github/workflows/bodhi-images.yml"
    assert rebuild["if"] == "needs.watch.outputs.moved == 'true'"
    assert rebuild["strategy"]["matrix"]["include"] == "${{ fromJSON(needs.watch.outputs.rebuild) }}"
    assert rebuild["with"] == {
        "version": "${{ matrix.version }}",
        "commit": "${{ matrix.commit }}",
        "variants": "${{ matrix.variants }}",
        "modes": "${{ matrix.mode }}",
        "push": True,
    }
