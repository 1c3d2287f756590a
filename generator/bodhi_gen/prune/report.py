"""The prune report: one row per version (package, id, digest, tags, decision, reason) and a summary."""

from __future__ import annotations

from collections.abc import Sequence

from bodhi_gen.prune.apply import DELETED, FAILED, NOT_TRIED, Outcome
from bodhi_gen.prune.decide import Decision
from bodhi_gen.tables import table as text_table

HEADER = ("PACKAGE", "VERSION", "DIGEST", "TAGS", "DECISION", "REASON")
_SHORT_DIGEST = len("sha256:") + 12


def table(decisions: Sequence[Decision], outcome: Outcome | None = None) -> str:
    """Deletions first, then what is kept, each in the API's order (newest first)."""
    ordered = [d for d in decisions if d.delete] + [d for d in decisions if not d.delete]
    return text_table([HEADER, *(_row(d, outcome) for d in ordered)]).rstrip("\n")


def summary(decisions: Sequence[Decision], outcome: Outcome | None) -> str:
    doomed = [d for d in decisions if d.delete]
    untagged = sum(1 for d in doomed if not d.version.tags)
    parts = f"{untagged} untagged, {len(doomed) - untagged} stale cache or staging ref(s)"
    if outcome is None:
        return (
            f"dry run: would delete {len(doomed)} of {len(decisions)} version(s) ({parts}); pass --apply to delete them"
        )
    deleted, failed, left = outcome.count(DELETED), outcome.count(FAILED), outcome.count(NOT_TRIED)
    if outcome.error is None:
        return f"deleted {deleted} of {len(decisions)} version(s) ({parts})"
    return f"deleted {deleted}, failed {failed}, not deleted {left} of the {len(doomed)} to delete"


def _row(decision: Decision, outcome: Outcome | None) -> tuple[str, ...]:
    version = decision.version
    digest = version.digest if len(version.digest) <= _SHORT_DIGEST else version.digest[:_SHORT_DIGEST] + "..."
    if not decision.delete:
        verdict = "keep"
    elif outcome is None:
        verdict = "delete"
    else:
        verdict = outcome.statuses.get(version.id, NOT_TRIED)
    return (
        decision.package.name,
        str(version.id),
        digest,
        ",".join(version.tags) or "-",
        verdict,
        decision.reason,
    )
