"""A video whose frame size or rotation changes part-way is refused, not analysed at its first shape.

FFmpeg rebuilds its filters when the decoded frames change size (an H.264 resolution change in
MPEG-TS) or orientation (a display-orientation SEI from some frame on). prelint's analysis scales to a
size fixed from the container's declared shape, so every frame after the change was squashed into
it: a WeChat QR code shown only after the first second went unseen (RISK003 passed) and SPEC005
judged the first second's 16:9 shape. Each decoded frame's size is now read from a showinfo filter
before the scaling; any change is a one-line input error.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from prelint.errors import InputError
from prelint.media import analyze
from prelint.media.ffmpeg_process import ffmpeg_exe


def _ffmpeg(*args: str) -> None:
    subprocess.run([ffmpeg_exe(), "-v", "error", "-nostdin", "-y", *args], check=True, timeout=120)


def _h264(path: Path, size: str, seconds: float, fmt: str) -> Path:
    _ffmpeg("-f", "lavfi", "-i", f"testsrc2=s={size}:r=30:d={seconds}", "-c:v", "libx264", "-preset", "ultrafast",
            "-g", "15", "-bf", "0", "-pix_fmt", "yuv420p", "-f", fmt, str(path))
    return path


@pytest.fixture(scope="module")
def work(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("size_change")


@pytest.fixture(scope="module")
def changed(work: Path) -> Path:
    """1 s of 320x180 then 2 s of 180x320, one H.264 stream in MPEG-TS."""
    first = _h264(work / "a.h264", "320x180", 1, "h264")
    second = _h264(work / "b.h264", "180x320", 2, "h264")
    joined = work / "ab.h264"
    joined.write_bytes(first.read_bytes() + second.read_bytes())
    path = work / "changed.ts"
    _ffmpeg("-r", "30", "-f", "h264", "-i", str(joined), "-c:v", "copy", "-f", "mpegts", str(path))
    return path


def test_resolution_change_in_mpegts_is_refused(work: Path, changed: Path) -> None:
    before = changed.read_bytes()
    with pytest.raises(InputError, match=r"frame size or rotation changes mid-stream \(320x180 then 180x320\)"):
        analyze(changed, use_cache=False)
    assert changed.read_bytes() == before

    # the same stream without the change is analysed
    steady = work / "steady.ts"
    _ffmpeg("-r", "30", "-f", "h264", "-i", str(work / "b.h264"), "-c:v", "copy", "-f", "mpegts", str(steady))
    facts = analyze(steady, use_cache=False)
    assert (facts.probe.width, facts.probe.height) == (180, 320)
    assert len(facts.series) == 60


def test_rotation_from_the_second_second_on_is_refused(work: Path) -> None:
    first = _h264(work / "w.mkv", "320x180", 1, "matroska")
    second = _h264(work / "q.mkv", "320x180", 2, "matroska")
    rotated = work / "q_rot.mkv"
    _ffmpeg("-i", str(second), "-c", "copy", "-bsf:v", "h264_metadata=display_orientation=insert:rotate=90",
            str(rotated))
    listing = work / "list.txt"
    listing.write_text(f"file '{first}'\nfile '{rotated}'\n", encoding="utf-8")
    joined = work / "late_rotation.mkv"
    _ffmpeg("-f", "concat", "-safe", "0", "-i", str(listing), "-c", "copy", str(joined))
    with pytest.raises(InputError, match=r"changes mid-stream \(320x180 then 180x320\)"):
        analyze(joined, use_cache=False)


def test_the_cli_reports_it_as_a_draft_that_could_not_be_read(changed: Path) -> None:
    from click.testing import CliRunner

    from prelint.cli import main

    result = CliRunner().invoke(main, [str(changed), "--title", "x", "--no-cache"])
    assert result.exit_code == 2, result.output
    assert "changes mid-stream" in result.output
    assert "Traceback" not in result.output


def test_a_size_the_header_does_not_show_is_the_decoded_size_not_a_change(work: Path) -> None:
    """A stream cropped in its parameter sets while the container header keeps the old size is one
    shape all along: it is analysed at the size it decodes to, not refused as a change."""
    source = _h264(work / "wide.mp4", "640x360", 2, "mp4")
    cropped = work / "cropped.mkv"
    _ffmpeg("-i", str(source), "-c", "copy", "-bsf:v", "h264_metadata=crop_right=160", str(cropped))
    facts = analyze(cropped, use_cache=False)
    assert (facts.probe.width, facts.probe.height) == (480, 360)
    assert facts.probe.coded_width == 640  # what the header says
    assert len(facts.series) == 60
