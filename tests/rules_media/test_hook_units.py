"""HOOK rules on hand-built media facts: exact times, statuses, evidence and hints."""

from __future__ import annotations

from dataclasses import replace

import pytest

from prelint.content.model import ContentText, TextSpan
from prelint.media.facts import AudioFacts, Transition
from prelint.model import Status
from tests.rules_media.factories import make_media, run, sound_from

FRAME = 1 / 30


# ------------------------------------------------------------------ HOOK001 slow-start
def test_cut_at_0_8_s_is_a_quick_start() -> None:
    result = run("HOOK001", make_media(cuts=[0.8, 3.0, 5.5], motion=0.3))
    assert result.status is Status.PASS
    assert result.metrics["first_change_s"] == pytest.approx(0.8, abs=FRAME)
    assert result.metrics["first_change_kind"] == "cut"


def test_first_cut_at_2_4_s_is_a_slow_start_with_the_trim_in_the_hint() -> None:
    result = run("HOOK001", make_media(cuts=[2.4, 5.0], motion=0.3))
    assert result.status is Status.WARN
    (finding,) = result.findings
    assert finding.evidence["first_change_s"] == pytest.approx(2.4, abs=FRAME)
    assert finding.evidence["first_change_kind"] == "cut"
    assert (finding.start_s, finding.end_s) == (0.0, pytest.approx(2.4, abs=FRAME))
    assert finding.hint == "Cut the first 1.4 s, or add a cut or camera move before 1.0 s"


def test_a_fast_camera_move_counts_as_the_first_change() -> None:
    media = make_media(cuts=[5.0], motion=lambda t: 15.0 if t >= 0.6 else 0.3)
    result = run("HOOK001", media)
    assert result.status is Status.PASS
    assert result.metrics["first_change_kind"] == "motion"
    # the 0.2 s smoothing window may bring the onset up to 0.1 s earlier
    assert 0.5 <= result.metrics["first_change_s"] <= 0.6 + 1e-9


def test_noise_level_movement_is_not_a_change_and_one_finding_stands_for_the_still_video() -> None:
    result = run("HOOK001", make_media(duration_s=15.0, motion=0.5))
    assert result.status is Status.WARN
    (finding,) = result.findings
    assert finding.evidence["first_change_s"] is None
    assert "Nothing changes on screen in the whole video (15.0 s)" in finding.message
    assert finding.evidence["covers"] == ["HOOK002 static-opening", "HOOK006 hook-strength",
                                          "PACE001 low-cut-density", "PACE005 long-ending"]
    assert finding.hint == ("Add a cut, a punch-in zoom or a camera move before 1.0 s, then a change about every 4 s "
                            "(B-roll, jump cuts, moving graphics)")
    # the rules it stands for leave the problem to it
    media = make_media(duration_s=15.0, motion=0.5)
    for code in ("HOOK002", "HOOK006", "PACE001", "PACE005"):
        deferred = run(code, media)
        assert deferred.status is Status.PASS, code
        assert deferred.metrics["covered_by"].startswith("HOOK001"), code
    # ... unless it does not run
    alone = run("PACE005", media, select=("PACE", "HOOK002"))
    assert alone.status is Status.WARN
    assert "Cut the last" not in alone.findings[0].hint  # never "cut the last 14 s" of a 15 s video


def test_a_subject_moving_from_the_first_frame_is_a_change() -> None:
    # a person talking, a pour, a performer on a dark stage: the activity of the busiest part
    for activity in (1.4, 6.0):
        result = run("HOOK001", make_media(duration_s=10.0, motion=activity))
        assert result.status is Status.PASS
        assert result.metrics["first_change_kind"] == "motion"
        assert result.metrics["first_change_s"] < 0.1


def test_the_opening_fade_from_black_is_not_the_first_change() -> None:
    media = make_media(black_until_s=0.2, transitions=[Transition("fade_in", 0.167, 1.1)], cuts=[1.7], motion=0.3)
    result = run("HOOK001", media, select=("HOOK001",))
    assert result.status is Status.WARN
    assert result.metrics["first_change_s"] == pytest.approx(1.7, abs=FRAME)


def test_a_lead_in_that_black_opening_reports_is_reported_once_with_one_cut() -> None:
    # 1.2 s of black, then a picture that moves at once: late only by the lead-in, HOOK003's finding
    moving = make_media(black_until_s=1.2, cuts=[1.2, 4.0], motion=lambda t: 6.0 if t >= 1.2 else 0.0)
    slow = run("HOOK001", moving)
    assert slow.status is Status.PASS and slow.metrics["covered_by"] == "HOOK003"
    (black,) = run("HOOK003", moving).findings
    assert black.hint == "Cut the first 1.2 s so the video opens on the full picture"
    # without HOOK003 the lead-in is a slow start
    assert run("HOOK001", moving, select=("HOOK001",)).status is Status.WARN
    # a fade from black onto a picture that moves: one cut, the whole lead-in
    fading = make_media(black_until_s=0.3, transitions=[Transition("fade_in", 0.3, 1.9)], motion=6.0)
    assert run("HOOK001", fading).metrics["covered_by"] == "HOOK003"
    (black,) = run("HOOK003", fading).findings
    assert black.hint.startswith("Cut the first 1.9 s so the video opens on the full picture (or re-edit the")


def test_a_lead_in_then_a_still_picture_is_one_finding_with_one_cut() -> None:
    # black until 1.2 s, the picture stands still until a cut at 3.5 s
    media = make_media(black_until_s=1.2, cuts=[1.2, 3.5, 6.0], motion=0.2)
    slow = run("HOOK001", media)
    assert slow.status is Status.WARN
    (finding,) = slow.findings
    assert finding.message.startswith("The picture is fully visible only at 1.2 s (1.2 s of black or flat frames) "
                                      "and then stands still until the first visual change (cut) at 3.5 s")
    assert finding.evidence["covers"][0] == "HOOK003 black-opening"
    assert finding.hint == "Cut the first 2.5 s, or add a cut or camera move before 1.0 s"
    black = run("HOOK003", media)
    assert black.status is Status.PASS and black.metrics["covered_by"] == "HOOK001"
    # HOOK003 alone still reports its lead-in
    assert run("HOOK003", media, select=("HOOK003",)).status is Status.WARN


def test_threshold_is_an_option() -> None:
    result = run("HOOK001", make_media(cuts=[2.4]), options={"max-first-change-s": 2.5})
    assert result.status is Status.PASS


# ------------------------------------------------------------------ HOOK002 static-opening
def test_still_opening_without_cut_is_static() -> None:
    media = make_media(cuts=[3.5], motion=lambda t: 0.2 if t < 3.5 else 2.0)
    result = run("HOOK002", media, select=("HOOK002",))
    assert result.status is Status.WARN
    (finding,) = result.findings
    assert finding.evidence["mean_motion"] == pytest.approx(0.2, abs=0.01)
    assert finding.evidence["window_s"] == 3.0
    assert (finding.start_s, finding.end_s) == (0.0, 3.0)
    # when HOOK001 runs, the still opening is its finding (first change at 3.5 s), reported once
    assert run("HOOK002", media).metrics["covered_by"] == "HOOK001"
    assert run("HOOK002", media).status is Status.PASS
    slow = run("HOOK001", media).findings[0]
    assert "HOOK002 static-opening" in slow.evidence["covers"]
    assert slow.hint == "Cut the first 2.5 s, or add a cut or camera move before 1.0 s"


@pytest.mark.parametrize("media", [
    make_media(cuts=[2.0], motion=0.2),  # a cut in the window
    make_media(motion=1.5),  # gentle camera drift all along
], ids=["cut", "drift"])
def test_cut_or_motion_in_the_window_is_not_static(media) -> None:
    assert run("HOOK002", media).status is Status.PASS


def test_a_fade_from_black_onto_a_still_picture_is_static() -> None:
    media = make_media(black_until_s=0.2, transitions=[Transition("fade_in", 0.167, 1.0)], cuts=[4.0], motion=0.2)
    result = run("HOOK002", media, select=("HOOK002",))
    assert result.status is Status.WARN
    assert result.metrics["transitions_in_window"] == 0


def test_the_cut_out_of_a_black_lead_in_is_not_a_change() -> None:
    media = make_media(black_until_s=1.2, cuts=[1.2, 2.5], motion=0.2)
    assert run("HOOK001", media).metrics["first_change_s"] == pytest.approx(2.5, abs=FRAME)
    assert run("HOOK002", media).metrics["transitions_in_window"] == 1


def test_bars_do_not_make_a_moving_picture_static() -> None:
    from prelint.media.facts import Bars

    # facts without an activity series: motion is the whole frame's mean; bars (68% of it)
    # never move, so it is scaled to the picture
    media = make_media(motion=0.5, bars=Bars(top=0.34, bottom=0.66), legacy=True)
    result = run("HOOK002", media)
    assert result.status is Status.PASS
    assert result.metrics["mean_motion"] == pytest.approx(0.5 / 0.32, abs=0.01)
    # activity is measured over the picture alone already: not scaled again
    media = make_media(motion=0.5, bars=Bars(top=0.34, bottom=0.66))
    assert run("HOOK002", media, select=("HOOK002",)).metrics["mean_motion"] == pytest.approx(0.5, abs=0.01)


# ------------------------------------------------------------------ HOOK003 black-opening
def test_one_second_of_black_is_a_black_opening() -> None:
    result = run("HOOK003", make_media(black_until_s=1.0, cuts=[2.0]))
    assert result.status is Status.WARN
    (finding,) = result.findings
    assert finding.evidence["black_s"] == pytest.approx(1.0, abs=FRAME)
    assert finding.evidence["fade_in_s"] == 0.0
    assert finding.hint == "Cut the first 1.0 s so the video opens on the full picture"


def test_long_fade_from_black_is_a_black_opening() -> None:
    media = make_media(black_until_s=0.1, transitions=[Transition("fade_in", 0.067, 1.1)])
    result = run("HOOK003", media)
    assert result.status is Status.WARN
    evidence = result.findings[0].evidence
    assert evidence["picture_s"] == pytest.approx(1.1)
    assert evidence["fade_in_s"] == pytest.approx(1.0, abs=FRAME)
    assert "fade from black" in result.findings[0].hint


def test_a_fade_stretched_by_camera_motion_ends_when_the_picture_is_bright() -> None:
    # the engine's fade ran to 0.53 s because a pan kept the luma creeping up after 0.33 s
    def luma(t: float) -> float:
        return 155.0 * min(1.0, t / 0.33) + (7.0 * (t - 0.33) / 0.2 if t > 0.33 else 0.0)

    media = make_media(black_until_s=0.1, luma=luma, motion=15.0, cuts=[0.73])
    media = replace(media, transitions=(Transition("fade_in", 0.067, 0.533), *media.transitions))
    result = run("HOOK003", media)
    assert result.status is Status.PASS
    assert result.metrics["picture_s"] == pytest.approx(0.4, abs=FRAME)


def test_short_fade_and_flat_title_frames_count_too() -> None:
    assert run("HOOK003", make_media(black_until_s=0.1, transitions=[Transition("fade_in", 0.067, 0.4)])).status is Status.PASS
    flat = run("HOOK003", make_media(uniform_until_s=0.8))
    assert flat.status is Status.WARN
    assert flat.metrics["black_s"] == pytest.approx(0.8, abs=FRAME)


# ------------------------------------------------------------------ HOOK004 silent-opening
def test_silence_until_2_5_s_is_a_silent_opening() -> None:
    result = run("HOOK004", make_media(audio=sound_from(2.5, 10.0)))
    assert result.status is Status.WARN
    (finding,) = result.findings
    assert finding.evidence == {"first_sound_s": 2.5, "max_silence_s": 0.5}
    assert (finding.start_s, finding.end_s) == (0.0, 2.5)
    assert "cut the first 2.5 s" in finding.hint


def test_sound_at_0_3_s_passes_and_silent_track_fires() -> None:
    assert run("HOOK004", make_media(audio=sound_from(0.3, 10.0))).status is Status.PASS
    silent = run("HOOK004", make_media(audio=sound_from(None, 10.0)))
    assert silent.status is Status.WARN
    assert "silent for the whole video" in silent.findings[0].message


def test_no_audio_track_is_skipped_with_a_pointer_to_spec007() -> None:
    result = run("HOOK004", make_media(has_audio=False))
    assert result.status is Status.SKIPPED
    assert "SPEC007" in result.reason


# ------------------------------------------------------------------ HOOK005 dark-or-blurry-opening
@pytest.mark.parametrize(("luma", "blur", "dark", "blurry"), [
    (30.0, 800.0, True, False),
    (120.0, 10.0, False, True),
    (30.0, 10.0, True, True),
])
def test_dark_or_blurry_first_second(luma, blur, dark, blurry) -> None:
    media = make_media(luma=lambda t: luma if t < 1.0 else 120.0, blur=lambda t: blur if t < 1.0 else 800.0)
    result = run("HOOK005", media)
    assert result.status is Status.WARN
    evidence = result.findings[0].evidence
    assert (evidence["dark"], evidence["blurry"]) == (dark, blurry)
    assert evidence["median_luma"] == pytest.approx(luma)
    # sharpness is contrast-normalised: Laplacian variance / (luma std² + 10²); the factory's std is 40
    assert evidence["median_sharpness"] == pytest.approx(blur / (40.0**2 + 10.0**2), abs=1e-4)


def test_bright_sharp_opening_after_black_lead_in_passes() -> None:
    # the black lead-in is HOOK003's; HOOK005 looks at the first second of picture
    result = run("HOOK005", make_media(black_until_s=1.0, luma=120.0, blur=800.0))
    assert result.status is Status.PASS
    assert result.metrics["median_luma"] == 120.0


