"""``bodhi-gen build``: one build unit with buildx — load it for a smoke test, or push it (by digest).

``--binary`` builds the app binary of a (mode, platform); ``--variant`` builds a variant image,
which copies its binary from ``--binary-image``, ``--binary-digests`` or a binary built first into
a scratch OCI layout folder (``bodhi_gen.build.binary``).
"""

from __future__ import annotations

import json
import sys
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from bodhi_gen.build.binary import binary_for, build_binary
from bodhi_gen.build.report import result_json, result_text, step_outputs, summary_row
from bodhi_gen.build.steps import BuildInputs, build_request, build_unit, digest_path, token_secrets, write_digest
from bodhi_gen.docker.build import BuildOutcome, BuildRequest, OutputMode
from bodhi_gen.docker.client import buildx_client
from bodhi_gen.errors import UsageError
from bodhi_gen.gha import append_outputs, append_summary
from bodhi_gen.plan.selection import resolve_binary, resolve_target
from bodhi_gen.plan.units import AnyUnit, SecretSpec

if TYPE_CHECKING:
    from python_on_whales import DockerClient

    from bodhi_gen.plan.selection import UnitSelection


@dataclass(frozen=True)
class BuildSettings:
    selection: UnitSelection
    inputs: BuildInputs = field(default_factory=BuildInputs)
    output: OutputMode = "load"
    # build the app binary of (mode, platform) instead of a variant
    binary: bool = False
    # replaces the plan's tags (e.g. a local name); the labels and build args stay the plan's
    tags: tuple[str, ...] = ()
    # write an OCI image layout into this folder instead (output "oci"): a binary for --binary-layouts
    layout_dir: Path | None = None
    digest_file: Path | None = None
    metadata_file: Path | None = None
    json_output: bool = False
    github_output: Path | None = None
    summary_file: Path | None = None
    dry_run: bool = False
    env: Mapping[str, str] = field(default_factory=dict)


def _report(settings: BuildSettings, unit: AnyUnit, request: BuildRequest, outcome: BuildOutcome, out: TextIO) -> None:
    digest_file = digest_path(settings.digest_file, unit)
    if digest_file is not None:
        write_digest(digest_file, unit, outcome.digest)
    if settings.github_output is not None:
        append_outputs(settings.github_output, step_outputs(unit, request, outcome, digest_file))
    if settings.summary_file is not None:
        append_summary(settings.summary_file, [summary_row(unit, request, outcome)])
    if settings.json_output:
        out.write(json.dumps(result_json(unit, request, outcome), indent=2) + "\n")
    else:
        out.write(result_text(unit, request, outcome))


def _check(settings: BuildSettings) -> None:
    selection, inputs = settings.selection, settings.inputs
    if settings.binary and selection.variant is not None:
        msg = "--binary builds the app binary of a mode and platform: give no --variant"
        raise UsageError(msg)
    if settings.binary and (inputs.binary_image or inputs.binary_digests or inputs.binary_layouts):
        msg = "--binary-image, --binary-digests and --binary-layouts are for variant builds, not --binary"
        raise UsageError(msg)
    if not settings.binary and selection.variant is None:
        msg = "give --variant (a variant image) or --binary (the app binary)"
        raise UsageError(msg)


def run(
    settings: BuildSettings,
    out: TextIO = sys.stdout,
    err: TextIO = sys.stderr,
    client_factory: Callable[[], DockerClient] = buildx_client,
) -> int:
    _check(settings)
    # the binary built first (no --binary-image/--binary-digests) lives here until the variant is built
    with tempfile.TemporaryDirectory(prefix="bodhi-gen-binary-") as scratch:
        inputs = settings.inputs
        unit: AnyUnit
        clients: list[DockerClient] = []  # the one client, once a build needs it
        if settings.binary:
            unit = resolve_binary(settings.selection).binary
            secrets: tuple[SecretSpec, ...] = ()
        else:
            target = resolve_target(settings.selection)
            unit = target.unit
            secrets = token_secrets(inputs, unit, settings.env)
            binary = target.plan.binary_of(unit)

            def build_here() -> Path:
                if settings.dry_run:
                    return Path(binary.key)  # what a real run would read: the binary's folder, named by its key
                clients.append(client_factory())
                return build_binary(clients[0], inputs, binary, Path(scratch), err, build_unit)

            inputs = binary_for(inputs, binary, build_here)
        request = build_request(inputs, unit, settings.output, secrets, settings.tags)
        if settings.layout_dir is not None:
            request = replace(request, output="oci", oci_dir=settings.layout_dir)
        if settings.dry_run:
            if settings.github_output is not None:
                digest_file = digest_path(settings.digest_file, unit)
                append_outputs(settings.github_output, step_outputs(unit, request, None, digest_file))
            out.write(json.dumps(result_json(unit, request, None), indent=2) + "\n")
            return 0
        outcome = build_unit(clients[0] if clients else client_factory(), request, settings.metadata_file, err)
        _report(settings, unit, request, outcome, out)
        return 0
