"""Render ``dockerfiles/binary.Dockerfile``: the app compiled once per (mode, platform).

deps (the dependencies through one crate) -> ui (the TypeScript client, then the UI) -> app
(cargo, with the UI already built) -> a minimal image holding ``/app/bodhi``.

The build-arg defaults and label lines here are the variants' Dockerfiles' too.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath

from bodhi_gen.config.models import App, Mode, TsClient, Ui
from bodhi_gen.plan.contract import LABEL_DESCRIPTION, LABELS_FROM_ARGS, static_labels
from bodhi_gen.plan.units import BINARY_DOCKERFILE, BINARY_VARIANT, Plan
from bodhi_gen.render.dockerfile_shell import reduce_workspace_awk, triple_script
from bodhi_gen.render.environment import render
from bodhi_gen.render.output import GeneratedFile, header
from bodhi_gen.render.quoting import dockerfile_quoted, dockerfile_value, shell_word

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


TEMPLATE = "dockerfiles/binary.Dockerfile.j2"


@dataclass(frozen=True)
class CargoBuild:
    """One mode's cargo commands: the deps pre-build and the app build, and where the binary lands."""

    mode: str
    deps: str
    app: str
    binary: str


@dataclass(frozen=True)
class BinaryContext:
    header: str
    rust_image: str
    node_image: str
    default_mode: str
    mode_names: str
    deps_crate: str
    deps_paths: tuple[str, ...]
    reduce_workspace: str
    ts_client: TsClient
    ts_parent: str
    ts_inputs: str
    ui: Ui
    cargo: tuple[CargoBuild, ...]
    triple_script: tuple[str, ...]
    arg_defaults: dict[str, str]
    labels: tuple[str, ...]


def cargo_build(mode: Mode, app: App) -> CargoBuild:
    release = mode.cargo_profile == "release"
    profile = " --release" if release else ""
    features = " --no-default-features"
    if mode.cargo_features:
        features += " --features " + shell_word(",".join(mode.cargo_features))
    return CargoBuild(
        mode=shell_word(mode.name),
        deps=f"cargo build{profile} -p {shell_word(app.deps_crate)}",
        app=f"cargo build --locked{profile} --bin {shell_word(app.binary)}{features}",
        binary=shell_word(f"target/{'release' if release else 'debug'}/{app.binary}"),
    )


def binary_context(plan: Plan, source: str) -> BinaryContext:
    app = plan.app
    # the client's script reads its inputs from the folder above it
    parent = str(PurePosixPath(app.ts_client.dir).parent)
    parent = "" if parent == "." else parent + "/"
    return BinaryContext(
        header=header("dockerfiles", source).rstrip("\n"),
        rust_image=plan.rust_image,
        node_image=app.node_image,
        default_mode=plan.modes[0].name,
        mode_names=", ".join(m.name for m in plan.modes),
        deps_crate=app.deps_crate,
        deps_paths=app.deps_paths,
        reduce_workspace=reduce_workspace_awk(app.deps_crate),
        ts_client=app.ts_client,
        ts_parent=parent,
        ts_inputs=" ".join(dockerfile_value(parent + name) for name in app.ts_client.inputs),
        ui=app.ui,
        cargo=tuple(cargo_build(mode, app) for mode in plan.modes),
        triple_script=triple_script(),
        arg_defaults={
            "BODHI_VERSION": DEFAULT_VERSION,
            "BODHI_COMMIT_SHA": DEFAULT_COMMIT,
            "BODHI_BUILD_CREATED": DEFAULT_CREATED,
        },
        labels=labels(plan, BINARY_VARIANT, "BodhiApp binary, copied into the variant images"),
    )


def render_binary_dockerfile(plan: Plan, source: str) -> GeneratedFile:
    return GeneratedFile(PurePosixPath(BINARY_DOCKERFILE), render(TEMPLATE, ctx=binary_context(plan, source)))
