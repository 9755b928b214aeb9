"""The sampled frames are the frames on screen at one instant of each cell of a time grid: ffmpeg's
``fps`` filter on the warped time line (SampleGrid.warp_expr) must give, for each cell, exactly the
frame a viewer sees at SampleGrid.instant(cell), however long or short the frames are, also for
frames starting on, just before or just after an instant or a cell edge."""

from __future__ import annotations

import random
import re
import subprocess

import numpy as np
import pytest

from prelint.media.ffmpeg_process import ffmpeg_exe
from prelint.media.sampling import HASH_PRIME, SAMPLE_EVERY_S, SampleGrid, SamplingKey, sample_key

KEY = SamplingKey(12_345, (777, 4_242, 99))


def _ffmpeg_sampled(grid: SampleGrid, times_us: list[int], from_start: bool = True) -> list[tuple[int, int]]:
    """(cell, frame number) for each frame the sampling filters give from frames at exactly these
    times (µs); each frame's grey level is its number."""
    pts_list = "+".join(f"eq(N\\,{i})*{t}" for i, t in enumerate(times_us))
    graph = (f"color=c=black:s=16x16:r=1000,trim=end_frame={len(times_us)},format=gray,geq=lum='N',"
             f"settb=1/1000000,setpts='{pts_list}',{grid.ffmpeg_filters(from_start)},showinfo")
    run = subprocess.run([ffmpeg_exe(), "-hide_banner", "-nostdin", "-f", "lavfi", "-i", graph,
                          "-fps_mode", "passthrough", "-f", "rawvideo", "-pix_fmt", "gray", "-"],
                         capture_output=True, check=True, timeout=60)
    cells = [int(float(t)) for t in re.findall(r"pts_time:([\d.]+)", run.stderr.decode())]
    frames = np.frombuffer(run.stdout, np.uint8).reshape(-1, 256)[:, 0].tolist()
    return list(zip(cells, frames))


def _on_screen(grid: SampleGrid, times_us: list[int], first_cell: int, last_cell: int) -> list[tuple[int, int]]:
    """(cell, frame number) of the frame that started last at or before each cell's instant, at
    the first cell it is on screen at (a picture is given once)."""
    out: list[tuple[int, int]] = []
    for cell in range(first_cell, last_cell + 1):
        started = [i for i, t in enumerate(times_us) if t * 1e-6 <= grid.instant(cell)]  # as ffmpeg computes t
        frame = started[-1] if started else 0
        if not out or out[-1][1] != frame:
            out.append((cell, frame))
    return out


def _times(grid: SampleGrid, seed: int) -> list[int]:
    """Frame times (µs): random ones, and frames on, 1 µs before and 1 µs after instants and edges."""
    rng = random.Random(seed)
    times = {rng.randrange(1, 9_000_000) for _ in range(30)}
    for cell in (1, 3, 6, 7, 8, 12):
        for t in (round(grid.instant(cell) * 1e6), round(3.0e6 + (cell - 7) * SAMPLE_EVERY_S * 1e6)):
            times |= {t - 1, t, t + 1}
    return sorted(t for t in times if 0 < t < 9_000_000)


@pytest.mark.parametrize("key", [None, KEY], ids=["cell-starts", "keyed"])
@pytest.mark.parametrize("seed", [1, 2])
def test_each_cell_gives_the_frame_on_screen_at_its_instant(key: SamplingKey | None, seed: int) -> None:
    grid = SampleGrid(3.0, key)
    times = [0] + _times(grid, seed)
    got = _ffmpeg_sampled(grid, times)
    assert got[0] == (0, 0)  # the opening frame is always sampled
    # every cell up to the last frame's start (after it, only the stream's end says how long it lasts)
    last = max(c for c in range(200) if grid.instant(c) < times[-1] / 1e6)
    expected = _on_screen(grid, times, 0, last)
    assert got[:len(expected)] == expected
    assert len(expected) > 12


