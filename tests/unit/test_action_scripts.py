"""The action's loop (``bodhi-gen action``) without an engine: the build, smoke, push and publish
adapters are replaced by fakes that record what was asked of them."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from bodhi_gen.build.steps import BuildInputs
from bodhi_gen.cli import action_cmd
from bodhi_gen.commands import action
from bodhi_gen.commands.action import ActionSettings
from bodhi_gen.digests import DigestRecord, write_record
from bodhi_gen.docker.build import BuildOutcome, BuildRequest
from bodhi_gen.errors import SmokeTestError, UsageError
from bodhi_gen.plan.selection import UnitSelection
from bodhi_gen.plan.units import BuildUnit, MergeGroup
from bodhi_gen.publish.merge import Published
from bodhi_gen.smoke.report import GpuOutcome, SmokeReport
from tests.helpers import ROOT, run_cli

DOCKERFILE = ROOT / "dockerfiles" / "cpu.Dockerfile"


def digest(n: int) -> str:
    return f"sha256:{n:064x}"


@dataclass
class Fakes:
    smoke_passes: bool = True
    calls: list[tuple[str, str]] = field(default_factory=list)
    logins: list[tuple[str, str, str]] = field(default_factory=list)
    pushed: dict[str, str] = field(default_factory=dict)
    requests: list[BuildRequest] = field(default_factory=list)

    def build_unit(self, client: object, request: BuildRequest, metadata: Path | None, err: object) -> BuildOutcome:
        kind = "binary" if request.image_key.startswith("binary-") else "build"
        # the variant is built once and loaded; its binary is written as an OCI layout folder
        assert request.output == ("oci" if kind == "binary" else "load")
        self.calls.append((kind, request.platform))
        self.requests.append(request)
        return BuildOutcome(digest(len(self.calls)), None, 3, 1, 1.0, {})

    def smoke_unit(
        self, client: object, unit: BuildUnit, ref: str, inputs: object, err: object, dev: Path
    ) -> SmokeReport:
        self.calls.append(("smoke", ref))
        report = SmokeReport(
            ref, unit.variant, unit.mode, unit.platform, unit.version, GpuOutcome("none", "not-needed")
        )
        report.passed = self.smoke_passes
        report.failure = None if self.smoke_passes else "ping: refused"
        return report

    def push_loaded(self, client: object, source: str, target: str) -> str:
        self.calls.append(("push", f"{source} -> {target}"))
        self.pushed[target] = digest(100 + len(self.pushed))
        return self.pushed[target]

    # the tags that already point at a newer version: publish holds them back
    held: tuple[str, ...] = ()

    def merge_digests(self, client: object, group: MergeGroup, records: dict[str, Any], err: object) -> Published:
        assert group.growth_limit == 20  # the config's default limit reaches the gate
        self.calls.append(("publish", ",".join(r.digest for r in records.values())))
        tags = tuple(tag for tag in group.tags if tag not in self.held)
        media = "application/vnd.oci.image.index.v1+json"
        return Published(digest(999), media, group.platforms, tags=tags, held=self.held)

    def login(self, client: object, registry: str, username: str, password: str) -> None:
        self.logins.append((registry, username, password))


@pytest.fixture
def fakes(monkeypatch: pytest.MonkeyPatch) -> Fakes:
    fake = Fakes()
    for name in ("build_unit", "smoke_unit", "push_loaded", "merge_digests", "login"):
        monkeypatch.setattr(action, name, getattr(fake, name))
    return fake


def settings(tmp_path: Path, platforms: tuple[str, ...] = ("linux/amd64",), **extra: Any) -> ActionSettings:
    selection = UnitSelection(None, "cpu", "docker/v1.5.0", image="localhost:5000/o/app", cache="none", commit="c" * 40)
    values: dict[str, Any] = {
        "selection": selection,
        "platforms": platforms,
        "build": BuildInputs(context=ROOT, dockerfile=DOCKERFILE),
        "work_dir": tmp_path / "work",
        "github_output": tmp_path / "output",
        "summary_file": tmp_path / "summary.md",
    }
    return ActionSettings(**(values | extra))


def outputs(tmp_path: Path) -> dict[str, str]:
    lines = (tmp_path / "output").read_text().splitlines()
    keys = [line.split("=", 1)[0] for line in lines]
    assert len(keys) == len(set(keys)), "every output is written once"
    return dict(line.split("=", 1) for line in lines)


def run(config: ActionSettings) -> int:
    return action.run(config, io.StringIO(), io.StringIO(), object)  # type: ignore[arg-type]


def test_two_platforms_build_once_each_push_the_tested_image_and_publish(fakes: Fakes, tmp_path: Path) -> None:
    assert run(settings(tmp_path, ("linux/amd64", "linux/arm64"), push=True)) == 0
    tested = "localhost:5000/o/app:1.5.0-cpu"
    assert fakes.calls == [
        ("binary", "linux/amd64"),
        ("build", "linux/amd64"),
        ("smoke", tested),
        ("push", f"{tested} -> localhost:5000/o/app:staging-cpu-production-amd64"),
        ("binary", "linux/arm64"),
        ("build", "linux/arm64"),
        ("smoke", tested),
        ("push", f"{tested} -> localhost:5000/o/app:staging-cpu-production-arm64"),
        ("publish", f"{digest(100)},{digest(101)}"),
    ]
    binary, variant = fakes.requests[:2]
    assert binary.dockerfile == ROOT / "dockerfiles" / "binary.Dockerfile"
    layout = tmp_path / "work" / "binaries" / "binary-production-amd64"
    assert (binary.output, binary.oci_dir, binary.contexts) == ("oci", layout, {})
    # the variant reads the binary's folder as the named context that replaces its app-binary stage
    assert variant.build_args["APP_BINARY_IMAGE"] == "app-binary"
    assert variant.contexts == {"app-binary": layout}
    assert fakes.requests[3].contexts == {"app-binary": tmp_path / "work" / "binaries" / "binary-production-arm64"}
    assert not (tmp_path / "work" / "binaries").exists(), "the layouts are removed at the end"
    values = outputs(tmp_path)
    assert values["digest"] == digest(999)
    assert values["tags"] == "localhost:5000/o/app:1.5.0-cpu,localhost:5000/o/app:latest-cpu"
    assert values["latest-held"] == ""
    assert values["digest-file"] == str(tmp_path / "work" / "digests")
    assert values["smoke-report"] == str(tmp_path / "work" / "smoke")
    assert sorted(p.name for p in (tmp_path / "work" / "digests").iterdir()) == [
        "cpu-production-amd64.json",
        "cpu-production-arm64.json",
    ]
    table = (tmp_path / "summary.md").read_text()
    assert table.count("| Step | Image |") == 1
    assert table.count("| publish |") == 1


def test_a_held_latest_tag_is_left_out_of_the_published_tags(fakes: Fakes, tmp_path: Path) -> None:
    fakes.held = ("localhost:5000/o/app:latest-cpu",)
    assert run(settings(tmp_path, push=True)) == 0
    values = outputs(tmp_path)
    assert values["tags"] == "localhost:5000/o/app:1.5.0-cpu"
    assert values["latest-held"] == "localhost:5000/o/app:latest-cpu"


def test_a_failed_smoke_test_pushes_nothing_and_still_writes_the_outputs(fakes: Fakes, tmp_path: Path) -> None:
    fakes.smoke_passes = False
    with pytest.raises(SmokeTestError, match="ping: refused"):
        run(settings(tmp_path, push=True))
    assert [kind for kind, _ in fakes.calls] == ["binary", "build", "smoke"]
    values = outputs(tmp_path)
    assert values["smoke-result"] == "failed"
    assert values["digest-file"] == ""
    assert Path(values["smoke-report"]).is_file()


def test_without_push_nothing_is_pushed(fakes: Fakes, tmp_path: Path) -> None:
    assert run(settings(tmp_path)) == 0
    assert [kind for kind, _ in fakes.calls] == ["binary", "build", "smoke"]
    values = outputs(tmp_path)
    assert values["digest"] == digest(2), "the loaded image's digest"
    assert values["smoke-result"] == "passed"


def test_push_by_digest_does_not_publish(fakes: Fakes, tmp_path: Path) -> None:
    assert run(settings(tmp_path, push=True, push_by_digest=True, smoke_test=False)) == 0
    assert [kind for kind, _ in fakes.calls] == ["binary", "build", "push"]
    values = outputs(tmp_path)
    assert values["digest"] == digest(100)
    assert Path(values["digest-file"]).name == "cpu-production-amd64.json"
    assert values["smoke-report"] == ""


def test_binary_digests_name_the_binary_so_none_is_built(fakes: Fakes, tmp_path: Path) -> None:
    records = tmp_path / "binaries"
    for arch, n in (("amd64", 7), ("arm64", 8)):
        record = DigestRecord("localhost:5000/o/app", "binary", "production", f"linux/{arch}", digest(n))
        write_record(records / f"binary-production-{arch}.json", record)
    build = BuildInputs(context=ROOT, dockerfile=DOCKERFILE, binary_digests=records)
    assert run(settings(tmp_path, ("linux/amd64", "linux/arm64"), build=build, smoke_test=False)) == 0
    assert [kind for kind, _ in fakes.calls] == ["build", "build"]
    refs = [r.build_args["APP_BINARY_IMAGE"] for r in fakes.requests]
    assert refs == [f"localhost:5000/o/app@{digest(7)}", f"localhost:5000/o/app@{digest(8)}"]


def test_a_missing_binary_record_is_a_usage_error(fakes: Fakes, tmp_path: Path) -> None:
    records = tmp_path / "binaries"
    records.mkdir()
    build = BuildInputs(context=ROOT, dockerfile=DOCKERFILE, binary_digests=records)
    with pytest.raises(UsageError, match="no digest file for binary/production on linux/amd64"):
        run(settings(tmp_path, build=build))
    assert fakes.calls == []


def test_login_reads_the_password_from_the_environment_only(fakes: Fakes, tmp_path: Path) -> None:
    env = {"REG_PASSWORD": "s3cret"}
    run(settings(tmp_path, registry_username="bot", registry_password_env="REG_PASSWORD", env=env))
    assert fakes.logins == [("localhost:5000", "bot", "s3cret")]
    assert "s3cret" not in (tmp_path / "output").read_text()
    with pytest.raises(UsageError, match="no registry username"):
        run(settings(tmp_path, registry_password_env="REG_PASSWORD", env=env))


def test_no_password_no_login(fakes: Fakes, tmp_path: Path) -> None:
    run(settings(tmp_path, registry_username="bot", registry_password_env="REG_PASSWORD", env={}))
    assert fakes.logins == []


def test_inputs_reach_the_options_through_the_environment(
    fakes: Fakes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[ActionSettings] = []

    def record(settings: ActionSettings) -> int:
        seen.append(settings)
        return 0

    monkeypatch.setattr(action, "run", record)
    env = {
        "BODHI_ACTION_VARIANT": "cpu",
        "BODHI_ACTION_VERSION": "1.0.0",
        "BODHI_ACTION_MODE": "",
        "BODHI_ACTION_PLATFORMS": "linux/amd64, linux/arm64",
        "BODHI_ACTION_CONTEXT": "src dir",
        "BODHI_ACTION_BUILD_ARGS": "BASE_IMAGE=mirror/llama:cpu\n\nNOTE=two words\n",
        "BODHI_ACTION_PUSH": "true",
        "BODHI_ACTION_PUSH_BY_DIGEST": "false",
        "BODHI_ACTION_SMOKE_TEST": "false",
        "BODHI_ACTION_SMOKE_TIMEOUT": "90",
        "BODHI_ACTION_CACHE": "none",
        "BODHI_ACTION_BINARY_DIGESTS": "bins",
    }
    monkeypatch.chdir(tmp_path)
    (tmp_path / "src dir").mkdir()
    result = CliRunner().invoke(action_cmd.action, [], env=env, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    (config,) = seen
    assert config.selection.variant == "cpu"
    assert config.selection.mode is None
    assert config.selection.cache == "none"
    assert config.platforms == ("linux/amd64", "linux/arm64")
    assert config.build.context == Path("src dir")
    assert config.build.build_args == (("BASE_IMAGE", "mirror/llama:cpu"), ("NOTE", "two words"))
    assert (config.push, config.push_by_digest, config.smoke_test) == (True, False, False)
    assert config.smoke.timeout_s == 90
    assert config.build.binary_digests == Path("bins")
    assert config.registry_password_env == "BODHI_ACTION_REGISTRY_PASSWORD"


def test_missing_required_inputs_stop_the_step() -> None:
    result = run_cli(["action"], env={"BODHI_ACTION_VERSION": "1.0.0"})
    assert result.code == 2
    assert "--variant" in result.err
