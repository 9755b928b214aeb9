"""More shapes creators write, each beside an ordinary line that must stay quiet: a QR code, a QQ
number with spaces, 徽 for 微 and "I'll send you my Telegram" as off-platform contact (RISK003); English
superlatives and a province's 第一 in promotion (RISK002); a prize for the most-liked comment and
luck for a like (CTA002); fake deletion and a kept-back ending in English titles (RISK001)."""

from __future__ import annotations

import pytest

import prelint


def _findings(code: str, caption: str, title: str | None = None, platform: str = "douyin") -> list[str]:
    report = prelint.lint(title=title, caption=caption, platform=platform, select=[code])
    return [f.evidence.get("text", "") for r in report.rules for f in r.findings]


@pytest.mark.parametrize("caption, words", [
    ("自家果园的脐橙 要的朋友扫视频结尾的二维码加我", "扫视频结尾的二维码加我"),
    ("代练上分 联系我qq 3391 2087", "联系我qq"),
    ("在家就能做的兼职 加徽 mm8877 了解", "加徽 mm8877"),
    ("free budget sheet, comment SHEET and I'll send you my telegram", "send you my telegram"),
])
def test_off_platform_contact_shapes(caption, words):
    assert any(words in found.lower() for found in (f.lower() for f in _findings("RISK003", caption))), caption


@pytest.mark.parametrize("caption", ["微信支付的二维码怎么设置 教程来了", "安徽黄山的门票要扫二维码入园", "my telegram bot project, code on github"])
def test_ordinary_mentions_of_apps_and_codes_are_no_contact(caption):
    assert _findings("RISK003", caption) == []


@pytest.mark.parametrize("caption, words", [
    ("sponsored | fastest-charging power bank ever made. link in bio to order", "fastest-charging power bank ever made"),
    ("the only cleanser that never dries my skin, use my code for 10% off", "the only cleanser that never"),
    ("the softest hoodie out there, shop the link", "the softest hoodie out there"),
    ("四川第一火锅底料 下单链接在小黄车", "四川第一"),
])
def test_promotional_superlatives(caption, words):
    assert any(words.lower() in found.lower() for found in _findings("RISK002", caption)), caption


@pytest.mark.parametrize("caption", ["the only friend who never forgets my birthday", "四川第一次下这么大的雪"])
def test_superlatives_without_promotion_are_no_claim(caption):
    assert _findings("RISK002", caption) == []


@pytest.mark.parametrize("caption", ["这条视频点赞最多的留言 送一套周边", "share this and something good will happen to you this week 🍀"])
def test_bait_with_a_prize_or_luck(caption):
    assert _findings("CTA002", caption) != []


@pytest.mark.parametrize("caption", [
    "每天学十个小时 好累 一起上岸的姐妹点个赞加加油 #考研 #上岸",  # the cue is only a hashtag
    "I like this song so much, something good always happens when it plays",
])
def test_encouragement_and_plain_likes_are_no_bait(caption):
    assert _findings("CTA002", caption) == []


@pytest.mark.parametrize("title", ["delete this before it gets taken down", "the ending had me crying 😭"])
def test_english_teasers(title):
    assert _findings("RISK001", "x", title=title, platform="tiktok") != []
