"""Engagement for this video's own content, a sale moved off the platform, and promotion words of
services: each case in new wording beside an ordinary draft that must stay quiet."""

from __future__ import annotations

import pytest

import prelint


def _status(code: str, caption: str, title: str | None = None, platform: str = "tiktok") -> str:
    return prelint.lint(title=title, caption=caption, platform=platform, select=[code]).result(code).status.value


@pytest.mark.parametrize("caption", [
    "Follow and I'll send you the full pattern for this cardigan 🧶",
    "Like this and I'll post the answer tonight #riddle",
    "The ending? Only followers will find out 👀",
])
def test_this_videos_own_content_held_back_for_engagement_is_bait(caption: str) -> None:
    assert _status("CTA002", caption) == "error"


@pytest.mark.parametrize("caption", [
    "Follow and I'll post more patterns every Sunday 🧶",
    "Follow for more, I'll post the answer tomorrow",
])
def test_an_invitation_to_future_posts_is_no_bait(caption: str) -> None:
    assert _status("CTA002", caption) == "pass"


@pytest.mark.parametrize("caption", [
    "Orders through our website only — not taking orders on here 🍰 #bakery",
    "Shop the new prints on my Etsy, not selling here #art",
])
def test_a_sale_moved_off_the_platform_is_off_platform_contact(caption: str) -> None:
    assert _status("RISK003", caption) == "warn"


def test_a_shop_named_as_a_topic_is_no_diversion() -> None:
    assert _status("RISK003", "I finally opened my Etsy shop last year and here's what I learned #smallbusiness") == "pass"


@pytest.mark.parametrize("caption, platform", [
    ("顶级私教一对一 今天办卡立减300 #健身", "douyin"),
    ("The best tacos in town 🌮 2-for-1 every Tuesday #tacos", "tiktok"),
])
def test_superlatives_beside_a_service_offer_are_claims(caption: str, platform: str) -> None:
    assert _status("RISK002", caption, platform=platform) == "warn"


def test_a_superlative_in_a_vlog_without_an_offer_is_no_claim() -> None:
    assert _status("RISK002", "The best tacos I've ever had, on our road trip 🌮 #travel") == "pass"


@pytest.mark.parametrize("caption", [
    "厂家直销 9块9一件 不关注不发货",  # an order held back until a follow
    "上周有人赞了我，第二天就中了彩票，我真的开过光，不信你试试",  # luck promised for a like
    "交作业啦！随机抽取评论区三位幸运儿送口红",  # a prize for commenting
    "只要给我点赞的，找工作有难处我都帮你",  # help promised for a like
    "每天更新一个发型教程，万粉露脸",  # a follower count set as the price of the next post
    "#感谢快手 #看得起打工人的点个赞吧",  # guilt for not engaging
])
def test_real_caption_shapes_of_engagement_bait(caption: str) -> None:
    assert _status("CTA002", caption, platform="kuaishou") in ("warn", "error")


@pytest.mark.parametrize("caption", [
    "关注我，每天更新一个发型教程",
    "评论区说说你们最想学哪个发型",
    "谢谢大家的点赞，下期见",
])
def test_plain_invitations_next_to_those_shapes_are_no_bait(caption: str) -> None:
    assert _status("CTA002", caption, platform="kuaishou") == "pass"


@pytest.mark.parametrize("title", [
    "这个收纳方法不看就亏了",
    "睡前要认真听完这段话",
    "出差一周回来，一开门吓了一跳",
    "昨天晚上刚说完今天早上就……",
])
def test_real_title_shapes_of_clickbait(title: str) -> None:
    assert _status("RISK001", "", title=title, platform="kuaishou") == "warn"


@pytest.mark.parametrize("title", ["被猫吓了一跳", "今天早上就吃了个包子", "这首歌我一定要听完再睡"])
def test_everyday_titles_beside_those_shapes_are_no_clickbait(title: str) -> None:
    assert _status("RISK001", "", title=title, platform="kuaishou") == "pass"


def test_a_scope_superlative_with_a_fire_emoji_in_a_shop_post_is_a_claim() -> None:
    assert _status("RISK002", "全网它最🔥 #秋上新 #店铺推荐", platform="kuaishou") == "warn"
    assert _status("RISK002", "以最低的价格买到好鞋子，直播间下单", platform="kuaishou") == "warn"


def test_a_price_tier_named_welfare_is_no_reward_for_engagement() -> None:
    # 福利款 / 福利价 name cheap items in a live sale: following to be told when it starts is no bait
    assert _status("CTA002", "今晚8点开播 19.9元福利款限量30件 点个关注开播提醒你 #直播预告", platform="douyin") == "pass"
    assert _status("CTA002", "点个关注，评论区抽三位送福利", platform="douyin") != "pass"


def test_the_largest_market_of_a_region_named_in_a_travel_video_is_no_claim() -> None:
    assert _status("RISK002", "亚洲最大的花卉交易市场，一束玫瑰才15块 #旅行 #昆明", platform="douyin") == "pass"
