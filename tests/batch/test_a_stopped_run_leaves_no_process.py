"""A batch run stopped by a signal to prelint's own process leaves no worker or FFmpeg process behind.

Ctrl-C reaches the whole process group, but a CI runner's timeout or `kill PID` signals prelint alone:
with SIGTERM prelint died at once and its two workers (390 MB each), the forkserver and their
container readers stayed asleep for good, holding its output pipe open. SIGTERM now unwinds like
Ctrl-C (exit 143), and each worker ends when prelint's process ends, even when it was SIGKILLed.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from prelint.media.ffmpeg_process import ffmpeg_exe

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")


def _group(pgid: int) -> list[int]:
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[2]) == pgid and fields[0] != "Z":
                pids.append(int(entry.name))
    return pids


@pytest.fixture(scope="module")
def drafts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("signals") / "drafts"
    folder.mkdir()
    for i in range(3):
        subprocess.run([ffmpeg_exe(), "-v", "error", "-nostdin", "-y", "-f", "lavfi", "-i",
                        f"testsrc2=s=640x360:r=30:d=40,noise=alls={10 + i}:allf=t", "-c:v", "libx264", "-preset",
                        "ultrafast", str(folder / f"d{i}.mp4")], check=True, timeout=120)
    return folder


@pytest.mark.parametrize(("sig", "status"), [(signal.SIGTERM, 143), (signal.SIGKILL, -9)])
def test_no_process_outlives_a_signal_to_prelint(drafts: Path, tmp_path: Path, sig: int, status: int) -> None:
    env = {**os.environ, "PRELINT_CACHE_DIR": str(tmp_path / "cache")}
    proc = subprocess.Popen([sys.executable, "-m", "prelint.cli", str(drafts), "--no-cache", "-j", "2",
                             "--format", "json", "-o", str(tmp_path / "report.json")],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        while len(_group(proc.pid)) < 5 and time.monotonic() < deadline:  # prelint, its workers, their FFmpegs
            time.sleep(0.1)
        assert proc.poll() is None, "the run ended before it could be stopped"
        os.kill(proc.pid, sig)
        assert proc.wait(timeout=20) == status
        if sig == signal.SIGTERM:
            assert proc.stderr is not None and proc.stderr.read().decode().strip() == "prelint: terminated"
        left = _group(proc.pid)
        deadline = time.monotonic() + 15
        while left and time.monotonic() < deadline:
            time.sleep(0.2)
            left = _group(proc.pid)
        assert left == []
    finally:
        for pid in _group(proc.pid):
            os.kill(pid, signal.SIGKILL)
