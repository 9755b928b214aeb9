"""A frame tiled with QR finder patterns (the three corner squares of a code) made OpenCV's
detector run for minutes and take gigabytes inside prelint's own process: 76 s and 1 GB for one
540×960 frame, 788 s and 8 GB for 540×1920, beyond any time limit. Frames are scanned in a worker
process under a memory limit, each frame within QR_FRAME_TIME_LIMIT_S."""

from __future__ import annotations

import time

import numpy as np

from prelint.content import qr
from prelint.media.deadline import Deadline
from prelint.media.facts import SampledFrame


def _finder_patterns(width: int, height: int, module: int = 3, gap: int = 4) -> np.ndarray:
    pattern = np.zeros((7 * module, 7 * module), np.uint8)
    pattern[module:6 * module, module:6 * module] = 255
    pattern[2 * module:5 * module, 2 * module:5 * module] = 0
    image = np.full((height, width), 255, np.uint8)
    step = 7 * module + gap
    for y in range(gap, height - 7 * module, step):
        for x in range(gap, width - 7 * module, step):
            image[y:y + 7 * module, x:x + 7 * module] = pattern
    return np.repeat(image[:, :, None], 3, axis=2)


def test_a_frame_of_finder_patterns_ends_the_scan_with_a_note(monkeypatch) -> None:
    monkeypatch.setattr(qr, "QR_FRAME_TIME_LIMIT_S", 1.0)
    frames = [SampledFrame(0.0, "first", _finder_patterns(540, 960)), SampledFrame(1.0, "shot", _finder_patterns(540, 960))]
    started = time.monotonic()
    reading = qr.find_qr_codes(frames, Deadline(60))
    elapsed = time.monotonic() - started
    assert reading.codes == ()
    assert reading.note == ("QR codes not read past 0.0 s: the frame there needs more than 1 s or "
                            f"{qr.QR_DATA_LIMIT >> 20} MiB to scan")
    assert elapsed < 5.0  # the start (about 0.3 s) and one frame's 1 s


def test_the_draft_deadline_ends_the_scan_too() -> None:
    frames = [SampledFrame(0.0, "first", _finder_patterns(540, 960))]
    started = time.monotonic()
    reading = qr.find_qr_codes(frames, Deadline(1.5))
    assert time.monotonic() - started < 4.0
    assert reading.note == "QR codes not read past 0.0 s: the analysis time limit passed"
