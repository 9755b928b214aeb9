"""Exit statuses; errors that end a run with exit status 2 and one line on stderr, never a traceback;
and Skip, which only ends one rule's work on one draft."""

from __future__ import annotations

from pathlib import Path


#: Exit statuses of every prelint command (README "Exit codes"): no finding at or above fail-on, findings,
#: bad input / usage / config, a check crashed.
EXIT_OK, EXIT_FINDINGS, EXIT_ERROR, EXIT_CRASH = 0, 1, 2, 3


class PrelintError(Exception):
    """Base class: a problem the user can fix (bad input, bad config, bad usage)."""

    exit_code = 2

    def __init__(self, message: str, path: str | Path | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = str(path) if path is not None else None

    def __str__(self) -> str:
        return one_line(f"{self.path}: {self.message}" if self.path else self.message)


def one_line(text: str) -> str:
    """Newlines and other control characters (a file may be named "a\\nb.mp4") escaped: errors stay one line."""
    from prelint.terminal import visible

    return visible(text)


class InputError(PrelintError):
    """A draft file is missing, unreadable, not a video, corrupt or otherwise unusable."""


class ConfigError(PrelintError):
    """A config or metadata file is broken: bad TOML, unknown key, wrong type."""


class UsageError(PrelintError):
    """The command line or API call is wrong (unknown rule selector, bad option value)."""


class AnalysisTimeout(InputError):
    """Decoding took longer than the analysis time limit (a hostile or malformed stream)."""


class Skip(Exception):
    """Raised by a check (via `ctx.skip`) or a fact provider: the rule cannot judge this draft."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason
