"""PACE rules on hand-built media facts."""

from __future__ import annotations

import pytest

from prelint.media.facts import AudioFacts, Transition
from prelint.model import Status
from tests.rules_media.factories import make_media, run, sound_from


def cuts_every(step: float, start: float, end: float) -> list[float]:
    out, t = [], start
    while t < end - 1e-9:
        out.append(round(t, 6))
        t += step
    return out


# ------------------------------------------------------------------ PACE001 low-cut-density
def test_twelve_second_shots_in_a_minute_are_low_density() -> None:
    result = run("PACE001", make_media(duration_s=60.0, cuts=[12.0, 24.0, 36.0, 48.0]))
    assert result.status is Status.WARN
    evidence = result.findings[0].evidence
    assert evidence["shots"] == 5
    assert evidence["average_shot_s"] == pytest.approx(12.0)
    assert evidence["median_shot_s"] == pytest.approx(12.0)
    assert evidence["shots_per_minute"] == pytest.approx(5.0)
    # 4 s at 15 s, 8 s at 180 s, log-interpolated: 4 + 4 * log(4) / log(12)
    assert evidence["max_average_shot_s"] == pytest.approx(6.232, abs=1e-3)
    assert "add at least 5 cuts" in result.findings[0].hint


def test_ceiling_grows_with_duration() -> None:
    # 3 min tutorial with 7.5 s shots: under the 8 s ceiling of long videos
    tutorial = run("PACE001", make_media(duration_s=180.0, cuts=cuts_every(7.5, 7.5, 180.0), fps=10.0))
    assert tutorial.status is Status.PASS
    assert tutorial.metrics["max_average_shot_s"] == 8.0
    # the same 7.5 s shots in a 20 s clip are slow
    clip = run("PACE001", make_media(duration_s=22.5, cuts=[7.5, 15.0]))
    assert clip.status is Status.WARN


def test_one_long_shot_among_quick_ones_does_not_fire() -> None:
    media = make_media(duration_s=40.0, cuts=[1.0, 2.0, 3.0, 4.0, 5.0, 35.0])
    result = run("PACE001", media)
    # the 30 s shot lifts the average over the 5.6 s ceiling; the 1 s median keeps it quiet
    assert result.metrics["average_shot_s"] == pytest.approx(40.0 / 7, abs=1e-3)
    assert result.metrics["average_shot_s"] > result.metrics["max_average_shot_s"]
    assert result.metrics["median_shot_s"] == pytest.approx(1.0)
    assert result.status is Status.PASS


def test_a_black_lead_in_is_not_a_shot() -> None:
    # 1.1 s of black, then 13 s shots: without the black "shot" the median is 13 s, not 7
    media = make_media(duration_s=27.1, black_until_s=1.1, cuts=[1.1, 14.1])
    result = run("PACE001", media)
    assert result.metrics["shots"] == 2
    assert result.metrics["median_shot_s"] == pytest.approx(13.0, abs=0.05)
    assert result.status is Status.WARN


def test_long_shots_full_of_motion_are_exempt() -> None:
    result = run("PACE001", make_media(duration_s=20.0, motion=15.0))
    assert result.status is Status.PASS
    assert result.metrics["exempt"] == "long shots are continuous camera/subject motion"


def test_short_videos_are_skipped_but_measured() -> None:
    result = run("PACE001", make_media(duration_s=6.0))
    assert result.status is Status.SKIPPED
    assert result.metrics["shots"] == 1


# ------------------------------------------------------------------ PACE002 dead-stretch
def test_a_five_second_still_span_is_a_dead_stretch() -> None:
    media = make_media(duration_s=15.0, cuts=[2.0, 4.0, 10.0, 12.0], motion=lambda t: 0.1 if 4.0 <= t < 10.0 else 2.0)
    result = run("PACE002", media)
    assert result.status is Status.WARN
    (finding,) = result.findings
    # the 0.2 s smoothing and the cut frames trim the span by at most a few frames
    assert finding.start_s == pytest.approx(4.0, abs=0.15)
    assert finding.end_s == pytest.approx(10.0, abs=0.15)
    assert finding.evidence["mean_motion"] < 0.8


