"""Thin click wrapper of ``build``."""

from __future__ import annotations

import os
from pathlib import Path

import click

from bodhi_gen.cli.image_options import (
    WRITABLE_FILE,
    github_output_option,
    json_option,
    platform_option,
    summary_file_option,
    unit_options,
)
from bodhi_gen.cli.options import config_option
from bodhi_gen.commands.build import BuildSettings, parse_build_arg
from bodhi_gen.commands.build import build as run_build
from bodhi_gen.commands.target import UnitSelection
from bodhi_gen.docker.build import OutputMode


@click.command()
@config_option
@unit_options
@platform_option
@click.option(
    "--load",
    "output",
    flag_value="load",
    default=True,
    help="Load the image into the local engine under the unit's tags, to smoke-test it. [default]",
)
@click.option("--push", "output", flag_value="push", help="Push the image under the unit's tags.")
@click.option(
    "--push-by-digest",
    "output",
    flag_value="push-by-digest",
    help="Push the image untagged; `publish` later names the per-platform digests under the tags.",
)
@click.option(
    "--context",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path(),
    show_default="current directory",
    help="Build context: the BodhiApp checkout.",
)
@click.option(
    "--dockerfile",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Dockerfile to build. [default: the plan's, dockerfiles/<variant>.Dockerfile]",
)
@click.option(
    "--build-arg",
    "build_args",
    multiple=True,
    metavar="KEY=VALUE",
    help="Set or override a build argument (repeatable), e.g. BASE_IMAGE=... for a local stand-in.",
)
@click.option(
    "--tag",
    "tags",
    multiple=True,
    metavar="REF",
    help="Tag the image REF instead of the plan's tags (repeatable), e.g. bodhiapp:local-cpu-development "
    "for a local build; labels and build args stay the plan's. Not with --push-by-digest.",
)
@click.option("--commit", default=None, help="Commit SHA to inject. [default: git rev-parse HEAD of --context]")
@click.option(
    "--created",
    default=None,
    metavar="TIMESTAMP",
    help="Creation time for the labels. [default: the commit's time from git, for reproducible labels]",
)
@click.option(
    "--cache",
    type=click.Choice(["registry", "gha", "none"]),
    default=None,
    help="Build cache backend instead of the config's (registry: <image>-cache, mode=max).",
)
@click.option(
    "--download-token-env",
    default=None,
    metavar="NAME",
    help="Environment variable holding the llama-server download token; "
    "it reaches the build only as a BuildKit secret.",
)
@click.option(
    "--network",
    default=None,
    help="Network for RUN steps (e.g. host, to reach a server on this machine).",
)
@click.option(
    "--digest-file",
    type=click.Path(path_type=Path),
    default=None,
    metavar="FILE",
    help="Write a JSON record of the digest (image, variant, mode, platform) for `publish --digests-dir`; "
    "given an existing folder, the file inside it is named <variant>-<mode>-<arch>.json.",
)
@click.option(
    "--metadata-file", type=WRITABLE_FILE, default=None, metavar="FILE", help="Keep buildx's metadata file here."
)
@json_option
@github_output_option
@summary_file_option
@click.option("--dry-run", is_flag=True, help="Print what would be built (as JSON); build nothing.")
def build(
    config_path: Path | None,
    variant: str,
    mode: str | None,
    version: str,
    image: str | None,
    platform: str | None,
    output: OutputMode,
    context: Path,
    dockerfile: Path | None,
    build_args: tuple[str, ...],
    tags: tuple[str, ...],
    commit: str | None,
    created: str | None,
    cache: str | None,
    download_token_env: str | None,
    network: str | None,
    digest_file: Path | None,
    metadata_file: Path | None,
    json_output: bool,
    github_output: Path | None,
    summary_file: Path | None,
    dry_run: bool,
) -> None:
    """Build one (variant, mode, platform) with buildx and report its digest.

    Tags, labels, build args and the registry cache (--cache-from/--cache-to) come from the
    plan. Build progress goes to stderr; the result to stdout. Exit codes: 0 built, 2 invalid
    option or config, 3 docker/buildx/registry error.
    """
    selection = UnitSelection(
        config_path=config_path,
        variant=variant,
        version=version,
        mode=mode,
        platform=platform,
        image=image,
        cache=cache,
        commit=commit,
        created=created,
        source_dir=context,
    )
    settings = BuildSettings(
        selection=selection,
        output=output,
        context=context,
        dockerfile=dockerfile,
        build_args=tuple(parse_build_arg(raw) for raw in build_args),
        tags=tags,
        download_token_env=download_token_env,
        network=network,
        digest_file=digest_file,
        metadata_file=metadata_file,
        json_output=json_output,
        github_output=github_output,
        summary_file=summary_file,
        dry_run=dry_run,
        env=os.environ,
    )
    raise SystemExit(run_build(settings))
