"""The analysis time limit as one point in time, shared by every loop of one analysis.

analyze() starts the clock before anything reads the file; probing, planning and decoding
each check it in every loop that reads the file and stop there, however long the file says
it is (a container's declared duration is never trusted to bound the work).
"""

from __future__ import annotations

import math
import os
import time

from prelint.errors import AnalysisTimeout


class Deadline:
    """`limit_s` seconds after `started` (time.monotonic(); default: now)."""

    def __init__(self, limit_s: float, started: float | None = None) -> None:
        self.limit_s = limit_s
        self.at = (time.monotonic() if started is None else started) + limit_s

    @classmethod
    def never(cls) -> Deadline:
        return cls(math.inf)

    def remaining(self) -> float:
        """Seconds left (0 when expired; inf without a limit)."""
        return max(0.0, self.at - time.monotonic())

    def expired(self) -> bool:
        return time.monotonic() >= self.at

    def error(self, path: str | os.PathLike[str]) -> AnalysisTimeout:
        return AnalysisTimeout(f"analysis exceeded the time limit of {self.limit_s:g} s", path)

    def check(self, path: str | os.PathLike[str]) -> None:
        """Raise AnalysisTimeout once the deadline has passed."""
        if self.expired():
            raise self.error(path)
