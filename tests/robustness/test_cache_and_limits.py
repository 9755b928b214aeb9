"""The analysis cache survives killed runs and lives only where PRELINT_CACHE_DIR says; the
analysis time limit stops a run with one line; the report never lands on a user's file."""

from __future__ import annotations

import json
import os
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest

from cli_runner import CliRun, run_cli, snapshot
from corpus import make_clip


@pytest.fixture(scope="module")
def clip_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("clip")
    make_clip(folder / "clip.mp4", seconds=2.5, size="180x320")
    (folder / "clip.prelint.toml").write_text('title = "缓存测试 cache test"\nhashtags = ["#测试"]\n', encoding="utf-8")
    return folder


def lint_json(folder: Path, env: dict[str, str], *extra: str) -> tuple[CliRun, list[dict]]:
    run = run_cli(str(folder / "clip.mp4"), "--no-ocr", "--format", "json", *extra, cwd=folder, env=env, watch=folder)
    assert not run.timed_out and "Traceback" not in run.stderr, run.describe()
    assert run.before == run.after, "the input folder changed"
    assert run.returncode in (0, 1), run.describe()
    (draft,) = json.loads(run.stdout)["drafts"]
    return run, draft["rules"]


def isolated_env(base: dict[str, str], tmp_path: Path) -> dict[str, str]:
    return {**base, "PRELINT_CACHE_DIR": str(tmp_path / "cache"), "XDG_CACHE_HOME": str(tmp_path / "xdg"),
            "HOME": str(tmp_path / "home")}


def cache_entries(cache: Path) -> list[Path]:
    return sorted(p for p in cache.glob("*.npz") if not p.name.startswith("."))


@dataclass(frozen=True)
class WarmCache:
    """A cache folder filled by one lint of the clip, and that lint's rule results."""

    folder: Path
    rules: list[dict]

    def copy_to(self, tmp_path: Path) -> Path:
        """Copy the filled cache into tmp_path/cache and return that folder."""
        shutil.copytree(self.folder, tmp_path / "cache")
        return tmp_path / "cache"


