"""off-platform-contact (RISK003): WeChat named in slang (绿泡泡, 绿色软件, 威❤ with an id) and viewers sent to
a channel elsewhere are diversion; a search on the platform the draft is for (#快手搜索… on Kuaishou) and a
question about an app as a topic are not. The numbered caption is a real one (KuaiRec video id)."""

from __future__ import annotations

import pytest

import prelint


def _contacts(caption: str, platform: str = "douyin") -> list[str]:
    result = prelint.lint(caption=caption, platform=platform, select=["RISK003"]).result("off-platform-contact")
    return [f.evidence["text"] for f in result.findings]


@pytest.mark.parametrize("caption, platform, expected", [
    ("想要同款的加我绿泡泡", "douyin", ["绿泡泡"]),
    ("详细教程在绿色软件里发你", "kuaishou", ["绿色软件"]),
    ("威❤ lulu0521 备注来意", "douyin", ["威❤ lulu0521"]),
    ("Search 'knit basics' on my YouTube channel for the full pattern", "tiktok", ["Search 'knit basics' on my YouTube"]),
    ("同款在淘宝搜：阿宝家", "kuaishou", ["淘宝搜"]),
    ("喜欢的加我薇：nana_0312 备注手链", "douyin", ["加我薇：nana_0312"]),
    ("加我威信领资料", "douyin", ["加我威信"]),
    ("想学的私信，我发你VX", "douyin", ["发你VX"]),
    ("某鱼搜「阿木手作」有现货", "kuaishou", ["某鱼搜"]),
    ("拼夕夕搜同款就有", "douyin", ["拼夕夕搜"]),
])
def test_wechat_slang_and_other_channels_are_diversion(caption, platform, expected):
    assert _contacts(caption, platform) == expected


@pytest.mark.parametrize("caption, platform", [
    ("广场舞4步《绕臂》练习#零基础 #快手广场舞 #快手搜索更多广场舞教程", "kuaishou"),  # 32
    ("抖音搜索同名话题看更多", "douyin"),
    ("小红书搜索真的好用吗？", "douyin"),
    ("绿泡泡怎么改名？", "douyin"),
    ("私信我领取完整配方", "douyin"),
])
def test_own_platform_searches_and_questions_about_an_app_are_no_contact(caption, platform):
    assert _contacts(caption, platform) == []


def test_another_platform_search_is_still_diversion_on_kuaishou():
    assert _contacts("抖音搜索同名账号看完整版", "kuaishou") == ["抖音搜索"]


@pytest.mark.parametrize("caption, span", [
    ("Daily picks every morning. Join our Discord via the link in my bio", (27, 43)),
    ("Full patterns are on Patreon, Patreon link in my bio", (30, 52)),
])
def test_a_group_or_channel_on_another_app_is_diversion(caption, span):
    result = prelint.lint(caption=caption, platform="tiktok", select=["RISK003"]).result("off-platform-contact")
    assert [(f.code, f.start, f.end) for f in result.findings] == [("RISK003", span[0], span[1])], result.findings
    assert result.findings[0].evidence["text"] == caption[span[0]:span[1]]


@pytest.mark.parametrize("caption", [
    "Discord was down all night so we streamed here instead",
    "I left the Discord server last year, best decision",
])
def test_naming_another_app_is_no_diversion(caption):
    assert _contacts(caption, "tiktok") == []


@pytest.mark.parametrize("caption, span", [
    ("喜欢的加我薇：nana_0312 备注手链", (3, 16)),
    ("想学的私信，我发你VX", (7, 11)),
    ("某鱼搜「阿木手作」有现货", (0, 3)),
])
def test_homophones_promised_ids_and_masked_shop_names_are_found_with_their_span(caption, span):
    result = prelint.lint(caption=caption, platform="kuaishou", select=["RISK003"]).result("off-platform-contact")
    assert [(f.code, f.start, f.end) for f in result.findings] == [("RISK003", *span)]


@pytest.mark.parametrize("caption", [
    "还珠格格里的赵薇：永远的小燕子",  # 薇 in a name
    "照片我发你微信上了，记得查收",  # a file sent to a friend, no id promised
    "某宝搜同款靠谱吗？",  # a question about the shop
])
def test_their_ordinary_twins_are_no_contact(caption):
    assert _contacts(caption) == []
