"""A cap on how many requests one command sends, shared by the packages API and the registry reader.

Retries of one request count too: the cap bounds what reaches GitHub, not how many calls the code makes.
"""

from __future__ import annotations

from dataclasses import dataclass

from bodhi_gen.errors import GitHubError


class RequestCapError(GitHubError):
    """The command would send more requests than ``--max-requests`` allows."""


@dataclass
class RequestBudget:
    limit: int
    used: int = 0

    def take(self, what: str) -> None:
        """Count one request; past the limit, stop before sending it."""
        if self.used >= self.limit:
            msg = f"stopped before {what}: {self.limit} requests sent, the --max-requests cap"
            raise RequestCapError(msg)
        self.used += 1
