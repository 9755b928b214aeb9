"""clickbait-title (RISK001): shapes of withholding and hype that creators write in many wordings, each
with an ordinary title beside it that must stay quiet; and amplifiers (punctuation, emoji, capitals,
mood words) that never make clickbait on their own."""

from __future__ import annotations

import pytest

import prelint


def _result(title: str | None, caption: str | None = None, platform: str = "douyin"):
    return prelint.lint(title=title, caption=caption, platform=platform, select=["RISK001"]).result("clickbait-title")


def _words(result) -> list[str]:
    (finding,) = result.findings
    return [s["text"] for s in finding.evidence["signals"]]


@pytest.mark.parametrize("title, word, ordinary", [
    # the best part kept for later in the video
    ("最后一款口红太好看了", "最后一款口红太好看", "最后一天上班太累了"),
    ("三家火锅店测评，第二家绝了", "第二家绝了", "三家火锅店测评，第二家人均八十"),
    # an event announced, not told
    ("遛狗遛着遛着奇迹发生了", "奇迹发生了", "遛狗的时候下雨了"),
    # a sentence that stops at a turn
    ("十年前他借了我五百块，如今……", "如今……", "十年前他借了我五百块，如今还清了"),
    ("She opened the letter and then… 😳", "and then… 😳", "She opened the letter and read it twice"),
    # everyone is searching; a challenge claim standing in for the content
    ("全国人都在找的小面馆", "全国人都在找", "全国各地的小面馆"),
    ("这道题难倒5000人", "难倒5000人", "这道题我做了五分钟"),
    # a forward reference to an act, an unnamed thing
    ("太离谱了！外卖小哥做出这样的举动", "这样的举动", "外卖小哥送餐途中帮老人过马路"),
    # a reaction as the payoff, its cause withheld
    ("婆婆看完视频的反应，让全家破防", "让全家破防", "婆婆看完视频笑了半天"),
    # English attention grab and a what-happens hook
    ("STOP SCROLLING: what happens if you skip leg day", "what happens if", "Leg day routine: 5 moves, 30 minutes"),
])
def test_withholding_and_hype_shapes_fire_and_an_ordinary_title_stays_quiet(title, word, ordinary):
    result = _result(title)
    assert result.status.value == "warn", (title, result.metrics)
    assert word in _words(result), (title, _words(result))
    (finding,) = result.findings
    assert finding.code == "RISK001" and word in finding.message
    assert _result(ordinary).status.value == "pass", ordinary


@pytest.mark.parametrize("title", [
    "真尴尬！写成什么样了😤😤😤😤😤",  # an exclamation and five emoji
    "想你了？！",  # interrobang on a mood
    "路人看呆了 三个后空翻连着落地",  # a bystander's reaction, the feat said
    "WOW WOW this sunset!!!",  # capitals and exclamation marks
    "太扎心了",  # a mood
])
def test_punctuation_emoji_capitals_and_moods_alone_are_not_clickbait(title):
    result = _result(title)
    assert result.status.value == "pass", (title, result.metrics)
    assert result.metrics.get("substantive") is False or result.metrics["score"] < 2


def test_a_word_repeated_is_one_signal():
    caption = ("My aunt's dumpling recipe 🥟 She says the secret is cold water in the dough. "
               "Comment your family's secret ingredient #familyrecipe")
    result = _result(None, caption, platform="tiktok")
    assert result.status.value == "pass", result.metrics
    assert result.metrics["score"] == 1.0


@pytest.mark.parametrize("title, word", [
    ("千万不要再这样熬夜了！", "不要再这样熬夜了！"),
    ("这个按钮人人都有，但很少有人知道它的用法", "很少有人知道"),
])
def test_more_warning_and_secret_shapes(title, word):
    result = _result(title)
    assert result.status.value == "warn", (title, result.metrics)
    assert any(word in w or w in word for w in _words(result)), (title, _words(result))


@pytest.mark.parametrize("title", ["OMG this view!!!", "I can't believe it's been a year", "Wow wow wow!!!"])
def test_exclamations_in_english_are_amplifiers(title):
    assert _result(title).status.value == "pass", title


@pytest.mark.parametrize("title, span, ordinary", [
    # an industry said to hide it from you, or to be furious about "this": the thing itself withheld
    ("The one ingredient hotels hide from you", (19, 39), "The one ingredient I always forget"),
    ("Landlords are FURIOUS about this rule", (0, 32), "Landlords and tenants: what the new rule says"),
    ("Dentists hate this toothpaste trick", (0, 18), "My dentist explained flossing in one minute"),
    ("What airlines won't tell you about legroom", (5, 28), "What I pack for a long flight"),
])
def test_insiders_hiding_or_furious_about_this_is_clickbait(title, span, ordinary):
    result = _result(title)
    assert result.status.value == "warn", (title, result.metrics)
    (finding,) = result.findings
    assert finding.code == "RISK001"
    assert title[span[0]:span[1]] in _words(result), (title, _words(result))
    assert any(s["start"] == span[0] and s["end"] == span[1] for s in finding.evidence["signals"]), finding.evidence
    assert _result(ordinary).status.value == "pass", ordinary


@pytest.mark.parametrize("title", ["My dog is mad at the mailman again", "Chefs are angry with the new hygiene law",
                                   "They don't tell you how tiring a newborn is"])
def test_an_emotion_about_a_named_thing_is_not_clickbait(title):
    assert _result(title).status.value == "pass", title


@pytest.mark.parametrize("title, span, ordinary", [
    # the video said to be deleted once someone sees it: urgency around an unnamed "this"
    ("店长看到这个视频一定会删", (2, 11), "店长看到这个视频一定会点赞"),
    # the secret promised to be in the video, not told
    ("存款翻倍的秘诀，都在这个视频里", (5, 15), "存款翻倍的三个习惯，都在这个视频里"),
    # an everyday thing said to be deadly, the danger withheld
    ("这种杯子很多人在用，竟会要命！", (10, 14), "这种杯子很多人在用，泡茶要命地香"),
])
def test_deletion_threats_secrets_in_the_video_and_hidden_dangers_are_clickbait(title, span, ordinary):
    result = _result(title)
    (finding,) = result.findings
    assert finding.code == "RISK001"
    assert any(s["start"] <= span[0] and s["end"] >= span[1] for s in finding.evidence["signals"]), finding.evidence
    assert title[span[0]:span[1]] in "".join(_words(result)), (title, _words(result))
    assert _result(ordinary).findings == (), ordinary
