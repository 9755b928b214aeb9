"""Wipes and slides are gradual transitions with their span; pans, whip pans and flashes are not."""

from __future__ import annotations

import pytest

from fixtures.synth import ShotSpec, TransitionSpec, VideoSpec, make_video
from prelint.media import analyze

FRAME_S = 1 / 30


@pytest.fixture(scope="module")
def wipe_and_slide(tmp_path_factory):
    # a 0.5 s wipe (left to right) ending at 2.0 s, a 0.5 s slide (in from the right) ending at 4.0 s
    spec = VideoSpec(shots=(ShotSpec(2.0, 144), ShotSpec(2.0, 145), ShotSpec(2.0, 146)),
                     transitions=(TransitionSpec("wipe", 0.5), TransitionSpec("slide", 0.5)))
    path = tmp_path_factory.mktemp("wipes") / "wipe_slide.mp4"
    return path, make_video(path, spec)


def test_a_wipe_and_a_slide_are_gradual_transitions_with_their_span(wipe_and_slide):
    path, truth = wipe_and_slide
    facts = analyze(path, use_cache=False)
    assert [t.kind for t in facts.transitions] == ["gradual", "gradual"]
    for found, labelled in zip(facts.transitions, truth.transitions):
        assert found.start_s == pytest.approx(labelled.start_s, abs=2 * FRAME_S + 1e-6)
        assert found.end_s == pytest.approx(labelled.end_s, abs=2 * FRAME_S + 1e-6)
    assert len(facts.shots) == 3


@pytest.mark.parametrize("name, spec", [
    ("fast_pan", VideoSpec(shots=(ShotSpec(2.5, 38, pan_px_per_s=900.0), ShotSpec(2.5, 39, pan_px_per_s=-1200.0)))),
    ("whip_pan", VideoSpec(shots=(ShotSpec(3.0, 135, pan_px_per_s=0.0, whip=(1.2, 0.4, 900.0)),))),
    ("pan_with_flashes", VideoSpec(shots=(ShotSpec(3.0, 41, pan_px_per_s=1000.0),), flashes=(1.2,))),
])
def test_pans_and_flashes_are_no_wipe(name, spec, tmp_path):
    path = tmp_path / f"{name}.mp4"
    make_video(path, spec)
    facts = analyze(path, use_cache=False)
    assert [t for t in facts.transitions if t.kind == "gradual"] == []
