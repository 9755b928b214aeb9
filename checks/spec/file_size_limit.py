"""SPEC008 file-size-limit."""

from __future__ import annotations

import prelint
from prelint.rules import Option

OPTIONS = [
    Option("max-bytes", 0, "Override the platform's upload limit (0 = use the platform profile)", "bytes"),
]

#: Headroom left below the limit when suggesting a bitrate (container overhead, audio).
BITRATE_HEADROOM = 0.9


@prelint.check(code="SPEC008", name="file-size-limit", level="error", options=OPTIONS, needs=["video"])
def file_size_limit(ctx):
    """What it checks: a file over the platform's upload limit. The limit is 4 GB for Douyin,
    Kuaishou, TikTok and Reels and 256 GB for YouTube.

    Why it matters: an upload over the limit is rejected, usually after minutes of uploading.

    How to fix: re-export at a lower bitrate (the hint gives one that fits); 1080×1920 short
    video needs no more than about 10–16 Mbit/s.
    """
    probe = ctx.probe
    limit = ctx.options.max_bytes or ctx.platform.max_file_size_bytes
    ctx.metric("size_bytes", probe.size_bytes)
    ctx.metric("max_bytes", limit)
    if not limit or probe.size_bytes <= limit:
        return
    hint = "Re-export at a lower bitrate"
    if probe.duration_s > 0:
        target_mbps = limit * 8 * BITRATE_HEADROOM / probe.duration_s / 1e6
        hint = f"Re-export at about {target_mbps:.1f} Mbit/s or less (video + audio) to fit under the limit"
    yield ctx.finding(
        f"The file is {probe.size_bytes / 1e6:,.1f} MB; {ctx.platform.display_name} takes at most {limit / 1e6:,.1f} MB",
        hint=hint,
        evidence={"size_bytes": probe.size_bytes, "max_bytes": limit, "duration_s": round(probe.duration_s, 3)},
    )
