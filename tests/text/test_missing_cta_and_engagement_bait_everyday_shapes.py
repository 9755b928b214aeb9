"""missing-cta (CTA001) and engagement-bait (CTA002) on the shapes ordinary creators write: plain
invitations in everyday wording count as invitations and are never bait; bait needs a reward, a
condition, a gate, luck or an exchange, in any wording. Each shape has an ordinary draft beside it that
must stay quiet."""

from __future__ import annotations

import pytest

import prelint


def _lint(caption: str, platform: str = "douyin"):
    report = prelint.lint(caption=caption, platform=platform, select=["CTA001", "CTA002"])
    return report.result("missing-cta"), report.result("engagement-bait")


@pytest.mark.parametrize("caption, kind, words", [
    ("你家猫也这样吗？评论区举个手 #养猫", "comment", "评论区举个"),
    ("豆浆甜的还是咸的，评论区吵起来😂", "comment", "评论区吵起来"),
    ("今晚想听什么歌评论区点歌", "comment", "评论区点歌"),
    ("全屋定制的问题评论区有问题我都回", "comment", "评论区有问题"),
    ("周末又加班了😂 点赞的都是打工人", "like", "点赞的都是"),
    ("老人摔倒怎么扶，转发让更多人知道", "share", "转发让更多人"),
    ("西安三日游路线，详细清单可以收藏", "favourite", "可以收藏"),
    ("一首老歌送给大家，喜欢的支持一下", "like", "支持一下"),
    ("评论不要钱，夸夸我家狗", "comment", "评论不要钱"),
    ("唯一的心愿是它健康。关注我，记录它的每一天", "follow", "关注我"),
    ("Three stretches for desk workers. Share with a coworker who sits all day", "share", "Share with a"),
    ("Which pan is better? Comment 1 or 2", "comment", "Comment 1"),
    ("Finished my first marathon! Like to congratulate me 😅", "like", "Like to congratulate"),
    ("New mugs every Friday. Follow to see more glazes", "follow", "Follow to see more"),
])
def test_everyday_invitations_count_and_are_not_bait(caption, kind, words):
    from prelint.text import analyze_field

    missing, bait = _lint(caption)
    assert missing.status.value == "pass", (caption, missing.metrics)
    assert kind in missing.metrics["cta_kinds"].split(","), (caption, missing.metrics)
    assert bait.status.value == "pass", (caption, [f.message for f in bait.findings])
    # the words that make it an invitation, as the matcher quotes them
    matched = [m.text for m in analyze_field("caption", caption).for_rule("missing-cta") if m.category == kind]
    assert any(words.lower() in m.lower() or m.lower() in words.lower() for m in matched), (caption, matched)


@pytest.mark.parametrize("caption", [
    "这个评论区太好笑了，我笑了一晚上",  # a story about the comments
    "评论区有人问锅的尺寸，是28cm",  # a story about the comments
    "评论区先关了，最近太累",
    "Sharing my evening routine because a lot of you asked in the comments",  # what viewers did, no invitation
    "把旧照片翻出来了，送给你们❤️",  # a dedication, no like asked for
])
def test_stories_about_the_comments_and_dedications_are_no_invitation(caption):
    missing, bait = _lint(caption)
    assert missing.status.value == "info" and missing.findings, (caption, missing.metrics)
    assert missing.findings[0].code == "CTA001"
    assert bait.status.value == "pass", caption


@pytest.mark.parametrize("caption, category, words, ordinary", [
    ("宝宝明天复查，路过的点个赞给宝宝攒攒运气🙏", "luck-curse", "点个赞给宝宝攒攒运气", "宝宝明天复查，路过的点个赞吧🙏"),
    ("新婚快乐，双击沾沾喜气", "luck-curse", "双击沾沾喜气", "新婚快乐，双击送上祝福吧"),
    ("猜猜这是哪座城，评论区猜对的前五名送明信片", "reward", "前五名送", "猜猜这是哪座城，评论区告诉我"),
    ("Part 3 is only for my followers, follow and it'll show up", "gated", "only for my followers", "Part 3 is out tomorrow, follow for more"),
    ("Comment your zodiac sign and I'll go like your last video", "mutual", "I'll go like your", "Comment your zodiac sign below"),
    ("Show this video liked at the register for a free donut!", "reward", "for a free", "Come say hi at the register, we open at 7"),
    ("Like this video 10k times and I'll post the recipe", "conditional", "10k times", "Like this video if you want the recipe"),
    ("First 50 followers get a sticker pack 🎁", "reward", "First 50 followers get", "50 followers! Thank you all 🎁"),
])
def test_bait_shapes_are_errors_and_the_plain_version_stays_quiet(caption, category, words, ordinary):
    _, bait = _lint(caption)
    assert bait.status.value == "error", (caption, bait.metrics)
    finding = bait.findings[0]
    assert finding.code == "CTA002" and finding.evidence["category"] == category
    assert words.lower() in finding.evidence["text"].lower() or words in finding.message, (caption, finding.evidence["text"])
    _, quiet = _lint(ordinary)
    assert quiet.status.value == "pass", (ordinary, [f.message for f in quiet.findings])


