"""Non-square pixels (an anamorphic SAR) are analysed at the shape a player shows.

A picture stored squeezed to half its width with a 2:1 pixel aspect ratio looks normal to viewers,
but prelint analysed the stored pixels: a WeChat QR code in it was unreadable (RISK003 passed) and
SPEC005 judged the stored 9:32 shape instead of the 9:16 one shown (a 16:9 landscape picture passed
as 9:16). The display size is now the first decoded frame's size with its SAR applied, the analysis
scales to it, and a frame whose display size differs from it is a mid-stream change.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import numpy as np
import pytest

import prelint
from fixtures.captions import _qr_image
from prelint.media import probe
from prelint.media.ffmpeg_process import ffmpeg_exe

PAYLOAD = "weixin://dl/chat?abc123"


def _squeezed_qr_video(folder: Path, display: tuple[int, int], squeeze: float, aspect: str) -> Path:
    import cv2

    w, h = display
    frame = np.full((h, w, 3), 90, np.uint8)
    qr = _qr_image(PAYLOAD, w // 2)
    y, x = (h - qr.shape[0]) // 2, (w - qr.shape[1]) // 2
    frame[y:y + qr.shape[0], x:x + qr.shape[1]] = qr
    stored = cv2.resize(frame, (int(round(w / squeeze)) // 2 * 2, h), interpolation=cv2.INTER_AREA)
    still = folder / f"stored_{aspect.replace(':', 'x')}.png"
    cv2.imwrite(str(still), stored)
    video = folder / f"squeezed_{aspect.replace(':', 'x')}.mp4"
    subprocess.run([ffmpeg_exe(), "-v", "error", "-nostdin", "-y", "-loop", "1", "-i", str(still), "-t", "2", "-r", "30",
                    "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-aspect", aspect, str(video)],
                   check=True, timeout=120)
    return video


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("sar")


def test_a_squeezed_portrait_is_9_16_and_its_qr_code_is_read(folder: Path) -> None:
    video = _squeezed_qr_video(folder, (540, 960), 2.0, "540:960")
    facts = probe(video)
    assert (facts.coded_width, facts.coded_height) == (270, 960)
    assert (facts.width, facts.height) == (540, 960)
    report = prelint.lint(video, title="今天的教程", select=["RISK003", "SPEC005"], config={})
    assert report.result("SPEC005").status.value == "pass"
    risk = report.result("RISK003")
    assert risk.status.value == "warn" and risk.metrics["qr_codes"] >= 1


def test_a_landscape_stored_as_portrait_pixels_is_judged_landscape(folder: Path) -> None:
    video = _squeezed_qr_video(folder, (960, 540), 3.16, "16:9")  # stored 304x540
    facts = probe(video)
    assert facts.coded_width < facts.coded_height  # stored as a tall picture
    assert facts.width > facts.height and abs(facts.width / facts.height - 16 / 9) < 0.02
    report = prelint.lint(video, title="今天的教程", select=["SPEC005"], config={})
    assert report.result("SPEC005").status.value == "warn"
