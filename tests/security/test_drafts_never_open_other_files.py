"""A draft is read as the one file it is: never as a playlist or a protocol that opens others.

FFmpeg probes a file's content, not its name: a committed text file named clip.mp4 that holds
an ffconcat script or an m3u8 playlist would make it read the files (or /proc/self/fd/0,
which blocks forever) that the text names. A file named `concat:a.mp4|b.mp4` would be read
as FFmpeg's concat protocol. prelint opens drafts with a list of container demuxers and the
file protocol only, and names the file as a `file:` URL.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from cli_runner import run_cli
from prelint.errors import InputError
from prelint.media import probe
from prelint.media.container import DEMUXERS, ffmpeg_input_args

SAMPLE = Path(__file__).resolve().parents[2] / "fixtures" / "sample" / "sample.mp4"

PLAYLISTS = {
    "ffconcat": "ffconcat version 1.0\nfile 'real.mp4'\n",
    "ffconcat-stdin": "ffconcat version 1.0\nfile '/proc/self/fd/0'\n",
    "m3u8": "#EXTM3U\n#EXT-X-TARGETDURATION:12\n#EXTINF:12,\nreal.mp4\n#EXT-X-ENDLIST\n",
    "dash": '<?xml version="1.0"?>\n<MPD xmlns="urn:mpeg:dash:schema:mpd:2011"><Period><AdaptationSet>'
            '<Representation id="1" bandwidth="1"><BaseURL>real.mp4</BaseURL></Representation>'
            "</AdaptationSet></Period></MPD>\n",
}


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    shutil.copyfile(SAMPLE, tmp_path / "real.mp4")
    return tmp_path


@pytest.mark.parametrize("kind", sorted(PLAYLISTS))
def test_a_playlist_named_like_a_video_is_refused_without_opening_what_it_names(folder: Path, kind: str) -> None:
    clip = folder / "clip.mp4"
    clip.write_text(PLAYLISTS[kind], encoding="utf-8")
    started = time.monotonic()
    with pytest.raises(InputError) as raised:
        probe(clip)
    assert time.monotonic() - started < 10
    assert "playlist" in raised.value.message


def test_the_command_line_refuses_a_playlist_with_exit_2_and_changes_nothing(folder: Path, cli_env: dict[str, str]) -> None:
    (folder / "clip.mp4").write_text(PLAYLISTS["ffconcat-stdin"], encoding="utf-8")
    run = run_cli("clip.mp4", "--title", "戚风蛋糕", cwd=folder, env=cli_env, watch=folder, timeout_s=60)
    assert run.returncode == 2, run.describe()
    assert "playlist (ffconcat, m3u8 or DASH)" in run.stderr
    assert "Traceback" not in run.stderr
    assert run.before == run.after


def test_ffmpeg_itself_refuses_a_playlist_given_the_input_options(folder: Path) -> None:
    from prelint.media.ffmpeg_process import ffmpeg_exe

    clip = folder / "clip.mp4"
    clip.write_text(PLAYLISTS["ffconcat"], encoding="utf-8")
    cmd = [ffmpeg_exe(), "-hide_banner", "-nostdin", *ffmpeg_input_args(clip), "-f", "null", "-"]
    done = subprocess.run(cmd, capture_output=True, timeout=60, stdin=subprocess.DEVNULL)
    assert done.returncode != 0
    real = [ffmpeg_exe(), "-hide_banner", "-nostdin", *ffmpeg_input_args(folder / "real.mp4"), "-f", "null", "-"]
    assert subprocess.run(real, capture_output=True, timeout=60, stdin=subprocess.DEVNULL).returncode == 0


@pytest.mark.skipif(sys.platform == "win32", reason="':' and '|' are not allowed in Windows file names")
def test_a_file_named_like_a_protocol_is_read_as_that_file(folder: Path) -> None:
    named = folder / "concat:missing.mp4|missing.mp4"
    shutil.copyfile(SAMPLE, named)
    facts = probe(named)
    assert facts.duration_s == pytest.approx(probe(folder / "real.mp4").duration_s)
    assert (facts.width, facts.height) == (probe(folder / "real.mp4").width, probe(folder / "real.mp4").height)


def test_no_demuxer_that_opens_other_files_is_allowed() -> None:
    assert not {"concat", "hls", "dash", "image2", "imf", "tee", "ffmetadata"} & set(DEMUXERS)
