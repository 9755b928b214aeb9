"""Sampled frames: a few larger frames kept (as JPEG) for OCR, QR codes and the filmstrip.

Every decode process picks the first frame of each cell of a fixed time grid (about twice a
second; denser in the hook window) with ffmpeg's ``select`` and writes it to its own pipe at
the sample size (short side ``sample_short_side_px``, BGR); the sampler keeps the first frame,
the hook window, one per shot (capped), some in between and the last seconds.
"""

from __future__ import annotations

import queue
from collections import deque
from dataclasses import dataclass
from typing import IO

import numpy as np

from prelint.media.facts import AnalysisSettings, SampledFrame
from prelint.media.ffmpeg_process import timed_frames
from prelint.media.memory import BufferPool

#: Spacing (s) of sampled-frame candidates after the hook window.
SAMPLE_EVERY_S = 0.5
#: Candidates for per-shot frames are kept at least this far apart, except after a cut.
CANDIDATE_SPACING_S = 1.0
#: Frames kept in the hook window besides the first one.
HOOK_FRAMES = 6
#: Frames kept from the last seconds.
LAST_FRAMES = 3
LAST_WINDOW_S = 3.0
#: A shot's representative frame is the first candidate this far into the shot.
SHOT_FRAME_OFFSET_S = 0.4
SAMPLE_JPEG_QUALITY = 90  # sampled frames are kept as JPEG; OCR reads q90 JPEG as well as the raw frame
#: The sampled frames' long side is at most this many times sample_short_side_px (a 4:1 panorama
#: keeps its size; a 9:16 draft's frames are 540×960).
MAX_SAMPLE_ASPECT = 4
#: JPEG bytes the candidate frames may hold together before they are thinned (a 540×960 frame of
#: ordinary footage is 50–150 KB; frames of noise about 500 KB).
MAX_CANDIDATE_BYTES = 64 << 20
#: Sampling-grid edges sit this far (s) before the nominal times (see SampleGrid.cell).
CELL_EDGE_SHIFT_S = 1e-4


