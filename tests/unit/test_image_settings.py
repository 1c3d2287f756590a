"""A variant's own image settings (port, exec_variant, defaults, env, shared and per-exec-variant llama-server
args, the GPU kinds musa and ascend) reach every place that uses them: defaults.yaml, the Dockerfile, the
smoke test, the Makefile's run target."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bodhi_gen.config.loader import load_config
from bodhi_gen.errors import ConfigError
from bodhi_gen.plan.build import build_plan
from bodhi_gen.smoke.gpu import detect_host_gpu
from bodhi_gen.smoke.report import GpuOutcome
from bodhi_gen.smoke.unit import SmokeInputs, smoke_spec
from tests.helpers import render_files

CONFIG = """\
llama_server_args: "--jinja --no-webui"
variants:
  - name: cpu
    base_image: ghcr.io/bodhisearch/llama.cpp:latest-cpu
    llama_server_args: "--threads 4 --no-mmap"
  - name: rocm
    base_image: ghcr.io/bodhisearch/llama.cpp:latest-rocm
    gpu: amd
    shared_llama_server_args: "--jinja --no-webui --keep 24"
    llama_server_args: "--n-gpu-layers 999 --split-mode row"
  - name: intel
    base_image: ghcr.io/bodhisearch/llama.cpp:latest-intel
    gpu: intel
    env: {NEOReadDebugKeys: "1", ClDeviceGlobalMemSizeAvailablePercent: "100"}
  - name: musa
    base_image: ghcr.io/bodhisearch/llama.cpp:latest-musa
    gpu: musa
  - name: multi-tenant
    base_image: ghcr.io/bodhisearch/llama.cpp:latest-cpu
    exec_variants: [cpu]
    exec_variant: cpu
    port: 1135
    defaults: {BODHI_DEPLOYMENT: multi_tenant, BODHI_AUTH_URL: "https://id.example.com"}
modes:
  - {name: production, cargo_profile: release}
release: {tag_patterns: {production: docker/v*}}
"""


def config_file(tmp_path: Path, text: str = CONFIG) -> Path:
    path = tmp_path / "bodhi-gen.yaml"
    path.write_text(text, "utf-8")
    return path


def files(kind: str, path: Path) -> dict[str, str]:
    return {str(f.path): f.content for f in render_files(kind, path, cwd=path.parent)}


def defaults_yaml(dockerfile: str) -> dict[str, str]:
    """The literal defaults.yaml lines a Dockerfile prints (the build-arg lines are `"%s"` templates)."""
    lines = re.findall(r"printf '%s\\n' '([A-Z_]+): (.*)'; \\", dockerfile)
    lines += [(key, "<arg>") for key in re.findall(r"printf '([A-Z_]+): \"%s\"", dockerfile)]
    return {key: value.strip('"') for key, value in lines}


def test_multi_tenant_image_port_deployment_exec_variant_and_defaults(tmp_path: Path) -> None:
    path = config_file(tmp_path)
    text = files("dockerfiles", path)["dockerfiles/multi-tenant.Dockerfile"]
    values = defaults_yaml(text)
    assert values["BODHI_PORT"] == "1135"
    assert values["BODHI_DEPLOYMENT"] == "multi_tenant"
    assert values["BODHI_AUTH_URL"] == "https://id.example.com"
    assert values["BODHI_LLAMACPP_ARGS"] == "--jinja --no-webui"
    # its only exec variant is cpu: the cpu variant's args, and no key of its own
    assert values["BODHI_LLAMACPP_ARGS_CPU"] == "--threads 4 --no-mmap"
    assert "BODHI_LLAMACPP_ARGS_MULTI_TENANT" not in values
    assert "ARG CI_DEFAULT_VARIANT=cpu\n" in text
    assert "EXPOSE 1135\n" in text
    assert "http://127.0.0.1:1135/ping" in text
    assert "8080" not in text
    unit = build_plan(load_config(path)).unit("multi-tenant", "production", "linux/amd64")
    assert unit.build_args["CI_DEFAULT_VARIANT"] == "cpu"
    assert unit.port == 1135
    assert unit.defaults["BODHI_EXEC_VARIANT"] == "cpu"
    assert unit.defaults["BODHI_DEPLOYMENT"] == "multi_tenant"
    assert unit.defaults["BODHI_PORT"] == "1135"
    spec = smoke_spec(unit, "img", SmokeInputs(), GpuOutcome("none", "not-needed"))
    assert spec.container_port == 1135
    assert smoke_spec(unit, "img", SmokeInputs(container_port=9000), GpuOutcome("none", "x")).container_port == 9000


def test_every_other_image_is_standalone_on_8080_with_shared_and_per_exec_args(tmp_path: Path) -> None:
    docker = files("dockerfiles", config_file(tmp_path))
    rocm = defaults_yaml(docker["dockerfiles/rocm.Dockerfile"])
    assert rocm["BODHI_DEPLOYMENT"] == "standalone"
    assert rocm["BODHI_PORT"] == "8080"
    assert rocm["BODHI_LLAMACPP_ARGS"] == "--jinja --no-webui --keep 24"
    assert rocm["BODHI_LLAMACPP_ARGS_ROCM"] == "--n-gpu-layers 999 --split-mode row"
    assert rocm["BODHI_LLAMACPP_ARGS_CPU"] == "--threads 4 --no-mmap"
    # musa has no args of its own: no key for it, the cpu fallback's only
    musa = defaults_yaml(docker["dockerfiles/musa.Dockerfile"])
    assert "BODHI_LLAMACPP_ARGS_MUSA" not in musa
    assert musa["BODHI_LLAMACPP_ARGS_CPU"] == "--threads 4 --no-mmap"
    assert musa["BODHI_LLAMACPP_ARGS"] == "--jinja --no-webui"
    assert "EXPOSE 8080\n" in docker["dockerfiles/cpu.Dockerfile"]


def test_env_lines_only_where_configured(tmp_path: Path) -> None:
    docker = files("dockerfiles", config_file(tmp_path))
    intel = docker["dockerfiles/intel.Dockerfile"]
    assert "ENV NEOReadDebugKeys=1\nENV ClDeviceGlobalMemSizeAvailablePercent=100\n" in intel
    assert "NEOReadDebugKeys" not in docker["dockerfiles/cpu.Dockerfile"]


def test_makefile_run_publishes_the_variant_port(tmp_path: Path) -> None:
    makefile = files("makefile", config_file(tmp_path))["devops/Makefile"]
    assert "run --rm --init -p $(or $(PORT),1135):1135" in makefile
    assert "run --rm --init -p $(or $(PORT),8080):8080" in makefile


def test_musa_and_ascend_devices(tmp_path: Path) -> None:
    plan = build_plan(load_config(config_file(tmp_path)))
    musa = plan.unit("musa", "production", "linux/amd64")
    assert musa.device_flags == ("--device", "/dev/musa")
    assert musa.build_args["CI_BUILD_VARIANTS"] == "musa,cpu"
    dev = tmp_path / "dev"
    dev.mkdir()
    assert not detect_host_gpu("musa", dev).present
    assert not detect_host_gpu("ascend", dev).present
    (dev / "musa").touch()
    (dev / "davinci0").touch()
    assert detect_host_gpu("musa", dev).present
    assert detect_host_gpu("ascend", dev).evidence == f"{dev}/davinci0"


ASCEND = """\
variants:
  - name: cann
    base_image: ghcr.io/bodhisearch/llama.cpp:latest-cann
    gpu: ascend
    platforms: [linux/amd64, linux/arm64]
