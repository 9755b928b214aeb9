"""SPEC003 duration-limit."""

from __future__ import annotations

import prelint


@prelint.check(code="SPEC003", name="duration-limit", level="error", needs=["video", "media"])
def duration_limit(ctx):
    """What it checks: a video shorter or longer than the platform accepts. The duration is where the
    decoded picture (and sound) ends, not what the container declares: a file may declare 9 s and
    play for 200 s, or count a subtitle cue an hour after the picture.

    Why it matters: an upload outside the limits is rejected or, on YouTube, not treated as a
    Short (≤ 3 min since Oct 2024); TikTok's API takes 3 s–10 min, Douyin ≤ 15 min,
    Reels ≤ 3 min.

    How to fix: trim the video to the platform's limit, or publish it to a platform that takes it.
    """
    probe = ctx.media.probe  # the probe with the duration the decode found
    p = ctx.platform
    ctx.metric("duration_s", round(probe.duration_s, 2))
    if p.max_duration_s is not None and probe.duration_s > p.max_duration_s + 0.05:
        over = probe.duration_s - p.max_duration_s
        yield ctx.finding(
            f"Video is {probe.duration_s:.1f} s; {p.display_name} takes at most {p.max_duration_s:.0f} s",
            hint=f"Cut {over:.1f} s",
            start_s=p.max_duration_s,
            end_s=probe.duration_s,
            evidence={"duration_s": round(probe.duration_s, 3), "max_s": p.max_duration_s},
        )
    elif p.min_duration_s is not None and probe.duration_s < p.min_duration_s:
        yield ctx.finding(
            f"Video is {probe.duration_s:.1f} s; {p.display_name} needs at least {p.min_duration_s:.0f} s",
            hint="Extend the video past the minimum length",
            evidence={"duration_s": round(probe.duration_s, 3), "min_s": p.min_duration_s},
        )
