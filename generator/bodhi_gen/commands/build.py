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
from bodhi_gen.commands.target import UnitSelection, resolve_target
from bodhi_gen.digests import DigestRecord, write_record
from bodhi_gen.docker.build import BuildOutcome, BuildRequest, OutputMode, run_build, secret_specs
from bodhi_gen.docker.client import docker_client
from bodhi_gen.errors import UsageError
from bodhi_gen.gha import append_outputs, append_summary
from bodhi_gen.plan import DOWNLOAD_SECRET_ID, BuildUnit

if TYPE_CHECKING:
    from python_on_whales import DockerClient


@dataclass(frozen=True)
class BuildSettings:
    selection: UnitSelection
    output: OutputMode = "load"
    context: Path = Path()
    dockerfile: Path | None = None
    build_args: tuple[tuple[str, str], ...] = ()
    # replaces the plan's tags (e.g. a local name); the labels and build args stay the plan's
    tags: tuple[str, ...] = ()
    download_token_env: str | None = None
    network: str | None = None
    digest_file: Path | None = None
    metadata_file: Path | None = None
    json_output: bool = False
    github_output: Path | None = None
    summary_file: Path | None = None
    dry_run: bool = False
    env: Mapping[str, str] = field(default_factory=dict)


def parse_build_arg(raw: str) -> tuple[str, str]:
    key, eq, value = raw.partition("=")
    if not eq or not key.strip():
        msg = f"--build-arg {raw!r} is not KEY=VALUE"
        raise UsageError(msg)
    return key.strip(), value


def _secrets(settings: BuildSettings, unit: BuildUnit, err: TextIO) -> tuple[str, ...]:
    name = settings.download_token_env
    if not name:
        return ()
    if settings.env.get(name):
        return secret_specs([(DOWNLOAD_SECRET_ID, name)])
    if unit.llama_source == "download":
        err.write(f"bodhi-gen: note: ${name} is empty, so llama-server is downloaded without a token\n")
    return ()


def build_request(settings: BuildSettings, unit: BuildUnit, err: TextIO) -> BuildRequest:
    dockerfile = settings.dockerfile or Path(unit.dockerfile)
    if not dockerfile.is_file():
        msg = f"Dockerfile {dockerfile} not found (generate it with `bodhi-gen dockerfiles`, or pass --dockerfile)"
        raise UsageError(msg)
    if not settings.context.is_dir():
        msg = f"build context {settings.context} is not a folder"
        raise UsageError(msg)
    if settings.tags and settings.output == "push-by-digest":
        msg = "--tag cannot be combined with --push-by-digest, which pushes untagged"
        raise UsageError(msg)
    return BuildRequest(
        context=settings.context,
        dockerfile=dockerfile,
        platform=unit.platform,
        output=settings.output,
        image=unit.image,
        tags=settings.tags or unit.tags,
        labels=unit.labels,
        build_args={**unit.build_args, **dict(settings.build_args)},
        cache_from=unit.cache_from,
        cache_to=unit.cache_to,
        secrets=_secrets(settings, unit, err),
        network=settings.network,
        image_key=unit.key,
    )


def digest_path(requested: Path | None, unit: BuildUnit) -> Path | None:
    """``--digest-file``: a file, or an existing folder that gets ``<variant>-<mode>-<arch>.json``."""
    if requested is not None and requested.is_dir():
        return requested / f"{unit.key}.json"
    return requested


def _report(
    settings: BuildSettings, unit: BuildUnit, request: BuildRequest, outcome: BuildOutcome, out: TextIO
) -> None:
    digest_file = digest_path(settings.digest_file, unit)
    if digest_file is not None:
        record = DigestRecord(unit.image, unit.variant, unit.mode, unit.platform, outcome.digest)
        write_record(digest_file, record)
    if settings.github_output is not None:
        append_outputs(settings.github_output, step_outputs(unit, request, outcome, digest_file))
    if settings.summary_file is not None:
        append_summary(settings.summary_file, [summary_row(unit, request, outcome)])
    if settings.json_output:
        out.write(json.dumps(result_json(unit, request, outcome), indent=2) + "\n")
    else:
        out.write(result_text(unit, request, outcome))


def build(
    settings: BuildSettings,
    out: TextIO = sys.stdout,
    err: TextIO = sys.stderr,
    client_factory: Callable[[], DockerClient] = docker_client,
) -> int:
    target = resolve_target(settings.selection)
    unit = target.unit
    request = build_request(settings, unit, err)
    if settings.dry_run:
        if settings.github_output is not None:
            append_outputs(
                settings.github_output, step_outputs(unit, request, None, digest_path(settings.digest_file, unit))
            )
        out.write(json.dumps(result_json(unit, request, None), indent=2) + "\n")
        return 0

    def log(line: str) -> None:
        err.write(line + "\n")

    with tempfile.TemporaryDirectory(prefix="bodhi-build-") as scratch:
        metadata_file = settings.metadata_file or Path(scratch) / "metadata.json"
        outcome = run_build(client_factory(), request, metadata_file, log)
    _report(settings, unit, request, outcome, out)
    return 0
