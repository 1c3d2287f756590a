"""Render the GitHub workflows from the plan: a reusable build workflow and its release caller."""

from __future__ import annotations

from pathlib import PurePosixPath

from bodhi_gen.pins.data import PinLookup, pin_lookup
from bodhi_gen.plan.units import Plan
from bodhi_gen.render.environment import render
from bodhi_gen.render.output import GeneratedFile, header

WORKFLOWS_DIR = PurePosixPath(".github/workflows")
TEMPLATES = ("bodhi-bases.yml", "bodhi-images.yml", "bodhi-pr.yml", "bodhi-release.yml")


def render_workflows(plan: Plan, source: str, pins: PinLookup | None = None) -> list[GeneratedFile]:
    """``pins``: the action pins to use; by default the package's, with the config's overrides."""
    context = {
        "header": header("workflows", source).rstrip("\n"),
        "plan": plan,
        "pin": pins or pin_lookup(plan.generator.pins),
    }
    return [GeneratedFile(WORKFLOWS_DIR / name, render(f"workflows/{name}.j2", **context)) for name in TEMPLATES]
