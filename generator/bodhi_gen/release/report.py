"""What ``release`` tells its user: human lines, the ``--json`` object, and the failure messages."""

from __future__ import annotations

import json
from typing import Any

from bodhi_gen.github.models import JobInfo, RunInfo
from bodhi_gen.release.dispatch import DispatchPlan


def describe_plan(plan: DispatchPlan, *, dry_run: bool) -> str:
    verb = "Dry run: would dispatch" if dry_run else "Dispatched"
    version = plan.version
    if plan.previous_version is not None:
        version += f" (latest published: {plan.previous_version})"
    variants = ",".join(plan.variants) or "(all)"
    return (
        f"{verb} {plan.workflow_file} on {plan.repo.full_name} at {plan.ref}: "
        f"version={version} mode={plan.mode} variants={variants}"
    )


def result_json(
    plan: DispatchPlan,
    *,
    result: str,
    run: RunInfo | None = None,
    jobs: list[JobInfo] | None = None,
) -> str:
    """One JSON object; ``result`` is dry_run, dispatched, run_not_found, success, failure or timeout."""
    data: dict[str, Any] = {
        "result": result,
        "repository": plan.repo.full_name,
        "workflow": plan.workflow_file,
        "ref": plan.ref,
        "inputs": plan.inputs,
        "version": plan.version,
        "previous_version": str(plan.previous_version) if plan.previous_version else None,
        "runs_url": plan.runs_url,
        "run": None,
    }
    if run is not None:
        data["run"] = {"id": run.id, "url": run.html_url, "status": run.status, "conclusion": run.conclusion}
    if jobs is not None:
        data["jobs"] = {
            "total": len(jobs),
            "done": sum(job.done for job in jobs),
            "failed": [{"name": j.name, "conclusion": j.conclusion, "url": j.html_url} for j in jobs if j.failed],
        }
    return json.dumps(data, indent=2, sort_keys=False)


def failure_message(run: RunInfo, jobs: list[JobInfo]) -> str:
    failed = [job for job in jobs if job.failed]
    if not failed:
        return f"run {run.id} concluded {run.conclusion} without a failed job; see {run.html_url}"
    names = ", ".join(f"{job.name} ({job.conclusion})" for job in failed)
    return (
        f"run {run.id} concluded {run.conclusion}: {len(failed)} of {len(jobs)} jobs failed: "
        f"{names}; see {run.html_url}"
    )


def timeout_message(run: RunInfo, jobs: list[JobInfo], timeout: float) -> str:
    done = sum(job.done for job in jobs)
    return (
        f"run {run.id} did not finish within --timeout {timeout:g} s "
        f"(status {run.status}, {done}/{len(jobs)} jobs done); it is still running: {run.html_url}"
    )
