"""Shot transition detection: hard cuts, dissolves, fades to/from black.

A detector is a small class with one job (PySceneDetect style): the decode loop feeds it
every analysed small frame with its PTS (``process``), and ``finish`` returns the
transitions. It keeps only a short ring of recent small frames, so memory does not grow
with the video's length (the per-frame scalars it keeps are a few floats per frame).

How it decides:
- cut: the colour-histogram distance or the blurred-grey pixel distance to the previous
  frame stands out from that channel's local median by ``cut_threshold`` and by
  ``cut_adaptive_ratio`` (fast pans raise the pixel median but not the histogram one;
  repeated frames are left out of the median), and the frames on the two sides do not show
  the same shot. "Same shot" compares structure, not brightness: the grey thumbnails are
  aligned on their global motion (phase correlation) and cut into blocks; a block is found
  when its normalised cross-correlation with the other frame's block is high (gain and
  offset do not matter: exposure and white-balance changes, flashes). When most textured
  blocks of a frame before the jump are found in a frame up to a few frames after it, the
  jump is a camera jolt, a whip pan, an exposure step, a flash or a decode glitch that
  returns to the same content, not a cut.
- dissolve: frame t is well explained as the time-weighted mix of the frames ~0.13/0.27/0.47 s
  before and after while those two differ in pixels and colours and are not the same shot
  (an exposure ramp is a mix of its neighbours too); the run of such frames gives a span
  that must fit a linear mix of its two ends, checked while the frames are still in the ring.
- gradual: another short transition between two shots (a flash, a light leak, a white or
  coloured frame between them): cut candidates less than GROUP_S apart whose frames between
  are no shot of their own, or a jump the cut test saw through (the sides share structure)
  whose steady frames before and after are different shots, with a flash between them.
- gradual (wipe or slide): frame t is made of the two shots side by side rather than mixed:
  every pixel matches the frame ~0.13/0.27/0.47 s before or the one after, each possibly
  shifted (a slide moves them), while those two are different shots. The run of such frames
  is kept when, against the frames just outside it, the share of the picture showing the new
  shot grows steadily, the two parts meet at a straight edge, and the picture changes faster
  inside the span than either shot moves on its own just outside it (a pan or a person
  crossing the frame keeps moving). Shaped wipes (circles, ripples) are not detected.
- fade_out / fade_in: mean luma falls monotonically to black / rises from black. Black is no
  picture: dark AND nearly flat (a dark stage with a lit performer is a picture).
- Shots as short as two frames are kept (a flash-cut montage).
"""

from __future__ import annotations

from array import array

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
#: Half-lengths (in frames at 30 fps, i.e. /30 s) tried by the dissolve mix test.
DISSOLVE_HALF_LENGTHS_30FPS = (4, 8, 14)
#: Midpoint error / endpoint distance below which a frame looks like a dissolve mix.
DISSOLVE_MIX_RATIO = 0.40
#: Minimum pixel distance (0..1) between the dissolve's two ends.
DISSOLVE_MIN_CHANGE = 0.18
#: Minimum histogram distance (0..1) between the dissolve's two ends.
DISSOLVE_MIN_HIST_CHANGE = 0.10
#: Smallest mean absolute difference between the dissolve's two ends after each is
#: normalised to zero mean and unit spread (a new shot: ~1.0-1.2; the same shot after an
#: exposure ramp with things moving in it: up to ~0.8).
DISSOLVE_MIN_STRUCTURE_CHANGE = 0.9
#: ... and when at least DISSOLVE_SAME_SHOT_SHARE of their textured blocks keep their
#: structure (block NCC >= DISSOLVE_SAME_BLOCK_NCC) they are one shot whose exposure changed
#: while things moved in it (a static camera as a white car drives in), not a dissolve.
DISSOLVE_SAME_BLOCK_NCC = 0.7
DISSOLVE_SAME_SHOT_SHARE = 0.25
#: Largest median residual (vs the ends' distance) of the linear-mix fit inside a dissolve.
DISSOLVE_MAX_RESIDUAL = 0.45
#: Luma (0..255) a row or column never exceeds in either frame to be left out as a black bar.
BAR_LUMA = 24.0
#: Frames of history kept for validating a dissolve span (beyond the detection lag).
DISSOLVE_HISTORY = 120
#: Largest luma standard deviation (0..255) of a black frame: black is dark AND nearly flat
#: (a dark stage with a lit performer, mean 16 / spread 23, is a picture).
BLACK_MAX_STD = 12.0
#: Largest spread (0..255) between the 5th and the 90th percentile of a black frame's luma: the
#: darkest nine tenths of a black frame are one level (a caption or logo on black fills the rest).
#: A night scene is dark but has a picture: a dim garden under a security camera (mean 5.5, spread
#: 8-16) or a night road (spread 6-13) is not black; a fade's last frames (spread 0-4) are.
BLACK_MAX_SPREAD = 5
#: Side (px, on the THUMB_WIDTH_PX thumbnail) of the blocks the same-shot test compares.
BLOCK_PX = 8
#: Normalised cross-correlation at or above which a block is found in the other frame.
BLOCK_MATCH_NCC = 0.5
#: Luma std (0..255) below which a block is flat in a frame (flat in both: not counted).
BLOCK_MIN_STD = 2.5
#: Blocks flat in both frames match when their mean luma differs by at most this much (0..255).
FLAT_BLOCK_LUMA = 6.0
#: Fewest textured blocks for the same-shot test to say anything.
MIN_TEXTURED_BLOCKS = 3
#: Share of textured blocks found at or above which two frames show the same shot.
SAME_SHOT_SHARE = 0.8
#: Between this share and SAME_SHOT_SHARE the frames share part of the picture (a hand
#: leaving the frame, or a jump cut on a talking head): a cut only when the change is a
#: single-frame jump.
PART_SHOT_SHARE = 0.5
#: ... a single-frame jump: the jump's pixel distance is at least this many times the
#: largest of the two frames before and after it.
ISOLATED_JUMP_RATIO = 2.5
#: Frames before a jump and after it compared by the same-shot test (a spike of up to
#: SPIKE_FRAMES frames that returns to the same content is not a cut).
SAME_SHOT_BEFORE = 3
SPIKE_FRAMES = 3
#: Cut candidates this close (s) are looked at together: when the frames between them are
#: not a shot of their own (fewer than two frames, flat frames, or frames that keep changing),
#: they are one transition (a flash or a light leak between two shots), else a short shot.
GROUP_S = 0.4
#: Luma std (0..255) below which a frame is flat (a white flash frame, a grey card).
FLAT_STD = 8.0
#: A rejected jump (the two sides share structure) is looked at again as the middle of a short
#: transition: the last steady frame before it and the first steady frame after it, at most
#: BRIDGE_MAX_S away, must be different shots, and a frame between them must be a flash or a
#: light leak (BRIDGE_FLASH_LUMA brighter than both ends) or flat.
BRIDGE_MAX_S = 0.5
BRIDGE_FLASH_LUMA = 30.0
#: Consecutive analysed frame pairs showing the same picture, hardly moving, that make the bright
#: frames between two cut candidates a short shot rather than a flash (a flash or light leak
#: changes from frame to frame).
STEADY_SHOT_PAIRS = 3
#: A frame whose pixel distance to the previous one is below this repeats it (telecine,
#: frame-rate padding): left out of the local medians.
REPEAT_PIXEL_D = 0.003
#: Luma units (0..255) by which a fading frame must differ from its neighbour.
FADE_STEP_LUMA = 0.6
#: Wipes and slides (see composition): a frame is made of the two shots side by side when the
#: mean of each pixel's smaller difference to either end (each at its best shift) is at most
#: this share of the ends' mean difference (a mix leaves ~0.5, a wipe or slide ~0.1) ...
WIPE_MAX_RESIDUAL = 0.25
#: ... and the new shot holds between this share and 1 minus it of the pixels that tell the
#: two ends apart (by more than half their mean difference).
WIPE_MIN_SHARE = 0.1
#: A pixel tells the ends apart when its differences to them differ by this share of the ends'
#: mean difference.
WIPE_DECISIVE = 0.5
#: Longest wipe or slide (s) and fewest frames of composition evidence it has.
WIPE_MAX_S = 1.5
WIPE_MIN_FRAMES = 3
#: Across the span the new shot's share must grow: at least this share of the steps between
#: frames not falling (by more than 0.05), from start to end by at least WIPE_MIN_RANGE.
WIPE_MONOTONIC = 0.9
WIPE_MIN_RANGE = 0.6
#: Largest share of the telling pixels on the wrong side of the best straight edge (a column
#: or a row) between the two parts.
WIPE_MAX_EDGE_ERROR = 0.1
#: The frames two before the span's first and two after its last may differ from it by at
#: most this many times the change the transition makes in two frames (the ends' difference
#: times 2 / the span's frames): the picture changes faster inside the span than either shot
#: moves on its own (a pan, a person crossing the frame).
WIPE_STEADY_RATIO = 1.0
#: Most frames a wipe's span is extended by at either end, to where the new shot's share
#: (fitted as a line over the span) is 0 and 1.
WIPE_EXTEND_FRAMES = 2


