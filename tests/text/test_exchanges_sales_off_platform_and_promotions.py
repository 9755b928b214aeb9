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
