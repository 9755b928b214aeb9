"""Plain invitations in more shapes, guilt and hearsay luck bait, warnings against mutual follow, scoped
absolute claims and the 威信 homophone. Every text here was
written for these tests (none is a labelled case); each asserts the exact span or the exact outcome."""

from __future__ import annotations

import pytest

import prelint
from lint_texts import bait as _bait, contacts as _contacts, spans as _spans


def _bait_categories(caption: str) -> list[str]:
    config = {"options": {"engagement-bait": {"model": False}}}
    result = prelint.lint(caption=caption, select=["CTA002"], config=config).result("engagement-bait")
    return [f.evidence.get("category", "") for f in result.findings]


def _missing(caption: str) -> bool:
    return bool(prelint.lint(caption=caption, select=["CTA001"]).result("missing-cta").findings)


def _cta_kinds(caption: str) -> str:
    result = prelint.lint(caption=caption, select=["CTA001"]).result("missing-cta")
    return result.metrics["cta_kinds"]


# ---------------------------------------------------------------- CTA001: plain invitations


@pytest.mark.parametrize(
    "caption, kind",
    [
        ("三步搞定宝宝午睡，分享给正在熬夜的宝妈们吧", "share"),  # 转发/分享给…们吧
        ("周末做了一锅卤味，转给你家那位吧～", "share"),
        ("今年的葡萄熟得早，说说你们那边的价格", "comment"),  # the viewers asked to talk, no question mark
        ("用过这款锅的也说说看？", "comment"),
        ("去过的你们聊聊呗", "comment"),
        ("觉得不错的话可以点个小爱心", "like"),
        ("点亮小红心，下期更精彩", "like"),
        ("还有想看的城市攻略可以留言～", "comment"),
        ("明天的直播评论区见", "comment"),
        ("Which one would you pick? Let me know what you think", "comment"),
        ("Tell me which one you'd keep", "comment"),
    ],
)
def test_plain_invitations_in_more_shapes_count(caption, kind):
    assert not _missing(caption)
    assert kind in _cta_kinds(caption).split(",")


@pytest.mark.parametrize(
    "caption",
    [
        "今天跟大家聊聊怎么挑西瓜，三个小技巧",  # the creator talks: 跟大家聊聊 is no invitation
        "我来说说看这次装修踩的坑",
        "今天聊聊你们最关心的退税问题。",  # a topic announcement ending in 。, not a question to the viewers
        "我妈把视频转发给我们了",  # a story
        "我们也聊聊这个话题，先从预算说起",  # 我们也聊聊: the creator, not the viewers
        "把收货地址发给我吧",  # sent to the creator: no share invitation
        "揭秘刷单骗局：骗子先让你点赞关注，再拉你进群，最后卷钱跑路",  # an exposé, not an invitation
        "not gonna ask you to like and subscribe, just hope it helps",  # a negated invitation
        "I won't ask you to follow, just enjoy the sunset",
    ],
)
def test_talks_stories_exposes_and_negated_invitations_are_no_invitation(caption):
    assert _missing(caption)


def test_a_plain_english_invitation_still_counts_next_to_the_negation_guard():
    assert not _missing("Don't forget to like and subscribe")
    assert not _missing("like and subscribe for part two")


# ---------------------------------------------------------------- CTA002: bait shapes


@pytest.mark.parametrize(
    "caption, text",
    [
        ("电子版食谱整理好了，评论区扣1私发给你们", "评论区扣1私发给你"),  # comment keyword gating
        ("要模板的留言“模板”我私你", "留言“模板”我私你"),
        ("是兄弟就转发，不转的不是兄弟", "是兄弟就转发"),  # guilt
        ("前20位评论的送一份小样", "前20位评论的送"),  # reward for the first N
        ("双击过万，下期就出教程", "双击过万，下期就出教"),  # conditional with 双击
    ],
)
def test_new_bait_shapes_are_found(caption, text):
    assert text in _bait(caption)


def test_luck_reported_with_hearsay_is_still_bait():
    # 听说 is no mention cue: 听说…点赞的人都会有好运 is the classic luck framing
    assert _bait("听说给这条视频点赞的人都会有好运哦") == ["点赞的人都会有好运"]
    assert _bait_categories("听说给这条视频点赞的人都会有好运哦") == ["luck-curse"]


def test_guilt_bait_is_found_and_missing_cta_stays_quiet():
    caption = "当爸的都不容易，是爸爸就给自己点个赞 不点的不是好爸爸"
    assert _bait(caption) == ["是爸爸就给自己点个赞", "不点的不是好爸爸"]
    assert _bait_categories(caption) == ["guilt", "guilt"]
    assert _bait_categories("#看得起农村人的点个双击吧 今天摘苹果") == ["guilt"]
    assert not _missing(caption)


def test_reward_only_caption_defers_missing_cta_to_engagement_bait():
    caption = "自家晒的柿饼，前30名关注的送一袋"
    assert _bait(caption) == ["前30名关注的送"]
    assert not _missing(caption)
    assert _cta_kinds(caption) == "bait only"


@pytest.mark.parametrize(
    "caption",
    [
        "别互关！小号互关容易被限流，好好拍视频",  # a warning; the second 互关 is discussed
        "互关有风险，新号千万别碰",
        "拒绝互粉，靠内容说话",
    ],
)
def test_warnings_against_mutual_follow_are_no_bait(caption):
    assert _bait(caption) == []


def test_a_plain_mutual_follow_request_is_still_bait():
    assert _bait("新人求互关，有关必回") != []


# ---------------------------------------------------------------- RISK002 absolute-terms


@pytest.mark.parametrize(
    "text, expected",
    [
        ("俺家手工粉条，全国独一份", ["全国独一份"]),
        ("Lowest price on the web, today only", ["Lowest price on the web"]),
        ("这款奶粉最接近母乳，宝宝爱喝", ["最接近母乳"]),
    ],
)
def test_new_absolute_claims(text, expected):
    assert _spans(text) == expected


@pytest.mark.parametrize("text", ["最佳赏梅时间：二月中旬", "最佳观鸟季节是十一月", "他离终点线最接近的一次"])
def test_consumer_tips_and_plain_uses_are_no_claim(text):
    assert _spans(text) == []


# ---------------------------------------------------------------- RISK003 off-platform contact


def test_an_id_glued_to_weixin_homophone_is_contact():
    assert _contacts("闲置相机出 联系威信abc2024") == ["威信abc2024"]


def test_weixin_homophone_as_prestige_is_no_contact():
    assert _contacts("老班长在村里威信很高") == []
    assert _contacts("他的威信abc") == []  # no digit: not an id
