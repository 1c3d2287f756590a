"""Engines that refuse what the plan's run flags ask for, told in one line with the fix.

A rootless or sandboxed engine may not raise the locked-memory limit: ``--ulimit memlock=-1:-1``
(which the plan adds for llama-server's ``--mlock``) then fails inside runc with
``error setting rlimits for ready process: error setting rlimit type 8: operation not permitted``
(8 is RLIMIT_MEMLOCK). That is a fact about the engine, not the image, but no image can pass there.
"""

from __future__ import annotations

import re

from bodhi_gen.errors import DockerError
from bodhi_gen.smoke.checks import memlock_limit

_RLIMIT_MEMLOCK = re.compile(r"error setting rlimit type 8: operation not permitted")
MEMLOCK_REFUSED = (
    "this engine refuses --ulimit memlock=-1, which the variant's --mlock needs: drop --mlock from "
    "llama_server_args, or run on an engine that may raise memlock (root, CAP_SYS_RESOURCE)"
)


def start_refusal(error: DockerError, run_flags: tuple[str, ...]) -> str | None:
    """Why the engine would not start the container, in one line with its fix; None when it is no
    refusal we know (then the error stands as it is)."""
    if memlock_limit(run_flags) is not None and _RLIMIT_MEMLOCK.search(error.message):
        return MEMLOCK_REFUSED
    return None
