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
    fully visible.

    Why it matters: in a feed the first frame is the thumbnail-in-motion; a black or fading
    start looks like a loading video and costs the first half second, where TikTok's ad
    research puts a large share of the impact.

    How to fix: trim the black lead-in and replace the fade from black with a hard start on
    the first picture.
    """
    media = ctx.media
    opening = opening_picture(media)
    ctx.metric("black_s", round(opening.black_s, 3))
    ctx.metric("fade_in_s", round(opening.fade_in_s, 3))
    ctx.metric("picture_s", round(opening.picture_s, 3))
    limit = ctx.options.max_black_s
    if opening.picture_s <= limit + 1e-6:
        return
    parts = []
    if opening.black_s > 0:
        parts.append(f"{opening.black_s:.1f} s of black or flat frames")
    if opening.fade_in_s > 0:
        parts.append(f"a {opening.fade_in_s:.1f} s fade from black")
    if opening.fade_in_s > 0:
        hint = (
            f"Start on the picture: cut the first {opening.black_s:.1f} s and replace the "
            f"{opening.fade_in_s:.1f} s fade from black with a hard start"
            if opening.black_s > 0.05
            else f"Replace the {opening.fade_in_s:.1f} s fade from black with a hard start on the picture"
        )
    else:
        hint = f"Cut the first {opening.black_s:.1f} s so the video opens on the picture"
    yield ctx.finding(
        f"The picture is fully visible only at {opening.picture_s:.1f} s ({' and '.join(parts)})",
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
