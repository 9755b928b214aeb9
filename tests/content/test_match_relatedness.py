"""MATCH rules on the error kinds reported against them: hype over modest content, durations in words,
a different subject without shared words, false alarms on counts, short on-screen text; and the
ordinary drafts beside them that must stay quiet at warn level."""

from __future__ import annotations

from pathlib import Path

import pytest

from prelint.checks.match.claims import (
    count_enumerated,
    find_duration_claims,
    judge_draft,
    repeats_title,
)
from prelint.checks.match.concepts import find_concepts
from prelint.checks.match.quantities import find_durations, find_money, parse_amount
from prelint.checks.match.topic_model import load_topic_model
from prelint.config import Config
from prelint.content.model import ContentText, TextSpan
from prelint.context import Facts
from prelint.draft import Draft
from prelint.engine import run_rule
from prelint.registry import load_rules


def fired(title: str, content: str, onscreen: str = "", duration_s: float | None = None) -> dict[str, str]:
    """rule name -> level of what the MATCH rules find, judged as a draft is."""
    return {name: found[0].level for name, found in judge_draft(title, duration_s, content, onscreen).items() if found}


# --------------------------------------------------------------------------- the seed case, through the engine

def _run(code: str, title: str, screen: list[str], subtitles: list[str] = ()):  # type: ignore[assignment]
    spans = lambda source, lines: tuple(TextSpan(2.0 * i, 2.0 * i + 2, t, source) for i, t in enumerate(lines))  # noqa: E731
    content = ContentText(subtitles=spans("subtitles", subtitles), screen=spans("screen", screen), ocr_ran=True)
    facts = Facts(draft=Draft(video=None, subtitles=Path("cues.srt"), title=title), config=Config())
    facts._values["content"] = ("ok", content)
    return run_rule(load_rules()[code], facts, Config(), "douyin")


def test_short_on_screen_text_names_the_subject_and_is_flagged_at_warn() -> None:
    result = _run("MATCH003", "10分钟搞定米其林法式大餐", ["3个技巧让米饭更香", "点赞关注"])
    [f] = result.findings
    assert (f.code, f.level.value, f.field) == ("MATCH003", "warn", "title")
    assert f.evidence["way"] == "swap" and f.evidence["promised"] == "fine-dining"
    assert f.evidence["content_terms"] == ["米饭"]
    assert "10分钟搞定米其林法式大餐"[f.start : f.end] == "米其林"


def test_on_screen_title_card_is_no_evidence() -> None:
    # the cover repeats the title: without it the content still shows rice, not the promised feast
    result = _run("MATCH003", "10分钟搞定米其林法式大餐", ["10分钟搞定米其林法式大餐", "3个技巧让米饭更香"])
    assert [f.code for f in result.findings] == ["MATCH003"]
    assert repeats_title("10分钟搞定 米其林法式大餐！", "10分钟搞定米其林法式大餐")
    assert not repeats_title("3个技巧让米饭更香", "10分钟搞定米其林法式大餐")


def test_hype_gap_escalation_is_a_warn_finding_through_the_engine() -> None:
    result = _run("MATCH004", "五星级酒店同款早餐", [], ["泡面煮三分钟 加个鸡蛋 再放两根青菜 今天的早餐就好了"])
    [f] = result.findings
    assert (f.code, f.level.value) == ("MATCH004", "warn")
    assert f.evidence["modest_facts"] == {"fine food": ["泡面"]}
    plain = _run("MATCH004", "震惊！这样做番茄炒蛋", [], ["今天教大家做番茄炒蛋 鸡蛋打散 番茄切块 热锅倒油 加盐出锅"])
    assert [f.level.value for f in plain.findings] == ["info"]


# --------------------------------------------------------------------------- hype over modest content

@pytest.mark.parametrize("title,content", [
    ("千万豪宅的装修细节", "这是我租的一室一厅 家具都是拼多多上买的 几十块钱一个 小房子也能住得舒服"),
    ("月入十万的摆摊秘籍", "我每天晚上出摊卖烤肠 生意好的时候一天也就赚几百块 大家别被骗了"),
    ("人间仙境", "今天下班去家附近的公园散散步 湖边有几只鸭子 天气不错"),
    ("大厨级刀工", "我刀工不太好 大家别笑 土豆先切片再切丝 粗细不太均匀"),
    ("五星级酒店同款早餐", "泡面煮三分钟 加个鸡蛋 再放两根青菜 今天的早餐就好了"),
])
def test_hype_over_content_that_states_modest_facts_warns(title: str, content: str) -> None:
    assert fired(title, content).get("hype-gap") == "warn"


