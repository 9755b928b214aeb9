"""Shot transition detection: hard cuts, dissolves, fades to/from black.

A detector is a small class with one job (PySceneDetect style): the decode loop feeds it
every analysed small frame with its PTS (``process``), and ``finish`` returns the
transitions. It keeps only a short ring of recent small frames, so memory does not grow
with the video's length (the per-frame scalars it keeps are a few floats per frame).

How it decides:
- cut: the combined distance (colour histogram + blurred grey pixels) between consecutive
  frames stands out from the local median by ``cut_threshold`` and by ``cut_adaptive_ratio``
  (camera motion and fast pans raise the median, so they do not fire), and the scenes on
  both sides stay different for a few frames (a flash returns to the same scene: not a cut).
- dissolve: frame t is well explained as the midpoint of frames t-k and t+k while those
  two differ a lot (a pan or a cut is not a mix of its neighbours).
- fade_out / fade_in: mean luma falls monotonically to black / rises from black.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

import numpy as np

from prelint.media.facts import AnalysisSettings, Shot, Transition

#: Side (px) of the grey thumbnail width the detector compares on.
THUMB_WIDTH_PX = 48
#: Histogram bins per colour channel.
HIST_BINS = 16
#: Frames each side used for the local median of the cut score.
MEDIAN_HALF_WINDOW = 8
#: Frames each side of a candidate cut checked for a return to the same scene (flash test).
FLASH_SPAN = 4
#: Half-lengths (frames at 30 fps; scaled by fps) tried by the dissolve midpoint test.
DISSOLVE_HALF_LENGTHS_30FPS = (4, 8, 14)
#: Midpoint error / endpoint distance below which a frame looks like a dissolve mix.
DISSOLVE_MIX_RATIO = 0.33
#: Minimum pixel distance (0..1) between the dissolve's two ends.
DISSOLVE_MIN_CHANGE = 0.18
#: Luma units (0..255) by which a fading frame must differ from its neighbour.
FADE_STEP_LUMA = 0.6


@dataclass
class _Frame:
    index: int
    t_s: float
    grey: np.ndarray  # float32 thumbnail, blurred
    hist: np.ndarray  # float32, 3*HIST_BINS, sums to 3
    luma: float
    luma_std: float


def _distance(a: _Frame, b: _Frame) -> tuple[float, float]:
    """(histogram distance 0..1, pixel distance 0..1)."""
    hist = float(np.abs(a.hist - b.hist).sum()) / 6.0
    pixel = min(1.0, float(np.abs(a.grey - b.grey).mean()) / 80.0)
    return hist, pixel


def _score(a: _Frame, b: _Frame) -> float:
    hist, pixel = _distance(a, b)
    return 0.5 * hist + 0.5 * pixel


class TransitionDetector:
    """Feed small RGB frames in PTS order with ``process``; ``finish`` returns transitions."""

    def __init__(self, settings: AnalysisSettings, fps: float) -> None:
        import cv2

        self._cv2 = cv2
        self.settings = settings
        self.fps = fps if fps and fps > 0 else 30.0
        scale = self.fps / 30.0
        self.half_lengths = tuple(max(2, int(round(k * scale))) for k in DISSOLVE_HALF_LENGTHS_30FPS)
        self.lag = max(max(self.half_lengths), MEDIAN_HALF_WINDOW, FLASH_SPAN) + 1
        self.ring: deque[_Frame] = deque(maxlen=2 * self.lag + 2)
        self.times: list[float] = []
        self.scores: list[float] = []  # score vs previous frame (0 for the first)
        self.luma: list[float] = []
        self.luma_std: list[float] = []
        self.mix: list[float] = []  # best dissolve evidence per frame (1 = none)
        self._cut_candidates: list[tuple[int, float]] = []
        self._evaluated = -1

    # ------------------------------------------------------------------ streaming
    def process(self, t_s: float, rgb_small: np.ndarray) -> float:
        """Add one frame; returns its difference score vs the previous frame."""
        cv2 = self._cv2
        h, w = rgb_small.shape[:2]
        th = max(8, int(round(h * THUMB_WIDTH_PX / w)))
        grey_full = cv2.cvtColor(rgb_small, cv2.COLOR_RGB2GRAY)
        grey = cv2.resize(grey_full, (THUMB_WIDTH_PX, th), interpolation=cv2.INTER_AREA)
        grey = cv2.GaussianBlur(grey.astype(np.float32), (3, 3), 0)
        hist = np.concatenate([
            cv2.calcHist([rgb_small], [c], None, [HIST_BINS], [0, 256]).ravel() for c in range(3)
        ]).astype(np.float32)
        hist /= max(1.0, float(h * w))
        luma, luma_std = cv2.meanStdDev(grey_full)
        frame = _Frame(len(self.times), float(t_s), grey, hist, float(luma[0][0]), float(luma_std[0][0]))
        score = _score(self.ring[-1], frame) if self.ring else 0.0
        self.ring.append(frame)
        self.times.append(frame.t_s)
        self.scores.append(score)
        self.luma.append(frame.luma)
        self.luma_std.append(frame.luma_std)
        self.mix.append(1.0)
        self._evaluate_up_to(frame.index - self.lag)
        return score

    def _get(self, index: int) -> _Frame | None:
        if not self.ring:
            return None
        first = self.ring[0].index
        i = index - first
        return self.ring[i] if 0 <= i < len(self.ring) else None

    def _evaluate_up_to(self, last: int) -> None:
        while self._evaluated < last:
            self._evaluated += 1
            c = self._evaluated
            self._evaluate_cut(c)
            self._evaluate_mix(c)

    def _evaluate_cut(self, c: int) -> None:
        if c <= 0:
            return
        s = self.settings
        score = self.scores[c]
        if score < s.cut_threshold:
            return
        lo, hi = max(1, c - MEDIAN_HALF_WINDOW), min(len(self.scores), c + MEDIAN_HALF_WINDOW + 1)
        neighbours = [self.scores[i] for i in range(lo, hi) if i != c]
        median = float(np.median(neighbours)) if neighbours else 0.0
        if score - median < s.cut_threshold or score < s.cut_adaptive_ratio * median:
            return
        if score < max(self.scores[max(1, c - 1)] if c - 1 >= 1 else 0.0,
                       self.scores[c + 1] if c + 1 < len(self.scores) else 0.0):
            return  # not the local peak
        prev, cur = self._get(c - 1), self._get(c)
        if prev is None or cur is None:
            return
        hist_cut, _ = _distance(prev, cur)
        # flash test: does any frame just before resemble any frame just after?
        for i in range(c - FLASH_SPAN, c):
            a = self._get(i)
            if a is None:
                continue
            for j in range(c, c + FLASH_SPAN):
                if j - i == 1:
                    continue
                b = self._get(j)
                if b is None:
                    continue
                h, _ = _distance(a, b)
                if h < s.flash_similarity * max(hist_cut, 0.05) / 0.5 and _score(a, b) < 0.5 * score:
                    return
        self._cut_candidates.append((c, score))

    def _evaluate_mix(self, c: int) -> None:
        """Dissolve evidence at frame c: is it the midpoint mix of c-k and c+k?"""
        cur = self._get(c)
        if cur is None:
            return
        best = 1.0
        for k in self.half_lengths:
            a, b = self._get(c - k), self._get(c + k)
            if a is None or b is None:
                continue
            ends = float(np.abs(a.grey - b.grey).mean()) / 80.0
            if ends < DISSOLVE_MIN_CHANGE:
                continue
            _, hist_ends = 0, float(np.abs(a.hist - b.hist).sum()) / 6.0
            mid = 0.5 * (a.grey + b.grey)
            err = float(np.abs(cur.grey - mid).mean()) / 80.0
            # a real mix also has both neighbours' content: err is small vs the ends' distance
            ratio = err / ends
            # consecutive-frame change must not be a single jump (that is a cut)
            steps = [self.scores[i] for i in range(c - k + 1, c + k + 1)]
            if max(steps) > 0.6 * _score(a, b):
                continue
            best = min(best, ratio)
        self.mix[c] = best

    # ------------------------------------------------------------------ results
    def finish(self) -> list[Transition]:
        self._evaluate_up_to(len(self.times) - 1)
        fades = self._fades()
        dissolves = self._dissolves(fades)
        gradual = sorted(fades + dissolves, key=lambda t: t.start_s)
        spans = [(self._index_of(t.start_s), self._index_of(t.end_s)) for t in gradual]
        cuts = []
        for c, score in self._cut_candidates:
            if any(a - 1 <= c <= b + 1 for a, b in spans):
                continue
            cuts.append((c, score))
        cuts = self._enforce_min_shot(cuts, spans)
        out = gradual + [Transition("cut", self.times[c], self.times[c]) for c, _ in cuts]
        return sorted(out, key=lambda t: (t.start_s, t.end_s))

    def _index_of(self, t_s: float) -> int:
        import bisect

        return min(len(self.times) - 1, bisect.bisect_left(self.times, t_s - 1e-6))

    def _enforce_min_shot(self, cuts: list[tuple[int, float]], spans: list[tuple[int, int]]) -> list[tuple[int, float]]:
        min_s = self.settings.min_shot_s
        kept: list[tuple[int, float]] = []
        for c, score in sorted(cuts):
            t = self.times[c]
            if t < min_s * 0.5 and c <= 1:
                continue
            if kept and t - self.times[kept[-1][0]] < min_s:
                if score > kept[-1][1]:
                    kept[-1] = (c, score)
                continue
            kept.append((c, score))
        return kept

    def _fades(self) -> list[Transition]:
        s = self.settings
        n = len(self.luma)
        black = [self.luma[i] <= s.fade_black_luma and self.luma_std[i] <= max(6.0, s.fade_black_luma * 0.6) for i in range(n)]
        out: list[Transition] = []
        i = 0
        while i < n:
            if not black[i]:
                i += 1
                continue
            j = i
            while j + 1 < n and black[j + 1]:
                j += 1
            # fade_out: walk back while luma was decreasing towards the black run
            k = i
            while k - 1 >= 0 and not black[k - 1] and self.luma[k - 1] > self.luma[k] + FADE_STEP_LUMA:
                k -= 1
            if i - k >= 2:  # k is the last frame at full brightness
                out.append(Transition("fade_out", self.times[k], self.times[i]))
            # fade_in: walk forward while luma keeps increasing after the black run
            m = j
            while m + 1 < n and self.luma[m + 1] > self.luma[m] + FADE_STEP_LUMA:
                m += 1
            if m - j >= 2:  # m is the first frame at full brightness
                out.append(Transition("fade_in", self.times[j], self.times[m]))
            j = max(j, m)
            i = j + 1
        return out

    def _dissolves(self, fades: list[Transition]) -> list[Transition]:
        s = self.settings
        n = len(self.mix)
        out: list[Transition] = []
        fade_spans = [(f.start_s, f.end_s) for f in fades]
        min_frames = max(2, int(round(s.dissolve_min_s * self.fps * 0.5)))
        i = 0
        while i < n:
            if self.mix[i] >= DISSOLVE_MIX_RATIO:
                i += 1
                continue
            j = i
            while j + 1 < n and self.mix[j + 1] < DISSOLVE_MIX_RATIO:
                j += 1
            if j - i + 1 >= min_frames:
                a, b = self._dissolve_span(i, j)
                ta, tb = self.times[a], self.times[b]
                overlaps_fade = any(ta <= fe and tb >= fs for fs, fe in fade_spans)
                if not overlaps_fade and tb - ta >= s.dissolve_min_s:
                    out.append(Transition("dissolve", ta, tb))
            i = j + 1
        return out

    def _dissolve_span(self, i: int, j: int) -> tuple[int, int]:
        """Span of the sustained change around the mix run [i, j]: where the per-frame
        score rises above the local baseline of the shots on either side."""
        n = len(self.scores)
        centre = (i + j) // 2
        # the run of mix evidence extends roughly k beyond the true span when k is large;
        # refine with the score series: inside the dissolve every step changes the picture
        inside = self.scores[i : j + 2] or [0.0]
        level = float(np.median(inside))
        before = self.scores[max(1, i - 40) : max(1, i - 10)]
        after = self.scores[min(n, j + 10) : min(n, j + 40)]
        base = float(np.median(before + after)) if (before or after) else 0.0
        thr = base + 0.5 * max(0.0, level - base)
        a = centre
        while a - 1 > 0 and self.scores[a] > thr:
            a -= 1
        b = centre
        while b + 1 < n and self.scores[b + 1] > thr:
            b += 1
        return max(0, a), min(n - 1, b + 1)


def shots_from_transitions(transitions: list[Transition] | tuple[Transition, ...], duration_s: float) -> tuple[Shot, ...]:
    """Shots tiling the non-black timeline: a cut splits at its time, a dissolve at its
    midpoint; a fade_out ends a shot when black is reached, a fade_in starts one at its
    last black frame (black holds between them are not shots)."""
    shots: list[Shot] = []
    start: float | None = 0.0

    def close(a: float | None, b: float) -> None:
        if a is not None and b - a > 1e-6:
            shots.append(Shot(a, b))

    for t in sorted(transitions, key=lambda t: t.start_s):
        if t.kind == "cut":
            close(start, t.start_s)
            start = t.start_s
        elif t.kind == "dissolve":
            mid = 0.5 * (t.start_s + t.end_s)
            close(start, mid)
            start = mid
        elif t.kind == "fade_out":
            close(start, t.end_s)
            start = None
        else:  # fade_in: whatever preceded it since the last boundary was black
            start = t.start_s
    close(start, duration_s)
    if not shots and duration_s > 0:
        shots.append(Shot(0.0, duration_s))
    return tuple(shots)
