"""Text facts for the text rules: lexicon matches with character spans, and keywords.

    from prelint.text import analyze_field
    facts = analyze_field("title", "全网最低价！")
    [(m.rule, m.start, m.end, m.text) for m in facts.matches]
    # [('absolute-terms', 0, 4, '全网最低')]

Lexicon matching needs no segmenter and loads nothing heavy; `keywords()` loads jieba on
first use.
"""

from __future__ import annotations

from prelint.text.facts import CONTENT_FIELDS, DRAFT_FIELDS, TextFacts, build_text_facts, draft_field_texts
from prelint.text.lexicon import Lexicon, LexiconEntry, LexiconSet, builtin_lexicons, configured_lexicons
from prelint.text.matcher import FieldFacts, Match, Suppressed, analyze_field, normalize


def keywords(text: str, top_k: int = 10) -> tuple[str, ...]:
    """Content words of `text`, most frequent first (jieba, loaded on first call)."""
    from prelint.text.keywords import keywords as _keywords

    return _keywords(text, top_k)


def tokens(text: str) -> tuple[str, ...]:
    """Words of `text` (jieba precise mode, loaded on first call)."""
    from prelint.text.keywords import tokens as _tokens

    return _tokens(text)


__all__ = [
    "CONTENT_FIELDS",
    "DRAFT_FIELDS",
    "FieldFacts",
    "Lexicon",
    "LexiconEntry",
    "LexiconSet",
    "Match",
    "Suppressed",
    "TextFacts",
    "analyze_field",
    "build_text_facts",
    "builtin_lexicons",
    "configured_lexicons",
    "draft_field_texts",
    "keywords",
    "normalize",
    "tokens",
]
