"""A draft with a second video or audio stream is refused: prelint would read the first, while players,
the platform's transcoder and FFmpeg's own choice take the one the file marks default.

A second video stream marked default showed a WeChat QR code to viewers while prelint analysed a
plain first stream (RISK003 passed); a second audio track marked default, a clipped square wave,
played while SPEC010 measured a -17 LUFS first track. A cover picture (an attached picture) beside
the video is no second stream.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from prelint.errors import InputError
from prelint.media import probe
from prelint.media.ffmpeg_process import ffmpeg_exe


def _ffmpeg(*args: str) -> None:
    subprocess.run([ffmpeg_exe(), "-v", "error", "-nostdin", "-y", *args], check=True, timeout=120)


@pytest.fixture(scope="module")
def parts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("streams")
    _ffmpeg("-f", "lavfi", "-i", "testsrc2=s=180x320:r=30:d=1", "-f", "lavfi", "-i", "sine=d=1",
            "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac", str(folder / "a.mp4"))
    _ffmpeg("-f", "lavfi", "-i", "color=white:s=180x320:r=30:d=1", "-f", "lavfi", "-i", "sine=f=880:d=1",
            "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac", str(folder / "b.mp4"))
    _ffmpeg("-f", "lavfi", "-i", "color=red:s=320x320:d=1", "-frames:v", "1", str(folder / "cover.png"))
    return folder


@pytest.mark.parametrize(("kind", "message"), [("v", r"it holds 2 video streams; .* export the draft with one video stream"),
                                                ("a", r"it holds 2 audio streams; .* one audio track")])
def test_a_second_stream_marked_default_is_refused(parts: Path, kind: str, message: str) -> None:
    two = parts / f"two_{kind}.mp4"
    other = "a" if kind == "v" else "v"
    _ffmpeg("-i", str(parts / "a.mp4"), "-i", str(parts / "b.mp4"), "-map", f"0:{kind}", "-map", f"1:{kind}",
            "-map", f"0:{other}", "-c", "copy", f"-disposition:{kind}:0", "0", f"-disposition:{kind}:1", "default", str(two))
    with pytest.raises(InputError, match=message):
        probe(two)


def test_a_cover_picture_beside_the_video_is_no_second_stream(parts: Path) -> None:
    covered = parts / "cover.mp4"
    _ffmpeg("-i", str(parts / "a.mp4"), "-i", str(parts / "cover.png"), "-map", "0:v", "-map", "0:a", "-map", "1",
            "-c", "copy", "-disposition:v:1", "attached_pic", str(covered))
    facts = probe(covered)
    assert (facts.width, facts.height) == (180, 320) and facts.video_codec == "h264"
