"""Shot-boundary accuracy: real labelled footage first, then a generated labelled set.

    python bench/cuts_accuracy.py --real DIR[=LABELS.json] [--real ...] [--scenedetect EXE]
                                  [--clips a,b] [--no-generated] [--out DIR] [-v]

Real footage (media never in the repository: each --real names a folder of clips and the
JSON file of their labels, by default DIR/cuts.json). Labels per clip: ``cuts_s`` (PTS of
the first frame of the new shot), ``gradual_s`` (spans [first, last] mixed frame),
``ambiguous_s`` (times or spans that are not scored either way), ``fps``. Scored per clip and
pooled, precision / recall / F1 of shot boundaries:

- a boundary is an interval: a cut [t, t], a gradual transition [start, end] (a fade to black
  and the fade from black after it are two boundaries, as the labels list them);
- a detection matches a labelled boundary when the intervals come within TOLERANCE_FRAMES
  frames of the clip's nominal rate; each side is matched once, closest pairs first;
- a detection that matches nothing but an ambiguous label is neither right nor wrong.

PySceneDetect (``detect-adaptive`` and ``detect-content``, CLI defaults) runs on the same
clips in the same run: its frame numbers are turned into presentation times through the
clip's own frame timestamps (so VFR clips and streams not starting at 0 are fair to it). It is
the installed ``scenedetect`` command unless --scenedetect names one; without it the peer
columns are left out.

The generated set (cached in --out, default $PRELINT_BENCH_DIR or /tmp/prelint-bench): >= 20
videos with known transitions (hard cuts, dissolves, fades, flashes, fast pans, grain,
letterbox, rotation, VFR, other frame rates), each transition a boundary matched by a
detection's cut time or span midpoint at +-2 frames, plus a strict score (same kind, start and
end each within 2 frames) and the false cuts on flash and pan cases. Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from fixtures.synth import AudioSpec, ShotSpec, TransitionSpec, VideoSpec, ffmpeg_exe, make_video  # noqa: E402
from prelint.media.facts import Transition  # noqa: E402

TOLERANCE_FRAMES = 2
#: Clips of bench/data/real_cuts.json the detector's thresholds were tuned on (at most half,
#: chosen by name after the first score); the others are reported as held out.
TUNING_CLIPS = ("vertical_promo_edit.mp4", "nature_fades.mp4", "cockatoo_handheld.mp4", "coffee_pour.mp4",
                "selfie_vertical.mp4", "bottles_static.mp4", "plane_takeoff.mp4", "fireworks_night.mp4",
                "civilwar_action.mp4")


def S(d: float, seed: int, pan: float = 40.0, tilt: float = 0.0) -> ShotSpec:
    return ShotSpec(d, seed=seed, pan_px_per_s=pan, tilt_px_per_s=tilt)


def C(kind: str = "cut", d: float = 0.0, hold: float = 0.0) -> TransitionSpec:
    return TransitionSpec(kind, d, hold)  # type: ignore[arg-type]


def labelled_set() -> dict[str, VideoSpec]:
    cut4 = (C(), C(), C())
    return {
        "cuts_basic": VideoSpec(shots=(S(2.0, 1), S(1.5, 2), S(2.5, 3), S(1.8, 4), S(2.0, 5)), transitions=cut4 + (C(),)),
        "cuts_fast": VideoSpec(shots=tuple(S(0.5 + 0.1 * (i % 3), 10 + i) for i in range(10))),
        "dissolve_short": VideoSpec(shots=(S(2, 21), S(2, 22), S(2, 23)), transitions=(C("dissolve", 0.33), C("dissolve", 0.4))),
        "dissolve_long": VideoSpec(shots=(S(2.5, 24), S(2.5, 25), S(2.5, 26)), transitions=(C("dissolve", 1.0), C("dissolve", 0.8))),
        "fades_hold": VideoSpec(shots=(S(2, 27), S(2, 28), S(2, 29)), transitions=(C("fade", 0.4, 0.3), C("fade", 0.6, 0.0))),
        "fade_in_out_ends": VideoSpec(shots=(S(2.5, 30), S(2.5, 31)), fade_in_s=0.5, fade_in_hold_s=0.3, fade_out_s=0.6, fade_out_hold_s=0.3),
        "flashes_static": VideoSpec(shots=(S(3, 32, pan=5), S(3, 33, pan=5)), flashes=(0.8, 1.9, 4.2), flash_frames=2),
        "flashes_moving": VideoSpec(shots=(S(3, 34, pan=120), S(3, 35, pan=-120)), flashes=(1.0, 4.0, 5.2), flash_frames=3),
        "flash_single": VideoSpec(shots=(S(2.5, 36), S(2.5, 37)), flashes=(0.7, 3.6), flash_frames=1),
        "fast_pan": VideoSpec(shots=(S(2.5, 38, pan=900), S(2.5, 39, pan=-1200), S(2.5, 40, pan=700, tilt=500))),
        "fast_pan_flash": VideoSpec(shots=(S(3, 41, pan=1000), S(3, 42, pan=800)), flashes=(1.2, 4.4)),
        "tilt_pan_no_cut": VideoSpec(shots=(S(6, 43, pan=300, tilt=900),)),
        "grain_cuts": VideoSpec(shots=(S(2, 44), S(2, 45), S(2, 46), S(2, 47)), grain=10.0),
        "grain_dissolve": VideoSpec(shots=(S(2, 48), S(2, 49), S(2, 50)), transitions=(C("dissolve", 0.5), C()), grain=8.0),
        "letterbox": VideoSpec(shots=(S(2, 51), S(2, 52), S(2, 53)), letterbox_px=110, transitions=(C(), C("dissolve", 0.5))),
        "pillarbox": VideoSpec(shots=(S(2, 54), S(2, 55), S(2, 56)), pillarbox_px=60, transitions=(C("fade", 0.3, 0.2), C())),
        "rotated": VideoSpec(shots=(S(2, 57), S(2, 58), S(2, 59)), width=640, height=360, rotation=90),
        "vfr_drop3": VideoSpec(shots=(S(2, 60), S(2.5, 61), S(2, 62)), vfr_drop_every=3),
        "vfr_late": VideoSpec(shots=(S(2, 63), S(2, 64), S(2, 65)), vfr_drop_every=2, vfr_from_s=2.5, transitions=(C(), C("dissolve", 0.6))),
        "fps60": VideoSpec(shots=(S(1.5, 66), S(1.5, 67), S(1.5, 68)), fps=60.0, transitions=(C(), C("dissolve", 0.5))),
        "fps24": VideoSpec(shots=(S(2, 69), S(2, 70), S(2, 71)), fps=24.0, transitions=(C("dissolve", 0.5), C())),
        "low_quality": VideoSpec(shots=(S(2, 72), S(2, 73), S(2, 74), S(2, 75)), crf=38, transitions=(C(), C("dissolve", 0.5), C())),
        "mixed": VideoSpec(shots=(S(2, 76), S(1.2, 77, pan=800), S(2, 78), S(2, 79), S(1, 80)),
                           transitions=(C(), C("dissolve", 0.5), C("fade", 0.3, 0.1), C()),
                           flashes=(0.9,), grain=5.0, audio=AudioSpec(sounds=((0.5, 5.0, "speech"),))),
        "slow_single_shot": VideoSpec(shots=(S(5, 81, pan=15),)),
        # B-frame encodes (the decoder skips unreferenced frames after the hook window)
        "bframes_cuts": VideoSpec(shots=(S(3.5, 82), S(1.7, 83), S(2.2, 84, pan=600), S(2, 85)), preset="veryfast",
                                  transitions=(C(), C("dissolve", 0.5), C()), flashes=(4.4,), grain=4.0),
        "bframes_fixed_gop": VideoSpec(shots=(S(3.3, 86), S(1.9, 87), S(2.3, 88), S(2.1, 89), S(1.5, 90)),
                                       preset="medium", gop=30, extra_args=("-x264-params", "scenecut=0"),
                                       transitions=(C(), C(), C("dissolve", 0.6), C())),
        # long drafts: decoded as several keyframe-aligned stretches by parallel processes;
        # cuts land on keyframes (2 s GOP, no scene-cut keyframes) and dissolves straddle them
        "long_bframes_seams": VideoSpec(
            shots=tuple(S(d, 91 + i, pan=60.0 * (-1) ** i) for i, d in enumerate(
                (4.0, 2.0, 3.0, 3.0, 2.0, 4.0, 2.5, 3.5, 2.0, 4.0, 2.0, 3.0, 4.0))),
            transitions=(C(), C("dissolve", 0.6), C(), C(), C("dissolve", 1.0), C(), C(), C("fade", 0.3, 0.2),
                         C(), C("dissolve", 0.5), C(), C()),
            preset="veryfast", gop=60, extra_args=("-x264-params", "scenecut=0"), flashes=(13.1, 29.3),
            grain=3.0, audio=AudioSpec(sounds=((0.5, 36.0, "speech"),))),
        "long_no_bframes_seams": VideoSpec(
            shots=tuple(S(d, 111 + i, pan=40.0 * (-1) ** i) for i, d in enumerate(
                (3.0, 3.0, 3.0, 1.5, 4.5, 3.0, 3.0, 2.0, 4.0, 3.0, 3.0))),
            transitions=(C(), C("dissolve", 0.6), C(), C(), C(), C("dissolve", 0.8), C(), C(), C(), C()),
            gop=45, extra_args=("-x264-params", "scenecut=0"), flashes=(20.4,)),
        # the same shot changing, as real footage does: none of these is a cut
        "exposure_ramp": VideoSpec(shots=(ShotSpec(4.0, 131, pan_px_per_s=0.0, exposure=((0.8, 1.0), (1.6, 0.5), (2.6, 1.0))),
                                          S(2.0, 132)), grain=3.0),
        "jolts_pan": VideoSpec(shots=(ShotSpec(3.0, 133, jolts=(0.9, 1.9)), S(2.0, 134)), grain=3.0),
        "whip_pan_blur": VideoSpec(shots=(ShotSpec(3.0, 135, pan_px_per_s=0.0, whip=(1.2, 0.4, 900.0)), S(2.0, 136))),
        "glitch_frame": VideoSpec(shots=(S(2.0, 137), S(2.0, 138)), glitches=(1.0, 3.0)),
        "padded_9_16": VideoSpec(shots=(S(2.0, 141), S(2.0, 142), S(2.0, 143)), padding="blur"),
        # transitions that are not a mix of the two shots
        "wipe_slide": VideoSpec(shots=(S(2.0, 144), S(2.0, 145), S(2.0, 146)),
                                transitions=(C("wipe", 0.5), C("slide", 0.5))),
    }

#: Cases where any cut is false on the same shot changing (flashes, pans, jolts, exposure, glitches).
SAME_SHOT_CASES = ("flash", "pan", "exposure", "jolt", "glitch")


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: "Score") -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    def prf(self) -> tuple[float, float, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f

    def text(self) -> str:
        p, r, f = self.prf()
        return f"P={p:.3f} R={r:.3f} F1={f:.3f}  (tp={self.tp} fp={self.fp} fn={self.fn})"


Span = tuple[float, float]


def _gap(a: Span, b: Span) -> float:
    return max(0.0, b[0] - a[1], a[0] - b[1])


def match_spans(found: list[Span], truth: list[Span], tol_s: float,
                ambiguous: list[Span] = ()) -> tuple[Score, list[Span], list[Span]]:
    """One-to-one matching of detected and labelled boundaries (closest pairs first).
    Returns the score, the unmatched detections (false) and the unmatched labels (missed)."""
    pairs = sorted((_gap(d, g), i, j) for i, d in enumerate(found) for j, g in enumerate(truth)
                   if _gap(d, g) <= tol_s)
    used_d: set[int] = set()
    used_g: set[int] = set()
    for _, i, j in pairs:
        if i in used_d or j in used_g:
            continue
        used_d.add(i)
        used_g.add(j)
    false = [d for i, d in enumerate(found) if i not in used_d
             and not any(_gap(d, a) <= tol_s for a in ambiguous)]
    missed = [g for j, g in enumerate(truth) if j not in used_g]
    return Score(len(used_d), len(false), len(missed)), false, missed


def boundary_spans(found: list[Transition]) -> list[Span]:
    """prelint's transitions as boundaries: a cut at its time, a gradual transition as its span."""
    return [(t.start_s, t.end_s) for t in sorted(found, key=lambda t: (t.start_s, t.end_s))]


