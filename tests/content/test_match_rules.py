"""MATCH rules: each decision's positive and negative cases with exact evidence, and the rules
through the engine (subtitles only, no video): findings point into the title, SKIPPED with reasons."""

from __future__ import annotations

from pathlib import Path

import pytest

import prelint
from prelint.checks.match.claims import (
    count_enumerated,
    find_count_claims,
    find_duration_claims,
    judge_count,
    judge_duration,
    judge_hype,
    judge_topic,
    key_terms,
    parse_number,
)
from prelint.model import Status

EGG = "今天教大家做番茄炒蛋 鸡蛋打散加少许盐 番茄切块 热锅倒油炒鸡蛋 下番茄翻炒出锅"


@pytest.mark.parametrize("text,value", [("10", 10), ("十", 10), ("十五", 15), ("二十", 20), ("两", 2), ("半", 0.5),
                                        ("一个半", 1.5), ("three", 3), ("1.5", 1.5)])
def test_parse_number(text: str, value: float) -> None:
    assert parse_number(text) == value


# --------------------------------------------------------------------------- duration-claim

def test_learn_claim_longer_video_is_flagged_with_numbers() -> None:
    [m] = judge_duration("1分钟看懂量子纠缠", 290.0, "量子纠缠是两个粒子之间的关联")
    assert (m.rule, m.start, m.end) == ("duration-claim", 0, 5)
    assert m.evidence == {"claim": "1分钟看懂", "claim_s": 60.0, "kind": "learn", "video_s": 290.0, "over_ratio": 4.83}


def test_learn_claim_within_tolerance_passes() -> None:
    assert judge_duration("一分钟看懂美联储加息", 62.0, "美联储加息就是提高利率") == []
    assert judge_duration("3分钟学会番茄炒蛋", 58.0, EGG) == []


def test_task_claim_against_described_times() -> None:
    [m] = judge_duration("8分钟搞定可乐鸡翅", 60.0, "鸡翅用料酒生抽腌制30分钟 煎至两面金黄 倒入可乐 小火焖20分钟收汁")
    assert m.evidence["claim"] == "8分钟搞定"
    assert m.evidence["described_s"] == 3000.0
    assert m.evidence["described"] == ["腌制30分钟", "焖20分钟"]


def test_overnight_counts_as_eight_hours() -> None:
    [m] = judge_duration("5分钟做好早餐", 45.0, "前一晚把燕麦泡在牛奶里冷藏一晚 早上加水果")
    assert m.evidence["described"] == ["冷藏一晚"] and m.evidence["described_s"] == 28800.0


def test_cooking_time_the_content_supports_is_not_a_mismatch() -> None:
    content = "今天教大家做番茄炒蛋 10分钟出锅 第一步 打蛋 然后小火焖30分钟"
    assert judge_duration("10分钟出锅的番茄炒蛋", 60.0, content) == []  # the content restates the claim
    assert judge_duration("10分钟搞定一顿早餐", 55.0, "鸡蛋煮8分钟 同时烤两片吐司") == []


def test_english_duration_claims() -> None:
    [claim] = find_duration_claims("Learn Excel pivot tables in 60 seconds")
    assert (claim.seconds, claim.kind, claim.text) == (60.0, "learn", "in 60 seconds")
    [m] = judge_duration("10-minute sourdough bread", 50.0, "Let it ferment overnight, then bake for 40 minutes.")
    assert m.evidence["described_s"] == 28800.0 + 2400.0
    assert judge_duration("Make pancakes in 15 minutes", 60.0, "Rest the batter for 5 minutes.") == []


def test_ordinal_and_bare_times_are_not_claims() -> None:
    assert find_duration_claims("第3分钟的彩蛋") == []
    assert find_duration_claims("这个3分钟的视频") == []


# --------------------------------------------------------------------------- count-claim

def test_count_claim_with_fewer_items_names_the_markers() -> None:
    [m] = judge_count("5个技巧让蛋糕不塌", 70.0, "第一个技巧 蛋白打发 第二个技巧 烤好立刻倒扣")
    assert (m.start, m.end) == (0, 4)
    assert m.evidence == {"claim": "5个技巧", "claimed": 5, "found": 2, "markers": ["第一个", "第二个"]}


def test_enumeration_styles() -> None:
    assert count_enumerated("首先 早睡 其次 运动 然后 计划 最后 反思").items == 4
    assert count_enumerated("1. 复制 2. 粘贴 3. 撤销").items == 3
    assert count_enumerated("第一 淘米 第二 加水 最后 焖十分钟").items == 3
    assert count_enumerated("步骤一 起形 步骤二 定位").items == 2
    assert count_enumerated("Habit one: be proactive. Habit two: plan.").items == 2
    assert count_enumerated("第一天 燕麦 第二天 面包 第三天 虾", days=True).items == 3


