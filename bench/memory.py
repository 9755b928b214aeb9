"""Peak memory of a full `prelint` lint: a 1-minute vs a 10-minute 1080p draft (target ratio <= 1.2).

    python bench/memory.py [--minutes 10] [--size 1080x1920] [--out DIR] [--ocr]

Generates (once, kept in --out, default /tmp/prelint-bench-memory) two 30 fps H.264 + AAC
drafts of moving test pattern with ffmpeg's lavfi sources, then lints each in a fresh
subprocess, exactly as a user would: `python -m prelint.cli VIDEO --title ... --format json
--no-cache` (OCR off unless --ocr, so the figure is the media pipeline's). Each lint runs under a
small wrapper process that reports `resource.getrusage(RUSAGE_CHILDREN).ru_maxrss`: the largest
peak RSS of any process in that lint's tree (the Python process or its ffmpeg decoder), because
rusage of waited-for grandchildren is passed up to the wrapper. Figures are printed, not asserted.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

WRAPPER = r"""
import resource, subprocess, sys, time, json
start = time.monotonic()
proc = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
wall = time.monotonic() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"exit": proc.returncode, "wall_s": wall, "peak_rss_kb": usage.ru_maxrss,
                  "cpu_s": usage.ru_utime + usage.ru_stime, "stderr": proc.stderr.decode(errors="replace")[-400:]}))
"""


def ffmpeg_exe() -> str:
    import imageio_ffmpeg

    return imageio_ffmpeg.get_ffmpeg_exe()


def make_draft(path: Path, seconds: int, size: str) -> Path:
    """testsrc2 (moving pattern) + a tone that pulses, H.264 CRF 23 + AAC; skipped if already there."""
    if path.exists():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".part.mp4")
    cmd = [ffmpeg_exe(), "-hide_banner", "-loglevel", "error", "-nostdin", "-y",
           "-f", "lavfi", "-i", f"testsrc2=size={size}:rate=30:duration={seconds}",
           "-f", "lavfi", "-i", f"sine=frequency=330:beep_factor=4:sample_rate=48000:duration={seconds}",
           "-map", "0:v", "-map", "1:a", "-c:v", "libx264", "-preset", "ultrafast", "-crf", "23",
           "-pix_fmt", "yuv420p", "-g", "60", "-c:a", "aac", "-b:a", "96k", str(tmp)]
    subprocess.run(cmd, check=True)
    os.replace(tmp, path)
    return path


def lint_peak(video: Path, ocr: bool) -> dict:
    cmd = [sys.executable, "-m", "prelint.cli", str(video), "--title", "内存测试：十分钟的草稿",
           "--format", "json", "--no-cache", "--exit-zero"]
    if not ocr:
        cmd.append("--no-ocr")
    env = dict(os.environ, PRELINT_CACHE_DIR=tempfile.mkdtemp(prefix="prelint-memory-cache-"))
    out = subprocess.run([sys.executable, "-c", WRAPPER, *cmd], capture_output=True, text=True, env=env,
                         cwd=ROOT, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--minutes", type=int, default=10, help="length of the long draft (min)")
    ap.add_argument("--size", default="1080x1920", help="frame size WxH (default 1080x1920, vertical 1080p)")
    ap.add_argument("--out", type=Path, default=Path("/tmp/prelint-bench-memory"), help="where drafts are kept")
    ap.add_argument("--ocr", action="store_true", help="lint with OCR on (default: --no-ocr)")
    args = ap.parse_args()

    drafts = {}
    for minutes in (1, args.minutes):
        started = time.monotonic()
        drafts[minutes] = make_draft(args.out / f"draft-{minutes}min-{args.size}.mp4", 60 * minutes, args.size)
        print(f"draft {minutes:>2} min: {drafts[minutes]} ({drafts[minutes].stat().st_size / 1e6:.0f} MB, "
              f"ready in {time.monotonic() - started:.0f} s)", flush=True)

    results = {}
    for minutes, video in drafts.items():
        r = lint_peak(video, args.ocr)
        results[minutes] = r
        print(f"lint {minutes:>2} min: exit {r['exit']}, wall {r['wall_s']:.1f} s, cpu {r['cpu_s']:.1f} s, "
              f"peak RSS {r['peak_rss_kb'] / 1024:.0f} MiB", flush=True)
        if r["exit"] not in (0, 1):
            print(f"  stderr: {r['stderr']}")
    ratio = results[args.minutes]["peak_rss_kb"] / results[1]["peak_rss_kb"]
    verdict = "meets" if ratio <= 1.2 else "MISSES"
    print(f"peak RSS ratio {args.minutes} min / 1 min: {ratio:.2f}  ({verdict} the 1.2x target)")


if __name__ == "__main__":
    main()
