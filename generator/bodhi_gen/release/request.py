"""What a ``release`` dispatches: the options checked once against the config, before anything is sent."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bodhi_gen.errors import UsageError
from bodhi_gen.github.packages import Package, package_of
from bodhi_gen.names import did_you_mean, split_csv
from bodhi_gen.versions import BumpPart

_REPO = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})/[A-Za-z0-9._-]{1,100}$")
_WORKFLOW_FILE = re.compile(r"^[A-Za-z0-9._-]+\.ya?ml$")
_WORKFLOWS_DIR = ".github/workflows/"
# a full commit id (SHA-1, or SHA-256 in a sha256 repository): workflow_dispatch answers 422 for one
_COMMIT_SHA = re.compile(r"^(?:[0-9a-fA-F]{40}|[0-9a-fA-F]{64})$")


@dataclass(frozen=True)
class DispatchRequest:
    """What to dispatch, every value checked against what the generated caller workflow accepts."""

    repo: str  # OWNER/NAME
    workflow: str  # a file name in .github/workflows/
    ref: str | None  # None: the repository's default branch
    version: str | None  # None: bump the latest published version
    bump: BumpPart | None
    package: Package | None  # where --bump reads the published versions
    mode: str
    variants: tuple[str, ...]  # empty: every variant


def check_version_or_bump(version: str | None, bump: str | None) -> None:
    """Exactly one of them: a version to release as it is, or which part of the latest one to bump."""
    if (version is None) == (bump is None):
        msg = "pass exactly one of --version X.Y.Z and --bump patch|minor|major"
        raise UsageError(msg)


def check_ref(ref: str | None) -> str | None:
    """A branch or tag name (``refs/heads/…``, ``refs/tags/…`` too); None: the default branch."""
    if ref is not None and not ref.strip():
        msg = "--ref must not be empty (leave it out to use the default branch)"
        raise UsageError(msg)
    if ref is not None and _COMMIT_SHA.match(ref.strip()):
        msg = (
            f"--ref {ref.strip()} is a commit SHA, but a workflow_dispatch runs on a branch or tag only "
            "(GitHub answers 422 for a SHA): name a branch or tag (push a tag at that commit to release it)"
        )
        raise UsageError(msg)
    return ref.strip() if ref is not None else None


def check_wait(*, wait: bool, poll_interval: float, timeout: float | None) -> None:
    """``--timeout`` only bounds ``--wait``; both are positive seconds."""
    if timeout is not None and not wait:
        msg = "--timeout bounds --wait; pass --wait too, or drop --timeout"
        raise UsageError(msg)
    if poll_interval <= 0:
        msg = f"--poll-interval must be a positive number of seconds, not {poll_interval}"
        raise UsageError(msg)
    if timeout is not None and timeout <= 0:
        msg = f"--timeout must be a positive number of seconds, not {timeout}"
        raise UsageError(msg)


def parse_variants(text: str, allowed: tuple[str, ...]) -> tuple[str, ...]:
    """``"cuda, cpu"`` → ``("cuda", "cpu")``; empty means every variant. Unknown names are listed."""
    names = split_csv(text)
    unknown = [f"{name}{did_you_mean(name, allowed)}" for name in names if name not in allowed]
    if unknown:
        msg = f"--variants: unknown variant(s) {', '.join(unknown)}; the config defines {', '.join(allowed) or 'none'}"
        raise UsageError(msg)
    return names


def package_from_image(image: str | None) -> Package:
    """The GHCR package behind an image name; ``--bump`` reads published versions from it."""
    package = package_of(image or "")
    if package is None:
        msg = (
            f"--bump reads the published versions from GHCR, but the config's image {image!r} "
            "is not ghcr.io/OWNER/NAME; pass --version X.Y.Z instead"
        )
        raise UsageError(msg)
    return package


def check_repo(repo: str) -> str:
    if not _REPO.match(repo):
        msg = f"--repo {repo!r} is not OWNER/NAME (for example BodhiSearch/BodhiApp)"
        raise UsageError(msg)
    return repo


def check_workflow(workflow: str) -> str:
    name = workflow.removeprefix("./").removeprefix(_WORKFLOWS_DIR)
    if not _WORKFLOW_FILE.match(name):
        msg = (
            f"--workflow {workflow!r} is not a workflow file name: expected e.g. release.yml "
            f"(a file in {_WORKFLOWS_DIR} on the default branch)"
        )
        raise UsageError(msg)
    return name


def check_mode(mode: str | None, allowed: tuple[str, ...]) -> str:
    if mode is None and allowed:
        return allowed[0]
    if mode not in allowed:
        msg = f"--mode {mode!r} is not a mode of the config; choose one of {', '.join(allowed) or 'none'}"
        raise UsageError(msg)
    return mode