def test_dark_but_focused_footage_is_not_called_blurry() -> None:
    # a dark frame has less contrast and so a lower raw Laplacian variance; normalised it is sharp
    from dataclasses import replace

    media = make_media(luma=30.0, blur=130.0)
    std = tuple(12.0 for _ in media.series.times_s)
    media = replace(media, series=replace(media.series, luma_std=std, picture_std=std))
    evidence = run("HOOK005", media).findings[0].evidence
    assert (evidence["dark"], evidence["blurry"]) == (True, False)
    assert evidence["median_sharpness"] == pytest.approx(130.0 / (144.0 + 100.0), abs=1e-4)


def test_letterbox_bars_do_not_make_the_picture_dark() -> None:
    from prelint.media.facts import Bars

    # facts without the picture's own series: the whole frame's luma over the picture's share
    media = make_media(luma=40.0, bars=Bars(top=0.34, bottom=0.66), legacy=True)  # picture luma 125 over 32%
    result = run("HOOK005", media)
    assert result.status is Status.PASS
    assert result.metrics["median_luma"] == pytest.approx(125.0)


def test_a_dark_stage_with_a_lit_performer_is_not_underexposed() -> None:
    # mean luma 16 (dark), but the brightest 1% of the picture is lit: deliberate stage lighting
    lit = run("HOOK005", make_media(luma=16.0, highlight=120.0))
    assert lit.status is Status.PASS
    assert lit.metrics["median_highlight"] == 120.0
    dim = run("HOOK005", make_media(luma=16.0, highlight=60.0))
    assert dim.findings[0].evidence["dark"] is True


def test_all_black_opening_is_skipped() -> None:
    assert run("HOOK005", make_media(duration_s=2.0, black_until_s=2.0)).status is Status.SKIPPED


# ------------------------------------------------------------------ HOOK006 hook-strength
def test_strong_opening_scores_high_and_text_is_left_out_when_unavailable() -> None:
    result = run("HOOK006", make_media(cuts=[0.8, 2.0], motion=0.3))
    assert result.status is Status.PASS
    assert result.metrics["text_component"] is None
    # change: (3 - 0.8) / (3 - 0.5) = 0.88 of 30 points; everything else full: 86.4 / 90
    assert result.metrics["change_component"] == pytest.approx(0.88)
    assert result.metrics["score"] == 96


def test_static_silent_opening_scores_low_and_lists_components() -> None:
    media = make_media(cuts=[3.5], motion=lambda t: 0.2 if t < 3.5 else 2.0, audio=sound_from(2.5, 10.0))
    result = run("HOOK006", media, select=("HOOK006",))
    assert result.status is Status.WARN
    evidence = result.findings[0].evidence
    assert evidence["score"] < 50
    assert evidence["components"]["change"] == 0.0
    assert evidence["components"]["sound"] == 0.0
    assert evidence["first_sound_s"] == 2.5
    assert "add a cut or camera move before 1 s" in result.findings[0].hint.lower()
    # with the rules for the slow start and the silent start running, they report those parts
    shared = run("HOOK006", media)
    assert shared.status is Status.PASS
    assert shared.metrics["covered_by"] == "HOOK001, HOOK004"


def test_on_screen_hook_text_adds_points_when_content_is_available() -> None:
    media = make_media(cuts=[0.8, 2.0], motion=0.3)
    with_text = ContentText(screen=(TextSpan(0.2, 2.5, "3个技巧让蛋糕不塌", "screen"),), ocr_ran=True)
    no_text = ContentText(ocr_ran=True)
    scored = run("HOOK006", media, content=with_text)
    assert scored.metrics["text_component"] == 1.0
    assert scored.metrics["score"] == 96  # 86.4 + 10 of 100
    assert run("HOOK006", media, content=no_text).metrics["score"] == 86
    # OCR off: the screen was not read, so missing text costs nothing
    assert run("HOOK006", media, content=ContentText(ocr_ran=False)).metrics["text_component"] is None


def test_score_follows_the_other_hook_rules_options() -> None:
    media = make_media(cuts=[0.8], audio=sound_from(1.0, 10.0), motion=0.3)
    default = run("HOOK006", media).metrics["sound_component"]
    lenient = run("HOOK006", media, config_options={"silent-opening": {"max-silence-s": 4.0}}).metrics["sound_component"]
    assert default == pytest.approx((2.0 - 1.0) / (2.0 - 0.3), abs=1e-3)
    assert lenient > default


def test_min_score_option() -> None:
    media = make_media(cuts=[0.8, 2.0], motion=0.3)
    assert run("HOOK006", media, options={"min-score": 99}).status is Status.WARN


def test_no_audio_track_scores_zero_sound() -> None:
    result = run("HOOK006", make_media(cuts=[0.8], has_audio=False, audio=AudioFacts(has_audio=False)))
    assert result.metrics["sound_component"] == 0.0
