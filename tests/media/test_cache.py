from __future__ import annotations

import os
import shutil

from prelint.media import analyze, cache
from prelint.media.facts import AnalysisSettings


def test_cache_hit_returns_equal_facts_and_writes_nothing_beside_video(clips, tmp_path, monkeypatch):
    cache_dir = tmp_path / "cache"
    monkeypatch.setenv("PRELINT_CACHE_DIR", str(cache_dir))
    video_dir = tmp_path / "drafts"
    video_dir.mkdir()
    video = video_dir / "draft.mp4"
    shutil.copy(clips["vfr"].path, video)

    first = analyze(video)
    entries = list(cache_dir.glob("*.npz"))
    assert len(entries) == 1
    second = analyze(video)
    assert second.transitions == first.transitions
    assert second.shots == first.shots
    assert second.series == first.series
    assert second.audio == first.audio
    assert second.frames == first.frames  # same times, reasons and sizes
    assert second.to_dict() == first.to_dict()
    assert sorted(os.listdir(video_dir)) == ["draft.mp4"]
    assert not list(cache_dir.glob(".tmp-*"))


def test_settings_change_the_key(clips):
    a = cache.key_for(clips["vfr"].path, AnalysisSettings())
    b = cache.key_for(clips["vfr"].path, AnalysisSettings(min_shot_s=1.0))
    c = cache.key_for(clips["vfr"].path, AnalysisSettings(analysis_time_limit_s=5))
    assert a != b and a == c


def test_corrupt_entry_is_ignored_and_rewritten(clips, tmp_path, monkeypatch):
    monkeypatch.setenv("PRELINT_CACHE_DIR", str(tmp_path / "c"))
    key = cache.key_for(clips["vfr"].path, AnalysisSettings())
    entry = cache.entry_path(key)
    entry.parent.mkdir(parents=True)
    entry.write_bytes(b"garbage")
    facts = analyze(clips["vfr"].path)
    assert cache.load(key) is not None
    assert cache.load(key).transitions == facts.transitions


def test_default_cache_dir_uses_xdg(monkeypatch, tmp_path):
    monkeypatch.delenv("PRELINT_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache.cache_dir() == tmp_path / "prelint"
