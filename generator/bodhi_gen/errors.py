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

    def __init_subclass__(cls, *, exit_code: int = 0, title: str = "") -> None:
        """``class X(BodhiGenError, exit_code=..., title=...)``; a subclass that names neither inherits both."""
        super().__init_subclass__()
        cls.exit_code, cls.title = exit_code or cls.exit_code, title or cls.title

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class DriftError(BodhiGenError, exit_code=1, title="drift"):
    """Generated files on disk differ from what the config renders (``--check``)."""


class ConfigError(BodhiGenError, exit_code=2, title="config error"):
    """The config file (or a value derived from it) is invalid."""


class UsageError(BodhiGenError, exit_code=2, title="usage error"):
    """A command-line argument is invalid in a way click cannot see by itself."""


class FileWriteError(BodhiGenError, exit_code=7, title="cannot write"):
    """A file of ours (generated file, report, digest record, step output) could not be written."""


class DockerError(BodhiGenError, exit_code=3, title="docker error"):
    """The Docker engine, buildx or the registry refused or failed an operation."""


class SmokeTestError(BodhiGenError, exit_code=4, title="smoke test failed"):
    """An image failed its smoke test."""


class GitHubError(BodhiGenError, exit_code=5, title="GitHub error"):
    """The GitHub API answered with an error, or could not be reached."""


class ReleaseFailedError(BodhiGenError, exit_code=6, title="release failed"):
    """A dispatched workflow run finished without success, or did not finish in time."""


class SizeLimitError(BodhiGenError, exit_code=8, title="image too large"):
    """A platform image grew past its variant's size limit against the image its ``latest-*`` tag holds."""