def score_strict(found: list[Transition], truth: list[Transition], tol_s: float) -> Score:
    used: set[int] = set()
    tp = 0
    for d in found:
        for i, g in enumerate(truth):
            if i in used or d.kind != g.kind:
                continue
            if abs(d.start_s - g.start_s) <= tol_s and abs(d.end_s - g.end_s) <= tol_s:
                used.add(i)
                tp += 1
                break
    return Score(tp, len(found) - tp, len(truth) - tp)


def points_of(found: list[Transition]) -> list[float]:
    return [t.start_s if t.kind == "cut" else 0.5 * (t.start_s + t.end_s) for t in found]


def find_scenedetect(option: str | None) -> str | None:
    if option:
        if option == "none":
            return None
        return option if Path(option).exists() else shutil.which(option)
    return shutil.which("scenedetect")


def frame_times(video: Path) -> list[float]:
    """Presentation time of every frame in decode order (what PySceneDetect's frame numbers count)."""
    proc = subprocess.run([ffmpeg_exe(), "-hide_banner", "-nostdin", "-i", str(video), "-map", "0:v:0",
                           "-vf", "showinfo", "-fps_mode", "passthrough", "-f", "null", "-"],
                          capture_output=True, text=True, errors="replace", check=True)
    return [float(m.group(1)) for m in re.finditer(r"showinfo.*?pts_time:\s*(-?[\d.]+)", proc.stderr)]


