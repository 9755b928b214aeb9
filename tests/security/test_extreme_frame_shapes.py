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