def test_the_model_needs_its_bait_cue_near_the_engagement_words():
    # a long lament: a hater (黑粉) is no engagement request, and 只要 thirty characters earlier is no condition
    caption = ("这几年我承受了太多委屈，一直以为只要努力只要不放弃就会好起来的，无尽的谩骂也会过去的，可走到现在我迷茫了，"
               "为什么你们（黑粉）还是不放过我？")
    _, bait = _lint(caption)
    assert bait.status.value == "pass", [f.message for f in bait.findings]


def test_a_dedication_to_followers_is_no_prize():
    _, bait = _lint("送给所有关注我和还没关注我的朋友：你若不离，我便不弃")
    assert bait.status.value == "pass", [f.message for f in bait.findings]


@pytest.mark.parametrize("caption, platform, contact, ordinary", [
    ("完整版教程在B站，搜「小林做木工」就能看到", "douyin", "完整版教程在b站", "完整版教程在主页合集里"),
    ("周末订位打：0571-8888 6262", "douyin", "0571-8888 6262", "订单号 4200 0019 2834 5567 一直没发货"),
    ("Message me on Snapchat (nails.by.jo) to book", "tiktok", "Message me on Snapchat", "Message me here to book"),
])
def test_contacts_in_more_wordings_and_an_ordinary_draft_stays_quiet(caption, platform, contact, ordinary):
    def contacts(text):
        result = prelint.lint(caption=text, platform=platform, select=["RISK003"]).result("off-platform-contact")
        assert all(f.code == "RISK003" for f in result.findings)
        return [f.evidence["text"] for f in result.findings]

    found = contacts(caption)
    assert any(contact.lower() in text.lower() for text in found), (caption, found)
    assert contacts(ordinary) == [], ordinary


def test_dm_on_the_platform_the_draft_is_for_is_no_diversion():
    result = prelint.lint(caption="DM me on Instagram for prices", platform="reels", select=["RISK003"])
    assert result.result("off-platform-contact").status.value == "pass"


@pytest.mark.parametrize("caption", [
    "喜欢这首歌的来评论",  # an inviting word before the verb at the end of its clause
    "学到了就转发吧",  # a particle after it
    "Save for your next road trip 🚗",  # an imperative opening a sentence
    "Best pasta I've made all year. Tag the one who always burns the garlic",
])
def test_an_engagement_verb_asked_for_in_any_words_is_an_invitation(caption):
    missing, bait = _lint(caption)
    assert missing.status.value == "pass", (caption, missing.metrics)
    assert bait.status.value == "pass", caption


@pytest.mark.parametrize("caption", [
    "没人评论我也照样更新",  # a story
    "感谢关注！",  # thanks
    "I like this song so much, on repeat all week",  # 'like' as a verb of the creator
    "I don't do follow for follow, just honest reviews",  # mid-sentence, negated
])
def test_the_same_verbs_in_a_story_thanks_or_mid_sentence_are_no_invitation(caption):
    missing, _ = _lint(caption)
    assert missing.status.value == "info", (caption, missing.metrics)


@pytest.mark.parametrize("caption, ordinary", [
    ("转发到朋友圈集满30个赞，到店送饮料一杯", "新店开业，欢迎到店喝一杯"),
    ("帮我砍一刀，差一点就免费拿了", "今天砍了一刀价，便宜了五十"),
])
def test_likes_collected_or_help_asked_for_a_reward_are_bait(caption, ordinary):
    _, bait = _lint(caption)
    assert bait.status.value == "error" and bait.findings[0].evidence["category"] == "reward", (caption, bait.metrics)
    _, quiet = _lint(ordinary)
    assert quiet.status.value == "pass", ordinary


@pytest.mark.parametrize("caption", [
    "记得三连哦", "老铁们 666 刷起来", "Drop a 🔥 if you want part 2", "Smash that follow button for daily tips",
])
def test_more_plain_invitations(caption):
    missing, bait = _lint(caption)
    assert missing.status.value == "pass", (caption, missing.metrics)
    assert bait.status.value == "pass", caption


@pytest.mark.parametrize("caption", [
    "Someone in the comments asked for my sourdough recipe, so here it is",
    "今天又是三连败，心态崩了",  # 三连 as a losing streak
    "有问题私信我，需要的私我",  # a private message is none of the five kinds
])
def test_more_stories_are_no_invitation(caption):
    missing, _ = _lint(caption)
    assert missing.status.value == "info", (caption, missing.metrics)


