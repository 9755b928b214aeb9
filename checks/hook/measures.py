"""Measurements the hook and pacing rules take from the media facts (never from the video).

These are small pure functions of ``prelint.media.MediaFacts``; the pacing rules import them
too. Motion is activity as a viewer sees it: ``series.activity``, the luma change between
analysed frames (0..255) that a twentieth of the picture's small cells reach (their 95th
percentile), with black bars and blurred padding left out (a person talking, a pour, a
performer on a dark stage move a part of the picture only). It is rescaled to a 30 fps frame step and to a reference contrast
(luma std 40 of the picture), so thresholds mean the same thing for 25, 30 and 60 fps footage,
decimated analysis, letterboxed, padded and dark footage. Facts without an activity series
fall back to ``series.motion`` (whole-frame mean) divided by the share of the frame inside
black bars.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from statistics import median
from typing import TYPE_CHECKING, Sequence

if TYPE_CHECKING:
    from prelint.media.facts import MediaFacts, Shot, Transition

#: Frame step the motion thresholds refer to (s): motion is rescaled to a 1/30 s step.
REFERENCE_FRAME_S = 1.0 / 30.0
#: Window (s) of the moving average applied to motion before comparing it with a threshold;
#: long enough to bridge duplicated frames (24 fps footage in a 30 fps file), short enough
#: to keep a change's time within a few frames.
MOTION_SMOOTHING_S = 0.2
#: Contrast (luma std, 0..255) the motion thresholds refer to: the same camera move on a
#: dark or foggy picture changes fewer luma levels, so motion is scaled by 40 / luma_std,
#: within [MIN_CONTRAST_GAIN, MAX_CONTRAST_GAIN] (flat frames would otherwise explode).
REFERENCE_LUMA_STD = 40.0
MIN_CONTRAST_GAIN = 0.5
MAX_CONTRAST_GAIN = 4.0
#: Below this share of the frame the bars measurement is not trusted for motion scaling.
MIN_CONTENT_FRACTION = 0.1
#: Luma std (0..255) added in quadrature when normalising sharpness by contrast: below it
#: compression and quantisation noise dominate the Laplacian of dark, flat pictures.
SHARPNESS_CONTRAST_FLOOR = 10.0
#: The span (s) over which the media engine measures activity (prelint.media.series).
ACTIVITY_SPAN_S = 0.13
#: A "shot" whose frames are at least this share black or flat is a lead-in or hold, not a shot.
FLAT_SHOT_SHARE = 0.9
#: A fade from black has shown the picture once the mean luma reaches this share of its
#: brightness at the detected end of the fade.
FADE_FULL_SHARE = 0.97
#: A fade from black counts as part of the opening when it starts within this time (s)
#: of the last leading black frame.
FADE_JOIN_S = 0.1


@dataclass(frozen=True)
class VisualChange:
    """The first thing that happens on screen: a transition or motion above a threshold."""

    t_s: float
    kind: str  # "cut", "dissolve", "fade_out", "fade_in" or "motion"
    motion: float | None = None  # smoothed motion at t_s when kind == "motion"


@dataclass(frozen=True)
class OpeningPicture:
    """When the picture appears.

    black_s: end of the leading black or near-uniform frames (0 when the first frame has a picture).
    fade_in_s: length of a fade from black that follows them (0 when none).
    picture_s: when the picture is at full brightness (black_s + fade).
    """

    black_s: float
    fade_in_s: float
    picture_s: float

    def lead_in_text(self) -> str:
        """'1.2 s of black or flat frames and a 0.6 s fade from black'."""
        parts = []
        if self.black_s > 0:
            parts.append(f"{self.black_s:.1f} s of black or flat frames")
        if self.fade_in_s > 0:
            parts.append(f"a {self.fade_in_s:.1f} s fade from black")
        return " and ".join(parts)


@dataclass(frozen=True)
class StillSpan:
    """A span with no transition and smoothed motion at or below a threshold."""

    start_s: float
    end_s: float
    mean_motion: float

    @property
    def duration_s(self) -> float:
        return self.end_s - self.start_s


def frame_step_s(media: "MediaFacts") -> float:
    fps = media.probe.fps
    return 1.0 / fps if fps and fps > 0 else REFERENCE_FRAME_S


def content_fraction(media: "MediaFacts") -> float:
    """Share of the frame inside letterbox/pillarbox bars (1.0 without bars)."""
    bars = media.series.bars
    fraction = (bars.right - bars.left) * (bars.bottom - bars.top)
    return fraction if fraction > MIN_CONTENT_FRACTION else 1.0


def _contrast_gain(luma_std: float | None) -> float:
    """Motion measured on a dark or low-contrast picture is scaled up to the reference contrast."""
    if luma_std is None:
        return 1.0
    gain = REFERENCE_LUMA_STD / max(float(luma_std), 1e-6)
    return min(MAX_CONTRAST_GAIN, max(MIN_CONTRAST_GAIN, gain))


#: Per-media results of the motion series, reused by every rule on the same draft (keyed by
#: identity; the few most recent drafts are kept).
_MOTION_CACHE: dict[tuple[int, str], tuple["MediaFacts", list[float]]] = {}
_MOTION_CACHE_SIZE = 8


def _cached(media: "MediaFacts", name: str, compute) -> list[float]:
    key = (id(media), name)
    hit = _MOTION_CACHE.get(key)
    if hit is not None and hit[0] is media:
        return hit[1]
    value = compute()
    if len(_MOTION_CACHE) >= _MOTION_CACHE_SIZE:
        _MOTION_CACHE.pop(next(iter(_MOTION_CACHE)))
    _MOTION_CACHE[key] = (media, value)
    return value


def motion_per_reference_frame(media: "MediaFacts") -> list[float]:
    """series.motion rescaled to a 1/30 s step, with transition frames bridged.

    Frames further apart than 1/30 s have their motion divided accordingly; motion is divided
    by the share of the frame inside black bars and scaled to a reference contrast (luma std 40). The frame at a
    cut (and every frame inside a gradual transition) takes the motion of the frame before
    it, so a cut is never also counted as "motion" a few frames early by the smoothing.
    """
    return _cached(media, "motion", lambda: _motion_per_reference_frame(media))


def _motion_per_reference_frame(media: "MediaFacts") -> list[float]:
    series = media.series
    times = series.times_s
    default_step = frame_step_s(media)
    out: list[float] = []
    if series.has("activity"):
        # measured over the picture's cells already: bars and padding are left out; the
        # busiest cells are the textured ones, so the picture's overall contrast is no measure
        # of how visible their change is
        motion, scale = series.activity, 1.0
        stds = ()
    else:
        # black bars never move: measure motion over the picture, not the whole frame
        motion, scale = series.motion, 1.0 / content_fraction(media)
        stds = series.luma_std
    for i, value in enumerate(motion):
        step = times[i] - times[i - 1] if i > 0 else default_step
        step = step if step > 1e-6 else default_step
        out.append(float(value) * scale * _contrast_gain(stds[i] if i < len(stds) else None) * REFERENCE_FRAME_S / step)
    if not out:
        return out
    out[0] = out[1] if len(out) > 1 else 0.0  # the first frame has no predecessor
    half_step = default_step / 2
    # activity compares a frame with the one ACTIVITY_SPAN_S before it: the frames that
    # close after a cut still compare across it
    after = ACTIVITY_SPAN_S if series.has("activity") else 0.0
    for t in media.transitions:
        lo = bisect.bisect_left(times, t.start_s - half_step)
        hi = bisect.bisect_right(times, t.end_s + half_step)
        for i in range(lo, min(max(hi, lo + 1), len(out))):
            out[i] = out[lo - 1] if lo > 0 else 0.0
        if after:
            # ... the new shot's first clean frame stands for them
            clean = bisect.bisect_right(times, t.end_s + half_step + after)
            if clean < len(out):
                for i in range(max(hi, lo + 1), clean):
                    out[i] = out[clean]
    return out


def smoothed_motion(media: "MediaFacts", window_s: float = MOTION_SMOOTHING_S) -> list[float]:
    """Centred moving average of the rescaled, transition-bridged motion over window_s."""
    return _cached(media, f"smoothed-{window_s}", lambda: _smoothed_motion(media, window_s))


def _smoothed_motion(media: "MediaFacts", window_s: float) -> list[float]:
    times = media.series.times_s
    values = motion_per_reference_frame(media)
    n = len(values)
    if n == 0:
        return []
    prefix = [0.0]
    for v in values:
        prefix.append(prefix[-1] + v)
    half = window_s / 2.0
    out = []
    for t in times:
        lo = bisect.bisect_left(times, t - half)
        hi = max(bisect.bisect_right(times, t + half), lo + 1)
        out.append((prefix[hi] - prefix[lo]) / (hi - lo))
    return out


def indices_between(media: "MediaFacts", start_s: float, end_s: float) -> range:
    """Indices of analysed frames with start_s <= t < end_s."""
    times = media.series.times_s
    return range(bisect.bisect_left(times, start_s - 1e-9), bisect.bisect_left(times, end_s - 1e-9))


def mean_motion(media: "MediaFacts", start_s: float, end_s: float) -> float | None:
    """Mean rescaled motion over [start_s, end_s), None if no frame was analysed there."""
    values = motion_per_reference_frame(media)
    idx = indices_between(media, start_s, end_s)
    if len(idx) == 0:
        return None
    return sum(values[i] for i in idx) / len(idx)


def opening_picture(media: "MediaFacts") -> OpeningPicture:
    """Leading black/near-uniform frames and a fade from black right after them."""
    series = media.series
    n = len(series)
    first_picture = n
    for i in range(n):
        if not (_flag(series.is_black, i) or _flag(series.is_uniform, i)):
            first_picture = i
            break
    if first_picture == 0:
        black_s = 0.0
    elif first_picture < n:
        black_s = series.times_s[first_picture]
    else:
        black_s = media.duration_s
    picture_s = black_s
    for t in media.transitions:
        if t.kind == "fade_in" and t.start_s <= black_s + FADE_JOIN_S:
            picture_s = max(picture_s, _fade_full_s(media, t))
    return OpeningPicture(black_s=black_s, fade_in_s=max(0.0, picture_s - black_s), picture_s=picture_s)


def _fade_full_s(media: "MediaFacts", fade: "Transition") -> float:
    """When a fade from black reaches FADE_FULL_SHARE of its final brightness.

    A camera move during the fade keeps the mean luma creeping up, which can stretch the
    detected fade well past the moment the picture looks fully bright.
    """
    series = media.series
    idx = list(indices_between(media, fade.start_s, fade.end_s + frame_step_s(media)))
    if not idx:
        return fade.end_s
    final = series.luma_mean[idx[-1]]
    if final <= 0:
        return fade.end_s
    for i in idx:
        if series.luma_mean[i] >= FADE_FULL_SHARE * final:
            return min(fade.end_s, series.times_s[i])
    return fade.end_s


def _flag(flags: Sequence[bool], i: int) -> bool:
    return bool(flags[i]) if i < len(flags) else False


def reveals_picture(transition: "Transition", picture_s: float) -> bool:
    """The fade from black, or the cut out of a black lead-in, that shows the first picture."""
    if picture_s <= 0.0:
        return False
    return transition.kind in ("fade_in", "cut") and transition.end_s <= picture_s + FADE_JOIN_S


def opening_transitions(media: "MediaFacts", window_s: float) -> list["Transition"]:
    """Transitions starting inside the window, without the one that reveals the first picture."""
    picture_s = opening_picture(media).picture_s
    return [t for t in media.transitions if t.start_s < window_s and not reveals_picture(t, picture_s)]


def first_visual_change(
    media: "MediaFacts", change_motion: float, after_s: float = 0.0
) -> VisualChange | None:
    """The first transition, or smoothed motion above change_motion, at or after after_s.

    Pass the time the picture appears as after_s: the fade from black that opens the video
    is the picture appearing, not a change.
    """
    candidates: list[VisualChange] = []
    for t in sorted(media.transitions, key=lambda t: t.start_s):
        if t.end_s < after_s or reveals_picture(t, after_s):
            continue
        candidates.append(VisualChange(t_s=max(t.start_s, after_s), kind=t.kind))
        break
    motion = smoothed_motion(media)
    # the smoothing window still sees the fade's brightening just after the picture appears
    search_from = after_s + (MOTION_SMOOTHING_S / 2 if after_s > 0 else 0.0)
    for i in indices_between(media, search_from, media.duration_s + 1.0):
        if motion[i] > change_motion and not _flag(media.series.is_black, i):
            candidates.append(VisualChange(t_s=media.series.times_s[i], kind="motion", motion=motion[i]))
            break
    if not candidates:
        return None
    first = min(candidates, key=lambda c: c.t_s)
    if first.kind == "motion":
        # the smoothing window sees a moving shot up to half its width before the cut to it
        cut = next((c for c in candidates if c.kind != "motion"), None)
        if cut is not None and cut.t_s - first.t_s <= MOTION_SMOOTHING_S / 2 + 1e-9:
            return cut
    return first


def still_spans(
    media: "MediaFacts", still_motion: float, min_s: float, start_s: float = 0.0, end_s: float | None = None
) -> list[StillSpan]:
    """Spans of at least min_s with no transition and smoothed motion <= still_motion."""
    end_s = media.duration_s if end_s is None else end_s
    times = media.series.times_s
    motion = smoothed_motion(media)
    step = frame_step_s(media)
    busy = [False] * len(times)
    for t in media.transitions:
        lo = bisect.bisect_left(times, t.start_s - step / 2)
        hi = bisect.bisect_right(times, t.end_s + step / 2)
        for i in range(lo, max(hi, lo + 1)):
            if i < len(busy):
                busy[i] = True
    spans: list[StillSpan] = []
    run_start: int | None = None
    idx = list(indices_between(media, start_s, end_s))

    def close(first: int, last_exclusive: int) -> None:
        a = times[first]
        b = times[last_exclusive] if last_exclusive < len(times) else end_s
        b = min(b, end_s)
        if b - a >= min_s - 1e-9:
            values = motion[first:last_exclusive]
            spans.append(StillSpan(a, b, sum(values) / max(1, len(values))))

    for i in idx:
        still = not busy[i] and motion[i] <= still_motion
        if still and run_start is None:
            run_start = i
        elif not still and run_start is not None:
            close(run_start, i)
            run_start = None
    if run_start is not None:
        close(run_start, (idx[-1] + 1) if idx else run_start)
    return spans


def visual_activity_end_s(media: "MediaFacts", still_motion: float) -> float:
    """Time of the last transition end or last frame whose smoothed motion exceeds still_motion.
    A fade to black is the picture going away, not a change of what it shows: a still frame
    fading out is still."""
    last = 0.0
    for t in media.transitions:
        if t.kind != "fade_out":
            last = max(last, t.end_s)
    motion = smoothed_motion(media)
    for i in range(len(motion) - 1, -1, -1):
        if motion[i] > still_motion and not _flag(media.series.is_black, i):
            last = max(last, media.series.times_s[i])
            break
    return last


@dataclass(frozen=True)
class Clarity:
    """Brightness and sharpness of a span of picture (median over its non-flat frames).

    sharpness is contrast-normalised: Laplacian variance / (luma variance + 10²) of the
    analysis frame, so a dark or low-contrast but focused picture is not called blurry.
    Brightness, highlights and sharpness are taken over the picture alone (black bars and
    blurred padding left out), so a 9:16 version of a landscape video reads like the original.
    median_high: the luma the brightest 1% of the picture exceeds (a lit performer on a dark
    stage), None when not measured.
    """

    start_s: float
    end_s: float
    frames: int
    median_luma: float
    median_sharpness: float
    median_high: float | None = None


def opening_clarity(media: "MediaFacts", start_s: float, length_s: float) -> Clarity | None:
    """Clarity of [start_s, start_s + length_s), None if it holds no non-flat frame."""
    series = media.series
    end_s = min(media.duration_s, start_s + length_s)
    idx = [i for i in indices_between(media, start_s, end_s) if not _flag(series.is_uniform, i)]
    if not idx:
        return None
    if series.has("picture_luma") and series.has("picture_blur") and series.has("picture_std"):
        sharpness = [series.picture_blur[i] / (series.picture_std[i] ** 2 + SHARPNESS_CONTRAST_FLOOR**2) for i in idx]
        return Clarity(
            start_s=start_s,
            end_s=end_s,
            frames=len(idx),
            median_luma=float(median(series.picture_luma[i] for i in idx)),
            median_sharpness=float(median(sharpness)),
            median_high=float(median(series.picture_high[i] for i in idx)) if series.has("picture_high") else None,
        )
    sharpness = [series.blur[i] / (series.luma_std[i] ** 2 + SHARPNESS_CONTRAST_FLOOR**2) for i in idx]
    # luma_mean covers the whole frame: black bars would make a letterboxed picture look dark
    picture_share = content_fraction(media)
    return Clarity(
        start_s=start_s,
        end_s=end_s,
        frames=len(idx),
        median_luma=min(255.0, float(median(series.luma_mean[i] for i in idx)) / picture_share),
        median_sharpness=float(median(sharpness)),
    )


def content_shots(media: "MediaFacts") -> list["Shot"]:
    """Shots with a picture: a black or flat lead-in (or hold) cut away from is not a shot."""
    series = media.series
    out = []
    for shot in media.shots:
        if shot.duration_s <= 0:
            continue
        idx = indices_between(media, shot.start_s, shot.end_s)
        flat = sum(1 for i in idx if _flag(series.is_black, i) or _flag(series.is_uniform, i))
        if len(idx) and flat >= FLAT_SHOT_SHARE * len(idx):
            continue
        out.append(shot)
    return out


def shot_lengths_s(media: "MediaFacts") -> list[float]:
    return [s.duration_s for s in content_shots(media)]


def shot_pieces_in(media: "MediaFacts", start_s: float, end_s: float) -> list[float]:
    """Lengths of the parts of content shots that fall inside [start_s, end_s)."""
    pieces = []
    for shot in content_shots(media):
        a, b = max(shot.start_s, start_s), min(shot.end_s, end_s)
        if b - a > 1e-6:
            pieces.append(b - a)
    return pieces


def median_or_none(values: Sequence[float]) -> float | None:
    return float(median(values)) if values else None


def clamp01(x: float) -> float:
    return 0.0 if x < 0.0 else 1.0 if x > 1.0 else x


def fmt_s(value: float) -> str:
    """Seconds as users read them in messages: one decimal."""
    return f"{value:.1f} s"
