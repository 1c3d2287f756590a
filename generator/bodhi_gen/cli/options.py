"""Click options shared by several commands, each declared once, and parsers for their values.

Option names match the fields of the commands' settings classes, so a command passes
``Settings(**options)`` without renaming anything.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields
from pathlib import Path
from typing import Any, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])


def _config_path(help_text: str, envvar: str | None = None) -> Callable[[F], F]:
    return click.option(
        "--config",
        "config_path",
        type=click.Path(path_type=Path, dir_okay=False),
        default=None,
        envvar=envvar,
        help=help_text,
    )


CONFIG_HELP = (
    "Config file to read. Default: the project root's .github/bodhi-gen.yaml when it exists "
    "(found from any folder of the repository), else the embedded BodhiApp default."
)


def config_option_from(envvar: str) -> Callable[[F], F]:
    """``--config``, also read from the environment variable ``envvar`` (the composite action's input)."""
    return _config_path(CONFIG_HELP, envvar)


# the config every reading command takes
config_option = _config_path(CONFIG_HELP)
# where ``init`` writes it
config_target_option = _config_path(
    "Where to write the config. Default: .github/bodhi-gen.yaml at the repository's top (the folder with .git)."
)


def format_option(choices: tuple[str, ...], help_text: str) -> Callable[[F], F]:
    """``--format`` (into ``output_format``, default ``table``) with the command's own choices."""
    return click.option(
        "--format",
        "output_format",
        type=click.Choice(list(choices)),
        default="table",
        show_default=True,
        help=help_text,
    )


out_dir_option = click.option(
    "--out",
    "out_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="Root of the target repository; files go to their usual places below it. "
    "[default: the project root: the nearest folder up with .github/bodhi-gen.yaml, else the git top]",
)

check_option = click.option(
    "--check",
    is_flag=True,
    help="Write nothing; exit 1 naming every generated file that is missing or differs.",
)

diff_option = click.option(
    "--diff",
    is_flag=True,
    help="With a drift check: also print a unified diff of each drifted file (on stdout; `git apply` takes it).",
)

force_option = click.option(
    "--force",
    is_flag=True,
    help="Replace existing files that lack the generated header (hand-written ones). "
    "Without it such a file stops the command: exit 2, nothing written.",
)


def defaults(settings: type) -> dict[str, Any]:
    """A settings dataclass's defaults: an option shows the one the command would use anyway."""
    return {field.name: field.default for field in fields(settings)}


# the commands that call the GitHub API (release, pins, prune)
def api_url_option(func: F) -> F:
    return click.option(
        "--api-url",
        default=None,
        metavar="URL",
        help="GitHub API URL; Enterprise Server: https://HOST/api/v3. "
        "[default: $GITHUB_API_URL, else https://api.github.com]",
    )(func)


def selection_options(func: F) -> F:
    """``--variants``, ``--modes``, ``--platforms``: the part of the matrix ``matrix`` and ``sizes`` look at."""
    func = click.option("--platforms", default="", help="Comma-separated platforms to include, e.g. linux/amd64.")(func)
    func = click.option("--modes", default="", help="Comma-separated modes to include (default: all).")(func)
    return click.option("--variants", default="", help="Comma-separated variants to include (default: all).")(func)
