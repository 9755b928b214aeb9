"""clickbait-title (RISK001) on real titles: a title is clickbait when it withholds its point, shocks or
hypes, not when it is emotional, a question, a mood or an everyday line. The evidence names the words
that decided, never n-gram fragments. The numbered titles are real ones (KuaiRec video ids)."""

from __future__ import annotations

import pytest

import prelint


def _clickbait(title: str, caption: str | None = None):
    return prelint.lint(title=title, caption=caption, platform="kuaishou", select=["RISK001"]).result("clickbait-title")


@pytest.mark.parametrize("title", [
    "原来很多东西…都一去不复返…",  # 6098
    "看到这个字，你第一个想到的是谁？",  # 7734
    "？？？",  # 1186
    "！！！",
    "终于找到这个配乐下手了👭🏻",  # 6824
    "太美了！",  # 3052
    "高温下锅太吓人了",
    "就是为了这个",
    "听过最温柔的一句话，大概就是：",
    "爱了爱了 太爱了",
    "是不是撩错人了？",
    "这个手艺快失传了",
    "令人心痛的爱……💔",
    "所爱隔……",
    "吓死我了！😂",
    "25周+4早上起来先喝这个甜甜肚子，送大宝上学，小宝又感冒，唉。。。",  # 4994: a sigh trails off
    "今天又加班到十点 唉…😮‍💨",
    "哈哈哈哈……",
])
def test_emotion_questions_moods_and_everyday_titles_are_not_clickbait(title):
    result = _clickbait(title)
    assert result.status.value == "pass", (title, result.metrics)


@pytest.mark.parametrize("title, words", [
    ("丽江偶遇小哥哥        结果……", "结果……"),  # 490
    ("最后一张惊艳到我了", "最后一张惊艳"),  # 9930
    ("当禁毒犬趴下时……", "当禁毒犬趴下时……"),
    ("若不是亲眼所见……", "若不是亲眼所见……"),
    ("慈眉善目的老奶奶，职业竟是…", "竟是…"),
    ("35岁高管肾衰竭 原因竞是它——", "原因竞是它——"),
    ("“一字马”女生高考分数出炉 她想去的大学是？", "是？"),
    ("听说百分之90的人都不认识这个字？", "百分之90的人"),
    ("全网最火转屏", "全网最火"),
    ("太吓人了千万别打开", "千万别打开"),
    ("养儿子和养女儿的区别，今天终于有结果了", "终于有结果了"),
    ("多大的悲伤？让姑娘在街边痛哭", "让姑娘在街边痛哭"),
])
def test_withholding_shock_and_hype_are_found_with_the_deciding_words(title, words):
    result = _clickbait(title)
    (finding,) = result.findings
    signals = [s["text"] for s in finding.evidence["signals"]]
    assert words in signals, (title, signals)
    assert words in finding.message
    assert finding.start is not None and title[finding.start:finding.end] in signals


def test_the_model_is_off_by_default_and_its_findings_quote_no_fragments():
    title = "这次终于让我抓到了吧"  # the model leans clickbait on 终于/让我; nothing is withheld
    assert _clickbait(title).status.value == "pass"
    on = prelint.lint(title=title, select=["RISK001"], config={"options": {"clickbait-title": {"model": True}}})
    (finding,) = on.result("clickbait-title").findings
    assert finding.evidence["decided_by"] == "model" and "「" not in finding.message


@pytest.mark.parametrize("title", [
    "刚刚，我的驾照考下来了",
    "刚刚！咱家的小狗生了四只",
    "老板在群里@我了，我慌了",
    "相亲对象迟到两小时，我服了",
])
def test_the_creators_own_news_and_mood_are_not_clickbait(title):
    # 刚刚 before 我/咱 opens the creator's own news; 我慌了 is a mood, not a reaction that withholds a story
    assert _clickbait(title).findings == ()


@pytest.mark.parametrize("title, span", [
    ("刚刚，大家都收到通知了吗", (0, 3)),  # 刚刚， as an urgent notice to everyone
    ("看到账单老公慌了", (4, 8)),  # someone else's reaction is the story's payoff
])
def test_urgent_notices_and_other_peoples_reactions_are_still_clickbait(title, span):
    (finding,) = _clickbait(title).findings
    assert (finding.code, finding.start, finding.end) == ("RISK001", *span)
    assert title[span[0]:span[1]] in [s["text"] for s in finding.evidence["signals"]]
