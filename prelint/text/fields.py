"""The text fields a rule reads: the draft's own (title, caption, hashtags) and, when the draft
has a video or subtitles, what the video says and shows (subtitles, screen)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Iterable

from prelint.errors import Skip
from prelint.text.facts import CONTENT_FIELDS, DRAFT_FIELDS
from prelint.text.matcher import FieldFacts, Match

if TYPE_CHECKING:
    from prelint.context import Context


@dataclass(frozen=True)
class Located:
    """A match plus the time span of the subtitle cue or screen text it is in (content fields only)."""

    match: Match
    start_s: float | None = None
    end_s: float | None = None

    def where(self) -> dict[str, Any]:
        """The finding location of this match: `ctx.finding(..., **located.where())`."""
        m = self.match
        return {"field": m.field, "start": m.start, "end": m.end, "start_s": self.start_s, "end_s": self.end_s}


def content_of(ctx: "Context") -> Any | None:
    """The draft's ContentText, or None when there is no video/subtitles or no content provider yet."""
    draft = ctx.draft
    if draft.video is None and draft.subtitles is None:
        return None
    try:
        return ctx.content
    except (Skip, ImportError):  # no video, or prelint.content.build_content not installed yet
        return None


def rule_fields(ctx: "Context", fields: Iterable[str] = DRAFT_FIELDS + CONTENT_FIELDS) -> list[FieldFacts]:
    """Lexicon facts of each wanted field the draft has, draft fields first."""
    wanted = tuple(fields)
    text_facts = ctx.text
    out = [text_facts.fields[name] for name in DRAFT_FIELDS if name in wanted and name in text_facts.fields]
    if any(name in wanted for name in CONTENT_FIELDS):
        content = content_of(ctx)
        if content is not None:
            for name in CONTENT_FIELDS:
                if name in wanted:
                    text = content.field_text(name)
                    if text.strip():
                        out.append(text_facts.analyze(name, text))
    return out


def locate(ctx: "Context", matches: Iterable[Match]) -> list[Located]:
    """Attach start_s/end_s to matches in subtitles or screen text."""
    content = None
    out = []
    for match in matches:
        if match.field in CONTENT_FIELDS:
            content = content if content is not None else content_of(ctx)
            span = content.span_at(match.field, match.start) if content is not None else None
            out.append(Located(match, span.start_s if span else None, span.end_s if span else None))
        else:
            out.append(Located(match))
    return out


def quote(text: str, start: int, end: int, context_chars: int = 8) -> str:
    """The match with a little context, for messages: …前文「match」后文…"""
    before = text[max(0, start - context_chars) : start].replace("\n", " ")
    after = text[end : end + context_chars].replace("\n", " ")
    lead = "…" if start > context_chars else ""
    tail = "…" if end + context_chars < len(text) else ""
    return f"{lead}{before}「{text[start:end]}」{after}{tail}"
