"""The kinds of error real footage showed, generated: each clip has known cuts and a known
verdict, and the engine and the HOOK/PACE rules must get them right.

Clips are 360×640 (or 640×360) and 3–6 s, generated once per session.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from fixtures.synth import ShotSpec, VideoSpec, make_video

FRAME = 1 / 30

SPECS: dict[str, VideoSpec] = {
    # a static shot whose exposure drops to half and comes back (auto-exposure as a white car
    # drives through), then a hard cut at 4.0 s
    "exposure": VideoSpec(shots=(ShotSpec(4.0, 201, pan_px_per_s=0.0, exposure=((0.8, 1.0), (1.6, 0.5), (2.6, 1.0))),
                                 ShotSpec(1.5, 202)), grain=3.0),
    # handheld jolts (two frames displaced by 8% of the width, with motion blur) at 0.9 and
    # 1.9 s, a hard cut at 3.0 s
    "jolts": VideoSpec(shots=(ShotSpec(3.0, 203, jolts=(0.9, 1.9)), ShotSpec(1.5, 204)), grain=3.0),
    # a 0.4 s whip pan over 900 px with motion blur and every other frame repeated, cut at 3.0 s
    "whip": VideoSpec(shots=(ShotSpec(3.0, 205, pan_px_per_s=0.0, whip=(1.2, 0.4, 900.0)), ShotSpec(1.5, 206))),
    # a one-frame decode glitch (the lower two thirds smeared and tinted) at 1.0 s, cut at 2.0 s
    "glitch": VideoSpec(shots=(ShotSpec(2.0, 207), ShotSpec(1.5, 208)), glitches=(1.0,)),
    # a dark stage (mean luma ~16) with a lit performer jumping from the first frame
    "stage": VideoSpec(shots=(ShotSpec(4.0, 209, content="stage"),)),
    # a person talking to the camera on a plain wall, 6 s, no cut
    "talker": VideoSpec(shots=(ShotSpec(6.0, 210, content="talker"),)),
    # a flash-cut montage: shots of 0.1-0.2 s
    "montage": VideoSpec(shots=(ShotSpec(1.0, 211), ShotSpec(0.1, 212), ShotSpec(0.2, 213), ShotSpec(0.1, 214),
                                ShotSpec(1.0, 215))),
    # a news montage: a bright 7-frame shot between two darker ones (31 levels brighter, as bright as
    # a flash), cut at 1.0 and 1.233 s
    "bright_short": VideoSpec(shots=(ShotSpec(1.0, 218, exposure=((0.0, 0.55),)), ShotSpec(7 / 30, 219, exposure=((0.0, 1.3),)),
                                     ShotSpec(1.0, 220, exposure=((0.0, 0.55),)))),
    # a landscape clip (a still first shot, then a moving one); its 9:16 versions are made from
    # it below, as editors make them
    "landscape": VideoSpec(shots=(ShotSpec(3.5, 216, pan_px_per_s=0.0, moving_object=False),
                                  ShotSpec(2.5, 217, pan_px_per_s=80.0)), width=640, height=360),
}
#: 9:16 versions of the landscape clip: over a blurred, enlarged, darkened copy of itself, and
#: between black bars.
VERTICAL = {
    "padded": "[0:v]split[a][b];[a]scale=-2:640,crop=360:640,gblur=sigma=14,eq=brightness=-0.08[bg];"
              "[b]scale=360:-2[fg];[bg][fg]overlay=(W-w)/2:(H-h)/2",
    "barred": "[0:v]scale=360:-2,pad=360:640:(ow-iw)/2:(oh-ih)/2:black",
}

#: The landscape clip at night: luma cubed and scaled to a tenth (mean about 14 of 255, a spread
#: of about 20 levels between the darkest and the brightest parts: a dim scene, not black).
NIGHT = "lutyuv=y=16+0.15*(val-16)*(val-16)*(val-16)/219/219:u=128:v=128"


@pytest.fixture(scope="module")
def clips(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    import subprocess

    from fixtures.synth import ffmpeg_exe

    folder = tmp_path_factory.mktemp("error-kinds")
    out = {}
    for name, spec in SPECS.items():
        make_video(folder / f"{name}.mp4", spec)
        out[name] = folder / f"{name}.mp4"
    for name, graph in {**VERTICAL, "night": NIGHT}.items():
        out[name] = folder / f"{name}.mp4"
        subprocess.run([ffmpeg_exe(), "-hide_banner", "-loglevel", "error", "-y", "-i", str(out["landscape"]),
                        "-filter_complex", graph, "-c:v", "libx264", "-preset", "ultrafast", "-crf", "18",
                        "-pix_fmt", "yuv420p", str(out[name])], check=True)
    return out


@pytest.fixture(scope="module")
def facts(clips: dict[str, Path]):  # noqa: ANN201
    from prelint.media import analyze

    return {name: analyze(path, use_cache=False) for name, path in clips.items()}


@pytest.fixture(scope="module")
def lint(clips: dict[str, Path], tmp_path_factory: pytest.TempPathFactory):  # noqa: ANN201
    import prelint

    cache = tmp_path_factory.mktemp("error-kinds-cache")
    reports = {}

    def run(name: str):
        if name not in reports:
            with pytest.MonkeyPatch.context() as mp:
                mp.setenv("PRELINT_CACHE_DIR", str(cache))
                reports[name] = prelint.lint(clips[name], select=("HOOK", "PACE"), config={})
        return reports[name]

    return run


def kinds_and_times(f) -> list[tuple[str, float]]:
    return [(t.kind, round(t.start_s, 3)) for t in f.transitions]


def fired(report) -> set[str]:
    return {r.code for r in report.rules if r.findings}


@pytest.mark.parametrize(("name", "cut_s"), [("exposure", 4.0), ("jolts", 3.0), ("whip", 3.0), ("glitch", 2.0)])
def test_the_same_shot_changing_is_not_a_cut(facts, name: str, cut_s: float) -> None:
    # exposure ramps, jolts, whip pans and a glitch frame: only the real cut is found
    assert kinds_and_times(facts[name]) == [("cut", pytest.approx(cut_s, abs=FRAME + 1e-6))]


def test_an_exposure_ramp_is_no_dissolve(facts) -> None:
    assert not any(t.kind == "dissolve" for t in facts["exposure"].transitions)
    assert len(facts["exposure"].shots) == 2


def test_a_two_frame_shot_in_a_montage_is_a_shot(facts) -> None:
    cuts = [t.start_s for t in facts["montage"].transitions if t.kind == "cut"]
    assert cuts == pytest.approx([1.0, 1.1, 1.3, 1.4], abs=FRAME + 1e-6)


def test_a_bright_short_shot_is_a_shot_not_a_flash(facts) -> None:
    luma = facts["bright_short"].series.luma_mean
    assert luma[33] - max(luma[28], luma[38]) >= 30  # bright as a flash would be
    assert kinds_and_times(facts["bright_short"]) == [("cut", pytest.approx(1.0, abs=FRAME + 1e-6)),
                                                     ("cut", pytest.approx(1.233, abs=FRAME + 1e-6))]


def test_a_dark_stage_with_a_lit_performer_is_a_picture(facts, lint) -> None:
    f = facts["stage"]
    se = f.series
    assert 10 < sum(se.luma_mean) / len(se) < 25  # dark: mean luma ~16
    assert not any(se.is_black)  # but not black: the performer is lit
    assert f.transitions == ()
    assert f.shots[0].start_s == 0.0
    report = lint("stage")
    assert report.result("HOOK003").metrics["picture_s"] == 0.0  # no black opening
    assert report.result("HOOK005").status.value == "pass"  # deliberate lighting, not underexposed
    assert report.result("HOOK005").metrics["median_highlight"] >= 100
    # the performer jumps from the first frame: a change at once, nothing still
    assert report.result("HOOK001").metrics["first_change_kind"] == "motion"
    assert report.result("HOOK001").metrics["first_change_s"] < 0.2
    assert fired(report) <= {"PACE001", "HOOK004", "HOOK006"}  # no audio track in the clip


def test_a_night_scene_is_dark_not_black(facts, lint) -> None:
    se = facts["night"].series
    assert 8 < sum(se.luma_mean) / len(se) < 18  # dark and low-contrast: black by mean and spread alone
    assert max(se.luma_std) < 12
    assert not any(se.is_black)
    assert not any(t.kind in ("fade_in", "fade_out") for t in facts["night"].transitions)
    report = lint("night")
    assert report.result("HOOK003").status.value == "pass"
    assert report.result("HOOK003").metrics["picture_s"] == 0.0
    assert report.result("HOOK005").status.value == "warn"  # underexposed, as a viewer sees it
    assert "HOOK003" not in fired(report)


def test_a_person_talking_is_activity_not_a_dead_stretch(facts, lint) -> None:
    se = facts["talker"].series
    activity = sorted(se.activity[1:])
    motion = sorted(se.motion[1:])
    assert activity[len(activity) // 10] > 0.6  # above the still-motion threshold nearly all along
    assert motion[len(motion) // 2] < 0.8  # the whole-frame mean read as still before
    report = lint("talker")
    assert report.result("PACE002").metrics["longest_still_s"] < 2.0
    assert report.result("PACE002").status.value == "pass"
    assert report.result("PACE005").status.value == "pass"
    assert report.result("HOOK001").metrics["first_change_s"] < 0.3


@pytest.mark.parametrize("name", ["padded", "barred"])
def test_blurred_padding_and_bars_are_left_out_of_the_picture(facts, name: str) -> None:
    box = facts[name].series.picture
    assert (box.top, box.bottom) == (pytest.approx(0.34, abs=0.02), pytest.approx(0.66, abs=0.02))
    assert (box.left, box.right) == (0.0, 1.0)
    full = facts["landscape"].series.picture
    assert (full.top, full.bottom, full.left, full.right) == (0.0, 1.0, 0.0, 1.0)
    assert facts["talker"].series.picture.left == 0.0  # a plain wall beside a person is no padding


@pytest.mark.parametrize("name", ["padded", "barred"])
def test_a_9_16_version_gets_the_verdicts_of_the_original(facts, lint, name: str) -> None:
    original, vertical = facts["landscape"], facts[name]
    assert kinds_and_times(vertical) == kinds_and_times(original) == [("cut", pytest.approx(3.5, abs=FRAME + 1e-6))]
    a, b = lint("landscape"), lint(name)
    assert fired(a) == fired(b) == {"HOOK001"}  # the still first shot: the first change is the cut
    for report in (a, b):
        assert report.result("HOOK001").metrics["first_change_s"] == pytest.approx(3.5, abs=FRAME)
        assert report.result("HOOK002").metrics["covered_by"] == "HOOK001"
    # brightness and sharpness of the picture alone: the blurred padding is left out
    for code, metric, rel in (("HOOK005", "median_luma", 0.1), ("HOOK005", "median_sharpness", 0.3)):
        x, y = a.result(code).metrics[metric], b.result(code).metrics[metric]
        assert y == pytest.approx(x, rel=rel), (code, metric)
