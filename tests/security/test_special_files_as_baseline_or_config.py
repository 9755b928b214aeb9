"""A committed baseline, config or metadata file may be a symlink to /dev/zero (read until memory
runs out) or a FIFO (opening it blocks until a writer comes). prelint reads these files through
prelint.safe_io.read_regular_file: a special file is one clear error line, at once."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from cli_runner import run_cli

#: Seconds a refused file may take, start-up included.
FAST_S = 20
#: The child's address-space limit: a run that reads /dev/zero without end fails here, not the machine.
MEMORY_LIMIT = 1536 << 20


def _special(path: Path, kind: str) -> Path:
    if kind == "dev-zero-link":
        path.symlink_to("/dev/zero")
    else:
        os.mkfifo(path)
    return path


def _one_error_line(run, name: str, words: tuple[str, ...] = ("not a regular file",)) -> str:  # type: ignore[no-untyped-def]
    assert not run.timed_out, f"prelint {' '.join(run.args)} hung"
    assert run.returncode == 2, run.describe()
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1, run.describe()
    assert name in lines[0] and any(w in lines[0] for w in words), lines[0]
    return lines[0]


def _run(*args: str, cwd: Path, env: dict[str, str]):  # type: ignore[no-untyped-def]
    started = time.monotonic()
    run = run_cli(*args, cwd=cwd, env=env, timeout_s=FAST_S + 10, max_memory_bytes=MEMORY_LIMIT)
    assert run.timed_out or time.monotonic() - started < FAST_S, f"took {time.monotonic() - started:.0f} s"
    return run


@pytest.mark.parametrize("kind", ["dev-zero-link", "fifo"])
def test_baseline_that_is_not_a_regular_file_is_refused(kind: str, cli_env: dict[str, str], tmp_path: Path) -> None:
    baseline = _special(tmp_path / "prelint-baseline.json", kind)
    run = _run("--title", "全网最低价", "--baseline", str(baseline), cwd=tmp_path, env=cli_env)
    _one_error_line(run, "prelint-baseline.json")


@pytest.mark.parametrize("kind", ["dev-zero-link", "fifo"])
def test_config_file_found_by_the_search_that_is_not_a_regular_file_is_refused(
        kind: str, cli_env: dict[str, str], tmp_path: Path) -> None:
    _special(tmp_path / ".prelint.toml", kind)
    run = _run("--title", "全网最低价", cwd=tmp_path, env=cli_env)
    _one_error_line(run, ".prelint.toml")


@pytest.mark.parametrize("kind", ["dev-zero-link", "fifo"])
def test_config_file_named_with_config_that_is_not_a_regular_file_is_refused(
        kind: str, cli_env: dict[str, str], tmp_path: Path) -> None:
    config = _special(tmp_path / "team.toml", kind)
    run = _run("--title", "全网最低价", "--config", str(config), cwd=tmp_path, env=cli_env)
    _one_error_line(run, "team.toml")


@pytest.mark.parametrize("kind", ["dev-zero-link", "fifo"])
def test_metadata_file_beside_a_video_that_is_not_a_regular_file_is_refused(
        kind: str, cli_env: dict[str, str], tmp_path: Path) -> None:
    (tmp_path / "clip.mp4").write_bytes(b"\0\0\0\x18ftypmp42" + bytes(64))
    _special(tmp_path / "clip.prelint.toml", kind)
    run = _run(str(tmp_path / "clip.mp4"), "--no-ocr", cwd=tmp_path, env=cli_env)
    # a link to /dev/zero also leads out of the draft's folder; either refusal is right
    _one_error_line(run, "clip.prelint.toml", ("not a regular file", "outside"))


def test_large_config_file_is_refused_without_being_read(cli_env: dict[str, str], tmp_path: Path) -> None:
    (tmp_path / "prelint.toml").write_bytes(b"# padding\n" * 200_000)  # 2 MB of comments
    run = _run("--title", "全网最低价", cwd=tmp_path, env=cli_env)
    assert run.returncode == 2, run.describe()
    (line,) = run.stderr.strip().splitlines()
    assert "prelint.toml" in line and "larger than 1 MiB" in line, line


@pytest.mark.parametrize("kind", ["dev-zero-link", "fifo"])
@pytest.mark.parametrize("given", ["option", "metadata"])
def test_subtitles_that_are_not_a_regular_file_are_named_as_such(kind: str, given: str, cli_env: dict[str, str],
                                                               tmp_path: Path) -> None:
    _special(tmp_path / "clip.srt", kind)
    if given == "option":
        run = _run("--title", "今天的分享", "--subtitles", "clip.srt", cwd=tmp_path, env=cli_env)
    else:
        (tmp_path / "clip.prelint.toml").write_text('title = "今天的分享"\nsubtitles = "clip.srt"\n', encoding="utf-8")
        run = _run("clip.prelint.toml", cwd=tmp_path, env=cli_env)
    # a link to /dev/zero named by a metadata file also leads out of its folder; either refusal is right
    _one_error_line(run, "clip.srt", ("not a regular file", "outside"))
