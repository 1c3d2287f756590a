"""The app binary image a variant build copies (its APP_BINARY_IMAGE), for ``build`` and ``action``.

Named (``--binary-image``), taken from the digest records of binary builds (``--binary-digests``),
or, with neither, built here once and loaded under the binary unit's local tag, so that every
variant built after it reuses it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from bodhi_gen.commands.build_report import result_text
from bodhi_gen.commands.build_steps import BuildInputs, build_request, build_unit
from bodhi_gen.digests import read_records, select_digests
from bodhi_gen.docker.build import BuildOutcome, BuildRequest
from bodhi_gen.errors import UsageError
from bodhi_gen.plan.units import BinaryUnit

if TYPE_CHECKING:
    from python_on_whales import DockerClient

BINARY_IMAGE_ARG = "APP_BINARY_IMAGE"


def recorded_binary(inputs: BuildInputs, binary: BinaryUnit) -> str | None:
    """The binary image the caller names, directly or by a digest record; None when neither is given."""
    if inputs.binary_image and inputs.binary_digests is not None:
        msg = "--binary-image and --binary-digests name the same thing: give one"
        raise UsageError(msg)
    if inputs.binary_image:
        return inputs.binary_image
    if inputs.binary_digests is None:
        return None
    records = read_records(inputs.binary_digests)
    chosen = select_digests(records, binary.image, binary.variant, binary.mode, (binary.platform,))
    return chosen[binary.platform].source


def binary_inputs(inputs: BuildInputs, binary: BinaryUnit) -> BuildInputs:
    """A variant's inputs for its binary: binary.Dockerfile beside the variant's, no download token."""
    name = Path(binary.dockerfile).name
    dockerfile = inputs.dockerfile.parent / name if inputs.dockerfile is not None else Path(binary.dockerfile)
    return replace(inputs, dockerfile=dockerfile, download_token_env=None)


Builder = Callable[["DockerClient", BuildRequest, Path | None, TextIO], BuildOutcome]


def build_binary(
    client: DockerClient, inputs: BuildInputs, binary: BinaryUnit, err: TextIO, builder: Builder = build_unit
) -> str:
    """Build the binary unit and load it under its local tag; that tag is the variants' APP_BINARY_IMAGE."""
    err.write(f"bodhi-gen: building the app binary {binary.key} first (every variant reuses it)\n")
    request = build_request(binary_inputs(inputs, binary), binary, "load")
    outcome = builder(client, request, None, err)
    err.write(result_text(binary, request, outcome))
    return binary.local_tag


def with_binary(inputs: BuildInputs, ref: str) -> BuildInputs:
    """The inputs with APP_BINARY_IMAGE set to ``ref`` (the plan's choice beats a --build-arg)."""
    args = tuple(pair for pair in inputs.build_args if pair[0] != BINARY_IMAGE_ARG)
    return replace(inputs, build_args=(*args, (BINARY_IMAGE_ARG, ref)))
