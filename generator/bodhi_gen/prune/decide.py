"""Which versions of a package to delete: a pure decision over a complete listing and the manifests it reads.

A version is kept unless it is provably unneeded. Everything kept for its own sake (a tag still in
use, or too young to judge) is a root, and every manifest a root's index lists, through nested
indexes, is kept with it: deleting a per-platform image or an attestation that a multi-platform tag
lists would break every pull of that tag. Only then are the rest judged: an untagged version no root
reaches, or one tagged only with refs of units the config no longer produces, is deleted.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from bodhi_gen.docker.build import STAGING_PREFIX
from bodhi_gen.github.packages import DIGEST, Listing, Package, PackageVersion
from bodhi_gen.github.registry import INDEX_TYPES, Manifest

# nested indexes deeper than this are not read (BuildKit and imagetools write one level)
MAX_DEPTH = 4

ReadManifest = Callable[[str], Manifest]  # digest -> manifest, in the listing's repository
StaleTag = Callable[[str], bool]


@dataclass(frozen=True)
class Decision:
    package: Package
    version: PackageVersion
    delete: bool
    reason: str


@dataclass(frozen=True)
class Rules:
    current_keys: frozenset[str]  # the unit keys the config produces (build and binary units)
    arches: frozenset[str]  # the architectures unit keys end with
    now: datetime
    min_age: timedelta

    def stale_staging(self, tag: str) -> bool:
        """``staging-<key>`` of a unit the config no longer produces."""
        return tag.startswith(STAGING_PREFIX) and tag.removeprefix(STAGING_PREFIX) not in self.current_keys

    def stale_cache(self, tag: str) -> bool:
        """A unit key (``<variant>-<mode>-<arch>``) the config no longer produces; other tags are not ours."""
        parts = tag.split("-")
        return len(parts) >= 3 and parts[-1] in self.arches and all(parts) and tag not in self.current_keys

    def young(self, version: PackageVersion) -> bool:
        """Changed within ``min_age`` (or of unknown age): a build may still be tagging or merging it."""
        moment = version.changed_at
        return moment is None or self.now - moment < self.min_age


def decide_image(listing: Listing, rules: Rules, read: ReadManifest) -> list[Decision]:
    return decide(listing, rules, read, rules.stale_staging, "staging tag of a unit the config no longer produces")


def decide_cache(listing: Listing, rules: Rules, read: ReadManifest) -> list[Decision]:
    return decide(listing, rules, read, rules.stale_cache, "cache of a unit the config no longer produces")


def decide(listing: Listing, rules: Rules, read: ReadManifest, stale: StaleTag, stale_reason: str) -> list[Decision]:
    """One decision per version, in the listing's order."""
    own: dict[int, Decision] = {}  # versions judged by themselves, before any manifest is read
    for version in listing.versions:
        own[version.id] = _own(listing.package, version, rules, stale, stale_reason)
    needed: dict[str, str] = {}  # digest -> which root needs it
    for version in listing.versions:
        if not own[version.id].delete and DIGEST.match(version.digest):
            _reach(version.digest, _label(version), read, needed, 0)
    decisions = []
    for version in listing.versions:
        decision = own[version.id]
        if decision.delete and version.digest in needed:
            # deleting a version deletes its manifest, not only a tag: a listed manifest stays
            why = needed[version.digest]
            decision = Decision(listing.package, version, False, f"stale tag, but it is {why}" if version.tags else why)
        decisions.append(decision)
    return decisions


def _own(package: Package, version: PackageVersion, rules: Rules, stale: StaleTag, stale_reason: str) -> Decision:
    def keep(reason: str) -> Decision:
        return Decision(package, version, False, reason)

    if not DIGEST.match(version.digest):
        return keep("its name is not a sha256 digest; left alone")
    if version.tags and not all(stale(tag) for tag in version.tags):
        return keep("tagged")
    what = stale_reason if version.tags else "untagged"
    if rules.young(version):
        hours = rules.min_age.total_seconds() / 3600
        return keep(f"{what}, but changed less than {hours:g} h ago: a build may still need it")
    if version.tags:
        return Decision(package, version, True, stale_reason)
    return Decision(package, version, True, "untagged, and no tagged index lists it")


def _reach(digest: str, label: str, read: ReadManifest, needed: dict[str, str], depth: int) -> None:
    """Mark everything the manifest ``digest`` lists as needed by ``label``, through nested indexes."""
    manifest = read(digest)
    for child in manifest.children:
        if child.digest in needed:
            continue
        role = f"the {child.role} entry" if child.role else "an entry"
        needed[child.digest] = f"{role} of {label}"
        if child.media_type in INDEX_TYPES and depth < MAX_DEPTH:
            _reach(child.digest, label, read, needed, depth + 1)


def _label(version: PackageVersion) -> str:
    if not version.tags:
        return f"untagged index {version.id} (kept)"
    shown = ", ".join(version.tags[:3]) + (", ..." if len(version.tags) > 3 else "")
    return f"the index tagged {shown}"
