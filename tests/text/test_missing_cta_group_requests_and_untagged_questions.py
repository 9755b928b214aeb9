"""missing-cta (CTA001): asking a group of viewers for advice, a name or their result, a question to the
viewers without a question mark (Chinese "X的朋友…吗", English "what's your …" closing the caption) and
saving a tip in everyday words are invitations; a caption that only tells its story is not."""

from __future__ import annotations

import pytest

import prelint


def _missing(caption: str, title: str | None = None):
    return prelint.lint(title=title, caption=caption, platform="douyin", select=["CTA001"]).result("missing-cta")


@pytest.mark.parametrize("caption", [
    "第一次做提拉米苏 奶油有点塌 烘焙师们给点建议 #烘焙",
    "新手养鱼三天死了两条 鱼友们说说是水的问题吗",
    "二手iPad 两千五 懂行的朋友帮我看看值不值",
    "第一次带娃坐飞机 有经验的宝妈们有啥经验分享一下",
    "北方的朋友冬天也吃冰棍吗 #东北",
    "你家狗子也怕吸尘器吗 #萌宠",
    "宿舍里总有这四种人 你是哪一种 @室友",
    "捡了一只小橘猫 给它起个名字吧",
    "第三节课的作业 学会了回来交作业",
    "今晚九点开播 唠嗑不卖货 来的老铁扣个到",
    "想看什么菜下期告诉我 #家常菜",
    "五个Word技巧 记不住就收藏",
    "手机拍夜景三个设置 收藏练起来",
    "Meal prep for the week, four lunches under $20. what's your go-to lunch",
    "Repotted all my monstera babies today 🌿 anyone else's plants going crazy this spring #plants",
    "my son asked why the moon follows the car. parents, please tell me I'm not the only one",
])
def test_these_invitations_are_found(caption):
    result = _missing(caption)
    assert result.status.value == "pass", (caption, result.findings)


@pytest.mark.parametrize("caption", [
    "和朋友们聊聊天 喝喝茶 周末就这样过去了 #日常",
    "几个老同学说说笑笑 一晚上就过去了",
    "收藏家老王的宝贝 一屋子的瓷器 #收藏",
    "给大家表演一个一秒变脸 #川剧",
    "what a week. finally done with exams #studytok",
    "我们去哪里吃饭 最后选了楼下的面馆",
])
def test_a_caption_that_only_tells_its_story_has_no_invitation(caption):
    result = _missing(caption)
    assert result.status.value != "pass", (caption, result.metrics)
