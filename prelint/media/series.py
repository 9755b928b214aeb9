"""Per-frame series of the analysed (small) frames: difference score, motion, luma mean and
spread, sharpness, black and uniform frames, the black bars (letterbox / pillarbox), and the
same measures over the picture alone (bars and blurred padding left out): activity as a viewer
sees it, brightness, highlights and sharpness. A few floats per frame; the frames themselves
are not kept (only the first seconds, until the picture's box is known).

The picture's box: a 9:16 version of a landscape video shows it between black bars or over
a blurred, enlarged copy of itself. Both are found in the first seconds: bars are rows or
columns that never get bright; blurred padding is a band at both ends (top and bottom, or left
and right) with far less fine detail than the picture between them.

Activity: the change over the last ACTIVITY_SPAN_S (per frame step) measured in cells of
CELL_PX pixels over the picture's box (less the picture's overall brightness step), and its
ACTIVITY_PERCENTILE-th percentile over the cells (not the mean of the whole frame): a person
talking to the camera, a pour or typing move a part of the picture, which the whole-frame mean
dilutes into nothing; noise does not add up over the span, slow movement does.
"""

from __future__ import annotations

from array import array
from collections import deque

import numpy as np

from prelint.media.facts import AnalysisSettings, Bars, FrameSeries

#: Rows/columns whose brightest moment stays below this mean luma (0..255) are bars.
BAR_LUMA = 24.0
#: Side (px of the analysis frame) of the cells activity is measured in.
CELL_PX = 8
#: Activity is this percentile of the cells' change.
ACTIVITY_PERCENTILE = 95.0
#: Activity compares each frame with the one this long (s) before it, per frame step: slow
#: movement (a face talking) adds up over the span, noise does not.
ACTIVITY_SPAN_S = 0.13
#: Frames (and seconds of picture) looked at to find the picture's box; the frames are kept
#: until then (a few hundred KB).
BOX_PROBE_FRAMES = 240
BOX_PROBE_PICTURE_FRAMES = 45
BOX_PROBE_PICTURE_S = 1.5
#: Blurred padding: a band at each end of at least BOX_MIN_PADDING of the side whose fine
#: detail (mean |Laplacian|, over the probe frames) is at most BOX_PADDING_DETAIL times the
#: picture's, the picture between them at least BOX_MIN_PICTURE of the side, and the two bands
#: at most BOX_PADDING_ASYMMETRY times as long as one another.
BOX_MIN_PADDING = 0.06
BOX_MIN_PICTURE = 0.25
BOX_PADDING_DETAIL = 0.4
BOX_PADDING_ASYMMETRY = 2.5
#: ... and each border a straight edge: the median |luma difference| across it at least
#: BOX_EDGE_RATIO times the profile's median and at least BOX_EDGE_MIN (0..255).
BOX_EDGE_RATIO = 3.0
BOX_EDGE_MIN = 4.0
#: Black bars are taken as bars only when centred (top and bottom, or left and right, within
#: this share of the side of each other): a dark stage around a lit performer is not bars.
BAR_SYMMETRY = 0.03
#: picture_high: the luma this share of the picture's pixels stays below (the highlights: a
#: lit performer on a dark stage).
HIGH_SHARE = 0.99
#: The borders' edges are measured on every this-many-th probe frame (a median per row is the
#: costliest part of the probe).
BOX_EDGE_EVERY = 3
#: Luma std (0..255) below which a frame is near-uniform.
UNIFORM_STD = 4.0


def _bar_edges(profile: np.ndarray) -> tuple[float, float]:
    """(start, end) of the picture along one side, as fractions, from the brightest mean luma
    per row or column; bars shorter than 2% of the side are not bars."""
    n = len(profile)
    content = np.nonzero(profile > BAR_LUMA)[0]
    if len(content) == 0:
        return 0.0, 1.0
    lo, hi = int(content[0]), int(content[-1]) + 1
    lo = lo if lo >= 0.02 * n else 0
    hi = hi if n - hi >= 0.02 * n else n
    return lo / n, hi / n


