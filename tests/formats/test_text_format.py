"""The text report leads with what to fix first; the checklist of metrics is behind --verbose."""

from __future__ import annotations

from prelint.formats import RunOutput
from prelint.formats.text import render
from prelint.model import Finding, Level, Report, RuleResult, Status


def _finding(code: str, level: Level, message: str, start_s: float | None = None, hint: str = "do this") -> Finding:
    return Finding(code=code, name=code.lower(), level=level, message=message, hint=hint, start_s=start_s)


def _report() -> Report:
    rules = (
        RuleResult("SPEC001", "title-length", Status.WARN, (_finding("SPEC001", Level.WARN, "Title is 40 characters"),),
                   {"chars": 40, "limit": 30}),
        RuleResult("HOOK003", "black-opening", Status.WARN,
                   (_finding("HOOK003", Level.WARN, "Opens on black for 1.2 s", 0.0, "Cut the first 1.2 s"),), {"black_s": 1.2}),
        RuleResult("CTA001", "missing-cta", Status.INFO, (_finding("CTA001", Level.INFO, "No invitation"),), {}),
        RuleResult("CTA002", "engagement-bait", Status.ERROR,
                   (_finding("CTA002", Level.ERROR, "Bait: 点赞领红包"),), {"model_log_odds_title": -5.6}),
        RuleResult("RISK001", "clickbait-title", Status.PASS, (), {"score": 0}),
        RuleResult("PACE003", "dead-air", Status.SKIPPED, reason="no audio track"),
    )
    return Report(path="clip.mp4", rules=rules, platform="douyin")


def test_findings_come_ranked_by_what_they_cost_with_no_metrics_by_default() -> None:
    out = render(RunOutput(reports=(_report(),))).splitlines()
    assert out[0] == "clip.mp4  (douyin)  ERROR  4 findings (1 error, 2 warn, 1 info)"
    assert out[1] == "  Fix these first:"
    assert out[2].startswith("  1. CTA002 error") and out[4].startswith("  2. HOOK003 warn 0.00s: Opens on black")
    assert out[5] == "         fix: Cut the first 1.2 s"
    assert out[6].startswith("  3. SPEC001 warn")
    assert out[8] == "  Also:" and out[9].startswith("  CTA001 info")
    assert not any("model_log_odds" in line or "SKIPPED" in line or "PASS " in line for line in out)
    assert out[-1].startswith("1 draft linted")
    assert len(out) <= 14


def test_verbose_adds_the_checklist_and_the_skipped_rules() -> None:
    out = render(RunOutput(reports=(_report(),), verbose=True))
    assert "  SKIPPED PACE003  dead-air" in out and "no audio track" in out
    assert "model_log_odds_title=-5.6" in out and "PASS    RISK001" in out
    assert "Fix these first:" in out


def test_a_clean_draft_is_one_line_and_the_summary() -> None:
    clean = Report(path="ok.mp4", rules=(RuleResult("SPEC001", "title-length", Status.PASS, (), {"chars": 9}),),
                   platform="douyin")
    assert render(RunOutput(reports=(clean,))) == "ok.mp4  (douyin)  PASS\n\n1 draft linted; 1 pass, 0 warn, 0 error; 0 findings\n"
