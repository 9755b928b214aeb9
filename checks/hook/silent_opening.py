"""HOOK004 silent-opening."""

from __future__ import annotations

import prelint
from prelint.rules import Option

OPTIONS = [
    Option("max-silence-s", 0.5, "Longest acceptable silence at the start", "s"),
]


@prelint.check(code="HOOK004", name="silent-opening", level="warn", options=OPTIONS, needs=["media"])
def silent_opening(ctx):
    """What it checks: a silent start. The first sound (voice, music or effects louder than the
    analysis silence threshold, −45 dBFS by default) comes later than `max-silence-s`.
    Videos without an audio track are skipped: SPEC007 missing-audio reports them.

    Why it matters: most short-video viewers watch with sound on, and a voice or beat in the
    first half second is part of the hook; a silent start feels like a broken video.

    How to fix: start the voice-over or music at 0 s — trim the silent lead-in, or slide the
    audio earlier.
    """
    media = ctx.media
    audio = media.audio
    if not audio.has_audio or not ctx.probe.has_audio:
        ctx.skip("no audio track (SPEC007 missing-audio reports it)")
    first_sound = audio.first_sound_s
    limit = ctx.options.max_silence_s
    ctx.metric("first_sound_s", None if first_sound is None else round(first_sound, 3))
    if first_sound is None:
        yield ctx.finding(
            f"The audio track is silent for the whole video ({media.duration_s:.1f} s)",
            hint="Add a voice-over or music that starts at 0 s",
            start_s=0.0,
            end_s=media.duration_s,
            evidence={"first_sound_s": None, "max_silence_s": limit},
        )
        return
    if first_sound <= limit + 1e-6:
        return
    yield ctx.finding(
        f"No sound for the first {first_sound:.1f} s",
        hint=f"Start the voice-over or music at 0 s: cut the first {first_sound:.1f} s or move the audio "
        f"{first_sound:.1f} s earlier",
        start_s=0.0,
        end_s=first_sound,
        evidence={"first_sound_s": round(first_sound, 3), "max_silence_s": limit},
    )
