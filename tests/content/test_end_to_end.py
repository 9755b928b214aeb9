"""A real generated video with burned-in captions, read by OCR: the on-screen text matches the title
(topic-mismatch passes) or not (it warns, naming the missing terms); --no-ocr skips with the reason."""

from __future__ import annotations

from pathlib import Path

import pytest

import prelint
from prelint.model import Status


@pytest.fixture(scope="module")
def egg_video(tmp_path_factory: pytest.TempPathFactory, cjk_font: Path) -> Path:
    from fixtures.captions import TOMATO_EGG_CAPTIONS, Caption, CaptionVideoSpec, QRSpec, make_caption_video, script_captions

    captions = script_captions(TOMATO_EGG_CAPTIONS, 6.0) + (Caption(0.0, 6.0, "番茄炒蛋教程", "top", 0.08),)
    spec = CaptionVideoSpec(duration_s=6.0, captions=captions, width=360, height=640,
                            qr_codes=(QRSpec(0.0, 6.0, "weixin:egg123", size=0.3),))
    path = tmp_path_factory.mktemp("e2e") / "egg.mp4"
    make_caption_video(path, spec, font=cjk_font)
    return path


def test_matching_title_passes_and_screen_text_is_read(egg_video: Path) -> None:
    report = prelint.lint(egg_video, title="家常番茄炒蛋的做法", select=["MATCH"], config={})
    assert {r.name: r.status for r in report.rules} == {
        "duration-claim": Status.PASS, "count-claim": Status.PASS, "topic-mismatch": Status.PASS, "hype-gap": Status.PASS}
    content = report.content
    assert content.ocr_ran and content.subtitles == ()
    texts = [s.text.replace(" ", "") for s in content.screen]
    assert "番茄炒蛋教程" in texts and "今天教大家做番茄炒蛋" in texts
    title_span = next(s for s in content.screen if s.text == "番茄炒蛋教程")
    assert title_span.start_s == 0.0 and title_span.end_s >= 5.0  # one span for the persistent title card
    assert title_span.box[1] < 100  # top of the 540-px-wide sampled frame
    assert [q.data for q in content.qr_codes][:1] == ["weixin:egg123"]


def test_unrelated_title_fails_topic_mismatch_with_missing_terms(egg_video: Path) -> None:
    report = prelint.lint(egg_video, title="米其林大厨教你做法式鹅肝", select=["MATCH003"], config={})
    result = report.result("topic-mismatch")
    assert result.status == Status.WARN
    [finding] = result.findings
    assert finding.evidence["missing"] == ["米其林", "大厨", "法式鹅肝"]
    assert "番茄炒蛋" in finding.evidence["content_subjects"]
    assert (finding.field, finding.start, finding.end) == ("title", 0, 3)


def test_no_ocr_skips_with_reason(egg_video: Path) -> None:
    report = prelint.lint(egg_video, title="米其林大厨教你做法式鹅肝", select=["MATCH003"], config={"ocr": False})
    result = report.result("topic-mismatch")
    assert result.status == Status.SKIPPED
    assert "OCR is off" in result.reason and result.reason.startswith("no content text to compare the title with")
    assert report.content.ocr_ran is False
    assert [q.data for q in report.content.qr_codes][:1] == ["weixin:egg123"]  # QR codes are read without OCR
