"""SPEC010 loudness."""

from __future__ import annotations

import prelint
from prelint.rules import Option

OPTIONS = [
    Option("min-lufs", -27.0, "Integrated loudness below which the sound is too quiet", "LUFS"),
    Option("max-lufs", -7.0, "Integrated loudness above which the sound is too loud (crushed)", "LUFS"),
    Option("max-clipped-share", 0.001, "Largest share of the sound allowed at full scale, flattened (clipped)", "share"),
]
#: The loudness platforms play at (Douyin, TikTok, YouTube and Instagram normalise to about -14 LUFS).
PLATFORM_LUFS = -14.0


@prelint.check(code="SPEC010", name="loudness", level="warn", options=OPTIONS, needs=["media"])
def loudness(ctx):
    """What it checks: the sound's integrated loudness (ITU-R BS.1770, gated, as LUFS) against
    `min-lufs` and `max-lufs`, and clipping: the share of the sound flattened at full scale (three
    samples or more in a row at 98 % of full scale, in the mono mix prelint analyses), against
    `max-clipped-share`. One finding per draft: clipping first (a clipped mix is usually also too
    loud, one cause), else too quiet or too loud. A video without sound or with silence throughout is left to SPEC007
    missing-audio and HOOK004 silent-opening.

    Why it matters: platforms play videos at about -14 LUFS. A draft mixed far quieter is turned up
    with its noise, or plays quiet beside the videos around it, and viewers swipe before they
    raise the volume; a crushed or clipped one sounds distorted on phone speakers, and turning it
    down does not remove the distortion.

    How to fix: normalise the mix to about -14 LUFS before export (most editors: "loudness
    normalisation"; ffmpeg: `-af loudnorm=I=-14`). For clipping, lower the gain of the clipped
    part, or record again with a lower input level: a clipped recording cannot be repaired.
    """
    audio = ctx.media.audio
    if not audio.has_audio:
        ctx.skip("no audio track (SPEC007 missing-audio reports it)")
    if audio.loudness_lufs is None:
        ctx.skip("the sound is silent or too short to measure (HOOK004 silent-opening reports silence)")
    lufs = audio.loudness_lufs
    o = ctx.options
    ctx.metric("integrated_lufs", round(lufs, 1))
    ctx.metric("peak_dbfs", audio.peak_dbfs)
    ctx.metric("clipped_share", round(audio.clipped_share, 5))
    clipped = audio.clipped_share > o.max_clipped_share
    if clipped:
        loud = f", and {lufs:.1f} LUFS integrated is crushed loud" if lufs > o.max_lufs else ""
        yield ctx.finding(
            f"The sound clips: {audio.clipped_share:.2%} of it is flattened at full scale{loud}",
            hint="Lower the gain of the clipped part, or record again with a lower input level (clipping cannot be undone)"
                 + (f"; then normalise to about {PLATFORM_LUFS:g} LUFS" if loud else ""),
            evidence={"clipped_share": round(audio.clipped_share, 5), "max_clipped_share": o.max_clipped_share,
                      "peak_dbfs": audio.peak_dbfs, "integrated_lufs": round(lufs, 2)},
        )
    elif lufs < o.min_lufs:
        raise_db = PLATFORM_LUFS - lufs
        yield ctx.finding(
            f"The sound is quiet: {lufs:.1f} LUFS integrated, {raise_db:.0f} dB below the {PLATFORM_LUFS:g} LUFS platforms play at",
            hint=f"Raise the mix by about {raise_db:.0f} dB (normalise to {PLATFORM_LUFS:g} LUFS) before export",
            evidence={"integrated_lufs": round(lufs, 2), "min_lufs": o.min_lufs, "peak_dbfs": audio.peak_dbfs},
        )
    elif lufs > o.max_lufs:
        yield ctx.finding(
            f"The sound is crushed loud: {lufs:.1f} LUFS integrated, above {o.max_lufs:g} LUFS",
            hint=f"Lower the mix to about {PLATFORM_LUFS:g} LUFS and ease the limiter before export",
            evidence={"integrated_lufs": round(lufs, 2), "max_lufs": o.max_lufs, "peak_dbfs": audio.peak_dbfs},
        )
