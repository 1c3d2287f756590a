"""The Docker adapter's pure parts: buildx arguments per output and driver, run flags, step counting."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from bodhi_gen.docker.build import (
    BuildRequest,
    OutputMode,
    StepCounter,
    buildx_args,
    cache_option,
    cache_text,
    secret_option,
    staging_tag,
)
from bodhi_gen.docker.containers import RunOptions, run_options
from bodhi_gen.errors import ConfigError, DockerError
from bodhi_gen.plan.units import CacheSpec, SecretSpec


def request(
    output: OutputMode, cache_to: tuple[CacheSpec, ...] = (CacheSpec("registry", "r/x-cache:k", export=True),)
) -> BuildRequest:
    return BuildRequest(
        context=Path(),
        dockerfile=Path("Dockerfile"),
        platform="linux/amd64",
        output=output,
        image="r/x",
        tags=("r/x:1.0.0-cpu", "r/x:latest-cpu"),
        labels={},
        build_args={},
        cache_from=(CacheSpec("registry", "r/x-cache:k"),),
        cache_to=cache_to,
        image_key="cpu-production-amd64",
    )


def test_load_and_push_use_the_tags() -> None:
    load = buildx_args(request("load"), "docker-container")
    assert (load.tags, load.load, load.push, load.output) == (["r/x:1.0.0-cpu", "r/x:latest-cpu"], True, False, {})
    push = buildx_args(request("push"), "docker-container")
    assert (push.load, push.push) == (False, True)
    assert push.cache_from == [{"type": "registry", "ref": "r/x-cache:k"}]
    assert push.cache_to == {"type": "registry", "ref": "r/x-cache:k", "mode": "max", "ignore-error": "true"}


def test_push_by_digest_pushes_untagged() -> None:
    args = buildx_args(request("push-by-digest"), "docker-container")
    assert args.tags == []
    assert args.output == {
        "type": "image",
        "name": "r/x",
        "push-by-digest": "true",
        "name-canonical": "true",
        "push": "true",
    }


def test_push_by_digest_on_the_docker_driver_uses_a_staging_tag() -> None:
    args = buildx_args(request("push-by-digest"), "docker")
    assert args.tags == []
    assert args.output == {"type": "image", "name": "r/x:staging-cpu-production-amd64", "push": "true"}
    assert staging_tag(request("push-by-digest")) == "r/x:staging-cpu-production-amd64"


@pytest.mark.parametrize("driver", ["docker", "docker-container"])
def test_an_oci_layout_output_is_a_folder_with_no_tags_load_or_push(driver: str) -> None:
    args = buildx_args(replace(request("oci"), oci_dir=Path("/scratch/binary-production-amd64")), driver)
    assert (args.tags, args.load, args.push) == ([], False, False)
    assert args.output == {"type": "oci", "dest": "/scratch/binary-production-amd64", "tar": "false"}
    assert args.build_contexts == {}
    with pytest.raises(DockerError, match="destination folder"):
        buildx_args(request("oci"), driver)


@pytest.mark.parametrize("driver", ["docker", "docker-container"])
def test_named_contexts_are_oci_layouts_only_at_the_docker_edge(driver: str) -> None:
    folder = Path("/scratch/binary-production-amd64")
    args = buildx_args(replace(request("load"), contexts={"app-binary": folder}), driver)
    assert args.build_contexts == {"app-binary": "oci-layout:///scratch/binary-production-amd64"}
    assert (args.tags, args.load) == (["r/x:1.0.0-cpu", "r/x:latest-cpu"], True)


def test_two_cache_destinations_are_refused() -> None:
    with pytest.raises(DockerError, match="only one --cache-to"):
        buildx_args(request("load", cache_to=(CacheSpec("registry", "a"), CacheSpec("registry", "b"))), "docker")


def test_cache_and_secret_specs_in_buildx_form() -> None:
    export = CacheSpec("registry", "r/x-cache:a-b", export=True)
    assert cache_option(export) == {"type": "registry", "ref": "r/x-cache:a-b", "mode": "max", "ignore-error": "true"}
    assert cache_text(export) == "type=registry,ref=r/x-cache:a-b,mode=max,ignore-error=true"
    assert cache_text(CacheSpec("registry", "r/x-cache:k")) == "type=registry,ref=r/x-cache:k"
    assert secret_option(SecretSpec("llama_download_token", "MY_TOKEN")) == "id=llama_download_token,env=MY_TOKEN"


def test_step_counter_counts_local_and_registry_cache_hits() -> None:
    log = """\
#5 [1/3] FROM docker.io/library/busybox
#5 DONE 0.0s
#6 [deps 2/3] RUN cargo build --release -p ci_optims
#6 CACHED
#7 [app 3/3] COPY crates/ crates/
#7 sha256:3c1328682d11f258634fb427d65ae69121952b755bc2a0f2ecbc98519e8f07fe 177B / 177B done
#7 DONE 0.0s
#8 [runtime 4/4] RUN useradd llama
#8 0.412 done
#8 DONE 0.5s
#12 [deps 2/3] RUN cargo build --release -p ci_optims
#12 CACHED
#9 exporting to image
"""
    counter = StepCounter()
    for line in log.splitlines():
        counter.feed(line)
    assert counter.steps == {
        "[deps 2/3] RUN cargo build --release -p ci_optims",
        "[app 3/3] COPY crates/ crates/",
        "[runtime 4/4] RUN useradd llama",
    }
    assert counter.cached == {"[deps 2/3] RUN cargo build --release -p ci_optims", "[app 3/3] COPY crates/ crates/"}


def test_run_options_from_plan_flags() -> None:
    flags = ("--device", "/dev/kfd", "--device=/dev/dri", "--group-add", "video", "--ulimit", "memlock=-1:-1")
    assert run_options(flags) == RunOptions(
        devices=["/dev/kfd", "/dev/dri"], groups_add=["video"], ulimit=["memlock=-1:-1"]
    )
    assert run_options(("--gpus", "all", "--privileged")) == RunOptions(gpus="all", privileged=True)


@pytest.mark.parametrize(
    ("flags", "message"),
    [(("--network", "host"), "not supported"), (("--device",), "needs a value")],
)
def test_run_options_refuse_unknown_or_incomplete_flags(flags: tuple[str, ...], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        run_options(flags)
