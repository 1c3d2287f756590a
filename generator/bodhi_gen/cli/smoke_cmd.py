"""Thin click wrapper of ``commands.smoke``."""

from __future__ import annotations

import os
from typing import Any

import click

from bodhi_gen.cli.image_options import (
    PLATFORM,
    WRITABLE_FILE,
    report_options,
    smoke_input_options,
    take_selection,
    take_smoke_inputs,
    unit_options,
)
from bodhi_gen.cli.options import config_option
from bodhi_gen.commands import smoke as command


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
    settings = command.SmokeSettings(selection=selection, inputs=inputs, env=os.environ, **options)
    raise SystemExit(command.run(settings))
