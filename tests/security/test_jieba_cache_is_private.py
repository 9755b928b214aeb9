"""jieba loads its dictionary cache with `marshal` from the system temporary folder
(/tmp/jieba.cache), whoever wrote it. prelint points jieba at a cache folder of the user's own
(`<cache dir>/jieba`, mode 0700), or at a fresh private folder when the cache folder is not
private, so a planted cache is never loaded, whichever module imports jieba first."""

from __future__ import annotations

import json
import marshal
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

PLANTED_WORD = "prelint-planted-word"

#: Lints a draft whose title-vs-content rules segment Chinese text with jieba, then reports what
#: jieba's default tokenizer loaded and where it keeps its cache.
PROBE = """
import json, sys
import prelint
report = prelint.lint(title="3分钟学会番茄炒蛋", subtitles=sys.argv[1], select=["MATCH", "RISK"], config={"ocr": False})
import jieba
print(json.dumps({"initialized": jieba.dt.initialized, "planted": %r in jieba.dt.FREQ,
                  "tmp_dir": jieba.dt.tmp_dir, "errors": [e.message for e in report.errors]}))
""" % PLANTED_WORD


def _probe(tmp_path: Path, cache_dir: Path, env: dict[str, str]) -> dict:
    shared_tmp = tmp_path / "shared-tmp"
    shared_tmp.mkdir()
    with (shared_tmp / "jieba.cache").open("wb") as planted:  # what another user could leave in /tmp
        marshal.dump(({PLANTED_WORD: 1, "番茄": 1}, 2), planted)
    subtitles = tmp_path / "clip.srt"
    subtitles.write_text("1\n00:00:00,000 --> 00:00:04,000\n今天教大家做番茄炒蛋，先把鸡蛋打散\n", encoding="utf-8")
    env = dict(env, TMPDIR=str(shared_tmp), PRELINT_CACHE_DIR=str(cache_dir))
    done = subprocess.run([sys.executable, "-c", PROBE, str(subtitles)], capture_output=True, text=True, env=env,
                          cwd=tmp_path, timeout=120)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_planted_jieba_cache_in_the_temporary_folder_is_not_loaded(cli_env: dict[str, str], tmp_path: Path) -> None:
    cache_dir = tmp_path / "cache"
    seen = _probe(tmp_path, cache_dir, cli_env)
    assert seen["initialized"], "the probe did not make prelint segment text"
    assert not seen["planted"], "jieba loaded the planted /tmp/jieba.cache"
    assert seen["tmp_dir"] == str(cache_dir / "jieba")
    assert stat.S_IMODE(os.stat(cache_dir / "jieba").st_mode) == 0o700
    assert (cache_dir / "jieba" / "jieba.cache").is_file()


@pytest.mark.skipif(not hasattr(os, "geteuid"), reason="POSIX permissions")
def test_cache_folder_others_may_write_is_not_used_for_jieba(cli_env: dict[str, str], tmp_path: Path) -> None:
    cache_dir = tmp_path / "open-cache"
    cache_dir.mkdir()
    cache_dir.chmod(0o777)
    seen = _probe(tmp_path, cache_dir, cli_env)
    assert seen["initialized"] and not seen["planted"]
    assert not seen["tmp_dir"].startswith(str(cache_dir))
    assert Path(seen["tmp_dir"]).name.startswith("prelint-jieba-")


def test_cache_folder_inside_the_checkout_is_not_used(cli_env: dict[str, str], tmp_path: Path) -> None:
    """CI may point PRELINT_CACHE_DIR into the workspace: then a committed `jieba/jieba.cache`,
    `.entry-key` or entry would pose as the user's own. The probe runs in a checkout (a `.git`
    folder) whose cache folder already holds a planted jieba cache."""
    (tmp_path / ".git").mkdir()
    cache_dir = tmp_path / ".prelint-cache"
    (cache_dir / "jieba").mkdir(parents=True, mode=0o700)
    cache_dir.chmod(0o700)
    with (cache_dir / "jieba" / "jieba.cache").open("wb") as planted:
        marshal.dump(({PLANTED_WORD: 1, "番茄": 1}, 2), planted)
    os.utime(cache_dir / "jieba" / "jieba.cache", (4102444800, 4102444800))  # newer than any dictionary
    seen = _probe(tmp_path, cache_dir, cli_env)
    assert seen["initialized"] and not seen["planted"]
    assert Path(seen["tmp_dir"]).name.startswith("prelint-jieba-")


def test_a_linked_reports_folder_is_not_followed(cli_env: dict[str, str], tmp_path: Path) -> None:
    from cli_runner import run_cli

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    cache_dir = tmp_path / "cache"
    cache_dir.mkdir(mode=0o700)
    (cache_dir / "reports").symlink_to(elsewhere)
    (tmp_path / "work").mkdir()
    (tmp_path / "work" / "a.prelint.toml").write_text('title = "三个技巧"\n', encoding="utf-8")
    run = run_cli("a.prelint.toml", "--select", "SPEC001", cwd=tmp_path / "work",
                  env=dict(cli_env, PRELINT_CACHE_DIR=str(cache_dir)))
    assert run.returncode == 0, run.describe()
    assert "symbolic link" in run.stderr
    assert list(elsewhere.iterdir()) == []
