"""HOOK005 dark-or-blurry-opening."""

from __future__ import annotations

import prelint
from prelint.checks.hook.measures import opening_clarity, opening_picture
from prelint.rules import Option

OPTIONS = [
    Option("opening-s", 1.0, "Length of the opening examined, from when the picture appears", "s"),
    Option("min-luma", 45.0, "Median brightness below which the opening is underexposed", "luma (0–255)"),
    Option(
        "min-highlight",
        100.0,
        "A dark opening still counts as lit when the brightest 1% of its picture reaches this (a lit "
        "performer on a dark stage, deliberate low-key lighting)",
        "luma (0–255)",
    ),
    Option(
        "min-sharpness",
        0.06,
        "Median sharpness below which the opening is out of focus: Laplacian variance divided by "
        "(luma variance + 10²), on the 96 px analysis frame",
        "ratio",
    ),
]


@prelint.check(code="HOOK005", name="dark-or-blurry-opening", level="warn", options=OPTIONS, needs=["media"])
def dark_or_blurry_opening(ctx):
    """What it checks: a dark or out-of-focus first second. The first second of picture (after
    any black lead-in, which HOOK003 reports) is underexposed (median brightness below
    `min-luma` and nothing in it lit: its brightest 1% stays below `min-highlight`) or out of
    focus (median sharpness below `min-sharpness`). Flat single-colour frames are left out; the
    picture is measured without black bars and blurred padding, so a 9:16 version of a
    landscape video reads like the original.

    Why it matters: a dark or soft first frame looks low-quality in a bright, sharp feed and
    is judged before anything is said; platforms also favour clear, well-lit footage.

    How to fix: open on a well-lit, in-focus shot — brighten the first shot in the edit
    (exposure/curves), refocus or reshoot it, or move a sharper shot to the front.

    Options: sharpness is measured on the 96 px wide analysis frame and divided by the frame's
    contrast (so dark but focused footage is not called blurry); only strong blur registers.
    Calibrated on synthetic footage only (12 textures): sharp 0.25–1.5, a Gaussian blur of
    0.8% of the frame width (σ 3 px at 360 px) 0.05–0.16, of 1.7% (σ 6 px) 0.015–0.07.
    Low-detail scenes (a plain wall, sky) also measure low: check before tightening it.
    Brightness is mean luma, 0–255; a dark stage with a lit performer (mean 16, brightest 1%
    about 120) is deliberate lighting, not underexposure.
    """
    media = ctx.media
    opening = opening_picture(media)
    clarity = opening_clarity(media, opening.picture_s, ctx.options.opening_s)
    if clarity is None:
        ctx.skip("no picture in the opening (black or flat frames: HOOK003 reports it)")
    start, end = clarity.start_s, clarity.end_s
    luma, sharpness = clarity.median_luma, clarity.median_sharpness
    ctx.metric("median_luma", round(luma, 2))
    ctx.metric("median_sharpness", round(sharpness, 4))
    high = clarity.median_high
    ctx.metric("median_highlight", None if high is None else round(high, 1))
    dark = luma < ctx.options.min_luma and (high is None or high < ctx.options.min_highlight)
    blurry = sharpness < ctx.options.min_sharpness
    if not (dark or blurry):
        return
    evidence = {
        "start_s": round(start, 3),
        "end_s": round(end, 3),
        "median_luma": round(luma, 2),
        "min_luma": ctx.options.min_luma,
        "median_highlight": None if high is None else round(high, 1),
        "min_highlight": ctx.options.min_highlight,
        "median_sharpness": round(sharpness, 4),
        "min_sharpness": ctx.options.min_sharpness,
        "dark": dark,
        "blurry": blurry,
    }
    if dark and blurry:
        message = f"The opening is dark (brightness {luma:.0f}/255) and out of focus (sharpness {sharpness:.3f})"
        hint = "Open on a well-lit, in-focus shot: move a sharper, brighter shot to the front or reshoot the first one"
    elif dark:
        message = f"The opening is underexposed: median brightness {luma:.0f}/255 (< {ctx.options.min_luma:.0f})"
        hint = f"Brighten the first {end - start:.0f} s in the edit (exposure +1 stop) or open on a better-lit shot"
    else:
        message = f"The opening is out of focus: median sharpness {sharpness:.3f} (< {ctx.options.min_sharpness})"
        hint = "Replace the first shot with an in-focus take, or open on a sharper shot"
    yield ctx.finding(message, hint=hint, start_s=start, end_s=end, evidence=evidence)
