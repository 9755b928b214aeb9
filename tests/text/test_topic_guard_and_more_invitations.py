"""clickbait-title's topic-mention guard, 重磅 as a fabric weight, meal orders ending 点了这些,
new fake-official cues; missing-cta's new plain invitations (站队, 留言问, 转给…提个醒, hit save).
Every text here was written for these tests (none is in bench/data)."""

from __future__ import annotations

import prelint
import pytest


def _clickbait(title: str, model: bool = True):
    config = None if model else {"options": {"clickbait-title": {"model": False}}}
    return prelint.lint(title=title, select=["RISK001"], config=config).result("RISK001")


@pytest.mark.parametrize(
    "title",
    [
        "震惊体标题为什么总能骗到点击",  # 震惊 + 体: the style is the topic
        "“万万没想到”式标题，平台现在怎么处理",  # quoted trigger + 式标题
        "所谓重磅爆料，其实是去年的旧闻",  # 所谓 before the trigger
        "短视频文案里的“揭秘”两个字，到底有没有用",  # 文案…“trigger”
        "16姆米重磅真丝衬衫，洗了三次的样子",  # 重磅 as a silk weight
        "重磅桑蚕丝和普通丝绸怎么分",
        "四个人吃烧烤点了这些，人均八十",  # a meal order, not a withheld list
    ],
)
def test_topic_mentions_fabric_weights_and_meal_orders_are_not_lexicon_signals(title):
    result = _clickbait(title, model=False)
    assert result.status.value == "pass", result.findings
    assert result.metrics["score"] == 0


@pytest.mark.parametrize(
    ("title", "signal"),
    [
        ("震惊！体检中心的这张单子", "震惊"),  # 体 after 震惊！ is not 震惊体
        ("重磅！下个月起这些证件要换新", "重磅"),  # 重磅 not before a fabric word
        ("全体车主注意！新规下月实施", "全体车主注意"),
        ("含泪劝告：这种保险千万别买", "含泪劝告"),
    ],
)
def test_the_guards_keep_real_trigger_words(title, signal):
    result = _clickbait(title, model=False)
    assert result.status.value == "warn"
    texts = [s["text"] for s in result.findings[0].evidence["signals"]]
    assert any(t.rstrip("！!") == signal for t in texts), texts


def test_a_mention_is_listed_as_dismissed_not_scored():
    from prelint.text import analyze_field

    facts = analyze_field("title", "营销号最爱的震惊体")
    assert [m.text for m in facts.for_rule("clickbait-title")] == []
    dismissed = [(s.match.text, s.reason) for s in facts.suppressed if s.match.rule == "clickbait-title"]
    assert dismissed == [("震惊", "mention")]


def test_a_plain_life_story_is_not_clickbait_with_or_without_the_model():
    title = "老家的桃树，今年终于开花了"
    assert _clickbait(title).status.value == "pass"
    with_model = prelint.lint(title=title, select=["RISK001"], config={"options": {"clickbait-title": {"model": True}}})
    assert with_model.result("clickbait-title").status.value == "pass"
    assert with_model.result("clickbait-title").metrics["model_log_odds"] < 1.0


def _missing(caption: str):
    report = prelint.lint(caption=caption, select=["CTA001", "CTA002"])
    return report.result("CTA001"), report.result("CTA002")


@pytest.mark.parametrize(
    ("caption", "kind"),
    [
        ("甜豆花还是咸豆花？评论区站个队", "comment"),
        ("你们站哪队，猫派还是狗派", "comment"),
        ("哪一步没看懂，直接留言问我", "comment"),
        ("有问题可以评论区提问", "comment"),
        ("最近这类电话诈骗很多，转给家里老人提个醒", "share"),
        ("发给你那个总熬夜的朋友看看", "share"),
        ("Hit save so you have the recipe for Sunday", "favourite"),
        ("Save this for your next trip to Lisbon", "favourite"),
    ],
)
def test_new_plain_invitations_count_as_their_kind(caption, kind):
    missing, bait = _missing(caption)
    assert missing.status.value == "pass"
    assert kind in missing.metrics["cta_kinds"].split(",")
    assert bait.status.value == "pass"


@pytest.mark.parametrize(
    "caption",
    [
        "评论区站队，抽两个人送同款杯子",
        "转给家人看看，保佑全家平安接好运",
        "Save this for good luck and money will come to you",
    ],
)
def test_bait_shapes_of_the_same_words_are_still_bait(caption):
    missing, bait = _missing(caption)
    assert bait.status.value in ("error", "warn") and bait.findings
    assert missing.status.value == "pass"  # one finding for the problem: CTA002's


def test_the_new_invitation_entries_do_not_match_bait_shapes():
    from prelint.text import analyze_field

    facts = analyze_field("caption", "评论区站个队，抽三位送红包")
    stand = [s for s in facts.suppressed if s.match.rule == "missing-cta" and "站" in s.match.text]
    assert stand and {(s.match.text, s.reason) for s in stand} == {("评论区站个队", "exception")}  # every entry that saw it