def test_hype_without_modest_facts_stays_info_and_backed_hype_is_quiet() -> None:
    assert fired("全网最好吃的蛋炒饭！！天花板级别", "隔夜米饭 鸡蛋打散 热锅倒油 炒鸡蛋 下米饭翻炒 加盐 葱花出锅") == {"hype-gap": "info"}
    assert fired("跟着米其林主厨学摆盘", "米其林二星主厨教我们摆盘 先用酱汁画一道弧线 主菜放在三分之一处") == {}
    # the title says the modest fact itself: nothing to escalate
    assert "hype-gap" not in fired("出租屋改造 花三千块住出豪宅感", "这是我租的小房子 家具都是拼多多买的 几十块钱一个 效果很满意")


def test_income_magnitudes_are_compared_per_day() -> None:
    [gap] = judge_draft("月入十万的摆摊秘籍", None, "我每天出摊卖烤肠 一天也就赚几百块")["hype-gap"][0].evidence["magnitude_gaps"]
    assert gap["claim_per_day"] == pytest.approx(3333.3, abs=0.1) and gap["content_per_day"] == 900.0
    # a content that earns what the title says is no gap
    assert "hype-gap" not in fired("月入过万的摆摊秘籍", "我每天出摊卖烤肠 秘诀是选对位置 一天能赚五六百 一个月一万五左右")


# --------------------------------------------------------------------------- durations written in words

@pytest.mark.parametrize("title,content,described", [
    ("3分钟化完全妆", "先涂妆前乳 底妆就花了十五分钟 然后画眉毛 眼影 最后口红", 900.0),
    ("1小时逛完迪士尼", "一进园先去坐飞越地平线 光排队就排了一个半小时 然后看了花车巡游", 5400.0),
    ("7天练出腹肌", "说实话我练了大半年 每天卷腹和平板支撑 饮食也要控制", 0.6 * 365 * 86400),
    ("Abs in 7 days", "Honestly it took me six months of training to see these lines.", 180 * 86400),
])
def test_durations_in_words_contradict_the_claim(title: str, content: str, described: float) -> None:
    [m] = judge_draft(title, 60.0, content)["duration-claim"]
    assert m.level == "warn"
    assert m.evidence["described_s"] == pytest.approx(described)


def test_duration_claims_the_content_fulfils_or_routines_are_quiet() -> None:
    assert fired("10分钟搞定晚餐", "我平时上班通勤要一个小时 今天做个番茄炒蛋 鸡蛋打散 下锅翻炒 十分钟就好了") == {}
    assert fired("7天练出腹肌", "第一天 卷腹三组 每天练二十分钟 第七天 腹肌线条出来了") == {}
    assert fired("3分钟化完全妆", "粉底一抹 眉毛两笔 口红一涂 三分钟就化好了") == {}
    assert fired("一小时做好三菜一汤", "首先把排骨焯水 然后炒青菜 最后煮汤 一共用了五十分钟") == {}


@pytest.mark.parametrize("text,low,high", [
    ("十五分钟", 900, 900), ("半个小时", 1800, 1800), ("一个半小时", 5400, 5400), ("两个多小时", 7200, 10800),
    ("二十几分钟", 1260, 1740), ("3-5分钟", 180, 300), ("三到五分钟", 180, 300), ("一刻钟", 900, 900),
    ("an hour and a half", 5400, 5400), ("five minutes", 300, 300), ("half an hour", 1800, 1800),
    ("twenty-five minutes", 1500, 1500),
])
def test_durations_as_people_write_them(text: str, low: float, high: float) -> None:
    [d] = find_durations(text)
    assert (d.low_s, d.high_s) == (low, high)


def test_dates_clock_times_and_ordinals_are_not_durations() -> None:
    assert find_durations("3月3号 下午三点半 第3天 三年级 2020年") == []
    [d] = find_durations("大半年")
    assert d.low_s == pytest.approx(0.6 * 365 * 86400)


def test_numbers_and_money_as_people_write_them() -> None:
    assert parse_amount("两百万") == (2_000_000, 2_000_000)
    assert parse_amount("一万五") == (15_000, 15_000)
    assert parse_amount("二十几") == (21, 29)
    assert parse_amount("几百") == (100, 900)
    [m] = find_money("月入十万的摆摊秘籍")
    assert (m.low, m.per) == (100_000, "month")
    assert find_money("千万不要这样做") == []  # 千万 as "never"
    assert [m.low for m in find_money("千万豪宅")] == [10_000_000]


