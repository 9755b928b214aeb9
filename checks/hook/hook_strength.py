"""HOOK006 hook-strength."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import prelint
from prelint.checks.hook.measures import (
    clamp01,
    first_visual_change,
    mean_motion,
    opening_clarity,
    opening_picture,
    opening_transitions,
)
from prelint.errors import Skip
from prelint.rules import Option

OPTIONS = [
    Option("window-s", 3.0, "Length of the opening scored", "s"),
    Option("min-score", 65, "Score below which the hook is reported as weak", "points (0–100)"),
]

#: Points per component; the score is the weighted sum, rescaled to 100 over the components
#: that could be measured (on-screen text only counts when the content text is available).
WEIGHTS = {"change": 30, "energy": 20, "picture": 15, "sound": 15, "clarity": 10, "text": 10}
#: A first visual change at or before this time (s) earns the full "change" points.
FULL_CREDIT_CHANGE_S = 0.5
#: The picture at full brightness by this time (s) earns the full "picture" points.
FULL_CREDIT_PICTURE_S = 0.2
#: Sound starting by this time (s) earns the full "sound" points; none by ZERO_CREDIT_SOUND_S, zero.
FULL_CREDIT_SOUND_S = 0.3
ZERO_CREDIT_SOUND_S = 2.0


@dataclass(frozen=True)
class HookScore:
    score: int
    components: dict[str, float | None]  # 0..1 per component, None = not measured
    measured: dict[str, Any]


def _ramp(value: float, full_at: float, zero_at: float) -> float:
    """1 at or below full_at, 0 at or above zero_at, linear in between."""
    if zero_at <= full_at:
        return 1.0 if value <= full_at else 0.0
    return clamp01((zero_at - value) / (zero_at - full_at))


def _sibling_options(ctx, rule) -> Any:
    """Another hook rule's options as this run configures them (so the score agrees with it)."""
    from types import SimpleNamespace

    from prelint.config import resolve_rule_options

    return SimpleNamespace(**resolve_rule_options(rule, ctx.config))


def score_hook(ctx) -> HookScore:
    from prelint.checks.hook.black_opening import black_opening
    from prelint.checks.hook.dark_or_blurry_opening import dark_or_blurry_opening
    from prelint.checks.hook.silent_opening import silent_opening
    from prelint.checks.hook.slow_start import slow_start

    media = ctx.media
    window = min(ctx.options.window_s, media.duration_s)
    slow = _sibling_options(ctx, slow_start)
    black = _sibling_options(ctx, black_opening)
    silent = _sibling_options(ctx, silent_opening)
    clear = _sibling_options(ctx, dark_or_blurry_opening)
    components: dict[str, float | None] = {}
    measured: dict[str, Any] = {}

    opening = opening_picture(media)
    change = first_visual_change(media, slow.change_motion, after_s=opening.picture_s)
    first_change = None if change is None else change.t_s
    measured["first_change_s"] = None if first_change is None else round(first_change, 3)
    components["change"] = 0.0 if first_change is None else _ramp(first_change, FULL_CREDIT_CHANGE_S, window)

    transitions = opening_transitions(media, window)
    motion = mean_motion(media, opening.picture_s, max(window, opening.picture_s + 1e-3)) or 0.0
    measured["transitions_in_window"] = len(transitions)
    measured["mean_motion"] = round(motion, 3)
    components["energy"] = 1.0 if transitions else clamp01(motion / slow.change_motion)

    measured["picture_s"] = round(opening.picture_s, 3)
    components["picture"] = _ramp(opening.picture_s, FULL_CREDIT_PICTURE_S, 3 * black.max_black_s)

    audio = media.audio
    has_audio = audio.has_audio and ctx.probe.has_audio
    measured["first_sound_s"] = None if audio.first_sound_s is None else round(audio.first_sound_s, 3)
    if not has_audio or audio.first_sound_s is None:
        components["sound"] = 0.0
    else:
        components["sound"] = _ramp(audio.first_sound_s, FULL_CREDIT_SOUND_S, max(ZERO_CREDIT_SOUND_S, silent.max_silence_s))

    clarity = opening_clarity(media, opening.picture_s, clear.opening_s)
    if clarity is not None:
        measured["median_luma"] = round(clarity.median_luma, 2)
        measured["median_sharpness"] = round(clarity.median_sharpness, 4)
        high = clarity.median_high
        dark = clarity.median_luma < clear.min_luma and (high is None or high < clear.min_highlight)
        blurry = clarity.median_sharpness < clear.min_sharpness
        components["clarity"] = 1.0 - 0.5 * dark - 0.5 * blurry
    else:
        components["clarity"] = 0.0

    try:
        content = ctx.content
    except (Skip, ImportError):  # content text not available: the component is left out
        content = None
    if content is None or not content.ocr_ran:  # on-screen text was not read (OCR off)
        components["text"] = None
    else:
        spans = [s for s in content.in_window(0.0, window, "screen") if s.text.strip()]
        measured["hook_text"] = " / ".join(s.text for s in spans[:3])
        components["text"] = 1.0 if spans else 0.0

    got = sum(WEIGHTS[k] * v for k, v in components.items() if v is not None)
    possible = sum(WEIGHTS[k] for k, v in components.items() if v is not None)
    score = int(round(100.0 * got / possible)) if possible else 0
    return HookScore(score=score, components=components, measured=measured)


