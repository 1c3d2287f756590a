"""The app binary a variant build copies, for ``build`` and ``action``: ``binary_for`` decides it.

A variant Dockerfile takes the binary from its ``app-binary`` stage, ``FROM ${APP_BINARY_IMAGE}``.
That image is named (``--binary-image``), taken from the digest records of binary builds
(``--binary-digests``): both registry references by digest. With neither, the binary unit is
built here first, written as an OCI image layout into a scratch folder, and every variant of that
(mode, platform) reads it as the named build context ``app-binary``. A named context works on
every buildx driver, ``docker-container`` included, which cannot see the engine's loaded images
(a local tag would work with the ``docker`` driver only). The docker driver needs the containerd
image store to export an OCI layout.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from bodhi_gen.build.report import result_text
from bodhi_gen.build.steps import BuildInputs, build_request, build_unit
from bodhi_gen.digests import read_records, select_digests
from bodhi_gen.docker.build import BuildOutcome, BuildRequest
from bodhi_gen.errors import UsageError
from bodhi_gen.plan.units import BinaryUnit

if TYPE_CHECKING:
    from python_on_whales import DockerClient

BINARY_IMAGE_ARG = "APP_BINARY_IMAGE"
# The variant Dockerfiles' stage holding the binary (workflow_templates/dockerfiles/Dockerfile.j2).
# A named context of this name replaces what `FROM ${APP_BINARY_IMAGE}` would pull; the build arg
# still needs a value (BuildKit refuses a blank base name), so it names the context itself.
BINARY_CONTEXT = "app-binary"


def recorded_binary(inputs: BuildInputs, binary: BinaryUnit) -> str | None:
    """The binary image the caller names, directly or by a digest record; None when neither is given."""
    given = [inputs.binary_image, inputs.binary_digests, inputs.binary_layouts]
    if sum(value is not None and value != "" for value in given) > 1:
        msg = "--binary-image, --binary-digests and --binary-layouts name the same thing: give one"
        raise UsageError(msg)
    if inputs.binary_image:
        return inputs.binary_image
    if inputs.binary_digests is None:
        return None
    records = read_records(inputs.binary_digests)
    chosen = select_digests(records, binary.image, binary.variant, binary.mode, (binary.platform,))
    return chosen[binary.platform].source


def layout_binary(inputs: BuildInputs, binary: BinaryUnit) -> Path | None:
    """The binary's OCI layout in ``--binary-layouts`` (``<key>/``, as ``build --binary --layout-dir`` wrote it)."""
    if inputs.binary_layouts is None:
        return None
    layout = inputs.binary_layouts / binary.key
    if not (layout / "index.json").is_file():
        msg = (
            f"no OCI layout of the app binary {binary.key} in {inputs.binary_layouts} (expected {layout}/index.json, "
            "as `bodhi-gen build --binary --layout-dir` writes it)"
        )
        raise UsageError(msg)
    return layout


def binary_inputs(inputs: BuildInputs, binary: BinaryUnit) -> BuildInputs:
    """A variant's inputs for its binary: binary.Dockerfile beside the variant's, no download token."""
    name = Path(binary.dockerfile).name
    dockerfile = inputs.dockerfile.parent / name if inputs.dockerfile is not None else inputs.root / binary.dockerfile
    return replace(inputs, dockerfile=dockerfile, download_token_env=None, contexts=())


Builder = Callable[["DockerClient", BuildRequest, Path | None, TextIO], BuildOutcome]


def binary_request(inputs: BuildInputs, binary: BinaryUnit, layout: Path) -> BuildRequest:
    """The binary unit's build, written as an OCI image layout into the folder ``layout``."""
    return replace(build_request(binary_inputs(inputs, binary), binary, "oci"), oci_dir=layout)


def build_binary(
    client: DockerClient,
    inputs: BuildInputs,
    binary: BinaryUnit,
    scratch: Path,
    err: TextIO,
    builder: Builder = build_unit,
) -> Path:
    """Build the binary unit into an OCI layout folder under ``scratch``; returns that folder."""
    err.write(f"bodhi-gen: building the app binary {binary.key} first (every variant reuses it)\n")
    layout = scratch / binary.key
    request = binary_request(inputs, binary, layout)
    outcome = builder(client, request, None, err)
    err.write(result_text(binary, request, outcome))
    return layout


def binary_for(inputs: BuildInputs, binary: BinaryUnit, build_here: Callable[[], Path]) -> BuildInputs:
    """A variant's inputs with the app binary it copies: the image named (``--binary-image``) or recorded
    (``--binary-digests``), its OCI layout given (``--binary-layouts``), else the OCI layout folder
    ``build_here`` returns (the binary built first)."""
    ref = recorded_binary(inputs, binary)
    if ref is not None:
        return with_binary(inputs, ref)
    return with_binary_layout(inputs, layout_binary(inputs, binary) or build_here())


def with_binary(inputs: BuildInputs, ref: str) -> BuildInputs:
    """The inputs with APP_BINARY_IMAGE set to ``ref`` (the plan's choice beats a --build-arg)."""
    args = tuple(pair for pair in inputs.build_args if pair[0] != BINARY_IMAGE_ARG)
    return replace(inputs, build_args=(*args, (BINARY_IMAGE_ARG, ref)))


def with_binary_layout(inputs: BuildInputs, layout: Path) -> BuildInputs:
    """The inputs with the binary taken from the OCI layout folder ``layout`` (a named context)."""
    contexts = tuple(pair for pair in inputs.contexts if pair[0] != BINARY_CONTEXT)
    return replace(with_binary(inputs, BINARY_CONTEXT), contexts=(*contexts, (BINARY_CONTEXT, layout)))
