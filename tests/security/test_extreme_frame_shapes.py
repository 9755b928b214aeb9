"""Videos of extreme proportions are analysed at a bounded size and every check runs on them.

An 8x4320 strip used to be analysed as 96x51840 frames (the analysis width, the height
following the aspect), and on a 4320x8 strip the on-screen-text reader divided by zero or
failed to resize, so nine checks crashed and the run exited 3.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from cli_runner import run_cli
from prelint.media import analyze
from prelint.media.analysis import MAX_ANALYSIS_ASPECT
from prelint.media.facts import AnalysisSettings
from prelint.media.ffmpeg_process import ffmpeg_exe

SHAPES = {"tall": "8x4320", "wide": "4320x8"}


@pytest.fixture(scope="module")
def strips(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("strips")
    out = {}
    for name, size in SHAPES.items():
        path = folder / f"{name}.mp4"
        subprocess.run([ffmpeg_exe(), "-v", "error", "-nostdin", "-y",
                        "-f", "lavfi", "-i", f"testsrc2=s={size}:r=30:d=3",
                        "-f", "lavfi", "-i", "sine=d=3", "-shortest", "-pix_fmt", "yuv420p", str(path)],
                       check=True, timeout=120)
        out[name] = path
    return out


@pytest.mark.parametrize("name", sorted(SHAPES))
def test_every_check_runs_on_a_strip(strips: dict[str, Path], name: str, cli_env: dict[str, str]) -> None:
    run = run_cli(str(strips[name]), "--title", "测试视频", cwd=strips[name].parent, env=cli_env,
                  timeout_s=120)
    assert run.returncode == 1, run.describe()  # warnings (SPEC005 aspect, SPEC006 resolution), no crash
    assert "failed" not in run.stderr and "Traceback" not in run.stderr
    assert "SPEC005" in run.stdout


def test_the_analysis_frame_of_a_tall_strip_is_bounded(strips: dict[str, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    from prelint.media import analysis

    sizes: list[tuple[int, int]] = []
    original = analysis._Analysis.__init__

    def record(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        original(self, *args, **kwargs)
        sizes.append((self.small_w, self.small_h))

    monkeypatch.setattr(analysis._Analysis, "__init__", record)
    settings = AnalysisSettings()
    facts = analyze(strips["tall"], settings, use_cache=False)
    assert sizes == [(settings.analysis_width_px, MAX_ANALYSIS_ASPECT * settings.analysis_width_px)]
    assert facts.duration_s == pytest.approx(3.0, abs=0.1)


def test_sampled_frames_of_a_very_wide_video_are_bounded() -> None:
    """A 43200×810 video (35 megapixels, under the 8K cap) kept 28800×540 sampled frames: 3 GB in
    prelint's own process and a 1.25 GB cache entry on every run."""
    from prelint.media.facts import AnalysisSettings
    from prelint.media.sampling import MAX_SAMPLE_ASPECT, sample_size

    settings = AnalysisSettings()
    longest = MAX_SAMPLE_ASPECT * settings.sample_short_side_px
    assert sample_size(1080, 1920, settings) == (540, 960)  # a 9:16 draft as before
    assert sample_size(4320, 1080, settings) == (longest, 540)  # a 4:1 panorama keeps its proportions
    assert sample_size(43200, 810, settings) == (longest, 40)
    assert sample_size(8, 4320, settings) == (4, longest)


def test_candidate_frames_are_thinned_by_their_bytes_too() -> None:
    import numpy as np

    from prelint.media.facts import AnalysisSettings
    from prelint.media.sampling import MAX_CANDIDATE_BYTES, BigFrame, FrameSampler

    sampler = FrameSampler(AnalysisSettings(), duration_s=600.0)
    jpeg = np.zeros(3 << 20, np.uint8)  # 3 MB a frame, as noise at the largest sampled size
    profile = np.zeros(8, np.float32)
    for second in range(200):
        sampler.offer(BigFrame(float(second), jpeg, profile, profile))
        assert sum(c[1].nbytes for c in sampler.candidates) <= MAX_CANDIDATE_BYTES
    assert len(sampler.candidates) >= 10  # thinned evenly, not emptied
    times = [t for t, _ in sampler.candidates]
    assert times[0] < 20 and times[-1] > 150


def test_a_media_cache_entry_that_load_would_refuse_is_not_written(tmp_path, monkeypatch) -> None:
    import dataclasses

    import numpy as np

    from prelint.media import cache
    from prelint.media.facts import SampledFrame

    monkeypatch.setenv("PRELINT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(cache, "MAX_ENTRY_BYTES", 4 << 20)
    facts = _small_facts()
    frames = tuple(SampledFrame(float(i), "shot", np.zeros(1 << 20, np.uint8)) for i in range(5))  # 5 MB of JPEG
    assert cache.store("k" * 40, dataclasses.replace(facts, frames=frames)) is None
    assert not list((tmp_path / "cache").glob("*.npz"))
    assert cache.store("k" * 40, dataclasses.replace(facts, frames=frames[:2])) is not None


def _small_facts():  # type: ignore[no-untyped-def]
    sample = Path(__file__).resolve().parents[2] / "fixtures" / "sample" / "sample.mp4"
    return analyze(sample, use_cache=False)
