"""The ``bodhi-gen`` command group.

Commands are imported lazily: ``bodhi-gen workflows`` must not pay for PyGithub or the Docker
wrapper, which only ``release`` and the image commands need, and ``bodhi-gen --help`` lists the
commands from the table below without importing any of them.
"""

from __future__ import annotations

import importlib
from typing import Any

import click

from bodhi_gen import __version__
from bodhi_gen.error_handler import error_handler

# command name -> ("module:function" of its click wrapper, its one-line description), in the order of
# the workflow; tests/unit/test_cli_basics.py holds each description to its command's help
COMMANDS: dict[str, tuple[str, str]] = {
    "init": (
        "bodhi_gen.cli.files_cmd:init",
        "Write BodhiApp's default config to .github/bodhi-gen.yaml, ready to edit.",
    ),
    "matrix": (
        "bodhi_gen.cli.report_cmd:matrix",
        "Print the build plan: every (variant, mode, platform) with its runner, tags and cache.",
    ),
    "workflows": (
        "bodhi_gen.cli.files_cmd:workflows",
        "Render the GitHub workflows, and every file they build from, into OUT.",
    ),
    "dockerfiles": (
        "bodhi_gen.cli.files_cmd:dockerfiles",
        "Render one Dockerfile per variant into OUT/dockerfiles/<variant>.Dockerfile.",
    ),
    "makefile": (
        "bodhi_gen.cli.files_cmd:makefile",
        "Render OUT/devops/Makefile and the root include OUT/bodhi-docker.mk.",
    ),
    "check": (
        "bodhi_gen.cli.files_cmd:check",
        "Run every drift check at once: exit 1 naming each generated file that is missing or differs.",
    ),
    "build": (
        "bodhi_gen.cli.image_cmd:build",
        "Build one (variant, mode, platform), or with --binary one app binary, and report its digest.",
    ),
    "smoke": (
        "bodhi_gen.cli.image_cmd:smoke",
        "Run a built image and check it the way users will run it.",
    ),
    "publish": (
        "bodhi_gen.cli.image_cmd:publish",
        "Merge per-platform digests into the unit's multi-platform tags, then verify the index.",
    ),
    "action": (
        "bodhi_gen.cli.action_cmd:action",
        "Run the composite action: build, smoke-test, push and publish one variant's platforms.",
    ),
    "release": (
        "bodhi_gen.cli.github_cmd:release",
        "Dispatch the release caller workflow on GitHub, and optionally follow the run.",
    ),
    "release-page": (
        "bodhi_gen.cli.github_cmd:release_page",
        "Create or update the GitHub Release of a release tag, with release.json attached.",
    ),
    "bases": (
        "bodhi_gen.cli.report_cmd:bases",
        "Tell which published images were built on a base that has moved since.",
    ),
    "sizes": (
        "bodhi_gen.cli.report_cmd:sizes",
        "Print each platform image's compressed size and its change against the latest-* tag.",
    ),
    "pins": (
        "bodhi_gen.cli.github_cmd:pins",
        "List the third-party action pins (version, commit SHA, release date, age), or update them.",
    ),
    "prune": (
        "bodhi_gen.cli.github_cmd:prune",
        "List, and with --apply delete, the GHCR package versions nothing needs any more.",
    ),
    "schema": (
        "bodhi_gen.cli.files_cmd:schema",
        "Print the config's JSON Schema (draft 2020-12), for editors and validators.",
    ),
    "docs": (
        "bodhi_gen.cli.files_cmd:docs",
        "Regenerate the README's generated parts and bodhi-gen.schema.json in bodhi-gen's own repository.",
    ),
}
# run only in bodhi-gen's own repository, so not listed
HIDDEN = frozenset({"docs"})


class LazyGroup(click.Group):
    """A group whose subcommands are imported only when one is run; its help lists them from ``COMMANDS``."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS:
            return None
        module_name, attr = COMMANDS[cmd_name][0].split(":")
        command = getattr(importlib.import_module(module_name), attr)
        if not isinstance(command, click.Command):
            msg = f"{module_name}:{attr} is not a click command"
            raise TypeError(msg)
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """One whole line per command (click would cut each description to fit)."""
        listed = [(name, summary) for name, (_, summary) in COMMANDS.items() if name not in HIDDEN]
        width = max(len(name) for name, _ in listed)
        with formatter.section("Commands"):
            indent = " " * formatter.current_indent
            formatter.write("".join(f"{indent}{name:<{width}}  {summary}\n" for name, summary in listed))


CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


@click.group(cls=LazyGroup, context_settings=CONTEXT)
@click.version_option(__version__, prog_name="bodhi-gen")
def cli() -> None:
    """Generate, build, smoke-test and ship BodhiApp's Docker images from one validated config.

    Run from any folder of a repository: every command finds the project root (the nearest
    folder up with .github/bodhi-gen.yaml, else the git top), reads its config (or the file named
    by --config; BodhiApp's embedded default when there is none), says on stderr which, and writes
    below that root. Exit codes: 0 ok, 1 drift, 2 config or usage
    error, 3 docker error, 4 smoke test failed, 5 GitHub API error, 6 release run failed,
    7 cannot write a file, 8 image over its size limit, 70 internal error, 130 interrupted.
    Set BODHI_GEN_DEBUG=1 to see tracebacks.
    """


def main(args: list[str] | None = None, **extra: Any) -> None:
    """Console-script entry point: run the group under the one error handler."""
    with error_handler():
        cli.main(args=args, prog_name="bodhi-gen", **extra)
