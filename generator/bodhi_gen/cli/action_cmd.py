"""Thin click wrapper of ``commands.action``: the composite action's one step.

Every input arrives as a ``BODHI_ACTION_*`` environment variable (action.yml's one ``env:``
block); an empty one counts as unset. The registry password is only ever read from the
environment, by name.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import click

from bodhi_gen.cli.image_options import (
    BINARY_DIGESTS,
    BINARY_LAYOUTS,
    BUILD_ARG,
    CACHE,
    COMMIT,
    CONTEXT,
    DOCKERFILE,
    DOWNLOAD_TOKEN_ENV,
    GITHUB_OUTPUT,
    IMAGE,
    MODE,
    REQUIRE_GPU,
    SUMMARY_FILE,
    TIMEOUT,
    VARIANT,
    VERSION,
    compose,
    take_build_inputs,
    take_selection,
    take_smoke_inputs,
)
from bodhi_gen.cli.options import config_option_from
from bodhi_gen.commands import action as command
from bodhi_gen.names import split_csv

PREFIX = "BODHI_ACTION_"


def _env(name: str) -> str:
    return PREFIX + name.upper().replace("-", "_")


inputs = compose(
    config_option_from(_env("config")),
    VARIANT(envvar=_env("variant")),
    MODE(envvar=_env("mode")),
    VERSION(envvar=_env("version")),
    IMAGE(envvar=_env("image")),
    click.option(
        "--platforms",
        default="",
        envvar=_env("platforms"),
        callback=lambda _ctx, _param, value: split_csv(value),  # commas or spaces
        metavar="a,b",
        help="Platforms to build, comma- or space-separated. [default: this host's platform when the "
        "variant builds it, else its first]",
    ),
    CONTEXT(envvar=_env("context")),
    DOCKERFILE(envvar=_env("dockerfile")),
    BUILD_ARG(envvar=_env("build-args")),
    BINARY_DIGESTS(envvar=_env("binary-digests")),
    BINARY_LAYOUTS(envvar=_env("binary-layouts")),
    COMMIT(envvar=_env("commit")),
    CACHE(envvar=_env("cache")),
    DOWNLOAD_TOKEN_ENV(default="BODHI_DOWNLOAD_TOKEN", show_default=True),
    click.option(
        "--smoke-test/--no-smoke-test",
        default=True,
        envvar=_env("smoke-test"),
        show_default=True,
        help="Smoke-test each platform's image before anything is pushed.",
    ),
    TIMEOUT(envvar=_env("smoke-timeout")),
    REQUIRE_GPU(envvar=_env("require-gpu")),
    click.option(
        "--push/--no-push",
        default=False,
        envvar=_env("push"),
        show_default=True,
        help="Push each tested image (by digest) and, unless --push-by-digest, publish the unit's tags.",
    ),
    click.option(
        "--push-by-digest/--publish",
        default=False,
        envvar=_env("push-by-digest"),
        show_default=True,
        help="With --push: stop after pushing by digest (a later `bodhi-gen publish` merges); "
        "--publish merges the platforms into the tags here.",
    ),
    click.option(
        "--registry-username",
        default="",
        envvar=_env("registry-username"),
        help="User name for `docker login` to the image's registry (only when the password is set).",
    ),
    click.option(
        "--registry-password-env",
        default=_env("registry-password"),
        show_default=True,
        metavar="NAME",
        help="Environment variable holding the registry password or token; empty: no login.",
    ),
    click.option(
        "--work-dir",
        type=click.Path(path_type=Path, file_okay=False),
        default=None,
        help="Folder for the digest files and smoke reports. [default: a new folder in $RUNNER_TEMP]",
    ),
    GITHUB_OUTPUT(envvar="GITHUB_OUTPUT"),
    SUMMARY_FILE(envvar="GITHUB_STEP_SUMMARY"),
)


@click.command()
@inputs
def action(**options: Any) -> None:
    """Run the composite action: build, smoke-test, push and publish one variant's platforms.

    Loads the config and plans once. Per platform: take the app binary from --binary-digests, or
    build it once and load it; build once and load the image, smoke-test it
    (unless --no-smoke-test), then with --push push exactly that image under
    <image>:staging-<variant>-<mode>-<arch> and record its digest. Unless --push-by-digest,
    merge the platforms' digests into the unit's tags. Step outputs (image, digest, digest-file,
    tags, smoke-report) and the summary table are written once, at the end.
    Exit codes: 0 done, 2 invalid input or config, 3 docker/registry error, 4 smoke test failed,
    8 an image grew past its size limit (nothing published).
    """
    selection = take_selection(options)
    build = take_build_inputs(options)
    smoke = take_smoke_inputs(options)
    settings = command.ActionSettings(selection=selection, build=build, smoke=smoke, env=os.environ, **options)
    raise SystemExit(command.run(settings))
