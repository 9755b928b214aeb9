"""A container's declared duration does not decide how long a draft is.

A Matroska Segment Duration patched from 200 s to 9 s made SPEC003 pass a 200 s draft for YouTube
Shorts (at most 180 s) and SPEC010 measure only the first 10 s of sound, a quiet tone, while 190 s of
clipped square wave followed: the sound pass was cut at the declared duration. The picture is
decoded to its end whatever the container says; when it outlasts the declared duration the sound is
read again as long as the picture, and SPEC003 reads the decoded duration.
"""

from __future__ import annotations

import struct
import subprocess
from pathlib import Path

import pytest

import prelint
from prelint.media import analyze, probe
from prelint.media.ffmpeg_process import ffmpeg_exe


@pytest.fixture(scope="module")
def short_declared(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("declared")
    honest = folder / "honest.mkv"
    subprocess.run([ffmpeg_exe(), "-v", "error", "-nostdin", "-y", "-f", "lavfi", "-i", "testsrc2=s=180x320:r=30:d=12",
                    "-f", "lavfi", "-i", "sine=f=440:d=3:sample_rate=48000,volume=-20dB[a];"
                    "aevalsrc='if(lt(mod(t*200\\,1)\\,0.5)\\,1\\,-1)':d=9:s=48000[b];[a][b]concat=n=2:v=0:a=1",
                    "-c:v", "libx264", "-preset", "ultrafast", "-g", "30", "-c:a", "flac", str(honest)],
                   check=True, timeout=120)
    data = bytearray(honest.read_bytes())
    at = data.find(b"\x44\x89\x88")  # Info/Duration: an 8-byte float in milliseconds
    assert at > 0
    data[at + 3:at + 11] = struct.pack(">d", 2000.0)
    patched = folder / "declares_2s.mkv"
    patched.write_bytes(bytes(data))
    return patched


def test_the_container_declares_2_s(short_declared: Path) -> None:
    assert probe(short_declared).duration_s == pytest.approx(2.0, abs=0.01)


def test_the_analysis_lasts_as_long_as_the_picture_and_reads_all_the_sound(short_declared: Path) -> None:
    facts = analyze(short_declared, use_cache=False)
    assert facts.duration_s == pytest.approx(12.0, abs=0.1)
    assert facts.audio.clipped_share > 0.5  # 9 of the 12 s are a clipped square wave
    assert facts.audio.loudness_lufs is not None and facts.audio.loudness_lufs > -6


def test_spec003_and_spec010_judge_the_whole_draft(short_declared: Path, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("PRELINT_CACHE_DIR", str(tmp_path))
    report = prelint.lint(short_declared, title="教程", platform="tiktok", select=["SPEC003", "SPEC010"], config={})
    assert report.result("SPEC003").metrics["duration_s"] == pytest.approx(12.0, abs=0.1)
    assert report.result("SPEC010").status.value == "warn"


def test_sound_that_outlasts_the_picture_is_read_to_its_end(tmp_path: Path, monkeypatch) -> None:
    """A 4 s picture over 12 s of sound (a plain mux without -shortest): the draft plays 12 s, the
    last 10 s of them a clipped square wave. The sound used to be cut where the picture ended."""
    clip = tmp_path / "long_sound.mp4"
    subprocess.run([ffmpeg_exe(), "-v", "error", "-nostdin", "-y", "-f", "lavfi", "-i", "testsrc2=s=180x320:r=30:d=4",
                    "-f", "lavfi", "-i", "sine=f=440:d=2:sample_rate=48000,volume=-20dB[a];"
                    "aevalsrc='if(lt(mod(t*200\\,1)\\,0.5)\\,1\\,-1)':d=10:s=48000[b];[a][b]concat=n=2:v=0:a=1",
                    "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac", str(clip)], check=True, timeout=120)
    assert probe(clip).duration_s == pytest.approx(4.0, abs=0.1)  # the video stream's own duration
    for _ in range(2):  # the same every run (the end of the picture no longer races the sound)
        facts = analyze(clip, use_cache=False)
        assert facts.duration_s == pytest.approx(12.0, abs=0.1)
        assert facts.audio.loudness_lufs is not None and facts.audio.loudness_lufs > -6  # the square wave's 10 s
    monkeypatch.setenv("PRELINT_CACHE_DIR", str(tmp_path / "cache"))
    report = prelint.lint(clip, title="教程", platform="shorts", select=["SPEC003", "SPEC010"], config={})
    assert report.result("SPEC003").metrics["duration_s"] == pytest.approx(12.0, abs=0.1)
    assert report.result("SPEC010").status.value == "warn"


@pytest.mark.parametrize("container", ["mkv", "ts"])
def test_a_gap_in_the_sounds_timestamps_counts_as_time(tmp_path: Path, container: str) -> None:
    """10 s of picture; the sound jumps from 3 s to 95 s and plays 5 s more: the file lasts 100 s
    (what ffprobe, players and a re-encode say). The samples were counted as if the sound had no gap,
    which made the draft 10 s long."""
    clip = tmp_path / f"gap.{container}"
    subprocess.run([ffmpeg_exe(), "-v", "error", "-nostdin", "-y", "-f", "lavfi", "-i", "testsrc2=s=180x320:r=30:d=10",
                    "-f", "lavfi", "-i", "sine=f=440:d=3:sample_rate=48000[a];sine=f=880:d=5:sample_rate=48000[b];"
                    "[a][b]concat=n=2:v=0:a=1,asetpts='if(gte(T\\,3)\\,PTS+92/TB\\,PTS)'",
                    "-c:v", "libx264", "-preset", "ultrafast", "-g", "30", "-c:a", "aac", str(clip)], check=True, timeout=120)
    facts = analyze(clip, use_cache=False)
    assert facts.duration_s == pytest.approx(100.0, abs=0.5)
