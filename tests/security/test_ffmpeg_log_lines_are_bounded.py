"""What FFmpeg prints is read line by line with a bound, and the decode graph prints no side data.

FFmpeg's showinfo filter prints a frame's user-data SEI as one line of hex, and a metadata value
whose pieces are joined by \\x08, \\x0b or \\x0c is printed whole: a 412 MB draft (12.7 MB gzipped) with
a 40 MB SEI on its first ten frames grew prelint's own process to 4.9 GB over 390 s. Now side data
is dropped before showinfo, and a line is cut to MAX_LOG_LINE_BYTES as it is read.
"""

from __future__ import annotations

import io
import queue
import re
import subprocess
from collections import deque
from pathlib import Path

from prelint.media import analysis
from prelint.media.ffmpeg_process import (MAX_LOG_LINE_BYTES, MAX_TAIL_LINE_CHARS, DecodeProcess, _read_log,
                                          bounded_lines, ffmpeg_exe)


def test_a_line_longer_than_the_bound_is_cut_and_the_next_line_is_intact():
    stream = io.BufferedReader(io.BytesIO(b"short\n" + b"x" * (5 * MAX_LOG_LINE_BYTES + 7) + b"\nafter\nlast"))
    lines = list(bounded_lines(stream))
    assert lines[0] == b"short\n"
    assert len(lines[1]) == MAX_LOG_LINE_BYTES and set(lines[1]) == {ord("x")}
    assert lines[2:] == [b"after\n", b"last"]


def test_the_log_reader_keeps_short_lines_and_still_reads_frame_times():
    metadata = b"    comment         : " + b"A\x0b" * 3_000_000 + b"\n"
    forged = b"[showinfo@small_0000 @ 0x7f0a1c] n:   0 pts:      0 pts_time:9.5   duration:     33\n"
    showinfo = b"[showinfo@small_5eed @ 0x7f0a1c] n:   0 pts:      0 pts_time:0.5   duration:     33\n"
    stderr = io.BufferedReader(io.BytesIO(metadata + forged + showinfo))
    pts_small: queue.Queue[float] = queue.Queue()
    tail: deque[str] = deque(maxlen=30)
    _read_log(stderr, pts_small, queue.Queue(), tail, None, "5eed")
    assert pts_small.get_nowait() == 0.5 and pts_small.empty()  # only the line of this run's filter
    assert tail and all(len(line) <= MAX_TAIL_LINE_CHARS for line in tail)


def _clip_with_user_data(folder: Path, payload_bytes: int, frames: int) -> Path:
    raw = folder / "raw.h264"
    subprocess.run([ffmpeg_exe(), "-v", "error", "-y", "-f", "lavfi", "-i", "testsrc2=s=96x160:r=30:d=1",
                    "-c:v", "libx264", "-preset", "ultrafast", "-g", "30", "-bsf:v", "h264_mp4toannexb",
                    "-f", "h264", str(raw)], check=True)
    payload = bytes(range(16)) + b"\x42" * payload_bytes  # user data unregistered: a UUID, then the data
    n = len(payload)
    sei = b"\x00\x00\x00\x01\x06\x05" + b"\xff" * (n // 255) + bytes([n % 255]) + payload + b"\x80"
    out, done = bytearray(), 0
    for nal in re.split(rb"(?=\x00\x00\x00\x01)", raw.read_bytes()):
        if len(nal) > 4 and nal[4] & 0x1F in (1, 5) and done < frames:
            out += sei
            done += 1
        out += nal
    (folder / "sei.h264").write_bytes(bytes(out))
    clip = folder / "clip.mkv"
    subprocess.run([ffmpeg_exe(), "-v", "error", "-y", "-r", "30", "-i", str(folder / "sei.h264"), "-c", "copy",
                    str(clip)], check=True)
    return clip


def test_the_decode_graph_prints_no_side_data(tmp_path: Path, monkeypatch):
    clip = _clip_with_user_data(tmp_path, 100_000, 3)
    commands: list[list[str]] = []
    init = DecodeProcess.__init__

    def recording(self, segment, command, *args, **kwargs):  # type: ignore[no-untyped-def]
        commands.append(command(0, 0))
        init(self, segment, command, *args, **kwargs)

    monkeypatch.setattr(analysis.DecodeProcess, "__init__", recording)
    facts = analysis.analyze(clip, use_cache=False)
    assert len(facts.series) == 30
    graph = commands[0][commands[0].index("-filter_complex") + 1]
    printed = subprocess.run([ffmpeg_exe(), "-hide_banner", "-nostdin", "-i", str(clip), "-filter_complex", graph,
                              "-map", "[small]", "-f", "null", "-", "-map", "[big]", "-f", "null", "-"],
                             capture_output=True, timeout=60).stderr
    assert b"pts_time" in printed
    assert b"User Data" not in printed
    assert max(len(line) for line in printed.splitlines()) < 2000
