"""Long drafts are decoded as keyframe-aligned stretches by parallel ffmpeg processes; the
facts must be exactly those of one process decoding the whole file."""

from __future__ import annotations

import time

import pytest

from fixtures.synth import AudioSpec, ShotSpec, TransitionSpec, VideoSpec, make_video
from prelint.errors import AnalysisTimeout
from prelint.media import analyze
from prelint.media.container import probe
from prelint.media.deadline import Deadline
from prelint.media.decode_plan import keyframe_boundaries

# 1 s GOP without scene-cut keyframes: cuts fall on keyframes (the seams), dissolves straddle them
SHOTS = tuple(ShotSpec(d, 200 + i, pan_px_per_s=50.0 * (-1) ** i) for i, d in enumerate((4.0, 3.0, 2.0, 3.5, 2.5, 3.0, 4.0)))
TRANSITIONS = (TransitionSpec(), TransitionSpec("dissolve", 0.6), TransitionSpec(), TransitionSpec("dissolve", 1.0),
               TransitionSpec(), TransitionSpec())
CASES = {
    "bframes": VideoSpec(shots=SHOTS, transitions=TRANSITIONS, preset="veryfast", gop=30,
                         extra_args=("-x264-params", "scenecut=0"), width=240, height=426,
                         audio=AudioSpec(sounds=((0.5, 20.0, "speech"),))),
    "no_bframes": VideoSpec(shots=SHOTS, transitions=TRANSITIONS, gop=30,
                            extra_args=("-x264-params", "scenecut=0"), width=240, height=426),
}


@pytest.fixture(scope="module", params=sorted(CASES))
def clip(request, tmp_path_factory):
    path = tmp_path_factory.mktemp("segments") / f"{request.param}.mp4"
    return path, make_video(path, CASES[request.param])


def _facts(path, workers, monkeypatch):
    monkeypatch.setenv("PRELINT_DECODE_WORKERS", str(workers))
    return analyze(path, use_cache=False)


def test_keyframe_boundaries_cut_the_rest_into_stretches(clip):
    path, truth = clip
    bounds = keyframe_boundaries(path, 3.0, truth.duration_s, 2)
    assert len(bounds) >= 3
    assert all(b == pytest.approx(round(b)) for b in bounds)  # keyframes every 1.0 s
    assert bounds == sorted(bounds) and 3.0 < bounds[0] and bounds[-1] < truth.duration_s


def test_keyframe_search_stops_where_the_packets_stop(clip):
    """A declared duration of ~30,000 years (a patched container) does not make the plan seek on
    to it: the search ends a few minutes of targets past the last packet, well before the deadline."""
    path, truth = clip
    started = time.monotonic()
    bounds = keyframe_boundaries(path, 3.0, 1e12, 2, deadline=Deadline(30.0))
    assert time.monotonic() - started < 5.0
    assert bounds == sorted(bounds) and all(3.0 < b < truth.duration_s for b in bounds)


def test_planning_and_probing_stop_at_the_deadline(clip):
    path, truth = clip
    assert keyframe_boundaries(path, 3.0, truth.duration_s, 2, deadline=Deadline(0.0)) == []
    with pytest.raises(AnalysisTimeout, match="time limit"):
        probe(path, Deadline(0.0))


def test_parallel_stretches_give_the_same_facts_as_one_process(clip, monkeypatch):
    path, truth = clip
    one = _facts(path, 1, monkeypatch)
    two = _facts(path, 2, monkeypatch)
    assert two.series.times_s == one.series.times_s  # no frame lost or repeated at a seam
    assert two.series.diff == one.series.diff and two.series.motion == one.series.motion
    assert two.transitions == one.transitions
    assert two.audio == one.audio
    # the kept frames depend on the video alone, not on how far the decoders ran ahead
    assert [(f.t_s, f.reason) for f in two.frames] == [(f.t_s, f.reason) for f in one.frames]
    cuts = [t.start_s for t in two.transitions if t.kind == "cut"]
    assert cuts == pytest.approx([t.start_s for t in truth.transitions if t.kind == "cut"], abs=1 / 30 + 1e-6)
    kinds = [t.kind for t in two.transitions]
    assert kinds.count("dissolve") == 2


def test_one_worker_decodes_in_one_process(clip, monkeypatch, started_segments):
    path, _ = clip
    started = started_segments
    _facts(path, 1, monkeypatch)
    assert len([s for s in started if not s.hook_only]) == 1
    started.clear()
    _facts(path, 2, monkeypatch)
    main = [s for s in started if not s.hook_only]
    assert len(main) >= 3
    assert all(a.t_to == b.t_from for a, b in zip(main, main[1:]))  # contiguous, in order
