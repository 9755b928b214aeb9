"""Report formats. Each format is a function `render(run: RunOutput) -> str`, looked up by name."""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from typing import Any, Callable

from prelint.model import Level, Report

FORMATS: dict[str, str] = {
    "text": "prelint.formats.text:render",
    "json": "prelint.formats.json_format:render",
}


@dataclass(frozen=True)
class DraftError:
    """A draft that could not be linted (unreadable file, broken metadata): one line for the user."""

    path: str | None
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


@dataclass(frozen=True)
class RunOutput:
    """Everything a format needs: the reports, the drafts that failed, the rules that ran."""

    reports: tuple[Report, ...]
    draft_errors: tuple[DraftError, ...] = ()
    rules: dict[str, Any] = field(default_factory=dict)  # code -> Rule, for docs in SARIF/HTML
    fail_on: Level = Level.WARN
    color: bool = False
    version: str = ""


def renderer(name: str) -> Callable[[RunOutput], str]:
    module_name, _, func = FORMATS[name].partition(":")
    return getattr(importlib.import_module(module_name), func)