def test_count_claim_negatives() -> None:
    assert judge_count("3个技巧让米饭更好吃", 45.0, "第一 淘米 第二 水米比例 第三 焖十分钟") == []
    assert judge_count("两个小技巧让你早起", 30.0, "闹钟放远一点 起床先喝水") == []  # nothing enumerated
    assert judge_count("3 ways to fold a shirt", 40.0, "First, fold. Second, roll. Third, file.") == []
    assert find_count_claims("30天学会游泳") == []  # practice time, not 30 items
    assert find_count_claims("一周减脂餐 第一天") == []
    assert find_count_claims("两个鸡蛋的早餐") == []


def test_day_and_english_count_claims() -> None:
    [m] = judge_count("7天瘦5斤食谱", 60.0, "第一天 燕麦 第二天 面包 第三天 虾")
    assert (m.evidence["claimed"], m.evidence["found"]) == (7, 3)
    [m] = judge_count("5 tips for better sleep", 50.0, "First, no phone. Second, a dark room.")
    assert (m.evidence["claim"], m.evidence["found"]) == ("5 tips", 2)


# --------------------------------------------------------------------------- topic-mismatch

def test_topic_mismatch_lists_missing_terms_and_what_the_content_is_about() -> None:
    [m] = judge_topic("米其林大厨教你做法式鹅肝", 60.0, EGG)
    assert m.evidence["missing"] == ["米其林", "大厨", "法式鹅肝"]
    assert m.evidence["content_subjects"] == ["番茄炒蛋"]
    assert (m.start, m.end) == (0, 3)


def test_topic_synonyms_and_parts_count_as_present() -> None:
    assert judge_topic("家常番茄炒蛋的做法", 60.0, "今天做西红柿炒鸡蛋 鸡蛋打散 西红柿切块") == []
    assert judge_topic("法式鹅肝的家庭做法", 70.0, "今天做法式的煎鹅肝 鹅肝切厚片 撒盐") == []


def test_topic_without_a_competing_subject_is_not_flagged() -> None:
    # the dish is made but never named: the content shows no other subject, so no finding
    assert judge_topic("宫保鸡丁 正宗做法", 65.0, "鸡腿肉切丁 花生米炸香 干辣椒花椒爆香 下鸡丁翻炒") == []


def test_topic_english() -> None:
    assert key_terms("How to change a bike tire") == ["change", "bike", "tire"]
    [m] = judge_topic("How to change a bike tire", 55.0, "Today we are baking chocolate chip cookies. Cream the butter.")
    assert m.evidence["missing"] == ["change", "bike", "tire"]
    assert judge_topic("How to plant tomatoes", 60.0, "Dig a hole, bury the stem. Tomatoes love sun.") == []


# --------------------------------------------------------------------------- hype-gap

def test_hyped_title_over_plain_content() -> None:
    [m] = judge_hype("震惊！这样做番茄炒蛋", 45.0, EGG)
    assert m.evidence == {"title_hype": 2, "signals": ["震惊"], "content_support": []}
    assert (m.start, m.end) == (0, 2)


def test_hype_backed_by_content_or_mild_title_passes() -> None:
    assert judge_hype("全网最火的蛋炒饭 秘诀在这里", 50.0, "蛋炒饭好吃的秘诀是用隔夜米饭") == []
    assert judge_hype("最简单的番茄炒蛋", 45.0, EGG) == []  # one mild term: score 1
    assert judge_hype("The best chocolate chip cookies ever!!", 60.0, "The secret is brown butter.") == []


# --------------------------------------------------------------------------- through the engine

def _srt(tmp_path: Path, lines: list[str]) -> Path:
    path = tmp_path / "draft.srt"
    cues = [f"{i + 1}\n00:00:{2 * i:02d},000 --> 00:00:{2 * i + 2:02d},000\n{text}\n" for i, text in enumerate(lines)]
    path.write_text("\n".join(cues), encoding="utf-8")
    return path


def test_rules_through_the_engine_point_into_title_and_subtitle_times(tmp_path: Path) -> None:
    subs = _srt(tmp_path, ["今天教大家做蛋糕", "第一个技巧 蛋白打发", "第二个技巧 烤好倒扣", "然后冷藏4小时"])
    report = prelint.lint(title="5个技巧 10分钟搞定蛋糕", subtitles=subs, select=["MATCH"], config={})
    count = report.result("count-claim")
    assert count.status == Status.WARN
    [f] = count.findings
    # 第一个技巧, 第二个技巧, then 然后 opens a third item: three of five, markers from 2 s to 8 s
    assert (f.code, f.field, f.start, f.end, f.start_s, f.end_s) == ("MATCH002", "title", 0, 4, 2.0, 8.0)
    assert f.evidence["found"] == 3
    duration = report.result("MATCH001")
    [f] = duration.findings
    assert (f.evidence["claim"], f.evidence["described_s"]) == ("10分钟搞定", 14400.0)
    assert (f.start_s, f.end_s) == (6.0, 8.0)  # the cue that says 冷藏4小时
    assert report.result("topic-mismatch").status == Status.PASS


