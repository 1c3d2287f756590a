"""The image commands people run one at a time: build, smoke, publish (``action`` runs them all)."""

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
    smoke_input_options,
    take_build_inputs,
    take_selection,
    take_smoke_inputs,
    unit_options,
)
from bodhi_gen.cli.options import config_option
from bodhi_gen.commands.build import BuildSettings
from bodhi_gen.commands.build import run as run_build
from bodhi_gen.commands.publish import PublishSettings
from bodhi_gen.commands.publish import run as run_publish
from bodhi_gen.commands.smoke import SmokeSettings
from bodhi_gen.commands.smoke import run as run_smoke
from bodhi_gen.names import split_csv


@click.command()
@config_option
@unit_options
@click.option(
    "--digests-dir",
    type=click.Path(path_type=Path, file_okay=False),
    required=True,
    metavar="DIR",
    help="Folder holding the digest files of the builds (`build --digest-file`), searched recursively.",
)
@click.option(
    "--platforms",
    default="",
    metavar="a,b",
    help="Comma-separated platforms to merge. [default: every platform of the variant]",
)
@report_options
@click.option("--dry-run", is_flag=True, help="Check the digest files and print the merge (as JSON); push nothing.")
def publish(**options: Any) -> None:
    """Merge per-platform digests into the unit's multi-platform tags, then verify the index.

    Runs `docker buildx imagetools create` with one source per platform, reads the index back
    under every tag and fails unless each expected platform is listed. latest-* moves only
    forward: when it names a newer version (its image's org.opencontainers.image.version),
    a back-port publishes its version tag only and says so. Step outputs: digest (of the
    index), image, tags (those published), platforms, latest-held (latest tags left where
    they were), sizes (JSON: each platform image's size against the latest tag's). Before any
    tag moves, each platform image is compared with the one the latest tag holds: grown past the
    variant's limit (size_limits.growth_percent, or its max_growth_percent), nothing is published.
    Exit codes: 0 published, 2 invalid option, config or missing digest file, 3 docker/registry
    error or an incomplete index, 8 an image grew past its size limit.
    """
    selection = take_selection(options)
    platforms = split_csv(options.pop("platforms"))
    raise SystemExit(run_publish(PublishSettings(selection=selection, platforms=platforms, **options)))


@click.command()
@config_option
@unit_options
@PLATFORM()
@click.option(
    "--image-ref",
    default=None,
    metavar="REF",
    help="Image to run (a tag or name@digest). [default: the unit's version tag, as `build --load` tags it]",
)
@smoke_input_options
@click.option(
    "--report-file",
    type=WRITABLE_FILE,
    default=None,
    metavar="FILE",
    help="Write the JSON report (checks, timings, logs of a failed container) to FILE.",
)
@report_options
def smoke(**options: Any) -> None:
    """Run a built image and check it the way users will run it.

    Starts it with --init, a fresh test BODHI_ENCRYPTION_KEY, a published port and the ulimits
    the plan requires; waits for its health check; then checks /ping, that /bodhi/v1/info
    reports the version, that the process is not root, and that /app/defaults.yaml carries the
    variant's settings. GPU variants get the variant's device flags and GPU probe when this host
    has such a GPU; otherwise the GPU check is skipped (and says so) unless --require-gpu.
    Where --gpus fails for want of the NVIDIA container toolkit, the run is retried with
    --device for each /dev/nvidia* node and /usr/local/nvidia mounted read-only; the report
    says which way the GPU was handed over.
    On failure the container's logs are printed. The container is always removed.
    Exit codes: 0 passed, 2 invalid option or config, 3 docker error, 4 smoke test failed.
    """
    selection = take_selection(options)
    inputs = take_smoke_inputs(options)
    raise SystemExit(run_smoke(SmokeSettings(selection=selection, inputs=inputs, env=os.environ, **options)))


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
    raise SystemExit(run_build(BuildSettings(selection=selection, inputs=inputs, env=os.environ, **options)))
