"""engagement-bait (CTA002) on real captions: a plain invitation, even a begging one, is never bait;
hashtags and @mentions are names, not requests; bait needs a reward, a condition, a gate, luck or a
curse, or an exchange. missing-cta (CTA001) agrees: an invitation CTA002 leaves alone counts as one,
and a caption of tags alone has none. The numbered captions are real ones (KuaiRec video ids)."""

from __future__ import annotations

import pytest

import prelint


def _lint(caption: str, title: str | None = None, platform: str = "kuaishou"):
    return prelint.lint(title=title, caption=caption, platform=platform, select=["CTA001", "CTA002", "RISK003"])


def _bait(caption: str) -> list[tuple[str, str]]:
    findings = _lint(caption).result("engagement-bait").findings
    return [(f.evidence["category"], f.evidence["text"]) for f in findings]


@pytest.mark.parametrize("caption", [
    "关注我，每周更新穿搭",
    "觉得有用就点个赞",
    "收藏起来慢慢看",
    "评论区告诉我你们的做法",
    "Comment below",
    "Like if you agree",
    "今天拍点啥 ##快影 ##热门短视频 ##推广小助手 谢快手我要上热门 ##感谢快手官方绿色平台正能量 ，给个双击加关注，感谢支持❤️每日更新。",  # 8236
    "#热门 #我要上热门 #明星 #闪耀吧爱豆 #迪丽热巴  给他一个双击吧！评论你们喜欢的爱豆❤️",  # 9588
    "双击加个关注，，，全部清仓处理 #感谢快手绿色平台 #热门发现",
    "喜欢的朋友给个双击呗   谢谢😂😂",
])
def test_plain_invitations_are_not_bait_and_count_as_invitations(caption):
    report = _lint(caption)
    assert not report.result("engagement-bait").findings, caption
    assert not report.result("missing-cta").findings, (caption, report.result("missing-cta").metrics)


@pytest.mark.parametrize("caption", [
    "#中国象棋 #七夕怎么过 #浪漫七夕赢大奖 #美妆宠粉节 #智能推广  @今天拍点啥(O840386039)",  # 4836
    ":  ##用快影上热门明星# #明星# #推广小助手# #感谢快手绿色平台支持正能量# #感谢快手官大大送上热门我要涨粉丝# #",  # 7946
    "@今天拍点啥(O840386039) #情感语录 #情感 #经典语录 #同城热点 #粉丝上万说赚就賺",  # 9286
    "#粉丝上万说赚就赚 #情感语录 #今天拍点啥  @快手创作者服务中心(O40300138)  @快手情感(O40300168)",  # 6984
    "接福接财到 #快手创作者中心 #接福接财接好运 #作品推广 #推广小助手",  # 8468
])
def test_hashtag_walls_and_tag_names_are_no_bait_and_no_invitation(caption):
    report = _lint(caption)
    assert not report.result("engagement-bait").findings, caption
    missing = report.result("missing-cta")
    assert missing.status.value == "info" and missing.metrics["cta_kinds"] == "none", missing.metrics


def test_a_creator_telling_of_follow_backs_asks_for_nothing():
    caption = ("#记录生活 #作品推广 #抱团取暖 #领工资 #感谢快手平台 这几天粉丝到3000了，首先感谢你们的支持，也有的人关注了又取消了，"
               "只是因为没能及时回关，因为每天的关注只有那么几个，我已经很努力的去回关了，但是根本不够，我太难了")  # 8472
    assert _bait(caption) == []


@pytest.mark.parametrize("caption, category, text", [
    ("不点赞的人今年都会倒霉", "luck-curse", "不点赞的人今年都会倒霉"),
    ("不点赞的不是好妈妈", "guilt", "不点赞的不是好妈妈"),
    ("评论区抽三个人送同款", "reward", "评论区抽三个"),
    ("Answer this and I'll like your videos", "mutual", "Answer this and I'll like your"),
    ("回答对了我就去给你点赞", "mutual", "回答对了我就去给你点赞"),
    ("点赞过万更新下一集", "conditional", "点赞过万更新"),
    ("If this gets 10k likes I'll post part 2", "conditional", "If this gets 10k likes"),
    ("晚上爱干什么？ 打出ws就知道了 #作品推广 #天蝎座 #来吧展示", "gated", "打出ws就知道了"),  # 2902
    ("已经把老猪设置成特别关注的亲人，你们走起桃、花、运、了吗？", "luck-curse", "设置成特别关注的亲人，你们走起桃、花、运"),
    ("关注我必回关", "mutual", "关注我必回关"),
])
def test_bait_with_a_reward_condition_gate_luck_or_exchange_is_found_and_quoted(caption, category, text):
    report = _lint(caption)
    (finding,) = report.result("engagement-bait").findings
    assert (finding.evidence["category"], finding.evidence["text"]) == (category, text)
    assert f"「{text}」" in finding.message
    assert report.result("missing-cta").status.value == "pass"  # CTA002 reports it, with a plain alternative


def test_what_off_platform_contact_suggests_is_no_bait():
    # RISK003's fix keeps the conversation on the platform with 私信; a caption that follows it is clean for both rules
    (contact,) = _lint("加我微信领取完整配方").result("off-platform-contact").findings
    assert "私信" in contact.hint
    report = _lint("私信我领取完整配方")
    assert not report.result("off-platform-contact").findings and not report.result("engagement-bait").findings


def test_a_model_reading_is_quoted_as_a_clause_never_as_ngram_fragments():
    caption = "评论区留下你的生日，生日那天送你一份小礼物"
    (finding,) = _lint(caption).result("engagement-bait").findings
    assert finding.evidence["text"] == "评论区留下你的生日" and finding.evidence["cue"] == "送"
    assert "「评论区留下你的生日」" in finding.message and "「送」" in finding.message


def test_a_prize_for_the_first_correct_comment_is_bait_and_naming_who_answered_first_is_not():
    caption = "猜猜这道菜用了几种调料，第一个答对的送一瓶自家酱料"
    (finding,) = _lint(caption).result("engagement-bait").findings
    assert (finding.code, finding.start, finding.end) == ("CTA002", 12, 19)
    assert (finding.evidence["category"], finding.evidence["text"]) == ("reward", "第一个答对的送")
    assert _bait("第一个答对的是我表妹，厉害了") == []


def test_a_wechat_id_promised_in_private_messages_is_diversion_not_bait():
    report = _lint("想做的私信我，我发你微信")
    assert not report.result("engagement-bait").findings
    (contact,) = report.result("off-platform-contact").findings
    assert (contact.code, contact.start, contact.end, contact.evidence["text"]) == ("RISK003", 8, 12, "发你微信")
    # material sent after a follow is still an exchange
    assert _bait("关注后私信我，我发你教程") == [("gated", "关注后私信")]
