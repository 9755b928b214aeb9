"""SPEC010 loudness on real footage and on a generated labelled set.

    python bench/loudness_accuracy.py [--real DIR ...]

Real footage first: every video in each DIR (media kept outside the repository) is linted with
SPEC010 alone; its integrated loudness, sample peak, flattened share and findings are printed, with
FFmpeg's own `ebur128` meter run separately on the same file as the peer (the two must agree: prelint
reads the meter in its one audio decode). Then a generated set whose labels come from how each
case is made: pink noise, a voice-like pulse train and a chord, at gains chosen to land ordinary
(about -20 to -12 LUFS), quiet (below about -35 LUFS) or clipped (driven 20 dB or more past full
scale in 16-bit PCM); precision and recall per label.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import prelint  # noqa: E402
from prelint.media.ffmpeg_process import ffmpeg_exe  # noqa: E402

SOURCES = {
    "noise": "anoisesrc=color=pink:amplitude=0.25:d={d}:r=48000",
    "voice": "aevalsrc=0.3*sin(2*PI*180*t)*(0.5+0.5*sin(2*PI*3*t))*gt(sin(2*PI*0.7*t)\\,-0.3):d={d}:s=48000",
    "chord": "aevalsrc=0.12*(sin(2*PI*262*t)+sin(2*PI*330*t)+sin(2*PI*392*t)):d={d}:s=48000",
}
#: (gain dB, label) per source: the label is what the case was made to be
GAINS = {
    "noise": [(-24, "quiet"), (-16, "quiet"), (4, "ordinary"), (8, "ordinary"), (12, "ordinary"), (24, "clipped"), (30, "clipped")],
    "voice": [(-30, "quiet"), (-22, "quiet"), (0, "ordinary"), (4, "ordinary"), (30, "clipped"), (36, "clipped")],
    "chord": [(-30, "quiet"), (-22, "quiet"), (0, "ordinary"), (4, "ordinary"), (24, "clipped"), (30, "clipped")],
}
VIDEO_SUFFIXES = (".mp4", ".mov", ".mkv", ".webm", ".m4v")


def ebur128(path: Path) -> str:
    done = subprocess.run([ffmpeg_exe(), "-hide_banner", "-nostdin", "-i", str(path), "-vn", "-af", "ebur128=peak=sample:framelog=quiet",
                           "-f", "null", "-"], capture_output=True, text=True, timeout=600)
    found = re.search(r"I:\s*(-?[\d.]+) LUFS", done.stderr)
    return found.group(1) if found else "-"


def verdict(path: Path) -> tuple[dict, set[str]]:
    result = prelint.lint(path, select=["SPEC010"], config={"cache": False, "ocr": False}).result("loudness")
    kinds = {"quiet" if "quiet" in f.message else "clipped" if "clips" in f.message else "loud" for f in result.findings}
    return dict(result.metrics), kinds


def real(folders: list[Path]) -> None:
    print("== Real footage (SPEC010 alone; FFmpeg ebur128 run separately as the peer)")
    fired = total = 0
    for folder in folders:
        for path in sorted(p for p in folder.iterdir() if p.suffix.lower() in VIDEO_SUFFIXES):
            metrics, kinds = verdict(path)
            total += 1
            fired += bool(kinds)
            print(f"  {path.name:<32} prelint {metrics.get('integrated_lufs', '-'):>6} LUFS  ebur128 {ebur128(path):>6} LUFS  "
                  f"peak {metrics.get('peak_dbfs', '-')}  flattened {metrics.get('clipped_share', '-')}  {sorted(kinds) or ''}")
    print(f"  fires on {fired} of {total} real clips")


def generated() -> None:
    print("== Generated cases (labels from how each case is made)")
    tallies = {label: [0, 0, 0] for label in ("quiet", "clipped")}  # tp, fp, fn
    with tempfile.TemporaryDirectory() as folder:
        for source, gains in GAINS.items():
            for gain, label in gains:
                path = Path(folder) / f"{source}{gain:+d}.mov"
                subprocess.run([ffmpeg_exe(), "-v", "error", "-nostdin", "-y", "-f", "lavfi", "-i", "color=c=gray:s=180x320:r=30:d=6",
                                "-f", "lavfi", "-i", SOURCES[source].format(d=6), "-af", f"volume={gain}dB", "-c:v", "libx264",
                                "-preset", "ultrafast", "-c:a", "pcm_s16le", "-shortest", str(path)], check=True, timeout=120)
                metrics, kinds = verdict(path)
                for name, tally in tallies.items():
                    if name in kinds and label == name:
                        tally[0] += 1
                    elif name in kinds:
                        tally[1] += 1
                    elif label == name:
                        tally[2] += 1
                print(f"  {source:<6} {gain:+4d} dB  made {label:<9} lufs {metrics.get('integrated_lufs', '-'):>6}  "
                      f"flattened {metrics.get('clipped_share', '-')}  found {sorted(kinds) or '-'}")
    for name, (tp, fp, fn) in tallies.items():
        precision = tp / (tp + fp) if tp + fp else float("nan")
        recall = tp / (tp + fn) if tp + fn else float("nan")
        print(f"  {name:<8} precision {precision:.3f}  recall {recall:.3f}  (tp {tp}, fp {fp}, fn {fn})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--real", type=Path, action="append", default=[], help="a folder of real videos")
    args = parser.parse_args()
    if args.real:
        real(args.real)
    generated()


if __name__ == "__main__":
    main()
