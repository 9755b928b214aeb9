"""What a draft says and shows: timed subtitle cues, on-screen text (OCR) and QR codes.

Text rules treat the joined text of each source as a field (`subtitles`, `screen`), so
findings carry character offsets into it; `span_at` maps an offset back to a time.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, fields
from functools import cached_property
from typing import Literal

ContentSource = Literal["subtitles", "screen"]
FIELD_SEPARATOR = "\n"


@dataclass(frozen=True)
class TextSpan:
    """One timed piece of text: a subtitle cue, or text read on screen between start_s and end_s."""

    start_s: float
    end_s: float
    text: str
    source: ContentSource
    box: tuple[int, int, int, int] | None = None  # x, y, w, h on the sampled frame (screen only)
    confidence: float | None = None


@dataclass(frozen=True)
class QRCode:
    """A QR code read on screen: first seen at t_s, last seen at end_s (None: one sighting)."""

    t_s: float
    data: str
    end_s: float | None = None


@dataclass(frozen=True)
class ContentText:
    """The content text of one draft.

    `ocr_ran` is False when OCR was off (`--no-ocr`, `ocr = false`) or there was no video;
    `notes` explains what was not read and why (shown when rules skip).
    """

    subtitles: tuple[TextSpan, ...] = ()
    screen: tuple[TextSpan, ...] = ()
    qr_codes: tuple[QRCode, ...] = ()
    ocr_ran: bool = False
    subtitles_source: str | None = None  # path of the sidecar file or "embedded"
    notes: tuple[str, ...] = ()
    ocr_frames_read: int = 0  # sampled frames actually OCR'd (unchanged and text-free frames are not)
    ocr_seconds: float = 0.0  # wall-clock time spent on OCR (model load included on first use)

    def to_dict(self) -> dict:
        """Every field, JSON-safe at full precision (the report cache stores it; from_dict reads it back)."""
        from dataclasses import asdict

        from prelint.model import jsonable

        return jsonable(asdict(self), exact=True)

    @classmethod
    def from_dict(cls, doc: dict) -> "ContentText":
        def span(s: dict) -> TextSpan:
            return TextSpan(**{**s, "box": tuple(s["box"]) if s.get("box") is not None else None})

        values: dict = {}
        for f in fields(cls):  # every field, so facts added later round-trip too
            if f.name not in doc:
                continue
            value = doc[f.name]
            if f.name in ("subtitles", "screen"):
                value = tuple(span(s) for s in value)
            elif f.name == "qr_codes":
                value = tuple(QRCode(**q) for q in value)
            elif isinstance(value, list):
                value = tuple(value)
            values[f.name] = value
        return cls(**values)

    @property
    def has_text(self) -> bool:
        """True when any subtitle cue or on-screen text is non-blank."""
        return any(s.text.strip() for s in self.subtitles + self.screen)

    def spans(self, source: ContentSource | None = None) -> tuple[TextSpan, ...]:
        if source == "subtitles":
            return self.subtitles
        if source == "screen":
            return self.screen
        return tuple(sorted(self.subtitles + self.screen, key=lambda s: (s.start_s, s.source)))

    def field_text(self, source: ContentSource) -> str:
        """All text of one source joined with newlines: the 'field' that findings point into."""
        return FIELD_SEPARATOR.join(s.text for s in self.spans(source))

    def text(self) -> str:
        """Everything the video says and shows, subtitles first."""
        return FIELD_SEPARATOR.join(t for t in (self.field_text("subtitles"), self.field_text("screen")) if t)

    def span_at(self, source: ContentSource, offset: int) -> TextSpan | None:
        """The span containing character `offset` of `field_text(source)`: a binary search over the
        spans' start offsets, so locating every match of a long subtitle file stays linear overall."""
        spans = self.spans(source)
        starts = self._field_offsets[source]
        i = bisect_right(starts, offset) - 1
        if i < 0:
            return None
        span = spans[i]
        end = starts[i] + len(span.text)
        if offset < end or (offset == end and i == len(spans) - 1):
            return span
        return None  # on a separator between two spans

    @cached_property
    def _field_offsets(self) -> dict[str, list[int]]:
        """Where each span starts in `field_text(source)`, per source (computed once)."""
        out: dict[str, list[int]] = {}
        for source in ("subtitles", "screen"):
            position, starts = 0, []
            for span in self.spans(source):  # type: ignore[arg-type]
                starts.append(position)
                position += len(span.text) + len(FIELD_SEPARATOR)
            out[source] = starts
        return out

    def in_window(self, start_s: float, end_s: float, source: ContentSource | None = None) -> tuple[TextSpan, ...]:
        """Spans overlapping [start_s, end_s]."""
        return tuple(s for s in self.spans(source) if s.end_s >= start_s and s.start_s <= end_s)
