"""PACE004 pacing-decay."""

from __future__ import annotations

import prelint
from prelint.checks.hook.measures import shot_pieces_in
from prelint.rules import Option

OPTIONS = [
    Option("max-slowdown", 2.0, "Largest acceptable ratio of the second half's average shot length to the first half's", "×"),
    Option("min-slow-asl-s", 4.0, "The second half must average at least this long per shot to count as slow", "s"),
    Option("min-duration-s", 10.0, "Videos shorter than this are not judged", "s"),
]


@prelint.check(code="PACE004", name="pacing-decay", level="warn", options=OPTIONS, needs=["media"])
def pacing_decay(ctx):
    """What it checks: a second half much slower than the first. The average shot length of the
    second half is compared with the first half's (a shot across the midpoint counts in both). It fires when the second half is more
    than `max-slowdown` times slower and averages over `min-slow-asl-s` per shot.

    Why it matters: completion rate is a distribution signal; a draft that opens fast and then
    settles into long takes loses viewers in its second half, where the call to action sits.

    How to fix: tighten the second half — trim long takes, add B-roll or jump cuts — or move
    the slower explanation earlier and end on the payoff.
    """
    media = ctx.media
    opts = ctx.options
    duration = media.duration_s
    half = duration / 2.0
    first = shot_pieces_in(media, 0.0, half)
    second = shot_pieces_in(media, half, duration)
    if not first or not second:
        ctx.skip("no shots in one half of the video")
    first_asl = sum(first) / len(first)
    second_asl = sum(second) / len(second)
    ratio = second_asl / first_asl if first_asl > 0 else 0.0
    ctx.metric("first_half_average_shot_s", round(first_asl, 3))
    ctx.metric("second_half_average_shot_s", round(second_asl, 3))
    ctx.metric("slowdown", round(ratio, 3))
    if duration < opts.min_duration_s:
        ctx.skip(f"video shorter than {opts.min_duration_s:.0f} s")
    if ratio <= opts.max_slowdown or second_asl < opts.min_slow_asl_s:
        return
    yield ctx.finding(
        f"The second half is {ratio:.1f}× slower: average shot {second_asl:.1f} s after {half:.1f} s, "
        f"{first_asl:.1f} s before",
        hint=f"Tighten {half:.0f}–{duration:.0f} s to about {first_asl * opts.max_slowdown:.1f} s per shot: "
        "trim long takes or add B-roll/jump cuts",
        start_s=half,
        end_s=duration,
        evidence={
            "first_half_average_shot_s": round(first_asl, 3),
            "second_half_average_shot_s": round(second_asl, 3),
            "first_half_shots": len(first),
            "second_half_shots": len(second),
            "slowdown": round(ratio, 3),
            "max_slowdown": opts.max_slowdown,
        },
    )
