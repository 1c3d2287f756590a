"""GHCR container packages as the REST API lists them: a package, its versions, and the delete call's words.

``GitHubClient.versions`` lists them and ``GitHubClient.delete`` deletes one. A listing is all or nothing:
one that the page limit cuts short, or that moved while it was read (``pages.py``), is an error, because a
tag on a page never read could be the one that still needs a manifest.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import quote

from bodhi_gen.config.rules import GHCR, registry_of
from bodhi_gen.github.failures import Operation, malformed
from bodhi_gen.github.models import number, text


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
    owner, _, name = image.partition("/")[2].partition("/")
    if registry_of(image) != GHCR or not owner or not name:
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


def versions_url(package: Package, scope: str) -> str:
    return f"/{scope}/{quote(package.owner, safe='')}/packages/container/{quote(package.name, safe='')}/versions"


def delete_op(package: Package, version: PackageVersion) -> Operation:
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