@pytest.fixture(scope="module")
def warm_cache(clip_folder: Path, cli_env: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> WarmCache:
    tmp_path = tmp_path_factory.mktemp("warm")
    _, rules = lint_json(clip_folder, isolated_env(cli_env, tmp_path))
    return WarmCache(tmp_path / "cache", rules)


def test_cache_is_written_only_to_PRELINT_CACHE_DIR(clip_folder: Path, cli_env: dict[str, str], tmp_path: Path) -> None:
    env = isolated_env(cli_env, tmp_path)
    lint_json(clip_folder, env)
    assert len(cache_entries(tmp_path / "cache")) == 1
    assert not (tmp_path / "xdg").exists() and not (tmp_path / "home").exists()


def _truncate(entry: Path) -> None:
    entry.write_bytes(entry.read_bytes()[: entry.stat().st_size // 2])


def _garbage(entry: Path) -> None:
    entry.write_bytes(os.urandom(4096))


def _empty(entry: Path) -> None:
    entry.write_bytes(b"")


def _wrong_document(entry: Path) -> None:
    # a well-formed npz whose facts are not what the engine wrote (old version, foreign file)
    np.savez(entry.with_suffix(".tmp.npz"), facts=np.frombuffer(b'{"probe": 3}', np.uint8))
    os.replace(entry.with_suffix(".tmp.npz"), entry)


def report_entries(cache: Path) -> list[Path]:
    return sorted(p for p in (cache / "reports").glob("*.json") if not p.name.startswith("."))


@pytest.mark.parametrize("damage", [_truncate, _garbage, _empty, _wrong_document], ids=lambda f: f.__name__[1:])
def test_damaged_media_cache_entry_is_ignored_and_rewritten(damage, clip_folder: Path, cli_env: dict[str, str],
                                                            warm_cache: WarmCache, tmp_path: Path) -> None:
    """A run killed while writing (or a foreign file) leaves a bad entry: the next run recomputes.

    Media entries are `<PRELINT_CACHE_DIR>/<content hash>-<settings key>.npz` (prelint/media/cache.py);
    the whole-report cache (`reports/`) is removed so the second run needs the media facts again.
    """
    env = isolated_env(cli_env, tmp_path)
    warm_cache.copy_to(tmp_path)
    first = warm_cache.rules
    (entry,) = cache_entries(tmp_path / "cache")
    good_bytes = entry.read_bytes()
    damage(entry)
    assert entry.read_bytes() != good_bytes
    shutil.rmtree(tmp_path / "cache" / "reports", ignore_errors=True)
    _, second = lint_json(clip_folder, env)
    assert second == first
    (rewritten,) = cache_entries(tmp_path / "cache")
    assert rewritten == entry
    with np.load(rewritten, allow_pickle=False) as data:  # a complete entry again
        assert json.loads(bytes(data["facts"]).decode("utf-8"))["probe"]["width"] == 180


@pytest.mark.parametrize("damage", [_truncate, _garbage, _empty], ids=lambda f: f.__name__[1:])
def test_damaged_report_cache_entry_is_ignored_and_rewritten(damage, clip_folder: Path, cli_env: dict[str, str],
                                                             warm_cache: WarmCache, tmp_path: Path) -> None:
    """Whole reports are cached as `<PRELINT_CACHE_DIR>/reports/<key>.json` (prelint/report_cache.py)."""
    env = isolated_env(cli_env, tmp_path)
    warm_cache.copy_to(tmp_path)
    first = warm_cache.rules
    (entry,) = report_entries(tmp_path / "cache")
    damage(entry)
    _, second = lint_json(clip_folder, env)
    assert second == first
    entries = report_entries(tmp_path / "cache")
    if len(entries) == 1:
        assert entries == [entry] and json.loads(entry.read_text(encoding="utf-8"))  # rewritten in place
    else:
        # the key includes a fingerprint of prelint's own files: an edit to prelint while this test
        # runs (a shared checkout) gives a new entry instead; it must be complete
        assert len(entries) == 2 and all(json.loads(e.read_text(encoding="utf-8")) for e in entries if e != entry)


def test_leftover_temp_file_of_a_killed_writer_is_harmless(clip_folder: Path, cli_env: dict[str, str],
                                                           tmp_path: Path) -> None:
    env = isolated_env(cli_env, tmp_path)
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / ".tmp-killed.npz").write_bytes(b"PK\x03\x04 half a zip")
    _, rules = lint_json(clip_folder, env)
    assert len(cache_entries(cache)) == 1 and {r["code"] for r in rules} >= {"HOOK001", "SPEC003"}


def test_unusable_cache_folder_does_not_stop_the_lint(clip_folder: Path, cli_env: dict[str, str], warm_cache: WarmCache,
                                                     tmp_path: Path) -> None:
    env = isolated_env(cli_env, tmp_path)
    expected = warm_cache.rules
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be")
    _, rules = lint_json(clip_folder, {**env, "PRELINT_CACHE_DIR": str(blocker)})
    assert rules == expected
    assert blocker.read_text() == "a file where the cache folder should be"


def test_analysis_time_limit_gives_one_line_and_exit_2(clip_folder: Path, cli_env: dict[str, str], tmp_path: Path) -> None:
    folder = tmp_path / "limited"
    folder.mkdir()
    (folder / "clip.mp4").write_bytes((clip_folder / "clip.mp4").read_bytes())
    (folder / "prelint.toml").write_text("analysis-time-limit-s = 0.001\n")
    run = run_cli(str(folder / "clip.mp4"), "--no-ocr", "--no-cache", cwd=folder, env=isolated_env(cli_env, tmp_path),
                  watch=folder)
    assert run.returncode == 2, run.describe()
    lines = [line for line in run.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith(f"prelint: error: {folder / 'clip.mp4'}: "), run.describe()
    assert "time limit" in lines[0], run.describe()
    assert run.before == run.after


@pytest.mark.parametrize("target", ["clip.mp4", "clip.prelint.toml", "report.srt"])
def test_report_is_never_written_over_a_draft_file(target: str, clip_folder: Path, cli_env: dict[str, str],
                                                   tmp_path: Path) -> None:
    before = snapshot(clip_folder)
    run = run_cli(str(clip_folder / "clip.mp4"), "--no-ocr", "-o", str(clip_folder / target), cwd=clip_folder,
                  env=isolated_env(cli_env, tmp_path))
    assert run.returncode == 2 and "refusing to write the report" in run.stderr, run.describe()
    assert snapshot(clip_folder) == before


def test_report_output_file_is_written_where_asked(clip_folder: Path, cli_env: dict[str, str], tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    run = run_cli(str(clip_folder / "clip.mp4"), "--no-ocr", "--format", "json", "-o", str(out), cwd=clip_folder,
                  env=isolated_env(cli_env, tmp_path), watch=clip_folder)
    assert run.returncode in (0, 1) and run.before == run.after, run.describe()
    assert json.loads(out.read_text(encoding="utf-8"))["drafts"][0]["path"].endswith("clip.mp4")


def test_undecodable_bytes_in_the_command_line_title(cli_env: dict[str, str], tmp_path: Path) -> None:
    """A title that is not UTF-8 (a legacy-encoded shell) arrives as lone surrogates: no crash."""
    if sys.platform == "win32":
        pytest.skip("argv is Unicode on Windows")
    title = b"\xb2\xe2\xca\xd4 \xff title".decode("utf-8", "surrogateescape")  # GBK bytes + junk
    for fmt in ("text", "json"):
        run = run_cli("--title", title, "--format", fmt, cwd=tmp_path, env=cli_env, watch=tmp_path)
        assert run.returncode in (0, 1, 2), run.describe()
        assert "Traceback" not in run.stderr and "internal error" not in run.stderr, run.describe()
        if run.returncode == 2:
            assert len(run.stderr.strip().splitlines()) == 1 and "title" in run.stderr, run.describe()


def _non_utf8_folder(tmp_path: Path, clip_folder: Path) -> Path:
    folder = tmp_path / "latin1"
    folder.mkdir()
    good = os.fsencode(folder) + b"/caf\xe9.mp4"  # Latin-1 name, as unpacked from an old zip
    with open(good, "wb") as fh:
        fh.write((clip_folder / "clip.mp4").read_bytes())
    with open(os.fsencode(folder) + b"/\xff\xfe.mp4", "wb"):
        pass  # empty: an error line that names an undecodable file
    return folder


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_file_names_that_are_not_utf8_without_cache(fmt: str, clip_folder: Path, cli_env: dict[str, str],
                                                     tmp_path: Path) -> None:
    folder = _non_utf8_folder(tmp_path, clip_folder)
    run = run_cli(str(folder), "--no-ocr", "--no-cache", "--format", fmt, cwd=folder,
                  env=isolated_env(cli_env, tmp_path), watch=folder)
    assert run.returncode == 2 and run.before == run.after, run.describe()
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("prelint: error: ") and "empty file" in lines[0], run.describe()
    assert "caf" in run.stdout


def test_file_names_that_are_not_utf8_with_report_cache(clip_folder: Path, cli_env: dict[str, str],
                                                        tmp_path: Path) -> None:
    folder = _non_utf8_folder(tmp_path, clip_folder)
    run = run_cli(str(folder), "--no-ocr", cwd=folder, env=isolated_env(cli_env, tmp_path), watch=folder)
    assert run.returncode == 2 and "internal error" not in run.stderr, run.describe()
    assert len(run.stderr.strip().splitlines()) == 1 and "caf" in run.stdout and run.before == run.after
