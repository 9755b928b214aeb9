from __future__ import annotations

import json

import pytest

from prelint.media import analyze
from prelint.media.facts import AnalysisSettings


def _cuts(facts):
    return [t.start_s for t in facts.transitions if t.kind == "cut"]


def test_hard_cuts_within_one_frame_and_no_cut_on_flash(clips, analysed):
    clip, facts = clips["cuts"], analysed["cuts"]
    cuts = _cuts(facts)
    assert len(cuts) == 2, facts.transitions
    for found, truth in zip(cuts, [2.0, 3.5]):
        assert found == pytest.approx(truth, abs=clip.frame_s + 1e-6)
    assert not any(abs(c - 1.0) < 0.2 for c in cuts)  # the flash at 1.0 s
    assert [t.kind for t in facts.transitions] == ["cut", "cut"]
    assert len(facts.shots) == 3
    assert facts.shots[0].start_s == 0.0
    assert facts.shots[-1].end_s == pytest.approx(5.5, abs=0.05)


def test_dissolve_and_fades_are_spans_with_kinds(clips, analysed):
    clip, facts = clips["gradual"], analysed["gradual"]
    found = [(t.kind, t.start_s, t.end_s) for t in facts.transitions]
    truth = [(t.kind, t.start_s, t.end_s) for t in clip.truth.transitions]
    assert [k for k, _, _ in found] == ["dissolve", "fade_out", "fade_in"]
    tol = 2 * clip.frame_s + 1e-6
    for (fk, fs, fe), (tk, ts, te) in zip(found, truth):
        assert fk == tk
        assert fs == pytest.approx(ts, abs=tol)
        assert fe == pytest.approx(te, abs=tol)
    # black hold between the fades is not a shot
    assert len(facts.shots) == 3


def test_no_cut_on_fast_pan(analysed):
    facts = analysed["pan"]
    assert facts.transitions == ()
    assert len(facts.shots) == 1
    assert min(facts.series.motion[1:]) > 5  # it really moves


def test_vfr_times_from_pts(clips, analysed):
    clip, facts = clips["vfr"], analysed["vfr"]
    assert facts.series.times_s == pytest.approx(clip.truth.frame_times_s, abs=1e-3)
    assert _cuts(facts) == pytest.approx([1.5], abs=1e-3)


def test_rotated_letterboxed_clip(analysed):
    facts = analysed["rotated"]
    assert (facts.probe.width, facts.probe.height) == (360, 640)
    first = facts.frames_for("first")[0]
    # portrait after rotation; short side min(540, source) so no upscaling of a 360 px clip
    assert first.image.shape[:2] == (640, 360)
    bars = facts.series.bars
    # 40 px top/bottom bars of the stored 640x360 frame are left/right bars of the 360 px
    # wide display after rotation
    assert bars.left == pytest.approx(40 / 360, abs=0.005)
    assert bars.right == pytest.approx(1 - 40 / 360, abs=0.005)
    assert bars.top == 0.0 and bars.bottom == 1.0
    assert _cuts(facts) == pytest.approx([1.0], abs=1 / 30 + 1e-6)


def test_audio_silences_and_first_sound(clips, analysed):
    audio = analysed["cuts"].audio
    assert audio.has_audio
    assert audio.first_sound_s == pytest.approx(2.5, abs=0.05)
    spans = [(s.start_s, s.end_s) for s in audio.silences]
    assert spans[0] == pytest.approx((0.0, 2.5), abs=0.05)
    assert spans[1] == pytest.approx((4.5, 5.0), abs=0.05)
    assert audio.loudness_lufs is not None and -40 < audio.loudness_lufs < -10
    assert len(audio.loudness_db) == len(audio.loudness_times_s) > 50
    assert analysed["gradual"].audio.has_audio is False


def test_sampled_frames(analysed):
    facts = analysed["cuts"]
    reasons = [f.reason for f in facts.frames]
    assert reasons.count("first") == 1
    assert 5 <= reasons.count("hook") <= 7
    assert all(f.t_s < 3.0 for f in facts.frames_for("hook"))
    assert reasons.count("shot") == len(facts.shots)
    assert 1 <= reasons.count("last") <= 3
    assert all(f.image.dtype.name == "uint8" and min(f.image.shape[:2]) == 360 for f in facts.frames)


