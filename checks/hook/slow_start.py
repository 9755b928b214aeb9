"""HOOK001 slow-start."""

from __future__ import annotations

import prelint
from prelint.checks.hook.measures import first_visual_change, opening_picture
from prelint.rules import Option

OPTIONS = [
    Option("max-first-change-s", 1.0, "Latest acceptable time of the first visual change", "s"),
    Option(
        "change-motion",
        6.0,
        "Motion that counts as a visual change on its own (a fast camera move, a flash): mean absolute "
        "luma change per 1/30 s, smoothed over 0.2 s (defined below)",
        "luma levels per 1/30 s",
    ),
]


@prelint.check(code="HOOK001", name="slow-start", level="warn", options=OPTIONS, needs=["media"])
def slow_start(ctx):
    """What it checks: how long the picture takes to change for the first time. A change is a
    cut, a dissolve, or camera/subject motion strong enough to count on its own (`change-motion`).
    Gentle drift does not count. The fade from black that opens a video is the picture
    appearing, not a change (HOOK003 reports it).

    Why it matters: viewers decide in the first seconds. TikTok's ad research puts half of an
    ad's impact in the first 2 s, and Douyin reports 2 s and 5 s retention to creators; a
    picture that sits unchanged for the first second gives the thumb no reason to stop.

    How to fix: cut the dead lead-in, or add a cut, a punch-in zoom or a camera move before
    `max-first-change-s`.

    Options: Motion is the mean absolute luma change per 1/30 s on prelint's 96 px analysis
    picture, counted over the picture inside black bars and scaled to a reference contrast
    (luma std 40), so dark and letterboxed footage read like the rest.
    `change-motion` is calibrated on synthetic footage: a 40 px/s drift on a 360 px frame measures about 1.5, a 200 px/s pan about 7,
    a 600 px/s whip pan about 15.
    """
    media = ctx.media
    limit = ctx.options.max_first_change_s
    opening = opening_picture(media)
    change = first_visual_change(media, ctx.options.change_motion, after_s=opening.picture_s)
    ctx.metric("first_change_s", None if change is None else round(change.t_s, 3))
    ctx.metric("first_change_kind", None if change is None else change.kind)
    if change is not None and change.t_s <= limit + 1e-6:
        return
    evidence = {
        "first_change_s": None if change is None else round(change.t_s, 3),
        "first_change_kind": None if change is None else change.kind,
        "max_first_change_s": limit,
        "picture_s": round(opening.picture_s, 3),
        "change_motion": ctx.options.change_motion,
    }
    if change is None:
        yield ctx.finding(
            f"Nothing changes on screen in the whole video ({media.duration_s:.1f} s): no cut and no strong motion",
            hint=f"Add a cut or a camera move before {limit:.1f} s, and cut every few seconds after that",
            start_s=0.0,
            end_s=media.duration_s,
            evidence=evidence,
        )
        return
    what = {"motion": "strong motion", "fade_out": "fade out", "fade_in": "fade in"}.get(change.kind, change.kind)
    trim = change.t_s - limit
    yield ctx.finding(
        f"The first visual change ({what}) comes at {change.t_s:.1f} s; the picture is unchanged before it",
        hint=f"Cut the first {trim:.1f} s, or add a cut or camera move before {limit:.1f} s",
        start_s=0.0,
        end_s=change.t_s,
        evidence=evidence,
    )
