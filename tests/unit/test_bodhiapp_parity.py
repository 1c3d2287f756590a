"""The embedded default against what BodhiApp publishes today (tests/real_layout/bodhiapp-publishing.yaml, facts
read from its workflows and Dockerfiles): the same image lines, tags, defaults.yaml values, ENV lines, ports,
device flags, release-page words, dispatch input and compile runner. The only differences allowed are the
recorded replacements of invalid llama-server arguments."""

from __future__ import annotations

import re
from functools import cache
from typing import Any

import pytest
import yaml

from bodhi_gen.config.loader import load_config
from bodhi_gen.plan.build import build_plan
from bodhi_gen.plan.release_lines import release_lines, resolve_release
from bodhi_gen.plan.units import BuildInfo, Plan, Selection
from bodhi_gen.release.page import release_page
from tests.helpers import ROOT, render_files

FACTS: dict[str, Any] = yaml.safe_load((ROOT / "tests" / "real_layout" / "bodhiapp-publishing.yaml").read_text())
IMAGES: dict[str, dict[str, Any]] = FACTS["images"]
VERSION = "1.2.3"


@cache
def plan() -> Plan:
    return build_plan(load_config(cwd=ROOT / "tests"), BuildInfo(version=VERSION))


@cache
def dockerfiles() -> dict[str, str]:
    return {f.path.name: f.content for f in render_files("dockerfiles", None, cwd=ROOT / "tests")}


@cache
def workflows() -> dict[str, Any]:
    return {f.path.name: yaml.safe_load(f.content) for f in render_files("workflows", None, cwd=ROOT / "tests")}


def written_defaults(dockerfile: str) -> dict[str, str]:
    """The literal defaults.yaml lines of a generated Dockerfile (the build-arg ones come from the plan)."""
    return {k: v.strip('"') for k, v in re.findall(r"printf '%s\\n' '([A-Z_]+): (.*)'; \\", dockerfile)}


def valid_today(args: str) -> str:
    """BodhiApp's argument string with the recorded replacements of its invalid flags."""
    words = []
    for word in args.split():
        words += FACTS["invalid_args"].get(word, word).split()
    return " ".join(words)


def device_words(flags: str) -> list[str]:
    """``--device=/dev/kfd --group-add video`` -> ``--device /dev/kfd --group-add video`` (the same to docker)."""
    return [part for word in flags.split() for part in (word.split("=", 1) if word.startswith("--") else [word])]


def test_the_same_images_in_the_same_lines() -> None:
    config = load_config(cwd=ROOT / "tests")
    ours = {line.pattern: line.mode for line in release_lines(config)}
    theirs = {p: m for lines in FACTS["tag_lines"].values() for p, m in lines.items()}
    assert ours == theirs
    for pattern in theirs:
        tag = pattern.replace("*", VERSION)
        built = {w for w, lines in FACTS["tag_lines"].items() if pattern in lines}
        expected = {image for w in built for image in FACTS["images_per_workflow"][w]}
        resolved = resolve_release(tag, config)
        assert resolved.line is not None
        variants = set(resolved.line.variants) or {v.name for v in config.variants}
        assert variants == expected, tag


@pytest.mark.parametrize("image", sorted(IMAGES))
def test_each_image_as_bodhiapp_builds_it(image: str) -> None:
    facts = IMAGES[image]
    variant = next(v for v in plan().variants if v.name == image)
    assert variant.base_image == facts["base"]
    assert list(variant.platforms) == facts["platforms"]
    unit = plan().unit(image, "production", "linux/amd64")
    assert unit.build_args["CI_BUILD_VARIANTS"] == facts["exec_variants"]
    assert unit.build_args["CI_DEFAULT_VARIANT"] == facts["exec_variant"]
    text = dockerfiles()[f"{image}.Dockerfile"]
    values = written_defaults(text)
    assert values["BODHI_DEPLOYMENT"] == facts["deployment"]
    assert values["BODHI_PORT"] == str(facts["port"])
    assert values["BODHI_LLAMACPP_ARGS"] == facts["args"]
    ours_keys = {k: v for k, v in values.items() if k.startswith("BODHI_LLAMACPP_ARGS_")}
    assert ours_keys == {k: valid_today(v) for k, v in facts["args_keys"].items()}
    assert f"EXPOSE {facts['port']}\n" in text
    assert f"http://127.0.0.1:{facts['port']}/ping" in text
    env = dict(re.findall(r"^ENV (\w+)=(\S+)$", text, flags=re.MULTILINE))
    env.pop("RUST_LOG")
    assert env == facts["env"]
    assert list(variant.device_flags) == device_words(facts["device_flags"])
    assert variant.notes == (facts["description"], facts["hardware"])


def test_only_the_invalid_arguments_differ() -> None:
    """Every difference between BodhiApp's arguments and ours is a recorded replacement of an invalid flag."""
    changed = {
        key: (value, valid_today(value))
        for facts in IMAGES.values()
        for key, value in facts["args_keys"].items()
        if valid_today(value) != value
    }
    assert sorted(changed) == ["BODHI_LLAMACPP_ARGS_CUDA", "BODHI_LLAMACPP_ARGS_ROCM", "BODHI_LLAMACPP_ARGS_VULKAN"]


@pytest.mark.parametrize("mode", ["production", "development"])
def test_tags_release_page_and_prerelease(mode: str) -> None:
    suffix = FACTS["tag_suffix"][mode]
    selected = build_plan(load_config(cwd=ROOT / "tests"), BuildInfo(version=VERSION), Selection(modes=(mode,)))
    for group in selected.merges:
        image = load_config(cwd=ROOT / "tests").image
        assert group.tags == (f"{image}:{VERSION}-{group.variant}{suffix}", f"{image}:latest-{group.variant}{suffix}")
    page = release_page(selected, f"docker/v{VERSION}", load_config(cwd=ROOT / "tests").mode(mode).prerelease, None)
    assert page.prerelease is FACTS["prerelease"][mode]
    for entry in page.entries:
        facts = IMAGES[entry.variant]
        port = facts["port"]
        assert f"-p {port}:{port}" in entry.run
        assert " ".join(device_words(facts["device_flags"])) in entry.run


def test_dispatch_takes_a_tag_and_the_compile_runs_on_the_larger_runner() -> None:
    release = workflows()["bodhi-release.yml"]
    inputs = release[True]["workflow_dispatch"]["inputs"]  # YAML 1.1 reads `on` as True
    assert set(FACTS["dispatch_inputs"]) <= set(inputs)
    assert release["jobs"]["images"]["with"]["release-page"] is True
    assert "release-page" in workflows()["bodhi-images.yml"]["jobs"]
    runners = {b.platform: b.runner for b in plan().binaries}
    for platform, runner in FACTS["binary_runner"].items():
        assert runners[platform] == runner
