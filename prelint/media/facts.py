"""Media facts: the small frozen dataclasses that one decode pass produces.

Checks (hook, pacing, ...) read ONLY these facts; they never open the video.
Every dataclass has ``to_dict()`` returning plain JSON-able values. Times are
seconds from the start of the video, taken from presentation timestamps.
Heavy modules (numpy arrays aside) are not imported here.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from prelint.content.model import QRCode

if TYPE_CHECKING:  # numpy is only needed for type hints here
    import numpy as np

TransitionKind = Literal["cut", "fade_in", "fade_out", "dissolve", "gradual"]
FrameReason = Literal["first", "hook", "shot", "interval", "last"]

#: Version of the analysis algorithm; part of the cache key, bump when facts change.
ANALYSIS_VERSION = "21"


#: Environment variable: the user's override of the ffmpeg processes decoding one video at the
#: same time (documented in docs/formats.md); it wins over the count a run passes in.
DECODE_WORKERS_ENV = "PRELINT_DECODE_WORKERS"


def decode_workers(requested: int | None = None) -> int:
    """How many stretches of one video are decoded at the same time.

    The user's PRELINT_DECODE_WORKERS, else `requested` (a batch's share of `--jobs`), else the
    cores this process may run on, at most 8.
    """
    value = os.environ.get(DECODE_WORKERS_ENV, "")
    if value.isdigit() and 0 < int(value) <= 64:
        return int(value)
    if requested is not None:
        return max(1, requested)
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    return max(1, min(8, cores))


def _r(value: float | None, digits: int = 3) -> float | None:
    return None if value is None else round(float(value), digits)


@dataclass(frozen=True)
class AnalysisSettings:
    """Options of the media analysis. Thresholds carry their units in the name or doc.

    hook_window_s: the opening span (s) analysed at full frame rate and sampled densely.
    min_shot_s: minimum shot length (s); a cut closer than this to the previous one is dropped.
    silence_threshold_db: audio quieter than this (dBFS, RMS per 100 ms window) is silence.
    min_silence_s: shortest silence (s) reported.
    loudness_window_s: step of the loudness series (s).
    analysis_time_limit_s: wall-clock limit (s) of one analysis; beyond it AnalysisTimeout.
    analysis_width_px: width (px) frames are downscaled to for detection (height follows aspect).
    decimate_after_hook: analyse every Nth frame after the hook window (1 = every frame).
        Cut times are then precise to N frames only, so the default keeps every frame; and
        as the frames are counted per decode process, results then depend on how the video
        is cut into stretches (decode_workers).
    cut_threshold: a hard cut's colour-histogram distance or blurred-pixel distance to the
        previous frame (each 0..1) must exceed that channel's local median by this much.
    cut_adaptive_ratio: ... and be at least this many times that local median.
    flash_similarity: frames on either side of a brief spike whose colour histograms differ
        by less than this fraction of the jump (x0.4) mean a flash, not a cut.
    fade_black_luma: mean luma (0..255) at or below which a frame counts as black.
    dissolve_min_s: shortest gradual transition (s) reported as a dissolve.
    sample_short_side_px: short side (px) of the sampled frames kept for OCR and filmstrips.
    max_shot_frames: cap on the number of per-shot sampled frames.
    interval_frames_s: spacing (s) of extra sampled frames kept between the per-shot ones, so
        on-screen captions that change within a long shot are seen by OCR (0 = none). Stored as
        JPEG, thinned evenly on long videos: memory stays flat.
    decode_workers: ffmpeg processes decoding stretches of the video at the same time; None:
        see decode_workers(). Not part of the cache key: the facts are the same for any count.
    """

    hook_window_s: float = 3.0
    min_shot_s: float = 0.06
    silence_threshold_db: float = -45.0
    min_silence_s: float = 0.3
    loudness_window_s: float = 0.1
    analysis_time_limit_s: float = 600.0
    analysis_width_px: int = 96
    decimate_after_hook: int = 1
    cut_threshold: float = 0.15
    cut_adaptive_ratio: float = 3.0
    flash_similarity: float = 0.20
    fade_black_luma: float = 18.0
    dissolve_min_s: float = 0.2
    sample_short_side_px: int = 540
    max_shot_frames: int = 40
    interval_frames_s: float = 2.0
    decode_workers: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def key(self) -> str:
        """A stable string for caching: changes when any option or the algorithm changes.

        The time limit and the decode process count do not change the facts, so they are left out.
        """
        options = {k: v for k, v in asdict(self).items() if k not in ("analysis_time_limit_s", "decode_workers")}
        blob = json.dumps({"v": ANALYSIS_VERSION, **options}, sort_keys=True)
        return "a" + ANALYSIS_VERSION + "-" + hashlib.sha256(blob.encode()).hexdigest()[:16]


@dataclass(frozen=True)
class ProbeFacts:
    """Container facts read without decoding. width/height are the DISPLAY size after rotation."""

    path: str
    size_bytes: int
    duration_s: float
    width: int
    height: int
    coded_width: int
    coded_height: int
    rotation: int  # 0, 90, 180 or 270 (clockwise display rotation)
    fps: float  # average frame rate
    is_vfr: bool
    video_codec: str
    audio_codec: str | None
    has_audio: bool
    bitrate_bps: int | None
    frame_count: int  # exact if the container says so, else duration * fps
    colour_matrix: str = "unspecified"  # the first frame's, as FFmpeg names it (see colour_matrix_of)
    # the container's for the stream (Matroska's Colour element, MP4's colr box), as FFmpeg names it
    stream_colour_matrix: str = "unspecified"
    colour_range: str = "unspecified"  # the first frame's: "tv" (limited) or "pc" (full)
    stream_colour_range: str = "unspecified"  # the container's for the stream

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["duration_s"] = _r(self.duration_s)
        d["fps"] = _r(self.fps)
        return d


@dataclass(frozen=True)
class Transition:
    """A shot boundary. A hard cut has start_s == end_s == PTS of the new shot's first frame.

    Gradual transitions span from the last clean frame of the old shot to the first clean
    frame of the new one (fade_in: from black; fade_out: to black; dissolve: a cross-fade;
    gradual: another transition that is not a mix of the two shots, e.g. a flash or light
    leak, a wipe or a slide).
    """

    kind: TransitionKind
    start_s: float
    end_s: float

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "start_s": _r(self.start_s), "end_s": _r(self.end_s)}


@dataclass(frozen=True)
class Shot:
    start_s: float
    end_s: float

    @property
    def duration_s(self) -> float:
        return self.end_s - self.start_s

    def to_dict(self) -> dict[str, Any]:
        return {"start_s": _r(self.start_s), "end_s": _r(self.end_s)}


@dataclass(frozen=True)
class Silence:
    start_s: float
    end_s: float

    def to_dict(self) -> dict[str, Any]:
        return {"start_s": _r(self.start_s), "end_s": _r(self.end_s)}


@dataclass(frozen=True)
class AudioFacts:
    """Audio facts. loudness_db is RMS level in dBFS per loudness window, at loudness_times_s
    (window starts). first_sound_s is None when the track is silent or absent."""

    has_audio: bool
    first_sound_s: float | None = None
    silences: tuple[Silence, ...] = ()
    loudness_lufs: float | None = None  # integrated (BS.1770); None if too short/silent
    loudness_times_s: tuple[float, ...] = ()
    loudness_db: tuple[float, ...] = ()
    sample_rate: int | None = None
    peak_dbfs: float | None = None  # highest sample (mono, at sample_rate); None without sound
    clipped_share: float = 0.0  # share of samples at full scale three or more in a row (flattened peaks)

    def to_dict(self) -> dict[str, Any]:
        return {
            "has_audio": self.has_audio,
            "first_sound_s": _r(self.first_sound_s),
            "silences": [s.to_dict() for s in self.silences],
            "loudness_lufs": _r(self.loudness_lufs, 2),
            "peak_dbfs": _r(self.peak_dbfs, 2),
            "clipped_share": round(self.clipped_share, 6),
            "sample_rate": self.sample_rate,
            "loudness_db": _summarise(self.loudness_times_s, self.loudness_db),
        }


@dataclass(frozen=True)
class Bars:
    """Content box as fractions of the display frame (no bars: 0, 1, 0, 1)."""

    top: float = 0.0
    bottom: float = 1.0
    left: float = 0.0
    right: float = 1.0

    @property
    def has_bars(self) -> bool:
        return self.top > 0.0 or self.bottom < 1.0 or self.left > 0.0 or self.right < 1.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "top": _r(self.top),
            "bottom": _r(self.bottom),
            "left": _r(self.left),
            "right": _r(self.right),
            "has_bars": self.has_bars,
        }


@dataclass(frozen=True)
class FrameSeries:
    """Per analysed frame measurements, all tuples of the same length as times_s.

    diff: frame difference score vs the previous analysed frame (0..~1, 0 = identical).
    motion: motion energy, mean absolute luma change (0..255) after a 1-px blur.
    luma_mean / luma_std: 0..255 on the small frame.
    blur: Laplacian variance of the small frame (low = blurry or flat).
    is_black: no picture: mean luma at or below settings.fade_black_luma, low std, and nine
        tenths of the frame within a few levels (a dark picture with a lit subject, a night scene,
        is not black; a small caption or logo on black is).
    is_uniform: any near-flat frame (low luma std), black or not.
    picture: the box of the picture inside black bars and blurred padding (a landscape video
        over a blurred, enlarged copy of itself in a 9:16 frame), found in the first seconds.
    activity: change as a viewer sees it: the 95th percentile over 8 px cells of the picture
        of their mean absolute luma change (0..255, after a 1-px blur, less the picture's
        overall brightness step): something covering a twentieth of the picture moves that
        much (the whole-frame mean dilutes a person talking, a pour, a subject on a plain
        background into nothing).
    picture_luma / picture_std / picture_high / picture_blur: luma mean, spread, 99th
        percentile and Laplacian variance over the picture alone.
    The picture_* and activity series are empty in facts built without them.
    """

    times_s: tuple[float, ...] = ()
    diff: tuple[float, ...] = ()
    motion: tuple[float, ...] = ()
    luma_mean: tuple[float, ...] = ()
    luma_std: tuple[float, ...] = ()
    blur: tuple[float, ...] = ()
    is_black: tuple[bool, ...] = ()
    is_uniform: tuple[bool, ...] = ()
    bars: Bars = field(default_factory=Bars)
    activity: tuple[float, ...] = ()
    picture_luma: tuple[float, ...] = ()
    picture_std: tuple[float, ...] = ()
    picture_high: tuple[float, ...] = ()
    picture_blur: tuple[float, ...] = ()
    picture: Bars = field(default_factory=Bars)

    def __len__(self) -> int:
        return len(self.times_s)

    def has(self, name: str) -> bool:
        """The per-frame series `name` was measured (one value per analysed frame)."""
        values = getattr(self, name, ())
        return len(values) == len(self.times_s) and len(values) > 0

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"count": len(self.times_s)}
        for name in ("diff", "motion", "activity", "luma_mean", "luma_std", "blur",
                     "picture_luma", "picture_std", "picture_high", "picture_blur"):
            if name in ("diff", "motion", "luma_mean", "luma_std", "blur") or self.has(name):
                out[name] = _summarise(self.times_s, getattr(self, name))
        out["black_frames"] = int(sum(self.is_black))
        out["uniform_frames"] = int(sum(self.is_uniform))
        out["bars"] = self.bars.to_dict()
        out["picture"] = self.picture.to_dict()
        return out


@dataclass(frozen=True, eq=False)
class SampledFrame:
    """A frame kept for OCR/QR/filmstrip: BGR uint8, short side ~540 px.

    `pixels` is either the BGR image (H×W×3) or, as the media engine stores it, a JPEG buffer
    (1-D uint8, a few tens of KB): memory then stays flat however many frames a long draft keeps.
    `image` always gives the BGR image, decoding a JPEG on each access (≈ 3 ms at 540×960).
    """

    t_s: float
    reason: FrameReason
    pixels: "np.ndarray"

    @property
    def is_compressed(self) -> bool:
        return self.pixels.ndim == 1

    @property
    def image(self) -> "np.ndarray":
        if not self.is_compressed:
            return self.pixels
        import cv2

        decoded = cv2.imdecode(self.pixels, cv2.IMREAD_COLOR)
        if decoded is None:
            raise ValueError(f"sampled frame at {self.t_s:.3f} s is not a decodable JPEG")
        return decoded

    @classmethod
    def compressed(cls, t_s: float, reason: FrameReason, image: "np.ndarray", quality: int = 90) -> "SampledFrame":
        """A frame stored as JPEG (quality 0–100)."""
        import cv2

        ok, jpg = cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, quality])
        return cls(t_s, reason, jpg.ravel() if ok else image)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, SampledFrame):
            return NotImplemented
        return self.t_s == other.t_s and self.reason == other.reason and self.image.shape == other.image.shape

    __hash__ = None  # type: ignore[assignment]

    def to_dict(self) -> dict[str, Any]:
        h, w = self.image.shape[:2]
        return {"t_s": _r(self.t_s), "reason": self.reason, "width": int(w), "height": int(h)}


@dataclass(frozen=True)
class MediaFacts:
    """Everything the decode pass learned about one video."""

    probe: ProbeFacts
    shots: tuple[Shot, ...]
    transitions: tuple[Transition, ...]
    series: FrameSeries
    audio: AudioFacts
    frames: tuple[SampledFrame, ...]
    settings_key: str
    analysis_seconds: float
    decode_errors: int = 0  # lines in which the decoders reported damage (error while decoding, concealing …)
    decode_error_examples: tuple[str, ...] = ()
    #: QR codes read from every picture sampled on the grid (not only the kept frames), and why
    #: the reading stopped early if it did (see prelint.content.qr.QrScanner)
    qr_codes: tuple[QRCode, ...] = ()
    qr_note: str | None = None

    # Convenience views used by checks
    @property
    def duration_s(self) -> float:
        return self.probe.duration_s

    @property
    def cuts(self) -> tuple[Transition, ...]:
        return tuple(t for t in self.transitions if t.kind == "cut")

    def frames_for(self, reason: FrameReason) -> tuple[SampledFrame, ...]:
        return tuple(f for f in self.frames if f.reason == reason)

    def to_dict(self) -> dict[str, Any]:
        """The `prelint inspect` JSON. Sampled frames are listed without pixels."""
        p = self.probe
        return {
            "path": p.path,
            "duration_s": _r(p.duration_s),
            "width": p.width,
            "height": p.height,
            "fps": _r(p.fps),
            "rotation": p.rotation,
            "probe": p.to_dict(),
            "shots": [s.to_dict() for s in self.shots],
            "transitions": [t.to_dict() for t in self.transitions],
            "audio": self.audio.to_dict(),
            "series": self.series.to_dict(),
            "frames": [f.to_dict() for f in self.frames],
            "settings_key": self.settings_key,
            "analysis_seconds": _r(self.analysis_seconds, 2),
            "decode_errors": self.decode_errors,
            "qr_codes": [{"t_s": _r(c.t_s), "data": c.data} for c in self.qr_codes],
        }


def _summarise(times: tuple[float, ...], values: tuple[float, ...], points: int = 60) -> dict[str, Any]:
    """min/mean/max plus a downsampled [t, value] list (max within each bucket)."""
    n = len(values)
    if n == 0:
        return {"min": None, "mean": None, "max": None, "points": []}
    step = max(1, -(-n // points))
    pts = []
    for i in range(0, n, step):
        chunk = values[i : i + step]
        pts.append([_r(times[i]), _r(max(chunk))])
    return {
        "min": _r(min(values)),
        "mean": _r(sum(values) / n),
        "max": _r(max(values)),
        "points": pts,
    }


__all__ = [
    "ANALYSIS_VERSION",
    "AnalysisSettings",
    "AudioFacts",
    "Bars",
    "FrameSeries",
    "MediaFacts",
    "ProbeFacts",
    "SampledFrame",
    "Shot",
    "Silence",
    "Transition",
    "TransitionKind",
    "FrameReason",
]
