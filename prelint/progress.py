"""The progress bar of a run, drawn on stderr only when it is a terminal."""

from __future__ import annotations

import sys
import time
from typing import IO

from prelint.terminal import visible


class ProgressBar:
    """`[3/12] drafts/a.mp4 [#######             ]  35%` on stderr, only when stderr is a terminal.

    Nothing is drawn for the first SHOW_AFTER_S seconds, so quick runs stay silent.
    """

    SHOW_AFTER_S = 0.5
    WIDTH = 20

    def __init__(self, total: int, stream: IO[str] | None = None, enabled: bool | None = None) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = _isatty(self.stream) if enabled is None else enabled
        self.total = total
        self.done = 0
        self.started = time.monotonic()
        self.shown = ""
        self.label = ""

    def draft_progress(self, label: str, fraction: float) -> None:
        """Progress callback for lint_draft: how far the current draft's analysis is."""
        self.label = label
        self._draw(self.done + max(0.0, min(1.0, fraction)))

    def advance(self, label: str | None) -> None:
        """One more draft finished."""
        self.done += 1
        self.label = label or ""
        self._draw(self.done)

    def _draw(self, units: float) -> None:
        if not self.enabled or time.monotonic() - self.started < self.SHOW_AFTER_S:
            return
        fraction = units / self.total if self.total else 1.0
        pct = int(fraction * 100)
        filled = int(fraction * self.WIDTH)
        counter = f"[{self.done}/{self.total}] " if self.total > 1 else ""
        line = f"{counter}{visible(self.label[-40:])} [{'#' * filled:<{self.WIDTH}}] {pct:3d}%"
        if line != self.shown:
            self.stream.write("\r" + line.ljust(len(self.shown)))
            self.stream.flush()
            self.shown = line

    def clear(self) -> None:
        """Erase the bar (before writing a result to the same terminal, and at the end)."""
        if self.shown:
            self.stream.write("\r" + " " * len(self.shown) + "\r")
            self.stream.flush()
            self.shown = ""


def _isatty(stream: IO[str]) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
