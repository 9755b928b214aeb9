"""Absolute claims with their scope and look-alikes, contact spellings and warnings, refusals and gated
bait, invitations and questions that are none. Every text here was
written for these tests (none is a labelled case); each asserts the exact span or the exact outcome."""

from __future__ import annotations

import pytest

import prelint
from lint_texts import bait as _bait, contacts as _contacts, spans as _spans


def _missing(caption: str) -> bool:
    return bool(prelint.lint(caption=caption, select=["CTA001"]).result("missing-cta").findings)


# ---------------------------------------------------------------- RISK002 absolute-terms


@pytest.mark.parametrize(
    "text, expected",
    [
        ("县城本地最好的火锅店，周末要排队", ["本地最好"]),  # scope word joins the claim
        ("全省第一的钢琴培训班，暑期班开课", ["全省第一"]),
        ("全市最便宜的洗车店就在这", ["全市最便宜"]),
        ("千元内最强的机械键盘", ["千元内最强"]),
        ("行业顶尖的售后团队", ["行业顶尖"]),
        ("全球独家的发酵工艺", ["全球独家"]),
        ("在老家本地口碑第一的烧饼铺", ["本地口碑第一"]),
        ("这口锅同价位最稳定，导热均匀", ["同价位最稳定"]),
        ("这款面膜是我用过最好用的，没有之一", ["没有之一"]),  # 我用过最好用的 is the creator's experience
        ("自家果园的橙子，绝对无添加", ["绝对"]),
        ("这款基金收益最高、风险最低，100%保本", ["收益最高", "风险最低", "100%保本"]),
        ("我们驾校一次通过率100%", ["一次通过率100%"]),
        ("这款猫砂除臭效果最好", ["效果最好"]),
        ("The #1 best-selling lip balm is back", ["#1 best-selling"]),
        ("Canada's #1 maple syrup brand", ["Canada's #1"]),
        ("Honestly the best blender on the market", ["the best blender on the market"]),
        ("万能充电宝一个顶三个", ["万能"]),
        ("年卡最优价今天锁定", ["最优价"]),
    ],
)
def test_absolute_claims_with_their_scope(text, expected):
    assert _spans(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "今年是苹果收成最好的一年，爷爷很开心",  # a good year is no sales claim
        "这家店号称全城最正宗的烤鸭，吃完觉得一般",  # a claim reported, then doubted
        "全市第一家三甲医院今天搬新址",  # a true background fact about a public place
        "全省第一名的考生分享学习方法",
        "中国第一高楼的观光层实拍",
        "这种理财风险最低吗？求懂的人说说",  # a question, not a claim
        "哪款防晒效果最好？",
        "我绝对不会再去这家店了",  # 绝对 as speech emphasis, not a guarantee
        "唯一的室友搬走了，有点不习惯",
        "The best part of my day is this walk",
    ],
)
def test_look_alikes_are_not_absolute_claims(text):
    assert _spans(text) == []


# ---------------------------------------------------------------- RISK003 off-platform-contact


@pytest.mark.parametrize(
    "caption, expected",
    [
        ("想学摄影的来，威信同号", ["威信同号"]),
        ("有缘人看这里，卫星：mimi_0808", ["卫星：mimi_0808"]),
        ("要素材的Q 3 9 8 1 2 7 6 5，备注来意", ["Q 3 9 8 1 2 7 6 5"]),
        ("联系电话：一五九 二二三三 四四五五", ["一五九 二二三三 四四五五"]),
        ("Daily picks 🚀 join my Telegram @cryptofox", ["join my Telegram @cryptofox"]),  # the move and the handle, one span
        ("DM me on IG @clayhands for custom mugs", ["DM me on IG @clayhands"]),  # the move and the handle, one span
    ],
)
def test_contact_spellings_around_filters(caption, expected):
    assert _contacts(caption) == expected


