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

    def to_dict(self, exact: bool = False) -> dict[str, Any]:
        """JSON-safe; times rounded to ms and evidence to 4 decimals unless `exact`."""
        return {
            "code": self.code,
            "name": self.name,
            "level": self.level.value,
            "message": self.message,
            "hint": self.hint,
            "field": self.field,
            "start": self.start,
            "end": self.end,
            "start_s": self.start_s if exact else _round_s(self.start_s),
            "end_s": self.end_s if exact else _round_s(self.end_s),
            "evidence": jsonable(self.evidence, exact),
        }

    @classmethod
    def from_dict(cls, doc: dict[str, Any]) -> "Finding":
        return cls(**{**doc, "level": Level(doc["level"])})


@dataclass(frozen=True)
class RuleResult:
    """What one rule concluded about one draft."""

    code: str
    name: str
    status: Status
    findings: tuple[Finding, ...] = ()
    metrics: dict[str, Any] = dataclass_field(default_factory=dict)
    reason: str | None = None  # why it was skipped

    def to_dict(self, exact: bool = False) -> dict[str, Any]:
        out: dict[str, Any] = {
            "code": self.code,
            "name": self.name,
            "status": self.status.value,
            "findings": [f.to_dict(exact) for f in self.findings],
            "metrics": jsonable(self.metrics, exact),
        }
        if self.reason is not None:
            out["reason"] = self.reason
        return out

    @classmethod
    def from_dict(cls, doc: dict[str, Any]) -> "RuleResult":
        return cls(
            code=doc["code"],
            name=doc["name"],
            status=Status(doc["status"]),
            findings=tuple(Finding.from_dict(f) for f in doc["findings"]),
            metrics=doc["metrics"],
            reason=doc.get("reason"),
        )


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

    def to_dict(self, exact: bool = False) -> dict[str, Any]:
        """One entry of the JSON report's `drafts`.

        exact: every number at full precision, plus `field_files` and the content facts: what
        from_dict needs to give back an equal report (the report cache stores this).
        """
        out = {
            "path": self.path,
            "platform": self.platform,
            "verdict": self.verdict,
            "rules": [r.to_dict(exact) for r in self.rules],
            "errors": list(self.errors),
        }
        if exact:
            out["field_files"] = dict(self.field_files)
            out["content"] = self.content.to_dict() if self.content is not None else None
        return out

    @classmethod
    def from_dict(cls, doc: dict[str, Any]) -> "Report":
        """The report of `to_dict(exact=True)` (or of a JSON report's draft entry, without its content)."""
        content = doc.get("content")
        if content is not None:
            from prelint.content.model import ContentText

            content = ContentText.from_dict(content)
        return cls(
            path=doc["path"],
            rules=tuple(RuleResult.from_dict(r) for r in doc["rules"]),
            platform=doc["platform"],
            errors=tuple(doc["errors"]),
            field_files=dict(doc.get("field_files") or {}),
            content=content,
        )


def _round_s(value: float | None) -> float | None:
    return None if value is None else round(float(value), 3)


def jsonable(value: Any, exact: bool = False) -> Any:
    """Make evidence/metrics JSON-safe: numpy scalars to Python, tuples to lists, floats rounded unless `exact`."""
    if isinstance(value, dict):
        return {str(k): jsonable(v, exact) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(v, exact) for v in value]
    if isinstance(value, bool) or value is None or isinstance(value, (int, str)):
        return value
    if isinstance(value, float):
        return float(value) if exact else round(value, 4)
    if hasattr(value, "item"):  # numpy scalar
        return jsonable(value.item(), exact)
    if isinstance(value, Enum):
        return value.value
    return str(value)
