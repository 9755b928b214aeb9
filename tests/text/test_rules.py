"""The five text rules through the engine: codes, levels, spans, times, metrics, skips."""

from __future__ import annotations

from pathlib import Path

import prelint
import pytest

from prelint.content.model import ContentText, QRCode
from prelint.context import FACT_PROVIDERS
from prelint.draft import Draft

TEXT_RULES = ["RISK", "CTA"]


def test_a_clickbait_title_is_reported_with_score_and_signals():
    report = prelint.lint(title="震惊！99%的人都不知道", select=TEXT_RULES)
    result = report.result("clickbait-title")
    assert result.status.value == "warn" and result.metrics["score"] == 5.0
    (finding,) = result.findings
    assert (finding.code, finding.field, finding.start, finding.end) == ("RISK001", "title", 0, 3)
    signals = [(s["text"], s["category"], s["points"]) for s in finding.evidence["signals"]]
    # 震惊 (2) and the short exclamation hook 震惊！ (1) overlap: one span, both signals' points
    assert signals == [("震惊！", "shock", 3.0), ("99%的人", "universal", 2.0)]
    assert "3个技巧让蛋糕不塌" in finding.hint


def test_plain_titles_pass_clickbait_and_absolute_terms():
    for title in ("原来的配方才地道", "第一次做蛋糕", "最近很火的减脂餐", "3个技巧让蛋糕不塌"):
        report = prelint.lint(title=title, select=["RISK001", "RISK002"])
        assert report.verdict == "pass", (title, report.findings)


def test_english_caps_and_emoji_add_to_the_score():
    report = prelint.lint(title="STOP doing this to your hair RIGHT NOW", select=["RISK001"])
    (finding,) = report.findings
    assert finding.evidence["score"] == 3.5
    assert ("STOP RIGHT", "caps") in [(s["text"], s["category"]) for s in finding.evidence["signals"]]
    assert prelint.lint(title="DIY bookshelf from one plank", select=["RISK001"]).verdict == "pass"


def test_caption_stands_in_for_the_title_only_on_caption_platforms(run_text_rule):
    draft = Draft(caption="You won't believe what happened next\n#fyp")
    assert run_text_rule("RISK001", draft).status.value == "skipped"
    result = run_text_rule("RISK001", draft, platform="tiktok")
    assert result.status.value == "warn" and result.findings[0].field == "caption"


def test_absolute_terms_give_field_span_and_text_for_each_claim():
    report = prelint.lint(title="国家级品质", caption="最近很火！全网最低价，最好放冰箱", select=["absolute-terms"])
    found = [(f.field, f.start, f.end, f.evidence["text"]) for f in report.findings]
    assert found == [("title", 0, 3, "国家级"), ("caption", 5, 10, "全网最低价")]
    assert report.result("RISK002").metrics["terms"] == 2
    assert "「全网最低价」" in report.findings[1].message


def test_off_platform_contact_in_text_and_qr_codes(run_text_rule):
    content = ContentText(qr_codes=(QRCode(t_s=12.5, data="https://u.wechat.com/abc"),), ocr_ran=True)
    draft = Draft(video=Path("draft.mp4"), caption="想要同款加我VX：meimei2024")
    result = run_text_rule("RISK003", draft, content=content)
    text_finding, qr_finding = result.findings
    assert (text_finding.field, text_finding.start, text_finding.end) == ("caption", 6, 19)
    assert text_finding.evidence["text"] == "VX：meimei2024"
    assert text_finding.evidence["category"] == "wechat"
    assert (qr_finding.field, qr_finding.start_s, qr_finding.evidence["category"]) == ("screen", 12.5, "qr-code")
    assert "WeChat code" in qr_finding.message
    assert result.metrics == {"contacts": 1, "qr_codes": 1}


def test_contacts_in_the_caption_do_not_use_up_the_qr_findings(run_text_rule):
    """max-findings counted contacts and QR codes together: 20 contacts in a caption hid every QR code."""
    content = ContentText(qr_codes=(QRCode(t_s=4.0, data="weixin://dl/chat?abc123"),), ocr_ran=True)
    draft = Draft(video=Path("draft.mp4"), caption="，".join(f"加我VX：mm{i:04d}" for i in range(25)))
    result = run_text_rule("RISK003", draft, content=content)
    assert [f.evidence["category"] for f in result.findings].count("qr-code") == 1
    assert result.metrics["contacts"] == 25


def test_links_count_as_diversion_only_on_link_platforms(run_text_rule):
    draft = Draft(caption="Full tutorial: https://example.com/course")
    assert run_text_rule("RISK003", draft).status.value == "warn"
    assert run_text_rule("RISK003", draft, platform="shorts").status.value == "pass"