@pytest.mark.parametrize(
    "caption",
    [
        "北斗卫星发射成功，卫星进入预定轨道",  # 卫星 without an id is a satellite
        "Q3 2024 营收同比增长",
        "提醒家里老人：陌生人让你加微信、点链接一定要警惕",
        "揭秘刷单骗局：所谓加V返利，最后都是让你先垫钱",
        "一二三四五六七八九十，数数歌",
    ],
)
def test_warnings_satellites_and_counting_are_no_contact(caption):
    assert _contacts(caption) == []


def test_asking_for_a_dm_to_get_contact_details_is_diversion():
    # decision (DOMAIN.md, Douyin item 8: "inducing users to leave the platform for private contact"):
    # 私我拿联系方式 hands out contact details off the feed, so it stays a finding
    assert _contacts("想要同款的私我拿联系方式") == ["私我拿联系方式"]


def test_a_curly_apostrophe_inside_a_word_reads_as_an_apostrophe():
    from prelint.text.matcher import normalize

    assert normalize("Don’t") == "don't" and len(normalize("‘quoted’")) == len("‘quoted’")
    assert normalize("‘quoted’") == "‘quoted’"  # quote marks at word edges stay quote marks


# ---------------------------------------------------------------- CTA002 engagement-bait (lexicon)


@pytest.mark.parametrize(
    "caption",
    [
        "这家面馆在点评上的点赞数很高，去了才发现确实好吃",  # 才发现 is no 才发
        "我们不互关、不买粉，慢慢做内容",  # a refusal
        "新赛季上线互关好友专属头像框",  # a game feature
        "警方提醒：有人以“点赞返现”为由骗取押金，请勿轻信",
        "【新闻】警方破获一起以转发抽奖为名的诈骗案",
        "点赞过千了，谢谢大家，三连过两千了也谢谢",  # milestones reached
    ],
)
def test_reports_refusals_and_other_senses_are_not_bait(caption):
    assert _bait(caption) == []


@pytest.mark.parametrize(
    "caption, expected",
    [
        ("钩针图解关注我才能领哦", ["关注我才能领"]),
        ("这套连招我会出教学，三连过三千马上安排！", ["三连过三千马上安排"]),
        ("互关互赞，有关必回", ["互关", "互赞", "有关必回"]),
    ],
)
def test_gated_and_conditional_bait_in_other_words(caption, expected):
    assert _bait(caption) == expected


# ---------------------------------------------------------------- CTA001 missing-cta


@pytest.mark.parametrize(
    "caption",
    [
        "今年的辣椒大丰收 老铁们家里种的啥？评论区唠唠",
        "你们有什么好看的书，评论区推荐给我",
        "新家的书房改好了，你们最喜欢哪个角落？comment 告诉我",
        "New recipes every Friday, follow so you don’t miss them!",
    ],
)
def test_comment_section_requests_and_reasons_to_follow_are_invitations(caption):
    assert not _missing(caption)


QUESTIONS_TO_THE_VIEWERS = [
    "周末去爬了泰山，日出太美了🌄 你们今年去哪儿旅行了？",
    "重温了三遍还是哭了。大家最喜欢哪一集？",
    "陈伟霆替身也太帅了，你们觉得呢？",
    "彩礼不得超1万，喜宴不得超过10桌！这事你怎么看？",
    "老公说看不出区别 气死我了🤣 你们说差别大不大 #素颜",  # asked without a question mark
    "Aldi run for a week of dinners. Which meal should I cook first? #groceryhaul",
]


@pytest.mark.parametrize("caption", QUESTIONS_TO_THE_VIEWERS)
def test_a_question_to_the_viewers_asks_for_their_answer(caption):
    assert not _missing(caption)


@pytest.mark.parametrize("caption", QUESTIONS_TO_THE_VIEWERS)
def test_questions_invite_can_be_switched_off(caption):
    report = prelint.lint(caption=caption, select=["CTA001"], config={"options": {"missing-cta": {"questions-invite": False}}})
    assert report.result("missing-cta").findings


