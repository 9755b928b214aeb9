"""Speed and memory of prelint's full analysis pass vs a bare ffmpeg decode and PySceneDetect.

    python bench/speed.py [--runs 3] [--scenedetect PATH] [--out DIR] [--size 1080x1920]
    python bench/speed.py --phone [--one-process]          # no B-frames, 1 s GOP (phone footage)
    python bench/speed.py --minutes 10 [--size 1080x1920]   # memory flatness: 10 min vs 1 min

Generates (once, cached in --out, default $PRELINT_BENCH_DIR or /tmp/prelint-bench) a 60 s,
30 fps H.264 draft with grain at --size (11 Mb/s for 1080x1920), then runs in turn, --runs
times each, interleaved so machine noise hits every method alike:

- prelint: ``analyze(path, use_cache=False)`` in a fresh Python subprocess, two decode
  processes (PRELINT_DECODE_WORKERS=2: the default on 2 cores); with --one-process also
  ``prelint-1proc``, one decode process (what each parallel batch worker uses);
- ffmpeg:  ``ffmpeg -threads 2 -i V -f null -`` (the decode floor);
- PySceneDetect: ``scenedetect -i V detect-adaptive`` (skipped if not installed).

Prints median wall times, the ratios prelint/ffmpeg and prelint/PySceneDetect, and each
method's peak RSS (from wait4 rusage of that child). Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from fixtures.synth import AudioSpec, ShotSpec, VideoSpec, ffmpeg_exe, make_video  # noqa: E402


def find_scenedetect(option: str | None) -> str | None:
    """The scenedetect command: --scenedetect names it (a path or a command on PATH; 'none'
    leaves the peer out), else the installed one."""
    if option:
        if option == "none":
            return None
        return option if Path(option).exists() else shutil.which(option)
    return shutil.which("scenedetect")


def _make(path: str, seconds: int, width: int, height: int, phone: bool = False) -> None:
    """A talking-head-like draft: 3 s shots, moving textured content, grain, speech track.
    phone: encoded like phone footage (no B-frames, 1 s GOP): no frame can be skipped."""
    bitrate = f"{max(1, round(11 * width * height / (1080 * 1920)))}M"
    shots = tuple(ShotSpec(3.0, seed=7 + 13 * i, pan_px_per_s=120.0 * width / 1080)
                  for i in range(int(seconds // 3)))
    spec = VideoSpec(shots=shots, width=width, height=height, fps=30.0, grain=5.0,
                     preset="veryfast", bitrate=bitrate,
                     gop=30 if phone else None, extra_args=("-bf", "0") if phone else (),
                     audio=AudioSpec(sounds=((0.5, seconds - 0.5, "speech"),)))
    make_video(path, spec)


def draft(out: Path, seconds: int, width: int, height: int, phone: bool = False) -> Path:
    path = out / f"speed-{seconds}s-{width}x{height}{'-phone' if phone else ''}.mp4"
    if path.exists():
        return path
    print(f"generating {path.name} ...", flush=True)
    t0 = time.time()
    # in a child process: the synthesizer's memory must not inflate the measurements
    code = ("import sys; sys.path.insert(0, %r); from bench.speed import _make; _make(%r, %d, %d, %d, %r)"
            % (str(ROOT), str(path.with_suffix(".tmp.mp4")), seconds, width, height, phone))
    subprocess.run([sys.executable, "-c", code], check=True)
    os.replace(path.with_suffix(".tmp.mp4"), path)
    print(f"  done in {time.time() - t0:.0f} s", flush=True)
    return path


def run_measured(cmd: list[str], env: dict[str, str] | None = None) -> tuple[float, float, float]:
    """(wall seconds, peak RSS MiB, CPU seconds user+sys incl. its children) of one command.

    The child runs under /usr/bin/time when present: a child's ru_maxrss starts from its
    parent's RSS (fork/vfork, counted until exec), which would charge this script's own
    memory to every method.
    """
    import tempfile

    timer = "/usr/bin/time" if Path("/usr/bin/time").exists() else None
    with tempfile.NamedTemporaryFile("r", suffix=".time") as tf:
        full = [timer, "-f", "%M", "-o", tf.name, *cmd] if timer else cmd
        t0 = time.perf_counter()
        proc = subprocess.Popen(full, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                env={**os.environ, **(env or {})})
        _, status, rusage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t0
        err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
        code = os.waitstatus_to_exitcode(status)
        if code != 0:
            raise RuntimeError(f"{cmd[0]} failed ({code}): {err.strip()[-400:]}")
        if timer:
            kib = float(tf.read().strip().splitlines()[-1])
        else:
            kib = rusage.ru_maxrss  # Linux: KiB (may include this script's RSS, see above)
    return wall, kib / 1024.0, rusage.ru_utime + rusage.ru_stime


def prelint_cmd(video: Path) -> list[str]:
    code = ("import sys; sys.path.insert(0, %r); from prelint.media import analyze; "
            "f = analyze(%r, use_cache=False); print(len(f.transitions))") % (str(ROOT), str(video))
    return [sys.executable, "-c", code]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--scenedetect", default=None, help="path of the scenedetect executable")
    ap.add_argument("--out", default=os.environ.get("PRELINT_BENCH_DIR", "/tmp/prelint-bench"))
    ap.add_argument("--size", default="1080x1920", help="WxH of the generated draft")
    ap.add_argument("--phone", action="store_true",
                    help="encode the draft like phone footage (no B-frames, 1 s GOP): every frame is decoded")
    ap.add_argument("--one-process", action="store_true",
                    help="also time prelint decoding in one process (PRELINT_DECODE_WORKERS=1, as each batch worker does)")
    ap.add_argument("--minutes", type=int, default=0,
                    help="memory-flatness mode: compare a draft of this many minutes with a 1-minute one")
    args = ap.parse_args(argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    width, height = (int(x) for x in args.size.lower().split("x"))

    if args.minutes:
        short = draft(out, 60, width, height)
        long = draft(out, 60 * args.minutes, width, height)
        print("decode processes: PRELINT_DECODE_WORKERS or the available cores")
        results = {}
        for label, video in (("1 min", short), (f"{args.minutes} min", long)):
            wall, rss, _ = run_measured(prelint_cmd(video))
            results[label] = rss
            print(f"prelint {label:7} {wall:7.1f} s   peak RSS {rss:6.0f} MiB", flush=True)
        ratio = results[f"{args.minutes} min"] / results["1 min"]
        print(f"peak RSS ratio {args.minutes} min / 1 min: {ratio:.2f}")
        return 0

    video = draft(out, 60, width, height, args.phone)
    sd = find_scenedetect(args.scenedetect)
    workers = {"PRELINT_DECODE_WORKERS": "2"}
    envs: dict[str, dict[str, str]] = {"prelint": workers, "prelint-1proc": {"PRELINT_DECODE_WORKERS": "1"}}
    methods: dict[str, list[str]] = {
        "prelint": prelint_cmd(video),
        "ffmpeg": [ffmpeg_exe(), "-hide_banner", "-loglevel", "error", "-nostdin",
                   "-threads", "2", "-i", str(video), "-f", "null", "-"],
    }
    if args.one_process:
        methods["prelint-1proc"] = prelint_cmd(video)
    if sd:
        methods["pyscenedetect"] = [sd, "-q", "-i", str(video), "detect-adaptive"]
    else:
        print("PySceneDetect: scenedetect not found, skipping the peer "
              "(pip install scenedetect --no-deps beside opencv-python-headless, or --scenedetect PATH)")
    print(f"draft {video} ({video.stat().st_size / 1e6:.0f} MB), {os.cpu_count()} cores, {args.runs} runs each")
    walls: dict[str, list[float]] = {m: [] for m in methods}
    cpus: dict[str, list[float]] = {m: [] for m in methods}
    rss: dict[str, float] = {m: 0.0 for m in methods}
    pair_wall: dict[str, list[float]] = {"ffmpeg": [], "pyscenedetect": []}
    pair_cpu: dict[str, list[float]] = {"ffmpeg": [], "pyscenedetect": []}
    for i in range(args.runs):
        this_wall, this_cpu = {}, {}
        for name, cmd in methods.items():
            wall, peak, cpu = run_measured(cmd, envs.get(name))
            walls[name].append(wall)
            cpus[name].append(cpu)
            rss[name] = max(rss[name], peak)
            this_wall[name], this_cpu[name] = wall, cpu
            print(f"  run {i + 1} {name:14} wall {wall:6.2f} s  cpu {cpu:6.2f} s  {peak:6.0f} MiB", flush=True)
        for other in pair_wall:
            if other in this_wall:
                pair_wall[other].append(this_wall["prelint"] / this_wall[other])
                pair_cpu[other].append(this_cpu["prelint"] / this_cpu[other])
    print()
    for name in methods:
        print(f"{name:14} median wall {statistics.median(walls[name]):6.2f} s   median cpu "
              f"{statistics.median(cpus[name]):6.2f} s   peak RSS {rss[name]:6.0f} MiB")
    for other in pair_wall:
        if pair_wall[other]:
            print(f"prelint / {other:13} wall ratio (median of run-by-run) {statistics.median(pair_wall[other]):.2f}"
                  f"   cpu ratio {statistics.median(pair_cpu[other]):.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
