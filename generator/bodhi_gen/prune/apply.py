"""Delete what was decided, each version once, in the plan's order, stopping at the first failure.

Stopping, rather than carrying on, keeps a permission or API problem from being repeated for every
version; the outcome says which were deleted, which failed and which were never tried.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from bodhi_gen.errors import GitHubError
from bodhi_gen.prune.decide import Decision

DELETED = "deleted"
FAILED = "FAILED"
NOT_TRIED = "not deleted"

Key = tuple[str, int]  # (package name, version id)


def key_of(decision: Decision) -> Key:
    return decision.package.name, decision.version.id


@dataclass(frozen=True)
class Outcome:
    statuses: dict[Key, str]  # each deletion -> DELETED, FAILED or NOT_TRIED
    error: GitHubError | None = None

    def count(self, status: str) -> int:
        return sum(1 for value in self.statuses.values() if value == status)


def deletions(decisions: Sequence[Decision]) -> list[Decision]:
    """The versions to delete, in order; a version decided twice is refused before anything is deleted."""
    seen: set[Key] = set()
    for decision in decisions:
        if key_of(decision) in seen:
            msg = (
                f"version {decision.version.id} of {decision.package.image} was decided twice; "
                "a plan deletes each version once, so nothing was deleted"
            )
            raise GitHubError(msg)
        seen.add(key_of(decision))
    return [decision for decision in decisions if decision.delete]


def apply(decisions: Sequence[Decision], delete: Callable[[Decision], None]) -> Outcome:
    doomed = deletions(decisions)
    statuses = {key_of(decision): NOT_TRIED for decision in doomed}
    for decision in doomed:
        try:
            delete(decision)
        except GitHubError as exc:
            statuses[key_of(decision)] = FAILED
            return Outcome(statuses, exc)
        statuses[key_of(decision)] = DELETED
    return Outcome(statuses)
