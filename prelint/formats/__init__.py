"""Report formats. Each format is a function `render(run: RunOutput) -> str`, looked up by name.

Streaming formats (one record per draft, e.g. `jsonl`, `github`) also have a function
`render_outcome(outcome: Report | DraftError, run: RunOutput) -> str` that `prelint DIR`
calls as each draft finishes; their `render` is the same records for a finished run.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from typing import Any, Callable

from prelint.model import Level, Report

FORMATS: dict[str, str] = {
    "text": "prelint.formats.text:render",
    "json": "prelint.formats.json_format:render",
    "jsonl": "prelint.formats.jsonl:render",
    "html": "prelint.formats.html:render",
    "sarif": "prelint.formats.sarif:render",
    "github": "prelint.formats.github:render",
    "junit": "prelint.formats.junit:render",
}

# Formats written per draft as it finishes: name -> "module:render_outcome".
STREAMING_FORMATS: dict[str, str] = {
    "jsonl": "prelint.formats.jsonl:render_outcome",
    "github": "prelint.formats.github:render_outcome",
}

# Formats that draw the media facts (sampled frames, series): workers keep them in the Report, passed
# through the format's "module:function" that trims them to what it draws (frames are megabytes).
VISUAL_FORMATS: dict[str, str] = {"html": "prelint.formats.html:slim_media"}


@dataclass(frozen=True)
class DraftError:
    """A draft that could not be linted (unreadable file, broken metadata): one line for the user."""

    path: str | None
    message: str
    internal: bool = False  # a bug in prelint (exit 3), not a problem with the draft (exit 2)

    def __str__(self) -> str:
        from prelint.errors import one_line

        return one_line(f"{self.path}: {self.message}" if self.path else self.message)


@dataclass(frozen=True)
class RunOutput:
    """Everything a format needs: the reports, the drafts that failed, the rules that ran."""

    reports: tuple[Report, ...]
    draft_errors: tuple[DraftError, ...] = ()
    rules: dict[str, Any] = field(default_factory=dict)  # code -> Rule, for docs in SARIF/HTML
    fail_on: Level = Level.WARN
    color: bool = False
    version: str = ""
    base_dir: str | None = None  # folder that paths in SARIF/GitHub/JUnit are made relative to (None = cwd)
    drafts: tuple[Any, ...] = ()  # the Draft of each report, same order (title/caption for HTML); may be empty
    verbose: bool = False  # text: also the checklist of every rule with its metrics, and skipped rules


def renderer(name: str) -> Callable[[RunOutput], str]:
    return resolve(FORMATS[name])


def outcome_renderer(name: str) -> "Callable[[Report | DraftError, RunOutput], str] | None":
    """The per-draft renderer of a streaming format, or None for formats rendered at the end."""
    target = STREAMING_FORMATS.get(name)
    return resolve(target) if target is not None else None


def display_path(path: str | None, base_dir: str | None = None) -> str | None:
    """A report path as CI tools want it: relative to base_dir (default cwd) when inside it, '/'-separated."""
    import os

    if path is None:
        return None
    base = os.path.abspath(base_dir or os.getcwd())
    absolute = os.path.abspath(path)
    try:
        relative = os.path.relpath(absolute, base)
    except ValueError:  # another drive on Windows
        return absolute.replace(os.sep, "/")
    if relative == os.pardir or relative.startswith(os.pardir + os.sep):
        return absolute.replace(os.sep, "/")
    return relative.replace(os.sep, "/")


def resolve(target: str) -> Callable[..., Any]:
    """The function named by a "module:function" string."""
    module_name, _, func = target.partition(":")
    return getattr(importlib.import_module(module_name), func)