def test_no_video_and_no_subtitles_skips_with_reason() -> None:
    report = prelint.lint(title="5个技巧让蛋糕不塌", select=["MATCH"], config={})
    for rule in report.rules:
        assert rule.status == Status.SKIPPED
        assert rule.reason == "no subtitles or video to read text from"


def test_no_title_skips(tmp_path: Path) -> None:
    report = prelint.lint(subtitles=_srt(tmp_path, ["今天做番茄炒蛋"]), select=["MATCH003"], config={})
    assert report.result("topic-mismatch").reason == "no title given"


def test_too_little_content_skips(tmp_path: Path) -> None:
    report = prelint.lint(title="米其林大厨教你做法式鹅肝", subtitles=_srt(tmp_path, ["好吃"]), select=["MATCH003"], config={})
    result = report.result("topic-mismatch")
    assert result.status == Status.SKIPPED
    assert result.reason == "too little content text to judge (2 characters; need 4)"


def test_options_change_the_decision(tmp_path: Path) -> None:
    subs = _srt(tmp_path, ["第一个技巧 蛋白打发", "第二个技巧 烤好倒扣"])
    config = {"options": {"count-claim": {"min-enumerated": 3}}}
    report = prelint.lint(title="5个技巧让蛋糕不塌", subtitles=subs, select=["MATCH002"], config=config)
    assert report.result("count-claim").status == Status.PASS


def test_rule_docs_have_every_section() -> None:
    from prelint.checks.match import count_claim, duration_claim, hype_gap, topic_mismatch

    for rule in (duration_claim, count_claim, topic_mismatch, hype_gap):
        assert {"What it checks", "Why it matters", "How to fix", "Options"} <= set(rule.docs)
        assert rule.code.startswith("MATCH")


def test_broken_subtitles_end_the_draft_with_a_one_line_error(tmp_path: Path) -> None:
    from prelint.errors import InputError

    bad = tmp_path / "bad.srt"
    bad.write_text("1\n00:00:01,000 --> 00:00:0x,500\nhello\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        prelint.lint(title="5个技巧让蛋糕不塌", subtitles=bad, select=["MATCH"], config={})
    assert str(info.value) == f"{bad}: line 2: broken timestamp '00:00:01,000 --> 00:00:0x,500'"


def test_count_claim_does_not_double_count_captions_that_repeat_the_subtitles(tmp_path: Path) -> None:
    from prelint.checks.match import count_claim
    from prelint.config import Config
    from prelint.content.model import ContentText, TextSpan
    from prelint.context import Facts
    from prelint.draft import Draft
    from prelint.engine import run_rule

    said = ["首先 早睡", "然后 运动", "最后 复盘"]
    content = ContentText(
        subtitles=tuple(TextSpan(i, i + 1, t, "subtitles") for i, t in enumerate(said)),
        screen=tuple(TextSpan(i, i + 1, t, "screen") for i, t in enumerate(said)),
        ocr_ran=True,
    )
    facts = Facts(draft=Draft(title="5个习惯让你更自律"), config=Config())
    facts._values["content"] = ("ok", content)  # as if built from a video whose captions repeat the subtitles
    result = run_rule(count_claim, facts, Config(), "douyin")
    [finding] = result.findings
    assert (finding.evidence["claimed"], finding.evidence["found"]) == (5, 3)  # not 6: each source counted alone


def test_configured_terms_extend_the_lexicons(tmp_path: Path) -> None:
    subs = _srt(tmp_path, ["今天教大家做酸辣粉 红薯粉泡软", "调酸辣汁 加花生和香菜"])
    title = "手把手教你做柳州螺狮粉"  # a misspelt niche dish the built-in list does not know
    plain = prelint.lint(title=title, subtitles=subs, select=["MATCH003"], config={})
    configured = prelint.lint(title=title, subtitles=subs, select=["MATCH003"],
                              config={"options": {"topic-mismatch": {"named-terms": ["螺狮粉", "酸辣粉"]}}})
    [finding] = configured.result("topic-mismatch").findings
    assert finding.evidence["missing"] == ["柳州", "螺狮粉"]  # kept whole as a configured name
    assert finding.evidence["content_subjects"] == ["酸辣粉"]
    [finding] = plain.result("topic-mismatch").findings
    assert finding.evidence["missing"] == ["柳州", "狮粉"]  # without it the segmenter splits the name

    hype = {"options": {"hype-gap": {"hype-terms": ["泪目"]}}}
    report = prelint.lint(title="泪目 番茄炒蛋", subtitles=_srt(tmp_path, [EGG]), select=["MATCH004"], config=hype)
    assert report.result("hype-gap").findings[0].evidence["signals"] == ["泪目"]
