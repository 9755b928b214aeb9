"""PACE002 dead-stretch."""

from __future__ import annotations

import prelint
from prelint.checks.hook.measures import frame_step_s, still_spans
from prelint.rules import Option

OPTIONS = [
    Option("max-still-s", 4.0, "Longest acceptable span with no cut and almost no motion", "s"),
    Option(
        "still-motion",
        0.6,
        "Motion (smoothed over 0.2 s) at or below which the picture counts as still",
        "luma levels per 1/30 s",
    ),
]


@prelint.check(code="PACE002", name="dead-stretch", level="warn", options=OPTIONS, needs=["media"])
def dead_stretch(ctx):
    """What it checks: stretches where nothing moves. Spans longer than `max-still-s` with no cut
    or other transition and the picture nearly still (a frozen frame, a static slide, a locked-off shot where nothing moves,
    a black hold). A still ending is left to PACE005 long-ending.

    Why it matters: a still picture for several seconds is the moment viewers swipe away,
    even when the voice-over continues; retention curves drop at such stretches.

    How to fix: cut the stretch shorter, or cover it with B-roll, a zoom, a pan over the still,
    or on-screen graphics that move.

    Options: motion is the picture's activity, as for HOOK001 slow-start (defined there): a
    still photo or a static shot with only noise measures 0.0–0.6, a person talking to the
    camera 0.7–2.5, so talking to the camera is not a dead stretch. A still stretch from the very
    start is HOOK001's finding when that rule runs.
    """
    media = ctx.media
    opts = ctx.options
    spans = still_spans(media, opts.still_motion, opts.max_still_s)
    tail_from = media.duration_s - 2 * frame_step_s(media)
    inner = [s for s in spans if s.end_s < tail_from]
    from prelint.checks.hook.measures import opening_picture
    from prelint.checks.hook.related import cover, deferred_to_slow_start

    picture_s = opening_picture(media).picture_s
    at_start = [s for s in inner if s.start_s <= picture_s + 0.1]
    if at_start and deferred_to_slow_start(ctx, whole_video=False):
        cover(ctx, "HOOK001")  # the still opening is the slow start's finding
        inner = [s for s in inner if s not in at_start]
    ctx.metric("longest_still_s", round(max((s.duration_s for s in spans), default=0.0), 3))
    ctx.metric("dead_stretches", len(inner))
    for span in inner:
        over = span.duration_s - opts.max_still_s
        yield ctx.finding(
            f"Nothing moves for {span.duration_s:.1f} s ({span.start_s:.1f}–{span.end_s:.1f} s): no cut, "
            f"mean motion {span.mean_motion:.2f}",
            hint=f"Cut at least {over:.1f} s from {span.start_s:.1f}–{span.end_s:.1f} s, or cover it with B-roll, "
            "a zoom or moving graphics",
            start_s=span.start_s,
            end_s=span.end_s,
            evidence={
                "start_s": round(span.start_s, 3),
                "end_s": round(span.end_s, 3),
                "duration_s": round(span.duration_s, 3),
                "mean_motion": round(span.mean_motion, 3),
                "max_still_s": opts.max_still_s,
                "still_motion": opts.still_motion,
            },
        )