def test_claims_with_any_result_verb_and_upper_end_of_a_range() -> None:
    assert [(c.text, c.seconds) for c in find_duration_claims("1小时逛完迪士尼")] == [("1小时逛完", 3600.0)]
    assert [(c.seconds, c.kind) for c in find_duration_claims("三到五分钟学会")] == [(300.0, "learn")]
    assert find_duration_claims("两个小时的电影") == []


# --------------------------------------------------------------------------- a different subject without shared words

@pytest.mark.parametrize("title,content,onscreen,way,level", [
    ("狗狗洗澡全攻略", "我家狗子在草坪上撒欢 跑来跑去 叫都叫不回来", "", "swap", "warn"),
    ("西安必吃十大美食", "到西安了 先办理入住 前台小姐姐很热情 大床房很干净 酒店离地铁很近", "", "domain", "info"),
    ("Full review: iPad Air", "Chop the onions, heat the pan, add garlic and stir until golden. Season with salt.", "", "domain", "warn"),
    ("10分钟搞定米其林法式大餐", "", "3个技巧让米饭更香\n点赞关注", "swap", "warn"),
])
def test_a_different_subject_is_flagged_without_shared_words(title: str, content: str, onscreen: str, way: str, level: str) -> None:
    [m] = judge_draft(title, None, content, onscreen)["topic-mismatch"]
    # categories alone inform; a swap of the promised thing for another of its kind warns, and so does a
    # promised product of which the content says nothing
    assert m.level == level and m.evidence["way"] == way


@pytest.mark.parametrize("title,content", [
    ("狗狗洗澡全攻略", "先用温水把毛打湿 挤上宠物沐浴露 搓出泡沫 冲干净以后用吹风机吹干"),
    ("西安必吃十大美食", "第一家 肉夹馍 第二家 羊肉泡馍 第三家 凉皮 味道都很正宗"),
    ("iPad Air 深度测评", "这台平板的屏幕很细腻 续航一天没问题 M1芯片性能很强"),
    ("周末去了趟成都", "第一站 宽窄巷子 然后去吃了火锅 晚上住在春熙路附近的酒店"),
    ("红烧肉的做法", "五花肉切块 冷水下锅焯水 炒糖色 加生抽老抽 小火炖一个小时"),
    ("减脂餐这样吃", "鸡胸肉切块 西兰花焯水 配半碗糙米饭"),
    ("新手必看的5个单反设置", "第一个 光圈优先模式 第二个 自动对焦点 第三个 ISO 第四个 白平衡 第五个 RAW格式"),
])
def test_related_content_without_the_titles_words_is_quiet(title: str, content: str) -> None:
    assert "topic-mismatch" not in fired(title, content)


def test_sparse_content_that_names_nothing_is_quiet() -> None:
    assert fired("10分钟搞定米其林法式大餐", "", "点赞关注\n哈哈哈") == {}
    assert fired("狗狗洗澡全攻略", "好了\n就这样") == {}


def test_concepts_and_topic_model() -> None:
    assert set(find_concepts("我家柯基")) == {"dog", "corgi"}  # the animal, and its breed
    assert "cooking" not in find_concepts("盐")  # a broad concept needs two of its words
    model = load_topic_model()
    guess = model.predict("番茄炒蛋 鸡蛋打散 热锅倒油 下番茄翻炒")
    assert guess.category == "美食" and guess.probability > 0.9
    assert model.predict("").known_features == 0


# --------------------------------------------------------------------------- false alarms on counts

@pytest.mark.parametrize("title,content", [
    ("3 ways to keep bread fresh", "First, freeze the slices. Next, use a bread box. Finally, wrap it in a cotton cloth."),
    ("4个动作练出好身材", "第一个动作深蹲 然后是平板支撑 接着做开合跳 最后拉伸放松"),
    ("一小时做好三菜一汤", "首先把排骨焯水 然后炒青菜 最后煮汤"),
])
def test_enumerations_in_other_styles_are_not_count_alarms(title: str, content: str) -> None:
    assert "count-claim" not in fired(title, content)


def test_ordinals_and_sequence_words_are_walked_in_order() -> None:
    assert count_enumerated("第一 先热锅 然后 下油 接着 放菜 最后 出锅").items == 4
    assert count_enumerated("第一步 热锅 然后倒油 第二步 下菜").items == 2
    # things (books, dishes) are counted by ordinals only
    assert count_enumerated("首先 我想说 然后 这本书", steps=False).items == 0


def test_fewer_things_than_promised_still_warns() -> None:
    assert fired("5 books that changed my life", "The first book is Atomic Habits. The second one is Deep Work. That's it.") \
        == {"count-claim": "warn"}
