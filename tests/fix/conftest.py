"""Tiny drafts for `prelint fix`, generated with the bundled ffmpeg's lavfi sources.

The standard draft (180×320, 30 fps, 7.2 s):

    0.0–1.2 s  black                       (HOOK003 black-opening, HOOK001 slow-start)
    1.2–2.0 s  testsrc2
    2.0–4.2 s  testsrc2, negated           (a hard cut at 2.0 s)
    4.2–7.2 s  the last frame held          (PACE005 long-ending: 3 s still)
    sound      a 440 Hz tone at 0.3 throughout, at full level for 2.5–2.6 s (the beep)
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

FPS = 30
BLACK_S = 1.2
BEEP_S = 2.5
DURATION_S = 7.2
RATE = 44100

METADATA = """\
# the draft's text, kept by hand
title = "  3个技巧让蛋糕不塌！！！ "
caption = "新手也能学会？？？ #烘焙 #蛋糕 #烘焙"   # inline tags
hashtags = ["蛋糕", "家常甜品"]
"""


def ffmpeg() -> str:
    import imageio_ffmpeg

    return imageio_ffmpeg.get_ffmpeg_exe()


def make_draft(folder: Path, name: str = "draft.mp4", metadata: str | None = METADATA) -> Path:
    video = folder / name
    subprocess.run(
        [ffmpeg(), "-y", "-v", "error",
         "-f", "lavfi", "-i", f"color=black:s=180x320:d={BLACK_S}:r={FPS}",
         "-f", "lavfi", "-i", f"testsrc2=s=180x320:d=0.8:r={FPS}",
         "-f", "lavfi", "-i", f"testsrc2=s=180x320:d=2.2:r={FPS},negate,tpad=stop_mode=clone:stop_duration=3",
         "-f", "lavfi", "-i", f"sine=f=440:d={DURATION_S}:sample_rate={RATE},"
                              f"volume='if(between(t,{BEEP_S},{BEEP_S + 0.1}),1,0.3)':eval=frame",
         "-filter_complex", "[0:v][1:v][2:v]concat=n=3:v=1:a=0,format=yuv420p[v]",
         "-map", "[v]", "-map", "3:a", "-c:v", "libx264", "-preset", "ultrafast", "-g", "30",
         "-c:a", "aac", "-shortest", str(video)],
        check=True, capture_output=True, timeout=60,
    )
    if metadata is not None:
        (folder / (video.stem + ".prelint.toml")).write_text(metadata, encoding="utf-8")
    return video


def frame_count(path: Path) -> int:
    import imageio_ffmpeg

    frames, _ = imageio_ffmpeg.count_frames_and_secs(str(path))
    return frames


def beep_time(path: Path) -> float:
    """When the beep starts (s): the first 5 ms window whose peak is halfway between the tone and the beep."""
    raw = subprocess.run([ffmpeg(), "-v", "error", "-i", str(path), "-map", "0:a:0", "-ac", "1", "-ar", str(RATE),
                          "-f", "f32le", "-"], capture_output=True, check=True, timeout=60).stdout
    samples = np.abs(np.frombuffer(raw, np.float32))
    window = int(RATE * 0.005)
    envelope = samples[: len(samples) // window * window].reshape(-1, window).max(axis=1)
    level = (np.percentile(envelope, 99.5) + np.median(envelope)) / 2
    return float(np.argmax(envelope > level) * window / RATE)


def first_frame_luma(path: Path) -> float:
    raw = subprocess.run([ffmpeg(), "-v", "error", "-i", str(path), "-frames:v", "1", "-f", "rawvideo",
                          "-pix_fmt", "gray", "-"], capture_output=True, check=True, timeout=60).stdout
    return float(np.frombuffer(raw, np.uint8).mean())


def run_cli(*args: str, cwd: Path, cache: Path | None = None) -> subprocess.CompletedProcess[str]:
    """The real command in a subprocess; its caches go to `cache` (default: beside `cwd`), never the user's."""
    env = dict(os.environ)
    env.pop("PRELINT_DEBUG", None)
    env["PRELINT_CACHE_DIR"] = str(cache if cache is not None else cwd.parent / f"{cwd.name}-cache")
    return subprocess.run([sys.executable, "-m", "prelint.cli", *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=120)


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under `folder` (hidden ones too) with a hash of its bytes."""
    out = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file() or path.is_symlink():
            data = path.read_bytes() if path.is_file() else os.readlink(path).encode()
            out[str(path.relative_to(folder))] = hashlib.sha256(data).hexdigest()
    return out


@pytest.fixture(scope="module")
def fixed_draft(tmp_path_factory: pytest.TempPathFactory):
    """The standard draft and one `prelint fix draft.mp4 -o fixed.mp4` of it (run once per module)."""
    folder = tmp_path_factory.mktemp("fix")
    video = make_draft(folder)
    before = snapshot(folder)
    proc = run_cli("fix", "draft.mp4", "-o", "fixed.mp4", "--preset", "ultrafast", cwd=folder)
    return folder, video, folder / "fixed.mp4", proc, before
