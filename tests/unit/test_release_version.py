"""scripts/release_version.py: release.yml's first check, the tag against pyproject.toml's version."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from tests.helpers import ROOT

SCRIPT = ROOT / "scripts" / "release_version.py"
VERSION = str(tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["version"])


def run(tag: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, SCRIPT, tag], cwd=cwd, capture_output=True, text=True, check=False)


def test_the_tag_of_the_package_version_gives_step_outputs() -> None:
    done = run(f"v{VERSION}")
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"version={VERSION}\nprerelease=false\n"


def test_any_folder_reads_this_repository_pyproject(tmp_path: Path) -> None:
    assert run(f"v{VERSION}", cwd=tmp_path).returncode == 0


@pytest.mark.parametrize("tag", ["v9.9.9", f"v{VERSION}.post1", f"v{VERSION}rc1"])
def test_a_tag_naming_another_version_fails_naming_both(tag: str) -> None:
    done = run(tag)
    assert done.returncode == 1
    assert done.stdout == ""
    assert f"tag {tag} names version {tag[1:]}, but pyproject.toml says {VERSION}" in done.stderr


NOT_RELEASE_TAGS = ["1.0.0", "v1", "v1.0", "v1.0.0.1", "vX.Y.Z", "v1.0.0-beta", "v1.0.0+local", "release-1.0.0", ""]


@pytest.mark.parametrize("tag", NOT_RELEASE_TAGS)
def test_a_tag_that_is_no_release_tag_is_a_usage_error(tag: str) -> None:
    done = run(tag)
    assert done.returncode == 2
    assert "is not a release tag" in done.stderr


def test_a_pre_release_tag_is_flagged(tmp_path: Path) -> None:
    sys.path.insert(0, str(SCRIPT.parent))
    try:
        from release_version import release_version  # type: ignore[import-not-found]
    finally:
        sys.path.remove(str(SCRIPT.parent))
    pyproject = tmp_path / "pyproject.toml"
    for version, prerelease in [("2.0.0rc1", True), ("2.0.0.dev3", True), ("2.0.0.post1", False), ("2.0.0b2", True)]:
        pyproject.write_text(f'[project]\nversion = "{version}"\n', "utf-8")
        assert release_version(f"v{version}", pyproject) == (version, prerelease)
