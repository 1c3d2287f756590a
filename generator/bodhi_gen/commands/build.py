"""``bodhi-gen build``: one build unit with buildx — load it for a smoke test, or push it (by digest)."""

from __future__ import annotations

import json
import sys
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from bodhi_gen.commands.build_report import result_json, result_text, step_outputs, summary_row
from bodhi_gen.digests import DigestRecord, write_record
from bodhi_gen.docker.build import BuildOutcome, BuildRequest, OutputMode, run_build
from bodhi_gen.docker.client import docker_client
from bodhi_gen.errors import UsageError
from bodhi_gen.gha import append_outputs, append_summary
from bodhi_gen.plan.contract import DOWNLOAD_SECRET_ID
from bodhi_gen.plan.selection import UnitSelection, resolve_target
from bodhi_gen.plan.units import BuildUnit, SecretSpec

if TYPE_CHECKING:
    from python_on_whales import DockerClient


@dataclass(frozen=True)
class BuildInputs:
    """How to build a unit, beyond what the plan says: the same for ``build`` and ``action``."""

    context: Path = Path()
    dockerfile: Path | None = None
    build_args: tuple[tuple[str, str], ...] = ()
    download_token_env: str | None = None
    network: str | None = None


@dataclass(frozen=True)
class BuildSettings:
    selection: UnitSelection
    inputs: BuildInputs = field(default_factory=BuildInputs)
    output: OutputMode = "load"
    # replaces the plan's tags (e.g. a local name); the labels and build args stay the plan's
    tags: tuple[str, ...] = ()
    digest_file: Path | None = None
    metadata_file: Path | None = None
    json_output: bool = False
    github_output: Path | None = None
    summary_file: Path | None = None
    dry_run: bool = False
    env: Mapping[str, str] = field(default_factory=dict)


def token_secrets(inputs: BuildInputs, unit: BuildUnit, env: Mapping[str, str], err: TextIO) -> tuple[SecretSpec, ...]:
    name = inputs.download_token_env
    if not name:
        return ()
    if env.get(name):
        return (SecretSpec(DOWNLOAD_SECRET_ID, name),)
    if unit.llama_source == "download":
        err.write(f"bodhi-gen: note: ${name} is empty, so llama-server is downloaded without a token\n")
    return ()


def build_request(
    inputs: BuildInputs,
    unit: BuildUnit,
    output: OutputMode,
    secrets: tuple[SecretSpec, ...] = (),
    tags: tuple[str, ...] = (),
) -> BuildRequest:
    dockerfile = inputs.dockerfile or Path(unit.dockerfile)
    if not dockerfile.is_file():
        msg = f"Dockerfile {dockerfile} not found (generate it with `bodhi-gen dockerfiles`, or pass --dockerfile)"
        raise UsageError(msg)
    if not inputs.context.is_dir():
        msg = f"build context {inputs.context} is not a folder"
        raise UsageError(msg)
    if tags and output == "push-by-digest":
        msg = "--tag cannot be combined with --push-by-digest, which pushes untagged"
        raise UsageError(msg)
    return BuildRequest(
        context=inputs.context,
        dockerfile=dockerfile,
        platform=unit.platform,
        output=output,
        image=unit.image,
        tags=tags or unit.tags,
        labels=unit.labels,
        build_args={**unit.build_args, **dict(inputs.build_args)},
        cache_from=unit.cache_from,
        cache_to=unit.cache_to,
        secrets=secrets,
        network=inputs.network,
        image_key=unit.key,
    )


def build_unit(client: DockerClient, request: BuildRequest, metadata_file: Path | None, err: TextIO) -> BuildOutcome:
    """Run the build with its progress on ``err``; buildx's metadata file kept only when asked."""

    def log(line: str) -> None:
        err.write(line + "\n")

    with tempfile.TemporaryDirectory(prefix="bodhi-build-") as scratch:
        return run_build(client, request, metadata_file or Path(scratch) / "metadata.json", log)


def digest_path(requested: Path | None, unit: BuildUnit) -> Path | None:
    """``--digest-file``: a file, or an existing folder that gets ``<variant>-<mode>-<arch>.json``."""
    if requested is not None and requested.is_dir():
        return requested / f"{unit.key}.json"
    return requested


def write_digest(path: Path, unit: BuildUnit, digest: str) -> None:
    write_record(path, DigestRecord(unit.image, unit.variant, unit.mode, unit.platform, digest))


def _report(
    settings: BuildSettings, unit: BuildUnit, request: BuildRequest, outcome: BuildOutcome, out: TextIO
) -> None:
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


def run(
    settings: BuildSettings,
    out: TextIO = sys.stdout,
    err: TextIO = sys.stderr,
    client_factory: Callable[[], DockerClient] = docker_client,
) -> int:
    unit = resolve_target(settings.selection).unit
    secrets = token_secrets(settings.inputs, unit, settings.env, err)
    request = build_request(settings.inputs, unit, settings.output, secrets, settings.tags)
    if settings.dry_run:
        if settings.github_output is not None:
            digest_file = digest_path(settings.digest_file, unit)
            append_outputs(settings.github_output, step_outputs(unit, request, None, digest_file))
        out.write(json.dumps(result_json(unit, request, None), indent=2) + "\n")
        return 0
    outcome = build_unit(client_factory(), request, settings.metadata_file, err)
    _report(settings, unit, request, outcome, out)
    return 0