def test_series_lengths_and_json(analysed):
    facts = analysed["cuts"]
    se = facts.series
    n = len(se.times_s)
    assert n == 165
    assert len(se.diff) == len(se.motion) == len(se.luma_mean) == len(se.blur) == len(se.is_black) == n
    doc = json.loads(json.dumps(facts.to_dict()))
    for key in ("duration_s", "width", "height", "fps", "rotation", "shots", "transitions", "audio"):
        assert key in doc
    assert set(doc["audio"]) >= {"first_sound_s", "silences", "loudness_lufs"}
    assert doc["shots"][0] == {"start_s": 0.0, "end_s": pytest.approx(2.0, abs=0.04)}
    assert doc["transitions"][0]["kind"] == "cut"


def test_time_limit_raises_analysis_timeout(clips):
    from prelint.errors import AnalysisTimeout

    with pytest.raises(AnalysisTimeout):
        analyze(clips["cuts"].path, AnalysisSettings(analysis_time_limit_s=0.01), use_cache=False)


def test_progress_is_reported(clips):
    seen: list[float] = []
    analyze(clips["vfr"].path, progress=seen.append, use_cache=False)
    assert seen[-1] == 1.0 and seen == sorted(seen)


def test_corrupt_middle_still_gives_facts_or_input_error(clips, tmp_path):
    from prelint.errors import InputError

    data = bytearray(clips["cuts"].path.read_bytes())
    mid = len(data) // 2
    data[mid : mid + 20000] = bytes(20000)  # zero out a chunk of the middle
    path = tmp_path / "damaged.mp4"
    path.write_bytes(bytes(data))
    try:
        facts = analyze(path, use_cache=False)
    except InputError:
        return
    assert len(facts.series) > 0


def test_bframe_encode_cuts_after_hook_window(clips, analysed):
    clip, facts = clips["bframes"], analysed["bframes"]
    assert [t.kind for t in facts.transitions] == ["cut", "cut"]
    # unreferenced frames are skipped after 3 s: a cut may land on the next decoded frame
    for found, truth in zip(_cuts(facts), [3.7, 5.2]):
        assert found == pytest.approx(truth, abs=2 * clip.frame_s + 1e-6)
    hook_times = [t for t in facts.series.times_s if t < 3.0]
    assert len(hook_times) == 90  # the hook window is analysed at the full frame rate
    assert len(facts.series) < 200  # but not every later frame (200 in all)


def test_every_frame_is_analysed(clips):
    facts = analyze(clips["bframes"].path, use_cache=False)
    assert len(facts.series) == 195
    assert _cuts(facts) == pytest.approx([3.7, 5.2], abs=1e-3)


def test_integrated_loudness_matches_pyloudnorm():
    import numpy as np
    import pyloudnorm

    from prelint.media.audio import AUDIO_RATE, AudioAnalyser

    rng = np.random.default_rng(0)
    t = np.arange(AUDIO_RATE * 6) / AUDIO_RATE
    signal = rng.normal(0, 0.1, len(t)) * (0.5 + 0.5 * np.sin(2 * np.pi * 3 * t))
    signal[: AUDIO_RATE] = 0.0  # a silent second is gated out
    analyser = AudioAnalyser(AnalysisSettings())
    analyser._feed(signal)
    expected = pyloudnorm.Meter(AUDIO_RATE).integrated_loudness(signal)
    assert analyser._integrated_lufs() == pytest.approx(expected, abs=0.1)


def test_a_late_subtitle_cue_does_not_lengthen_the_draft(tmp_path):
    """A Matroska file's duration counts every stream: with a subtitle cue at 10 minutes, a 4 s
    draft was analysed as 601 s long, its last shot lasting 597 s."""
    import subprocess

    from prelint.media.ffmpeg_process import ffmpeg_exe

    srt = tmp_path / "s.srt"
    srt.write_text("1\n00:00:01,000 --> 00:00:02,000\nhello\n\n2\n00:10:00,000 --> 00:10:01,000\nlate\n", encoding="utf-8")
    clip = tmp_path / "late_cue.mkv"
    subprocess.run([ffmpeg_exe(), "-v", "error", "-nostdin", "-y", "-f", "lavfi", "-i", "testsrc2=s=320x568:r=30:d=4",
                    "-f", "lavfi", "-i", "sine=d=4", "-i", str(srt), "-map", "0", "-map", "1", "-map", "2",
                    "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac", "-c:s", "srt", str(clip)],
                   check=True, timeout=60)
    facts = analyze(clip, use_cache=False)
    assert facts.duration_s == pytest.approx(4.0, abs=0.1)
    assert facts.shots[-1].end_s == pytest.approx(4.0, abs=0.1)
