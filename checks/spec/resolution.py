"""SPEC006 resolution."""

from __future__ import annotations

import prelint
from prelint.rules import Option

OPTIONS = [
    Option("min-short-side-px", 0, "Override the platform's minimum short side (0 = use the platform profile)", "px"),
]


@prelint.check(code="SPEC006", name="resolution", level="warn", options=OPTIONS, needs=["video"])
def resolution(ctx):
    """What it checks: a frame below the platform's minimum size. The short side of the
    displayed frame is compared with the platform's minimum (720 px on every built-in profile).

    Why it matters: Douyin's Open Platform recommends at least 720p vertical and TikTok
    recommends 1080×1920; below 720p the upload looks soft next to other videos and may be
    ranked as low quality.

    How to fix: export at 1080×1920 (at least 720×1280) from the original footage; upscaling a
    small export does not add detail.
    """
    probe = ctx.probe
    minimum = ctx.options.min_short_side_px or ctx.platform.min_short_side_px
    short_side = min(probe.width, probe.height)
    ctx.metric("short_side_px", short_side)
    ctx.metric("min_short_side_px", minimum)
    if short_side >= minimum:
        return
    yield ctx.finding(
        f"The video is {probe.width}×{probe.height}: short side {short_side} px, below {minimum} px "
        f"({ctx.platform.display_name})",
        hint="Export at 1080×1920 (at least 720×1280) from the original footage",
        evidence={"width": probe.width, "height": probe.height, "short_side_px": short_side, "min_short_side_px": minimum},
    )
