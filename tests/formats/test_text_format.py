"""The text report leads with what to fix first; the checklist of metrics is behind --verbose."""

from __future__ import annotations

import re

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


def test_a_still_15_s_single_shot_draft_is_one_hook_finding_on_one_screen(tmp_path) -> None:
    """A draft where nothing moves: one finding stands for the five rules that see it, and the whole
    report fits one screen."""
    import subprocess
    import sys

    import imageio_ffmpeg

    clip = tmp_path / "still.mp4"
    subprocess.run([imageio_ffmpeg.get_ffmpeg_exe(), "-v", "error", "-y", "-f", "lavfi", "-i", "testsrc2=s=360x640:r=30:d=0.1",
                    "-f", "lavfi", "-i", "sine=f=300:d=15", "-filter_complex",
                    "[0:v]trim=end_frame=1,tpad=stop_mode=clone:stop_duration=15[v]", "-map", "[v]", "-map", "1:a",
                    "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", "-t", "15", str(clip)],
                   check=True, timeout=120)
    run = subprocess.run([sys.executable, "-m", "prelint.cli", str(clip), "--title", "3个技巧让蛋糕不塌",
                          "--caption", "新手也能学会，觉得有用就点个赞 #烘焙", "--no-cache"],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 1, run.stderr
    lines = run.stdout.splitlines()
    assert len(lines) <= 25, run.stdout
    codes = [m.group(1) for m in (re.match(r"\s+(?:\d+\. )?([A-Z]+\d{3}) (?:info|warn|error) ", line) for line in lines) if m]
    assert codes == ["HOOK001", "SPEC006"], run.stdout  # SPEC006: the clip is 360×640
    assert ("(this also stands for HOOK002 static-opening, HOOK006 hook-strength, PACE001 low-cut-density, "
            "PACE005 long-ending)") in run.stdout
