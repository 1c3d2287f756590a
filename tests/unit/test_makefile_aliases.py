"""The generated devops/Makefile answers every call BodhiApp's root makefile makes into its own devops/Makefile, so
the hand-kept one can be replaced: each call, as `make -n`, reaches the build or run it names."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.unit.test_makefile import generated, make

# BodhiApp's Makefile.docker.mk at 90b95163: every `$(MAKE) -C devops <target> <VARIABLE=...>` it runs
UPSTREAM_CALLS = {
    "docker.dev.cpu": ("dev.cpu", "BUILD_VARIANT=development", "PLATFORM="),
    "docker.dev.cpu.amd64": ("dev.cpu.amd64", "BUILD_VARIANT=development"),
    "docker.dev.cpu.arm64": ("dev.cpu.arm64", "BUILD_VARIANT=development"),
    "docker.dev.cuda": ("dev.cuda", "BUILD_VARIANT=development"),
    "docker.dev.multi-tenant": ("dev.multi-tenant", "BUILD_VARIANT=development"),
    "docker.dev.multi-tenant.amd64": ("dev.multi-tenant.amd64", "BUILD_VARIANT=development"),
    "docker.run.multi-tenant": ("run.multi-tenant", "BUILD_VARIANT=development"),
    "docker.run.amd64": ("run", "VARIANT=cpu", "ARCH=amd64", "BUILD_VARIANT=development"),
    "docker.run.arm64": ("run", "VARIANT=cpu", "ARCH=arm64", "BUILD_VARIANT=development"),
    "docker.list": ("list-images",),
    "docker.clean": ("clean",),
}
# what each of those targets did in BodhiApp's devops/Makefile: (variant, platform or None, mode) built,
# or the image run
EXPECTED = {
    "docker.dev.cpu": ("build", "cpu", None, "development"),
    "docker.dev.cpu.amd64": ("build", "cpu", "linux/amd64", "development"),
    "docker.dev.cpu.arm64": ("build", "cpu", "linux/arm64", "development"),
    "docker.dev.cuda": ("build", "cuda", None, "development"),
    "docker.dev.multi-tenant": ("build", "multi-tenant", None, "development"),
    "docker.dev.multi-tenant.amd64": ("build", "multi-tenant", "linux/amd64", "development"),
    "docker.run.multi-tenant": ("run", "multi-tenant", None, "development"),
    "docker.run.amd64": ("run", "cpu", None, "development"),
    "docker.run.arm64": ("run", "cpu", None, "development"),
}


@pytest.fixture(scope="module")
def makefile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """devops/Makefile rendered afresh from the embedded default."""
    return generated(None, tmp_path_factory.mktemp("makefile"))


@pytest.mark.parametrize("call", sorted(UPSTREAM_CALLS))
def test_every_call_of_bodhiapps_root_makefile_works(makefile: Path, call: str) -> None:
    args = UPSTREAM_CALLS[call]
    out = make("-n", "-f", str(makefile), *args, "BODHI_GEN=bodhi-gen", "DATA_DIR=/nonexistent").replace("\\\n", " ")
    if call not in EXPECTED:
        assert "image" in out
        return
    kind, variant, platform, mode = EXPECTED[call]
    if kind == "build":
        line = next(line for line in out.splitlines() if f"--variant {variant} " in line)
        assert f"--mode {mode} " in line
        assert re.search(r"--platform (\S+)", line) is None if platform is None else f"--platform {platform}" in line
    else:
        line = next(line for line in out.splitlines() if " run --rm" in line)
        assert line.split()[-1] == f"bodhiapp:local-{variant}-{mode}"
        port = "1135" if variant == "multi-tenant" else "8080"
        assert f"-p {port}:{port}" in line


def test_prod_aliases_and_mode_variables(makefile: Path) -> None:
    out = make("-n", "-f", str(makefile), "prod.cpu.arm64", "BODHI_GEN=bodhi-gen")
    assert "--mode production" in out
    assert "--platform linux/arm64" in out
    # BUILD_VARIANT (the BodhiApp makefiles' name) picks the mode; MODE wins over it
    assert "--mode production" in make("-n", "-f", str(makefile), "build.cuda", "BUILD_VARIANT=production")
    out = make("-n", "-f", str(makefile), "build.cuda", "BUILD_VARIANT=production", "MODE=development")
    assert "--mode development" in out
    assert "--platform linux/arm64" in make("-n", "-f", str(makefile), "build.cpu", "PLATFORM=linux/arm64")
