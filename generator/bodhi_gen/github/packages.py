"""GHCR container packages through the REST API: list every version of a package, delete one version.

Built on ``GitHubClient`` (its retry policy, token masking and bounded transport). The owner is
tried as an organization first, then as a user; the scope that answered is kept for the deletes.
A listing is all or nothing: one that the page limit cuts short, or that moved while it was read
(``pages.py``), is an error, because a tag on a page never read could be the one that still needs a
manifest.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial
from urllib.parse import quote

from bodhi_gen.github import operations as ops
from bodhi_gen.github.budget import RequestBudget
from bodhi_gen.github.client import GitHubClient
from bodhi_gen.github.failures import ApiError, ApiFailure, Operation, malformed
from bodhi_gen.github.models import number, text
from bodhi_gen.github.pages import PageCheck
from bodhi_gen.github.retry import RetryPolicy
from bodhi_gen.github.timing import Deadline, Timing

PER_PAGE = 100
GHCR = "ghcr.io"


@dataclass(frozen=True)
class Package:
    """A GHCR container package: ``ghcr.io/OWNER/NAME`` (NAME may hold slashes)."""

    owner: str
    name: str

    @property
    def image(self) -> str:
        return f"{GHCR}/{self.owner}/{self.name}"


def package_of(image: str) -> Package | None:
    """The GHCR package behind an image repository; None for another registry."""
    registry, _, rest = image.partition("/")
    owner, _, name = rest.partition("/")
    if registry != GHCR or not owner or not name:
        return None
    return Package(owner, name)


@dataclass(frozen=True)
class PackageVersion:
    id: int
    digest: str  # the version's name: the manifest digest (not checked here; prune refuses another name)
    tags: tuple[str, ...]
    created_at: datetime | None
    updated_at: datetime | None = None

    @property
    def changed_at(self) -> datetime | None:
        """When it was pushed or last (un)tagged: the later of the two the API gives."""
        known = [moment for moment in (self.created_at, self.updated_at) if moment is not None]
        return max(known) if known else None


@dataclass(frozen=True)
class Listing:
    package: Package
    scope: str  # "orgs" or "users": where the package answered, and where its deletes go
    versions: tuple[PackageVersion, ...]


def connect_packages(
    api_url: str,
    token: str | None,
    budget: RequestBudget,
    *,
    timing: Timing,
    deadline: Deadline,
    http_timeout: int = 30,
    max_retries: int = 4,
    max_rate_limit_wait: float = 60.0,
) -> PackagesClient:
    policy = RetryPolicy(
        max_retries=max_retries,
        max_rate_limit_wait=max_rate_limit_wait,
        token_present=token is not None,
        api_url=api_url,
    )
    return PackagesClient(
        budget, api_url=api_url, token=token, policy=policy, http_timeout=http_timeout, timing=timing, deadline=deadline
    )


class PackagesClient(GitHubClient):
    def __init__(
        self,
        budget: RequestBudget,
        *,
        api_url: str,
        token: str | None,
        policy: RetryPolicy,
        http_timeout: int,
        timing: Timing,
        deadline: Deadline,
    ) -> None:
        super().__init__(
            api_url=api_url, token=token, policy=policy, http_timeout=http_timeout, timing=timing, deadline=deadline
        )
        self._budget = budget

    def versions(self, package: Package, max_pages: int) -> Listing:
        """Every active version of ``package``, over at most ``max_pages`` pages of ``PER_PAGE``."""
        op = ops.read_package(package.owner, package.name)
        try:
            return self._listing(package, "orgs", op, max_pages)
        except ApiError as exc:
            if exc.failure.status != 404:
                raise
        return self._listing(package, "users", op, max_pages)

    def delete(self, listing: Listing, version: PackageVersion) -> None:
        url = f"{_base(listing.package, listing.scope)}/{version.id}"
        op = _delete_op(listing.package, version)
        self._budget.take(op.what)
        self._call(op, lambda: self._gh.requester.requestJsonAndCheck("DELETE", url))

    def _listing(self, package: Package, scope: str, op: Operation, max_pages: int) -> Listing:
        url = _base(package, scope)
        found: list[PackageVersion] = []
        check = PageCheck(PER_PAGE)
        for page in range(1, max_pages + 1):
            self._budget.take(f"{op.what} (page {page})")
            params = {"per_page": PER_PAGE, "page": page}
            headers, data = self._call(op, partial(self._gh.requester.requestJsonAndCheck, "GET", url, params))
            page_versions = self._call(op, partial(package_versions, data))
            moved = check.add(page, page_versions, headers.get("link") or headers.get("Link"))
            if moved:
                msg = (
                    f"the version listing of {package.image} changed while it was read ({moved}); a version "
                    "on no page read could be a tag that needs a manifest, so nothing was decided or deleted; "
                    "run prune again when no build is publishing"
                )
                raise ApiError(msg, ApiFailure(200, "listing changed"))
            found += page_versions
            if len(page_versions) < PER_PAGE:
                return Listing(package, scope, tuple(found))
        msg = (
            f"{package.image} has more than {max_pages * PER_PAGE} versions (--max-pages {max_pages}); "
            "a partial listing could hide a tag that needs a manifest, so nothing was decided"
        )
        raise ApiError(msg, ApiFailure(200, "listing cut short"))


def package_versions(data: object) -> list[PackageVersion]:
    """One page of ``GET .../packages/container/NAME/versions``; any malformed entry fails the page."""
    if not isinstance(data, list):
        msg = "a page of package versions"
        raise malformed(msg, data)
    return [_version(item) for item in data]


def _version(item: object) -> PackageVersion:
    if not isinstance(item, dict):
        msg = "a package version"
        raise malformed(msg, item)
    metadata = item.get("metadata")
    container = metadata.get("container") if isinstance(metadata, dict) else None
    tags = container.get("tags", []) if isinstance(container, dict) else []
    if not isinstance(tags, list) or not all(isinstance(tag, str) for tag in tags):
        msg = "a package version's tags"
        raise malformed(msg, tags)
    return PackageVersion(
        id=number(item.get("id"), "a package version's id"),
        digest=text(item.get("name"), "a package version's name"),
        tags=tuple(tags),
        created_at=_timestamp(item.get("created_at")),
        updated_at=_timestamp(item.get("updated_at")),
    )


def _timestamp(value: object) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def _base(package: Package, scope: str) -> str:
    return f"/{scope}/{quote(package.owner, safe='')}/packages/container/{quote(package.name, safe='')}/versions"


def _delete_op(package: Package, version: PackageVersion) -> Operation:
    return Operation(
        what=f"deleting version {version.id} ({version.digest}) of {package.image}",
        permission="Packages: delete",
        permission_hint=(
            "deleting takes a classic token with the read:packages and delete:packages scopes, "
            "or GITHUB_TOKEN in a workflow with packages: write and admin access to the package"
        ),
        not_found=(
            f"version {version.id} of {package.image} not found: deleted meanwhile (or by a retried request), "
            "or the token cannot see it"
        ),
    )
