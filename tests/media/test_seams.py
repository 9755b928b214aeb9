"""A stretch that starts at a later keyframe must decode as it would in one pass from the start.

x264 names its build only in an SEI of the first packet, and FFmpeg's H.264 decoder reads it to
undo bugs of older builds (4:4:4 streams of builds before 151 decode to grey garbage without
it). A stretch that starts at a later keyframe never sees that SEI: it is told the build. And
whatever else makes a keyframe no true entry point, a stretch whose first frames differ from
the previous stretch's decode of them is decoded again from the previous stretch's start.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from fixtures.synth import ShotSpec, VideoSpec, make_video
from prelint.media import analyze
from prelint.media import decode_plan
from prelint.media import container_process
from prelint.media.container import open_container
from prelint.media.deadline import Deadline

# 1 s GOP (keyframes every second: the hook window ends on one), cuts at 4.0 and 8.0 s; a 4:4:4
# stream with CABAC and 8x8 transforms decodes differently when the decoder assumes build 142
SPEC = VideoSpec(shots=tuple(ShotSpec(4.0, 300 + i, pan_px_per_s=60.0) for i in range(3)),
                 width=160, height=284, gop=30, preset="medium",
                 extra_args=("-x264-params", "scenecut=0", "-pix_fmt", "yuv444p"))
OLD_BUILD = ("-x264_build", "142")


@pytest.fixture(scope="module")
def clip(tmp_path_factory):
    path = tmp_path_factory.mktemp("seams") / "yuv444.mp4"
    make_video(path, SPEC)
    return path


def _analyse(path, workers: int, monkeypatch):
    monkeypatch.setenv("PRELINT_DECODE_WORKERS", str(workers))
    return analyze(path, use_cache=False)


def test_every_stretch_is_told_the_encoder_build(clip, tmp_path, monkeypatch, started_segments):
    data = clip.read_bytes()
    build = re.search(rb"x264 - core (\d+)", data).group(1).decode()
    relabelled = tmp_path / "x264_142.mp4"
    relabelled.write_bytes(re.sub(rb"x264 - core \d{3}", b"x264 - core 142", data, count=1))
    with open_container(relabelled) as container:
        assert decode_plan.stream_decoder_options(container, Deadline.never()) == OLD_BUILD
    started = started_segments
    facts = _analyse(clip, 2, monkeypatch)
    rest = [s for s in started if not s.hook_only]
    assert len(rest) >= 2 and all(s.decoder_options == ("-x264_build", build) for s in rest)
    assert all(s.decode_from_s is None for s in rest)  # each start decoded as in one pass
    assert [(t.kind, t.start_s) for t in facts.transitions] == [("cut", 4.0), ("cut", 8.0)]


def test_a_stretch_whose_start_decodes_differently_is_decoded_again(clip, monkeypatch, started_segments):
    """The stretches after the hook window are decoded as build 142 would be (a stand-in for
    any keyframe that is no true entry point): the first one's frames differ from the hook
    window's decode of them, so it and the rest are decoded again from the start."""
    clean = _analyse(clip, 2, monkeypatch)
    # the plan is read in a container worker; here in this process, so that the stand-in applies
    real_run = container_process.run

    def run_here(task, path, deadline=None, **args):  # type: ignore[no-untyped-def]
        if task == "plan":
            return decode_plan.plan_here(Path(path), deadline if deadline is not None else Deadline.never(), args)
        return real_run(task, path, deadline, **args)

    monkeypatch.setattr(container_process, "run", run_here)
    monkeypatch.setattr(decode_plan, "stream_decoder_options", lambda container, deadline: OLD_BUILD)
    started = started_segments
    facts = _analyse(clip, 2, monkeypatch)
    again = [s for s in started if s.decode_from_s is not None]
    assert len(again) == 1 and again[0].decode_from_s == 0.0 and again[0].t_from == pytest.approx(3.0)
    assert facts.series.times_s == clean.series.times_s
    assert facts.series.diff == clean.series.diff
    assert facts.transitions == clean.transitions
