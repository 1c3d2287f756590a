"""``bodhi-gen action``: the composite action's whole run, with one config load and one plan.

Per platform: resolve the app binary once (named by its digest records, else built here once into
an OCI layout folder that the variant reads as a named context), build the variant once and load
it, smoke-test that image, push exactly that image (under ``<image>:staging-<unit key>``, its
digest read back from the registry) and record its digest.
Then, unless the caller merges digests itself, publish the unit's tags. Step outputs and the
summary table are written once, at the end, whatever happened.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from bodhi_gen.commands.binary_ref import (
    build_binary,
    layout_binary,
    recorded_binary,
    with_binary,
    with_binary_layout,
)
from bodhi_gen.commands.build_report import summary_row
from bodhi_gen.commands.build_steps import BuildInputs, build_request, build_unit, token_secrets, write_digest
from bodhi_gen.commands.publish import merge_digests, publish_rows
from bodhi_gen.commands.publish_mirrors import mirror_rows
from bodhi_gen.commands.smoke import SmokeInputs, explain, failure, smoke_unit
from bodhi_gen.digests import DigestRecord
from bodhi_gen.docker.build import staging_ref
from bodhi_gen.docker.client import buildx_client
from bodhi_gen.docker.registry import login, push_loaded
from bodhi_gen.errors import UsageError
from bodhi_gen.gha import SummaryRow, append_outputs, append_summary
from bodhi_gen.plan.selection import UnitSelection, load_selected, pick_platform, plan_selection
from bodhi_gen.plan.units import BuildUnit, Plan
from bodhi_gen.smoke.report import write_report

if TYPE_CHECKING:
    from python_on_whales import DockerClient


@dataclass(frozen=True)
class ActionSettings:
    selection: UnitSelection
    platforms: tuple[str, ...] = ()
    build: BuildInputs = field(default_factory=BuildInputs)
    smoke: SmokeInputs = field(default_factory=SmokeInputs)
    smoke_test: bool = True
    push: bool = False
    push_by_digest: bool = False
    registry_username: str = ""
    # the environment variable holding the registry password: its value never reaches argv
    registry_password_env: str | None = None
    work_dir: Path | None = None
    github_output: Path | None = None
    summary_file: Path | None = None
    env: Mapping[str, str] = field(default_factory=dict)


@dataclass
class Results:
    """What the run produced so far; the step outputs are made from it once, at the end."""

    plan: Plan
    work: Path
    rows: list[SummaryRow] = field(default_factory=list)
    built: dict[str, str] = field(default_factory=dict)  # platform -> digest of the loaded build
    pushed: dict[str, str] = field(default_factory=dict)  # platform -> digest the registry serves
    digest_files: list[Path] = field(default_factory=list)
    reports: list[Path] = field(default_factory=list)
    smoke_passed: bool | None = None
    published: str | None = None
    # with a publish: the tags that moved, and the latest-* ones held back (a newer version holds them)
    published_tags: tuple[str, ...] | None = None
    held: tuple[str, ...] = ()
    binaries: dict[str, Path] = field(default_factory=dict)  # binary key -> its OCI layout folder

    def outputs(self) -> dict[str, str]:
        group = self.plan.merges[0]
        # the index once published; else the last platform's image, pushed or only loaded
        digest = self.published or next(reversed((self.pushed or self.built).values()), "")
        smoke = {None: "skipped", True: "passed", False: "failed"}[self.smoke_passed]
        return {
            "image": self.plan.image,
            "registry": self.plan.image.split("/", 1)[0],
            "tags": ",".join(group.tags if self.published_tags is None else self.published_tags),
            "latest-held": ",".join(self.held),
            "platforms": ",".join(group.platforms),
            "digest": digest,
            "digest-file": _one_or_folder(self.digest_files, self.work / "digests"),
            "smoke-report": _one_or_folder(self.reports, self.work / "smoke"),
            "smoke-result": smoke,
        }


def _one_or_folder(files: list[Path], folder: Path) -> str:
    """One file for one platform, else the folder holding one per platform."""
    if not files:
        return ""
    return str(files[0]) if len(files) == 1 else str(folder)


def _log_group(settings: ActionSettings, err: TextIO, title: str | None) -> None:
    if settings.env.get("GITHUB_ACTIONS") == "true":
        err.write(f"::group::{title}\n" if title else "::endgroup::\n")


def _login(settings: ActionSettings, client: DockerClient, plan: Plan) -> None:
    password = settings.env.get(settings.registry_password_env or "", "")
    if not password:
        return
    if not settings.registry_username:
        msg = "a registry password is set but no registry username: docker login needs both"
        raise UsageError(msg)
    login(client, plan.image.split("/", 1)[0], settings.registry_username, password)


def _platform(
    settings: ActionSettings, client: DockerClient, unit: BuildUnit, results: Results, err: TextIO, dev: Path
) -> None:
    """Build, smoke-test and push one unit; a failed smoke test stops the run before the push."""
    secrets = token_secrets(settings.build, unit, settings.env)
    binary = results.plan.binary_of(unit)
    ref = recorded_binary(settings.build, binary)
    layout = layout_binary(settings.build, binary)
    if ref is not None:
        inputs = with_binary(settings.build, ref)
    elif layout is not None:
        inputs = with_binary_layout(settings.build, layout)
    else:
        if binary.key not in results.binaries:
            _log_group(settings, err, f"build the app binary for {unit.platform}")
            # this module's build_unit, so that the binary goes the same way as the variant
            scratch = results.work / "binaries"
            results.binaries[binary.key] = build_binary(client, settings.build, binary, scratch, err, build_unit)
            _log_group(settings, err, None)
        inputs = with_binary_layout(settings.build, results.binaries[binary.key])
    request = build_request(inputs, unit, "load", secrets)
    _log_group(settings, err, f"build {unit.platform} and load it")
    outcome = build_unit(client, request, None, err)
    _log_group(settings, err, None)
    results.built[unit.platform] = outcome.digest
    results.rows.append(summary_row(unit, request, outcome))
    tested = request.tags[0]
    if settings.smoke_test:
        report = smoke_unit(lambda: client, unit, tested, settings.smoke, err, dev)
        path = results.work / "smoke" / f"{unit.arch}.json"
        write_report(path, report)
        results.reports.append(path)
        results.rows.append(report.summary_row())
        results.smoke_passed = report.passed if results.smoke_passed is not False else False
        explain(report, settings.env, err)
        if not report.passed:
            raise failure(report)
    if settings.push:
        staging = staging_ref(unit.image, unit.key)
        digest = push_loaded(client, tested, staging)
        results.pushed[unit.platform] = digest
        digest_file = results.work / "digests" / f"{unit.key}.json"
        write_digest(digest_file, unit, digest)
        results.digest_files.append(digest_file)
        results.rows.append(
            SummaryRow("push (the tested image)", unit.image, unit.platform, digest, (staging,), "pushed by digest")
        )


def run(
    settings: ActionSettings,
    out: TextIO = sys.stdout,
    err: TextIO = sys.stderr,
    client_factory: Callable[[], DockerClient] = buildx_client,
    dev: Path = Path("/dev"),
) -> int:
    selection = settings.selection
    config = load_selected(selection)
    platforms = settings.platforms or (pick_platform(config, selection.variant_name, None),)
    plan = plan_selection(config, selection, platforms)
    work = settings.work_dir or Path(tempfile.mkdtemp(prefix="bodhi-gen.", dir=settings.env.get("RUNNER_TEMP")))
    results = Results(plan, work)
    try:
        client = client_factory()
        _login(settings, client, plan)
        for unit in plan.units:
            _platform(settings, client, unit, results, err, dev)
        if settings.push and not settings.push_by_digest:
            group = plan.merges[0]
            records = {
                unit.platform: DigestRecord(
                    unit.image, unit.variant, unit.mode, unit.platform, results.pushed[unit.platform]
                )
                for unit in plan.units
            }
            index = merge_digests(
                client,
                group,
                records,
                err,
                mirrors=plan.config.mirrors,
                growth_limit=config.growth_limit(group.variant),
            )
            results.published = index.digest
            results.published_tags, results.held = index.tags, index.held
            results.rows += [*publish_rows(group, index), *mirror_rows(group, index.mirrors)]
    finally:
        # the binaries' layouts served this run's builds only; the digests and reports stay
        shutil.rmtree(work / "binaries", ignore_errors=True)
        _finish(settings, results, out)
    return 0


def _finish(settings: ActionSettings, results: Results, out: TextIO) -> None:
    values = results.outputs()
    if settings.github_output is not None:
        append_outputs(settings.github_output, values)
    if settings.summary_file is not None and results.rows:
        append_summary(settings.summary_file, results.rows)
    out.write("".join(f"{key}: {value or '-'}\n" for key, value in values.items()))
