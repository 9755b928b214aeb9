"""Hashtags and @mentions inside a caption: names, not sentences.

A Kuaishou or Douyin caption often ends in a wall of tags (#感谢快手我要上热门 #接福接财接好运
#粉丝上万说赚就赚) and mentions (@快手小助手(O40300112)). A tag names a topic or a trend; the words
inside it are not the creator's request, claim or promise. The text rules use these spans to tell a
sentence from a tag.

    from prelint.text.tags import tag_spans, inside
    spans = tag_spans("接福接财到 #接福接财接好运 #作品推广")
    inside(spans, 9, 12)   # True: 接好运 is part of the tag #接福接财接好运
"""

from __future__ import annotations

import re

# A hashtag runs from # to the next space, # or @ (#话题# closes with a second #); a mention from @ to
# the next space, @ or #, with the platform's user id in brackets after it: @name(O40300112).
HASHTAG = re.compile(r"#[^\s#@]{1,60}#?")
MENTION = re.compile(r"@[^\s@#]{1,40}(?:[(（][a-z]?\d{3,}[)）])?", re.IGNORECASE)


def tag_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every hashtag and @mention in `text`, in order."""
    spans = [m.span() for m in HASHTAG.finditer(text)] + [m.span() for m in MENTION.finditer(text)]
    return sorted(spans)


def inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """The span start:end lies within one tag or mention (`spans` from tag_spans: in order and not
    overlapping, so only the last one starting at or before `start` can hold it; a binary search
    keeps a long text with many tags linear)."""
    found = holding(spans, start, end)
    return found is not None


def holding(spans: list[tuple[int, int]], start: int, end: int) -> tuple[int, int] | None:
    """The tag or mention of `spans` (from tag_spans) that holds start:end, or None."""
    from bisect import bisect_right

    i = bisect_right(spans, (start, float("inf"))) - 1
    if i >= 0 and spans[i][0] <= start and end <= spans[i][1]:
        return spans[i]
    return None


def without_tags(text: str) -> str:
    """The text with every hashtag and mention replaced by spaces (offsets kept)."""
    out = list(text)
    for a, b in tag_spans(text):
        for i in range(a, b):
            out[i] = " "
    return "".join(out)


def only_tags(text: str) -> bool:
    """The text holds nothing but hashtags, mentions, punctuation and emoji."""
    rest = without_tags(text)
    return not re.search(r"[\w\u4e00-\u9fff]", rest)
