"""Sampled frames: a few larger frames kept (as JPEG) for OCR and the filmstrip, every one read for QR codes.

Every decode process gives the frame on screen at one instant of each cell of a time grid
(about twice a second; denser in the hook window; where in the cell is secret, see SampleGrid)
through ffmpeg's ``fps`` filter and writes it to its own pipe at up to 1080 px (BGR); the pipe's
reader hands it to the QR reader and scales it to the sample size (short side
``sample_short_side_px``) for the sampler, which keeps the first frame,
the hook window, one per shot (capped), some in between and the last seconds.
"""

from __future__ import annotations

import queue
from collections import deque
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING

import numpy as np

from prelint.media.facts import AnalysisSettings, SampledFrame
from prelint.media.ffmpeg_process import timed_frames
from prelint.media.memory import BufferPool

if TYPE_CHECKING:
    from prelint.content.qr import QrScanner

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
#: The keyed hash that places each cell's sampling instant is computed modulo this prime, in
#: ffmpeg's expression language as well as here: below 2**24, so every step (x*x + k mod p, with
#: x*x < 2**48) is exact in double precision and both sides compute the same instants.
HASH_PRIME = 16_777_213
#: Rounds of x -> x*x + k (mod HASH_PRIME) of the hash.
HASH_ROUNDS = 3
#: Short side (px) of the pictures read for QR codes (see scan_size): 4K drafts are read at their
#: own size.
SCAN_SHORT_SIDE_PX = 2160
#: Frames are sampled up to this time (s), as the sound is read (prelint.media.audio.MAX_AUDIO_S):
#: later frames count as shown at it.
MAX_SAMPLED_S = 3 * 3600.0


def sample_size(width: int, height: int, settings: AnalysisSettings) -> tuple[int, int]:
    """(width, height) of the sampled frames: the short side sample_short_side_px (never
    upscaled), even sizes, and the long side at most MAX_SAMPLE_ASPECT times that (a strip of
    extreme proportions is scaled down further: a 43200×810 video kept 28800×540 frames, 3 GB of
    them in prelint's own process)."""
    return _fitted_size(width, height, settings.sample_short_side_px)


def scan_size(width: int, height: int) -> tuple[int, int]:
    """(width, height) at which the sampled pictures are read for QR codes: their own size up to a
    short side of SCAN_SHORT_SIDE_PX, as a screen showing them at full size does (at the sampled
    frames' 540 px, a code of 2–4 px modules at 1080p blurred past reading while a phone's
    screenshot reads it; at 1080 px, so did one of 2–4 px modules in a 1440p or 4K draft)."""
    return _fitted_size(width, height, SCAN_SHORT_SIDE_PX)


def _fitted_size(width: int, height: int, short: int) -> tuple[int, int]:
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
class SamplingKey:
    """The secret numbers of a video's sampling instants (see sample_key)."""

    offset: int
    rounds: tuple[int, ...]


@dataclass(frozen=True)
class SampleGrid:
    """Sampled frames are the frames on screen at one instant in each cell of a time grid
    (HOOK_FRAMES + 1 cells in the hook window, SAMPLE_EVERY_S after it): the frame that started
    last at or before the instant, as a viewer would see it then, however short or long the frames
    are. Where in its cell the instant falls comes from a keyed hash of the cell's number, so a file
    cannot know which moments are sampled, and the moments of different cells are independent:
    a QR code has to be left out of most of the time for most cells to miss it. Cell 0's instant is
    the start (the opening frame is always sampled); without a key every instant is its cell's start.

    Each decode process gives the frames through ffmpeg's ``fps`` filter on a warped time line
    (see warp_expr) on which the instants are the whole numbers: ``fps`` outputs, for each whole
    number, the frame on screen then, so the output's timestamps are cell numbers."""

    hook_s: float
    key: SamplingKey | None = None

    @property
    def hook_cells(self) -> int:
        return HOOK_FRAMES + 1

    @property
    def hook_step_s(self) -> float:
        return self.hook_s / self.hook_cells

    def unit(self, cell: int) -> float:
        """Where cell `cell`'s instant falls in it, as a fraction of its length, in [0, 1)."""
        if self.key is None or cell <= 0:
            return 0.0
        x = (cell + self.key.offset) % HASH_PRIME
        for k in self.key.rounds:
            x = (x * x + k) % HASH_PRIME
        return x / HASH_PRIME

    def instant(self, cell: int) -> float:
        """The time (s) sampled in cell `cell`."""
        if cell < self.hook_cells:
            return (cell + self.unit(cell)) * self.hook_step_s
        return self.hook_s + (cell - self.hook_cells + self.unit(cell)) * SAMPLE_EVERY_S

    def _unit_expr(self, var: int) -> str:
        if self.key is None:
            return "0"
        steps = [f"st(5,mod(ld({var})+{self.key.offset},{HASH_PRIME}))"]
        steps += [f"st(5,mod(ld(5)*ld(5)+{k},{HASH_PRIME}))" for k in self.key.rounds]
        return f"if(lte(ld({var}),0),0,{';'.join(steps)};ld(5)/{HASH_PRIME})"

    def _instant_expr(self, cell: str) -> str:
        """instant() of the expression `cell` (left in variable 4; variable 5 is the hash's)."""
        n, step = self.hook_cells, self.hook_step_s
        u = self._unit_expr(4)
        return (f"st(4,{cell});if(lt(ld(4),{n}),(ld(4)+{u})*{step!r},"
                f"{self.hook_s!r}+(ld(4)-{n}+{u})*{SAMPLE_EVERY_S!r})")

    def warp_expr(self, until_s: float = MAX_SAMPLED_S) -> str:
        """A ``setpts`` expression mapping a frame's time t to the warped time line: cell k's
        instant maps to k and the time between two instants linearly to the numbers between. A
        later ``fps=1:round=up`` then outputs at each whole number k the last frame whose warped
        time is at most k: the frame on screen at instant(k). Times past `until_s` count as
        `until_s` (the stream's end too): ``fps`` would otherwise give a frame followed by a jump
        to 10^9 s once per cell until the time limit. Commas and semicolons are escaped for a
        filter graph."""
        n, step = self.hook_cells, self.hook_step_s
        cell = (f"if(lt(ld(0),{self.hook_s!r}),floor(ld(0)/{step!r}),"
                f"{n}+floor((ld(0)-{self.hook_s!r})/{SAMPLE_EVERY_S!r}))")
        expr = (f"st(0,min(PTS*TB,{until_s!r}));st(1,{cell});st(2,{self._instant_expr('ld(1)')});"
                # before this cell's instant: the previous cell's instant is the one passed
                f"if(lt(ld(0),ld(2)),st(1,ld(1)-1);st(2,{self._instant_expr('ld(1)')}),0);"
                f"st(3,{self._instant_expr('ld(1)+1')});"
                # rounded up, so a frame starting the least bit after an instant is not taken for one on screen then
                f"ceil((ld(1)+(ld(0)-ld(2))/(ld(3)-ld(2)))/TB)")
        return expr.replace(",", "\\,").replace(";", "\\;")


    def ffmpeg_filters(self, from_start: bool, until_s: float = MAX_SAMPLED_S) -> str:
        """The filters giving a decode's sampled frames, one per cell from the first frame's cell
        on, timestamped with their cell numbers; a picture on screen at several instants is given
        once, at the first (``mpdecimate`` drops a frame identical to the last one given, before
        the frames are scaled: FFmpeg would scale every repeat of a long frame at once and hold
        them all, 11 GB for one frame shown for an hour). `from_start`: the decode starts at the
        video's start, and cell 0 gets the opening frame even when its first timestamp is late;
        `until_s`: where the decode stops (see warp_expr)."""
        start = ":start_time=0" if from_start else ""
        return f"settb=AVTB,setpts='{self.warp_expr(until_s)}',fps=1:round=up{start},mpdecimate=hi=0:lo=0:frac=0"


