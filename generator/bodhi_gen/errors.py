"""The exception hierarchy: every expected failure carries the exit code it ends the program with.

Only the error handler (``bodhi_gen.error_handler``) turns these into output; nothing else prints them.
"""

from __future__ import annotations

# exit codes that belong to no exception class of ours
OK = 0
INTERNAL = 70  # an unexpected exception (a bug): EX_SOFTWARE
INTERRUPTED = 130  # Ctrl-C: 128 + SIGINT, as shells report it


class BodhiGenError(Exception):
    """An expected failure: printed as one readable paragraph, never as a traceback."""

    exit_code = 3
    title = "error"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class DriftError(BodhiGenError):
    """Generated files on disk differ from what the config renders (``--check``)."""

    exit_code = 1
    title = "drift"


class ConfigError(BodhiGenError):
    """The config file (or a value derived from it) is invalid."""

    exit_code = 2
    title = "config error"


class UsageError(BodhiGenError):
    """A command-line argument is invalid in a way click cannot see by itself."""

    exit_code = 2
    title = "usage error"


class FileWriteError(BodhiGenError):
    """A file of ours (generated file, report, digest record, step output) could not be written."""

    exit_code = 7
    title = "cannot write"


class DockerError(BodhiGenError):
    """The Docker engine, buildx or the registry refused or failed an operation."""

    exit_code = 3
    title = "docker error"


class SmokeTestError(BodhiGenError):
    """An image failed its smoke test."""

    exit_code = 4
    title = "smoke test failed"


class GitHubError(BodhiGenError):
    """The GitHub API answered with an error, or could not be reached."""

    exit_code = 5
    title = "GitHub error"


class ReleaseFailedError(BodhiGenError):
    """A dispatched workflow run finished without success, or did not finish in time."""

    exit_code = 6
    title = "release failed"


class SizeLimitError(BodhiGenError):
    """A platform image grew past its variant's size limit against the image its ``latest-*`` tag holds."""

    exit_code = 8
    title = "image too large"
