"""A cache entry decides whether a draft is looked at again: entries must be earned, not planted.

Keys come from the whole content, entries carry an HMAC, a cache folder that is not private to the
user is not used, and a media entry that would inflate (a zip bomb) is refused before reading.
"""

from __future__ import annotations

import io
import json
import os
import resource
import zipfile
from pathlib import Path

import numpy as np
import pytest

from prelint.cache_folder import private_folder
from prelint.config import Config
from prelint.draft import Draft
from prelint.engine import selected_rules
from prelint.media import cache as media_cache
from prelint.model import Report
from prelint.report_cache import ReportCache


def test_two_large_files_differing_only_in_the_middle_have_different_keys(tmp_path: Path) -> None:
    base = bytes(range(256)) * (40 << 12)  # 40 MiB
    a, b = tmp_path / "a.mp4", tmp_path / "b.mp4"
    a.write_bytes(base)
    b.write_bytes(base[: 20 << 20] + "加VX".encode() + base[(20 << 20) + 5:])
    assert a.stat().st_size == b.stat().st_size
    assert media_cache.content_hash(a) != media_cache.content_hash(b)


def _cache_with_one_report(tmp_path: Path) -> tuple[ReportCache, str, Path]:
    config = Config()
    cache = ReportCache(config, selected_rules(config), folder=tmp_path / "reports")
    draft = Draft(title="家常红烧肉", caption="加VX abc12345 领取菜谱")
    key = cache.key(draft)
    assert key is not None
    cache.store(key, Report(path=None, rules=(), platform="douyin"))
    return cache, key, tmp_path / "reports" / f"{key}.json"


def test_a_stored_report_comes_back(tmp_path: Path) -> None:
    cache, key, _ = _cache_with_one_report(tmp_path)
    assert cache.load(key) == Report(path=None, rules=(), platform="douyin")


def test_an_edited_report_entry_is_not_trusted(tmp_path: Path) -> None:
    cache, key, entry = _cache_with_one_report(tmp_path)
    doc = json.loads(entry.read_text(encoding="ascii"))
    doc["report"]["platform"] = "tiktok"
    entry.write_text(json.dumps(doc), encoding="ascii")
    assert cache.load(key) is None


def test_an_entry_copied_under_another_key_is_not_trusted(tmp_path: Path) -> None:
    cache, key, entry = _cache_with_one_report(tmp_path)
    other = cache.key(Draft(title="another draft"))
    (entry.parent / f"{other}.json").write_bytes(entry.read_bytes())
    assert other is not None and cache.load(other) is None


def test_a_planted_entry_without_the_secret_is_not_trusted(tmp_path: Path) -> None:
    config = Config()
    cache = ReportCache(config, selected_rules(config), folder=tmp_path / "reports")
    key = cache.key(Draft(title="x"))
    (tmp_path / "reports").mkdir(mode=0o700)
    (tmp_path / "reports" / f"{key}.json").write_text(json.dumps({"mac": "0" * 64, "report": {}}), encoding="ascii")
    assert cache.load(key) is None


def test_a_folder_others_may_write_to_is_not_used(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    os.chmod(shared, 0o777)
    assert private_folder(shared) is None
    assert "group or others may write to it" in capsys.readouterr().err


@pytest.mark.skipif(os.geteuid() != 0, reason="giving a folder to another user needs root")
def test_a_folder_of_another_user_is_not_used(tmp_path: Path) -> None:
    theirs = tmp_path / "theirs"
    theirs.mkdir(mode=0o755)
    os.chown(theirs, 4321, 4321)
    assert private_folder(theirs) is None


def test_a_new_folder_is_created_private(tmp_path: Path) -> None:
    folder = private_folder(tmp_path / "new" / "cache")
    assert folder is not None and (folder.stat().st_mode & 0o777) == 0o700


@pytest.mark.slow
def test_a_zip_bomb_media_entry_is_refused_without_inflating_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PRELINT_CACHE_DIR", str(tmp_path / "cache"))
    folder = private_folder(tmp_path / "cache")
    assert folder is not None
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        with archive.open("facts.npy", "w", force_zip64=True) as member:
            header = io.BytesIO()
            np.lib.format.write_array_header_1_0(header, {"descr": "|u1", "fortran_order": False, "shape": (1 << 30,)})
            member.write(header.getvalue())
            zeros = bytes(16 << 20)
            for _ in range(1 << 30 >> 24):
                member.write(zeros)
    assert len(buffer.getvalue()) < 8 << 20
    key = "0" * 32 + "-bomb"
    media_cache.entry_path(key).write_bytes(buffer.getvalue())
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    assert media_cache.load(key) is None
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 200 << 10  # KiB: far below the 1 GiB it holds