def _padding(detail: np.ndarray, edge: np.ndarray) -> tuple[int, int]:
    """(start, end) index of the picture between blurred padding at both ends of a profile;
    (0, n) when there is no such padding.

    detail: mean |Laplacian| per row (or column); edge: median |difference| between each row
    (column) and the next. The picture's borders are the two strongest straight edges, one in
    each outer part of the side (the same in every frame, all along the border: a plain wall
    beside a person has none), and the bands outside them have far less fine detail than the
    picture between them."""
    n = len(detail)
    if n < 16 or len(edge) != n - 1:
        return 0, n
    floor = max(BOX_EDGE_MIN, BOX_EDGE_RATIO * float(np.median(edge)))
    a_lo, a_hi = int(BOX_MIN_PADDING * n), int((1 - BOX_MIN_PICTURE) / 2 * n)
    b_lo, b_hi = n - 1 - a_hi, n - 1 - a_lo
    if a_hi <= a_lo or b_hi <= b_lo:
        return 0, n
    top = a_lo + int(np.argmax(edge[a_lo:a_hi]))
    bottom = b_lo + int(np.argmax(edge[b_lo:b_hi]))
    if edge[top] < floor or edge[bottom] < floor:
        return 0, n
    lo, hi = top + 1, bottom + 1  # edge[k] lies between k and k + 1
    before, after = lo, n - hi
    if max(before, after) > BOX_PADDING_ASYMMETRY * min(before, after):
        return 0, n
    inner = float(np.mean(detail[lo + 1 : hi - 1]))
    outer = max(float(np.mean(detail[: max(1, lo - 1)])), float(np.mean(detail[min(n - 1, hi + 1) :])))
    if inner <= 0 or outer > BOX_PADDING_DETAIL * inner:
        return 0, n
    return lo, hi


