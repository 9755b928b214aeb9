"""End to end: a generated video with a burned-in Douyin watermark and a 剪映 end card, read by OCR."""

from __future__ import annotations

from pathlib import Path

import prelint
from prelint.model import Status


def test_burned_in_watermark_and_end_card_are_found_with_their_times(tmp_path: Path, cjk_font: Path) -> None:
    from fixtures.captions import Caption, CaptionVideoSpec, make_caption_video

    captions = (
        Caption(0.0, 8.0, "抖音号：hongshao88", "top", 0.06),
        Caption(0.0, 5.5, "今天去爬山", "bottom", 0.07),
        Caption(6.0, 8.0, "剪映 模板", "center", 0.09),
    )
    video = tmp_path / "repost.mp4"
    make_caption_video(video, CaptionVideoSpec(duration_s=8.0, captions=captions, width=360, height=640), font=cjk_font)

    report = prelint.lint(video, title="周末去爬山", platform="kuaishou", select=["RISK004"], config={})
    result = report.result("RISK004")
    assert result.status == Status.WARN
    watermark, end_card = result.findings
    assert (watermark.evidence["mark"], watermark.field, watermark.level.value) == ("douyin", "screen", "warn")
    assert "hongshao88" in watermark.evidence["text"].replace(" ", "")
    assert watermark.start_s <= 0.5 and watermark.end_s >= 7.0
    assert (end_card.evidence["mark"], end_card.evidence["kind"]) == ("jianying", "end-card")
    assert 5.0 <= end_card.start_s <= 6.5 and end_card.end_s >= 7.0

    own = prelint.lint(video, title="周末去爬山", platform="douyin", select=["RISK004"], config={})
    assert own.result("RISK004").status == Status.PASS  # the creator's own id and Douyin's own editor