def sample_key(content_key: str) -> SamplingKey:
    """The sampling instants' key for a video: from the cache folder's secret and the video's
    content hash, so the same video is sampled the same way on this machine and no file can know
    the instants in advance; a fresh random key when the cache folder has no usable secret."""
    import hashlib
    import hmac
    import os

    from prelint.cache_folder import sampling_secret

    secret = sampling_secret()
    if secret is None:
        digest = os.urandom(4 * (HASH_ROUNDS + 1))
    else:
        digest = hmac.new(secret, b"sample-instants:" + content_key.encode(), hashlib.sha256).digest()
    numbers = [int.from_bytes(digest[4 * i:4 * i + 4], "big") % HASH_PRIME for i in range(HASH_ROUNDS + 1)]
    return SamplingKey(numbers[0], tuple(numbers[1:]))


@dataclass(frozen=True)
class BigFrame:
    """A sampled frame as the pipe reader leaves it: JPEG (encoded on the reader thread, in
    parallel with the analysers, and ~15x smaller than the raw frame while it waits in a
    queue) and its brightest-row/column profile inputs (mean luma per row and column)."""

    t_s: float  # the instant it was on screen at (see SampleGrid)
    jpeg: np.ndarray
    row_means: np.ndarray
    col_means: np.ndarray
    cell: int = 0  # the sampling grid's cell


def read_big_frames(pipe: IO[bytes], pts: queue.Queue[float], out: queue.Queue[BigFrame | None],
                    size: tuple[int, int], grid: SampleGrid | None = None,
                    sample: tuple[int, int] | None = None, scanner: "QrScanner | None" = None) -> None:
    """The reader of a decode process's sampled-frame pipe: each frame (`size`, BGR) is
    put on `out` as a BigFrame (scaled to `sample` when given), then None, and handed to
    `scanner` (BGR, at `size`) to be read for QR codes. Its timestamp is its cell of `grid` (see
    SampleGrid.warp_expr), and its time that cell's instant; without a grid, the timestamp is
    its time."""
    import cv2

    width, height = size
    sample = sample or size
    params = [cv2.IMWRITE_JPEG_QUALITY, SAMPLE_JPEG_QUALITY]
    pool = BufferPool(width * height * 3)  # one raw frame buffer, reused: only the JPEG is kept
    try:
        for t_s, buf in timed_frames(pipe, pool, pts):
            image = np.frombuffer(buf, np.uint8).reshape(height, width, 3)
            cell = int(round(t_s)) if grid is not None else 0
            when = grid.instant(cell) if grid is not None else t_s
            if scanner is not None:
                scanner.scan(when, image.copy())  # in colour: see decode_qr
            if sample != size:
                image = cv2.resize(image, sample, interpolation=cv2.INTER_AREA)
            grey = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
            ok, jpg = cv2.imencode(".jpg", image, params)
            del image
            pool.put(buf)
            if ok:
                out.put(BigFrame(when, jpg.ravel(), grey.mean(axis=1), grey.mean(axis=0), cell))
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

