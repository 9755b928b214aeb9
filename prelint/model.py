"""The data that flows out of checks: findings, rule results and reports."""

from __future__ import annotations

from dataclasses import dataclass, field as dataclass_field
from enum import Enum
from typing import Any


class Level(str, Enum):
    """How serious a finding is. Ordered: info < warn < error."""

    INFO = "info"
    WARN = "warn"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return _LEVEL_RANK[self.value]

    @classmethod
    def parse(cls, value: "str | Level") -> "Level":
        if isinstance(value, Level):
            return value
        try:
            return cls(str(value).lower())
        except ValueError:
            raise ValueError(f"level must be one of info, warn, error (got {value!r})") from None


_LEVEL_RANK = {"info": 1, "warn": 2, "error": 3}


class Status(str, Enum):
    """Outcome of one rule on one draft. `info` means only info-level findings."""

    PASS = "pass"
    INFO = "info"
    WARN = "warn"
    ERROR = "error"
    SKIPPED = "skipped"

    @property
    def rank(self) -> int:
        return {"skipped": 0, "pass": 0, "info": 1, "warn": 2, "error": 3}[self.value]


@dataclass(frozen=True)
class Finding:
    """One problem found by a rule, with where it is and what was measured.

    Text locations use `field` (title, caption, hashtags, subtitles, screen) and
    `start`/`end` character offsets into that field; media locations use
    `start_s`/`end_s` in seconds. `evidence` holds the measured numbers or matched text.
    """

    code: str
    name: str
    level: Level
    message: str
    hint: str | None = None
    field: str | None = None
    start: int | None = None
    end: int | None = None
    start_s: float | None = None
    end_s: float | None = None
    evidence: dict[str, Any] = dataclass_field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "level": self.level.value,
            "message": self.message,
            "hint": self.hint,
            "field": self.field,
            "start": self.start,
            "end": self.end,
            "start_s": _round_s(self.start_s),
            "end_s": _round_s(self.end_s),
            "evidence": _jsonable(self.evidence),
        }


@dataclass(frozen=True)
class RuleResult:
    """What one rule concluded about one draft."""

    code: str
    name: str
    status: Status
    findings: tuple[Finding, ...] = ()
    metrics: dict[str, Any] = dataclass_field(default_factory=dict)
    reason: str | None = None  # why it was skipped

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "code": self.code,
            "name": self.name,
            "status": self.status.value,
            "findings": [f.to_dict() for f in self.findings],
            "metrics": _jsonable(self.metrics),
        }
        if self.reason is not None:
            out["reason"] = self.reason
        return out


@dataclass(frozen=True)
class Report:
    """All rule results for one draft. `to_dict()` is one entry of the JSON report's `drafts`."""

    path: str | None
    rules: tuple[RuleResult, ...]
    platform: str | None = None
    errors: tuple[str, ...] = ()  # checks that crashed, as one-line messages
    # The file each text field came from ("title" -> "drafts/a.prelint.toml", "subtitles" -> "a.srt"):
    # CI formats point a finding in that field at that file, not at the video. Not in to_dict().
    field_files: dict[str, str] = dataclass_field(default_factory=dict, compare=False)
    # Facts computed while linting (MediaFacts, ContentText), for visual reports; not in to_dict().
    media: Any = dataclass_field(default=None, compare=False, repr=False)
    content: Any = dataclass_field(default=None, compare=False, repr=False)

    @property
    def findings(self) -> list[Finding]:
        return [f for r in self.rules for f in r.findings]

    def file_of(self, finding: Finding) -> str | None:
        """The file a finding is about: the metadata or subtitles file its field came from, else the draft."""
        return self.field_files.get(finding.field or "", self.path)

    @property
    def verdict(self) -> str:
        """`pass`, `info`, `warn` or `error`: the worst rule status."""
        worst = max((r.status.rank for r in self.rules), default=0)
        return {0: "pass", 1: "info", 2: "warn", 3: "error"}[worst]

    def result(self, code_or_name: str) -> RuleResult:
        for r in self.rules:
            if code_or_name in (r.code, r.name):
                return r
        raise KeyError(code_or_name)

    def failed(self, fail_on: Level) -> bool:
        return any(f.level.rank >= fail_on.rank for f in self.findings)

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "platform": self.platform,
            "verdict": self.verdict,
            "rules": [r.to_dict() for r in self.rules],
            "errors": list(self.errors),
        }


def _round_s(value: float | None) -> float | None:
    return None if value is None else round(float(value), 3)


def _jsonable(value: Any) -> Any:
    """Make evidence/metrics JSON-safe: numpy scalars to Python, floats rounded, tuples to lists."""
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, bool) or value is None or isinstance(value, (int, str)):
        return value
    if isinstance(value, float):
        return round(value, 4)
    if hasattr(value, "item"):  # numpy scalar
        return _jsonable(value.item())
    if isinstance(value, Enum):
        return value.value
    return str(value)
