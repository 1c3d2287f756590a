"""Delete what was decided, one version at a time, stopping at the first failure.

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


@dataclass(frozen=True)
class Outcome:
    statuses: dict[int, str]  # version id -> DELETED, FAILED or NOT_TRIED (deletions only)
    error: GitHubError | None = None

    def count(self, status: str) -> int:
        return sum(1 for value in self.statuses.values() if value == status)


def apply(decisions: Sequence[Decision], delete: Callable[[Decision], None]) -> Outcome:
    statuses: dict[int, str] = {d.version.id: NOT_TRIED for d in decisions if d.delete}
    for decision in decisions:
        if not decision.delete:
            continue
        try:
            delete(decision)
        except GitHubError as exc:
            statuses[decision.version.id] = FAILED
            return Outcome(statuses, exc)
        statuses[decision.version.id] = DELETED
    return Outcome(statuses)
