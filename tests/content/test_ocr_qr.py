"""OCR of a generated frame with known text, QR codes, frame grouping and span merging."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from prelint.content.ocr import OcrLine, OcrSettings, group_frames, merge_reads, read_lines, within_budget
from prelint.content.qr import decode_qr, find_qr_codes
from prelint.media.facts import SampledFrame


def _caption_frame(font: Path, lines: list[tuple[str, str]], seed: int = 3) -> np.ndarray:
    """540×960 BGR frame, soft background, captions (text, position) drawn like burned-in subtitles."""
    from fixtures.captions import caption_overlay

    rng = np.random.default_rng(seed)
    frame = np.full((960, 540, 3), rng.integers(60, 160, size=3), np.uint8)
    for text, position in lines:
        rgba, _box = caption_overlay(text, 540, 960, position, 0.07, font)
        alpha = rgba[:, :, 3:4] / 255.0
        frame = (frame * (1 - alpha) + rgba[:, :, 2::-1] * alpha).astype(np.uint8)
    return frame


def test_ocr_reads_known_chinese_and_english_text(cjk_font: Path) -> None:
    frame = _caption_frame(cjk_font, [("番茄炒蛋教程", "top"), ("第一步 打散鸡蛋 Step 1", "bottom")])
    lines = read_lines(frame)
    assert [line.text.replace(" ", "") for line in lines] == ["番茄炒蛋教程", "第一步打散鸡蛋Step1"]
    top, bottom = lines
    assert top.box[1] < 200 < 600 < bottom.box[1]  # boxes where the captions were drawn
    assert min(line.score for line in lines) > 0.9


def test_ocr_engine_builds_from_the_wheel_without_network(monkeypatch: pytest.MonkeyPatch) -> None:
    import rapidocr.utils.download_file as download_file

    import prelint.content.ocr as ocr

    calls: list[str] = []
    monkeypatch.setattr(download_file.requests, "get", lambda url, **kw: calls.append(url))
    monkeypatch.setattr(ocr, "_engine", None)  # build a fresh engine inside this test
    ocr.engine()
    assert calls == []
    assert (ocr.models_dir() / "PP-OCRv6_rec_small.onnx").is_file()


def test_a_download_attempt_fails_loudly() -> None:
    from rapidocr.utils.download_file import DownloadFile, DownloadFileInput

    import prelint.content.ocr as ocr

    with ocr._downloads_forbidden(), pytest.raises(ocr.OcrUnavailable, match="tried to download http://x/m.onnx"):
        DownloadFile.run(DownloadFileInput(file_url="http://x/m.onnx", save_path="/nonexistent/m.onnx", logger=None))  # type: ignore[arg-type]


def test_unchanged_frames_are_grouped_and_textless_frames_skipped(cjk_font: Path) -> None:
    a = _caption_frame(cjk_font, [("今天教大家做番茄炒蛋", "bottom")])
    b = _caption_frame(cjk_font, [("第二步 番茄切块备用", "bottom")])
    blank = np.full((960, 540, 3), 100, np.uint8)
    frames = [SampledFrame(0.0, "first", a), SampledFrame(0.5, "hook", a.copy()), SampledFrame(1.0, "hook", blank),
              SampledFrame(2.0, "shot", b), SampledFrame(3.0, "last", b.copy())]
    groups, unchanged, without_text = group_frames(frames, OcrSettings())
    assert [(g.start_s, g.end_s) for g in groups] == [(0.0, 0.5), (2.0, 3.0)]
    assert (unchanged, without_text) == (2, 1)
    assert [g.start_s for g in within_budget(groups, 1)] == [0.0]


def test_budget_spreads_reads_over_the_video() -> None:
    groups = list(range(10))
    assert within_budget(groups, 4) == [0, 3, 6, 9]  # type: ignore[arg-type]
    assert within_budget(groups, 20) == groups  # type: ignore[arg-type]


def test_repeated_text_merges_into_one_span_with_its_time_and_box() -> None:
    title = OcrLine("番茄炒蛋教程", (130, 110, 275, 57), 0.99)
    reads = [
        (0.0, 1.7, [title, OcrLine("今天教大家做番茄炒蛋", (105, 747, 331, 40), 0.98)]),
        (2.2, 2.6, [OcrLine("番茄炒蛋教程", (131, 111, 274, 56), 0.97), OcrLine("第一步鸡蛋打散", (80, 742, 379, 48), 0.96)]),
        (7.1, 9.6, [OcrLine("最后下番茄翻炒出锅", (116, 747, 307, 40), 0.95)]),
    ]
    spans = merge_reads(reads)
    assert [(s.start_s, s.end_s, s.text) for s in spans] == [
        (0.0, 2.6, "番茄炒蛋教程"),
        (0.0, 1.7, "今天教大家做番茄炒蛋"),
        (2.2, 2.6, "第一步鸡蛋打散"),
        (7.1, 9.6, "最后下番茄翻炒出锅"),
    ]
    assert spans[0].box == (130, 110, 275, 57) and spans[0].confidence == 0.98
    assert all(s.source == "screen" for s in spans)


def _qr_frame(payload: str) -> np.ndarray:
    import cv2

    modules = cv2.QRCodeEncoder.create().encode(payload)
    modules = cv2.copyMakeBorder(modules, 4, 4, 4, 4, cv2.BORDER_CONSTANT, value=255)
    big = cv2.resize(modules, (modules.shape[1] * 7, modules.shape[0] * 7), interpolation=cv2.INTER_NEAREST)
    frame = np.full((960, 540, 3), 90, np.uint8)
    y, x = 300, (540 - big.shape[1]) // 2
    frame[y : y + big.shape[0], x : x + big.shape[1]] = big[:, :, None]
    return frame


def test_qr_code_is_decoded_with_its_time() -> None:
    frame = _qr_frame("weixin://dl/chat?abc123")
    assert decode_qr(frame) == ("weixin://dl/chat?abc123",)
    reading = find_qr_codes([SampledFrame(4.5, "shot", frame), SampledFrame(0.0, "first", np.full((960, 540, 3), 90, np.uint8))])
    assert [(c.t_s, c.data) for c in reading.codes] == [(4.5, "weixin://dl/chat?abc123")]
    assert reading.note is None
