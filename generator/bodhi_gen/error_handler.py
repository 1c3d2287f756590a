"""The one place where expected errors become output and exit codes."""

from __future__ import annotations

import os
import re
import sys
import traceback
from collections.abc import Iterator, Mapping
from contextlib import contextmanager

from bodhi_gen.errors import INTERNAL, INTERRUPTED, BodhiGenError

DEBUG_ENV = "BODHI_GEN_DEBUG"
# environment variables whose values must never be printed (GH_TOKEN, registry passwords, ...)
_SECRET_NAME = re.compile(r"(TOKEN|PASSWORD|SECRET)", re.IGNORECASE)
MASK = "***"


def masked(text: str, env: Mapping[str, str] | None = None) -> str:
    """``text`` with the value of every secret-looking environment variable replaced by ``***``.

    The last line of defence: a message that quotes a request, a URL or a command line can carry a
    token that no code path meant to show.
    """
    environment = os.environ if env is None else env
    values = {value for name, value in environment.items() if _SECRET_NAME.search(name) and len(value) >= 4}
    for value in sorted(values, key=len, reverse=True):
        text = text.replace(value, MASK)
    return text


@contextmanager
def error_handler() -> Iterator[None]:
    """Turn a ``BodhiGenError`` into ``bodhi-gen: <title>: <message>`` on stderr and its exit code.

    Unexpected exceptions still exit non-zero with one line; the traceback is shown only when
    ``BODHI_GEN_DEBUG`` is set, so users never see one for a mistake of theirs.
    """
    try:
        yield
    except BodhiGenError as exc:
        if os.environ.get(DEBUG_ENV):
            traceback.print_exc()
        sys.stderr.write(masked(f"bodhi-gen: {exc.title}: {exc.message.rstrip()}\n"))
        raise SystemExit(exc.exit_code) from None
    except KeyboardInterrupt:
        sys.stderr.write("bodhi-gen: interrupted\n")
        raise SystemExit(INTERRUPTED) from None
    except Exception as exc:
        if os.environ.get(DEBUG_ENV):
            traceback.print_exc()
        sys.stderr.write(
            masked(
                f"bodhi-gen: internal error: {type(exc).__name__}: {exc}\n"
                f"Set {DEBUG_ENV}=1 to see the traceback, and please report it.\n"
            )
        )
        raise SystemExit(INTERNAL) from None
