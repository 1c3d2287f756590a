"""The pages of a package's version listing, checked as they arrive: a listing that moved is refused.

Versions are listed newest first, a page at a time. A push while they are read shifts a version onto
the next page (read twice); a delete shifts one back (never read), and a version never read could be
the tag that needs a manifest. So a page that repeats an earlier one, a version id or digest listed
twice, or a last page (GitHub's ``Link`` header) that changes between pages stops the listing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

_LINK = re.compile(r'<[^>]*[?&]page=(\d+)[^>]*>\s*;\s*rel="(\w+)"')


class Listed(Protocol):
    @property
    def id(self) -> int: ...

    @property
    def digest(self) -> str: ...


def links(header: str | None) -> dict[str, int]:
    """``rel`` -> page number, from a ``Link`` header (``{"next": 3, "last": 7}``)."""
    return {rel: int(page) for page, rel in _LINK.findall(header or "")}


@dataclass
class PageCheck:
    """Feed it each page in order; ``add`` returns what is wrong with the listing so far, or ""."""

    per_page: int
    pages: list[tuple[int, ...]] = field(default_factory=list)  # the version ids of each page read
    ids: dict[int, int] = field(default_factory=dict)  # version id -> the page it was on
    digests: dict[str, int] = field(default_factory=dict)  # digest -> the version id it names
    last: int | None = None  # the last page, as the first Link header that named one said

    def add(self, page: int, versions: Sequence[Listed], link: str | None) -> str:
        ids = tuple(version.id for version in versions)
        if ids and ids in self.pages:
            return f"page {page} repeats page {self.pages.index(ids) + 1}"
        self.pages.append(ids)
        for version in versions:
            if version.id in self.ids:
                return f"version {version.id} is on page {self.ids[version.id]} and on page {page}"
            if version.digest in self.digests:
                return f"versions {self.digests[version.digest]} and {version.id} both name {version.digest[:80]}"
            self.ids[version.id] = page
            self.digests[version.digest] = version.id
        return self._count(page, len(versions), links(link))

    def _count(self, page: int, size: int, rels: dict[str, int]) -> str:
        if "last" in rels:
            if self.last is None:
                self.last = rels["last"]
            elif rels["last"] != self.last:
                return f"it had {self.last} pages when first read, and {rels['last']} at page {page}"
        if size < self.per_page and "next" in rels:
            return f"page {page} holds {size} versions, but a page {rels['next']} follows it"
        if self.last is not None and size and page > self.last:
            return f"it had {self.last} pages, yet page {page} holds {size} versions"
        if self.last is not None and page <= self.last and (size == 0 or (size < self.per_page and page < self.last)):
            return f"page {page} of {self.last} holds only {size} versions"
        return ""