@dataclass
class _Frame:
    index: int
    t_s: float
    grey: np.ndarray  # float32 thumbnail, blurred
    hist: np.ndarray  # float32, 3*HIST_BINS, sums to 3
    luma: float
    luma_std: float
    dark_rows: np.ndarray | None = None  # rows / columns of the small frame never brighter than BAR_LUMA
    dark_cols: np.ndarray | None = None


def _bar_run(dark: np.ndarray) -> tuple[int, int]:
    """Leading and trailing runs of a dark-line mask, when centred (bars); else (0, 0)."""
    n = len(dark)
    if n == 0 or dark.all():
        return 0, 0
    lead = int(np.argmin(dark))
    trail = int(np.argmin(dark[::-1]))
    if abs(lead - trail) > max(2, 0.1 * n):
        return 0, 0
    return lead, trail


def _edge_dark(f: _Frame) -> bool:
    rows, cols = f.dark_rows, f.dark_cols
    assert rows is not None and cols is not None
    return bool(rows[0] or rows[-1] or cols[0] or cols[-1])


def picture_fraction(a: _Frame, b: _Frame) -> float:
    """Share of the frame inside black bars both frames have (1.0 without bars): differences
    between the frames are measured over the picture, not diluted by bars that never change
    (a landscape shot letterboxed in a 9:16 frame)."""
    if a.dark_rows is None or b.dark_rows is None or a.dark_cols is None or b.dark_cols is None:
        return 1.0
    if not (_edge_dark(a) and _edge_dark(b)):
        return 1.0  # bars touch the frame's edges
    top, bottom = _bar_run(a.dark_rows & b.dark_rows)
    left, right = _bar_run(a.dark_cols & b.dark_cols)
    h, w = len(a.dark_rows), len(a.dark_cols)
    return max(0.15, (h - top - bottom) / h * (w - left - right) / w)


def is_black_frame(grey: np.ndarray, luma_mean: float, luma_std: float, black_luma: float) -> bool:
    """No picture: dark and nearly flat, small bright overlays (a caption, a logo on black) allowed.
    grey: the frame's uint8 luma."""
    return luma_mean <= black_luma and luma_std <= BLACK_MAX_STD and luma_spread(grey) <= BLACK_MAX_SPREAD


def luma_spread(grey: np.ndarray) -> int:
    """Levels between the 5th and the 90th percentile of a uint8 luma image."""
    import cv2

    counts = np.cumsum(cv2.calcHist([grey], [0], None, [256], [0, 256]).ravel())
    total = counts[-1]
    return int(np.searchsorted(counts, 0.90 * total)) - int(np.searchsorted(counts, 0.05 * total))


def _distance(a: _Frame, b: _Frame) -> tuple[float, float]:
    """(histogram distance 0..1, pixel distance 0..1), over the picture inside shared bars."""
    share = picture_fraction(a, b)
    hist = min(1.0, float(np.abs(a.hist - b.hist).sum()) / 6.0 / share)
    pixel = min(1.0, float(np.abs(a.grey - b.grey).mean()) / 80.0 / share)
    return hist, pixel


_WINDOWS: dict[tuple[int, int], np.ndarray] = {}


def _window(shape: tuple[int, int]) -> np.ndarray:
    import cv2

    win = _WINDOWS.get(shape)
    if win is None:
        win = _WINDOWS[shape] = cv2.createHanningWindow((shape[1], shape[0]), cv2.CV_32F)
    return win