@pytest.mark.parametrize(
    "caption",
    [
        "你们知道吗？其实香蕉是浆果，草莓反而不是",  # a rhetorical hook answered right away
        "大家猜猜这是哪里？答案是青海湖，湖边风很大。",  # a question in the middle, answered
        "Don’t follow me for financial advice, I just like charts.",  # curly apostrophe: still a negation
    ],
)
def test_rhetorical_questions_and_negations_are_no_invitation(caption):
    assert _missing(caption)


def _bait_levels(caption: str) -> list[str]:
    return [f.level.value for f in prelint.lint(title="x", caption=caption, select=["CTA002"]).result("engagement-bait").findings]


@pytest.mark.parametrize(
    "caption",
    [
        "自动汇总每月支出📊 模板放在评论区置顶了，免费拿 觉得有用点个收藏",  # free for everyone, not for engaging
        "Digital pet portraits, $45 each 🎨 DM me here with a photo of your pet. Follow to see the finished pieces",
        "Follow to see how it turns out next week",
    ],
)
def test_a_free_template_in_the_pinned_comment_and_follows_for_future_posts_are_no_bait(caption):
    assert _bait_levels(caption) == []


@pytest.mark.parametrize(
    "caption",
    [
        "评论区扣1免费领模板",
        "Free ebook giveaway 📚 Like + follow, then DM me on Instagram for the PDF",
        "Follow to see the answer 👀",
    ],
)
def test_rewards_and_gates_for_engaging_stay_bait(caption):
    assert _bait_levels(caption)


@pytest.mark.parametrize(
    "title, caption, code",
    [
        ("北京减脂餐配送", '朝阳区可配送 订餐上美团搜"轻盈小厨" 关注我看每日菜单', "RISK003"),
        ("农村小伙卖西瓜", "瓜卖不出去都要烂在地里了 有良心的都点个赞吧", "CTA002"),
        ("Daily crypto signals", "Like + follow and I'll add you to my VIP Telegram. Drop your questions below", "CTA002"),
        ("劳动纠纷免费咨询", "欠薪、工伤都可以问 本市胜诉率最高的团队 转给需要的朋友", "RISK002"),
        ("Live sale tonight", "Genuine leather bags at the cheapest prices you'll find anywhere. Live sale 8pm", "RISK002"),
    ],
)
def test_orders_sent_elsewhere_guilt_exchanges_and_service_claims(title, caption, code):
    report = prelint.lint(title=title, caption=caption, select=[code])
    assert report.rules[0].findings, (title, caption)


@pytest.mark.parametrize(
    "title, caption, code",
    [
        ("外卖省钱", "美团搜索外卖红包怎么领最划算？", "RISK003"),  # a question about the app
        ("升旗", "这就是中国人的精神！点赞，加油！", "CTA002"),  # praise, not guilt
        ("周末", "咨询了医生才知道，原来这是最常见的过敏", "RISK002"),  # no service offered
    ],
)
def test_the_same_words_outside_a_sale_or_a_demand_stay_quiet(title, caption, code):
    report = prelint.lint(title=title, caption=caption, select=[code])
    assert not report.rules[0].findings, (title, caption)


def test_a_surprise_cut_off_before_its_point_is_clickbait():
    assert prelint.lint(title="他竟然把车开进了……", caption="新手司机第一次倒车入库", select=["RISK001"]).rules[0].findings
    assert not prelint.lint(title="他竟然把车开进了车库", caption="新手司机第一次倒车入库", select=["RISK001"]).rules[0].findings


@pytest.mark.parametrize(
    "caption, missing",
    [
        ("凡是让你转账到安全账户的 百分之百是骗子 转给家里长辈看看", False),  # a new sentence after the space
        ("揭秘刷单骗局：骗子先让你点赞关注，再拉你进群", True),  # the invitation is the scammer's, reported
        ("骗子先让你点赞关注", True),
    ],
)
def test_a_scam_named_in_an_earlier_sentence_does_not_make_an_invitation_a_report(caption, missing):
    assert _missing(caption) is missing