modes: [{name: production, cargo_profile: release}]
release: {tag_patterns: {production: docker/v*}}
"""


def test_a_gpu_kind_on_arm64_only_where_its_runners_have_the_device(tmp_path: Path) -> None:
    plan = build_plan(load_config(config_file(tmp_path, ASCEND)))
    cann = plan.unit("cann", "production", "linux/arm64")
    assert "/dev/davinci_manager" in cann.device_flags
    cuda = ASCEND.replace("gpu: ascend", "gpu: nvidia")
    with pytest.raises(ConfigError, match=r"cannot target linux/arm64: .*platforms.linux/arm64.gpu_kinds"):
        load_config(config_file(tmp_path, cuda))
    allowed = cuda + "platforms:\n  linux/amd64: {runner: ubuntu-24.04}\n"
    allowed += "  linux/arm64: {runner: gh200, gpu_kinds: [nvidia]}\n"
    assert build_plan(load_config(config_file(tmp_path, allowed))).unit("cann", "production", "linux/arm64")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ("    defaults: {BODHI_PORT: '1'}\n", "BODHI_PORT' is written by bodhi-gen itself"),
        ("    defaults: {BODHI_LLAMACPP_ARGS_CPU: x}\n", "is written by bodhi-gen itself"),
        ("    defaults: {HOME: x}\n", "is not a defaults.yaml key"),
        ("    defaults: {BODHI_X: 'a;b'}\n", "is not a plain value"),
        ("    env: {BODHI_HOME: x}\n", "go under the variant's defaults"),
        ("    env: {LD_PRELOAD: /x.so}\n", "is not settable"),
        ("    env: {A: '$(id)'}\n", "is not a plain value"),
        ("    exec_variant: cuda\n", "exec_variant 'cuda' is not among the variant's exec variants (x)"),
        (
            "    llama_server_args: --threads 2\n    exec_variants: [cpu]\n    exec_variant: cpu\n",
            "no image would use them",
        ),
        (
            "    exec_variants: [cpu]\n",
            "defaults to the variant's name 'x', which is not among its exec variants (cpu)",
        ),
        ("    port: 0\n", "greater than or equal to 1"),
        ("    notes: {description: '**bold**'}\n", "is not release-page text"),
    ],
)
def test_bad_image_settings_are_refused(tmp_path: Path, change: str, message: str) -> None:
    text = f"variants:\n  - name: x\n    base_image: a/b:c\n{change}modes: [{{name: m, cargo_profile: release}}]\n"
    text += "release: {tag_patterns: {m: docker/v*}}\n"
    with pytest.raises(ConfigError) as caught:
        load_config(config_file(tmp_path, text))
    assert message in caught.value.message