def _without_bars(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Both thumbnails cropped to the rows and columns with picture in either (black bars'
    edges would otherwise be structure that two different shots share)."""
    h, w = a.shape
    m = np.maximum(a, b)
    rows = np.flatnonzero(m.max(axis=1) > BAR_LUMA)
    cols = np.flatnonzero(m.max(axis=0) > BAR_LUMA)
    if len(rows) == 0 or len(cols) == 0:
        return a, b
    r0, r1, c0, c1 = int(rows[0]), int(rows[-1]) + 1, int(cols[0]), int(cols[-1]) + 1
    # bars are centred; dark margins on one side are a dark picture (a night sky)
    if abs(r0 - (h - r1)) > max(2, 0.1 * h):
        r0, r1 = 0, h
    if abs(c0 - (w - c1)) > max(2, 0.1 * w):
        c0, c1 = 0, w
    return a[r0:r1, c0:c1], b[r0:r1, c0:c1]


def _block_stats(a: np.ndarray, b: np.ndarray, min_ncc: float) -> tuple[int, int, int, int]:
    """(textured blocks, textured blocks of `a` found in `b`, blocks flat in both, flat blocks
    of the same brightness) for two aligned crops of equal size."""
    h, w = a.shape
    by, bx = h // BLOCK_PX, w // BLOCK_PX
    if by == 0 or bx == 0:
        return 0, 0, 0, 0
    a = a[: by * BLOCK_PX, : bx * BLOCK_PX].reshape(by, BLOCK_PX, bx, BLOCK_PX)
    b = b[: by * BLOCK_PX, : bx * BLOCK_PX].reshape(by, BLOCK_PX, bx, BLOCK_PX)
    a_mean = a.mean(axis=(1, 3))
    b_mean = b.mean(axis=(1, 3))
    a = a - a_mean[:, None, :, None]
    b = b - b_mean[:, None, :, None]
    va = (a * a).mean(axis=(1, 3))
    vb = (b * b).mean(axis=(1, 3))
    textured = (va >= BLOCK_MIN_STD**2) | (vb >= BLOCK_MIN_STD**2)
    ncc = (a * b).mean(axis=(1, 3)) / np.sqrt(np.maximum(va * vb, 1e-6))
    found = textured & (ncc >= min_ncc)
    flat = ~textured
    level = flat & (np.abs(a_mean - b_mean) <= FLAT_BLOCK_LUMA)
    return int(textured.sum()), int(found.sum()), int(flat.sum()), int(level.sum())


def structure_change(a: np.ndarray, b: np.ndarray) -> float:
    """Mean absolute difference of two grey thumbnails after each is normalised to zero mean
    and unit spread, over the blocks with texture in either (flat bars and borders left out):
    about 0 for the same picture under another exposure, ~1.1 for unrelated pictures."""
    a, b = _without_bars(a, b)
    h, w = a.shape
    by, bx = h // BLOCK_PX, w // BLOCK_PX
    if by == 0 or bx == 0:
        return 0.0
    ba = a[: by * BLOCK_PX, : bx * BLOCK_PX].reshape(by, BLOCK_PX, bx, BLOCK_PX)
    bb = b[: by * BLOCK_PX, : bx * BLOCK_PX].reshape(by, BLOCK_PX, bx, BLOCK_PX)
    textured = (ba.std(axis=(1, 3)) >= BLOCK_MIN_STD) | (bb.std(axis=(1, 3)) >= BLOCK_MIN_STD)
    if int(textured.sum()) < MIN_TEXTURED_BLOCKS:
        return 0.0
    pa = ba.transpose(0, 2, 1, 3)[textured].ravel()
    pb = bb.transpose(0, 2, 1, 3)[textured].ravel()
    za = (pa - pa.mean()) / max(float(pa.std()), 4.0)
    zb = (pb - pb.mean()) / max(float(pb.std()), 4.0)
    return float(np.abs(za - zb).mean())


def same_shot_share(a: np.ndarray, b: np.ndarray, min_ncc: float = BLOCK_MATCH_NCC,
                    flat_counts: bool = False) -> float | None:
    """Share (0..1) of the textured blocks of grey thumbnail `a` found in `b` (block NCC at
    least min_ncc), at the better of no shift and the global shift phase correlation finds.
    With flat_counts, or when fewer than MIN_TEXTURED_BLOCKS blocks have texture, blocks flat
    in both count as well, found when their brightness matches. None when the frames are too
    small to compare. Black bars are left out."""
    import cv2

    a, b = _without_bars(a, b)
    h, w = a.shape
    if h < BLOCK_PX or w < BLOCK_PX:
        return None
    candidates = [(0, 0)]
    (dx, dy), response = cv2.phaseCorrelate(a, b, _window(a.shape))
    sx, sy = int(round(dx)), int(round(dy))
    if (sx, sy) != (0, 0) and abs(sx) <= w // 2 and abs(sy) <= h // 2 and response > 0.05:
        candidates.append((sx, sy))
    best: float | None = None
    for sx, sy in candidates:
        # content at p in `a` is at p + (sx, sy) in `b`
        ca = a[max(0, -sy) : h - max(0, sy), max(0, -sx) : w - max(0, sx)]
        cb = b[max(0, sy) : h - max(0, -sy), max(0, sx) : w - max(0, -sx)]
        textured, found, flat, flat_found = _block_stats(ca, cb, min_ncc)
        if flat_counts or textured < MIN_TEXTURED_BLOCKS:
            # little texture to compare (a night sky): flat blocks count, by their brightness
            textured, found = textured + flat, found + flat_found
        if textured < MIN_TEXTURED_BLOCKS:
            continue
        share = found / textured
        best = share if best is None else max(best, share)
    return best


def _shift_candidates(cur: np.ndarray, other: np.ndarray) -> set[tuple[int, int]]:
    """Shifts (content at p in `cur` is at p + shift in `other`) worth trying: none, the global
    shift phase correlation finds and the same shift a frame's width (or height) the other
    way (a slide brings a shot in from beyond the edge, which correlation wraps around)."""
    import cv2

    h, w = cur.shape
    out = {(0, 0)}
    (dx, dy), response = cv2.phaseCorrelate(cur, other, _window(cur.shape))
    if response > 0.05:
        sx, sy = int(round(dx)), int(round(dy))
        for ax in {sx, sx - w if sx > 0 else sx + w}:
            for ay in {sy, sy - h if sy > 0 else sy + h}:
                if abs(ax) < w and abs(ay) < h:
                    out.add((ax, ay))
    return out


def _nearest_difference(cur: np.ndarray, other: np.ndarray, cap: float) -> np.ndarray:
    """Per pixel of `cur`, its smallest absolute difference to `other` over the candidate
    shifts (cap where no shift covers it, and at most cap)."""
    h, w = cur.shape
    best = np.full(cur.shape, cap, np.float32)
    for sx, sy in _shift_candidates(cur, other):
        y0, y1, x0, x1 = max(0, -sy), h - max(0, sy), max(0, -sx), w - max(0, sx)
        if y1 - y0 < 2 or x1 - x0 < 2:
            continue
        diff = np.abs(cur[y0:y1, x0:x1] - other[y0 + sy : y1 + sy, x0 + sx : x1 + sx])
        np.minimum(best[y0:y1, x0:x1], diff, out=best[y0:y1, x0:x1])
    return best


@dataclass(frozen=True)
class Composition:
    """How frame `cur` is made of two other frames side by side (see composition)."""

    residual: float  # mean per-pixel smaller difference, in units of the ends' mean difference
    share_b: float | None  # share of the telling pixels nearer `b` (None: too few tell)
    b_pixels: np.ndarray  # telling pixels nearer `b`
    telling: np.ndarray  # pixels whose differences to `a` and `b` differ clearly


def composition(cur: np.ndarray, a: np.ndarray, b: np.ndarray) -> Composition | None:
    """Is `cur` made of `a` and `b` side by side (a wipe, or a slide that shifts them)?
    Grey thumbnails; None when `a` and `b` hardly differ."""
    ends = float(np.abs(a - b).mean())
    if ends <= 1.0:
        return None
    cap = 2.0 * ends
    to_a = _nearest_difference(cur, a, cap)
    to_b = _nearest_difference(cur, b, cap)
    residual = float(np.minimum(to_a, to_b).mean()) / ends
    telling = np.abs(to_a - to_b) > WIPE_DECISIVE * ends
    b_pixels = telling & (to_b < to_a)
    n = int(telling.sum())
    share = float(b_pixels.sum()) / n if n >= 0.1 * telling.size else None
    return Composition(residual, share, b_pixels, telling)


def edge_error(part: np.ndarray, telling: np.ndarray) -> float:
    """Share of the telling pixels on the wrong side of the best straight vertical or
    horizontal edge between `part` and the rest (0: two parts meeting at a straight edge)."""
    total = float(telling.sum())
    if total < 1:
        return 1.0
    best = 1.0
    for axis in (0, 1):
        inside = part.sum(axis=axis).astype(np.float64)
        outside = telling.sum(axis=axis).astype(np.float64) - inside
        # the part on the low side [0, x) or on the high side [x, n)
        low = np.concatenate([[0.0], np.cumsum(outside)]) + (inside.sum() - np.concatenate([[0.0], np.cumsum(inside)]))
        high = np.concatenate([[0.0], np.cumsum(inside)]) + (outside.sum() - np.concatenate([[0.0], np.cumsum(outside)]))
        best = min(best, float(min(low.min(), high.min())) / total)
    return best


def _median_sorted(values: list[float]) -> float:
    """np.median of a short sorted list, without numpy's per-call overhead (called per frame)."""
    n = len(values)
    if n == 0:
        return 0.0
    mid = n // 2
    return values[mid] if n % 2 else (values[mid - 1] + values[mid]) / 2.0


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
        # dissolve test half-lengths in seconds, so decimated or VFR input behaves the same
        self.half_lengths_s = tuple(k / 30.0 for k in DISSOLVE_HALF_LENGTHS_30FPS)
        self.half_lengths = tuple(max(2, int(round(k * scale))) for k in DISSOLVE_HALF_LENGTHS_30FPS)
        self.lag = max(max(self.half_lengths), MEDIAN_HALF_WINDOW, FLASH_SPAN) + 1
        self._mix_evaluated = -1
        self.ring: deque[_Frame] = deque(maxlen=2 * self.lag + DISSOLVE_HISTORY)
        self._dissolves_found: list[tuple[int, int, float]] = []
        self._mix_run_start: int | None = None
        self._wipe_run: tuple[int, int] | None = None  # first and latest frame with composition evidence
        self._wipes_found: list[tuple[int, int]] = []
        self.times: array[float] = array("d")
        self.scores: array[float] = array("d")  # score vs previous frame (0 for the first)
        self.hist_d: array[float] = array("d")  # histogram distance vs previous frame
        self.pixel_d: array[float] = array("d")  # pixel distance vs previous frame
        self.luma: array[float] = array("d")
        self.luma_std: array[float] = array("d")
        self.black: array[int] = array("b")  # 1 where the frame has no picture (is_black_frame)
        self.mix: array[float] = array("d")  # best dissolve evidence per frame (1 = none)
        self._cut_candidates: list[tuple[int, float]] = []
        self._bridges: list[tuple[int, int]] = []  # short transitions (first, last frame)
        self._seeds: list[int] = []  # rejected jumps waiting to be looked at as transitions
        self._evaluated = -1

    # ------------------------------------------------------------------ streaming
    def process(self, t_s: float, rgb_small: np.ndarray, grey_small: np.ndarray | None = None) -> float:
        """Add one frame (grey_small: its grey version, when the caller has it); returns its
        difference score vs the previous frame."""
        cv2 = self._cv2
        h, w = rgb_small.shape[:2]
        th = max(8, int(round(h * THUMB_WIDTH_PX / w)))
        grey_full = cv2.cvtColor(rgb_small, cv2.COLOR_RGB2GRAY) if grey_small is None else grey_small
        grey = cv2.resize(grey_full, (THUMB_WIDTH_PX, th), interpolation=cv2.INTER_AREA)
        grey = cv2.GaussianBlur(grey.astype(np.float32), (3, 3), 0)
        hist = np.concatenate([
            cv2.calcHist([rgb_small], [c], None, [HIST_BINS], [0, 256]).ravel() for c in range(3)
        ]).astype(np.float32)
        hist /= max(1.0, float(h * w))
        luma, luma_std = cv2.meanStdDev(grey_full)
        frame = _Frame(len(self.times), float(t_s), grey, hist, float(luma[0][0]), float(luma_std[0][0]),
                       grey_full.max(axis=1) <= BAR_LUMA, grey_full.max(axis=0) <= BAR_LUMA)
        hist_d, pixel_d = _distance(self.ring[-1], frame) if self.ring else (0.0, 0.0)
        score = 0.5 * hist_d + 0.5 * pixel_d
        self.ring.append(frame)
        self.times.append(frame.t_s)
        self.scores.append(score)
        self.hist_d.append(hist_d)
        self.pixel_d.append(pixel_d)
        self.luma.append(frame.luma)
        self.luma_std.append(frame.luma_std)
        self.black.append(is_black_frame(grey_full, frame.luma, frame.luma_std, self.settings.fade_black_luma))
        self.mix.append(1.0)
        self._evaluate_up_to(frame.index - self.lag)
        return score

    def settled_s(self) -> float:
        """Time up to which cut decisions are final (-inf before the first): a candidate can
        still be merged with one found up to GROUP_S later."""
        return self.times[self._evaluated] - GROUP_S - 1e-6 if self._evaluated >= 0 else float("-inf")

    def last_cut_s(self, t_s: float) -> float:
        """Time of the last cut candidate at or before t_s (0.0 when none): final once
        settled_s() >= t_s, so it does not depend on how far decoding has run ahead."""
        for c, _ in reversed(self._cut_candidates):
            if self.times[c] <= t_s + 1e-9:
                return self.times[c]
        return 0.0

    def _get(self, index: int) -> _Frame | None:
        if not self.ring:
            return None
        first = self.ring[0].index
        i = index - first
        return self.ring[i] if 0 <= i < len(self.ring) else None

    def _evaluate_up_to(self, last: int, final: bool = False) -> None:
        while self._evaluated < last:
            self._evaluated += 1
            self._evaluate_cut(self._evaluated)
        newest_t = self.times[-1] if self.times else 0.0
        while self._seeds and (final or self.times[self._seeds[0]] + BRIDGE_MAX_S + 0.1 <= newest_t):
            self._evaluate_bridge(self._seeds.pop(0))
        # the mix test needs max(half_lengths_s) of future frames
        newest = self.times[-1] if self.times else 0.0
        horizon = max(self.half_lengths_s) + 1e-6
        while self._mix_evaluated + 1 < len(self.times) and (
            final or self.times[self._mix_evaluated + 1] + horizon <= newest
        ):
            self._mix_evaluated += 1
            self._evaluate_mix(self._mix_evaluated)

    def _evaluate_cut(self, c: int) -> None:
        if c <= 0:
            return
        s = self.settings
        lo, hi = max(1, c - MEDIAN_HALF_WINDOW), min(len(self.scores), c + MEDIAN_HALF_WINDOW + 1)
        strength = 0.0
        # each channel against its own local median: fast pans raise the pixel median but
        # not the histogram one; shots with similar palettes still differ in pixels
        pixel_d = self.pixel_d
        # repeated frames (telecine, frame-rate padding) would pull the median to zero
        others = [i for i in range(lo, hi) if i != c and pixel_d[i] >= REPEAT_PIXEL_D] or \
            [i for i in range(lo, hi) if i != c]
        for series in (self.hist_d, pixel_d):
            value = series[c]
            neighbours = sorted(series[i] for i in others)
            median = _median_sorted(neighbours)
            if value - median >= s.cut_threshold and value >= s.cut_adaptive_ratio * median:
                strength = max(strength, (value - median) / s.cut_threshold)
        if strength < 1.0:
            return
        score = self.scores[c]
        if score < max(self.scores[c - 1] if c - 1 >= 1 else 0.0,
                       self.scores[c + 1] if c + 1 < len(self.scores) else 0.0):
            return  # not the local peak
        if self._is_flash_edge(c) or self._same_shot_across(c):
            if not self._seeds or self._seeds[-1] < c - 1:
                self._seeds.append(c)
            return
        self._add_candidate(c, score)

    def _add_candidate(self, c: int, score: float) -> None:
        """A cut at c, unless the frames since the previous candidate (less than GROUP_S
        before) are no shot of their own: then both are one short transition."""
        prev = self._cut_candidates[-1] if self._cut_candidates else None
        if prev is not None and self.times[c] - self.times[prev[0]] <= GROUP_S and self._between_shots(prev[0] - 1, c):
            self._cut_candidates.pop()
            self._bridges.append((max(0, prev[0] - 1), c))
            return
        if self._bridges and self._bridges[-1][1] < c and self.times[c] - self.times[self._bridges[-1][1]] <= GROUP_S \
                and self._between_shots(self._bridges[-1][1] - 1, c):
            self._bridges[-1] = (self._bridges[-1][0], c)
            return
        self._cut_candidates.append((c, score))

    def _between_shots(self, a: int, b: int) -> bool:
        """Are the frames strictly between a and b transition frames, not a shot: a single
        frame, or a run with a flat frame or a flash (BRIDGE_FLASH_LUMA brighter than both a and b)
        that does not hold still? A brighter picture that holds for STEADY_SHOT_PAIRS frame pairs is
        a short shot of its own (a bright 7-frame shot in a montage), not a flash."""
        if b - a <= 2:
            return True
        if any(self._is_flat(k) for k in range(a + 1, b)):
            return True
        ends = max(self.luma[a], self.luma[b])
        if not any(self.luma[k] >= ends + BRIDGE_FLASH_LUMA for k in range(a + 1, b)):
            return False
        held = 0
        for k in range(a + 1, b - 1):
            held = held + 1 if self._steady(k) else 0
            if held >= STEADY_SHOT_PAIRS:
                return False
        return True

    def _is_flat(self, k: int) -> bool:
        return self.luma_std[k] < FLAT_STD

    def _steady(self, k: int) -> bool:
        """Frames k and k + 1 show the same picture, hardly moving."""
        a, b = self._get(k), self._get(k + 1)
        if a is None or b is None or self._is_flat(k) or self._is_flat(k + 1):
            return False
        # steady for this shot: a fast pan changes every frame a lot, steadily
        lo, hi = max(1, k - MEDIAN_HALF_WINDOW), min(len(self.pixel_d), k + MEDIAN_HALF_WINDOW + 1)
        usual = _median_sorted(sorted(self.pixel_d[lo:hi]))
        if self.pixel_d[k + 1] > max(0.3, 2.0 * usual) or self.hist_d[k + 1] > 0.15:
            return False
        share = same_shot_share(a.grey, b.grey)
        return share is None or share >= SAME_SHOT_SHARE

    def _evaluate_bridge(self, seed: int) -> None:
        """Is the rejected jump at `seed` inside a short transition between two shots (a
        flash or light leak the jump tests see through)?"""
        if any(a <= seed <= b for a, b in self._bridges):
            return
        t0 = self.times[seed]
        a = seed - 1
        while a > 0 and not self._steady(a - 1) and t0 - self.times[a] <= BRIDGE_MAX_S:
            a -= 1
        b = seed
        while b + 2 < len(self.times) and not (self._steady(b) and self._steady(b + 1)) \
                and self.times[b] - t0 <= BRIDGE_MAX_S:
            b += 1
        if a < 0 or b <= a + 1 or t0 - self.times[a] > BRIDGE_MAX_S or self.times[b] - t0 > BRIDGE_MAX_S:
            return
        fa, fb = self._get(a), self._get(b)
        if fa is None or fb is None or not self._between_shots(a, b):
            return
        share = same_shot_share(fa.grey, fb.grey)
        if share is None or share >= PART_SHOT_SHARE:
            return  # a flash inside one shot (fireworks over a night sky)
        self._bridges.append((a, b))

    def _same_shot_across(self, c: int) -> bool:
        """Do frames on the two sides of the jump at c show the same shot? Frames up to
        SPIKE_FRAMES + 1 apart across it are compared on structure (see same_shot_share), so
        a jolt, a whip pan, an exposure step or a spike of up to SPIKE_FRAMES frames that
        returns to the same content (a flash, a decode glitch) is not taken for a cut. Frames
        that share only part of the picture are the same shot unless the jump is a
        single-frame one."""
        best: float | None = None
        # the frame before the jump against the frames up to a spike's length after it (the
        # start of a spike), the frames up to a spike's length before it against the jump's
        # frame (the end of one), and across a blended frame
        pairs = [(c - 1, c + k) for k in range(SPIKE_FRAMES + 1)]
        pairs += [(c - 1 - k, c) for k in range(1, SPIKE_FRAMES + 1)] + [(c - 2, c + 1)]
        for i, j in pairs:
            a, b = self._get(i), self._get(j)
            if a is None or b is None or i < 0:
                continue
            share = same_shot_share(a.grey, b.grey)
            if share is not None and (best is None or share > best):
                best = share
            if best is not None and best >= SAME_SHOT_SHARE:
                return True
        if best is None or best < PART_SHOT_SHARE:
            return False
        pixel_d = self.pixel_d
        around = [pixel_d[k] for k in (c - 2, c - 1, c + 1, c + 2) if 1 <= k < len(pixel_d)]
        return pixel_d[c] < ISOLATED_JUMP_RATIO * max(around, default=0.0)

    def _is_flash_edge(self, c: int) -> bool:
        """Is the jump at c the start or the end of a brief spike that returns to the same
        scene (a flash, a strobe, one corrupt frame)? Looks for a frame before the jump and a
        frame after it (skipping at most 3 spike frames) with similar colours and luma."""
        prev, cur = self._get(c - 1), self._get(c)
        if prev is None or cur is None:
            return False
        jump_hist, _ = _distance(prev, cur)
        jump_luma = abs(cur.luma - prev.luma)
        for i in range(c - FLASH_SPAN, c):
            a = self._get(i)
            if a is None:
                continue
            for j in range(c, c + FLASH_SPAN):
                if j - i < 2 or j - i > FLASH_SPAN:
                    continue
                b = self._get(j)
                if b is None:
                    continue
                h, _ = _distance(a, b)
                if h >= self.settings.flash_similarity * max(jump_hist, 0.05) / 0.4:
                    continue
                if abs(a.luma - b.luma) > 0.35 * jump_luma + 4.0:
                    continue
                # the frames in between must be the spike: far from both ends
                between = [self._get(k) for k in range(i + 1, j)]
                if all(f is not None and _distance(a, f)[0] > 2 * h + 0.05 for f in between):
                    return True
        return False

    def _evaluate_mix(self, c: int) -> None:
        """Dissolve evidence at frame c: is it the mix of the frames h seconds before and after
        (weighted by time, so decimated and VFR input work)?"""
        import bisect

        cur = self._get(c)
        if cur is None:
            return
        best = 1.0
        composed = False  # made of the frames before and after side by side (a wipe, a slide)
        tc = self.times[c]
        for h in self.half_lengths_s:
            ia = min(c - 1, bisect.bisect_right(self.times, tc - h + 1e-6) - 1)
            ib = max(c + 1, bisect.bisect_left(self.times, tc + h - 1e-6))
            if ia < 0 or ib >= len(self.times):
                continue
            a, b = self._get(ia), self._get(ib)
            if a is None or b is None:
                continue
            if (self.times[ib] - self.times[ia]) > 3.0 * h:
                continue  # a gap in the stream, not a window
            ends = float(np.abs(a.grey - b.grey).mean()) / 80.0
            if ends < DISSOLVE_MIN_CHANGE:
                continue
            hist_ends = float(np.abs(a.hist - b.hist).sum()) / 6.0
            if hist_ends < DISSOLVE_MIN_HIST_CHANGE:
                continue  # slow smooth motion mimics a mix, but keeps its colours
            w = (tc - self.times[ia]) / (self.times[ib] - self.times[ia])
            mix = (1.0 - w) * a.grey + w * b.grey
            # a real mix is close to the weighted sum of its neighbours, a pan or a cut is not
            ratio = float(np.abs(cur.grey - mix).mean()) / 80.0 / ends
            # consecutive-frame change must not be a single jump (that is a cut)
            if max(self.scores[ia + 1 : ib + 1]) > 0.6 * _score(a, b):
                continue
            best = min(best, ratio)
            if not composed and ratio >= DISSOLVE_MIX_RATIO:
                comp = composition(cur.grey, a.grey, b.grey)
                composed = (comp is not None and comp.residual <= WIPE_MAX_RESIDUAL and comp.share_b is not None
                            and WIPE_MIN_SHARE <= comp.share_b <= 1.0 - WIPE_MIN_SHARE)
        self._track_wipe(c, composed)
        self.mix[c] = best
        if best < DISSOLVE_MIX_RATIO:
            if self._mix_run_start is None:
                self._mix_run_start = c
        elif self._mix_run_start is not None:
            self._close_mix_run(self._mix_run_start, c - 1)
            self._mix_run_start = None

    def _track_wipe(self, c: int, composed: bool) -> None:
        """Runs of composition evidence (a one-frame gap allowed), each looked at once closed."""
        run = self._wipe_run
        if composed:
            self._wipe_run = (run[0], c) if run is not None else (c, c)
        elif run is not None and c - run[1] >= 2:
            self._wipe_run = None
            self._close_wipe_run(*run)

    def _close_wipe_run(self, i: int, j: int) -> None:
        """Keep the span from the frame before the run to the one after it as a wipe or slide
        when, against those two ends, the new shot's share grows steadily to most of the
        picture, the parts meet at a straight edge, and the picture changes faster inside
        the span than either shot moves just outside it."""
        a, b = i - 1, j + 1
        fa, fb = self._get(a), self._get(b)
        before, after = self._get(a - 2) or fa, self._get(b + 2) or fb
        if fa is None or fb is None or before is None or after is None or j - i + 1 < WIPE_MIN_FRAMES:
            return
        if self.times[b] - self.times[a] > WIPE_MAX_S or self._one_shot(a, b) or self._cut_inside(a, b):
            return
        ends = float(np.abs(fa.grey - fb.grey).mean())
        pace = ends * 2.0 / (b - a)  # the transition's change in two frames
        if max(float(np.abs(before.grey - fa.grey).mean()), float(np.abs(after.grey - fb.grey).mean())) \
                > WIPE_STEADY_RATIO * pace:
            return
        shares, times, edges, residuals = [], [], [], []
        for k in range(i, j + 1):
            f = self._get(k)
            comp = composition(f.grey, fa.grey, fb.grey) if f is not None else None
            if comp is None:
                return
            residuals.append(comp.residual)
            if comp.share_b is not None:
                shares.append(comp.share_b)
                times.append(self.times[k])
                edges.append(edge_error(comp.b_pixels, comp.telling))
        if len(shares) < WIPE_MIN_FRAMES or float(np.median(residuals)) > WIPE_MAX_RESIDUAL:
            return
        steps = np.diff(shares)
        if float((steps > -0.05).mean()) < WIPE_MONOTONIC or max(shares) - min(shares) < WIPE_MIN_RANGE:
            return
        if float(np.median(edges)) > WIPE_MAX_EDGE_ERROR:
            return
        # the first and last frames of a wipe show too little of one shot to count as evidence:
        # the span runs from where the new shot's share, fitted as a line, is 0 to where it is 1
        slope, offset = np.polyfit(times, shares, 1)
        if slope > 0:
            t0, t1 = -offset / slope, (1.0 - offset) / slope
            while a - 1 >= max(0, i - 1 - WIPE_EXTEND_FRAMES) and self.times[a - 1] >= t0 - 0.5 / self.fps:
                a -= 1
            while b + 1 <= min(len(self.times) - 1, j + 1 + WIPE_EXTEND_FRAMES) and self.times[b + 1] <= t1 + 0.5 / self.fps:
                b += 1
        self._wipes_found.append((a, b))

    def _close_mix_run(self, i: int, j: int) -> None:
        """Refine the span of a run of mix evidence and keep it if a linear mix of the
        span's two ends explains the frames inside (validated while they are in the ring).
        When the refined span does not fit (a shot that keeps moving fast makes the span
        overshoot), the closest narrower span that fits is taken."""
        if j - i + 1 < 2 or self.times[j] - self.times[i] < 0.5 * self.settings.dissolve_min_s - 1e-6:
            return
        a, b = self._dissolve_span(i, j)
        if self._one_shot(a, b):
            return  # one shot whose exposure changed while things moved in it
        max_a, min_b = max(a, min(i, b - 2)), min(b, max(j + 1, a + 2))
        for shrink in range(0, (max_a - a) + (b - min_b) + 1):
            for da in range(0, min(shrink, max_a - a) + 1):
                db = shrink - da
                if db > b - min_b:
                    continue
                aa, bb = a + da, b - db
                if self.times[bb] - self.times[aa] < self.settings.dissolve_min_s:
                    continue
                residual = self._mix_fit(aa, bb)
                if residual is not None and not self._one_shot(aa, bb) and not self._cut_inside(aa, bb):
                    aa, bb = self._ramp_ends(aa, bb)
                    self._dissolves_found.append((aa, bb, residual))
                    return

    def _cut_inside(self, a: int, b: int) -> bool:
        """Does one frame-to-frame jump carry most of the change from a to b (a cut, which a
        span around it would fit as a mix that steps from 0 to 1)?"""
        fa, fb = self._get(a), self._get(b)
        if fa is None or fb is None:
            return False
        return max(self.scores[a + 1 : b + 1], default=0.0) > 0.6 * _score(fa, fb)

    def _one_shot(self, a: int, b: int) -> bool:
        """Frames a and b show the same shot: their structure hardly differs once brightness
        and contrast are normalised, or most of it is found across (see same_shot_share)."""
        fa, fb = self._get(a), self._get(b)
        if fa is None or fb is None:
            return False
        if structure_change(fa.grey, fb.grey) < DISSOLVE_MIN_STRUCTURE_CHANGE:
            return True
        share = same_shot_share(fa.grey, fb.grey, DISSOLVE_SAME_BLOCK_NCC)
        return share is not None and share >= DISSOLVE_SAME_SHOT_SHARE

    def _ramp_ends(self, a: int, b: int) -> tuple[int, int]:
        """Tighten a validated span to where the mix weight actually ramps: fit
        alpha(t) = h0 + (h1 - h0) * clip((t - ta) / (tb - ta), 0, 1) by least squares (the
        shots may keep moving before and after, which shows as plateaus off 0 and 1)."""
        fa, fb = self._get(a), self._get(b)
        if fa is None or fb is None or b - a < 4:
            return a, b
        d = fb.grey - fa.grey
        norm = float((d * d).sum()) or 1.0
        frames = [self._get(k) for k in range(a, b + 1)]
        if any(f is None for f in frames):
            return a, b
        alpha = np.array([float(((f.grey - fa.grey) * d).sum()) / norm for f in frames])  # type: ignore[union-attr]
        t = np.array(self.times[a : b + 1])
        n = len(t)
        best, best_ab = float("inf"), (a, b)
        for ia in range(0, n - 2):
            for ib in range(ia + 2, n):
                x = np.clip((t - t[ia]) / (t[ib] - t[ia]), 0.0, 1.0)
                xm, am = x.mean(), alpha.mean()
                var = float(((x - xm) ** 2).sum())
                if var <= 0:
                    continue
                slope = float(((x - xm) * (alpha - am)).sum()) / var
                if slope <= 0.5:
                    continue  # the ramp must carry most of the change
                sse = float(((alpha - (am + slope * (x - xm))) ** 2).sum())
                if sse < best - 1e-9:
                    best, best_ab = sse, (a + ia, a + ib)
        aa, bb = best_ab
        if self.times[bb] - self.times[aa] < self.settings.dissolve_min_s:
            return a, b
        return aa, bb

    def _mix_fit(self, a: int, b: int) -> float | None:
        """Median residual of explaining frames a..b as a monotonic mix of frames a and b,
        or None when they are not such a mix."""
        fa, fb = self._get(a), self._get(b)
        if fa is None or fb is None or b - a < 2:
            return None
        d = fb.grey - fa.grey
        ends = float(np.abs(d).mean())
        if ends / 80.0 < DISSOLVE_MIN_CHANGE * 0.8:
            return None
        norm = float((d * d).sum()) or 1.0
        alphas, residuals = [], []
        for k in range(a + 1, b):
            f = self._get(k)
            if f is None:
                return None
            alpha = float(((f.grey - fa.grey) * d).sum()) / norm
            alpha = min(1.0, max(0.0, alpha))
            residuals.append(float(np.abs(f.grey - (fa.grey + alpha * d)).mean()) / ends)
            alphas.append(alpha)
        steps = np.diff([0.0] + alphas + [1.0])
        monotonic = float((steps > -0.05).mean())
        residual = float(np.median(residuals))
        if residual <= DISSOLVE_MAX_RESIDUAL and monotonic >= 0.8 and max(alphas) - min(alphas) >= 0.4:
            return residual
        return None

    # ------------------------------------------------------------------ results
    def finish(self) -> list[Transition]:
        self._evaluate_up_to(len(self.times) - 1, final=True)
        if self._wipe_run is not None:
            self._close_wipe_run(*self._wipe_run)
            self._wipe_run = None
        fades = self._fades()
        dissolves = self._dissolves(fades)
        gradual = sorted(fades + dissolves, key=lambda t: t.start_s)
        for a, b in self._wipes_found:
            ta, tb = self.times[a], self.times[b]
            if not any(ta <= t.end_s and tb >= t.start_s for t in gradual):
                gradual.append(Transition("gradual", ta, tb))
        gradual.sort(key=lambda t: t.start_s)
        soft = [(self._index_of(t.start_s), self._index_of(t.end_s)) for t in gradual]
        short: list[tuple[int, int]] = []
        for a, b in sorted(self._bridges):
            if any(a <= y and b >= x for x, y in soft + short):
                continue
            gradual.append(Transition("gradual", self.times[a], self.times[b]))
            short.append((a, b))
        gradual.sort(key=lambda t: t.start_s)
        spans = soft + short
        cuts = []
        for c, score in self._cut_candidates:
            # a cut next to a fade or dissolve is its edge; a short transition starts on the
            # last frame of the shot before it, which may have begun with a cut
            if any(a - 1 <= c <= b + 1 for a, b in soft) or any(a < c <= b for a, b in short):
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
        n = len(self.luma)
        black = self.black
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
            # the run may start with very dim fading frames: the fade ends at true black
            floor = min(self.luma[i : j + 1]) + 1.5
            first_black = next(x for x in range(i, j + 1) if self.luma[x] <= floor)
            last_black = max(x for x in range(i, j + 1) if self.luma[x] <= floor)
            if first_black - k >= 2:  # k is the last frame at full brightness
                out.append(Transition("fade_out", self.times[k], self.times[first_black]))
            # fade_in: walk forward while luma keeps increasing after the black run
            m = last_black
            while m + 1 < n and self.luma[m + 1] > self.luma[m] + FADE_STEP_LUMA:
                m += 1
            if m - last_black >= 2:  # m is the first frame at full brightness
                out.append(Transition("fade_in", self.times[last_black], self.times[m]))
            j = max(j, m)
            i = j + 1
        return out

    def _dissolves(self, fades: list[Transition]) -> list[Transition]:
        if self._mix_run_start is not None:
            self._close_mix_run(self._mix_run_start, len(self.mix) - 1)
            self._mix_run_start = None
        fade_spans = [(f.start_s, f.end_s) for f in fades]
        out: list[Transition] = []
        # best-fitting first; drop any that overlaps one already kept or a fade
        for a, b, _res in sorted(self._dissolves_found, key=lambda x: x[2]):
            ta, tb = self.times[a], self.times[b]
            if any(ta <= fe and tb >= fs for fs, fe in fade_spans):
                continue
            if any(ta <= t.end_s and tb >= t.start_s for t in out):
                continue
            out.append(Transition("dissolve", ta, tb))
        return out

    def _dissolve_span(self, i: int, j: int) -> tuple[int, int]:
        """Span of the sustained change around the mix run [i, j]: where the per-frame
        score (smoothed over ~0.1 s) rises above the baseline of the shot before."""
        n = len(self.scores)
        lo = max(1, i - 60)
        local = np.asarray(self.scores[lo:n], dtype=np.float64)
        # change per nominal frame interval: when the decoder skips unreferenced frames the
        # gaps alternate between one and two frames, and so would the raw scores
        gaps = np.diff(np.asarray(self.times[lo - 1 : n], dtype=np.float64)) * self.fps
        local = local / np.maximum(1.0, np.round(gaps))
        span_s = max(1e-3, self.times[min(n - 1, j)] - self.times[i])
        frames_per_s = max(1.0, (j - i) / span_s) if j > i else self.fps
        width = max(1, int(round(0.1 * frames_per_s)))
        if width > 1 and len(local) >= width:
            local = np.convolve(local, np.ones(width) / width, mode="same")
        sm = lambda k: float(local[k - lo])  # noqa: E731
        centre = (i + j) // 2
        inside = [sm(k) for k in range(i, min(n, j + 2))] or [0.0]
        level = float(np.median(inside))
        before = [sm(k) for k in range(max(lo, i - 40), max(lo, i - 10))]
        after = [sm(k) for k in range(min(n, j + 10), min(n, j + 40))]
        base = float(np.median(before + after)) if (before or after) else 0.0
        thr = base + 0.5 * max(0.0, level - base)
        a = centre
        while a - 1 > lo and sm(a) > thr:
            a -= 1
        b = centre
        while b + 1 < n and sm(b + 1) > thr:
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
        elif t.kind in ("dissolve", "gradual"):
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