def test_subtitle_and_screen_matches_carry_times(run_text_rule, timed_spans):
    content = ContentText(
        subtitles=timed_spans("subtitles", (0.0, 2.0, "今天教大家做蛋糕"), (28.0, 30.0, "点赞过万更新下一期")),
        screen=timed_spans("screen", (5.0, 6.0, "全网最低价")),
        ocr_ran=True,
    )
    draft = Draft(video=Path("draft.mp4"), title="周末做了一个蛋糕")
    (bait,) = run_text_rule("CTA002", draft, content=content).findings
    assert (bait.field, bait.start, bait.end, bait.start_s, bait.end_s) == ("subtitles", 9, 15, 28.0, 30.0)
    assert bait.level.value == "error" and bait.evidence["category"] == "conditional"
    (claim,) = run_text_rule("RISK002", draft, content=content).findings
    assert (claim.field, claim.start, claim.end, claim.start_s) == ("screen", 0, 5, 5.0)


@pytest.mark.parametrize("provider", ["prelint.no_such_content_module:build", "prelint.facts:provide_probe"])
def test_without_content_rules_still_check_the_draft_text(run_text_rule, monkeypatch, provider):
    # the content provider missing (ImportError) or skipping (no video): draft fields are still checked
    monkeypatch.setitem(FACT_PROVIDERS, "content", provider)
    draft = Draft(video=None, subtitles=Path("cues.srt"), title="国家级品质")
    result = run_text_rule("RISK002", draft)
    assert [f.evidence["text"] for f in result.findings] == ["国家级"]


def test_engagement_bait_is_an_error_naming_the_platform_rules():
    report = prelint.lint(caption="关注后才告诉你在哪买，互粉互赞", select=["engagement-bait"])
    categories = [f.evidence["category"] for f in report.findings]
    assert categories == ["gated", "mutual", "mutual"]
    assert report.verdict == "error"
    assert "恶意营销号治理规范" in report.findings[0].message and "TikTok" in report.findings[0].message


def test_missing_cta_reports_kinds_and_skips_title_only_drafts(run_text_rule, timed_spans):
    assert prelint.lint(title="周末做了一个蛋糕", select=["missing-cta"]).result("CTA001").status.value == "skipped"
    plain = prelint.lint(caption="周末做了一个蛋糕", select=["missing-cta"]).result("CTA001")
    assert plain.status.value == "info" and plain.metrics["cta_kinds"] == "none"
    assert "觉得有用就收藏" in plain.findings[0].hint
    invited = prelint.lint(caption="觉得有用就收藏，评论区告诉我你会选哪个", select=["missing-cta"]).result("CTA001")
    assert invited.status.value == "pass" and invited.metrics["cta_kinds"] == "comment,favourite"
    # an invitation spoken in the last seconds counts
    content = ContentText(subtitles=timed_spans("subtitles", (55.0, 58.0, "记得点赞关注哦")))
    spoken = run_text_rule("CTA001", Draft(video=Path("d.mp4"), title="蛋糕"), content=content)
    assert spoken.status.value == "pass" and spoken.metrics["cta_kinds"] == "like,follow"


def test_bait_only_drafts_leave_the_report_to_engagement_bait():
    report = prelint.lint(caption="点赞领红包", select=["CTA"])
    assert report.result("CTA001").status.value == "pass"
    assert report.result("CTA001").metrics["cta_kinds"] == "bait only"
    assert report.result("CTA002").status.value == "error"


def test_rule_docs_have_the_fixed_sections():
    rules = prelint.load_rules()
    for code in ("RISK001", "RISK002", "RISK003", "CTA001", "CTA002"):
        docs = rules[code].documentation()
        for section in ("What it checks:", "Why it matters:", "How to fix:", "Options:"):
            assert section in docs, (code, section)
    assert rules["CTA002"].level.value == "error"
    assert "min-score = 2.0 points" in rules["RISK001"].documentation()


def test_explicit_hashtags_are_a_field_with_offsets():
    report = prelint.lint(title="周末做了一个蛋糕", hashtags=["烘焙", "全网最低价包邮"], select=["absolute-terms"])
    (finding,) = report.findings
    assert (finding.field, finding.start, finding.end, finding.evidence["text"]) == ("hashtags", 5, 10, "全网最低价")
    # a tag names a topic: #互关 asks the viewer for nothing, the same words in a sentence do
    assert not prelint.lint(title="周末做了一个蛋糕", hashtags=["烘焙", "互关"], select=["engagement-bait"]).findings
    (bait,) = prelint.lint(title="周末做了一个蛋糕，互关", select=["engagement-bait"]).findings
    assert (bait.field, bait.evidence["text"]) == ("title", "互关")


def test_sentiment_weight_without_snownlp_is_a_config_error(monkeypatch) -> None:
    """snownlp is an extra (`prelint[sentiment]`): asking for its score without it names what to install."""
    import sys

    from prelint.errors import ConfigError

    monkeypatch.setitem(sys.modules, "snownlp", None)  # import snownlp raises ImportError
    config = {"options": {"clickbait-title": {"sentiment-weight": 2}}}
    with pytest.raises(ConfigError, match=r"pip install 'prelint\[sentiment\]'"):
        prelint.lint(title="今天天气真好", select=["clickbait-title"], config=config)
    assert prelint.lint(title="今天天气真好", select=["clickbait-title"]).rules  # off by default: no snownlp needed
