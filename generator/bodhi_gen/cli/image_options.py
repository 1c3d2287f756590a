"""Click options shared by the image commands (build, smoke, publish)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])
PLATFORMS = click.Choice(["linux/amd64", "linux/arm64"])
WRITABLE_FILE = click.Path(path_type=Path, dir_okay=False)


def _compose(*decorators: Callable[[F], F]) -> Callable[[F], F]:
    def apply(func: F) -> F:
        for decorator in reversed(decorators):
            func = decorator(func)
        return func

    return apply


unit_options = _compose(
    click.option("--variant", required=True, help="Variant to work on, one of the config's variants."),
    click.option(
        "--mode",
        default=None,
        help="Build mode. [default: the release tag's mode when --version is one, else the config's first]",
    ),
    click.option(
        "--version",
        required=True,
        metavar="VERSION",
        help="X.Y.Z, vX.Y.Z or a release tag such as docker/v1.2.3; the bare X.Y.Z goes into tags and labels.",
    ),
    click.option(
        "--image",
        default=None,
        metavar="REGISTRY/OWNER/NAME",
        help="Image repository instead of the config's (e.g. a local registry); "
        "its registry cache becomes REPOSITORY-cache.",
    ),
)

platform_option = click.option(
    "--platform",
    type=PLATFORMS,
    default=None,
    help="Platform of the unit. [default: this host's platform when the variant builds it, else its first]",
)

github_output_option = click.option(
    "--github-output",
    type=WRITABLE_FILE,
    default=None,
    metavar="FILE",
    help='Append step outputs (KEY=VALUE lines) to FILE, e.g. "$GITHUB_OUTPUT".',
)

summary_file_option = click.option(
    "--summary-file",
    type=WRITABLE_FILE,
    default=None,
    metavar="FILE",
    help='Append a row to the Markdown table of images in FILE, e.g. "$GITHUB_STEP_SUMMARY".',
)

json_option = click.option(
    "--json", "json_output", is_flag=True, help="Print one JSON object with the result on stdout."
)
