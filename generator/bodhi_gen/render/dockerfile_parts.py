"""What the binary's and the variants' Dockerfiles share: build-arg defaults and the label lines."""

from __future__ import annotations

from bodhi_gen.plan.contract import LABEL_DESCRIPTION, LABELS_FROM_ARGS, static_labels
from bodhi_gen.plan.units import Plan
from bodhi_gen.render.quoting import dockerfile_quoted

# Build-arg defaults for a plain `docker build` without the plan's values: clearly not a release.
DEFAULT_VERSION = "0.0.0-local"
DEFAULT_COMMIT = "unknown"
DEFAULT_CREATED = "1970-01-01T00:00:00Z"


def labels(plan: Plan, variant: str, description: str) -> tuple[str, ...]:
    """OCI labels (as the plan gives them) with the injected values read from build args."""
    static = static_labels(plan.image, plan.source_url, variant)
    static[LABEL_DESCRIPTION] = description
    lines = {key: f"{key}={dockerfile_quoted(value)}" for key, value in static.items()}
    lines.update({key: f'{key}="${{{arg}}}"' for key, arg in LABELS_FROM_ARGS.items()})
    return tuple(lines[key] for key in sorted(lines))
