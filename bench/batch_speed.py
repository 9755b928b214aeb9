"""Batch speed: `--jobs 2` vs `--jobs 1`, and a cached re-run vs a cold run, on synthetic drafts.

    python bench/batch_speed.py                  # 4 drafts of 20 s at 720x1280
    python bench/batch_speed.py --count 6 --seconds 30 --repeat 3 --no-ocr

Each timing is the wall time of the real command (`python -m prelint.cli DIR --jobs N`),
start-up included. Cold runs use an empty analysis cache each time; the cached run reuses a
cache filled beforehand. Targets: jobs 2 >= 1.6x faster than jobs 1 on 2 cores;
cached re-run >= 10x faster than cold. The drafts folder is hashed before and after: nothing
may be written beside the drafts. Timings are the minimum of --repeat runs (other load on the
machine only ever adds time); the median is printed too.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from fixtures.synth import AudioSpec, ShotSpec, TransitionSpec, VideoSpec, make_video  # noqa: E402


def make_drafts(folder: Path, count: int, seconds: float, width: int, height: int) -> None:
    for i in range(count):
        shots = max(2, int(seconds // 3))
        shot_s = seconds / shots
        spec = VideoSpec(
            shots=tuple(ShotSpec(shot_s, seed=100 * i + k, pan_px_per_s=60.0 + 20 * k) for k in range(shots)),
            transitions=tuple(TransitionSpec("dissolve" if k % 3 == 2 else "cut", 0.4 if k % 3 == 2 else 0.0) for k in range(shots - 1)),
            width=width,
            height=height,
            audio=AudioSpec(sounds=((0.3, seconds - 0.5, "speech"),)),
        )
        sub = folder / ("week-a" if i % 2 == 0 else "week-b")
        sub.mkdir(parents=True, exist_ok=True)
        make_video(sub / f"draft{i}.mp4", spec)
        (sub / f"draft{i}.prelint.toml").write_text(f'title = "三个技巧让蛋糕不塌 第{i}集"\nhashtags = ["烘焙"]\n', encoding="utf-8")


def folder_state(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "dir" for p in sorted(folder.rglob("*"))}


def run(folder: Path, jobs: int, cache: Path, extra: list[str]) -> float:
    env = {**os.environ, "PRELINT_CACHE_DIR": str(cache)}
    args = [sys.executable, "-m", "prelint.cli", str(folder), "--jobs", str(jobs), "--format", "json", "-o", os.devnull, *extra]
    start = time.perf_counter()
    done = subprocess.run(args, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 1):
        raise SystemExit(f"prelint failed ({done.returncode}): {done.stderr.strip()}")
    return elapsed


def timed(label: str, repeat: int, once) -> float:
    values = [once() for _ in range(repeat)]
    print(f"  {label:<28} min {min(values):6.2f} s   median {statistics.median(values):6.2f} s   ({', '.join(f'{v:.2f}' for v in values)})")
    return min(values)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=4, help="drafts in the folder")
    parser.add_argument("--seconds", type=float, default=20.0, help="length of each draft (s)")
    parser.add_argument("--size", default="720x1280", help="WIDTHxHEIGHT of each draft (px)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per timing (the minimum is used)")
    parser.add_argument("--no-ocr", action="store_true", help="pass --no-ocr to prelint")
    options = parser.parse_args()
    width, height = (int(v) for v in options.size.lower().split("x"))
    extra = ["--no-ocr"] if options.no_ocr else []

    work = Path(tempfile.mkdtemp(prefix="prelint-batch-bench-"))
    try:
        drafts = work / "drafts"
        started = time.perf_counter()
        make_drafts(drafts, options.count, options.seconds, width, height)
        print(
            f"{options.count} drafts of {options.seconds:g} s at {width}x{height} made in {time.perf_counter() - started:.1f} s; "
            f"{os.cpu_count()} cores; OCR {'off' if options.no_ocr else 'on'}; load average {os.getloadavg()[0]:.1f}"
        )
        before = folder_state(drafts)

        def cold(jobs: int) -> float:
            cache = Path(tempfile.mkdtemp(prefix="cache-", dir=work))
            try:
                return run(drafts, jobs, cache, extra)
            finally:
                shutil.rmtree(cache, ignore_errors=True)

        warm_cache = work / "warm-cache"
        run(drafts, 2, warm_cache, extra)  # fill the cache (and warm the OS file cache for everyone)

        cold_1 = timed("cold, --jobs 1", options.repeat, lambda: cold(1))
        cold_2 = timed("cold, --jobs 2", options.repeat, lambda: cold(2))
        cached_1 = timed("cached, --jobs 1", options.repeat, lambda: run(drafts, 1, warm_cache, extra))
        cached_2 = timed("cached, --jobs 2", options.repeat, lambda: run(drafts, 2, warm_cache, extra))
        after = folder_state(drafts)

        print(f"parallel speed-up, cold (jobs 1 / jobs 2):   {cold_1 / cold_2:5.2f}x   (target >= 1.6x)")
        print(f"cache speed-up, jobs 1 (cold / cached):      {cold_1 / cached_1:5.2f}x   (target >= 10x)")
        print(f"cache speed-up, jobs 2 (cold / cached):      {cold_2 / cached_2:5.2f}x")
        print(f"drafts folder unchanged: {'yes' if before == after else 'NO: ' + str(sorted(set(after) ^ set(before)))}")
        print(f"load average after: {os.getloadavg()[0]:.1f}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
