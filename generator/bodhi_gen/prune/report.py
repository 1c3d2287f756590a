"""The prune report: the plan (one row per version: package, id, digest, tags, decision, reason), and
after ``--apply`` what became of each deletion. A dry run and an apply of the same state print the same plan."""

from __future__ import annotations

from collections.abc import Sequence

from bodhi_gen.prune.apply import DELETED, FAILED, NOT_TRIED, Outcome, key_of
from bodhi_gen.prune.decide import Decision
from bodhi_gen.tables import table as text_table

HEADER = ("PACKAGE", "VERSION", "DIGEST", "TAGS", "DECISION", "REASON")
_SHORT_DIGEST = len("sha256:") + 12


def plan(decisions: Sequence[Decision]) -> str:
    """Deletions first, then what is kept, each in the API's order (newest first)."""
    ordered = [d for d in decisions if d.delete] + [d for d in decisions if not d.delete]
    return _table([_row(d, "delete" if d.delete else "keep") for d in ordered])


def outcome(decisions: Sequence[Decision], result: Outcome) -> str:
    """Each deletion with what became of it, in the order they ran."""
    doomed = [d for d in decisions if d.delete]
    return _table([_row(d, result.statuses.get(key_of(d), NOT_TRIED)) for d in doomed])


def counts(decisions: Sequence[Decision]) -> str:
    doomed = [d for d in decisions if d.delete]
    untagged = sum(1 for d in doomed if not d.version.tags)
    return (
        f"{len(doomed)} of {len(decisions)} version(s) "
        f"({untagged} untagged, {len(doomed) - untagged} stale cache or staging ref(s))"
    )


def dry_run(decisions: Sequence[Decision]) -> str:
    return f"dry run: would delete {counts(decisions)}; pass --apply to delete them"


def applying(decisions: Sequence[Decision]) -> str:
    return f"--apply: deleting {counts(decisions)}, in the plan's order, each once"


def summary(decisions: Sequence[Decision], result: Outcome) -> str:
    deleted, failed, left = result.count(DELETED), result.count(FAILED), result.count(NOT_TRIED)
    if result.error is None:
        return f"deleted {deleted} of {len(decisions)} version(s)"
    return f"deleted {deleted}, failed {failed}, not deleted {left} of the {deleted + failed + left} to delete"


def _table(rows: list[tuple[str, ...]]) -> str:
    return text_table([HEADER, *rows]).rstrip("\n")


def _row(decision: Decision, verdict: str) -> tuple[str, ...]:
    version = decision.version
    digest = version.digest if len(version.digest) <= _SHORT_DIGEST else version.digest[:_SHORT_DIGEST] + "..."
    return (decision.package.name, str(version.id), digest, ",".join(version.tags) or "-", verdict, decision.reason)
