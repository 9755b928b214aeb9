"""What `prelint fix` costs next to one plain ffmpeg re-encode of the same draft.

    python bench/fix_cost.py [--seconds 60] [--size 1080x1920] [--preset medium] [--repeat 1] [--keep]

The draft is generated (testsrc2 with a hard cut every 3 s, a 1 s black lead-in, a 4 s still
ending, a 440 Hz tone). Then, in the same run, repeated `--repeat` times (alternating which of the
first two goes first, so a busy spell on a shared machine does not always hit the same side):

- `ffmpeg -i DRAFT -c:v libx264 -preset P -crf 18 -c:a aac -b:a 192k plain.mp4`: one re-encode of
  the whole draft with the bundled ffmpeg, the same preset and quality as the fix;
- `prelint fix DRAFT -o fixed.mp4 --preset P --no-cache` in a fresh process, as a user runs it;
- its two steps through the library: the lint it starts with (`prelint.lint`, the fix's rules, OCR
  off) and the write of the planned cuts (`write_fixed_video`: one ffmpeg pass; opening and closing the
  source included).

Wall and CPU seconds (user + system, child processes included) are printed. The target is the
write step against the re-encode, ≤ 1.0×: editing costs no more than the re-encode it replaces;
the whole command adds a lint before and one after.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def ffmpeg() -> str:
    import imageio_ffmpeg

    return imageio_ffmpeg.get_ffmpeg_exe()


def make_draft(folder: Path, seconds: float, size: str) -> Path:
    """testsrc2 with a hard cut (a negated stretch) every 3 s, 1 s black first, a 4 s still ending."""
    video = folder / "draft.mp4"
    body = seconds - 1.0 - 4.0
    pattern = "testsrc2=s={size}:d={d}:r=30"
    parts = []
    t = 0.0
    i = 0
    while t < body - 1e-6:
        d = min(3.0, body - t)
        parts.append(pattern.format(size=size, d=d) + (",negate" if i % 2 else ""))
        t += d
        i += 1
    inputs = ["-f", "lavfi", "-i", f"color=black:s={size}:d=1:r=30"]
    for part in parts:
        inputs += ["-f", "lavfi", "-i", part]
    n = len(parts) + 1
    audio = ["-f", "lavfi", "-i", f"sine=f=440:d={seconds}:sample_rate=48000"]
    graph = "".join(f"[{k}:v]" for k in range(n)) + f"concat=n={n}:v=1:a=0,tpad=stop_mode=clone:stop_duration=4," \
        "format=yuv420p[v]"
    subprocess.run([ffmpeg(), "-y", "-v", "error", *inputs, *audio, "-filter_complex", graph, "-map", "[v]",
                    "-map", f"{n}:a", "-c:v", "libx264", "-preset", "veryfast", "-crf", "20", "-c:a", "aac",
                    "-shortest", str(video)], check=True)
    return video


def cpu_s() -> float:
    """CPU seconds (user + system) of this process and of every child it has waited for."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def timed(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(wall, CPU) seconds of one command, its own child processes included."""
    started, cpu = time.perf_counter(), cpu_s()
    done = subprocess.run(cmd, capture_output=True, text=True, env=env, check=False)
    elapsed, used = time.perf_counter() - started, cpu_s() - cpu
    if done.returncode not in (0, 1):
        raise RuntimeError(f"{cmd[:4]} failed ({done.returncode}): {done.stderr.strip()[-400:]}")
    return elapsed, used


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--size", default="1080x1920")
    parser.add_argument("--preset", default="medium")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--keep", action="store_true", help="keep the generated files (their folder is printed)")
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="prelint-fix-cost-"))
    env = dict(os.environ, PRELINT_CACHE_DIR=str(folder / "cache"))
    os.environ["PRELINT_CACHE_DIR"] = env["PRELINT_CACHE_DIR"]
    print(f"generating a {args.seconds:g} s {args.size} draft in {folder} ...", flush=True)
    draft = make_draft(folder, args.seconds, args.size)

    import prelint
    from prelint.engine import resolve_config
    from prelint.fix import FIX_FAMILIES, describe_source, open_source, plan_cuts, write_fixed_video
    from prelint.registry import load_rules

    config = resolve_config(None, folder).override(ocr=False, cache=False)
    codes = [code for code in load_rules() if code.startswith(FIX_FAMILIES)]

    rows = []
    for run in range(args.repeat):
        plain_cmd = [ffmpeg(), "-y", "-v", "error", "-i", str(draft), "-c:v", "libx264", "-preset", args.preset,
                     "-crf", "18", "-c:a", "aac", "-b:a", "192k", str(folder / "plain.mp4")]
        fix_cmd = [sys.executable, "-m", "prelint.cli", "fix", str(draft), "-o", str(folder / "fixed.mp4"),
                   "--preset", args.preset, "--no-cache"]
        # alternate the order, so that a busy spell on the machine does not always hit the same side
        if run % 2 == 0:
            plain, command = timed(plain_cmd, env), timed(fix_cmd, env)
        else:
            command, plain = timed(fix_cmd, env), timed(plain_cmd, env)
        # the write step alone, through the library: the same plan, the same write
        started, cpu = time.perf_counter(), cpu_s()
        report = prelint.lint(draft, config=config, select=codes)
        lint_wall, lint_cpu = time.perf_counter() - started, cpu_s() - cpu
        started, cpu = time.perf_counter(), cpu_s()
        clip = open_source(draft)
        try:
            source = describe_source(clip)
            plan = plan_cuts(report, source.fps, source.frames, platform_min_s=3.0)
            write_fixed_video(clip, plan, folder / "fixed-step.mp4", [draft], preset=args.preset)
        finally:
            clip.close()
        write = (time.perf_counter() - started, cpu_s() - cpu)
        cut = plan.duration_s - plan.kept_s
        rows.append((plain, command, (lint_wall, lint_cpu), write))
        print(f"run {run + 1}: re-encode {plain[0]:.1f} s (CPU {plain[1]:.1f} s) | prelint fix {command[0]:.1f} s "
              f"(CPU {command[1]:.1f} s) | its steps: lint {lint_wall:.1f} s (CPU {lint_cpu:.1f} s), write "
              f"{write[0]:.1f} s (CPU {write[1]:.1f} s); {cut:.2f} s of {plan.duration_s:.2f} s cut", flush=True)

    def median(values):
        return statistics.median(list(values))

    plain_wall, plain_cpu = median(r[0][0] for r in rows), median(r[0][1] for r in rows)
    command_wall, command_cpu = median(r[1][0] for r in rows), median(r[1][1] for r in rows)
    lint_wall, lint_cpu = median(r[2][0] for r in rows), median(r[2][1] for r in rows)
    write_wall, write_cpu = median(r[3][0] for r in rows), median(r[3][1] for r in rows)
    print()
    print(f"draft: {args.seconds:g} s {args.size}, preset {args.preset}, crf 18; {os.cpu_count()} cores, "
          f"load average {os.getloadavg()[0]:.1f} at the end; medians of {len(rows)} run(s)")
    print("                               wall      CPU")
    print(f"plain ffmpeg re-encode:     {plain_wall:7.1f} s {plain_cpu:7.1f} s")
    print(f"prelint fix (command):      {command_wall:7.1f} s {command_cpu:7.1f} s")
    print(f"  its lint (one of two):    {lint_wall:7.1f} s {lint_cpu:7.1f} s")
    print(f"  its write:                {write_wall:7.1f} s {write_cpu:7.1f} s")
    print(f"write vs re-encode:         {write_wall / plain_wall:7.2f}×  {write_cpu / plain_cpu:7.2f}×   (target ≤ 1.0×)")
    print(f"command vs re-encode + 2 lints: {command_wall / (plain_wall + 2 * lint_wall):.2f}× wall, "
          f"{command_cpu / (plain_cpu + 2 * lint_cpu):.2f}× CPU")
    if not args.keep:
        for path in sorted(folder.rglob("*"), reverse=True):
            path.unlink() if path.is_file() else path.rmdir()
        folder.rmdir()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
