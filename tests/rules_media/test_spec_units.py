"""SPEC005–008 on hand-built probe/media facts."""

from __future__ import annotations

import pytest

from prelint.media.facts import Bars
from prelint.model import Level, Status
from tests.rules_media.factories import make_media, make_probe, run


# ------------------------------------------------------------------ SPEC005 aspect-ratio
def test_9_16_passes_and_landscape_fails() -> None:
    assert run("SPEC005", make_media(width=1080, height=1920)).status is Status.PASS
    landscape = run("SPEC005", probe=make_probe(width=1920, height=1080))  # no decoding needed
    assert landscape.status is Status.WARN
    finding = landscape.findings[0]
    assert finding.message == "The video is 16:9 (1920×1080); Douyin 抖音 expects 9:16"
    assert finding.evidence["aspect"] == "16:9"


def test_rotated_phone_clip_uses_display_size() -> None:
    # stored 1920x1080 with a 90° rotation: displays 1080x1920
    media = make_media(width=1080, height=1920, rotation=90)
    assert media.probe.coded_width == 1920
    result = run("SPEC005", media)
    assert result.status is Status.PASS
    assert result.metrics["display_size"] == "1080x1920"


def test_square_fails_on_douyin_but_passes_on_shorts() -> None:
    square = make_media(width=1080, height=1080)
    assert run("SPEC005", square, platform="douyin").status is Status.WARN
    assert run("SPEC005", square, platform="shorts").status is Status.PASS
    assert run("SPEC005", probe=make_probe(width=1920, height=1080), platform="shorts").status is Status.WARN


def test_vertical_but_not_9_16_is_info() -> None:
    result = run("SPEC005", probe=make_probe(width=1440, height=1920))
    assert result.status is Status.INFO
    assert result.findings[0].level is Level.INFO
    assert result.findings[0].evidence["aspect"] == "3:4"


def test_letterboxed_16_9_inside_9_16_fails_from_the_frames() -> None:
    # 1080 x 607.5 picture centred in 1080 x 1920: bars take 68% of the screen
    media = make_media(width=1080, height=1920, bars=Bars(top=0.3418, bottom=0.6582))
    result = run("SPEC005", media)
    assert result.status is Status.WARN
    evidence = result.findings[0].evidence
    assert evidence["content_aspect"] == "16:9"
    assert evidence["bar_fraction"] == pytest.approx(0.684, abs=1e-3)
    assert "letterboxed" in result.findings[0].message
    # the container alone says nothing: detect-bars = false does not decode
    assert run("SPEC005", probe=media.probe, options={"detect-bars": False}).status is Status.PASS


def test_pillarbox_and_thin_dark_edges() -> None:
    pillar = run("SPEC005", make_media(bars=Bars(left=0.2, right=0.8)))
    assert "pillarboxed" in pillar.findings[0].message
    assert run("SPEC005", make_media(bars=Bars(top=0.02, bottom=0.98))).status is Status.PASS


# ------------------------------------------------------------------ SPEC006 resolution
@pytest.mark.parametrize(("width", "height", "status"), [
    (1080, 1920, Status.PASS),
    (720, 1280, Status.PASS),
    (540, 960, Status.WARN),
    (1280, 640, Status.WARN),  # landscape: the short side is the height
])
def test_short_side_against_720(width, height, status) -> None:
    result = run("SPEC006", probe=make_probe(width=width, height=height))
    assert result.status is status
    assert result.metrics["short_side_px"] == min(width, height)


def test_resolution_hint_and_override() -> None:
    result = run("SPEC006", probe=make_probe(width=360, height=640))
    assert result.findings[0].hint == "Export at 1080×1920 (at least 720×1280) from the original footage"
    assert result.findings[0].evidence["short_side_px"] == 360
    assert run("SPEC006", probe=make_probe(width=360, height=640), options={"min-short-side-px": 360}).status is Status.PASS


# ------------------------------------------------------------------ SPEC007 missing-audio
def test_missing_audio() -> None:
    assert run("SPEC007", probe=make_probe(has_audio=True)).status is Status.PASS
    result = run("SPEC007", probe=make_probe(has_audio=False))
    assert result.status is Status.WARN
    assert result.findings[0].message == "The video has no audio track"


# ------------------------------------------------------------------ SPEC008 file-size-limit
def test_file_size_against_the_platform_limit() -> None:
    assert run("SPEC008", probe=make_probe(size_bytes=4 * 2**30)).status is Status.PASS
    result = run("SPEC008", probe=make_probe(size_bytes=5 * 10**9, duration_s=600.0))
    assert result.status is Status.ERROR
    assert result.findings[0].evidence["max_bytes"] == 4294967296
    # 4 GiB * 8 * 0.9 / 600 s = 51.5 Mbit/s
    assert result.findings[0].hint.startswith("Re-export at about 51.5 Mbit/s")
    # YouTube takes 256 GB
    assert run("SPEC008", probe=make_probe(size_bytes=5 * 10**9), platform="shorts").status is Status.PASS
    assert run("SPEC008", probe=make_probe(size_bytes=2000), options={"max-bytes": 1000}).status is Status.ERROR


def test_a_video_without_title_or_caption_gets_one_finding_naming_its_metadata_file(tmp_path):
    import shutil
    from pathlib import Path

    import prelint

    sample = Path(__file__).resolve().parents[2] / "fixtures" / "sample" / "sample.mp4"
    video = tmp_path / "clip.mp4"
    shutil.copyfile(sample, video)
    report = prelint.lint(video, select=["SPEC001"], config={})
    (finding,) = report.result("SPEC001").findings
    assert finding.level.value == "warn" and "no title and no caption" in finding.message
    assert "clip.prelint.toml" in finding.hint
    with_caption = prelint.lint(video, caption="周末在家做的红烧肉", select=["SPEC001"], config={})
    assert with_caption.result("SPEC001").status.value == "skipped"


def test_caption_length_counts_against_the_platform_limit():
    import prelint

    long_caption = "好" * 1001
    report = prelint.lint(caption=long_caption, platform="douyin", select=["SPEC009"], config={})
    (finding,) = report.result("SPEC009").findings
    assert finding.evidence == {"chars": 1001, "limit": 1000, "platform": "douyin"}
    assert (finding.start, finding.end) == (1000, 1001)
    assert prelint.lint(caption=long_caption, platform="tiktok", select=["SPEC009"], config={}).result("SPEC009").status.value == "pass"
    emoji = "👍\ufe0f" * 600  # 1,200 code points a reader sees as 600 (variation selectors not counted)
    assert prelint.lint(caption=emoji, platform="douyin", select=["SPEC009"], config={}).result("SPEC009").status.value == "pass"
    assert prelint.lint(title="t", select=["SPEC009"], config={}).result("SPEC009").status.value == "skipped"
