"""The sampled frames are the first frame of each cell of a fixed time grid, chosen by ffmpeg's
`select` in every decode process and checked again in Python: both must put every frame in
the same cell, also for frames on or next to a cell edge."""

from __future__ import annotations

import re
import subprocess

import pytest

from prelint.media.ffmpeg_process import ffmpeg_exe
from prelint.media.sampling import SampleGrid

# frame times in microseconds: on an edge, just before and after edges, in the hook window and after it
TIMES_US = [0, 428_000, 428_571, 428_572, 2_999_950, 3_000_000, 3_499_950, 3_499_999, 3_500_000,
            3_500_001, 5_499_950, 5_600_000, 15_500_000, 15_533_333]


def _ffmpeg_selected(grid, times_us: list[int]) -> list[float]:
    """Times ffmpeg's select keeps from frames at exactly these times (µs time base)."""
    pts_list = "+".join(f"eq(N\\,{i})*{t}" for i, t in enumerate(times_us))
    graph = (f"color=c=gray:s=16x16:r=1000,trim=end_frame={len(times_us)},"
             f"settb=1/1000000,setpts='{pts_list}',"
             f"select='isnan(prev_selected_t)+gt({grid.ffmpeg_expr('t')}\\,{grid.ffmpeg_expr('prev_selected_t')})',"
             f"showinfo")
    run = subprocess.run([ffmpeg_exe(), "-hide_banner", "-nostdin", "-f", "lavfi", "-i", graph,
                          "-fps_mode", "passthrough", "-f", "null", "-"],
                         capture_output=True, text=True, check=True)
    return [float(t) for t in re.findall(r"pts_time:([\d.]+)", run.stderr)]


@pytest.mark.parametrize("phase", [0.0, 0.37, 0.999])
def test_ffmpeg_and_python_put_frames_in_the_same_cells(phase: float):
    grid = SampleGrid(3.0, phase)
    times_us = sorted(set(TIMES_US + [round(grid.hook_step_s * phase * 1e6) + d for d in (-1, 0, 1)]
                          + [round((3.0 + 0.5 * phase) * 1e6) + d for d in (-1, 0, 1)]) - {-1})
    selected = _ffmpeg_selected(grid, times_us)
    # Python's choice: the first frame of each new cell, from the printed (µs-rounded) times
    expected, last = [], -1
    for t_us in times_us:
        cell = grid.cell(t_us / 1e6)
        if cell > last:
            expected.append(t_us / 1e6)
            last = cell
    assert selected == pytest.approx(expected, abs=1e-6)
    assert expected[0] == 0.0  # the first frame is always sampled
    cells = [grid.cell(t / 1e6) for t in times_us]
    assert cells == sorted(cells) and cells[0] == 0
    if phase == 0.0:
        assert grid.cell(15.5) == grid.cell(15.533333) == 7 + 25  # an edge belongs to the cell it starts


def test_the_phase_comes_from_the_cache_secret_and_the_content(tmp_path, monkeypatch):
    from prelint.media.sampling import sample_phase

    monkeypatch.setenv("PRELINT_CACHE_DIR", str(tmp_path / "a"))
    first = sample_phase("0123abcd")
    assert 0.0 <= first < 1.0
    assert sample_phase("0123abcd") == first  # the same video is sampled the same way on this machine
    assert sample_phase("4567ef01") != first
    monkeypatch.setenv("PRELINT_CACHE_DIR", str(tmp_path / "b"))  # another machine's secret
    assert sample_phase("0123abcd") != first
