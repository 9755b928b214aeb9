"""SPEC007 missing-audio."""

from __future__ import annotations

import prelint


@prelint.check(code="SPEC007", name="missing-audio", level="warn", needs=["video"])
def missing_audio(ctx):
    """What it checks: a video without an audio track.

    Why it matters: most short-video viewing is with sound on, and a silent upload can not
    join a trending sound; platforms may also add their own music or flag the video as
    incomplete.

    How to fix: add a voice-over or music before export, or pick a sound in the app when you
    publish (and ignore this rule for that draft with a reason).
    """
    probe = ctx.probe
    ctx.metric("has_audio", probe.has_audio)
    if probe.has_audio:
        return
    yield ctx.finding(
        "The video has no audio track",
        hint="Add a voice-over or music before export, or choose a sound in the app when publishing",
        evidence={"has_audio": False, "audio_codec": probe.audio_codec},
    )