def _invitations(caption: str, kind: str) -> list[tuple[int, int, str]]:
    from prelint.text import analyze_field

    return [(m.start, m.end, m.text) for m in analyze_field("caption", caption).for_rule("missing-cta") if m.category == kind]


@pytest.mark.parametrize("caption, kind, span", [
    # the comment section with a gesture or "来 + verb" after it, also after "those who …的"
    ("路过的评论区举个手，让我看看有多少同乡", "comment", (3, 9)),
    ("觉得不好吃的评论区来战 #火锅", "comment", (6, 11)),
    # those who need it, asked to send it on or to keep it
    ("需要的转给家里要考驾照的孩子", "share", (0, 5)),
    ("周末菜单都在这，有需要的收藏，照着买菜就行", "favourite", (8, 14)),
    ("收藏这一篇，下次装修照着买", "favourite", (0, 5)),
    # English: Let me know closing a sentence, comment + a question word after a comma
    ("Would you wear this to a wedding? Let me know", "comment", (34, 45)),
    ("Gold or silver frame? lmk 👇", "comment", (22, 25)),
    ("在杭州的评论区集合，周末约饭", "comment", (4, 9)),
    ("Thanks for the support, comment how you'd style it", "comment", (24, 35)),
])
def test_invitation_shapes_from_ordinary_drafts_count_with_their_span(caption, kind, span):
    missing, bait = _lint(caption)
    assert missing.status.value == "pass" and kind in missing.metrics["cta_kinds"].split(","), (caption, missing.metrics)
    assert bait.status.value == "pass", (caption, [f.message for f in bait.findings])
    assert span in [(a, b) for a, b, _ in _invitations(caption, kind)], (caption, _invitations(caption, kind))


@pytest.mark.parametrize("caption", [
    "我需要的收藏夹终于整理好了",  # 需要的 not opening its clause, 收藏夹 a thing
    "我的评论区来了好多新朋友",  # a story about the comments
    "She didn't let me know until Friday, so we missed the train",  # let me know mid-sentence
    "People comment how weird my accent is 😂",  # what others do, no comma imperative
])
def test_the_same_words_in_a_story_stay_no_invitation(caption):
    missing, _ = _lint(caption)
    assert missing.status.value == "info" and missing.findings[0].code == "CTA001", (caption, missing.metrics)


@pytest.mark.parametrize("caption, words, ordinary", [
    ("Baked the whole wedding cake in one night. If this hits 5k I'll post the ending 👀", "If this hits 5k I'll",
     "Baked the whole wedding cake in one night. I'll post the ending on Friday 👀"),
    ("Part 3 at 20k likes", "Part 3 at 20k likes", "Part 3 is up tomorrow at 5pm"),
    ("When this video reaches 800, I'll show the finished room", "When this video reaches 800, I'll",
     "If it hits 100 tomorrow, I'll stay inside all day"),
])
def test_a_count_of_likes_as_the_condition_for_the_rest_is_bait(caption, words, ordinary):
    _, bait = _lint(caption, platform="tiktok")
    assert bait.status.value == "error", (caption, bait.metrics)
    finding = bait.findings[0]
    assert finding.code == "CTA002" and finding.evidence["category"] == "conditional"
    assert finding.evidence["text"] == words and caption[finding.start:finding.end] == words, finding.evidence
    _, quiet = _lint(ordinary, platform="tiktok")
    assert quiet.status.value == "pass", (ordinary, [f.message for f in quiet.findings])


def test_follow_to_see_the_next_posts_is_an_invitation_and_follow_to_unlock_stays_bait():
    missing, bait = _lint("Fresh sourdough every morning. Follow to see tomorrow's bake", platform="tiktok")
    assert bait.status.value == "pass", [f.message for f in bait.findings]
    assert "follow" in missing.metrics["cta_kinds"].split(",")
    _, gated = _lint("Like and follow to unlock next week's episode", platform="tiktok")
    assert gated.status.value == "error" and gated.findings[0].evidence["category"] == "gated"


def test_a_wish_the_viewers_share_is_no_luck_promised_for_the_comment():
    missing, bait = _lint("每天学习十小时，一起上岸的姐妹评论区冒个泡，互相打气！")
    assert bait.status.value == "pass", [f.message for f in bait.findings]
    assert "comment" in missing.metrics["cta_kinds"].split(",")
    # a pass promised to those who engage is still luck bait
    _, luck = _lint("点赞的姐妹今年都能上岸")
    assert luck.status.value in ("warn", "error") and luck.findings[0].code == "CTA002", luck.metrics
