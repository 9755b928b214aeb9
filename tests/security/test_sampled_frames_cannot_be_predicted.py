"""A file cannot know which frames prelint samples for on-screen text and QR codes.

The sampled frames were the first frame of each cell of a fixed time grid (seven cells in the first
3 s, then every 0.5 s). A WeChat QR code shown in every frame but those - one frame in fifteen
missing, invisible to a viewer - was never seen (RISK003 passed). The grid's edges are now shifted by
a phase taken from the cache folder's secret and the video's content.
"""

from __future__ import annotations

import math
import subprocess
from pathlib import Path

import cv2
import pytest

import prelint
from fixtures.captions import _qr_image
from prelint.media.ffmpeg_process import ffmpeg_exe
from prelint.media.sampling import HOOK_FRAMES, SAMPLE_EVERY_S

FPS = 30
SECONDS = 6.0


@pytest.fixture(scope="module")
def gapped(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A QR code in every frame except the first frame of each cell of the grid without a phase."""
    folder = tmp_path_factory.mktemp("gapped")
    cv2.imwrite(str(folder / "qr.png"), _qr_image("weixin://dl/chat?abc123", 300))
    hook = 3.0
    edges = [k * hook / (HOOK_FRAMES + 1) for k in range(HOOK_FRAMES + 1)]
    edges += [hook + j * SAMPLE_EVERY_S for j in range(int((SECONDS - hook) / SAMPLE_EVERY_S) + 1)]
    gaps = sorted({math.ceil(edge * FPS - 1e-6) for edge in edges})
    hidden = "+".join(f"eq(n\\,{n})" for n in gaps)
    video = folder / "gapped.mp4"
    subprocess.run([ffmpeg_exe(), "-v", "error", "-nostdin", "-y", "-f", "lavfi", "-i",
                    f"color=c=gray:s=540x960:r={FPS}:d={SECONDS}", "-i", str(folder / "qr.png"),
                    "-filter_complex", f"[0][1]overlay=120:330:enable='not({hidden})'",
                    "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", str(video)],
                   check=True, timeout=120)
    return video


def _qr_codes(video: Path, phase: float, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> int:
    from prelint.media import analysis

    monkeypatch.setenv("PRELINT_CACHE_DIR", str(tmp_path / f"cache{phase}"))
    monkeypatch.setattr(analysis, "sample_phase", lambda content: phase)
    report = prelint.lint(video, title="今天的教程", select=["RISK003"], config={})
    return int(report.result("RISK003").metrics["qr_codes"])


def test_a_grid_without_phase_misses_the_code(gapped: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert _qr_codes(gapped, 0.0, tmp_path, monkeypatch) == 0  # what a fixed grid allowed


@pytest.mark.parametrize("phase", [0.3, 0.7])
def test_a_shifted_grid_sees_the_code(gapped: Path, phase: float, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert _qr_codes(gapped, phase, tmp_path, monkeypatch) >= 1
