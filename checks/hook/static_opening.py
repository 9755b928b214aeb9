"""HOOK002 static-opening."""

from __future__ import annotations

import prelint
from prelint.checks.hook.measures import mean_motion, opening_picture, opening_transitions
from prelint.rules import Option

OPTIONS = [
    Option("window-s", 3.0, "Length of the opening examined", "s"),
    Option(
        "max-motion",
        0.6,
        "Mean motion over the window at or below which the opening is static (defined below)",
        "luma levels per 1/30 s",
    ),
]


@prelint.check(code="HOOK002", name="static-opening", level="warn", options=OPTIONS, needs=["media"])
def static_opening(ctx):
    """What it checks: an opening that stands still. The whole opening window (first 3 s) has no
    cut or other transition and almost no motion — a still picture, a title card or a
    locked-off shot with nothing moving.
    A fade from black or a cut out of a black lead-in does not count as movement (HOOK003
    reports those); motion is measured from when the picture appears.

    Why it matters: more than 63% of the highest-CTR TikTok ads show their key message in the
    first 3 s (TikTok Marketing Science); a still opening reads as a paused video and is
    swiped away.

    How to fix: open on movement — a cut, a camera move, a gesture or object entering frame —
    or start the video where the action starts.

    Options: motion is the picture's activity, as for HOOK001 slow-start (defined there): a
    still photo or a static shot with only noise measures 0.0–0.6, a person talking to the
    camera 0.7–2.5. When HOOK001 runs it reports a still opening (with the first change it
    waits for) and this rule leaves it to that finding.
    """
    media = ctx.media
    window = min(ctx.options.window_s, media.duration_s)
    picture_s = opening_picture(media).picture_s
    if picture_s >= window:
        ctx.skip(f"no picture in the first {window:.1f} s (HOOK003 black-opening reports it)")
    # the fade from black is the picture appearing (HOOK003), not movement
    transitions = opening_transitions(media, window)
    motion = mean_motion(media, picture_s, window)
    ctx.metric("transitions_in_window", len(transitions))
    ctx.metric("mean_motion", None if motion is None else round(motion, 3))
    if motion is None:
        ctx.skip("no analysed frames in the opening")
    if transitions or motion > ctx.options.max_motion:
        return
    from prelint.checks.hook.related import cover, deferred_to_slow_start

    if deferred_to_slow_start(ctx, whole_video=False):
        cover(ctx, "HOOK001")
        return
    yield ctx.finding(
        f"The first {window:.1f} s are static: no cut and mean motion {motion:.2f} (≤ {ctx.options.max_motion})",
        hint=f"Open on movement: add a cut or a camera move in the first {window:.0f} s, "
        "or start the video where the action starts",
        start_s=0.0,
        end_s=window,
        evidence={
            "window_s": window,
            "transitions": 0,
            "mean_motion": round(motion, 3),
            "max_motion": ctx.options.max_motion,
        },
    )
