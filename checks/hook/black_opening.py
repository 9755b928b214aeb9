"""HOOK003 black-opening."""

from __future__ import annotations

import prelint
from prelint.checks.hook.measures import opening_picture
from prelint.rules import Option

OPTIONS = [
    Option(
        "max-black-s",
        0.5,
        "Longest acceptable time before the picture is fully visible (black or flat frames plus a fade from black)",
        "s",
    ),
]


@prelint.check(code="HOOK003", name="black-opening", level="warn", options=OPTIONS, needs=["media"])
def black_opening(ctx):
    """What it checks: a black or fading start. Black or near-uniform (flat colour) frames at the
    very start and a fade from black add up to more than `max-black-s` before the picture is
    fully visible. Black means no picture: a small caption or logo on black counts as black, a
    dark scene (a night road, a dim room) does not; dark-or-blurry-opening reports that one.

    Why it matters: in a feed the first frame is the thumbnail-in-motion; a black or fading
    start looks like a loading video and costs the first half second, where TikTok's ad
    research puts a large share of the impact.

    How to fix: trim the black lead-in and the fade from black, so the video opens on the full
    picture. When the picture then stands still past slow-start's limit, HOOK001 reports the
    lead-in and the still picture as one finding with one cut, and this rule leaves it to that
    finding.
    """
    media = ctx.media
    opening = opening_picture(media)
    ctx.metric("black_s", round(opening.black_s, 3))
    ctx.metric("fade_in_s", round(opening.fade_in_s, 3))
    ctx.metric("picture_s", round(opening.picture_s, 3))
    limit = ctx.options.max_black_s
    if opening.picture_s <= limit + 1e-6:
        return
    from prelint.checks.hook.related import cover, opening_state, rule_runs

    if rule_runs(ctx, "HOOK001") and opening_state(ctx).covers_lead_in:
        cover(ctx, "HOOK001")  # the picture then stands still: one finding, one cut for both
        return
    hint = f"Cut the first {opening.picture_s:.1f} s so the video opens on the full picture"
    if opening.fade_in_s > 0:
        hint += f" (or re-edit the {opening.fade_in_s:.1f} s fade from black as a hard start)"
    yield ctx.finding(
        f"The picture is fully visible only at {opening.picture_s:.1f} s ({opening.lead_in_text()})",
        hint=hint,
        start_s=0.0,
        end_s=opening.picture_s,
        evidence={
            "black_s": round(opening.black_s, 3),
            "fade_in_s": round(opening.fade_in_s, 3),
            "picture_s": round(opening.picture_s, 3),
            "max_black_s": limit,
        },
    )
