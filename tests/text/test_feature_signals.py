"""Feature entries of the clickbait and engagement-bait lexicons: each feature alone
stays below `min-score`, two together fire, and the evidence names every feature with its span."""

from __future__ import annotations

import prelint
import pytest


def _clickbait(title: str):
    return prelint.lint(title=title, select=["RISK001"]).result("clickbait-title")


def _signals(result):
    (finding,) = result.findings
    return [(s["text"], s["category"], s["points"], s.get("start"), s.get("end")) for s in finding.evidence["signals"]]


def test_delayed_realisation_plus_forward_reference_fires_with_spans():
    title = "她走了以后，全家人才明白这句话的意思"
    result = _clickbait(title)
    assert result.status.value == "warn" and result.metrics["score"] == 2.5
    signals = _signals(result)
    # 才明白 (1) + 走了以后…才明白 (0.5) merge into one span; 这句话 is a separate forward reference
    assert signals == [("走了以后，全家人才明白", "withheld", 1.5, 1, 12), ("这句话", "withheld", 1.0, 12, 15)]
    assert (title[1:12], title[12:15]) == ("走了以后，全家人才明白", "这句话")


def test_each_feature_alone_stays_below_min_score():
    # one feature = 0.5–1.5 points: these plain titles carry exactly one
    for title, score in (
        ("学了三年吉他才明白的五个练习方法", 1.0),  # 才明白, the object is named
        ("为什么面包不发酵？三个常见原因", 0.5),  # why-question opening only
        ("宝宝一喂奶就哭了怎么办", 1.0),  # reaction word, but a question about it
        ("很多人不知道怎么办理护照，流程在这里", 1.5),
    ):
        result = _clickbait(title)
        assert result.status.value == "pass", (title, result.findings)
        assert result.metrics["score"] == score, title


@pytest.mark.parametrize(
    "title, categories",
    [
        ("说出来你可能不信，外卖小哥的真实收入", {"withheld"}),
        ("结局让所有人泪目", {"reaction"}),  # a reaction as the payoff, its cause withheld
        ("一定要看完，转给家里的老人", {"urgency"}),
        ("为什么中国人都爱喝热水？原因没那么简单", {"withheld"}),
        ("She opened the box and couldn't stop crying", {"english"}),
    ],
)
def test_feature_combinations_fire(title, categories):
    result = _clickbait(title)
    assert result.status.value == "warn", title
    assert {s[1] for s in _signals(result)} == categories


@pytest.mark.parametrize(
    "title",
    ["从第一集看到最后一集：《繁花》追剧笔记", "退休后才发现的兴趣：国画入门第一课", "I wish I knew these Excel shortcuts earlier",
     "装修前一定要看看的避坑指南", "全网通手机和移动版的区别", "99%酒精和75%酒精有什么区别",
     "看到最后有完整的教程链接", "重磅发布会回顾：三款新机参数"],
)
def test_hard_negatives_with_feature_words_pass(title):
    assert _clickbait(title).status.value == "pass", title


def _bait(caption: str):
    return prelint.lint(caption=caption, select=["CTA002"]).result("engagement-bait")


@pytest.mark.parametrize(
    "caption, category, text",
    [
        ("点赞的人今年都能发大财", "luck-curse", "点赞的人今年都能发大财"),
        ("双击666，给你好运", "luck-curse", "双击666，给你好运"),
        ("先关注再看，不然看不到完整版", "gated", "关注再看，不然看不到"),
        ("粉丝破万就公开地址", "conditional", "粉丝破万就公开"),
    ],
)
def test_bait_features_fire_with_category_and_span(caption, category, text):
    result = _bait(caption)
    assert result.status.value == "error"
    finding = result.findings[0]
    assert (finding.evidence["category"], finding.evidence["text"]) == (category, text)
    assert caption[finding.start:finding.end] == text


@pytest.mark.parametrize(
    "caption",
    ["评论区说说你的好运故事", "关注我，带你了解更多升职加薪的技巧", "先收藏再看，以后找得到", "早点去，不然看不到日出",
     "提醒：所谓“转发保平安”都是谣言", "关注交通安全，平安出行", "上周评论区抽奖，结果已公布", "评论区聊聊你们的好运经历"],
)
def test_bait_look_alikes_pass(caption):
    assert not _bait(caption).findings, caption


@pytest.mark.parametrize(
    "caption, category",
    [
        ("点赞破两千，明天就发教程", "conditional"),  # threshold, then a payoff a few characters later
        ("转发到三个群，这个月财神跟着你", "luck-curse"),
        ("收到好运的请点赞传递下去", "luck-curse"),  # luck field before the verb
        ("评论区扣“想要”，抽十个人包邮送", "reward"),
    ],
)
def test_co_occurrence_entries_fire(caption, category):
    (finding,) = _bait(caption).findings
    assert finding.evidence["category"] == category


@pytest.mark.parametrize(
    "caption",
    ["上期点赞破万了，今天继续更新", "评论区有人问财神庙在哪，地址在视频最后", "转发给需要的朋友，祝大家好运",
     "点赞关注，教你免费领取社保补贴", "留言告诉我你们的桃花运故事", "Follow me for more giveaway tips"],
)
def test_co_occurrence_look_alikes_pass(caption):
    assert not _bait(caption).findings, caption
