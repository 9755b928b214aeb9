"""The bundled quick-start draft, end to end: inspect facts, a clean lint, and a title it does not deliver."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import prelint

SAMPLE = Path(__file__).resolve().parents[1] / "fixtures" / "sample" / "sample.mp4"
CUTS_S = [0.8, 2.5, 5.0, 7.6, 10.0]  # fixtures/make_sample.py SHOT_LENGTHS_S


def test_sample_is_small_and_has_metadata():
    assert SAMPLE.stat().st_size <= 1_000_000
    assert SAMPLE.with_name("sample.prelint.toml").is_file()


def test_inspect_reports_the_sample_cuts_and_sound():
    proc = subprocess.run([sys.executable, "-m", "prelint.cli", "inspect", str(SAMPLE), "--format", "json"],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    facts = json.loads(proc.stdout)
    assert (facts["width"], facts["height"], facts["rotation"]) == (720, 1280, 0)
    assert facts["duration_s"] == pytest.approx(12.0, abs=0.05)
    cuts = [t["start_s"] for t in facts["transitions"] if t["kind"] == "cut"]
    assert cuts == pytest.approx(CUTS_S, abs=1 / 30 + 1e-6)
    assert len(facts["shots"]) == 6
    assert facts["audio"]["first_sound_s"] == pytest.approx(0.0, abs=0.1)


@pytest.fixture(scope="module")
def sample_report() -> prelint.Report:
    return prelint.lint(SAMPLE)


def test_sample_lints_clean_with_on_screen_text(sample_report):
    assert sample_report.verdict == "pass", [f.message for f in sample_report.findings]
    assert sample_report.result("missing-cta").metrics["cta_kinds"] == "like,favourite"
    # the first shot drifts from its first frame (activity about 3.5 against change-motion 1.0), then cuts at 0.8 s
    assert sample_report.result("slow-start").metrics["first_change_s"] == pytest.approx(0.0, abs=1 / 30 + 1e-6)
    assert sample_report.content is not None and sample_report.content.ocr_ran
    assert "第二" in sample_report.content.field_text("screen")


def test_sample_under_a_title_it_does_not_deliver_fails_the_match_rules():
    report = prelint.lint(SAMPLE, title="5个技巧做出米其林牛排", select=["MATCH"])
    assert report.result("count-claim").status.value == "warn"
    assert report.result("topic-mismatch").status.value == "warn"
