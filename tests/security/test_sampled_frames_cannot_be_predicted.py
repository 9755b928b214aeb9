"""A file cannot choose which frames prelint samples for on-screen text and QR codes.

The sampled frames used to be the first frame of each cell of a time grid (seven cells in the first
3 s, then every 0.5 s). A WeChat QR code shown in every frame but those was never seen (RISK003
passed): at a constant frame rate by leaving it out of one frame in fifteen, and in a variable-rate
file whatever the grid's phase, by starting each cell with a 1 ms frame without it before a 449 ms
frame with it. Sampled frames are now the frames on screen at one secret instant of each cell,
independent from cell to cell: a QR code must be left out of most of the time to be missed.
"""

from __future__ import annotations

import math
import subprocess
from pathlib import Path

import cv2
import numpy as np
import pytest

import prelint
from fixtures.timed_frames import HEIGHT as H
from fixtures.timed_frames import WIDTH as W
from fixtures.timed_frames import encode as _encode
from fixtures.timed_frames import picture, qr_code
from prelint.media.ffmpeg_process import ffmpeg_exe
from prelint.media.sampling import HOOK_FRAMES, SAMPLE_EVERY_S, SamplingKey

FPS = 30
SECONDS = 6.0
KEYS = [SamplingKey(12_345, (777, 4_242, 99)), SamplingKey(9_876_543, (31_337, 5, 1_000_003)),
        SamplingKey(42, (16_000_000, 123_456, 7)), SamplingKey(2_024_007, (11, 88_888, 3_141_592))]


def _qr() -> np.ndarray:
    return qr_code(300)


def _picture(i: int, qr: np.ndarray | None) -> np.ndarray:
    return picture(i, qr)


@pytest.fixture(scope="module")
def gapped(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Constant rate: a QR code in every frame except the first frame of each cell of the grid."""
    folder = tmp_path_factory.mktemp("gapped")
    cv2.imwrite(str(folder / "qr.png"), qr_code(300))
    hook = 3.0
    edges = [k * hook / (HOOK_FRAMES + 1) for k in range(HOOK_FRAMES + 1)]
    edges += [hook + j * SAMPLE_EVERY_S for j in range(int((SECONDS - hook) / SAMPLE_EVERY_S) + 1)]
    gaps = sorted({math.ceil(edge * FPS - 1e-6) for edge in edges})
    hidden = "+".join(f"eq(n\\,{n})" for n in gaps)
    video = folder / "gapped.mp4"
    subprocess.run([ffmpeg_exe(), "-v", "error", "-nostdin", "-y", "-f", "lavfi", "-i",
                    f"color=c=gray:s={W}x{H}:r={FPS}:d={SECONDS}", "-i", str(folder / "qr.png"),
                    "-filter_complex", f"[0][1]overlay=120:330:enable='not({hidden})'",
                    "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", str(video)],
                   check=True, timeout=120)
    return video


@pytest.fixture(scope="module")
def one_ms_gaps(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Variable rate, 10 s: every 0.5 s a frame without the code shown for 1 ms, then one with it
    for 449 ms, then one without it for 50 ms. The code is on screen 90% of the time."""
    qr = _qr()
    frames, times = [], []
    for period in range(20):
        for offset, with_code in ((0, False), (1, True), (450, False)):
            frames.append(_picture(len(frames), qr if with_code else None))
            times.append(period * 500 + offset)
    return _encode(frames, times, tmp_path_factory.mktemp("vfr") / "one_ms_gaps.mkv")


@pytest.fixture(scope="module")
def half_blinking(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """30 fps, 12 s: after the hook window, the code is shown in the first half of every 0.5 s
    (aligned with the grid's cells): one phase for all cells saw it in every cell or in none."""
    qr = _qr()
    frames = [_picture(i, qr if i >= 3 * FPS and (i % 15) < 8 else None) for i in range(12 * FPS)]
    return _encode(frames, [round(i * 1000 / FPS) for i in range(len(frames))],
                   tmp_path_factory.mktemp("blink") / "half_blinking.mkv")


@pytest.fixture(scope="module")
def code_in_last_frame(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Variable rate: 5 s of moving frames, then one last frame holding the code for 3 s."""
    frames = [_picture(i, None) for i in range(125)] + [_picture(125, _qr())]
    times = [i * 40 for i in range(126)]
    path = _encode(frames + [_picture(126, _qr())], times + [8000], tmp_path_factory.mktemp("last") / "last.mkv")
    return path


def _qr_codes(video: Path, key: SamplingKey | None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> int:
    from prelint.media import analysis

    monkeypatch.setenv("PRELINT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(analysis, "sample_key", lambda content: key)
    report = prelint.lint(video, title="今天的教程", select=["RISK003"], config={})
    return int(report.result("RISK003").metrics["qr_codes"])


@pytest.mark.parametrize("key", [None, KEYS[0]], ids=["cell-starts", "keyed"])
def test_a_code_left_out_of_one_frame_per_cell_is_seen(gapped: Path, key, tmp_path, monkeypatch) -> None:
    assert _qr_codes(gapped, key, tmp_path, monkeypatch) >= 1


@pytest.mark.parametrize("key", KEYS[:2])
def test_a_code_behind_one_millisecond_frames_is_seen(one_ms_gaps: Path, key, tmp_path, monkeypatch) -> None:
    assert _qr_codes(one_ms_gaps, key, tmp_path, monkeypatch) >= 1


@pytest.mark.parametrize("key", KEYS)
def test_a_code_shown_half_the_time_is_seen_whatever_the_key(half_blinking: Path, key, tmp_path, monkeypatch) -> None:
    assert _qr_codes(half_blinking, key, tmp_path, monkeypatch) >= 1


def test_a_code_in_a_long_last_frame_is_seen(code_in_last_frame: Path, tmp_path, monkeypatch) -> None:
    assert _qr_codes(code_in_last_frame, KEYS[1], tmp_path, monkeypatch) >= 1


def test_a_frame_on_screen_for_an_hour_is_sampled_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each instant's frame used to be scaled by FFmpeg, and every repeat of a frame shown for an
    hour was held at once: 11 GB, and the draft was refused for memory."""
    frames = [_picture(i, _qr() if i == 3 else None) for i in range(5)]
    video = _encode(frames, [0, 40, 80, 120, 3_600_000], tmp_path / "hour.mkv")
    monkeypatch.setenv("PRELINT_CACHE_DIR", str(tmp_path / "cache"))
    report = prelint.lint(video, title="今天的教程", select=["RISK003", "SPEC003"], config={})
    assert report.errors == ()
    assert report.result("RISK003").metrics["qr_codes"] == 1  # the hour-long frame holds the code
    assert any(f.code == "SPEC003" for f in report.findings)  # an hour is too long for any platform


def test_a_jump_to_a_billion_seconds_does_not_hold_the_lint_to_its_time_limit(tmp_path: Path,
                                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """The frame before the jump was given once per cell up to 10^9 s: each lint ran until its
    time limit (600 s by default) and failed."""
    import time

    frames = [_picture(i, _qr()) for i in range(22)]
    video = _encode(frames, [i * 100 for i in range(21)] + [10**12], tmp_path / "jump.mkv")
    monkeypatch.setenv("PRELINT_CACHE_DIR", str(tmp_path / "cache"))
    started = time.monotonic()
    report = prelint.lint(video, title="今天的教程", select=["RISK003"], config={"analysis-time-limit-s": 120})
    assert time.monotonic() - started < 60
    assert report.errors == () and report.result("RISK003").metrics["qr_codes"] >= 1
