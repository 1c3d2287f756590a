"""Render the GitHub workflows from the plan: a reusable build workflow and its release caller."""

from __future__ import annotations

from pathlib import PurePosixPath

from bodhi_gen.pins import PinLookup, pin_lookup
from bodhi_gen.plan import Plan
from bodhi_gen.plan.pull_request import pull_request_plan
from bodhi_gen.plan.release_lines import release_lines
from bodhi_gen.render.environment import render
from bodhi_gen.render.output import GeneratedFile, header

WORKFLOWS_DIR = PurePosixPath(".github/workflows")
TEMPLATES = ("bodhi-bases.yml", "bodhi-images.yml", "bodhi-pr.yml", "bodhi-release.yml")


def render_workflows(plan: Plan, source: str, pins: PinLookup | None = None) -> list[GeneratedFile]:
    """``pins``: the action pins to use; by default the package's, with the config's overrides."""
    config = plan.config
    context = {
        "header": header("workflows", source).rstrip("\n"),
        "plan": plan,
        "config": config,
        "pin": pins or pin_lookup(config.generator.pins),
        "action": config.generator.action,
        "action_ref": config.generator.ref,
        "plan_runner": config.generator.plan_runner,
        "download_secret": config.generator.download_secret,
        "submodules": config.checkout.submodules,
        "auth": config.registry_auth,
        "attest": config.generator.attest,
        "release_lines": release_lines(config),
        "pull_request": pull_request_plan(config),
        # (n, mirror) of each mirror that logs in: the merge job reads its password from secret mirror-<n>-password
        "mirror_logins": [(n, mirror) for n, mirror in enumerate(config.mirrors, 1) if mirror.login],
    }
    return [GeneratedFile(WORKFLOWS_DIR / name, render(f"workflows/{name}.j2", **context)) for name in TEMPLATES]
