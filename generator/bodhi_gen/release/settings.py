"""The validated options of one ``release`` invocation, built once from the command line and environment."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from bodhi_gen.errors import UsageError
from bodhi_gen.names import split_csv
from bodhi_gen.release.versioning import BumpPart, check_version

DEFAULT_API_URL = "https://api.github.com"
TOKEN_ENV_VARS = ("GH_TOKEN", "GITHUB_TOKEN")
API_URL_ENV_VAR = "GITHUB_API_URL"

_REPO = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})/[A-Za-z0-9._-]{1,100}$")
_WORKFLOW_FILE = re.compile(r"^[A-Za-z0-9._-]+\.ya?ml$")
_WORKFLOWS_DIR = ".github/workflows/"


@dataclass(frozen=True)
class PackageRef:
    """A GHCR container package: ``ghcr.io/OWNER/NAME`` → owner ``OWNER``, package ``NAME``."""

    owner: str
    name: str

    @property
    def image(self) -> str:
        return f"ghcr.io/{self.owner}/{self.name}"


@dataclass(frozen=True)
class ReleaseSettings:
    repo: str
    workflow: str
    version: str | None
    bump: BumpPart | None
    ref: str | None
    mode: str
    variants: tuple[str, ...]
    wait: bool
    poll_interval: float
    timeout: float | None
    api_url: str
    token: str | None = field(repr=False)
    dry_run: bool
    json_output: bool
    package: PackageRef | None
    http_timeout: int = 30
    max_retries: int = 4
    max_rate_limit_wait: float = 60.0
    # How long to look for the run when the server does not say which run the dispatch created.
    find_run_timeout: float = 60.0


def build_settings(
    *,
    repo: str,
    workflow: str,
    version: str | None,
    bump: str | None,
    ref: str | None,
    mode: str | None,
    variants: str | None,
    wait: bool,
    poll_interval: float,
    timeout: float | None,
    api_url: str | None,
    dry_run: bool,
    json_output: bool,
    env: Mapping[str, str],
    allowed_variants: tuple[str, ...],
    allowed_modes: tuple[str, ...],
    image: str | None,
) -> ReleaseSettings:
    """Validate every option against what the generated caller workflow accepts."""
    if (version is None) == (bump is None):
        msg = "pass exactly one of --version X.Y.Z and --bump patch|minor|major"
        raise UsageError(msg)
    if timeout is not None and not wait:
        msg = "--timeout bounds --wait; pass --wait too, or drop --timeout"
        raise UsageError(msg)
    if poll_interval <= 0:
        msg = f"--poll-interval must be a positive number of seconds, not {poll_interval}"
        raise UsageError(msg)
    if timeout is not None and timeout <= 0:
        msg = f"--timeout must be a positive number of seconds, not {timeout}"
        raise UsageError(msg)
    if ref is not None and not ref.strip():
        msg = "--ref must not be empty (leave it out to use the default branch)"
        raise UsageError(msg)
    return ReleaseSettings(
        repo=_check_repo(repo),
        workflow=_check_workflow(workflow),
        version=check_version(version) if version is not None else None,
        bump=BumpPart(bump) if bump is not None else None,
        ref=ref.strip() if ref is not None else None,
        mode=_check_mode(mode, allowed_modes),
        variants=parse_variants(variants or "", allowed_variants),
        wait=wait,
        poll_interval=poll_interval,
        timeout=timeout,
        api_url=api_url_from(api_url, env),
        token=token_from_env(env),
        dry_run=dry_run,
        json_output=json_output,
        package=package_from_image(image) if bump is not None else None,
    )


def api_url_from(option: str | None, env: Mapping[str, str]) -> str:
    """``--api-url``, then ``GITHUB_API_URL``, then github.com; checked to be an http(s) URL."""
    return _check_api_url(option or env.get(API_URL_ENV_VAR) or DEFAULT_API_URL)


def token_from_env(env: Mapping[str, str]) -> str | None:
    """``GH_TOKEN``, then ``GITHUB_TOKEN`` (the GitHub CLI's order); blank values count as unset."""
    for name in TOKEN_ENV_VARS:
        value = env.get(name, "").strip()
        if value:
            return value
    return None


def parse_variants(text: str, allowed: tuple[str, ...]) -> tuple[str, ...]:
    """``"cuda, cpu"`` → ``("cuda", "cpu")``; empty means every variant. Unknown names are listed."""
    names = split_csv(text)
    unknown = [name for name in names if name not in allowed]
    if unknown:
        msg = f"--variants: unknown variant(s) {', '.join(unknown)}; the config defines {', '.join(allowed) or 'none'}"
        raise UsageError(msg)
    return names


def package_from_image(image: str | None) -> PackageRef:
    """The GHCR package behind an image name; ``--bump`` reads published versions from it."""
    parts = (image or "").split("/", 2)
    if len(parts) != 3 or parts[0] != "ghcr.io" or not parts[1] or not parts[2]:
        msg = (
            f"--bump reads the published versions from GHCR, but the config's image {image!r} "
            "is not ghcr.io/OWNER/NAME; pass --version X.Y.Z instead"
        )
        raise UsageError(msg)
    return PackageRef(owner=parts[1], name=parts[2])


def _check_repo(repo: str) -> str:
    if not _REPO.match(repo):
        msg = f"--repo {repo!r} is not OWNER/NAME (for example BodhiSearch/BodhiApp)"
        raise UsageError(msg)
    return repo


def _check_workflow(workflow: str) -> str:
    name = workflow.removeprefix("./").removeprefix(_WORKFLOWS_DIR)
    if not _WORKFLOW_FILE.match(name):
        msg = (
            f"--workflow {workflow!r} is not a workflow file name: expected e.g. release.yml "
            f"(a file in {_WORKFLOWS_DIR} on the default branch)"
        )
        raise UsageError(msg)
    return name


def _check_mode(mode: str | None, allowed: tuple[str, ...]) -> str:
    if mode is None and allowed:
        return allowed[0]
    if mode not in allowed:
        msg = f"--mode {mode!r} is not a mode of the config; choose one of {', '.join(allowed) or 'none'}"
        raise UsageError(msg)
    return mode


def _check_api_url(url: str) -> str:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        msg = (
            f"API URL {url!r} (from --api-url or {API_URL_ENV_VAR}) is not an http(s) URL; "
            "GitHub Enterprise Server uses https://HOST/api/v3"
        )
        raise UsageError(msg)
    return url.rstrip("/")
