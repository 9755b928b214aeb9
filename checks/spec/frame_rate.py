"""SPEC004 frame-rate."""

from __future__ import annotations

import prelint


@prelint.check(code="SPEC004", name="frame-rate", level="warn", needs=["video"])
def frame_rate(ctx):
    """What it checks: a frame rate outside the platform's range (23–60 fps).

    Why it matters: below ~23 fps motion looks choppy; above 60 fps platforms re-encode and
    drop frames. Variable frame rate is reported as information: it is normal for phone
    footage and prelint times everything from timestamps.

    How to fix: export at 30 fps (or 25/60), constant frame rate.
    """
    probe = ctx.probe
    p = ctx.platform
    ctx.metric("fps", round(probe.fps, 3))
    ctx.metric("vfr", probe.is_vfr)
    if probe.fps < p.min_fps - 0.01:
        yield ctx.finding(
            f"Frame rate is {probe.fps:.2f} fps; below {p.min_fps:.0f} fps motion looks choppy",
            hint="Export at 30 fps",
            evidence={"fps": round(probe.fps, 3), "min_fps": p.min_fps},
        )
    elif probe.fps > p.max_fps + 0.01:
        yield ctx.finding(
            f"Frame rate is {probe.fps:.2f} fps; {p.display_name} plays at most {p.max_fps:.0f} fps",
            hint="Export at 60 fps or 30 fps",
            evidence={"fps": round(probe.fps, 3), "max_fps": p.max_fps},
        )
