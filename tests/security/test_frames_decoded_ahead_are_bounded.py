"""Frames decoded ahead of the analysers wait in a bounded queue.

A 1.5 MB video of 16x64 frames at 1,000 fps is decoded far faster than its frames are analysed:
each decode process's reader queued every frame, and prelint's own process grew by ~140 MB/s
(7 GB in 47 s). The reader now waits when its queue is full (ffmpeg then waits on its pipe), and a
reader waiting on a full queue gives up when its process is stopped, so nothing hangs.
"""

from __future__ import annotations

import concurrent.futures
import functools
import json
import subprocess
import sys
import time
from collections import deque
from pathlib import Path

import pytest

from prelint.media.ffmpeg_process import MAX_QUEUED_SMALL_BYTES, MIN_QUEUED_FRAMES, DecodeProcess, ffmpeg_exe
from prelint.media.memory import BufferPool
from prelint.media.sampling import read_big_frames

pytest.importorskip("resource")

SMALL_W, SMALL_H = 96, 384  # the analysers' frame of a 16x64 picture
#: Peak resident memory (MiB) of an analysis of the 1,000 fps video stopped by its time limit
#: (about 210 MiB with the bound, 1,400 MiB without it).
MAX_RSS_MIB = 512
LIMIT_S = 6.0
TAG = "5eed"  # the random part of the showinfo filters' names


def _thousand_fps(path: Path, seconds: int) -> Path:
    subprocess.run([ffmpeg_exe(), "-v", "error", "-nostdin", "-y", "-f", "lavfi", "-i", f"color=s=16x64:r=1000:d={seconds}",
                    "-c:v", "libx264", "-preset", "ultrafast", "-g", "1000000", "-x264-params", "scenecut=0",
                    str(path)], check=True, timeout=120)
    return path


def _decode(path: Path, small_fd: int, big_fd: int) -> list[str]:
    graph = (f"[0:v:0]split=2[a][b];[a]scale={SMALL_W}:{SMALL_H},format=rgb24,showinfo@small_{TAG}=checksum=0[small];"
             f"[b]select='eq(n\\,0)',scale=8:8,format=bgr24,showinfo@big_{TAG}=checksum=0[big]")
    return [ffmpeg_exe(), "-hide_banner", "-nostdin", "-nostats", "-loglevel", "info", "-i", str(path),
            "-filter_complex", graph,
            "-map", "[small]", "-fps_mode", "passthrough", "-f", "rawvideo", f"pipe:{small_fd}",
            "-map", "[big]", "-fps_mode", "passthrough", "-f", "rawvideo", f"pipe:{big_fd}"]


def _process(path: Path, readers: concurrent.futures.ThreadPoolExecutor) -> DecodeProcess:
    return DecodeProcess(None, functools.partial(_decode, path), BufferPool(SMALL_W * SMALL_H * 3),  # type: ignore[arg-type]
                         functools.partial(read_big_frames, size=(8, 8)), deque(maxlen=20), readers, tag=TAG)


def test_a_process_nobody_reads_stops_at_its_queue_bound_and_stops_at_once(tmp_path: Path) -> None:
    video = _thousand_fps(tmp_path / "fast.mp4", 5)
    bound = max(MIN_QUEUED_FRAMES, MAX_QUEUED_SMALL_BYTES // (SMALL_W * SMALL_H * 3))
    readers = concurrent.futures.ThreadPoolExecutor(max_workers=3)
    proc = _process(video, readers)
    try:
        waited = time.monotonic() + 30
        while proc.small.qsize() < bound and time.monotonic() < waited:
            time.sleep(0.05)
        time.sleep(0.5)  # unbounded, the reader would take the rest of the 5,000 frames by now
        assert proc.small.qsize() == bound
        assert not proc.decoded()  # ffmpeg waits on its full pipe
        started = time.monotonic()
        proc.kill()
        proc.close(time.monotonic() + 5)
        assert time.monotonic() - started < 2.0
        assert all(f.done() for f in proc.readers)
    finally:
        proc.kill()
        readers.shutdown(wait=False, cancel_futures=True)


def test_a_reader_behind_the_bound_still_hands_over_every_frame_in_order(tmp_path: Path) -> None:
    video = _thousand_fps(tmp_path / "fast.mp4", 2)
    readers = concurrent.futures.ThreadPoolExecutor(max_workers=3)
    proc = _process(video, readers)
    times: list[float] = []

    class NoDeadline:
        @staticmethod
        def expired() -> bool:
            return False

    try:
        time.sleep(0.5)  # the queue fills first
        for t_s, _buf in proc.frames(lambda: None, NoDeadline()):  # type: ignore[arg-type]
            times.append(t_s)
    finally:
        proc.kill()
        proc.close(time.monotonic() + 5)
        readers.shutdown(wait=False, cancel_futures=True)
    assert len(times) == 2000
    assert times == sorted(times) and times[-1] == pytest.approx(1.999, abs=1e-6)


def test_an_analysis_of_tiny_frames_at_1000_fps_keeps_its_memory_until_the_time_limit(tmp_path: Path) -> None:
    video = _thousand_fps(tmp_path / "fast.mp4", 60)
    code = ("import json, sys\n"
            "from prelint.media import analyze\n"
            "from prelint.media.facts import AnalysisSettings\n"
            "try:\n"
            f"    analyze(sys.argv[1], AnalysisSettings(analysis_time_limit_s={LIMIT_S}), use_cache=False)\n"
            "    outcome = 'analysed'\n"
            "except Exception as exc:\n"
            "    outcome = type(exc).__name__\n"
            "hwm = next(l for l in open('/proc/self/status') if l.startswith('VmHWM'))\n"
            "print(json.dumps({'outcome': outcome, 'rss_mib': int(hwm.split()[1]) // 1024}))\n")
    started = time.monotonic()
    run = subprocess.run([sys.executable, "-c", code, str(video)], capture_output=True, text=True, timeout=120)
    elapsed = time.monotonic() - started
    assert run.returncode == 0, run.stderr
    result = json.loads(run.stdout.strip().splitlines()[-1])
    assert result["outcome"] in ("analysed", "AnalysisTimeout"), result
    assert result["rss_mib"] < MAX_RSS_MIB, result
    assert elapsed < LIMIT_S + 20, f"the run ended {elapsed:.1f} s after it started (limit {LIMIT_S:g} s)"
