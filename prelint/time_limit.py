"""One draft's whole lint bounded by `analysis-time-limit-s`, whatever the work.

The media analysis checks its own Deadline in every loop that reads the file. This is the
backstop for everything else a draft's text, subtitles or a plugin can make slow: an interval
timer (SIGALRM) interrupts the work at the limit, including a regular expression in the middle
of a match (Python's `re` checks for signals while it backtracks), and the draft becomes one
AnalysisTimeout naming the check that was running.

Signals reach only the main thread, so the limit applies where prelint lints (the command, its
worker processes, and `prelint.lint()` called from a program's main thread). Elsewhere, or when
the program already uses SIGALRM or the real-time interval timer, it stays out of the way.
"""

from __future__ import annotations

import os
import signal
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Iterator

from prelint.errors import AnalysisTimeout

MAX_GRACE_S = 1.0
"""The timer fires after the limit plus the limit's own length, at most this long, so that a video's
analysis, which checks the same limit in its own loops and cleans up its decoders as it stops,
reports its own timeout first."""


def grace_s(limit_s: float) -> float:
    return min(MAX_GRACE_S, limit_s)


class _LimitReached(BaseException):
    """Raised by the timer. A BaseException, so no `except Exception` in a check can swallow it."""


@dataclass
class DraftClock:
    """What the draft is doing when the limit is reached (a check code, or "reading the draft")."""

    doing: str = "reading the draft"
    armed: bool = False


def can_interrupt() -> bool:
    """True when the interval timer is free for prelint to use on this thread."""
    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        return False
    if signal.getsignal(signal.SIGALRM) not in (signal.SIG_DFL, None):
        return False
    return signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


@contextmanager
def draft_time_limit(limit_s: float, path: str | os.PathLike[str] | None) -> Iterator[DraftClock]:
    """Run the block with at most `limit_s` seconds; past it, raise AnalysisTimeout for `path`."""
    clock = DraftClock()
    if not can_interrupt():
        yield clock
        return

    def reached(signum: int, frame: Any) -> None:
        if clock.armed:
            clock.armed = False
            raise _LimitReached

    previous = signal.signal(signal.SIGALRM, reached)
    clock.armed = True
    signal.setitimer(signal.ITIMER_REAL, limit_s + grace_s(limit_s))
    try:
        yield clock
    except _LimitReached:
        raise AnalysisTimeout(f"linting exceeded the time limit of {limit_s:g} s while {clock.doing} "
                              "(analysis-time-limit-s)", path) from None
    finally:
        clock.armed = False
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
