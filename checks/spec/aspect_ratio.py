"""SPEC005 aspect-ratio."""

from __future__ import annotations

from math import gcd

import prelint
from prelint.rules import Option

OPTIONS = [
    Option("tolerance", 0.03, "Relative difference from 9:16 still accepted as 9:16", "fraction"),
    Option("max-bar-fraction", 0.05, "Share of the frame black bars may take before the draft counts as letterboxed", "fraction"),
    Option("detect-bars", True, "Look for letterbox/pillarbox bars in the decoded frames (needs the media analysis)"),
]

VERTICAL = 9 / 16
#: Named ratios for messages (width / height).
NAMED_RATIOS = {
    "9:16": 9 / 16, "3:4": 3 / 4, "4:5": 4 / 5, "1:1": 1.0, "4:3": 4 / 3, "16:9": 16 / 9,
    "9:19.5": 9 / 19.5, "9:20": 9 / 20, "2.39:1": 2.39, "21:9": 21 / 9, "2:3": 2 / 3, "3:2": 3 / 2,
}


def ratio_name(width: float, height: float) -> str:
    """'16:9' for 1920×1080; the nearest common ratio within 2%, else the reduced fraction."""
    ratio = width / height
    name, value = min(NAMED_RATIOS.items(), key=lambda kv: abs(kv[1] / ratio - 1))
    if abs(value / ratio - 1) <= 0.02:
        return name
    w, h = int(round(width)), int(round(height))
    d = gcd(w, h) or 1
    return f"{w // d}:{h // d}" if w // d <= 50 else f"{ratio:.2f}:1"


@prelint.check(code="SPEC005", name="aspect-ratio", level="warn", options=OPTIONS, needs=["video", "media"])
def aspect_ratio(ctx):
    """What it checks: the picture's shape for the platform. The displayed frame must be 9:16
    (Douyin, Kuaishou, TikTok, Reels) or square or taller (YouTube Shorts), using the display
    size after rotation metadata, so a phone clip stored landscape with a 90° rotation passes.
    It also looks at the decoded frames for black bars: a 16:9 picture letterboxed inside a
    9:16 file fails too.

    Why it matters: a landscape video in a vertical feed plays small with large bars and gets
    less screen and attention; YouTube only treats square-or-taller uploads as Shorts (since
    Oct 2024), and TikTok recommends 9:16, 1080×1920.

    How to fix: export at 9:16 (1080×1920); re-frame landscape footage (crop and reposition
    per shot) instead of adding bars.

    Options: a vertical frame other than 9:16 (3:4, 9:19.5) is reported at info level. Set
    `detect-bars = false` to judge the container only (no decoding).
    """
    probe = ctx.probe
    p = ctx.platform
    w, h = probe.width, probe.height
    ratio = w / h
    ctx.metric("display_size", f"{w}x{h}")
    ctx.metric("aspect", ratio_name(w, h))
    evidence = {"width": w, "height": h, "aspect": ratio_name(w, h), "rotation": probe.rotation, "platform": p.name}
    square_ok = p.aspect_ratio == "vertical-or-square"
    is_vertical_9_16 = abs(ratio / VERTICAL - 1) <= ctx.options.tolerance
    accepted = ratio <= 1 + ctx.options.tolerance if square_ok else is_vertical_9_16
    expected = "square or taller" if square_ok else "9:16"
    if not accepted:
        if ratio > 1 + ctx.options.tolerance or (ratio >= 1 - ctx.options.tolerance and not square_ok):
            yield ctx.finding(
                f"The video is {ratio_name(w, h)} ({w}×{h}); {p.display_name} expects {expected}",
                hint="Re-frame for vertical: export at 1080×1920 (9:16), cropping each shot around its subject",
                evidence=evidence,
            )
        else:
            yield ctx.finding(
                f"The video is {ratio_name(w, h)} ({w}×{h}), not 9:16; {p.display_name} will crop or pad it",
                level="info",
                hint="Export at 1080×1920 (9:16)",
                evidence=evidence,
            )
        return
    if not ctx.options.detect_bars:
        return
    bars = ctx.media.series.bars
    content_w = (bars.right - bars.left) * w
    content_h = (bars.bottom - bars.top) * h
    bar_fraction = 1.0 - (bars.right - bars.left) * (bars.bottom - bars.top)
    ctx.metric("bar_fraction", round(bar_fraction, 3))
    if bar_fraction <= ctx.options.max_bar_fraction or content_w <= 0 or content_h <= 0:
        return
    where = []
    if bars.top > 0 or bars.bottom < 1:
        where.append("top and bottom")
    if bars.left > 0 or bars.right < 1:
        where.append("left and right")
    kind = "letterboxed" if bars.top > 0 or bars.bottom < 1 else "pillarboxed"
    yield ctx.finding(
        f"The picture is {kind}: a {ratio_name(content_w, content_h)} picture inside the {ratio_name(w, h)} frame, "
        f"black bars at the {' and '.join(where)} take {bar_fraction:.0%} of the screen",
        hint="Re-frame the footage to fill the 9:16 frame (crop and reposition per shot) instead of adding bars",
        evidence={
            **evidence,
            "bar_fraction": round(bar_fraction, 3),
            "content_aspect": ratio_name(content_w, content_h),
            "bars": {"top": bars.top, "bottom": bars.bottom, "left": bars.left, "right": bars.right},
        },
    )
