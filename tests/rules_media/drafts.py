"""Synthetic drafts with the rules they should trigger, for the draft-set test and the bench.

`render` wraps fixtures/synth.py (owned by the media engine) without changing it: after
`make_video` it can re-encode the result through an ffmpeg filter (blur, darken) applied
to the opening only, which the synthesizer cannot do itself.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from fixtures.synth import AudioSpec, GroundTruth, ShotSpec, VideoSpec, ffmpeg_exe, make_video, simple_shots

#: The rules the draft-set test and the bench judge.
MEDIA_RULES = (
    "HOOK001", "HOOK002", "HOOK003", "HOOK004", "HOOK005", "HOOK006",
    "PACE001", "PACE002", "PACE003", "PACE004", "PACE005",
    "SPEC005", "SPEC006", "SPEC007", "SPEC008",
)


@dataclass(frozen=True)
class DraftCase:
    """A synthetic draft and the set of rules expected to fire on it (any finding level)."""

    name: str
    spec: VideoSpec
    expected: frozenset[str]
    opening_filter: str | None = None  # ffmpeg filter applied to the first `filter_until_s`
    filter_until_s: float = 1.5
    notes: str = ""
    extra: dict = field(default_factory=dict)


def speech(duration_s: float, gaps: tuple[tuple[float, float], ...] = (), start_s: float = 0.0) -> AudioSpec:
    """Speech-like sound from start_s to duration_s except in the gaps."""
    spans, cursor = [], start_s
    for a, b in sorted(gaps):
        if a > cursor:
            spans.append((cursor, a, "speech"))
        cursor = b
    if cursor < duration_s:
        spans.append((cursor, duration_s, "speech"))
    return AudioSpec(sounds=tuple(spans))


def render(case: DraftCase, folder: Path) -> tuple[Path, GroundTruth]:
    """Write case to folder/<name>.mp4 (re-encoding the opening through its filter, if any)."""
    path = folder / f"{case.name}.mp4"
    if case.opening_filter is None:
        return path, make_video(path, case.spec)
    raw = folder / f"{case.name}.raw.mp4"
    truth = make_video(raw, case.spec)
    # the filter only acts before filter_until_s: ffmpeg's timeline editing (`enable=`)
    chain = ",".join(f"{f}:enable='lt(t,{case.filter_until_s})'" for f in case.opening_filter.split(";"))
    subprocess.run(
        [ffmpeg_exe(), "-hide_banner", "-loglevel", "error", "-y", "-i", str(raw), "-vf", chain,
         "-c:v", "libx264", "-preset", "ultrafast", "-crf", "20", "-pix_fmt", "yuv420p", "-c:a", "copy", str(path)],
        check=True,
    )
    raw.unlink()
    return path, truth


def quick(durations: list[float], seed: int, **kwargs) -> tuple[ShotSpec, ...]:
    return simple_shots(durations, seed=seed, **kwargs)


def draft_set() -> list[DraftCase]:
    """The issue's draft set, plus one draft per remaining rule. Small (360×640) unless noted;
    those small drafts honestly fire SPEC006 resolution, so it is in their expected set."""
    small = frozenset({"SPEC006"})
    return [
        DraftCase(
            "strong",
            VideoSpec(shots=quick([0.8, 1.6, 1.5, 1.8, 2.0, 1.7, 1.6], 10), width=720, height=1280,
                      audio=speech(11.0)),
            frozenset(),
            notes="720×1280, first cut at 0.8 s, a cut every 1.5–2 s, sound from 0 s",
        ),
        DraftCase(
            "static-silent-opening",
            VideoSpec(shots=(ShotSpec(3.5, seed=21, pan_px_per_s=0.0),) + quick([1.5, 2.0, 2.0, 2.0], 22),
                      audio=speech(11.0, start_s=2.5)),
            small | {"HOOK001", "HOOK004"},
            notes="a still 3.5 s first shot (only a small object moves), no sound until 2.5 s: the slow start "
                  "(HOOK001, standing for HOOK002 and HOOK006) and the silent start (HOOK004), one finding each",
        ),
        DraftCase(
            "fade-from-black",
            VideoSpec(shots=quick([1.6, 1.8, 2.0, 2.0, 2.0], 30), fade_in_s=1.0, fade_in_hold_s=0.1,
                      audio=speech(9.5)),
            small | {"HOOK003"},
            notes="1 s fade from black; the picture drifts as soon as it is bright, so the late start is only the "
                  "lead-in HOOK003 reports (HOOK001 defers; the first cut comes at 1.7 s)",
        ),
        DraftCase(
            "slow",
            VideoSpec(shots=quick([12.0, 13.0, 11.0, 14.0], 40), audio=speech(50.0, gaps=((20.0, 23.0),))),
            small | {"PACE001", "PACE003"},
            notes="11–14 s gently drifting shots (they move from the first frame: no slow start, far too few "
                  "cuts), 3 s of silence at 20–23 s",
        ),
        DraftCase(
            "fast-pan-flashes",
            VideoSpec(shots=(ShotSpec(9.0, seed=50, pan_px_per_s=700.0),), flashes=(1.0, 3.0, 5.5, 7.0),
                      audio=speech(9.0)),
            small,
            notes="one 9 s whip pan with four white flashes and no cut: lively, not slow",
        ),
        DraftCase(
            "letterboxed",
            VideoSpec(shots=quick([0.8, 2.0, 2.0, 2.0, 2.0], 60), letterbox_px=219, audio=speech(8.8)),
            small | {"SPEC005"},
            notes="a 360×202 (16:9) picture with black bars inside 360×640",
        ),
        DraftCase(
            "rotated-phone",
            VideoSpec(shots=quick([0.8, 2.0, 2.0, 2.0], 70), width=1280, height=720, rotation=90,
                      audio=speech(6.8)),
            frozenset(),
            notes="stored 1280×720 with a 90° rotation: displays 720×1280",
        ),
        DraftCase(
            "dark-blurry-opening",
            VideoSpec(shots=quick([0.8, 1.6, 1.5, 1.8, 2.0], 80), audio=speech(7.7)),
            small | {"HOOK005"},
            opening_filter="gblur=sigma=9;lutyuv=y=val*0.3",
            filter_until_s=2.38,  # up to the second cut: switching the filter off mid-shot is a visible change
            notes="the first two shots (2.4 s) blurred (σ 9 px, 2.5% of the width) and darkened to 30% luma",
        ),
        DraftCase(
            "no-audio",
            VideoSpec(shots=quick([0.8, 1.6, 1.5, 1.8, 2.0], 90)),
            small | {"SPEC007"},
            notes="no audio track: HOOK004 and PACE003 skip",
        ),
        DraftCase(
            "dead-stretch-long-ending",
            VideoSpec(shots=quick([0.8, 2.0, 2.0], 100) + (ShotSpec(6.0, seed=104, pan_px_per_s=0.0),)
                      + quick([2.0, 2.0], 105) + (ShotSpec(4.0, seed=107, pan_px_per_s=0.0),),
                      audio=speech(18.8)),
            small | {"PACE002", "PACE005"},
            notes="a still 6 s shot at 4.8–10.8 s and a still 4 s end card",
        ),
        DraftCase(
            "sixty-fps",
            VideoSpec(shots=quick([0.8, 2.0], 130) + (ShotSpec(5.0, seed=133, pan_px_per_s=30.0),) + quick([2.0], 134),
                      fps=60.0, audio=speech(9.8)),
            small,
            notes="60 fps with a slow 30 px/s drift for 5 s: half the per-frame motion of 30 fps, still not 'still'",
        ),
        DraftCase(
            "pacing-decay",
            VideoSpec(shots=quick([0.8] + [1.5] * 9, 110) + quick([7.5, 7.5], 120), audio=speech(29.3)),
            small | {"PACE004"},
            notes="a cut at 0.8 s, 1.5 s shots to 14.3 s, then two 7.5 s shots",
        ),
    ]
