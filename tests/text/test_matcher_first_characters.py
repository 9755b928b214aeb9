"""The matcher skips a pattern on a text that holds none of the characters a match could start with
(prelint.text.matcher.first_chars): the skip must never lose a match."""

from __future__ import annotations

import json
import re
from pathlib import Path

from prelint.text.lexicon import builtin_lexicons
from prelint.text.matcher import _compile, first_chars, normalize

CASES = Path(__file__).resolve().parents[2] / "bench" / "data" / "text_cases.jsonl"


def test_first_characters_of_simple_shapes():
    assert first_chars(r"(?<![a-z])(ab|c+)?d\s[x-z]") == frozenset("acd")
    assert first_chars("(?i)like") >= {"l", "L"}
    assert first_chars(r"评论区(告诉|问)|(在|到)评论区") == frozenset("评在到")
    assert first_chars(r".{0,3}x") is None  # any character first: unknown
    assert first_chars(r"[^a]b") is None  # a negated set: unknown


def test_every_match_of_every_builtin_pattern_starts_with_one_of_its_first_characters():
    texts = [normalize(json.loads(line)["text"]) for line in CASES.read_text("utf-8").splitlines() if line.strip()]
    texts += [normalize(t) for t in ("Share with a friend 😅", "评论区举个手", "0571-8888 6262", "最后一个颜色太好看了")]
    checked = 0
    for lexicon in builtin_lexicons().lexicons.values():
        for entry in lexicon.entries:
            if not entry.is_pattern:
                continue
            first = first_chars(entry.key, ignore_case=bool(re.search(r"(?<!\\)[A-Z]", entry.key)))
            if first is None:
                continue
            pattern = _compile(entry.key)
            for text in texts:
                for m in pattern.finditer(text):
                    if m.end() > m.start():
                        assert m.group()[0] in first, (entry.key, m.group())
                        checked += 1
    assert checked > 1000
