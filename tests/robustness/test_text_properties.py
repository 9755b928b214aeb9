"""Property tests of every text rule (SPEC001/SPEC002, RISK, CTA, MATCH): any Unicode title and
caption -> no exception, the same report twice, and finding offsets inside the field.

Strings mix arbitrary code points (lone surrogates, controls, combining marks, RTL) with words
that make the rules fire and with characters whose case folding or NFKC form has another
length (İ, ß, ﬁ, …, ㍿, ½) — the usual way a span computed on normalised text points past
the original. derandomize=True: the same examples on every run.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import prelint
from prelint.registry import load_rules

TEXT_FAMILIES = ("RISK", "CTA", "MATCH")
TEXT_SPEC_CODES = ("SPEC001", "SPEC002")

settings.register_profile(
    "robustness-ci",
    max_examples=150,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    database=None,
)
PROFILE = settings.get_profile("robustness-ci")

TRIGGERS = (
    "震惊！", "99%的人都不知道", "万万没想到", "看到最后", "最佳", "第一", "国家级", "顶级", "唯一", "首选",
    "加微信", "VX:abc123", "v信", "QQ 12345678", "13800138000", "私信我", "主页有联系方式", "去淘宝搜",
    "点赞关注", "一键三连", "评论区告诉我", "不点赞就倒霉", "转发好运", "关注我", "点个赞吧",
    "3分钟学会", "5个技巧", "十个方法", "1秒", "三步", "教你做红烧肉", "蛋糕", "#美食", "#减脂餐 #家常菜",
    "follow for more", "LINK IN BIO", "like and subscribe", "top 10", "in 30 seconds", "http://x.cn/a",
    "İ", "ß", "ẞ", "ﬁ", "…", "㍿", "½", "Ⅻ", "ｗｅｃｈａｔ", "ＶＸ", "\u0301", "\u200d", "\u202e", "\ufeff", "\x00",
    "\ud800", "\udfff", "🔥", "👨‍👩‍👧", "\n", "\t", "  ", "！！！", "？？",
)

any_char = st.characters(min_codepoint=0, max_codepoint=0x10FFFF)  # every category, surrogates too
fragments = st.one_of(st.text(any_char, max_size=12), st.sampled_from(TRIGGERS))
field_text = st.lists(fragments, max_size=12).map("".join)


def text_rule_codes() -> list[str]:
    rules = load_rules()
    codes = [c for c in rules if c.startswith(TEXT_FAMILIES) or c in TEXT_SPEC_CODES]
    return sorted(codes)


def lint_text(code: str, title: str, caption: str) -> prelint.Report:
    return prelint.lint(title=title, caption=caption, select=[code], config={})


def check_offsets(report: prelint.Report, title: str, caption: str) -> None:
    fields = {"title": title, "caption": caption}
    for finding in report.findings:
        if finding.start is None and finding.end is None:
            continue
        assert finding.start is not None and finding.end is not None, finding
        if finding.field in fields:
            text = fields[finding.field]
            assert 0 <= finding.start <= finding.end <= len(text), (finding, len(text))


def test_text_rules_are_registered() -> None:
    codes = text_rule_codes()
    assert {"SPEC001", "SPEC002"} <= set(codes)
    for family in TEXT_FAMILIES:
        assert any(c.startswith(family) for c in codes), f"no {family} rule registered"


@pytest.mark.parametrize("code", text_rule_codes())
def test_any_unicode_is_linted_deterministically_with_spans_inside_the_field(code: str) -> None:
    @PROFILE
    @given(title=field_text, caption=field_text)
    def prop(title: str, caption: str) -> None:
        first = lint_text(code, title, caption)
        second = lint_text(code, title, caption)
        assert first.to_dict() == second.to_dict()
        assert not first.errors, first.errors  # a crashing check is reported here, not raised
        check_offsets(first, title, caption)

    prop()


@pytest.mark.parametrize(
    ("code", "title", "caption"),
    [
        ("RISK001", "İİİ震惊！99%的人都不知道", ""),
        ("RISK002", "ﬁﬁ…全网最佳的顶级蛋糕", "直播间下单"),  # a promotional draft: the claim is an advertising claim
        ("RISK003", "ß㍿ 加微信 VX:abc123 领取", "ẞ…私信我 13800138000"),
        ("CTA002", "\u0301\u0301不点赞就倒霉", "İ转发好运"),
        ("SPEC001", "\u0301" * 5 + "这是一个非常非常长的标题，" * 4, ""),
    ],
)
def test_spans_survive_length_changing_normalisation(code: str, title: str, caption: str) -> None:
    """Findings on text whose lower-case/NFKC form is longer or shorter must point into the original."""
    report = lint_text(code, title, caption)
    assert report.findings, f"{code} found nothing in {title!r} / {caption!r}"
    check_offsets(report, title, caption)
    for finding in report.findings:
        if finding.field in ("title", "caption") and finding.start is not None:
            text = title if finding.field == "title" else caption
            assert text[finding.start : finding.end].strip(), finding  # the span covers real text
