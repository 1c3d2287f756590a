"""Messages a user reads: config errors by file and line in YAML's words, "did you mean", usage errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from bodhi_gen.config.loader import load_config
from bodhi_gen.errors import ConfigError
from tests.helpers import BAD_CONFIGS, run_cli

# a config whose line 14 holds the mistake of issue 21's example
PLATFORMS_NOT_A_LIST = """\
# the project's images
image: ghcr.io/acme/app
modes:
  - name: production
    cargo_profile: release
platforms:
  linux/amd64: {runner: ubuntu-24.04}
variants:
  - name: cuda
    base_image: x/y:cuda
    gpu: nvidia
  - name: cpu
    base_image: x/y:cpu
    platforms: linux/amd64
"""
PYDANTIC_WORDS = ("Input should", "valid tuple", "valid list", "valid dictionary", "String should", "literal[")


def test_a_config_error_names_the_file_and_line(tmp_path: Path) -> None:
    (tmp_path / ".github").mkdir()
    (tmp_path / ".github" / "bodhi-gen.yaml").write_text(PLATFORMS_NOT_A_LIST, "utf-8")
    result = run_cli(["matrix"], cwd=tmp_path)
    assert result.code == 2
    assert result.err.splitlines()[-1] == (
        "bodhi-gen: config error: .github/bodhi-gen.yaml:14: variants[cpu].platforms: "
        "expected a list, got 'linux/amd64'"
    )


def test_several_problems_each_name_their_line(tmp_path: Path) -> None:
    config = tmp_path / "c.yaml"
    config.write_text(PLATFORMS_NOT_A_LIST.replace("gpu: nvidia", "gpu: tpu").replace("release", "[fast]"), "utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(config)
    lines = caught.value.message.splitlines()
    assert lines[0] == f"3 problems in {config}:"
    assert [line.split(": ", 1)[0] for line in lines[1:]] == [f"  {config}:{n}" for n in (5, 11, 14)]
    assert "modes[production].cargo_profile: expected 'release' or 'dev', got a list" in lines[1]
    kinds = "'none', 'nvidia', 'amd', 'vulkan', 'intel', 'musa' or 'ascend'"
    assert f"variants[cuda].gpu: expected {kinds}, got 'tpu'" in lines[2]


@pytest.mark.parametrize("path", BAD_CONFIGS, ids=lambda p: p.stem)
def test_no_bad_config_is_told_in_pydantics_words(path: Path) -> None:
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    for words in PYDANTIC_WORDS:
        assert words not in caught.value.message


@pytest.mark.parametrize(
    ("args", "hint"),
    [
        (["matrix", "--variants", "cpu,cuad"], "unknown variant 'cuad' (did you mean 'cuda'?)"),
        (["matrix", "--modes", "prod"], "unknown mode 'prod' (did you mean 'production'?)"),
        (["matrix", "--platforms", "linux/amd"], "unknown platform 'linux/amd' (did you mean 'linux/amd64'?)"),
        (["sizes", "--version", "1.2.3", "--variants", "vulcan"], "unknown variant 'vulcan' (did you mean 'vulkan'?)"),
        (["build", "--variant", "cuad", "--version", "1.2.3"], "unknown variant 'cuad' (did you mean 'cuda'?)"),
        (["build", "--variant", "cuda", "--mode", "dev", "--version", "1.2.3"], "(did you mean 'development'?)"),
        (["action", "--variant", "rcom", "--version", "1.2.3"], "unknown variant 'rcom' (did you mean 'rocm'?)"),
        (["release", "--repo", "a/b", "--version", "1.2.3", "--variants", "cuad"], "cuad (did you mean 'cuda'?)"),
        (["check", "--only", "workflow"], "workflow (did you mean 'workflows'?)"),
    ],
)
def test_every_name_option_says_did_you_mean(args: list[str], hint: str) -> None:
    result = run_cli(args, env={"GH_TOKEN": "", "GITHUB_TOKEN": ""})
    assert result.code == 2, result.err
    assert hint in result.err
    assert "bodhi-gen: usage error: " in result.err


def test_docs_outside_its_own_repository_is_a_usage_error(tmp_path: Path) -> None:
    for args in (["docs"], ["docs", "--check"]):
        result = run_cli(args, cwd=tmp_path)
        assert result.code == 2, result.err
        assert "bodhi-gen: usage error: " in result.err
        assert "bodhi-gen's own repository" in result.err
    assert list(tmp_path.iterdir()) == []
