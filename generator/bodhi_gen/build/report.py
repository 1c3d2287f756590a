"""What ``bodhi-gen build`` reports: the result as JSON or text, step outputs, its summary row."""

from __future__ import annotations

from pathlib import Path

from bodhi_gen.config.rules import registry_of
from bodhi_gen.docker.build import BuildOutcome, BuildRequest, cache_text
from bodhi_gen.gha import SummaryRow
from bodhi_gen.plan.units import AnyUnit


def image_ref(request: BuildRequest, digest: str | None) -> str:
    """How to refer to the result: by digest once pushed that way, its folder when written as an OCI
    layout, else by its first tag."""
    if request.output == "push-by-digest" and digest:
        return f"{request.image}@{digest}"
    if request.output == "oci" and request.oci_dir is not None:
        return f"oci-layout://{request.oci_dir}"
    return request.tags[0]


def result_json(unit: AnyUnit, request: BuildRequest, outcome: BuildOutcome | None) -> dict[str, object]:
    data: dict[str, object] = {
        "variant": unit.variant,
        "mode": unit.mode,
        "platform": unit.platform,
        "image": unit.image,
        "tags": list(request.tags) if request.output in ("load", "push") else [],
        "planned_tags": list(unit.tags),
        "output": request.output,
        "dockerfile": str(request.dockerfile),
        "context": str(request.context),
        "build_args": dict(request.build_args),
        "labels": dict(request.labels),
        "cache_from": [cache_text(spec) for spec in request.cache_from],
        "cache_to": [cache_text(spec) for spec in request.cache_to],
        "secret_ids": [spec.id for spec in request.secrets],
    }
    if request.contexts:
        data["contexts"] = {name: f"oci-layout://{path}" for name, path in request.contexts.items()}
    if outcome is not None:
        data |= {
            "ref": image_ref(request, outcome.digest),
            "digest": outcome.digest,
            "image_id": outcome.image_id,
            "seconds": outcome.seconds,
            "steps": outcome.steps,
            "cached_steps": outcome.cached_steps,
        }
    return data


def step_outputs(
    unit: AnyUnit, request: BuildRequest, outcome: BuildOutcome | None, digest_file: Path | None
) -> dict[str, str]:
    values = {
        "image": unit.image,
        "registry": registry_of(unit.image),
        "tags": ",".join(unit.tags),
        "platform": unit.platform,
        "key": unit.key,
        "variant": unit.variant,
        "mode": unit.mode,
        "version": unit.version,
    }
    if outcome is not None:
        values |= {"digest": outcome.digest, "ref": image_ref(request, outcome.digest)}
    if digest_file is not None:
        values["digest-file"] = str(digest_file)
    return values


def summary_row(unit: AnyUnit, request: BuildRequest, outcome: BuildOutcome) -> SummaryRow:
    by_digest = request.output == "push-by-digest"
    done = {"load": "loaded", "oci": "written"}.get(request.output, "pushed")
    return SummaryRow(
        step="build, push by digest" if by_digest else f"build, {request.output}",
        image=unit.image,
        platform=unit.platform,
        digest=outcome.digest,
        tags=request.tags if request.output in ("load", "push") else (),
        result=f"{done} in {outcome.seconds:.0f} s, {outcome.cached_steps}/{outcome.steps} steps cached",
    )


def result_text(unit: AnyUnit, request: BuildRequest, outcome: BuildOutcome) -> str:
    return (
        f"built {image_ref(request, outcome.digest)} ({unit.platform}, {request.output})\n"
        f"digest {outcome.digest}; {outcome.cached_steps}/{outcome.steps} steps cached; {outcome.seconds:.1f} s\n"
    )
