"""Thin click wrapper of ``smoke``."""

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
from bodhi_gen.commands.smoke import CONTAINER_PORT, SmokeSettings
from bodhi_gen.commands.smoke import smoke as run_smoke
from bodhi_gen.commands.target import UnitSelection


@click.command()
@config_option
@unit_options
@platform_option
@click.option(
    "--image-ref",
    default=None,
    metavar="REF",
    help="Image to run (a tag or name@digest). [default: the unit's version tag, as `build --load` tags it]",
)
@click.option(
    "--timeout",
    "timeout_s",
    type=click.FloatRange(min=1),
    default=120.0,
    show_default=True,
    metavar="SECONDS",
    help="Longest wait for the container to report healthy.",
)
@click.option(
    "--health-interval",
    "health_interval_s",
    type=click.IntRange(min=1),
    default=2,
    show_default=True,
    metavar="SECONDS",
    help="Run the image's own HEALTHCHECK this often during the test (its command is kept).",
)
@click.option(
    "--port",
    "container_port",
    type=click.IntRange(1, 65535),
    default=CONTAINER_PORT,
    show_default=True,
    help="Container port BodhiApp listens on; published on 127.0.0.1 at a free port.",
)
@click.option(
    "--require-gpu",
    is_flag=True,
    help="For a GPU variant: fail when this host has no GPU of its kind, instead of skipping the GPU check.",
)
@click.option(
    "--report-file",
    type=WRITABLE_FILE,
    default=None,
    metavar="FILE",
    help="Write the JSON report (checks, timings, logs of a failed container) to FILE.",
)
@json_option
@github_output_option
@summary_file_option
def smoke(
    config_path: Path | None,
    variant: str,
    mode: str | None,
    version: str,
    image: str | None,
    platform: str | None,
    image_ref: str | None,
    timeout_s: float,
    health_interval_s: int,
    container_port: int,
    require_gpu: bool,
    report_file: Path | None,
    json_output: bool,
    github_output: Path | None,
    summary_file: Path | None,
) -> None:
    """Run a built image and check it the way users will run it.

    Starts it with --init, a fresh test BODHI_ENCRYPTION_KEY, a published port and the ulimits
    the plan requires; waits for its health check; then checks /ping, that /bodhi/v1/info
    reports the version, that the process is not root, and that /app/defaults.yaml carries the
    variant's settings. GPU variants get the variant's device flags and GPU probe when this host
    has such a GPU; otherwise the GPU check is skipped (and says so) unless --require-gpu.
    On failure the container's logs are printed. The container is always removed.
    Exit codes: 0 passed, 2 invalid option or config, 3 docker error, 4 smoke test failed.
    """
    selection = UnitSelection(
        config_path=config_path, variant=variant, version=version, mode=mode, platform=platform, image=image
    )
    settings = SmokeSettings(
        selection=selection,
        image_ref=image_ref,
        timeout_s=timeout_s,
        health_interval_s=health_interval_s,
        container_port=container_port,
        require_gpu=require_gpu,
        report_file=report_file,
        summary_file=summary_file,
        github_output=github_output,
        json_output=json_output,
        env=os.environ,
    )
    raise SystemExit(run_smoke(settings))
