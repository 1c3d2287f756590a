"""Click options of the image commands (build, smoke, publish, action), each declared once.

Every declaration is a factory: ``VARIANT()`` for the commands people type, and
``VARIANT(envvar=...)`` for ``action``, whose inputs arrive in the environment.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import click

from bodhi_gen.build.steps import BuildInputs
from bodhi_gen.config.locate import project_root
from bodhi_gen.plan.selection import UnitSelection
from bodhi_gen.smoke.unit import SmokeInputs

F = TypeVar("F", bound=Callable[..., Any])
Decorator = Callable[[F], F]
PLATFORMS = click.Choice(["linux/amd64", "linux/arm64"])
WRITABLE_FILE = click.Path(path_type=Path, dir_okay=False)


class BuildArg(click.ParamType):  # type: ignore[type-arg]  # generic only in newer stubs
    """``KEY=VALUE`` -> (KEY, VALUE); from the environment, one per line (blank lines skipped)."""

    name = "KEY=VALUE"
    envvar_list_splitter = "\n"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> tuple[str, str]:
        if isinstance(value, tuple):
            return value  # already converted (a default)
        key, eq, rest = str(value).partition("=")
        if not eq or not key.strip():
            self.fail(f"--build-arg {value!r} is not KEY=VALUE", param, ctx)
        return key.strip(), rest

    def split_envvar_value(self, rv: str) -> Sequence[str]:
        return [line for line in rv.splitlines() if line.strip()]


def option(*decls: str, **attrs: Any) -> Callable[..., Decorator[Any]]:
    """An option declaration; calling it (with e.g. ``envvar=``) makes the click decorator."""

    def make(**extra: Any) -> Decorator[Any]:
        return click.option(*decls, **{**attrs, **extra})

    return make


def compose(*decorators: Decorator[Any]) -> Decorator[Any]:
    def apply(func: F) -> F:
        for decorator in reversed(decorators):
            func = decorator(func)
        return func

    return apply


VARIANT = option("--variant", required=True, help="Variant to work on, one of the config's variants.")
MODE = option(
    "--mode",
    default=None,
    help="Build mode. [default: the release tag's mode when --version is one, else the config's first]",
)
VERSION = option(
    "--version",
    required=True,
    metavar="VERSION",
    help="X.Y.Z, vX.Y.Z or a release tag such as docker/v1.2.3; the bare X.Y.Z goes into tags and labels.",
)
IMAGE = option(
    "--image",
    default=None,
    metavar="REGISTRY/OWNER/NAME",
    help="Image repository instead of the config's (e.g. a local registry); "
    "its registry cache becomes REPOSITORY-cache.",
)
PLATFORM = option(
    "--platform",
    type=PLATFORMS,
    default=None,
    help="Platform of the unit. [default: this host's platform when the variant builds it, else its first]",
)
CONTEXT = option(
    "--context",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="Build context: the BodhiApp checkout. [default: the project root]",
)
DOCKERFILE = option(
    "--dockerfile",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Dockerfile to build. [default: the plan's, dockerfiles/<variant>.Dockerfile under the project root]",
)
BUILD_ARG = option(
    "--build-arg",
    "build_args",
    type=BuildArg(),
    multiple=True,
    metavar="KEY=VALUE",
    help="Set or override a build argument (repeatable), e.g. BASE_IMAGE=... for a local stand-in.",
)
BINARY_IMAGE = option(
    "--binary-image",
    default=None,
    metavar="REF",
    help="App binary image the variant copies /app/bodhi from (APP_BINARY_IMAGE), e.g. a digest ref "
    "or a local tag from `build --binary`. [default: build the binary first, then the variant]",
)
BINARY_DIGESTS = option(
    "--binary-digests",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    metavar="DIR",
    help="Folder of `build --binary --digest-file` records: the variant copies the binary of its "
    "mode and platform, <image>@<digest>. Not with --binary-image.",
)
BINARY_LAYOUTS = option(
    "--binary-layouts",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    metavar="DIR",
    help="Folder of app binaries as OCI image layouts, <binary key>/ each (`build --binary --layout-dir "
    "DIR/<key>`): the variant copies its mode's and platform's; nothing needs pushing (pull requests).",
)
COMMIT = option("--commit", default=None, help="Commit SHA to inject. [default: git rev-parse HEAD of --context]")
CREATED = option(
    "--created",
    default=None,
    metavar="TIMESTAMP",
    help="Creation time for the labels. [default: the commit's time from git, for reproducible labels]",
)
CACHE = option(
    "--cache",
    type=click.Choice(["registry", "read-only", "none"]),
    default=None,
    help="Build cache instead of the config's: registry (<image>-cache, mode=max), read-only (import the "
    "registry cache, export nothing: for untrusted builds such as pull requests) or none.",
)
DOWNLOAD_TOKEN_ENV = option(
    "--download-token-env",
    metavar="NAME",
    help="Environment variable holding the llama-server download token; "
    "it reaches the build only as a BuildKit secret.",
)
NETWORK = option(
    "--network", default=None, help="Network for RUN steps (e.g. host, to reach a server on this machine)."
)
TIMEOUT = option(
    "--timeout",
    "timeout_s",
    type=click.FloatRange(min=1),
    default=120.0,
    show_default=True,
    metavar="SECONDS",
    help="Longest wait for the container to report healthy.",
)
HEALTH_INTERVAL = option(
    "--health-interval",
    "health_interval_s",
    type=click.IntRange(min=1),
    default=2,
    show_default=True,
    metavar="SECONDS",
    help="Run the image's own HEALTHCHECK this often during the test (its command is kept).",
)
PORT_OPTION = option(
    "--port",
    "container_port",
    type=click.IntRange(1, 65535),
    default=None,
    help="Container port BodhiApp listens on (default: the variant's port); published on 127.0.0.1 at a free port.",
)
REQUIRE_GPU = option(
    "--require-gpu",
    is_flag=True,
    help="For a GPU variant: fail when this host has no GPU of its kind, instead of skipping the GPU check.",
)
GITHUB_OUTPUT = option(
    "--github-output",
    type=WRITABLE_FILE,
    default=None,
    metavar="FILE",
    help='Append step outputs (KEY=VALUE lines) to FILE, e.g. "$GITHUB_OUTPUT".',
)
SUMMARY_FILE = option(
    "--summary-file",
    type=WRITABLE_FILE,
    default=None,
    metavar="FILE",
    help='Append a row to the Markdown table of images in FILE, e.g. "$GITHUB_STEP_SUMMARY".',
)
JSON = option("--json", "json_output", is_flag=True, help="Print one JSON object with the result on stdout.")

unit_options = compose(VARIANT(), MODE(), VERSION(), IMAGE())
build_input_options = compose(
    CONTEXT(), DOCKERFILE(), BUILD_ARG(), COMMIT(), CREATED(), CACHE(), DOWNLOAD_TOKEN_ENV(default=None), NETWORK()
)
smoke_input_options = compose(TIMEOUT(), HEALTH_INTERVAL(), PORT_OPTION(), REQUIRE_GPU())
report_options = compose(JSON(), GITHUB_OUTPUT(), SUMMARY_FILE())


def take_selection(options: dict[str, Any]) -> UnitSelection:
    """Remove the unit's options from ``options`` and return them as a selection."""
    return UnitSelection(
        config_path=options.pop("config_path"),
        variant=options.pop("variant"),
        version=options.pop("version"),
        mode=options.pop("mode"),
        platform=options.pop("platform", None),
        image=options.pop("image"),
        cache=options.pop("cache", None),
        commit=options.pop("commit", None),
        created=options.pop("created", None),
        source_dir=options.get("context") or project_root(),
    )


def take_build_inputs(options: dict[str, Any]) -> BuildInputs:
    """Remove the build's options from ``options``; those a command lacks keep their defaults."""
    names = (
        "context",
        "dockerfile",
        "build_args",
        "download_token_env",
        "network",
        "binary_image",
        "binary_digests",
        "binary_layouts",
    )
    given = {name: options.pop(name) for name in names if name in options}
    root = project_root()
    return BuildInputs(**{**given, "context": given.get("context") or root, "root": root})


def take_smoke_inputs(options: dict[str, Any]) -> SmokeInputs:
    names = ("timeout_s", "health_interval_s", "container_port", "require_gpu")
    return SmokeInputs(**{name: options.pop(name) for name in names if name in options})
