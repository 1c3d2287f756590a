"""The steps of one build, shared by ``build`` and ``action``: inputs, request, run, digest record."""

from __future__ import annotations

import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from bodhi_gen.digests import DigestRecord, write_record
from bodhi_gen.docker.build import BuildOutcome, BuildRequest, OutputMode, run_build
from bodhi_gen.docker.imagetools import resolve_base
from bodhi_gen.errors import UsageError
from bodhi_gen.plan.contract import (
    BASE_SLOTS,
    CPU_BASE,
    DOWNLOAD_SECRET_ID,
    RUNTIME_BASE,
    base_labels,
    slot_arg,
)
from bodhi_gen.plan.units import AnyUnit, BuildUnit, SecretSpec

if TYPE_CHECKING:
    from python_on_whales import DockerClient


@dataclass(frozen=True)
class BuildInputs:
    """How to build a unit, beyond what the plan says: the same for ``build`` and ``action``."""

    context: Path = Path()
    dockerfile: Path | None = None  # None: the plan's, below ``root``
    build_args: tuple[tuple[str, str], ...] = ()
    download_token_env: str | None = None
    network: str | None = None
    # the app binary image variant builds copy: named, or from binary builds' digest records
    binary_image: str | None = None
    binary_digests: Path | None = None
    # or a folder of binaries' OCI layouts, <binary key>/ each (a pull request's: nothing is pushed)
    binary_layouts: Path | None = None
    # named build contexts: name -> an OCI image layout folder (the binary built here, say)
    contexts: tuple[tuple[str, Path], ...] = ()
    root: Path = Path()  # the project root, where the generated Dockerfiles are


def token_secrets(inputs: BuildInputs, unit: BuildUnit, env: Mapping[str, str]) -> tuple[SecretSpec, ...]:
    """The download token as a BuildKit secret; a unit that downloads llama-server cannot build without it.

    Checked before anything is built: without the token the Dockerfile's secret mount fails deep in BuildKit.
    """
    name = inputs.download_token_env
    if name and env.get(name):
        return (SecretSpec(DOWNLOAD_SECRET_ID, name),)
    if unit.llama_source != "download":
        return ()
    where = f"variant {unit.variant!r} downloads llama-server for {unit.platform}, which needs the download token"
    if not name:
        msg = f"{where}: pass --download-token-env NAME, the environment variable that holds it"
    else:
        msg = (
            f"{where}, but ${name} is empty. In the generated workflows it comes from the repository secret "
            f"{unit.download_secret} (the action's download-token input); locally, export it first"
        )
    raise UsageError(msg)


def build_request(
    inputs: BuildInputs,
    unit: AnyUnit,
    output: OutputMode,
    secrets: tuple[SecretSpec, ...] = (),
    tags: tuple[str, ...] = (),
) -> BuildRequest:
    dockerfile = inputs.dockerfile or inputs.root / unit.dockerfile
    if not dockerfile.is_file():
        msg = f"Dockerfile {dockerfile} not found (generate it with `bodhi-gen workflows`, or pass --dockerfile)"
        raise UsageError(msg)
    if not inputs.context.is_dir():
        msg = f"build context {inputs.context} is not a folder"
        raise UsageError(msg)
    if tags and output == "push-by-digest":
        msg = "--tag cannot be combined with --push-by-digest, which pushes untagged"
        raise UsageError(msg)
    build_args = {**unit.build_args, **dict(inputs.build_args)}
    labels = dict(unit.labels)
    if isinstance(unit, BuildUnit):
        # each base as configured, or as a --build-arg replaces it: what the build starts from
        for slot, configured in ((RUNTIME_BASE, unit.base_image), (CPU_BASE, unit.cpu_base_image)):
            if configured:
                labels[slot.name_label] = build_args.get(slot_arg(slot, build_args)) or configured
    return BuildRequest(
        context=inputs.context,
        dockerfile=dockerfile,
        platform=unit.platform,
        output=output,
        image=unit.image,
        tags=tags or unit.tags,
        labels=labels,
        build_args=build_args,
        cache_from=unit.cache_from,
        cache_to=unit.cache_to,
        secrets=secrets,
        network=inputs.network,
        image_key=unit.key,
        contexts=dict(inputs.contexts),
    )


def pin_base(client: DockerClient, request: BuildRequest, err: TextIO) -> BuildRequest:
    """The request with each of its bases pinned by digest for its platform, and those digests in its labels.

    The build then starts from ``<base>@<digest>``, so a recorded digest is the one built on: the runtime
    base, and for a GPU variant the cpu base its cpu llama-server comes from. A base in no registry (a
    local image) keeps its name; its image id is recorded, and the log says so.
    """
    for slot in BASE_SLOTS:
        name = request.labels.get(slot.name_label)
        if not name or slot.digest_label in request.labels:
            continue
        base = resolve_base(client, name, request.platform)
        if base.local:
            err.write(
                f"bodhi-gen: {slot.role} {name} is in no registry: recording the engine's image id {base.digest}\n"
            )
        else:
            err.write(f"bodhi-gen: {slot.role} {name} for {request.platform} is {base.digest}\n")
        request = replace(
            request,
            build_args={**request.build_args, slot_arg(slot, request.build_args): base.pinned},
            labels={**request.labels, **base_labels(name, base.digest, slot)},
        )
    return request


def build_unit(client: DockerClient, request: BuildRequest, metadata_file: Path | None, err: TextIO) -> BuildOutcome:
    """Pin the base, then run the build with its progress on ``err``; buildx's metadata file kept only when asked."""

    def log(line: str) -> None:
        err.write(line + "\n")

    request = pin_base(client, request, err)
    with tempfile.TemporaryDirectory(prefix="bodhi-build-") as scratch:
        return run_build(client, request, metadata_file or Path(scratch) / "metadata.json", log)


def digest_path(requested: Path | None, unit: AnyUnit) -> Path | None:
    """``--digest-file``: a file, or an existing folder that gets ``<variant>-<mode>-<arch>.json``."""
    if requested is not None and requested.is_dir():
        return requested / f"{unit.key}.json"
    return requested


def write_digest(path: Path, unit: AnyUnit, digest: str) -> None:
    write_record(path, DigestRecord(unit.image, unit.variant, unit.mode, unit.platform, digest))
