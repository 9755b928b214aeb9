"""Transition-detection accuracy on a labelled synthetic set (and optionally the peer's media).

    python bench/cuts_accuracy.py [--out DIR] [--scenedetect PATH] [--peer-dir ../shared/peer/pyscenedetect]

Generates (once, cached in --out, default $PRELINT_BENCH_DIR or /tmp/prelint-bench) >= 20
videos with known transitions: hard cuts, dissolves, fades, flashes, fast pans, grain,
letterbox, rotation, VFR, other frame rates. Prints precision / recall / F1 at +-2 frames:

- strict (prelint only): same kind, start and end each within 2 frames;
- boundary (both tools): a detected cut time (prelint: cut time or span midpoint) falls in
  [start - 2 frames, end + 2 frames] of a true transition; each truth matched once.
Also counts false cuts on flashes and pans. Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from fixtures.synth import AudioSpec, ShotSpec, TransitionSpec, VideoSpec, make_video  # noqa: E402
from prelint.media.facts import Transition  # noqa: E402

TOLERANCE_FRAMES = 2


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
    }


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


def score_boundary(points: list[float], truth: list[Transition], tol_s: float) -> Score:
    used: set[int] = set()
    tp = 0
    for p in sorted(points):
        best = None
        for i, g in enumerate(truth):
            if i in used:
                continue
            if g.start_s - tol_s <= p <= g.end_s + tol_s:
                best = i
                break
        if best is not None:
            used.add(best)
            tp += 1
    return Score(tp, len(points) - tp, len(truth) - tp)


def points_of(found: list[Transition]) -> list[float]:
    return [t.start_s if t.kind == "cut" else 0.5 * (t.start_s + t.end_s) for t in found]


def find_scenedetect(option: str | None) -> str | None:
    if option:
        return option if Path(option).exists() else None
    return shutil.which("scenedetect") or (
        "/tmp/sdvenv/bin/scenedetect" if Path("/tmp/sdvenv/bin/scenedetect").exists() else None)


def scenedetect_cuts(exe: str, video: Path) -> list[float]:
    """Cut times (s) from `scenedetect detect-adaptive list-scenes`."""
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([exe, "-q", "-i", str(video), "-o", tmp, "detect-adaptive",
                        "list-scenes", "-s", "-f", "scenes.csv"], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        with open(Path(tmp) / "scenes.csv", newline="") as fh:
            rows = list(csv.DictReader(fh))
    return [float(r["Start Time (seconds)"]) for r in rows[1:]]


def prelint_transitions(video: Path) -> list[Transition]:
    from prelint.media import analyze

    return list(analyze(video, use_cache=False).transitions)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=os.environ.get("PRELINT_BENCH_DIR", "/tmp/prelint-bench"))
    ap.add_argument("--scenedetect", default=None, help="path of the scenedetect executable")
    ap.add_argument("--peer-dir", default=None, help="folder with the PySceneDetect test media")
    ap.add_argument("--only", default=None, help="comma-separated case names")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args(argv)
    out = Path(args.out) / "cuts"
    out.mkdir(parents=True, exist_ok=True)
    sd = find_scenedetect(args.scenedetect)
    if sd is None:
        print("PySceneDetect: scenedetect executable not found, skipping the peer "
              "(python -m venv /tmp/sdvenv && /tmp/sdvenv/bin/pip install scenedetect opencv-python-headless av)")

    cases = labelled_set()
    if args.only:
        cases = {k: v for k, v in cases.items() if k in args.only.split(",")}
    totals = {"strict": Score(), "boundary": Score(), "peer": Score()}
    false_flash_pan = {"prelint": 0, "peer": 0}
    print(f"{'case':18} {'truth':>5} {'found':>5} {'strict P/R':>11} {'peer P/R':>10}")
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
        bd = score_boundary(points_of(found), truth, tol)
        totals["strict"].add(st)
        totals["boundary"].add(bd)
        if "flash" in name or "pan" in name:
            false_flash_pan["prelint"] += bd.fp
        peer_txt = "-"
        if sd:
            pc = score_boundary(scenedetect_cuts(sd, video), truth, tol)
            totals["peer"].add(pc)
            if "flash" in name or "pan" in name:
                false_flash_pan["peer"] += pc.fp
            peer_txt = f"{pc.prf()[0]:.2f}/{pc.prf()[1]:.2f}"
        p, r, _ = st.prf()
        print(f"{name:18} {len(truth):5} {len(found):5} {p:5.2f}/{r:4.2f} {peer_txt:>10}")
        if args.verbose and (st.fp or st.fn):
            print("   truth:", [(t.kind, round(t.start_s, 3), round(t.end_s, 3)) for t in truth])
            print("   found:", [(t.kind, round(t.start_s, 3), round(t.end_s, 3)) for t in found])
    print()
    for label, key in (("prelint strict (kind+span)", "strict"), ("prelint boundary", "boundary"),
                       ("PySceneDetect adaptive boundary", "peer")):
        if key == "peer" and not sd:
            continue
        p, r, f = totals[key].prf()
        print(f"{label:32} P={p:.3f} R={r:.3f} F1={f:.3f}  (tp={totals[key].tp} fp={totals[key].fp} fn={totals[key].fn})")
    print(f"false cuts on flash/pan cases: prelint {false_flash_pan['prelint']}"
          + (f", PySceneDetect {false_flash_pan['peer']}" if sd else ""))
    if args.peer_dir:
        peer_media(Path(args.peer_dir), sd)
    return 0


PEER_TRUTH = {
    # safe ground truth from GROUND_TRUTH.md: hard cuts only (times in s)
    "testvideo.mp4": [30 / 29.97, 180 / 29.97, 394 / 29.97],
    "goldeneye-vfr-drop3.mp4": [3.754, 8.759],
    "fades.mp4": [],
    "counter.mp4": [],
}


def peer_media(folder: Path, sd: str | None) -> None:
    print(f"\nPeer media ({folder}): hard cuts only, +-2 frames; fades/dissolves are not in the truth,"
          " so prelint's gradual transitions are listed but not scored")
    tot_p, tot_s, tot_any = Score(), Score(), Score()
    for name, cuts in PEER_TRUTH.items():
        video = folder / name
        if not video.exists():
            print(f"  {name}: missing")
            continue
        from prelint.media import probe

        fps = probe(video).fps or 25.0
        tol = TOLERANCE_FRAMES / fps + 1e-3
        truth = [Transition("cut", t, t) for t in cuts]
        found = prelint_transitions(video)
        found_cuts = [t.start_s for t in found if t.kind == "cut"]
        sp = score_boundary(found_cuts, truth, tol)
        tot_p.add(sp)
        # a golden cut also counts as found when a gradual transition starts there (the scene
        # after testvideo's black card brightens: prelint calls it a fade_in); only reported
        # cuts can be false positives, as for PySceneDetect, which reports nothing else
        starts = found_cuts + [t.start_s for t in found if t.kind != "cut"]
        hit = sum(1 for c in cuts if any(abs(b - c) <= tol for b in starts))
        extra = sum(1 for b in found_cuts if not any(abs(b - c) <= tol for c in cuts))
        tot_any.add(Score(tp=hit, fp=extra, fn=len(cuts) - hit))
        line = f"  {name:26} truth {[round(c, 3) for c in cuts]} prelint cuts {[round(c, 3) for c in found_cuts]}"
        gradual = [(t.kind, round(t.start_s, 2), round(t.end_s, 2)) for t in found if t.kind != "cut"]
        if gradual:
            line += f" gradual {gradual}"
        if sd:
            peer = scenedetect_cuts(sd, video)
            ss = score_boundary(peer, truth, tol)
            tot_s.add(ss)
            line += f" | PySceneDetect {[round(c, 3) for c in peer]}"
        print(line)
    p, r, f = tot_p.prf()
    print(f"  prelint hard cuts:        P={p:.3f} R={r:.3f} F1={f:.3f}")
    p, r, f = tot_any.prf()
    print(f"  prelint, a cut or a gradual transition starting at the golden cut: P={p:.3f} R={r:.3f} F1={f:.3f}")
    if sd:
        p, r, f = tot_s.prf()
        print(f"  PySceneDetect adaptive:   P={p:.3f} R={r:.3f} F1={f:.3f}")


if __name__ == "__main__":
    t0 = time.time()
    rc = main()
    print(f"({time.time() - t0:.0f} s)")
    sys.exit(rc)