def test_a_frame_shown_for_one_millisecond_before_each_instant_is_not_what_is_sampled() -> None:
    """The frame that starts just before an instant is on screen then; the one that starts just
    after it is not (the first frame starting after a cell's edge was what used to be sampled)."""
    grid = SampleGrid(3.0, KEY)
    cell = 9
    t = round(grid.instant(cell) * 1e6)
    times = [0, 1_000_000, t - 1_000, t + 1_000, t + 200_000]
    got = _ffmpeg_sampled(grid, times)
    shown = [frame for c, frame in got if c <= cell][-1]  # the picture given last at or before the cell
    assert shown == 2  # started 1 ms before the instant


def test_a_picture_on_screen_at_many_instants_is_given_once() -> None:
    """FFmpeg would scale every repeat of a long frame at once and hold them all; each picture is
    given at the first instant it is on screen at, and the cells after it are its own."""
    grid = SampleGrid(3.0, KEY)
    times = [0, 1_000_000, 60_000_000, 61_000_000, 61_040_000]  # the second frame stays on screen for 59 s
    got = _ffmpeg_sampled(grid, times)
    first_after = min(c for c in range(400) if grid.instant(c) >= 1.0)
    at_60 = min(c for c in range(400) if grid.instant(c) >= 60.0)
    assert got[:3] == [(0, 0), (first_after, 1), (at_60, 2)]


def test_a_stretch_decoded_from_the_middle_starts_at_its_first_frames_cell() -> None:
    grid = SampleGrid(3.0, KEY)
    times = [5_100_000 + 40_000 * i for i in range(60)]  # a stretch from 5.1 s, 25 fps
    got = _ffmpeg_sampled(grid, times, from_start=False)
    first = min(c for c in range(100) if grid.instant(c) >= times[0] / 1e6)
    assert got[0][0] == first  # no cell before the stretch's first frame
    last = max(c for c in range(100) if grid.instant(c) < times[-1] / 1e6)
    expected = _on_screen(grid, times, first, last)
    assert got[:len(expected)] == expected


def test_instants_are_inside_their_cells_and_independent() -> None:
    grid = SampleGrid(3.0, KEY)
    units = np.array([grid.unit(c) for c in range(1, 20_001)])
    assert units.min() >= 0 and units.max() < 1
    assert np.histogram(units, bins=10, range=(0, 1))[0].min() > 1_800  # about uniform (2,000 a bin)
    assert abs(np.corrcoef(units[:-1], units[1:])[0, 1]) < 0.03  # neighbours do not share a phase
    for cell in range(0, 60):
        t = grid.instant(cell)
        start = cell * 3.0 / 7 if cell < 7 else 3.0 + (cell - 7) * SAMPLE_EVERY_S
        length = 3.0 / 7 if cell < 7 else SAMPLE_EVERY_S
        assert start <= t < start + length
    assert grid.instant(0) == 0.0
    assert len({grid.unit(c) for c in range(1, 51)}) == 50
    assert SampleGrid(3.0).instant(20) == 3.0 + 13 * SAMPLE_EVERY_S  # without a key: the cells' starts


def test_the_hash_is_exact_in_double_precision() -> None:
    """ffmpeg computes the hash in doubles: every intermediate value stays below 2**53."""
    assert (HASH_PRIME - 1) ** 2 + HASH_PRIME < 2**53 and HASH_PRIME < 2**24


def test_the_key_comes_from_the_cache_secret_and_the_content(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("PRELINT_CACHE_DIR", str(tmp_path / "a"))
    first = sample_key("0123abcd")
    assert all(0 <= n < HASH_PRIME for n in (first.offset, *first.rounds))
    assert sample_key("0123abcd") == first  # the same video is sampled the same way on this machine
    assert sample_key("4567ef01") != first
    monkeypatch.setenv("PRELINT_CACHE_DIR", str(tmp_path / "b"))  # another machine's secret
    assert sample_key("0123abcd") != first
