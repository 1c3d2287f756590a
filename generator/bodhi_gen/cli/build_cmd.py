"""Thin click wrapper of ``commands.build``."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import click

from bodhi_gen.cli.image_options import (
    PLATFORM,
    WRITABLE_FILE,
    build_input_options,
    report_options,
    take_build_inputs,
    take_selection,
    unit_options,
)
from bodhi_gen.cli.options import config_option
from bodhi_gen.commands import build as command


@click.command()
@config_option
@unit_options
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
    help="Write a JSON record of the digest (image, variant, mode, platform) for `publish --digests-dir`; "
    "given an existing folder, the file inside it is named <variant>-<mode>-<arch>.json.",
)
@click.option(
    "--metadata-file", type=WRITABLE_FILE, default=None, metavar="FILE", help="Keep buildx's metadata file here."
)
@report_options
@click.option("--dry-run", is_flag=True, help="Print what would be built (as JSON); build nothing.")
def build(**options: Any) -> None:
    """Build one (variant, mode, platform) with buildx and report its digest.

    Tags, labels, build args and the registry cache (--cache-from/--cache-to) come from the
    plan. Build progress goes to stderr; the result to stdout. Exit codes: 0 built, 2 invalid
    option or config, 3 docker/buildx/registry error.
    """
    selection = take_selection(options)
    inputs = take_build_inputs(options)
    settings = command.BuildSettings(selection=selection, inputs=inputs, env=os.environ, **options)
    raise SystemExit(command.run(settings))
