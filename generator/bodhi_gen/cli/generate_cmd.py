"""Thin click wrappers of the generators."""

from __future__ import annotations

from pathlib import Path

import click

from bodhi_gen.cli.options import check_option, config_option, out_dir_option
from bodhi_gen.commands.generate import GenerateSettings, generate


@click.command()
@config_option
@out_dir_option
@check_option
def workflows(config_path: Path | None, out_dir: Path, check: bool) -> None:
    """Render the GitHub workflows into OUT/.github/workflows/.

    Writes the reusable build workflow (bodhi-images.yml, on: workflow_call) and the release
    caller (bodhi-release.yml: release tag pushes and workflow_dispatch). All files are
    rendered in memory first, then written together or not at all.
    """
    raise SystemExit(generate(GenerateSettings("workflows", config_path, out_dir, check)))


@click.command()
@config_option
@out_dir_option
@check_option
def dockerfiles(config_path: Path | None, out_dir: Path, check: bool) -> None:
    """Render one Dockerfile per variant into OUT/dockerfiles/<variant>.Dockerfile.

    Stages: deps (crates/ci_optims, committed Cargo.lock), ts-client (Node), app (BUILD_VARIANT
    picks the mode), runtime from the variant's base image, or with llama-server downloaded
    (token only as a BuildKit secret) where binary_download says so. Builder, Node and base
    images are build arguments defaulting to the real ones.
    """
    raise SystemExit(generate(GenerateSettings("dockerfiles", config_path, out_dir, check)))


@click.command()
@config_option
@out_dir_option
@check_option
def makefile(config_path: Path | None, out_dir: Path, check: bool) -> None:
    """Render OUT/devops/Makefile and the root include OUT/bodhi-docker.mk.

    devops/Makefile builds, smoke-tests and runs local images from the plan: build.<variant>
    (this host's platform) and build.<variant>.<arch>, build.all.cpu, build.all.gpu,
    smoke.<variant>, run and run.<variant>, list-images, clean, and help (the default goal).
    Local tags are LOCAL_IMAGE:local-<variant>[-<arch>]-<mode>. bodhi-docker.mk delegates
    docker.<target> to it with $(MAKE) -C devops; include it from the root Makefile.
    """
    raise SystemExit(generate(GenerateSettings("makefile", config_path, out_dir, check)))
