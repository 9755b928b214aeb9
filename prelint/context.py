"""What a check sees: the draft, its options, and shared facts computed once per draft on first use."""

from __future__ import annotations

import importlib
import threading
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any, Callable

from prelint.errors import Skip  # noqa: F401  (checks import it from here too)
from prelint.model import Finding, Level

if TYPE_CHECKING:
    from prelint.config import Config
    from prelint.draft import Draft
    from prelint.platforms import PlatformProfile
    from prelint.rules import Rule


# Fact name -> "module:function" taking (facts: Facts) and returning the fact.
# Imported on first use so `import prelint` stays light.
FACT_PROVIDERS: dict[str, str] = {
    "probe": "prelint.facts:provide_probe",
    "media": "prelint.facts:provide_media",
    "text": "prelint.facts:provide_text",
    "content": "prelint.facts:provide_content",
}
#: What a draft is doing while a fact is computed, for the time limit's message (see prelint.time_limit).
FACT_WORK: dict[str, str] = {
    "probe": "reading the video's streams",
    "media": "analysing the video",
    "text": "reading the draft's text",
    "content": "reading on-screen text and codes",
}


@dataclass
class Facts:
    """Shared, lazily computed facts about one draft. Each is computed at most once."""

    draft: "Draft"
    config: "Config"
    progress: Callable[[str, float], None] | None = None
    decode_workers: int | None = None  # ffmpeg processes per video (None: prelint.media.facts.decode_workers)
    analysis_started: float | None = None  # time.monotonic() when the video's time limit started
    clock: Any = None  # the draft's prelint.time_limit.DraftClock: says which fact is being computed
    _values: dict[str, Any] = field(default_factory=dict)
    # re-entrant: a provider asks for other facts (content needs media) while holding the lock
    _lock: threading.RLock = field(default_factory=threading.RLock)

    def get(self, name: str) -> Any:
        with self._lock:
            if name not in self._values:
                try:
                    provider_path = FACT_PROVIDERS[name]
                except KeyError:
                    raise KeyError(f"no fact named {name!r}; known: {', '.join(FACT_PROVIDERS)}") from None
                module_name, _, func_name = provider_path.partition(":")
                provider = getattr(importlib.import_module(module_name), func_name)
                doing = self.clock.doing if self.clock is not None else None
                if self.clock is not None:
                    work = FACT_WORK.get(name, f"computing the {name} facts")
                    self.clock.doing = work + (f" for {doing.removeprefix('running ')}" if doing.startswith("running ") else "")
                try:
                    self._values[name] = ("ok", provider(self))
                except Exception as exc:  # remembered so every rule sees the same outcome
                    self._values[name] = ("raised", exc)
                # (not restored when the time limit interrupts the provider: the message names it)
                if self.clock is not None:
                    self.clock.doing = doing
            kind, value = self._values[name]
        if kind == "raised":
            raise value
        return value

    def computed(self, name: str) -> Any | None:
        """A fact if it was already computed successfully, else None (never computes)."""
        kind, value = self._values.get(name, ("missing", None))
        return value if kind == "ok" else None


class Context:
    """Passed to every check: `ctx.draft`, `ctx.options`, `ctx.platform`, shared facts, `ctx.finding()`."""

    def __init__(self, rule: "Rule", facts: Facts, options: dict[str, Any], platform: "PlatformProfile") -> None:
        self.rule = rule
        self.facts = facts
        self.options = SimpleNamespace(**options)
        self.platform = platform
        self.metrics: dict[str, Any] = {}

    @property
    def draft(self) -> "Draft":
        return self.facts.draft

    @property
    def config(self) -> "Config":
        return self.facts.config

    @property
    def probe(self) -> Any:
        """Container facts (prelint.media.ProbeFacts). Skips the rule when there is no video."""
        return self.facts.get("probe")

    @property
    def media(self) -> Any:
        """Decoded media facts (prelint.media.MediaFacts): shots, motion, audio, sampled frames."""
        return self.facts.get("media")

    @property
    def text(self) -> Any:
        """Text facts: tokens and lexicon matches per field (prelint.text.TextFacts)."""
        return self.facts.get("text")

    @property
    def content(self) -> Any:
        """What the video says and shows: subtitles and on-screen text (prelint.content.ContentText)."""
        return self.facts.get("content")

    def skip(self, reason: str) -> None:
        """Stop this rule: it cannot judge the draft (reported as SKIPPED with the reason)."""
        raise Skip(reason)

    def metric(self, name: str, value: Any) -> None:
        """Record a measured number shown in the checklist even when the rule passes."""
        self.metrics[name] = value

    def finding(
        self,
        message: str,
        *,
        hint: str | None = None,
        level: str | Level | None = None,
        field: str | None = None,
        start: int | None = None,
        end: int | None = None,
        start_s: float | None = None,
        end_s: float | None = None,
        evidence: dict[str, Any] | None = None,
    ) -> Finding:
        return Finding(
            code=self.rule.code,
            name=self.rule.name,
            level=Level.parse(level) if level is not None else self.rule.level,
            message=message,
            hint=hint,
            field=field,
            start=start,
            end=end,
            start_s=None if start_s is None else float(start_s),
            end_s=None if end_s is None else float(end_s),
            evidence=dict(evidence or {}),
        )
