"""A frame tiled with QR finder patterns (the three corner squares of a code) made OpenCV's
detector run for minutes and take gigabytes inside prelint's own process: 76 s and 1 GB for one
540×960 frame, 788 s and 8 GB for 540×1920, beyond any time limit. Frames are scanned in a worker
process under a memory limit, each frame within QR_FRAME_TIME_LIMIT_S."""

from __future__ import annotations

import time

import numpy as np

from fixtures.timed_frames import finder_pattern_tiles
from prelint.content import qr
from prelint.media.deadline import Deadline
from prelint.media.facts import SampledFrame


def test_a_frame_of_finder_patterns_is_skipped_with_a_note(monkeypatch) -> None:
    from fixtures.timed_frames import qr_code

    monkeypatch.setattr(qr, "QR_FRAME_TIME_LIMIT_S", 1.0)
    code = np.full((960, 540, 3), 255, np.uint8)
    code[300:600, 120:420] = qr_code(300)
    frames = [SampledFrame(0.0, "first", finder_pattern_tiles(540, 960)), SampledFrame(1.0, "shot", code)]
    started = time.monotonic()
    reading = qr.find_qr_codes(frames, Deadline(60))
    elapsed = time.monotonic() - started
    assert [c.data for c in reading.codes] == ["weixin://dl/chat?abc123"]  # read after the skipped frame
    assert reading.note == ("QR codes not read at 0.0 s: the frame there needs more than 1 s or "
                            f"{qr.QR_DATA_LIMIT >> 20} MiB to scan")
    assert elapsed < 8.0  # two starts (about 0.3 s each) and one frame's 1 s


def test_three_such_frames_end_the_scan(monkeypatch) -> None:
    monkeypatch.setattr(qr, "QR_FRAME_TIME_LIMIT_S", 1.0)
    frames = [SampledFrame(float(t), "shot", finder_pattern_tiles(540, 960)) for t in range(5)]
    started = time.monotonic()
    reading = qr.find_qr_codes(frames, Deadline(60))
    assert time.monotonic() - started < 12.0
    assert reading.note == ("QR codes not read past 2.0 s: the frames at 0.0 s, 1.0 s, 2.0 s each need more "
                            f"than 1 s or {qr.QR_DATA_LIMIT >> 20} MiB to scan")


def test_the_draft_deadline_ends_the_scan_too() -> None:
    frames = [SampledFrame(0.0, "first", finder_pattern_tiles(540, 960))]
    started = time.monotonic()
    reading = qr.find_qr_codes(frames, Deadline(1.5))
    assert time.monotonic() - started < 4.0
    assert reading.note == "QR codes not read past 0.0 s: the analysis time limit passed"


def test_closing_the_scanner_kills_its_worker_at_once(monkeypatch) -> None:
    """An interrupted lint left the worker scanning a costly picture for minutes after prelint exited."""
    scanner = qr.QrScanner(Deadline(120))
    scanner.scan(0.0, finder_pattern_tiles(1080, 1920))
    started = time.monotonic()
    while scanner._worker is None and time.monotonic() - started < 30:
        time.sleep(0.05)
    worker = scanner._worker
    assert worker is not None
    time.sleep(0.5)  # scanning the picture
    scanner.close()
    assert worker.proc.wait(timeout=2) is not None


def test_a_closed_scanner_starts_no_new_worker_and_blocks_no_one(monkeypatch) -> None:
    """The killed worker's missing answer was taken for a stalled picture: the scanner started a
    fresh worker for the next queued picture, and readers blocked on the full queue kept an
    interrupted lint running for 10 s."""
    starts = []
    start = qr._Worker.start.__func__

    def counted_start(cls, deadline):
        starts.append(deadline)
        return start(cls, deadline)

    monkeypatch.setattr(qr._Worker, "start", classmethod(counted_start))
    scanner = qr.QrScanner(Deadline(120))
    for t in range(scanner.QUEUED):
        scanner.scan(float(t), finder_pattern_tiles(540, 960))
    started = time.monotonic()
    while scanner._worker is None and time.monotonic() - started < 30:
        time.sleep(0.05)
    scanner.close()
    blocked = time.monotonic()
    scanner.scan(99.0, finder_pattern_tiles(540, 960))  # returns at once: nothing is read any more
    assert time.monotonic() - blocked < 1.0
    assert scanner._thread is not None
    scanner._thread.join(timeout=5)
    assert not scanner._thread.is_alive()
    assert len(starts) == 1


def test_the_worker_ends_when_prelint_is_killed_outright(tmp_path) -> None:
    """A prelint killed with SIGKILL left its QR worker scanning a costly picture, with no parent, for
    up to a minute: the worker ends when the process that started it ends."""
    import os
    import signal
    import subprocess
    import sys

    script = (
        "import sys, time\n"
        "from prelint.media.container_process import start_python_worker\n"
        "from prelint.content.qr import QR_DATA_LIMIT\n"
        "worker = start_python_worker('prelint.content.qr', QR_DATA_LIMIT)\n"
        "assert worker.stdout.readline().strip() == b'\"ready\"'\n"
        "from fixtures.timed_frames import finder_pattern_tiles\n"
        "from prelint.content.qr import THOROUGH, _message\n"
        "worker.stdin.write(_message(finder_pattern_tiles(540, 1920), THOROUGH))\n"  # a minute's scan
        "worker.stdin.flush()\n"
        "print(worker.pid, flush=True)\n"
        "time.sleep(60)\n"
    )
    parent = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, cwd=tmp_path,
                              env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)})
    assert parent.stdout is not None
    worker_pid = int(parent.stdout.readline())
    os.kill(parent.pid, signal.SIGKILL)
    parent.wait()
    ended_by = time.monotonic() + 5
    while time.monotonic() < ended_by:
        try:
            os.kill(worker_pid, 0)
        except ProcessLookupError:
            break
        try:  # reaped by init, or a zombie of ours: a zombie has ended too
            if open(f"/proc/{worker_pid}/stat").read().split(")")[-1].split()[0] == "Z":
                break
        except OSError:
            break
        time.sleep(0.05)
    else:
        os.kill(worker_pid, signal.SIGKILL)
        raise AssertionError("the QR worker outlived the process that started it")


def test_a_picture_crowded_with_finder_squares_is_named_in_the_note(monkeypatch) -> None:
    """A picture holding more finder patterns than prelint pairs (qr_finders.Crowded) is not
    read through: the note names it, and RISK003 warns with it."""
    answers = iter([[], "over 400 finder-like squares", "over 400 finder-like squares", ["weixin://dl/chat?abc123"]])
    monkeypatch.setattr(qr._Worker, "start", classmethod(lambda cls, deadline: cls(_IdleProcess())))
    monkeypatch.setattr(qr._Worker, "scan", lambda self, picture, deadline, mode: next(answers))
    scanner = qr.QrScanner(Deadline(60), qr.STREAM)
    for t in range(4):
        scanner.scan(float(t), np.zeros((8, 8), np.uint8))
    reading = scanner.finish()
    assert [(c.t_s, c.data) for c in reading.codes] == [(3.0, "weixin://dl/chat?abc123")]
    assert reading.note == ("QR codes not read at 1.0 s, 2.0 s: the frames there hold too many finder-like squares "
                            "to pair (over 400 finder-like squares at 1.0 s)")


class _IdleProcess:
    """A stand-in worker process that has exited."""

    stdin = stdout = None

    def poll(self) -> int:
        return 0

    def wait(self) -> int:
        return 0

    def kill(self) -> None:
        pass
