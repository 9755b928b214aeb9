"""missing-cta defers to engagement-bait on bait-only drafts, its wider plain-invitation
lexicon, and the report/negation guard of the engagement-bait model. Every caption here was
written for these tests (none is in bench/data)."""

from __future__ import annotations

import prelint
import pytest


def _both(caption: str, config: dict | None = None):
    report = prelint.lint(caption=caption, select=["CTA001", "CTA002"], config=config)
    return report.result("CTA001"), report.result("CTA002")


def test_bait_found_by_the_lexicon_is_one_finding_not_two():
    missing, bait = _both("煮粥的三个窍门，点赞过五千我就出第二期")
    assert bait.status.value == "error" and bait.findings[0].evidence["decided_by"] == "lexicon"
    assert missing.status.value == "pass" and missing.findings == ()
    assert missing.metrics["cta_kinds"] == "bait only"
    assert "CTA002" in missing.metrics["note"] and "caption: 点赞过五千我就出" in missing.metrics["note"]


def test_bait_only_the_model_finds_passes_missing_cta_with_the_note():
    caption = "关注后私聊我拿优惠码"  # no lexicon match and no plain invitation: the model flags it (a coupon for a follow)
    missing, bait = _both(caption)
    assert bait.status.value == "warn" and bait.findings[0].evidence["decided_by"] == "model"
    assert missing.status.value == "pass" and missing.metrics["cta_kinds"] == "bait only"
    assert missing.metrics["note"].startswith("only engagement bait invites the viewer (caption: ")
    # CTA002's own options decide: with its model off, the same caption has no invitation at all
    off = {"options": {"engagement-bait": {"model": False}}}
    missing_off, bait_off = _both(caption, off)
    assert bait_off.status.value == "pass"
    assert missing_off.status.value == "info" and missing_off.metrics["cta_kinds"] == "none"


def test_a_caption_without_any_invitation_still_reports_missing_cta():
    missing, bait = _both("周末在海边住了两晚，民宿的早餐很好吃")
    assert (missing.status.value, bait.status.value) == ("info", "pass")
    assert missing.findings[0].code == "CTA001" and "note" not in missing.metrics


@pytest.mark.parametrize(
    ("caption", "kind"),
    [
        ("红的还是白的？评论区投个票", "comment"),
        ("听懂了的扣个问号我再讲一遍", "comment"),
        ("这份清单建议存一下", "favourite"),
        ("先存，周末慢慢练", "favourite"),
        ("转发给正在学车的同学", "share"),
        ("@一下你那个天天熬夜的室友", "share"),
        ("Drop a comment with your city", "comment"),
        ("Vote in the comments: tea or coffee?", "comment"),
        ("Save this post for your next bake", "favourite"),
        ("Tag someone who needs a holiday", "share"),
        ("Tap follow for part two on Sunday", "follow"),
    ],
)
def test_plain_invitations_count_for_missing_cta(caption, kind):
    missing, bait = _both(caption)
    assert missing.status.value == "pass" and missing.metrics["cta_kinds"] == kind
    assert bait.status.value == "pass"


@pytest.mark.parametrize("caption", ["工资到账先存一下，月底再说", "剩下的汤先存冰箱", "他建议存定期", "加我扣扣 123456"])
def test_look_alikes_of_the_new_invitations_are_not_invitations(caption):
    missing, _ = _both(caption)
    assert missing.status.value == "info" and missing.metrics["cta_kinds"] == "none"


@pytest.mark.parametrize(
    ("caption", "why"),
    [
        ("刷到「关注领红包」的直播间要警惕，都是引流", "quoted and reported as bait (警惕)"),
        ("揭秘“收藏转运”这种视频背后的套路", "quoted and reported as bait (套路)"),
    ],
)
def test_the_model_guard_sets_quoted_reports_aside(caption, why):
    from prelint.checks.cta.engagement_bait import guard_reason

    assert guard_reason(caption, (0, len(caption))) == why
    assert _both(caption)[1].status.value == "pass"


def test_the_model_guard_reads_english_quotes_and_report_words():
    from prelint.checks.cta.engagement_bait import guard_reason

    text = 'Those "comment to win a phone" accounts are a scam'
    assert guard_reason(text, (0, len(text))) == "quoted and reported as bait (scam)"
    assert guard_reason('Comment "yes" to get the link', (0, 29)) == ""  # quoted, nothing reported


def test_the_model_guard_reads_negation_only_just_before_and_in_the_same_clause():
    from prelint.checks.cta.engagement_bait import guard_reason

    assert guard_reason("我不想点赞", (0, 5)) == "negated"
    assert guard_reason("拒绝关注换资料", (0, 7)) == "negated"
    assert guard_reason("我从不要求大家点赞、转发", (0, 12)) == "negated"  # a run of engagement words after a negated one
    assert guard_reason("我从不要求大家点赞，转发随意", (0, 14)) == ""  # 转发 is in the next clause
    assert guard_reason("不要划走，关注后告诉你", (0, 11)) == ""  # a clause break: the 关注 is not negated
    assert guard_reason("关注后回复「资料」领取", (0, 11)) == ""  # quoted, but no report word
    assert guard_reason("不想错过的，转发给朋友", (0, 11)) == ""


def test_guarded_model_readings_are_listed_in_the_metric(monkeypatch):
    import sys

    bait_module = sys.modules["prelint.checks.cta.engagement_bait"]  # the package re-exports the rule under the same name

    caption = "我从来不想让大家关注换福利"
    # force a model reading the guard must set aside: the metric names the field and the reason
    real = bait_module._best_unit

    def high(text):
        score, span = real(text)
        return type(score)(**{**score.__dict__, "log_odds": 9.0}) if hasattr(score, "__dict__") else score, span

    monkeypatch.setattr(bait_module, "_best_unit", high)
    result = _both(caption)[1]
    assert result.status.value == "pass"
    assert result.metrics["model_guarded"] == "caption: negated"
