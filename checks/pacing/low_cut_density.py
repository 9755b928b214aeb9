"""PACE001 low-cut-density."""

from __future__ import annotations

import math
from dataclasses import dataclass

import prelint
from prelint.checks.hook.measures import content_shots, mean_motion, median_or_none, shot_lengths_s
from prelint.rules import Option

OPTIONS = [
    Option("short-duration-s", 15.0, "Length of a short clip, where `max-asl-short-s` applies", "s"),
    Option("max-asl-short-s", 4.0, "Longest acceptable average shot length for a clip of `short-duration-s` or less", "s"),
    Option("long-duration-s", 180.0, "Length of a long video, where `max-asl-long-s` applies", "s"),
    Option("max-asl-long-s", 8.0, "Longest acceptable average shot length for a video of `long-duration-s` or more", "s"),
    Option("min-duration-s", 8.0, "Videos shorter than this are not judged", "s"),
    Option(
        "moving-motion",
        12.0,
        "Long shots whose mean motion reaches this are continuous action (a tracking shot), not slow pacing",
        "luma levels per 1/30 s",
    ),
]


def max_average_shot_s(duration_s: float, options) -> float:
    """Expected ceiling of the average shot length for a video of this length.

    `max-asl-short-s` up to `short-duration-s`, `max-asl-long-s` from `long-duration-s`,
    interpolated on a log-duration scale in between (doubling the length adds the same).
    """
    short_d, long_d = options.short_duration_s, options.long_duration_s
    short_asl, long_asl = options.max_asl_short_s, options.max_asl_long_s
    if duration_s <= short_d or long_d <= short_d:
        return short_asl
    if duration_s >= long_d:
        return long_asl
    share = math.log(duration_s / short_d) / math.log(long_d / short_d)
    return short_asl + share * (long_asl - short_asl)


@dataclass(frozen=True)
class Density:
    """PACE001's measurements of a draft."""

    lengths: list[float]
    average_s: float
    median_s: float
    per_minute: float
    ceiling_s: float
    long_motion: float | None  # mean motion of the shots longer than the ceiling (None: not needed)

    def slow(self, duration_s: float, options) -> bool:
        """Too few cuts: both the average and the median shot over the ceiling, the video long
        enough to judge, and the long shots not continuous motion."""
        if not self.lengths or duration_s < options.min_duration_s:
            return False
        if self.average_s <= self.ceiling_s or self.median_s <= self.ceiling_s:
            return False
        return (self.long_motion or 0.0) < options.moving_motion


def density(media, options) -> Density:
    duration = media.duration_s
    lengths = shot_lengths_s(media)
    asl = sum(lengths) / len(lengths) if lengths else 0.0
    median_len = median_or_none(lengths) or 0.0
    per_minute = len(lengths) / (duration / 60.0) if duration > 0 else 0.0
    ceiling = max_average_shot_s(duration, options)
    long_motion = None
    if lengths and asl > ceiling and median_len > ceiling:
        long_shots = [s for s in content_shots(media) if s.duration_s > ceiling]
        weighted = sum((mean_motion(media, s.start_s, s.end_s) or 0.0) * s.duration_s for s in long_shots)
        long_time = sum(s.duration_s for s in long_shots)
        long_motion = weighted / long_time if long_time else 0.0
    return Density(lengths, asl, median_len, per_minute, ceiling, long_motion)


@prelint.check(code="PACE001", name="low-cut-density", level="warn", options=OPTIONS, needs=["media"])
def low_cut_density(ctx):
    """What it checks: too few cuts for the video's length. The average and the median shot
    length (and shots per minute) are compared with a ceiling that grows with the length: 4 s for clips up to 15 s, 8 s from 3 min,
    log-interpolated in between (a 60 s video: 6.2 s). Both the average and the median must
    exceed the ceiling, so one long shot alone does not fire (PACE002 covers still stretches);
    a black lead-in or black hold is not a shot.
    Long shots full of motion (a tracking shot, a fast pan) are continuous action and are not
    counted as slow. A video where nothing changes at all is reported once, by HOOK001
    slow-start, when that rule runs.

    Why it matters: short-video viewers leave when nothing new arrives; a draft that holds each
    shot much longer than the format's norm loses completion rate, which platforms use for
    distribution (Douyin reports 2 s and 5 s retention to creators).

    How to fix: cut more often — jump cuts in talking heads, B-roll over the voice, punch-in
    zooms — or trim each shot to its key moment.

    Options: calibration is honest guesswork. Contemporary Hollywood films average about 4 s
    per shot (Cutting et al., 150 films); no peer-reviewed study of short-video shot lengths
    exists, so the defaults (4 s for a 15 s clip, 8 s for a 3 min tutorial) are prelint's own
    choice, set so that only clearly slow drafts fire. Tune them per channel. `moving-motion` is
    in the units of HOOK001's `change-motion` (the picture's activity): handheld footage, a pour
    or a tracking shot measure 4–20, a fast pan more.
    """
    from prelint.checks.hook.related import cover, deferred_to_slow_start

    media = ctx.media
    duration = media.duration_s
    opts = ctx.options
    d = density(media, opts)
    if not d.lengths:
        ctx.skip("no shots found (the video is black or empty)")
    ctx.metric("shots", len(d.lengths))
    ctx.metric("shots_per_minute", round(d.per_minute, 2))
    ctx.metric("average_shot_s", round(d.average_s, 3))
    ctx.metric("median_shot_s", round(d.median_s, 3))
    ctx.metric("max_average_shot_s", round(d.ceiling_s, 3))
    if duration < opts.min_duration_s:
        ctx.skip(f"video shorter than {opts.min_duration_s:.0f} s")
    if d.average_s <= d.ceiling_s or d.median_s <= d.ceiling_s:
        return
    ctx.metric("long_shot_motion", round(d.long_motion or 0.0, 3))
    if (d.long_motion or 0.0) >= opts.moving_motion:
        ctx.metric("exempt", "long shots are continuous camera/subject motion")
        return
    if deferred_to_slow_start(ctx, whole_video=True):
        cover(ctx, "HOOK001")
        return
    shots = content_shots(media)
    needed = max(1, math.ceil(duration / d.ceiling_s) - len(d.lengths))
    longest = max(shots, key=lambda s: s.duration_s)
    yield ctx.finding(
        f"{len(d.lengths)} shot{'' if len(d.lengths) == 1 else 's'} in {duration:.0f} s ({d.per_minute:.1f} per minute): average shot {d.average_s:.1f} s, "
        f"median {d.median_s:.1f} s; a {duration:.0f} s video should average at most {d.ceiling_s:.1f} s",
        hint=f"Cut about every {d.ceiling_s:.0f} s: add at least {needed} cuts (jump cuts, B-roll, punch-in zooms), "
        f"starting with the {longest.duration_s:.1f} s shot at {longest.start_s:.1f}–{longest.end_s:.1f} s",
        start_s=longest.start_s,
        end_s=longest.end_s,
        evidence={
            "shots": len(d.lengths),
            "duration_s": round(duration, 3),
            "shots_per_minute": round(d.per_minute, 2),
            "average_shot_s": round(d.average_s, 3),
            "median_shot_s": round(d.median_s, 3),
            "max_average_shot_s": round(d.ceiling_s, 3),
            "long_shot_motion": round(d.long_motion or 0.0, 3),
        },
    )
