"""What `prelint fix` costs next to one plain ffmpeg re-encode of the same draft.

    python bench/fix_cost.py [--seconds 60] [--size 1080x1920] [--preset medium] [--repeat 1] [--keep]

The draft is generated (testsrc2 with a hard cut every 3 s, a 1 s black lead-in, a 4 s still
ending, a 440 Hz tone) and then, in the same run:

- `prelint fix DRAFT -o fixed.mp4 --preset P --no-cache`, in a fresh process, as a user runs it;
  the command's own step timings (the lint before, the moviepy write, the lint of the result)
  come from the same cut made through the library (`prelint.fix.fix`) right after;
- `ffmpeg -i DRAFT -c:v libx264 -preset P -crf 18 -c:a aac -b:a 192k plain.mp4`: one re-encode of
  the whole draft with the bundled ffmpeg, the same preset and quality.

Printed: each time, the fix's write step against the re-encode (target ≤ 1.0×: the edit costs no
more than the re-encode it replaces) and the whole command against re-encode + one lint.
"""

from __future__ import annotations

import argparse
import os
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


def timed(cmd: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True, env=env, check=False)
    elapsed = time.perf_counter() - started
    if done.returncode not in (0, 1):
        raise RuntimeError(f"{cmd[:4]} failed ({done.returncode}): {done.stderr.strip()[-400:]}")
    return elapsed


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

    from prelint.fix import FixOptions, fix

    rows = []
    for run in range(args.repeat):
        plain = timed([ffmpeg(), "-y", "-v", "error", "-i", str(draft), "-c:v", "libx264", "-preset", args.preset,
                       "-crf", "18", "-c:a", "aac", "-b:a", "192k", str(folder / "plain.mp4")], env)
        command = timed([sys.executable, "-m", "prelint.cli", "fix", str(draft), "-o", str(folder / "fixed.mp4"),
                         "--preset", args.preset, "--no-cache"], env)
        target = folder / "fixed-api.mp4"
        result = fix(draft, FixOptions(output=target, preset=args.preset, no_cache=True))
        steps = result.timings
        cut = result.plan.duration_s - result.plan.kept_s
        rows.append((plain, command, steps))
        print(f"run {run + 1}: re-encode {plain:.1f} s | prelint fix {command:.1f} s "
              f"(library: lint {steps['lint']:.1f} s, write {steps['write']:.1f} s, re-lint {steps['relint']:.1f} s; "
              f"{cut:.2f} s of {result.plan.duration_s:.2f} s cut)", flush=True)
    plain = statistics.median(r[0] for r in rows)
    command = statistics.median(r[1] for r in rows)
    write = statistics.median(r[2]["write"] for r in rows)
    lint = statistics.median(r[2]["lint"] for r in rows)
    relint = statistics.median(r[2]["relint"] for r in rows)
    print()
    print(f"draft: {args.seconds:g} s {args.size}, preset {args.preset}, crf 18; {os.cpu_count()} cores, "
          f"load average {os.getloadavg()[0]:.1f}")
    print(f"plain ffmpeg re-encode:        {plain:7.1f} s")
    print(f"prelint fix (whole command):   {command:7.1f} s  = {command / plain:.2f}× the re-encode; "
          f"{command / (plain + lint):.2f}× re-encode + one lint")
    print(f"  lint before / write / re-lint: {lint:.1f} / {write:.1f} / {relint:.1f} s")
    print(f"write step vs re-encode:       {write / plain:.2f}×  (target ≤ 1.0×)")
    if not args.keep:
        for path in sorted(folder.rglob("*"), reverse=True):
            path.unlink() if path.is_file() else path.rmdir()
        folder.rmdir()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
