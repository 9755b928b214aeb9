"""Tokens and keywords with jieba, loaded on first use only (its dictionary costs ≈ 1.4 s).

Lexicon terms are added to jieba's dictionary so multi-character terms (万万没想到, 全网最低)
stay whole. Only rules that compare a title with the video's content need this; the lexicon
rules never load jieba.
"""

from __future__ import annotations

import re
import threading
from functools import lru_cache
from typing import Any

_lock = threading.Lock()
_WORD = re.compile(r"[\w\u4e00-\u9fff]")
# Function words and filler that say nothing about a video's topic.
STOPWORDS = frozenset(
    "的 了 是 在 我 你 他 她 它 们 这 那 就 都 也 和 与 及 或 吗 呢 吧 啊 呀 哦 嘛 着 过 把 被 给 让 会 能 要 "
    "一个 一下 这个 那个 什么 怎么 为什么 如何 这样 那样 自己 我们 你们 他们 大家 今天 真的 非常 特别 "
    "还是 但是 因为 所以 如果 然后 就是 没有 不是 可以 已经 还有 一起 一定 所有 这些 那些 视频 "
    "the a an and or of to in on for with is are was be it this that you your my i we how what why".split()
)


@lru_cache(maxsize=1)
def _jieba() -> Any:
    """jieba with the lexicon terms in its dictionary (loaded once per process)."""
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    from prelint.text.lexicon import builtin_lexicons

    for term in builtin_lexicons().terms():
        if _WORD.search(term) and not term.isascii():
            jieba.add_word(term)
    return jieba


def tokens(text: str) -> tuple[str, ...]:
    """Words of `text` (jieba precise mode), without spaces and punctuation."""
    with _lock:
        jieba = _jieba()
        words = jieba.lcut(text)
    return tuple(w for w in (w.strip() for w in words) if w and _WORD.search(w))


def keywords(text: str, top_k: int = 10) -> tuple[str, ...]:
    """The content words of `text`, most frequent first (ties in order of appearance), lower-cased.

    Stopwords, single Chinese characters and pure numbers are dropped; meant for comparing a
    title's promise with what the video says.
    """
    counts: dict[str, int] = {}
    for word in tokens(text):
        word = word.lower()
        if word in STOPWORDS or word.isdigit():
            continue
        if len(word) < 2 and not word.isascii():
            continue
        counts[word] = counts.get(word, 0) + 1
    order = {w: i for i, w in enumerate(counts)}
    ranked = sorted(counts, key=lambda w: (-counts[w], order[w]))
    return tuple(ranked[:top_k])
