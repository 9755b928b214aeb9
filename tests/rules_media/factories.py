"""Hand-built media facts and a one-rule runner for exact, fast unit tests of the HOOK/PACE/SPEC rules.

The runner goes through the real engine path (`run_rule`: option resolution, Skip handling,
status) with the draft's facts preset, so no video is decoded.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable, Iterable

from prelint.config import Config
from prelint.context import Facts
from prelint.draft import Draft
from prelint.engine import run_rule
from prelint.errors import Skip
from prelint.media.facts import AudioFacts, Bars, FrameSeries, MediaFacts, ProbeFacts, Silence, Transition
from prelint.model import RuleResult
from prelint.registry import load_rules

Value = float | Callable[[float], float]


def _at(value: Value, t: float) -> float:
    return float(value(t)) if callable(value) else float(value)


def make_probe(
    *,
    duration_s: float = 10.0,
    width: int = 1080,
    height: int = 1920,
    rotation: int = 0,
    fps: float = 30.0,
    has_audio: bool = True,
    size_bytes: int = 20_000_000,
) -> ProbeFacts:
    rotated = rotation in (90, 270)
    return ProbeFacts(
        path="draft.mp4",
        size_bytes=size_bytes,
        duration_s=duration_s,
        width=width,
        height=height,
        coded_width=height if rotated else width,
        coded_height=width if rotated else height,
        rotation=rotation,
        fps=fps,
        is_vfr=False,
        video_codec="h264",
        audio_codec="aac" if has_audio else None,
        has_audio=has_audio,
        bitrate_bps=None,
        frame_count=int(round(duration_s * fps)),
    )


def sound_from(first_sound_s: float | None, duration_s: float, gaps: Iterable[tuple[float, float]] = ()) -> AudioFacts:
    """Audio with sound from first_sound_s (None: silent throughout) except in the given gaps."""
    silences = []
    if first_sound_s is None:
        silences.append(Silence(0.0, duration_s))
    elif first_sound_s > 0:
        silences.append(Silence(0.0, first_sound_s))
    silences += [Silence(a, b) for a, b in gaps]
    return AudioFacts(has_audio=True, first_sound_s=first_sound_s, silences=tuple(silences), sample_rate=16000)


def make_media(
    *,
    duration_s: float = 10.0,
    fps: float = 30.0,
    cuts: Iterable[float] = (),
    transitions: Iterable[Transition] = (),
    motion: Value = 1.5,
    luma: Value = 120.0,
    blur: Value = 800.0,
    black_until_s: float = 0.0,
    uniform_until_s: float = 0.0,
    audio: AudioFacts | None = None,
    has_audio: bool = True,
    bars: Bars = Bars(),
    highlight: Value | None = None,
    legacy: bool = False,
    **probe_kwargs: Any,
) -> MediaFacts:
    """MediaFacts of a video: frames every 1/fps s with the given per-time motion/luma/blur.

    `motion` is the picture's activity (FrameSeries.activity, the rules' motion; also put in
    series.motion); the picture's luma, spread and sharpness equal the whole frame's, and its
    brightest 1% (`highlight`) is 1.6 x its luma unless given. legacy: facts without the
    activity and picture series (the rules then read series.motion, scaled to the picture
    inside black bars, and the whole frame's luma).

    Cuts add a large motion spike at the cut frame, like a real cut. Frames before
    black_until_s are black (luma 0), before uniform_until_s flat grey; a fade_in
    transition ramps the luma up from 0 across its span.
    """
    from prelint.media.transitions import shots_from_transitions

    n = int(round(duration_s * fps))
    times = tuple(i / fps for i in range(n))
    all_transitions = sorted(
        [Transition("cut", c, c) for c in cuts] + list(transitions), key=lambda t: (t.start_s, t.end_s)
    )
    cut_frames = {int(round(c * fps)) for c in cuts}
    fades_in = [(t.start_s, t.end_s) for t in all_transitions if t.kind == "fade_in"]
    motion_values, luma_values, std_values, blur_values, black, uniform = [], [], [], [], [], []
    for i, t in enumerate(times):
        is_black = t < black_until_s - 1e-9
        is_flat = is_black or t < uniform_until_s - 1e-9
        value = 40.0 if i in cut_frames else _at(motion, t)
        motion_values.append(0.0 if i == 0 or is_flat else value)
        # a fade from black brightens linearly from its start to its end
        gain = next((min(1.0, (t - a) / (b - a)) for a, b in fades_in if a <= t < b and b > a), 1.0)
        luma_values.append(0.0 if is_black else 128.0 if is_flat else gain * _at(luma, t))
        std_values.append(0.5 if is_flat else 40.0)
        blur_values.append(0.0 if is_flat else _at(blur, t))
        black.append(is_black)
        uniform.append(is_flat)
    picture: dict[str, Any] = {}
    if not legacy:
        high = [min(255.0, 1.6 * v) if highlight is None else (0.0 if u else _at(highlight, t))
                for v, u, t in zip(luma_values, uniform, times)]
        picture = dict(activity=tuple(motion_values), picture_luma=tuple(luma_values),
                       picture_std=tuple(std_values), picture_high=tuple(high),
                       picture_blur=tuple(blur_values), picture=bars)
    series = FrameSeries(
        times_s=times,
        diff=tuple(0.5 if i in cut_frames else 0.02 for i in range(n)),
        motion=tuple(motion_values),
        luma_mean=tuple(luma_values),
        luma_std=tuple(std_values),
        blur=tuple(blur_values),
        is_black=tuple(black),
        is_uniform=tuple(uniform),
        bars=bars,
        **picture,
    )
    if audio is None:
        audio = sound_from(0.0, duration_s) if has_audio else AudioFacts(has_audio=False)
    probe = make_probe(duration_s=duration_s, fps=fps, has_audio=has_audio, **probe_kwargs)
    return MediaFacts(
        probe=probe,
        shots=shots_from_transitions(all_transitions, duration_s),
        transitions=tuple(all_transitions),
        series=series,
        audio=audio,
        frames=(),
        settings_key="unit-test",
        analysis_seconds=0.0,
    )


def run(
    code: str,
    media: MediaFacts | None = None,
    *,
    probe: ProbeFacts | None = None,
    options: dict[str, Any] | None = None,
    platform: str = "douyin",
    content: Any = None,
    config_options: dict[str, dict[str, Any]] | None = None,
    select: tuple[str, ...] = ("ALL",),
) -> RuleResult:
    """Run one rule on preset facts. content=None makes ctx.content raise Skip (not available).
    select: the run's rule selection (rules that defer to another one do so only when it runs)."""
    rule = load_rules()[code]
    table = dict(config_options or {})
    if options:
        table[code] = options
    config = Config(options=table, select=select)
    facts = Facts(draft=Draft(video=Path("draft.mp4")), config=config)
    probe = probe if probe is not None else (media.probe if media is not None else make_probe())
    facts._values["probe"] = ("ok", probe)  # preset facts: the providers would decode the file
    if media is not None:
        facts._values["media"] = ("ok", media)
    else:
        facts._values["media"] = ("raised", AssertionError(f"{code} must not need the media analysis here"))
    facts._values["content"] = ("ok", content) if content is not None else ("raised", Skip("no content in this test"))
    return run_rule(rule, facts, config, platform)