def sample_size(width: int, height: int, settings: AnalysisSettings) -> tuple[int, int]:
    """(width, height) of the sampled frames: the short side sample_short_side_px (never
    upscaled), even sizes, and the long side at most MAX_SAMPLE_ASPECT times that (a strip of
    extreme proportions is scaled down further: a 43200×810 video kept 28800×540 frames, 3 GB of
    them in prelint's own process)."""
    short = settings.sample_short_side_px
    w, h = width, height
    if w <= h:
        bw, bh = min(short, w), min(short, w) * h / w
    else:
        bh, bw = min(short, h), min(short, h) * w / h
    longest = MAX_SAMPLE_ASPECT * short
    if max(bw, bh) > longest:
        scale = longest / max(bw, bh)
        bw, bh = bw * scale, bh * scale
    return max(2, int(round(bw)) // 2 * 2), max(2, int(round(bh)) // 2 * 2)


@dataclass(frozen=True)
class SampleGrid:
    """Sampled frames are the first frame of each cell of a time grid (HOOK_FRAMES + 1 cells in
    the hook window, SAMPLE_EVERY_S after it), so they are the same frames however the video is
    cut into stretches. The cells' edges are shifted by `phase` (a fraction of a cell, the same
    for every cell; the first cell starts at 0 and is longer by that much): with a phase nobody can
    know in advance (see sample_phase), a file cannot put a QR code in every frame but the ones that
    would be sampled."""

    hook_s: float
    phase: float = 0.0

    @property
    def hook_step_s(self) -> float:
        return self.hook_s / (HOOK_FRAMES + 1)

    def cell(self, t_s: float) -> int:
        # both sides shift the edges by CELL_EDGE_SHIFT_S, so a frame on an edge (15.5 s) and its
        # printed time (rounded to the microsecond) fall in the same cell for ffmpeg and here
        t = t_s + CELL_EDGE_SHIFT_S
        if t < self.hook_s:
            return max(0, int((t - self.phase * self.hook_step_s) // self.hook_step_s))
        return HOOK_FRAMES + 1 + int((t - self.hook_s - self.phase * SAMPLE_EVERY_S) // SAMPLE_EVERY_S)

    def ffmpeg_expr(self, var: str) -> str:
        """cell() of the variable `var` as an ffmpeg expression (commas escaped for a filter graph)."""
        t = f"({var}+{CELL_EDGE_SHIFT_S})"
        hook_shift = self.phase * self.hook_step_s
        rest_shift = self.hook_s + self.phase * SAMPLE_EVERY_S
        return (f"if(lt({t}\\,{self.hook_s:.6f})\\,max(0\\,floor(({t}-{hook_shift:.9f})/{self.hook_step_s:.9f}))\\,"
                f"{HOOK_FRAMES + 1}+floor(({t}-{rest_shift:.9f})/{SAMPLE_EVERY_S}))")


def sample_phase(content_key: str) -> float:
    """The grid's phase for a video: from the cache folder's secret and the video's content hash,
    so the same video is sampled the same way on this machine and no file can know the frames in
    advance; a fresh random phase when the cache folder has no usable secret."""
    import hashlib
    import hmac
    import os

    from prelint.cache_folder import sampling_secret

    secret = sampling_secret()
    if secret is None:
        return int.from_bytes(os.urandom(4), "big") / 2**32
    digest = hmac.new(secret, b"sample-phase:" + content_key.encode(), hashlib.sha256).digest()
    return int.from_bytes(digest[:4], "big") / 2**32


@dataclass(frozen=True)
class BigFrame:
    """A sampled frame as the pipe reader leaves it: JPEG (encoded on the reader thread, in
    parallel with the analysers, and ~15x smaller than the raw frame while it waits in a
    queue) and its brightest-row/column profile inputs (mean luma per row and column)."""

    t_s: float
    jpeg: np.ndarray
    row_means: np.ndarray
    col_means: np.ndarray


def read_big_frames(pipe: IO[bytes], pts: queue.Queue[float], out: queue.Queue[BigFrame | None],
                    size: tuple[int, int]) -> None:
    """The reader of a decode process's sampled-frame pipe: each frame (`size`, BGR) is
    put on `out` as a BigFrame, then None."""
    import cv2

    width, height = size
    params = [cv2.IMWRITE_JPEG_QUALITY, SAMPLE_JPEG_QUALITY]
    pool = BufferPool(width * height * 3)  # one raw frame buffer, reused: only the JPEG is kept
    try:
        for t_s, buf in timed_frames(pipe, pool, pts):
            image = np.frombuffer(buf, np.uint8).reshape(height, width, 3)
            grey = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
            ok, jpg = cv2.imencode(".jpg", image, params)
            del image
            pool.put(buf)
            if ok:
                out.put(BigFrame(t_s, jpg.ravel(), grey.mean(axis=1), grey.mean(axis=0)))
    finally:
        out.put(None)


class FrameSampler:
    """Keeps a few frames (JPEG): first, hook window, one per shot (capped), the last seconds.

    Candidates arrive about every SAMPLE_EVERY_S; they are thinned evenly when there are more
    than MAX_CANDIDATES or their JPEGs hold more than MAX_CANDIDATE_BYTES, so memory stays flat in
    duration and in what the frames hold.
    """

    MAX_CANDIDATES = 160

    def __init__(self, settings: AnalysisSettings, duration_s: float) -> None:
        self.s = settings
        self.duration_s = duration_s
        self.first: tuple[float, np.ndarray] | None = None
        self.hook: list[tuple[float, np.ndarray]] = []
        self.recent: deque[tuple[float, np.ndarray]] = deque(maxlen=int(LAST_WINDOW_S / SAMPLE_EVERY_S) + 3)
        self.candidates: list[tuple[float, np.ndarray]] = []  # (t, jpeg bytes)
        self._candidate_bytes = 0
        self._cut_seen_s = 0.0
        self.row_max: np.ndarray | None = None  # brightest mean luma per row / column
        self.col_max: np.ndarray | None = None

    def offer(self, frame: BigFrame, last_cut_s: float = 0.0) -> None:
        """A candidate frame; kept when it is the first one SHOT_FRAME_OFFSET_S into the
        current shot, after a newly found cut, or every CANDIDATE_SPACING_S."""
        t_s, jpg = frame.t_s, frame.jpeg
        if self.first is None:
            self.first = (t_s, jpg)
        elif t_s < self.s.hook_window_s:
            self.hook.append((t_s, jpg))
        self.recent.append((t_s, jpg))
        if self.row_max is None or self.col_max is None:
            self.row_max, self.col_max = frame.row_means.copy(), frame.col_means.copy()
        else:
            np.maximum(self.row_max, frame.row_means, out=self.row_max)
            np.maximum(self.col_max, frame.col_means, out=self.col_max)
        last_t = self.candidates[-1][0] if self.candidates else -1e9
        target = last_cut_s + SHOT_FRAME_OFFSET_S
        into_shot = last_t < target - 1e-3 and t_s >= target - 0.05
        new_cut = last_cut_s != self._cut_seen_s
        if not (into_shot or new_cut or t_s - last_t >= CANDIDATE_SPACING_S - 1e-3):
            return
        self._cut_seen_s = last_cut_s
        self.candidates.append((t_s, jpg))
        self._candidate_bytes += jpg.nbytes
        while len(self.candidates) > 1 and (len(self.candidates) > self.MAX_CANDIDATES
                                            or self._candidate_bytes > MAX_CANDIDATE_BYTES):
            self.candidates = self.candidates[::2]
            self._candidate_bytes = sum(c[1].nbytes for c in self.candidates)

    def profiles(self) -> tuple[np.ndarray, np.ndarray] | None:
        if self.row_max is None or self.col_max is None:
            return None
        return self.row_max, self.col_max

    def finish(self, shots: tuple, last_t: float) -> tuple[SampledFrame, ...]:
        frames: list[SampledFrame] = []
        if self.first is not None:
            frames.append(SampledFrame(self.first[0], "first", self.first[1]))
        frames += [SampledFrame(t, "hook", jpg) for t, jpg in self.hook]
        # one per final shot: the candidate inside the shot closest to start + offset
        chosen: list[tuple[float, np.ndarray]] = []
        for sh in shots:
            inside = [c for c in self.candidates if sh.start_s - 1e-6 <= c[0] < sh.end_s]
            if inside:
                target = sh.start_s + min(SHOT_FRAME_OFFSET_S, 0.5 * (sh.end_s - sh.start_s))
                chosen.append(min(inside, key=lambda c: abs(c[0] - target)))
        cap = self.s.max_shot_frames
        if len(chosen) > cap:
            idx = np.linspace(0, len(chosen) - 1, cap).round().astype(int)
            chosen = [chosen[i] for i in sorted(set(idx.tolist()))]
        frames += [SampledFrame(t, "shot", jpg) for t, jpg in chosen]
        frames += [SampledFrame(t, "interval", jpg) for t, jpg in self._interval_frames([t for t, _ in chosen])]
        tail = [c for c in self.recent if c[0] >= last_t - LAST_WINDOW_S + 1e-6]
        if tail:
            idx = np.linspace(0, len(tail) - 1, min(LAST_FRAMES, len(tail))).round().astype(int)
            frames += [SampledFrame(tail[i][0], "last", tail[i][1]) for i in sorted(set(idx.tolist()))]
        return tuple(frames)

    def _interval_frames(self, taken_s: list[float]) -> list[tuple[float, np.ndarray]]:
        """Candidates after the hook window about every interval_frames_s, away from the shot frames."""
        spacing = self.s.interval_frames_s
        if spacing <= 0:
            return []
        kept: list[tuple[float, np.ndarray]] = []
        last_s = self.s.hook_window_s - spacing
        for t, jpg in self.candidates:
            if t < self.s.hook_window_s or t - last_s < spacing - 1e-3:
                continue
            if any(abs(t - s) < 0.5 * spacing for s in taken_s):
                last_s = t  # a shot frame stands for this moment
                continue
            kept.append((t, jpg))
            last_s = t
        return kept

