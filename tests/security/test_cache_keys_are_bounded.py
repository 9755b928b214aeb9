"""The report cache hashes a draft's files for its key before the draft's own time limit starts.
A sparse file declaring 50 GB took 75 s to hash before prelint said it was no video; the hash now
has a limit of its own and subtitles over their size limit are not hashed at all."""

from __future__ import annotations

import os
import time
from pathlib import Path

from cli_runner import run_cli

SAMPLE = Path(__file__).resolve().parents[2] / "fixtures" / "sample" / "sample.mp4"


def test_a_sparse_video_of_twenty_gigabytes_is_not_hashed_past_the_time_limit(cli_env: dict[str, str],
                                                                             tmp_path: Path) -> None:
    clip = tmp_path / "clip.mp4"
    clip.write_bytes(SAMPLE.read_bytes()[:100_000])
    os.truncate(clip, 20 << 30)  # a hole: no disk used, 20 GB of zeros to read
    (tmp_path / "prelint.toml").write_text("analysis-time-limit-s = 2\n", encoding="utf-8")
    started = time.monotonic()
    run = run_cli(str(clip), "--no-ocr", cwd=tmp_path, env=cli_env, timeout_s=120)
    elapsed = time.monotonic() - started
    assert run.returncode == 2 and not run.timed_out, run.describe()
    assert elapsed < 15, f"{elapsed:.0f} s"  # reading the whole hole took 47 s
    assert "analysis exceeded the time limit of 2 s" in run.stderr, run.describe()


def test_subtitles_over_their_size_limit_are_not_hashed_for_the_key(tmp_path: Path) -> None:
    from prelint.config import Config
    from prelint.draft import Draft
    from prelint.report_cache import ReportCache
    from prelint.safe_io import MAX_SUBTITLE_BYTES

    big = tmp_path / "clip.srt"
    with big.open("wb") as out:
        out.truncate(MAX_SUBTITLE_BYTES + 1)
    small = tmp_path / "small.srt"
    small.write_text("1\n00:00:00,000 --> 00:00:01,000\n你好\n", encoding="utf-8")
    cache = ReportCache(Config(), [], folder=tmp_path / "reports")
    assert cache.key(Draft(title="x", subtitles=big)) is None
    assert cache.key(Draft(title="x", subtitles=small)) is not None


def test_the_cache_keeps_within_its_size_removing_the_least_recently_used(tmp_path: Path) -> None:
    from prelint.cache_folder import keep_within, touch

    for age, name in enumerate(["old", "used", "new"]):
        entry = tmp_path / f"{name}.npz"
        entry.write_bytes(b"x" * 1000)
        os.utime(entry, (1_000_000 + age, 1_000_000 + age))
    (tmp_path / ".tmp-writing.npz").write_bytes(b"x" * 5000)  # a write in progress is left alone
    (tmp_path / "report.json").write_bytes(b"x" * 5000)  # another kind of entry is counted apart
    touch(tmp_path / "used.npz")  # a cache hit
    keep_within(tmp_path, ".npz", 2000)
    assert sorted(p.name for p in tmp_path.iterdir()) == [".tmp-writing.npz", "new.npz", "report.json", "used.npz"]
