"""`prelint fix` reads and writes a draft within the same bounds as a lint.

It used to read the draft with moviepy, which hands the bare file name to its own ffmpeg: no memory
limit, no 8K cap, no codec or protocol whitelist (a committed file named `http:host?x=.mp4` made a
request), and its encode had no time limit (an ordinary 8K draft took 9.9 GB and 147 s).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from prelint.errors import InputError
from prelint.fix import MAX_FIX_PIXELS, open_source, plan_cuts, write_fixed_video
from prelint.media.container import probe
from prelint.media.ffmpeg_process import ffmpeg_exe

from .conftest import make_draft


def _ffmpeg(*args: str) -> None:
    subprocess.run([ffmpeg_exe(), "-v", "error", "-nostdin", "-y", *args], check=True, timeout=120)


def test_a_name_that_reads_as_a_url_is_read_as_a_file_and_moviepy_never_runs(tmp_path: Path) -> None:
    draft = make_draft(tmp_path, metadata=None)
    odd = tmp_path / "concat:draft.mp4|draft.mp4"
    shutil.copy(draft, odd)
    code = ("import sys; from pathlib import Path; from prelint.fix import open_source; "
            f"s = open_source(Path({str(odd)!r})).source; print(s.frames, 'moviepy' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == [str(probe(draft).frame_count), "False"]


def test_frames_above_4k_are_not_re_encoded(tmp_path: Path) -> None:
    big = tmp_path / "big.mp4"
    _ffmpeg("-f", "lavfi", "-i", "color=c=gray:s=4096x2304:r=30:d=0.5", "-c:v", "libx264", "-preset", "ultrafast", str(big))
    assert 4096 * 2304 > MAX_FIX_PIXELS
    with pytest.raises(InputError, match=r"larger than `prelint fix` re-encodes \(4K"):
        open_source(big)


def test_a_second_video_stream_above_8k_is_refused(tmp_path: Path) -> None:
    small, huge, both = tmp_path / "small.mp4", tmp_path / "huge.mp4", tmp_path / "both.mkv"
    _ffmpeg("-f", "lavfi", "-i", "color=c=red:s=320x240:r=30:d=0.2", "-c:v", "libx264", "-preset", "ultrafast", str(small))
    _ffmpeg("-f", "lavfi", "-i", "color=c=gray:s=8208x4400:r=30:d=0.1", "-c:v", "libx264", "-preset", "ultrafast", str(huge))
    _ffmpeg("-i", str(small), "-i", str(huge), "-map", "0:v", "-map", "1:v", "-c", "copy", str(both))
    with pytest.raises(InputError, match=r"a video stream of 8208x4400 is too large"):
        probe(both)


def test_the_encode_stops_at_the_time_limit(tmp_path: Path) -> None:
    draft = make_draft(tmp_path, metadata=None)
    opened = open_source(draft)
    source = opened.source
    plan = plan_cuts(_report_with_lead_in(draft), source.fps, source.frames)
    assert plan.cuts, "the standard draft has a black lead-in to cut"
    with pytest.raises(InputError, match=r"writing the fixed video exceeded the time limit"):
        write_fixed_video(opened, plan, tmp_path / "fixed.mp4", [draft], preset="veryslow", time_limit_s=0.05)
    assert not (tmp_path / "fixed.mp4").exists()
    assert not list(tmp_path.glob(".fixed.mp4.*")), "the temporary file is removed"


def _report_with_lead_in(draft: Path):  # type: ignore[no-untyped-def]
    from prelint import lint
    from prelint.config import Config

    return lint(draft, config=Config().override(ocr=False, cache=False), select=["HOOK", "PACE"])


def test_an_encoder_that_writes_megabytes_of_errors_is_read_to_the_end(tmp_path: Path, monkeypatch) -> None:
    """A damaged but decodable draft makes ffmpeg write hundreds of KB of decode errors: a pipe
    read only once filled up and froze the encode until the time limit."""
    draft = make_draft(tmp_path, metadata=None)
    opened = open_source(draft)
    plan = plan_cuts(_report_with_lead_in(draft), opened.source.fps, opened.source.frames)
    noisy = tmp_path / "noisy-ffmpeg"
    noisy.write_text(f"#!/bin/sh\nhead -c 1000000 /dev/zero | tr '\\000' 'e' >&2\nexec {ffmpeg_exe()} \"$@\"\n")
    noisy.chmod(0o755)
    monkeypatch.setattr("prelint.media.ffmpeg_process.ffmpeg_exe", lambda: str(noisy))
    written = write_fixed_video(opened, plan, tmp_path / "fixed.mp4", [draft], time_limit_s=30)
    assert written.path.is_file() and probe(written.path).frame_count == plan.kept_frames
