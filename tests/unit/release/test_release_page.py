"""``bodhi-gen release-page`` against a local GitHub releases API (tests/support/fake_releases.py): created, then
updated on a re-run with its release.json replaced, a prerelease for a development mode, the failed variants
listed, nothing made when nothing was published; ``--dry-run`` prints the page and the JSON."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from bodhi_gen.cli.main import main
from tests.helpers import Result, exit_code_of
from tests.support.fake_releases import REPO, FakeReleases
from tests.unit.release.release_fakes import TOKEN

COMMIT = "0123456789abcdef0123456789abcdef01234567"
DIGEST = "sha256:" + "ab" * 32
CONFIG = """\
image: ghcr.io/acme/app
variants:
  - name: cpu
    base_image: a/cpu:1
    platforms: [linux/amd64, linux/arm64]
    notes: {description: CPU only, hardware: x86_64 or ARM64 processors}
  - name: cuda
    base_image: a/cuda:1
    gpu: nvidia
    notes: {description: NVIDIA GPU acceleration, hardware: NVIDIA GPU with CUDA 12.4+ support}
  - name: multi-tenant
    base_image: a/cpu:1
    exec_variants: [cpu]
    exec_variant: cpu
    port: 1135
    defaults: {BODHI_DEPLOYMENT: multi_tenant}
modes:
  - {name: production, cargo_profile: release}
  - {name: development, cargo_profile: dev, tag_suffix: -development, prerelease: true}
release:
  tag_patterns: {production: docker/v*, development: docker-dev/v*}
  lines: [{pattern: docker-mt/v*, mode: production, variants: [multi-tenant]}]
