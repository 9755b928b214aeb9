"""PACE005 long-ending."""

from __future__ import annotations

import prelint
from prelint.checks.hook.measures import visual_activity_end_s
from prelint.rules import Option

OPTIONS = [
    Option("max-static-end-s", 2.5, "Longest acceptable still ending (end card, frozen last frame, black tail)", "s"),
    Option(
        "still-motion",
        0.6,
        "Motion (smoothed over 0.2 s) at or below which the picture counts as still",
        "luma levels per 1/30 s",
    ),
]


@prelint.check(code="PACE005", name="long-ending", level="warn", options=OPTIONS, needs=["media"])
def long_ending(ctx):
    """What it checks: a long still ending. The time the video stays still after the last cut or
    movement — a static outro or end card, a frozen last frame, or black after a fade-out — is
    compared with `max-static-end-s`.

    Why it matters: completion rate counts the whole video; viewers leave during a long still
    outro, so the draft scores as unfinished even when the content was watched.

    How to fix: cut the outro to a beat of 1–2 s, or animate the end card; put the call to
    action over the last moving shot instead.

    Options: motion is the picture's activity, as for HOOK001 slow-start (defined there): a
    still photo or a static shot with only noise measures 0.0–0.6. A video that is still from the
    start to the end is HOOK001's finding when that rule runs (nothing to cut from the end: the
    whole video needs movement).
    """
    media = ctx.media
    opts = ctx.options
    activity_end = visual_activity_end_s(media, opts.still_motion)
    still_end = max(0.0, media.duration_s - activity_end)
    ctx.metric("still_ending_s", round(still_end, 3))
    ctx.metric("last_activity_s", round(activity_end, 3))
    if still_end <= opts.max_static_end_s + 1e-6:
        return
    from prelint.checks.hook.related import cover, deferred_to_slow_start

    if deferred_to_slow_start(ctx, whole_video=True):
        cover(ctx, "HOOK001")  # still from the start: not an ending problem
        return
    trim = still_end - opts.max_static_end_s
    if trim <= 0.5 * media.duration_s:
        hint = f"Cut the last {trim:.1f} s (keep the end card under {opts.max_static_end_s:.1f} s) or animate it"
    else:
        hint = (f"Most of the video is still from {activity_end:.1f} s: add movement, B-roll or cuts there "
                f"rather than cutting it away")
    yield ctx.finding(
        f"The last {still_end:.1f} s ({activity_end:.1f}–{media.duration_s:.1f} s) are still: no cut and no movement",
        hint=hint,
        start_s=activity_end,
        end_s=media.duration_s,
        evidence={
            "last_activity_s": round(activity_end, 3),
            "still_ending_s": round(still_end, 3),
            "max_static_end_s": opts.max_static_end_s,
            "still_motion": opts.still_motion,
        },
    )