class SeriesBuilder:
    """Collects the series one analysed frame at a time (`add`, in time order); `finish`
    gives the FrameSeries."""

    def __init__(self, settings: AnalysisSettings, w: int, h: int) -> None:
        import cv2

        self.cv2 = cv2
        self.s = settings
        self.w, self.h = w, h
        self.times: array[float] = array("d")
        self.diff: array[float] = array("d")
        self.motion: array[float] = array("d")
        self.luma_mean: array[float] = array("d")
        self.luma_std: array[float] = array("d")
        self.black: array[int] = array("b")
        self.blur: array[float] = array("d")
        self.activity: array[float] = array("d")
        self.picture_luma: array[float] = array("d")
        self.picture_std: array[float] = array("d")
        self.picture_high: array[float] = array("d")
        self.picture_blur: array[float] = array("d")
        self.prev: np.ndarray | None = None
        self.row_max = np.zeros(h, np.float32)
        self.col_max = np.zeros(w, np.float32)
        # the picture's box: found from the first frames, which wait here until then
        self.box: tuple[int, int, int, int] | None = None  # y0, y1, x0, x1 in small-frame px
        self._probe: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []  # grey, soft, |lap|
        self._probe_picture = 0
        self._edge_frames = 0
        self._probe_from: float | None = None
        self._row_detail = np.zeros(h, np.float64)
        self._col_detail = np.zeros(w, np.float64)
        self._row_edge = np.zeros(max(1, h - 1), np.float64)
        self._col_edge = np.zeros(max(1, w - 1), np.float64)
        self._recent: deque[tuple[float, np.ndarray]] = deque(maxlen=12)

    def add(self, t_s: float, grey: np.ndarray, score: float, luma_mean: float, luma_std: float,
            black: bool = False) -> None:
        """One analysed frame: its grey image, difference score, luma mean and standard deviation,
        and whether it has no picture (the transition detector has computed them all)."""
        cv2 = self.cv2
        soft = cv2.GaussianBlur(grey, (3, 3), 0).astype(np.int16)
        motion = float(cv2.mean(cv2.absdiff(soft, self.prev))[0]) if self.prev is not None else 0.0
        self.prev = soft
        lap = cv2.Laplacian(grey, cv2.CV_32F)
        self.times.append(t_s)
        self.diff.append(score)
        self.motion.append(motion)
        self.luma_mean.append(luma_mean)
        self.luma_std.append(luma_std)
        self.black.append(black)
        self.blur.append(float(cv2.meanStdDev(lap)[1][0][0]) ** 2)
        row_means = cv2.reduce(grey, 1, cv2.REDUCE_AVG, dtype=cv2.CV_32F).ravel()
        col_means = cv2.reduce(grey, 0, cv2.REDUCE_AVG, dtype=cv2.CV_32F).ravel()
        np.maximum(self.row_max, row_means, out=self.row_max)
        np.maximum(self.col_max, col_means, out=self.col_max)
        if self.box is not None:
            self._add_picture(grey, soft, lap)
            return
        self._probe.append((grey.copy(), soft, lap))
        if luma_std >= UNIFORM_STD:
            absl = np.abs(lap)
            self._row_detail += absl.mean(axis=1)
            self._col_detail += absl.mean(axis=0)
            if self._probe_picture % BOX_EDGE_EVERY == 0:
                g = soft  # blurred: single-pixel noise does not make edges
                # the median along the border: a straight edge all along it, not a curve touching it
                self._row_edge += np.median(np.abs(np.diff(g, axis=0)), axis=1)
                self._col_edge += np.median(np.abs(np.diff(g, axis=1)), axis=0)
                self._edge_frames += 1
            self._probe_picture += 1
            if self._probe_from is None:
                self._probe_from = t_s
        if len(self._probe) >= BOX_PROBE_FRAMES or (
            self._probe_picture >= BOX_PROBE_PICTURE_FRAMES
            and self._probe_from is not None and t_s - self._probe_from >= BOX_PROBE_PICTURE_S
        ):
            self._settle_box()

    def _settle_box(self) -> None:
        """Fix the picture's box from the probe frames and measure them."""
        h, w = self.h, self.w
        top, bottom = _bar_edges(self.row_max)
        left, right = _bar_edges(self.col_max)
        if abs(top - (1 - bottom)) > BAR_SYMMETRY:
            top, bottom = 0.0, 1.0
        if abs(left - (1 - right)) > BAR_SYMMETRY:
            left, right = 0.0, 1.0
        y0, y1 = int(round(top * h)), int(round(bottom * h))
        x0, x1 = int(round(left * w)), int(round(right * w))
        if self._probe_picture:
            k, e = float(self._probe_picture), float(max(1, self._edge_frames))
            py0, py1 = _padding(self._row_detail[y0:y1] / k, self._row_edge[y0 : max(y0, y1 - 1)] / e)
            px0, px1 = _padding(self._col_detail[x0:x1] / k, self._col_edge[x0 : max(x0, x1 - 1)] / e)
            y0, y1 = y0 + py0, y0 + py1
            x0, x1 = x0 + px0, x0 + px1
        if y1 - y0 < 8 or x1 - x0 < 8:
            y0, y1, x0, x1 = 0, h, 0, w
        self.box = (y0, y1, x0, x1)
        probe, self._probe = self._probe, []
        for grey, soft, lap in probe:
            self._add_picture(grey, soft, lap)

    def _add_picture(self, grey: np.ndarray, soft: np.ndarray, lap: np.ndarray) -> None:
        cv2 = self.cv2
        assert self.box is not None
        y0, y1, x0, x1 = self.box
        picture = grey[y0:y1, x0:x1]
        i = len(self.picture_luma)  # this frame's index in the series
        if self.box == (0, self.h, 0, self.w):  # the whole frame: measured already
            self.picture_luma.append(self.luma_mean[i])
            self.picture_std.append(self.luma_std[i])
            self.picture_blur.append(self.blur[i])
        else:
            mean, std = cv2.meanStdDev(picture)
            self.picture_luma.append(float(mean[0][0]))
            self.picture_std.append(float(std[0][0]))
            inner = lap[y0 + 1 : y1 - 1, x0 + 1 : x1 - 1]
            self.picture_blur.append(float(cv2.meanStdDev(inner)[1][0][0]) ** 2 if inner.size else 0.0)
        hist = cv2.calcHist([picture], [0], None, [64], [0, 256]).ravel()
        cum = np.cumsum(hist)
        self.picture_high.append(float(np.searchsorted(cum, HIGH_SHARE * cum[-1]) * 4 + 2))
        box_soft = soft[y0:y1, x0:x1]
        t_i = self.times[i]
        recent = self._recent
        # compare with the frame ACTIVITY_SPAN_S back: slow real movement adds up over the span,
        # sensor and compression noise does not (it is divided by the span's frames)
        ref = None
        for t_j, frame in recent:
            if t_j <= t_i - ACTIVITY_SPAN_S + 1e-3:
                ref = (t_j, frame)
        if ref is None and recent:
            ref = recent[0]
        recent.append((t_i, box_soft))
        if ref is None or t_i - ref[0] <= 1e-6:
            self.activity.append(0.0)
            return
        step = t_i - self.times[i - 1] if i > 0 else t_i - ref[0]
        prev = ref[1]
        per_step = max(step, 1e-6) / (t_i - ref[0])
        change = cv2.subtract(box_soft, prev, dtype=cv2.CV_32F)
        # a brightness step over the whole picture (auto-exposure) is not movement
        change = cv2.absdiff(change, (float(cv2.mean(change)[0]), 0.0, 0.0, 0.0))
        rows = max(1, (y1 - y0) // CELL_PX)
        cols = max(1, (x1 - x0) // CELL_PX)
        cells = cv2.resize(change, (cols, rows), interpolation=cv2.INTER_AREA).ravel()
        # the 95th percentile: something covering a twentieth of the picture moves (a smaller
        # object, a bird crossing the sky, does not make the picture busy)
        k = min(len(cells) - 1, int(ACTIVITY_PERCENTILE / 100.0 * (len(cells) - 1) + 0.5))
        self.activity.append(float(np.partition(cells, k)[k]) * per_step)

    def _bars(self, profiles: tuple[np.ndarray, np.ndarray] | None = None) -> Bars:
        rows, cols = profiles if profiles is not None else (self.row_max, self.col_max)
        top, bottom = _bar_edges(rows)
        left, right = _bar_edges(cols)
        return Bars(top=top, bottom=bottom, left=left, right=right)

    def finish(self, profiles: tuple[np.ndarray, np.ndarray] | None = None) -> FrameSeries:
        """profiles: brightest row/column means over the sampled (larger) frames, for
        bar edges more precise than the small frames give."""
        if self.box is None and self._probe:
            self._settle_box()
        is_uniform = tuple(sd < UNIFORM_STD for sd in self.luma_std)
        is_black = tuple(bool(b) for b in self.black)
        r = lambda xs: tuple(round(x, 4) for x in xs)  # noqa: E731
        y0, y1, x0, x1 = self.box if self.box is not None else (0, self.h, 0, self.w)
        picture = Bars(top=y0 / self.h, bottom=y1 / self.h, left=x0 / self.w, right=x1 / self.w)
        return FrameSeries(
            times_s=tuple(self.times), diff=r(self.diff), motion=r(self.motion),
            luma_mean=r(self.luma_mean), luma_std=r(self.luma_std), blur=r(self.blur),
            is_black=is_black, is_uniform=is_uniform, bars=self._bars(profiles),
            activity=r(self.activity), picture_luma=r(self.picture_luma), picture_std=r(self.picture_std),
            picture_high=r(self.picture_high), picture_blur=r(self.picture_blur), picture=picture,
        )