"""

Run = Callable[..., Result]


@pytest.fixture
def fake(httpserver: HTTPServer) -> FakeReleases:
    return FakeReleases(httpserver, token=TOKEN).install()


@pytest.fixture
def config(env: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    path = tmp_path / "bodhi-gen.yaml"
    path.write_text(CONFIG, "utf-8")
    return path


@pytest.fixture
def page(config: Path, fake: FakeReleases, capsys: pytest.CaptureFixture[str]) -> Run:
    def run(*args: str, api: bool = True) -> Result:
        argv = ["release-page", "--config", str(config), "--repo", REPO, "--commit", COMMIT, *args]
        code = exit_code_of(lambda: main([*argv, *(["--api-url", fake.base] if api else [])]))
        captured = capsys.readouterr()
        assert TOKEN not in captured.out + captured.err
        assert "Traceback" not in captured.err
        return Result(code, captured.out, captured.err)

    return run


def results(folder: Path, *done: tuple[str, str]) -> Path:
    """A results folder as the release job downloads it: one artifact folder per merged (variant, mode)."""
    folder.mkdir(exist_ok=True)
    for variant, mode in done:
        suffix = "" if mode == "production" else f"-{mode}"
        tags = [f"ghcr.io/acme/app:1.2.3-{variant}{suffix}", f"ghcr.io/acme/app:latest-{variant}{suffix}"]
        record = {"variant": variant, "mode": mode, "digest": DIGEST, "tags": tags, "image": "ghcr.io/acme/app"}
        (folder / f"published-{variant}-{mode}").mkdir()
        (folder / f"published-{variant}-{mode}" / "published.json").write_text(json.dumps(record), "utf-8")
    return folder


def test_created_then_updated_with_its_asset_replaced(page: Run, fake: FakeReleases, tmp_path: Path) -> None:
    first = page("--version", "docker/v1.2.3", "--results-dir", str(results(tmp_path / "one", ("cpu", "production"))))
    assert first.code == 0, first.err
    assert first.out.startswith("created the release docker/v1.2.3: https://github.test/acme/app/releases/")
    release = fake.releases["docker/v1.2.3"]
    assert (release.name, release.prerelease, release.target) == ("app 1.2.3 (production)", False, COMMIT)
    assert "docker pull ghcr.io/acme/app:1.2.3-cpu" in release.body
    assert "## Not published" in release.body
    assert "- ❌ cuda (linux/amd64)" in release.body
    assert "- ❌ multi-tenant (linux/amd64)" in release.body, "docker/v* builds every variant, multi-tenant too"
    assert "cuda was not published" in first.err
    (asset,) = release.assets
    data = json.loads(asset.data)
    assert (asset.name, asset.content_type) == ("release.json", "application/json")
    statuses = [(v["variant"], v["status"]) for v in data["variants"]]
    assert statuses == [("cpu", "published"), ("cuda", "failed"), ("multi-tenant", "failed")]
    assert data["variants"][0]["digest"] == DIGEST

    both = results(tmp_path / "two", ("cpu", "production"), ("cuda", "production"), ("multi-tenant", "production"))
    second = page("--version", "docker/v1.2.3", "--results-dir", str(both))
    assert second.code == 0, second.err
    assert second.out.startswith("updated the release docker/v1.2.3: ")
    assert list(fake.releases) == ["docker/v1.2.3"]
    release = fake.releases["docker/v1.2.3"]
    assert "Not published" not in release.body
    assert "docker run --rm --gpus all -p 8080:8080" in release.body
    (asset,) = release.assets
    assert [v["status"] for v in json.loads(asset.data)["variants"]] == ["published"] * 3
    assert fake.writes == [
        "POST release docker/v1.2.3",
        "POST asset release.json of docker/v1.2.3",
        "PATCH release docker/v1.2.3",
        "DELETE asset release.json of docker/v1.2.3",
        "POST asset release.json of docker/v1.2.3",
    ]


def test_a_development_release_is_a_prerelease(page: Run, fake: FakeReleases, tmp_path: Path) -> None:
    done = results(tmp_path / "dev", ("cpu", "development"))
    result = page("--version", "1.2.3", "--mode", "development", "--results-dir", str(done))
    assert result.code == 0, result.err
    assert result.out.startswith("created the prerelease docker-dev/v1.2.3: ")
    release = fake.releases["docker-dev/v1.2.3"]
    assert release.prerelease is True
    assert "docker pull ghcr.io/acme/app:1.2.3-cpu-development" in release.body


def test_a_line_tag_makes_the_page_of_its_variants(page: Run, fake: FakeReleases, tmp_path: Path) -> None:
    done = results(tmp_path / "mt", ("multi-tenant", "production"))
    result = page("--version", "docker-mt/v1.2.3", "--results-dir", str(done))
    assert result.code == 0, result.err
    body = fake.releases["docker-mt/v1.2.3"].body
    assert "### multi-tenant" in body
    assert "-p 1135:1135" in body
    assert "### cpu" not in body


def test_a_release_of_some_variants_lists_only_those(page: Run, fake: FakeReleases, tmp_path: Path) -> None:
    done = results(tmp_path / "some", ("cuda", "production"))
    result = page("--version", "docker/v1.2.3", "--variants", "cuda", "--results-dir", str(done))
    assert result.code == 0, result.err
    body = fake.releases["docker/v1.2.3"].body
    assert "### cuda" in body
    assert "Not published" not in body, "variants the release did not build are not failures"
    outside = page("--version", "docker-mt/v1.2.3", "--variants", "cuda", "--results-dir", str(done))
    assert outside.code == 2
    assert "builds only multi-tenant" in outside.err


def test_nothing_published_makes_no_release(page: Run, fake: FakeReleases, tmp_path: Path) -> None:
    result = page("--version", "docker/v1.2.3", "--results-dir", str(tmp_path / "none"))
    assert result.code == 6
    assert "nothing of docker/v1.2.3 was published (cpu, cuda, multi-tenant failed): no release made" in result.err
    assert fake.releases == {}
    assert fake.writes == []


def test_dry_run_prints_the_page_and_the_json(page: Run, fake: FakeReleases, tmp_path: Path) -> None:
    done = results(tmp_path / "d", ("cuda", "production"))
    result = page("--version", "docker/v1.2.3", "--results-dir", str(done), "--dry-run", api=False)
    assert result.code == 0, result.err
    markdown, _, rest = result.out.partition("\n{")
    data = json.loads("{" + rest)
    assert markdown.startswith("# app 1.2.3 (production)\n")
    assert "### cuda: NVIDIA GPU acceleration" in markdown
    assert "- Hardware: NVIDIA GPU with CUDA 12.4+ support" in markdown
    assert "- ❌ cpu (linux/amd64, linux/arm64)" in markdown
    assert data["tag"] == "docker/v1.2.3"
    assert [v["status"] for v in data["variants"]] == ["failed", "published", "failed"]
    assert fake.writes == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--version", "docker-mt/v1.2.3", "--mode", "development"), "is of mode 'production', but --mode is"),
        (("--version", "1.2.3", "--mode", "staging"), "--mode 'staging' is not one of the config's modes"),
        (("--version", "docker/v1.2.3"), "--results-dir is required to write a release"),
        (("--version", "docker/v1.2.3", "--commit", "main", "--dry-run"), "--commit 'main' is not a commit SHA"),
    ],
)
def test_bad_options_are_usage_errors(page: Run, fake: FakeReleases, args: tuple[str, ...], message: str) -> None:
    result = page(*args)
    assert result.code == 2
    assert message in result.err
    assert fake.writes == []
