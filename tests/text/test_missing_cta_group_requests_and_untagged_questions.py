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


@pytest.mark.parametrize("caption", [
    "开了十五年的面馆要关了 你们有没有这种陪伴很久的小店",
    "老铁们你们那旮旯冷不冷",
    "睡到十点 买了花 换了盆土 你们周末都在干嘛",
    "蹲了三场终于抢到内场 有一起去的吗",
    "一个人的露营 星星特别多 有没有喜欢一个人出门的朋友",
    "坡子街臭豆腐 糖油粑粑 本地人觉得还有哪家必须加上的",
    "It never fully stops raining. Locals, what did I miss?",
    "倒车入库看后视镜 正在考的加油 过了回来报喜",
    "比例10:1:1 蒸两分钟 做成功的滴滴我",
    "冬天零下四十度 想来的朋友有问题可以问我",
    "试试说你比上次进步了 觉得有道理的转给孩子爸爸",
    "现摘现发 吃过的给个评价",
    "练了三个月的街舞 大家给点鼓励吧",
    "螺丝对角拧 半小时搞定 保存起来万一用得上",
    "Hi! I make tiny pottery and I'll be posting my process here. A follow would mean the world",
])
def test_questions_for_whoever_and_everyday_requests_are_invitations(caption):
    result = _missing(caption)
    assert result.status.value == "pass", (caption, result.findings)


@pytest.mark.parametrize("caption", [
    "有问题的零件都换掉了 #修车",
    "这个视频我已经保存了 留着以后看",
    "感谢大家一直以来的支持",
    "我有认识的朋友在那边工作 帮忙问了一下",
])
def test_the_same_words_telling_a_story_are_not(caption):
    result = _missing(caption)
    assert result.status.value != "pass", (caption, result.metrics)
