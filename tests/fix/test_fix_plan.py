"""Cut planning from findings alone: which spans, how much is kept, what is left and why."""

from __future__ import annotations

import time

from prelint.fix import MIN_KEEP_S, plan_cuts
from prelint.model import Finding, Level, Report, RuleResult, Status

FPS = 30.0


def _rule(code: str, name: str, findings=(), metrics=None) -> RuleResult:
    status = Status.WARN if findings else Status.PASS
    return RuleResult(code, name, status, tuple(findings), dict(metrics or {}))


def _finding(code: str, name: str, t0=None, t1=None, **evidence) -> Finding:
    return Finding(code, name, Level.WARN, "m", start_s=t0, end_s=t1, evidence=evidence)


def black(picture_s: float) -> RuleResult:
    return _rule("HOOK003", "black-opening", [_finding("HOOK003", "black-opening", 0.0, picture_s, black_s=picture_s,
                                                       fade_in_s=0.0, picture_s=picture_s, max_black_s=0.5)],
                 {"picture_s": picture_s})


def ending(last_activity_s: float, duration_s: float) -> RuleResult:
    return _rule("PACE005", "long-ending", [_finding("PACE005", "long-ending", last_activity_s, duration_s,
                                                     last_activity_s=last_activity_s,
                                                     still_ending_s=duration_s - last_activity_s,
                                                     max_static_end_s=2.5, still_motion=0.8)])


def silent(first_sound_s: float | None) -> RuleResult:
    return _rule("HOOK004", "silent-opening", [_finding("HOOK004", "silent-opening", 0.0, first_sound_s,
                                                        first_sound_s=first_sound_s, max_silence_s=0.5)])


def dead_air(start_s: float, end_s: float) -> RuleResult:
    return _rule("PACE003", "dead-air", [_finding("PACE003", "dead-air", start_s, end_s, start_s=start_s, end_s=end_s,
                                                  silence_s=end_s - start_s, max_silence_s=2.0)])


def report(*rules: RuleResult) -> Report:
    return Report(path="draft.mp4", rules=tuple(rules), platform="douyin")


def test_black_lead_in_and_still_ending():
    plan = plan_cuts(report(black(1.2), ending(20.0, 24.0)), FPS, int(24 * FPS))
    assert [(c.kind, c.start_frame, c.end_frame) for c in plan.cuts] == [("lead-in", 0, 36), ("ending", 668, 720)]
    assert plan.keeps() == [(36, 668)]  # 2.25 s of the 4 s still ending kept (to the nearest frame)
    assert plan.kept_frames == 720 - 36 - 52
    assert plan.new_time(0.5) is None and abs(plan.new_time(10.0) - 8.8) < 1e-9
    assert plan.notes == ()


def test_cut_boundaries_are_frame_boundaries():
    plan = plan_cuts(report(black(1.2166)), 29.97, 600)
    (cut,) = plan.cuts
    assert cut.end_frame == round(1.2166 * 29.97)
    assert abs(cut.end_s * 29.97 - cut.end_frame) < 1e-9


def test_the_lead_in_covers_every_rule_that_asks_for_it():
    plan = plan_cuts(report(black(0.8), silent(1.6)), FPS, int(20 * FPS))
    (cut,) = plan.cuts
    assert cut.end_frame == round((1.6 - 0.1) * FPS)  # up to 0.1 s before the first sound
    assert len(cut.reasons) == 2


def test_never_less_than_the_minimum_is_kept():
    plan = plan_cuts(report(black(2.5), ending(1.0, 5.0)), FPS, int(5 * FPS))
    assert plan.min_keep_s == MIN_KEEP_S
    assert plan.kept_s >= MIN_KEEP_S - 1e-9
    assert [c.kind for c in plan.cuts] == ["lead-in"] and plan.cuts[0].duration_s == 2.0  # only 2 of the 2.5 s
    assert any("keeps at least 3.0 s" in note.text for note in plan.notes)
    long = plan_cuts(report(black(40.0)), FPS, int(60 * FPS))
    assert long.kept_s == 30.0  # half the video


def test_dead_air_is_cut_only_when_asked():
    rules = report(dead_air(5.0, 9.0))
    plan = plan_cuts(rules, FPS, int(30 * FPS))
    assert plan.cuts == () and "--cut-dead-air" in str(plan.notes[0])
    plan = plan_cuts(rules, FPS, int(30 * FPS), cut_dead_air=True)
    (cut,) = plan.cuts
    assert (cut.start_s, cut.end_s) == (5.3, 8.7)  # 0.3 s of pause kept each side


def test_what_cannot_be_cut_is_said():
    nothing_changes = _rule("HOOK001", "slow-start", [_finding("HOOK001", "slow-start", 0.0, 10.0, first_change_s=None,
                                                               max_first_change_s=1.0, picture_s=0.0)],
                            {"first_change_s": None})
    plan = plan_cuts(report(nothing_changes, silent(None)), FPS, int(10 * FPS))
    assert plan.cuts == ()
    texts = " ".join(str(n) for n in plan.notes)
    assert "nothing changes on screen" in texts and "silent throughout" in texts


def test_a_moving_picture_is_not_trimmed_for_slow_start():
    late_change = _rule("HOOK001", "slow-start", [_finding("HOOK001", "slow-start", 0.0, 4.0, first_change_s=4.0,
                                                           max_first_change_s=1.0, picture_s=1.0)],
                        {"first_change_s": 4.0})
    plan = plan_cuts(report(black(1.0), late_change), FPS, int(30 * FPS))  # no media facts: nothing known frozen
    (cut,) = plan.cuts
    assert cut.end_frame == 30  # the black second only
    assert any("only a frozen lead-in is cut" in str(n) for n in plan.notes)


def test_one_fix_cuts_at_most_its_share_of_pauses():
    """Planning compares each cut with the others: 15,000 pauses took 107 s to plan."""
    from prelint.fix import MAX_DEAD_AIR_CUTS

    findings = [_finding("PACE003", "dead-air", 4.0 * i, 4.0 * i + 2.5, start_s=4.0 * i, end_s=4.0 * i + 2.5,
                         silence_s=2.5, max_silence_s=2.0) for i in range(1, 3001)]
    rules = report(_rule("PACE003", "dead-air", findings))
    started = time.monotonic()
    plan = plan_cuts(rules, FPS, int(13_000 * FPS), cut_dead_air=True)
    assert time.monotonic() - started < 5
    assert len(plan.cuts) == MAX_DEAD_AIR_CUTS
    assert any(f"{3000 - MAX_DEAD_AIR_CUTS} more pauses from" in str(n) for n in plan.notes)