def _reported_parts(ctx) -> dict[str, str]:
    """Score components whose weakness another running hook rule reports on this draft, with
    that rule's code."""
    from prelint.checks.hook.related import opening_state, options_of, rule_runs

    media = ctx.media
    parts: dict[str, str] = {}
    if rule_runs(ctx, "HOOK001") and opening_state(ctx).late:
        parts["change"] = parts["energy"] = "HOOK001"
    if rule_runs(ctx, "HOOK003"):
        black = options_of(ctx, "HOOK003")
        if opening_picture(media).picture_s > black.max_black_s + 1e-6:
            parts["picture"] = "HOOK003"
    if rule_runs(ctx, "HOOK004") and media.audio.has_audio and ctx.probe.has_audio:
        silent = options_of(ctx, "HOOK004")
        first = media.audio.first_sound_s
        if first is None or first > silent.max_silence_s + 1e-6:
            parts["sound"] = "HOOK004"
    if rule_runs(ctx, "HOOK005"):
        clear = options_of(ctx, "HOOK005")
        clarity = opening_clarity(media, opening_picture(media).picture_s, clear.opening_s)
        if clarity is not None:
            high = clarity.median_high
            dark = clarity.median_luma < clear.min_luma and (high is None or high < clear.min_highlight)
            if dark or clarity.median_sharpness < clear.min_sharpness:
                parts["clarity"] = "HOOK005"
    return parts


_ADVICE = {
    "change": "add a cut or camera move before 1 s",
    "energy": "put movement or a cut in the first 3 s",
    "picture": "open on the picture, not on black or a fade",
    "sound": "start the voice or music at 0 s",
    "clarity": "open on a bright, in-focus shot",
    "text": "put a short hook line on screen in the first 3 s",
}


@prelint.check(code="HOOK006", name="hook-strength", level="warn", options=OPTIONS, needs=["media", "content"])
def hook_strength(ctx):
    """What it checks: a 0–100 hook score. It scores the opening window (first 3 s) on how soon the
    picture first changes (30 points), cuts or motion in the window (20), a picture from the
    first frame (15), sound from the start (15), a bright, sharp opening (10) and on-screen
    hook text (10, only when on-screen text could be read; otherwise the score is rescaled
    over the other 90). Each component is shown as a metric; the rule warns below `min-score`.

    Why it matters: the hook decides whether the rest is seen. TikTok's ad research puts 50%
    of an ad's impact in the first 2 s and 90% by 6 s; the components are the openings the
    other HOOK rules flag, so the score ranks drafts even when no single rule fires.

    How to fix: work on the lowest components first (the finding lists them): a cut or move
    before 1 s, sound at 0 s, no black lead-in, a bright sharp first shot, a hook line on screen.

    Options: the component thresholds follow HOOK001, HOOK003, HOOK004 and HOOK005's options
    as configured. The weights are prelint's judgement, not a published model. A weak part that
    its own rule reports on this draft (a slow start, a black opening, a silent start, a dark or
    blurry opening) is left to that rule's finding: this rule reports only when the parts no
    other rule reports keep the score below `min-score`, and says which rules report the rest.
    """
    result = score_hook(ctx)
    ctx.metric("score", result.score)
    for name, value in result.components.items():
        ctx.metric(f"{name}_component", None if value is None else round(value, 3))
    if result.score >= ctx.options.min_score:
        return
    weak = sorted(
        ((k, v) for k, v in result.components.items() if v is not None and v < 0.75),
        key=lambda kv: WEIGHTS[kv[0]] * (1 - kv[1]),
        reverse=True,
    )
    # a weak part that another hook rule reports on this draft is that rule's finding: this
    # rule reports only when the parts no other rule reports keep the score weak
    reported = _reported_parts(ctx)
    covered = sorted({reported[k] for k, _ in weak if k in reported})
    weakest = [(k, v) for k, v in weak if k not in reported]
    if covered:
        ctx.metric("covered_by", ", ".join(covered))
        rest = {k: (1.0 if k in reported else v) for k, v in result.components.items()}
        got = sum(WEIGHTS[k] * v for k, v in rest.items() if v is not None)
        possible = sum(WEIGHTS[k] for k, v in rest.items() if v is not None)
        remaining = int(round(100.0 * got / possible)) if possible else 0
        ctx.metric("score_without_reported_parts", remaining)
        if remaining >= ctx.options.min_score:
            return
    advice = "; ".join(_ADVICE[k] for k, _ in weakest[:3]) or "strengthen the opening"
    lost = ", ".join(f"{k} {WEIGHTS[k] * v:.0f}/{WEIGHTS[k]}" for k, v in weakest)
    also = f" (also weak, reported by {', '.join(covered)})" if covered else ""
    yield ctx.finding(
        f"Weak hook: score {result.score}/100 (below {ctx.options.min_score}); weakest: {lost}{also}",
        hint=advice[0].upper() + advice[1:],
        start_s=0.0,
        end_s=min(ctx.options.window_s, ctx.media.duration_s),
        evidence={
            "score": result.score,
            "min_score": ctx.options.min_score,
            "components": {k: None if v is None else round(v, 3) for k, v in result.components.items()},
            "weights": dict(WEIGHTS),
            **result.measured,
        },
    )
