"""RISK004 other-platform-watermark: another platform's watermark or id, or an editor's end card, on
screen (OCR spans with times) or in the draft's text; the draft's own platform's marks are fine."""

from __future__ import annotations

from pathlib import Path

import pytest

import prelint
from prelint.config import Config
from prelint.content.model import ContentText, TextSpan
from prelint.context import Facts
from prelint.draft import Draft
from prelint.engine import run_rule
from prelint.model import RuleResult, Status
from prelint.registry import load_rules

CODE = "RISK004"


def run(platform: str, *screen: tuple[float, float, str] | tuple[float, float, str, float], caption: str | None = None,
        options: dict | None = None) -> RuleResult:
    """Lint a draft whose OCR read `screen` (start_s, end_s, text[, confidence]) for `platform`."""
    draft = Draft(video=Path("draft.mp4"), title="周末去爬山", caption=caption)
    config = Config(options={"other-platform-watermark": options}) if options else Config()
    facts = Facts(draft=draft, config=config)
    spans = tuple(TextSpan(s[0], s[1], s[2], "screen", confidence=s[3] if len(s) > 3 else 0.95) for s in screen)
    facts._values["content"] = ("ok", ContentText(screen=spans, ocr_ran=True))  # stands in for OCR
    return run_rule(load_rules()[CODE], facts, config, platform)


def caption_marks(caption: str, platform: str = "kuaishou") -> list[str]:
    return [f.evidence["text"] for f in prelint.lint(caption=caption, platform=platform, select=[CODE]).findings]


def test_a_douyin_watermark_on_a_kuaishou_draft_warns_with_its_span_and_text() -> None:
    result = run("kuaishou", (0.0, 12.0, "周末去爬山"), (12.0, 15.0, "抖音号：lulu_0521"), (15.0, 30.0, "山顶风景"))
    [finding] = result.findings
    assert (result.status, finding.level.value, finding.field) == (Status.WARN, "warn", "screen")
    assert (finding.start_s, finding.end_s) == (12.0, 15.0)
    assert finding.evidence["text"] == "抖音号：lulu_0521" and finding.evidence["mark"] == "douyin"
    assert "0:12–0:15" in finding.hint and "crop or blur" in finding.hint
    assert "Douyin" in finding.message and "Kuaishou" in finding.message


def test_the_platforms_own_watermark_is_the_creators_own_id() -> None:
    assert run("douyin", (12.0, 15.0, "抖音号：lulu_0521")).status == Status.PASS
    assert run("kuaishou", (0.0, 9.0, "快手号：3xk8d9mq2")).status == Status.PASS
    assert [f.evidence["mark"] for f in run("douyin", (0.0, 9.0, "快手号：3xk8d9mq2")).findings] == ["kuaishou"]


def test_a_jumping_watermark_is_one_finding_over_all_its_readings() -> None:
    result = run("shorts", (0.0, 4.0, "TikTok"), (0.0, 4.0, "@lunaknits"), (4.5, 9.0, "TikTok"), (4.5, 9.0, "@lunaknits"))
    [finding] = result.findings
    assert (finding.start_s, finding.end_s, finding.evidence["readings"]) == (0.0, 9.0, 2)
    assert finding.evidence["mark"] == "tiktok"
    assert run("tiktok", (0.0, 4.0, "TikTok"), (0.0, 4.0, "@lunaknits")).status == Status.PASS


@pytest.mark.parametrize("text, mark", [
    ("抖音号: 88213907451", "douyin"), ("抖音ID：dy_cook_01", "douyin"), ("dy号 mianmian2020", "douyin"),
    ("小红书号：95123456", "xiaohongshu"), ("视频号 · 山里的阿杰", "channels"), ("B站UID:23456789", "bilibili"),
    ("bilibili @阿杰的山", "bilibili"), ("西瓜视频 @阿杰", "xigua"), ("Kwai @ana.dance", "kwai"), ("Likee ID: 4587123309", "likee"),
    ("快 手 号 : 3xk8d9mq2", "kuaishou"),  # OCR puts spaces between characters
])
def test_id_shaped_marks_of_each_platform(text: str, mark: str) -> None:
    [finding] = run("reels", (3.0, 20.0, text)).findings
    assert finding.evidence["mark"] == mark and finding.evidence["kind"] == "id"