def scenedetect_cuts(exe: str, video: Path, detector: str = "detect-adaptive",
                     times: list[float] | None = None) -> list[float]:
    """Cut times (s) from `scenedetect <detector> list-scenes`; with `times`, frame numbers are
    mapped to the clip's own presentation times."""
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([exe, "-q", "-i", str(video), "-o", tmp, detector,
                        "list-scenes", "-s", "-f", "scenes.csv"], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        with open(Path(tmp) / "scenes.csv", newline="") as fh:
            rows = list(csv.DictReader(fh))
    out = []
    for r in rows[1:]:
        frame = int(r["Start Frame"]) - 1  # the CSV counts frames from 1
        if times and 0 <= frame < len(times):
            out.append(times[frame])
        else:
            out.append(float(r["Start Time (seconds)"]))
    return out


def prelint_transitions(video: Path) -> list[Transition]:
    from prelint.media import analyze

    return list(analyze(video, use_cache=False).transitions)


# ----------------------------------------------------------------------------- real footage


def _spans(items: list) -> list[Span]:
    out = []
    for x in items:
        if isinstance(x, (list, tuple)):
            out.append((float(x[0]), float(x[-1])))
        else:
            out.append((float(x), float(x)))
    return out


def load_labels(folder: Path, labels: Path) -> dict[str, dict]:
    data = json.loads(labels.read_text())
    clips = data.get("clips", data) if isinstance(data, dict) else {}
    return {name: entry for name, entry in clips.items()
            if isinstance(entry, dict) and "cuts_s" in entry and (folder / name).exists()}


def real_footage(sources: list[tuple[Path, Path]], sd: str | None, only: set[str] | None,
                 verbose: bool) -> dict[str, Score]:
    methods = ["prelint"] + (["adaptive", "content"] if sd else [])
    totals = {m: Score() for m in methods}
    halves = {half: {m: Score() for m in methods} for half in ("tuning", "held out", "first score", "other")}
    print(f"Real footage: boundaries within +-{TOLERANCE_FRAMES} frames; gradual transitions as spans")
    header = f"{'clip':26} {'fps':>5} {'truth':>5} " + " ".join(f"{m + ' P/R/F1 (fp fn)':>29}" for m in methods)
    print(header)
    for folder, labels in sources:
        for name, entry in sorted(load_labels(folder, labels).items()):
            if only and name not in only and Path(name).stem not in only:
                continue
            video = folder / name
            fps = float(entry.get("fps") or 25.0)
            tol = TOLERANCE_FRAMES / fps + 1e-3
            truth = _spans(entry.get("cuts_s", [])) + _spans(entry.get("gradual_s", []))
            ambiguous = _spans(entry.get("ambiguous_s", []))
            found = prelint_transitions(video)
            results = {"prelint": match_spans(boundary_spans(found), truth, tol, ambiguous)}
            if sd:
                times = frame_times(video)
                for det, key in (("detect-adaptive", "adaptive"), ("detect-content", "content")):
                    cuts = scenedetect_cuts(sd, video, det, times)
                    results[key] = match_spans([(c, c) for c in cuts], truth, tol, ambiguous)
            cells = []
            half = (("tuning" if name in TUNING_CLIPS else "held out") if labels.name == "real_cuts.json"
                    else "first score" if labels.name.startswith("real_cuts") else "other")
            for m in methods:
                sc = results[m][0]
                totals[m].add(sc)
                halves[half][m].add(sc)
                p, r, f = sc.prf()
                cells.append(f"{p:5.2f}/{r:4.2f}/{f:4.2f} ({sc.fp:2d} {sc.fn:2d})")
            print(f"{name[:26]:26} {fps:5.1f} {len(truth):5d} " + " ".join(f"{c:>29}" for c in cells))
            if verbose:
                sc, false, missed = results["prelint"]
                if false or missed:
                    r3 = lambda spans: [(round(a, 3), round(b, 3)) if b > a else round(a, 3) for a, b in spans]  # noqa: E731
                    print(f"   prelint false {r3(false)} missed {r3(missed)}")
                    print("   found:", [(t.kind, round(t.start_s, 3), round(t.end_s, 3)) for t in found])
    print()
    names = {"prelint": "prelint", "adaptive": "PySceneDetect detect-adaptive",
             "content": "PySceneDetect detect-content"}
    for m in methods:
        print(f"  pooled {names[m]:30} {totals[m].text()}")
    for half, scores in halves.items():
        if any(sc.tp + sc.fp + sc.fn for sc in scores.values()) and half in ("tuning", "held out"):
            for m in methods:
                print(f"  {half + ' (real_cuts.json)':27} {names[m]:30} {scores[m].text()}")
        elif half == "first score" and any(sc.tp + sc.fp + sc.fn for sc in scores.values()):
            for m in methods:
                print(f"  {'real_cuts_2.json':27} {names[m]:30} {scores[m].text()}")
        elif half == "other" and any(sc.tp + sc.fp + sc.fn for sc in scores.values()):
            for m in methods:
                print(f"  {'other folders':27} {names[m]:30} {scores[m].text()}")
    return totals


# ----------------------------------------------------------------------------- generated set


def generated_set(out: Path, sd: str | None, only: set[str] | None, verbose: bool) -> None:
    cases = labelled_set()
    if only:
        cases = {k: v for k, v in cases.items() if k in only}
    if not cases:
        return
    totals = {"strict": Score(), "boundary": Score(), "peer": Score()}
    false_flash_pan = {"prelint": 0, "peer": 0}
    print(f"\nGenerated set ({len(cases)} videos), +-{TOLERANCE_FRAMES} frames")
    print(f"{'case':18} {'truth':>5} {'found':>5} {'strict P/R':>11} {'adaptive P/R':>12}")
    for name, spec in cases.items():
        video = out / f"{name}.mp4"
        truth_file = out / f"{name}.json"
        if not video.exists() or not truth_file.exists():
            gt = make_video(video, spec)
            truth_file.write_text(json.dumps([[t.kind, t.start_s, t.end_s] for t in gt.transitions]))
        truth = [Transition(k, a, b) for k, a, b in json.loads(truth_file.read_text())]
        tol = TOLERANCE_FRAMES / spec.fps + 1e-3
        found = prelint_transitions(video)
        st = score_strict(found, truth, tol)
        # as before real footage was scored: each transition a boundary, a detection by its
        # cut time or span midpoint
        truth_spans = [(t.start_s, t.end_s) for t in truth]
        bd = match_spans([(p, p) for p in points_of(found)], truth_spans, tol)[0]
        totals["strict"].add(st)
        totals["boundary"].add(bd)
        if any(k in name for k in SAME_SHOT_CASES):
            false_flash_pan["prelint"] += bd.fp
        peer_txt = "-"
        if sd:
            pc = match_spans([(c, c) for c in scenedetect_cuts(sd, video)], truth_spans, tol)[0]
            totals["peer"].add(pc)
            if any(k in name for k in SAME_SHOT_CASES):
                false_flash_pan["peer"] += pc.fp
            peer_txt = f"{pc.prf()[0]:.2f}/{pc.prf()[1]:.2f}"
        p, r, _ = st.prf()
        print(f"{name:18} {len(truth):5} {len(found):5} {p:5.2f}/{r:4.2f} {peer_txt:>12}")
        if verbose and (st.fp or st.fn):
            print("   truth:", [(t.kind, round(t.start_s, 3), round(t.end_s, 3)) for t in truth])
            print("   found:", [(t.kind, round(t.start_s, 3), round(t.end_s, 3)) for t in found])
    print()
    for label, key in (("prelint strict (kind+span)", "strict"), ("prelint boundary", "boundary"),
                       ("PySceneDetect adaptive boundary", "peer")):
        if key == "peer" and not sd:
            continue
        print(f"  {label:32} {totals[key].text()}")
    print(f"  false cuts on flash, pan, jolt, exposure and glitch cases: prelint {false_flash_pan['prelint']}"
          + (f", PySceneDetect {false_flash_pan['peer']}" if sd else ""))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--real", action="append", default=[], metavar="DIR[=LABELS]",
                    help="folder of real clips and their labels (default DIR/cuts.json); repeatable")
    ap.add_argument("--out", default=os.environ.get("PRELINT_BENCH_DIR", "/tmp/prelint-bench"))
    ap.add_argument("--scenedetect", default=None,
                    help="scenedetect executable (default: the installed one; 'none' to leave it out)")
    ap.add_argument("--clips", default=None, help="comma-separated clip or case names")
    ap.add_argument("--no-generated", action="store_true", help="score the real footage only")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args(argv)
    only = set(args.clips.split(",")) if args.clips else None
    sd = find_scenedetect(args.scenedetect)
    if sd is None:
        print("PySceneDetect: not run (pip install scenedetect --no-deps beside opencv-python-headless)")
    sources = []
    for item in args.real:
        folder, _, labels = item.partition("=")
        sources.append((Path(folder), Path(labels) if labels else Path(folder) / "cuts.json"))
    if sources:
        real_footage(sources, sd, only, args.verbose)
    if not args.no_generated:
        out = Path(args.out) / "cuts"
        out.mkdir(parents=True, exist_ok=True)
        generated_set(out, sd, only, args.verbose)
    return 0


if __name__ == "__main__":
    t0 = time.time()
    rc = main()
    print(f"({time.time() - t0:.0f} s)")
    sys.exit(rc)
