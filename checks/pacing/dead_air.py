"""PACE003 dead-air."""

from __future__ import annotations

import prelint
from prelint.rules import Option

OPTIONS = [
    Option("max-silence-s", 2.0, "Longest acceptable silence after the first sound", "s"),
]

#: A silence starting this close to 0 s is the silent opening, reported by HOOK004.
OPENING_SILENCE_S = 0.05


@prelint.check(code="PACE003", name="dead-air", level="warn", options=OPTIONS, needs=["media"])
def dead_air(ctx):
    """What it checks: gaps in the sound. Silences (audio below the analysis threshold, −45 dBFS
    by default) longer than `max-silence-s` anywhere after the start. A silence at the very start is
    HOOK004 silent-opening's; videos without an audio track are skipped (SPEC007).

    Why it matters: a gap in voice and music feels like a mistake or a stall; with the feed's
    next video one swipe away, seconds of silence lose viewers.

    How to fix: close the gap in the edit (cut the pause), or run music or ambient sound under it.
    """
    media = ctx.media
    audio = media.audio
    if not audio.has_audio or not ctx.probe.has_audio:
        ctx.skip("no audio track (SPEC007 missing-audio reports it)")
    if audio.first_sound_s is None:
        ctx.skip("the audio track is silent throughout (HOOK004 silent-opening reports it)")
    limit = ctx.options.max_silence_s
    gaps = [s for s in audio.silences if s.start_s > OPENING_SILENCE_S]
    ctx.metric("longest_silence_s", round(max((s.end_s - s.start_s for s in gaps), default=0.0), 3))
    for gap in gaps:
        length = gap.end_s - gap.start_s
        if length <= limit + 1e-6:
            continue
        at_end = gap.end_s >= media.duration_s - 0.1
        hint = (
            f"Trim the last {length:.1f} s, or run the music to the end"
            if at_end
            else f"Cut the {length:.1f} s pause at {gap.start_s:.1f} s, or run music under it"
        )
        yield ctx.finding(
            f"{length:.1f} s of silence at {gap.start_s:.1f}–{gap.end_s:.1f} s",
            hint=hint,
            start_s=gap.start_s,
            end_s=gap.end_s,
            evidence={
                "start_s": round(gap.start_s, 3),
                "end_s": round(gap.end_s, 3),
                "silence_s": round(length, 3),
                "max_silence_s": limit,
            },
        )
