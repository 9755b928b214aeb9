"""missing-cta (CTA001): the invitations real captions use count, in Chinese and English; a caption given
empty has none; a question to the viewers, thanks for follows and the creator sharing something are not
invitations. The numbered captions are real ones (KuaiRec video ids)."""

from __future__ import annotations

import pytest

import prelint
from prelint.draft import Draft
from prelint.config import Config
from prelint.engine import lint_draft
from prelint.registry import load_rules


def _missing(caption: str, title: str | None = None):
    report = prelint.lint(title=title, caption=caption, platform="kuaishou", select=["CTA001", "CTA002"])
    return report.result("missing-cta")


@pytest.mark.parametrize("caption, kind", [
    ("收藏这份攻略，出发前看一遍", "favourite"),
    ("学会了就转发给爸妈", "share"),
    ("评论区算算你的分数", "comment"),
    ("Drop your tips below", "comment"),
    ("Give her a ❤️", "like"),
    ("Share this with a cat parent", "share"),
    ("老人言，喜欢留个关注 #老人言  #同城热点", "follow"),  # 3298
    ("哥哥姐姐叔叔阿姨们来了多多支持多多关注谢谢大家了🙏🙏", "follow"),  # 7414
    ("双击评论666", "like"),  # 9316
    ("喜欢请关注，请留字。", "follow"),  # 10396
    ("还想看我和莹莹一起跳什么舞蹈呀😉评论在下面吧👇", "comment"),  # 860
    ("画了两天能换来您一个几秒的❤️吗？", "like"),  # 8176
    ("非常舒服的一双阿甘鞋 软底软面 时尚百搭喜欢💕双🐔➕关㊗️吧🔥", "like"),  # 6034
    ("@出你单身时间最长的姐妹吧", "share"),  # 2464
    ("给你好朋友看#手写", "share"),  # 416
    ("Like if you agree", "like"),
])
def test_real_invitations_count(caption, kind):
    result = _missing(caption)
    assert result.status.value == "pass", (caption, result.metrics)
    assert kind in result.metrics["cta_kinds"].split(","), result.metrics


@pytest.mark.parametrize("caption", [
    "#感谢快手官大大送上热门 #感谢快手平台和关注我的朋友 #感谢快手绿色平台",  # 6182
    "鸭货下锅顺序分享给大家参考！🤝今天父亲节，祝所有看到视频的父亲们节日快乐❤️",  # 1868
    "我来转给你看   @周同学(O1951804829) #周杰伦喊你玩转篮球",  # 52
    "无愧是国家一级演员，为爱国老戏骨点赞👍 #明星",  # 602
])
def test_thanks_and_the_creator_sharing_are_no_invitation(caption):
    result = _missing(caption)
    assert result.status.value == "info" and result.metrics["cta_kinds"] == "none", (caption, result.metrics)


@pytest.mark.parametrize("caption", [
    "陈伟霆替身也太帅了，你们觉得呢？",  # 5710
    "彩礼不得超1万，喜宴不得超过10桌，婚车不得超过6辆！这事你怎么看？ #结婚 #彩礼",  # 1612
])
def test_real_questions_to_the_viewers_invite_a_comment(caption):
    result = _missing(caption)
    assert result.status.value == "pass" and result.metrics["cta_kinds"] == "comment", (caption, result.metrics)


def test_a_caption_given_empty_has_no_invitation_and_a_title_alone_is_skipped():
    rule = load_rules()["CTA001"]
    empty = lint_draft(Draft(title="仙气飘飘", caption="", platform="kuaishou"), Config(), [rule]).rules[0]
    assert empty.status.value == "info" and empty.findings[0].field == "caption"
    title_only = lint_draft(Draft(title="仙气飘飘", platform="kuaishou"), Config(), [rule]).rules[0]
    assert title_only.status.value == "skipped" and title_only.reason.startswith("only the title is given")
    nothing = lint_draft(Draft(platform="kuaishou"), Config(), [rule]).rules[0]
    assert nothing.status.value == "skipped" and nothing.reason.startswith("no caption and no text in the video")


def test_an_invitation_engagement_bait_leaves_alone_keeps_missing_cta_quiet():
    # a begging invitation is no bait, so CTA002 is silent and CTA001 sees the invitation
    report = prelint.lint(caption="晚上下暴雨，路太滑了进来哥哥姐姐们给孩子一个免费的双击关注好吗？", select=["CTA001", "CTA002"])  # 3260
    assert report.result("engagement-bait").status.value == "pass"
    assert report.result("missing-cta").status.value == "pass"


@pytest.mark.parametrize("caption, kind", [
    # a question to the viewers ended by a space, a hashtag or an emoji rather than "？"
    ("周末在家包了饺子 你们家过年吃饺子还是汤圆 #年味", "comment"),
    ("搬家搬了一整天 你们搬家最头疼的是啥😮‍💨 #搬家", "comment"),
    ("第一次种多肉 大家看看长得对不对 #多肉", "comment"),
    # asking the viewers for help or their story
    ("面包又塌了 求大家告诉我是哪一步错了 #烘焙", "comment"),
    ("键盘声音太吵了 有什么办法吗 求支招 #键盘", "comment"),
    ("想要这个模板的留言 我一个个发 #剪辑", "comment"),
    ("尺码问题评论区也可以问 #穿搭", "comment"),
    ("First time making bao. Tell me your favourite filling below 👇 #dumplings", "comment"),
    ("Drop a 🌱 if you're growing tomatoes this year #garden", "comment"),
    ("Gardeners, what am I doing wrong with these leaves? #plants", "comment"),
    ("喜欢的点赞 下期做红烧版本 #家常菜", "like"),
    ("冬天常用的几个做法 收藏好 #食谱", "favourite"),
])
def test_invitations_in_everyday_wording_count(caption: str, kind: str) -> None:
    result = _missing(caption)
    assert result.status.value == "pass", (caption, result.metrics)
    assert kind in result.metrics["cta_kinds"].split(","), (caption, result.metrics)


@pytest.mark.parametrize("caption", [
    "谢谢你们 什么都不说了 #感恩",  # thanks to the viewers, no question
    "今天去了趟超市 买了很多菜 #日常",
])
def test_statements_without_a_question_or_an_ask_are_no_invitation(caption: str) -> None:
    assert _missing(caption).status.value == "info"


@pytest.mark.parametrize("caption", [
    "平价外套 面料还行 你们觉得值不值 #穿搭",  # A-not-A right after 你们觉得
    "四点起床赶早市 卖菜的你们几点出摊😮‍💨 #早市",  # a short lead before 你们
    "这种理发店你们那还有吗 #怀旧",
])
def test_questions_to_the_viewers_with_a_lead_or_a_not_a_shape(caption: str) -> None:
    result = _missing(caption)
    assert result.status.value == "pass" and result.metrics["cta_kinds"] == "comment", (caption, result.metrics)


@pytest.mark.parametrize("caption, kind", [
    ("做法很简单，学会了记得回来点赞😄 #家常菜", "like"),
    ("觉得有用的转给家长群 #育儿", "like"),
    ("Day 3 of the van build. Follow our journey #vanlife", "comment"),
    ("Where should we go next in Portugal? #travel", "comment"),
    ("Comments are open 👇 #tips", "comment"),
])
def test_invitations_with_a_word_between_or_to_a_group(caption: str, kind: str) -> None:
    result = _missing(caption)
    assert result.status.value == "pass" and kind in result.metrics["cta_kinds"].split(","), (caption, result.metrics)