def test_a_still_ending_is_left_to_long_ending_and_motion_breaks_stretches() -> None:
    ending = make_media(duration_s=12.0, cuts=[2.0, 4.0, 6.0], motion=lambda t: 0.1 if t >= 6.0 else 2.0)
    assert run("PACE002", ending).status is Status.PASS
    assert run("PACE002", make_media(duration_s=12.0, motion=1.5)).status is Status.PASS


# ------------------------------------------------------------------ PACE003 dead-air
def test_three_seconds_of_silence_mid_way_is_dead_air() -> None:
    media = make_media(duration_s=20.0, audio=sound_from(0.0, 20.0, gaps=[(8.0, 11.0), (14.0, 15.0)]))
    result = run("PACE003", media)
    assert result.status is Status.WARN
    (finding,) = result.findings
    assert finding.evidence["silence_s"] == pytest.approx(3.0)
    assert (finding.start_s, finding.end_s) == (8.0, 11.0)
    assert finding.hint == "Cut the 3.0 s pause at 8.0 s, or run music under it"


def test_silence_at_the_start_is_hook004s_and_at_the_end_says_trim() -> None:
    opening = make_media(duration_s=20.0, audio=sound_from(2.5, 20.0))
    assert run("PACE003", opening).status is Status.PASS
    ending = run("PACE003", make_media(duration_s=20.0, audio=sound_from(0.0, 20.0, gaps=[(16.5, 20.0)])))
    assert ending.findings[0].hint == "Trim the last 3.5 s, or run the music to the end"


def test_no_track_or_silent_track_is_skipped() -> None:
    assert run("PACE003", make_media(has_audio=False, audio=AudioFacts(has_audio=False))).status is Status.SKIPPED
    assert run("PACE003", make_media(audio=sound_from(None, 10.0))).status is Status.SKIPPED


# ------------------------------------------------------------------ PACE004 pacing-decay
def test_fast_first_half_then_long_takes_is_a_decay() -> None:
    media = make_media(duration_s=30.0, cuts=cuts_every(1.5, 1.5, 15.0) + [15.0, 22.5])
    result = run("PACE004", media)
    assert result.status is Status.WARN
    evidence = result.findings[0].evidence
    assert evidence["first_half_average_shot_s"] == pytest.approx(1.5)
    assert evidence["second_half_average_shot_s"] == pytest.approx(7.5)
    assert evidence["slowdown"] == pytest.approx(5.0)


def test_steady_or_speeding_up_is_not_a_decay() -> None:
    assert run("PACE004", make_media(duration_s=30.0, cuts=cuts_every(2.0, 2.0, 30.0))).status is Status.PASS
    speeding = make_media(duration_s=30.0, cuts=[7.5, 15.0] + cuts_every(1.5, 16.5, 30.0))
    assert run("PACE004", speeding).status is Status.PASS


def test_quick_cutting_that_slows_a_little_is_fine() -> None:
    # 0.5 s then 1.5 s shots: 3x slower, but still under min-slow-asl-s
    media = make_media(duration_s=20.0, cuts=cuts_every(0.5, 0.5, 10.0) + cuts_every(1.5, 10.0, 20.0))
    result = run("PACE004", media)
    assert result.metrics["slowdown"] == pytest.approx(2.95, abs=0.1)
    assert result.status is Status.PASS


# ------------------------------------------------------------------ PACE005 long-ending
def test_four_second_still_end_card_is_a_long_ending() -> None:
    media = make_media(duration_s=15.0, cuts=[3.0, 6.0, 11.0], motion=lambda t: 0.1 if t >= 11.0 else 2.0)
    result = run("PACE005", media)
    assert result.status is Status.WARN
    (finding,) = result.findings
    assert finding.evidence["last_activity_s"] == pytest.approx(11.0, abs=0.1)
    assert finding.evidence["still_ending_s"] == pytest.approx(4.0, abs=0.1)
    assert finding.hint.startswith("Cut the last 1.4 s")


def test_black_tail_after_fade_out_counts_and_moving_end_passes() -> None:
    black_tail = make_media(duration_s=12.0, cuts=[3.0], transitions=[Transition("fade_out", 8.0, 8.5)],
                            motion=lambda t: 0.0 if t >= 8.5 else 2.0)
    assert run("PACE005", black_tail).metrics["still_ending_s"] == pytest.approx(3.5, abs=0.05)
    assert run("PACE005", make_media(duration_s=12.0, cuts=[3.0, 6.0])).status is Status.PASS