def test_an_editor_end_card_in_the_last_seconds_is_one_finding_for_its_span() -> None:
    result = run("kuaishou", (0.0, 27.0, "今天去爬山"), (27.5, 30.0, "剪映"), (27.5, 30.0, "剪映 模板"), (28.0, 30.0, "剪映制作"))
    [finding] = result.findings
    assert (finding.evidence["mark"], finding.evidence["kind"]) == ("jianying", "end-card")
    assert (finding.start_s, finding.end_s) == (27.5, 30.0)
    assert "Re-export without the 剪映 end card" in finding.hint and "0:27–0:30" in finding.hint
    [capcut] = run("shorts", (0.0, 28.0, "hiking day"), (28.5, 30.0, "CapCut")).findings
    assert capcut.evidence["mark"] == "capcut"


def test_editor_text_before_the_end_or_in_the_caption_is_a_topic() -> None:
    tutorial = run("kuaishou", (2.0, 4.0, "打开剪映 点击模板"), (5.0, 8.0, "剪映模板怎么用"), (8.0, 60.0, "第二步"))
    assert tutorial.status == Status.PASS  # a 剪映 tutorial: 剪映 on screen, but not in the last seconds
    assert run("shorts", (0.0, 30.0, "hiking"), caption="edited in CapCut, 用剪映制作").status == Status.PASS
    assert run("douyin", (0.0, 28.0, "爬山"), (28.5, 30.0, "剪映 模板")).status == Status.PASS  # Douyin's own editor
    late = run("kuaishou", (0.0, 60.0, "第一步"), (50.0, 52.0, "剪映模板"), options={"end-card-window-s": 12.0})
    assert late.status == Status.WARN


@pytest.mark.parametrize("text", [
    "我在抖音上看到的", "抖音号怎么改名字", "快手号2020年注册的", "#用快影上热门", "原神 UID:100234567",
    "有人冒充我的抖音号abc123", "视频号怎么开通", "抖音号称日活7亿", "快手号 码", "tiktok tips", "buddy号 123456789",
])
def test_platform_names_as_topics_and_lookalikes_are_no_marks(text: str) -> None:
    assert run("kuaishou", (1.0, 5.0, text)).status == Status.PASS
    assert caption_marks(text) == []


def test_unsure_ocr_readings_are_not_judged() -> None:
    assert run("kuaishou", (1.0, 5.0, "抖音号：lulu_0521", 0.41)).status == Status.PASS
    assert run("kuaishou", (1.0, 5.0, "抖音号：lulu_0521", 0.41), options={"min-ocr-confidence": 0.3}).status == Status.WARN


def test_an_id_in_the_caption_or_hashtags_names_the_field() -> None:
    result = prelint.lint(caption="新作品！抖音号：lulu_0521 欢迎来玩", hashtags=("小红书号95123456",), platform="kuaishou",
                          select=[CODE])
    assert [(f.field, f.evidence["mark"], f.start_s) for f in result.findings] == [
        ("caption", "douyin", None), ("hashtags", "xiaohongshu", None)]
    assert "Remove the Douyin 抖音 id from the caption" == result.findings[0].hint
    assert caption_marks("新作品！抖音号：lulu_0521", platform="douyin") == []


def test_options_own_marks_and_screen_off() -> None:
    assert run("kuaishou", (1.0, 5.0, "抖音号：lulu_0521"), options={"own-marks": ["kuaishou:douyin"]}).status == Status.PASS
    off = run("kuaishou", (1.0, 5.0, "抖音号：lulu_0521"), caption="爬山", options={"check-screen": False})
    assert off.status == Status.PASS
    assert prelint.lint(title="爬山", select=[CODE]).result(CODE).status == Status.PASS


def test_the_rule_is_documented_in_every_section() -> None:
    rule = load_rules()[CODE]
    assert set(rule.docs) >= {"What it checks", "Why it matters", "How to fix", "Options"}


def test_kuaishou_mentions_with_their_user_number_are_one_finding_off_kuaishou() -> None:
    caption = "好久不见 @小玥（凡家）(O1209560801) @快手小助手(O40300112) #作品推广"  # a real caption's shape
    assert caption_marks(caption) == []  # Kuaishou's own mention format on Kuaishou
    [finding] = prelint.lint(caption=caption, platform="douyin", select=[CODE]).findings
    assert finding.evidence["texts"] == ["@小玥（凡家）(O1209560801)", "@快手小助手(O40300112)"]
    assert "Kuaishou 快手 account ids" in finding.message
    assert caption_marks("可可爱爱 ks: @琪崽崽", platform="douyin") == ["ks: @琪崽崽"]
