"""Keywords for the title-vs-content rules (jieba, loaded on first use)."""

from __future__ import annotations

from prelint.text import keywords, tokens


def test_lexicon_terms_stay_whole_and_keywords_drop_function_words():
    assert "万万没想到" in tokens("万万没想到蛋糕这么简单")
    words = keywords("3个技巧让蛋糕不塌：蛋糕的温度和蛋糕的时间")
    assert words[0] == "蛋糕"
    assert "的" not in words and "技巧" in words
    assert keywords("") == ()
