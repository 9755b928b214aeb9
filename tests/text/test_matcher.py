"""The matcher: spans into the original text, context exceptions, negation, mentions, merging."""

from __future__ import annotations

import pytest

from prelint.text import analyze_field, builtin_lexicons, normalize


def spans(text: str, rule: str, field: str = "caption") -> list[tuple[int, int, str]]:
    return [(m.start, m.end, m.text) for m in analyze_field(field, text, rules=(rule,)).matches]


def test_absolute_terms_have_exact_spans_and_categories():
    facts = analyze_field("caption", "⟨开箱⟩全网最低价！这是我用过最好的面膜，100%有效", rules=("absolute-terms",))
    assert [(m.start, m.end, m.text, m.category) for m in facts.matches] == [
        (4, 9, "全网最低价", "scope-superlative"),
        (15, 17, "最好", "superlative"),
        (21, 25, "100%", "guarantee"),
    ]
    assert all(m.field == "caption" and m.rule == "absolute-terms" for m in facts.matches)


@pytest.mark.parametrize(
    "text",
    ["最近很火的减脂餐", "最后加入葱花", "第一次做蛋糕", "第一步先把面粉过筛", "有消息第一时间通知",
     "唯一需要注意的是火候", "做好的蛋糕最好放冰箱", "柿子的最佳食用时间是饭后", "国家级非物质文化遗产", "她是我最好的朋友"],
)
def test_look_alikes_are_not_absolute_claims(text):
    assert spans(text, "absolute-terms") == []


def test_overlapping_terms_merge_into_one_span():
    assert spans("全国第一品牌的奶粉", "absolute-terms") == [(0, 6, "全国第一品牌")]


def test_full_width_and_case_are_normalised_without_moving_offsets():
    text = "加我ＶＸ：ｍｅｉ２０２４"
    assert normalize(text) == "加我vx:mei2024"
    assert len(normalize(text)) == len(text)
    assert spans(text, "off-platform-contact") == [(2, 12, "ＶＸ：ｍｅｉ２０２４")]


def test_names_containing_platform_words_are_not_contacts():
    for text in ("QQ飞车新赛季上分技巧", "微信支付怎么开通", "如何添加微信好友", "我的威信很高", "版本号 v2.3.1"):
        assert spans(text, "off-platform-contact") == [], text
    assert spans("电话 138-0013-8000", "off-platform-contact") == [(0, 16, "电话 138-0013-8000")]
    assert spans("联系我 139.1234.5678", "off-platform-contact") == [(4, 17, "139.1234.5678")]


def test_negation_and_mentions_cancel_bait_but_curses_stay():
    facts = analyze_field("caption", "不要互关，我只想认真做内容", rules=("engagement-bait",))
    assert facts.matches == () and [s.reason for s in facts.suppressed] == ["negation"]
    facts = analyze_field("caption", "揭秘“点赞领红包”骗局", rules=("engagement-bait",))
    assert facts.matches == () and [s.reason for s in facts.suppressed] == ["mention"]
    assert spans("不转不是中国人", "engagement-bait") == [(0, 7, "不转不是中国人")]


def test_other_senses_of_cta_words_are_not_invitations():
    for text in ("这家店的点赞数很夸张", "关注民生，关注身边的小事", "今天去看了收藏家的展览"):
        assert spans(text, "missing-cta") == [], text
    kinds = analyze_field("caption", "觉得有用就收藏，评论区告诉我你会选哪个").categories("missing-cta")
    assert kinds == ("favourite", "comment")


def test_clickbait_weights_add_up_over_distinct_signals():
    # 竟然 (1) + 竟然… breaking off (1) + title trailing off with … (1) + the sentence stopping before its
    # point (2), merged into one span
    facts = analyze_field("title", "他竟然…", rules=("clickbait-title",))
    (match,) = facts.matches
    assert (match.start, match.end, match.weight) == (1, 4, 5.0)
    (single,) = analyze_field("title", "这道菜竟然这么简单", rules=("clickbait-title",)).matches
    assert (single.text, single.weight) == ("竟然", 1.0)


def test_builtin_lexicons_cover_every_text_rule_and_give_jieba_terms():
    lexicons = builtin_lexicons()
    assert set(lexicons.lexicons) == {"clickbait-title", "absolute-terms", "off-platform-contact", "missing-cta", "engagement-bait",
                                      "other-platform-watermark"}
    assert {lexicons[name].code for name in lexicons.lexicons} == {"RISK001", "RISK002", "RISK003", "RISK004", "CTA001", "CTA002"}
    assert "国家级" in lexicons.terms()


def test_lexicon_matching_loads_no_segmenter():
    import subprocess
    import sys

    code = (
        "import sys; from prelint.text import analyze_field; analyze_field('title', '震惊！全网最低价');"
        "import prelint.checks.risk, prelint.checks.cta;"
        "print(sorted(m for m in ('jieba', 'snownlp') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.stdout.strip() == "[]", out.stderr
