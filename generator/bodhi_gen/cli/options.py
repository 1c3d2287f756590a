"""Click options shared by several commands, and parsers for their values."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])


def config_option(func: F) -> F:
    return click.option(
        "--config",
        "config_path",
        type=click.Path(path_type=Path, dir_okay=False),
        default=None,
        help="Config file to read. Default: .github/bodhi-gen.yaml when it exists, else the embedded BodhiApp default.",
    )(func)


def out_dir_option(func: F) -> F:
    return click.option(
        "--out",
        "out_dir",
        type=click.Path(path_type=Path, file_okay=False),
        default=Path(),
        show_default="current directory",
        help="Root of the target repository; files go to their usual places below it.",
    )(func)


def check_option(func: F) -> F:
    return click.option(
        "--check",
        is_flag=True,
        help="Write nothing; exit 1 naming every generated file that is missing or differs.",
    )(func)
