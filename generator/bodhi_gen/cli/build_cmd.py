"""Thin click wrapper of ``commands.build``."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import click

from bodhi_gen.cli.image_options import (
    BINARY_DIGESTS,
    BINARY_IMAGE,
    BINARY_LAYOUTS,
    IMAGE,
    MODE,
    PLATFORM,
    VARIANT,
    VERSION,
    WRITABLE_FILE,
    build_input_options,
    report_options,
    take_build_inputs,
    take_selection,
)
from bodhi_gen.cli.options import config_option
from bodhi_gen.commands import build as command


@click.command()
@config_option
@VARIANT(required=False, help="Variant to build, one of the config's variants (or --binary).")
@click.option(
    "--binary",
    is_flag=True,
    help="Build the app binary of --mode and --platform (dockerfiles/binary.Dockerfile), which every "
    "variant copies, instead of a variant.",
)
@MODE()
@VERSION()
@IMAGE()
@PLATFORM()
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
@build_input_options
@BINARY_IMAGE()
@BINARY_DIGESTS()
@BINARY_LAYOUTS()
@click.option(
    "--layout-dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    metavar="DIR",
    help="Write the image as an OCI image layout into the folder DIR instead of loading or pushing it "
    "(with --binary: for --binary-layouts of builds that push nothing).",
)
@click.option(
    "--tag",
    "tags",
    multiple=True,
    metavar="REF",
    help="Tag the image REF instead of the plan's tags (repeatable), e.g. bodhiapp:local-cpu-development "
    "for a local build; labels and build args stay the plan's. Not with --push-by-digest.",
)
@click.option(
    "--digest-file",
    type=click.Path(path_type=Path),
    default=None,
    metavar="FILE",
    help="Write a JSON record of the digest (image, variant, mode, platform) for `publish --digests-dir` "
    "(or, of a binary, for --binary-digests); given an existing folder, the file inside it is named "
    "<variant>-<mode>-<arch>.json (binary-<mode>-<arch>.json).",
)
@click.option(
    "--metadata-file", type=WRITABLE_FILE, default=None, metavar="FILE", help="Keep buildx's metadata file here."
)
@report_options
@click.option("--dry-run", is_flag=True, help="Print what would be built (as JSON); build nothing.")
def build(**options: Any) -> None:
    """Build one (variant, mode, platform), or with --binary one app binary, and report its digest.

    A variant copies the app binary of its mode and platform: --binary-image, the record in
    --binary-digests, or, with neither, the binary built first and loaded under
    <image>:binary-<mode>-<arch> (a second variant's binary build is a cache hit). Tags, labels,
    build args and the registry cache (--cache-from/--cache-to) come from the plan. Build
    progress goes to stderr; the result to stdout. Exit codes: 0 built, 2 invalid option or
    config, 3 docker/buildx/registry error.
    """
    selection = take_selection(options)
    inputs = take_build_inputs(options)
    settings = command.BuildSettings(selection=selection, inputs=inputs, env=os.environ, **options)
    raise SystemExit(command.run(settings))
