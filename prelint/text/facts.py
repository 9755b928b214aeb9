"""Text facts of one draft: lexicon matches per field, computed once and shared by the text rules."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Iterator

from prelint.errors import ConfigError
from prelint.text.lexicon import LexiconSet, configured_lexicons
from prelint.text.matcher import FieldFacts, analyze_field

if TYPE_CHECKING:
    from prelint.config import Config
    from prelint.draft import Draft

DRAFT_FIELDS = ("title", "caption", "hashtags")
CONTENT_FIELDS = ("subtitles", "screen")
# Lexicons read in the title only: clickbait-title judges a title (and, on platforms without one, the
# caption's first line, which the rule matches itself); matching them elsewhere is wasted work.
TITLE_ONLY_LEXICONS = ("clickbait-title",)


def field_rules(field_name: str, lexicons: LexiconSet) -> tuple[str, ...] | None:
    """The lexicons matched in a field: every one in the title, all but the title-only ones elsewhere."""
    if field_name == "title":
        return None
    return tuple(rule for rule in lexicons.lexicons if rule not in TITLE_ONLY_LEXICONS)


@dataclass(frozen=True)
class TextFacts:
    """Matches of the lexicons in the draft's title, caption and hashtags (clickbait-title's in the title only).

    `fields` holds only the fields the draft has. `analyze(field, text)` runs the same
    (configured) lexicons on any other text, e.g. the video's subtitles, and caches it.
    """

    fields: dict[str, FieldFacts]
    lexicons: LexiconSet
    _extra: dict[tuple[str, str], FieldFacts] = field(default_factory=dict, compare=False, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, compare=False, repr=False)

    def field(self, name: str) -> FieldFacts | None:
        return self.fields.get(name)

    def analyze(self, field_name: str, text: str) -> FieldFacts:
        key = (field_name, text)
        with self._lock:
            cached = self._extra.get(key)
        if cached is None:
            cached = analyze_field(field_name, text, self.lexicons, field_rules(field_name, self.lexicons))
            with self._lock:
                self._extra[key] = cached
        return cached

    def __iter__(self) -> Iterator[FieldFacts]:
        return iter(self.fields.values())


def hashtag_field_text(draft: "Draft") -> str:
    """Explicit hashtags as one field, `#a #b`; inline #话题 are already in the title and caption."""
    return " ".join("#" + tag.lstrip("#") for tag in draft.hashtags if tag.strip())


def draft_field_texts(draft: "Draft") -> dict[str, str]:
    texts: dict[str, str] = {}
    if draft.title is not None:
        texts["title"] = draft.title
    if draft.caption is not None:
        texts["caption"] = draft.caption
    tags = hashtag_field_text(draft)
    if tags:
        texts["hashtags"] = tags
    return texts


def lexicons_for(config: "Config | None") -> LexiconSet:
    """The configured lexicons; a broken `lexicon` table is a ConfigError naming the config file."""
    raw: Any = getattr(config, "lexicon", None) or {}
    try:
        return configured_lexicons(raw)
    except ConfigError as exc:
        source = getattr(config, "source", None)
        if exc.path is None and source is not None:
            raise ConfigError(exc.message, source) from None
        raise


def build_text_facts(draft: "Draft", config: "Config | None" = None) -> TextFacts:
    """The "text" fact: every lexicon matched in the draft's title, caption and hashtags."""
    lexicons = lexicons_for(config)
    fields = {name: analyze_field(name, text, lexicons, field_rules(name, lexicons)) for name, text in draft_field_texts(draft).items()}
    return TextFacts(fields=fields, lexicons=lexicons)
