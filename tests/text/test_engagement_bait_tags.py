"""engagement-bait and hashtags: a trend's tag asks no one; a tag written as a sentence to the viewers asks
them as the caption would; a tag to the platform (我要上热门…粉丝破万) asks the platform."""

from __future__ import annotations

import pytest

import prelint


def _bait(caption: str) -> int:
    return len(prelint.lint(caption=caption, select=["CTA002"]).result("engagement-bait").findings)


@pytest.mark.parametrize("caption", ["今天拍点啥 #关注我关注我互暖 #真人真事", "这年头 #来吧大家一起报团取暖有关必回"])
def test_a_tag_written_to_the_viewers_is_bait(caption: str) -> None:
    assert _bait(caption) == 1


@pytest.mark.parametrize("caption", ["#接福接财接好运 留下小爱心吧", "#互关 今天的日常",
                                     "#作品推广感谢官大大每次推送我要上同城发现大热门粉丝破万 #今天拍点啥"])
def test_a_trend_tag_or_a_tag_to_the_platform_is_not(caption: str) -> None:
    assert _bait(caption) == 0
