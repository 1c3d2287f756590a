"""Which versions of a package to delete: a decision over a complete listing and every manifest in it.

A version is kept unless it is provably unneeded. Everything kept for its own sake (a tag still in
use, or too young to judge) is a root. Every version's manifest is read (its bytes checked against
its digest), and from the roots, to any depth, everything they need is kept with them: what an
index lists (whatever the pointing descriptor claims, the manifest's own body says whether it is an
index) and every referrer (a manifest whose ``subject`` is a kept one, or that the registry's
referrers API names: signatures, attestations). Only then are the rest judged: an untagged version
nothing kept reaches, or one tagged only with refs of units the config no longer produces, is
deleted. A manifest that cannot be read or verified raises before anything is decided.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from bodhi_gen.docker.build import STAGING_PREFIX
from bodhi_gen.errors import GitHubError
from bodhi_gen.github.manifests import DIGEST, INDEX_TYPES, MANIFEST_TYPES, Descriptor, Manifest
from bodhi_gen.github.packages import Listing, Package, PackageVersion

StaleTag = Callable[[str], bool]


@dataclass(frozen=True)
class Reader:
    """Reads of the listing's repository: a manifest by digest, and its referrers (None: no referrers API)."""

    manifest: Callable[[str], Manifest]
    referrers: Callable[[str], tuple[Descriptor, ...] | None]


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


def decide_image(listing: Listing, rules: Rules, read: Reader) -> list[Decision]:
    return decide(listing, rules, read, rules.stale_staging, "staging tag of a unit the config no longer produces")


def decide_cache(listing: Listing, rules: Rules, read: Reader) -> list[Decision]:
    return decide(listing, rules, read, rules.stale_cache, "cache of a unit the config no longer produces")


def decide(listing: Listing, rules: Rules, read: Reader, stale: StaleTag, stale_reason: str) -> list[Decision]:
    """One decision per version, in the listing's order."""
    manifests = {version.digest: _read_version(listing.package, version, read) for version in listing.versions}
    own = {version.id: _own(listing.package, version, rules, stale, stale_reason) for version in listing.versions}
    roots = [
        (version.digest, _label(version, manifests[version.digest]))
        for version in listing.versions
        if not own[version.id].delete
    ]
    needed = _needed(roots, manifests, read)
    decisions = []
    for version in listing.versions:
        decision = own[version.id]
        if decision.delete and version.digest in needed:
            # deleting a version deletes its manifest, not only a tag: a needed manifest stays
            why = needed[version.digest]
            decision = Decision(listing.package, version, False, f"stale tag, but it is {why}" if version.tags else why)
        decisions.append(decision)
    return decisions


def _read_version(package: Package, version: PackageVersion, read: Reader) -> Manifest:
    if not DIGEST.match(version.digest):
        msg = (
            f"version {version.id} of {package.image} is named {version.digest[:80]!r}, not a sha256 digest: "
            "prune cannot read what it lists, so nothing was decided or deleted"
        )
        raise GitHubError(msg)
    return read.manifest(version.digest)


def _own(package: Package, version: PackageVersion, rules: Rules, stale: StaleTag, stale_reason: str) -> Decision:
    def keep(reason: str) -> Decision:
        return Decision(package, version, False, reason)

    if version.tags and not all(stale(tag) for tag in version.tags):
        return keep("tagged")
    what = stale_reason if version.tags else "untagged"
    if rules.young(version):
        hours = rules.min_age.total_seconds() / 3600
        return keep(f"{what}, but changed less than {hours:g} h ago: a build may still need it")
    if version.tags:
        return Decision(package, version, True, stale_reason)
    return Decision(package, version, True, "untagged, and nothing kept lists or refers to it")


def _needed(roots: list[tuple[str, str]], manifests: dict[str, Manifest], read: Reader) -> dict[str, str]:
    """Every digest the roots need, to any depth (each visited once), with the first reason found for it."""
    referrers: dict[str, list[str]] = {}  # subject -> the listed manifests that refer to it
    for digest, manifest in manifests.items():
        if manifest.subject is not None:
            referrers.setdefault(manifest.subject, []).append(digest)
    needed: dict[str, str] = {}
    queue: deque[tuple[str, str]] = deque()
    for digest, label in roots:
        if digest not in needed:
            needed[digest] = label
            queue.append((digest, label))
    while queue:
        digest, label = queue.popleft()
        if digest not in manifests:  # listed by a kept index, but not by the packages API: read it all the same
            manifests[digest] = read.manifest(digest)
        manifest = manifests[digest]
        referring = [*referrers.get(digest, []), *(ref.digest for ref in read.referrers(digest) or ())]
        found = [(child.digest, _entry(child, label)) for child in manifest.children if _is_manifest(child, manifests)]
        found += [(ref, f"a referrer (signature or attestation) of {label}") for ref in referring]
        for child, why in found:
            if child not in needed:
                needed[child] = why
                queue.append((child, label))
    return needed


def _is_manifest(child: Descriptor, manifests: dict[str, Manifest]) -> bool:
    """A listed version is a manifest whatever its descriptor says; otherwise the descriptor tells a manifest
    from a blob (a registry cache's index lists its layers and config, which are no versions)."""
    return child.digest in manifests or child.media_type in INDEX_TYPES | MANIFEST_TYPES or not child.media_type


def _entry(child: Descriptor, label: str) -> str:
    role = f"the {child.role} entry" if child.role else "an entry"
    return f"{role} of {label}"


def _label(version: PackageVersion, manifest: Manifest) -> str:
    kind = "index" if manifest.is_index else "image"
    if not version.tags:
        return f"untagged {kind} {version.id} (kept)"
    shown = ", ".join(version.tags[:3]) + (", ..." if len(version.tags) > 3 else "")
    return f"the {kind} tagged {shown}"
