"""The one place where expected errors become output and exit codes."""

from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Iterator
from contextlib import contextmanager

from bodhi_gen.errors import INTERNAL, INTERRUPTED, BodhiGenError

DEBUG_ENV = "BODHI_GEN_DEBUG"


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
        sys.stderr.write(f"bodhi-gen: {exc.title}: {exc.message.rstrip()}\n")
        raise SystemExit(exc.exit_code) from None
    except KeyboardInterrupt:
        sys.stderr.write("bodhi-gen: interrupted\n")
        raise SystemExit(INTERRUPTED) from None
    except Exception as exc:
        if os.environ.get(DEBUG_ENV):
            traceback.print_exc()
        sys.stderr.write(
            f"bodhi-gen: internal error: {type(exc).__name__}: {exc}\n"
            f"Set {DEBUG_ENV}=1 to see the traceback, and please report it.\n"
        )
        raise SystemExit(INTERNAL) from None
