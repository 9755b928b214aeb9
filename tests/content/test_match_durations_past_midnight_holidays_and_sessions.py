"""duration-claim on more ways the content says how long something took, and on titles that
promise a time in more words: a span past midnight, between holidays, or closed by "until";
a whole summer; "more like six weeks"; 一晚上追完; "N秒教你" against the video's length; a
follow-along session the video is far shorter than. Each beside a draft that keeps its promise."""

from __future__ import annotations

import pytest

from prelint.checks.match.claims import content_time_spans, find_duration_claims, judge_draft


def duration_findings(title: str, content: str, duration_s: float | None = 60.0) -> list:  # type: ignore[type-arg]
    return judge_draft(title, duration_s, content)["duration-claim"]


@pytest.mark.parametrize("title,content,described_hours", [
    ("一小时速通黑神话第一章", "这把我从晚上八点一直打到凌晨一点，卡了特别久，大家别学我硬莽。", 5.0),
    ("一晚上织完一条围巾", "这条围巾我从国庆织到元旦，每天晚上织几排，总算织好了。", 90 * 24 - 7 * 24),
    ("一个月存下一万块", "这一万块是我从去年三月存到今年三月的，每个月固定攒八百多。", 330 * 24),
    ("Sourdough in 3 hours, no fancy tools", "Mixed it Friday night, cold proofed in the fridge until Sunday morning, and baked it.",
     (6.3 - 4.85) * 24),
    ("一个月拿驾照", "去年七月报的名，科目二挂了两次，拿到本子已经是今年一月份了。", 150 * 24),
])
def test_a_span_the_content_opens_and_closes_contradicts_the_promise(title: str, content: str, described_hours: float) -> None:
    [finding] = duration_findings(title, content)
    assert finding.level == "warn"
    assert finding.evidence["described_s"] == pytest.approx(described_hours * 3600, rel=0.01)


def test_a_span_past_midnight_is_counted_into_the_next_day() -> None:
    [span] = content_time_spans("从晚上十一点开始剪，一直剪到凌晨两点才导出。")
    assert span.seconds == 3 * 3600


@pytest.mark.parametrize("title,content,described_days", [
    ("Learn to potty train in 3 days", "Honestly it was more like six weeks from the first sticker chart to dry nights.", 42),
    ("Built my garden bed in a weekend", "Took me the whole summer, one board at a time.", 60),
])
def test_english_efforts_in_more_words(title: str, content: str, described_days: float) -> None:
    [finding] = duration_findings(title, content)
    assert finding.evidence["described_s"] == described_days * 86400


@pytest.mark.parametrize("title,expected", [
    ("一晚上追完这部剧", ("一晚上追完", 12 * 3600.0, "task")),
    ("一小时速通黑神话第一章", ("一小时速通", 3600.0, "task")),
    ("两天打卡西安8个景点", ("两天打卡", 2 * 86400.0, "task")),
    ("30秒教你叠T恤，衣柜瞬间清爽", ("30秒教你", 30.0, "learn")),
    ("15分钟全身燃脂跟练", ("15分钟全身燃脂跟练", 900.0, "session")),
    ("15-minute follow-along HIIT", ("15-minute", 900.0, "session")),
])
def test_title_promises_in_more_words(title: str, expected: tuple[str, float, str]) -> None:
    [claim] = find_duration_claims(title)
    assert (claim.text, claim.seconds, claim.kind) == expected


@pytest.mark.parametrize("title", ["一夜爆火的宝藏小店", "一晚一千八的海景房", "第一晚住的民宿"])
def test_a_night_without_a_task_is_no_promise(title: str) -> None:
    assert find_duration_claims(title) == []


def test_a_teaching_promise_is_held_against_the_videos_length() -> None:
    [finding] = duration_findings("30秒教你叠T恤", "先说说我为什么衣柜老是乱……好，现在开始：左边折过来，右边折过来。", 150.0)
    assert finding.evidence["over_ratio"] == 5.0
    # five seconds over a ten-second promise is the same promise kept
    assert duration_findings("10秒教你分辨真假蜂蜜", "舀一勺倒下来，真蜂蜜会拉成一条细丝，假的直接一滴一滴往下掉。", 15.0) == []


def test_a_follow_along_session_far_shorter_than_promised() -> None:
    [finding] = duration_findings("15分钟全身燃脂跟练", "好，这就是今天的跟练，就三个动作，每个做十秒。我们下期见！", 45.0)
    assert finding.level == "warn" and finding.evidence["under_ratio"] == 0.05
    assert duration_findings("15分钟全身燃脂跟练", "热身开始，跟着我的节奏来。", 14 * 60.0) == []
    assert duration_findings("15分钟全身燃脂跟练", "热身开始，跟着我的节奏来。", None) == []


@pytest.mark.parametrize("title,content", [
    ("一晚上追完这部剧", "周五晚上下班开始看，一口气看到凌晨三点就看完了，真的上头。"),
    ("一个月拿驾照", "七月初报的名，天天去练车，七月底就拿到本子了。"),
    ("Sourdough in 3 hours", "Mixed it at noon, shaped it at one, and it was out of the oven until about three."),
])
def test_a_span_within_the_promise_stays_quiet(title: str, content: str) -> None:
    assert duration_findings(title, content) == []
