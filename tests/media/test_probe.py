from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from fixtures.synth import ffmpeg_exe
from prelint.errors import InputError
from prelint.media import probe


def test_probe_reports_display_size_fps_audio(clips):
    facts = probe(clips["cuts"].path)
    assert (facts.width, facts.height) == (360, 640)
    assert facts.rotation == 0
    assert facts.fps == pytest.approx(30.0, abs=0.01)
    assert facts.duration_s == pytest.approx(5.5, abs=0.05)
    assert facts.frame_count == 165
    assert facts.has_audio and facts.audio_codec == "aac"
    assert facts.video_codec == "h264"
    assert not facts.is_vfr


def test_rotated_clip_reports_display_dims(clips):
    facts = probe(clips["rotated"].path)
    assert (facts.coded_width, facts.coded_height) == (640, 360)
    assert facts.rotation == 90
    assert (facts.width, facts.height) == (360, 640)


def test_vfr_detected(clips):
    facts = probe(clips["vfr"].path)
    assert facts.is_vfr
    assert facts.frame_count == 60  # 90 frames, every 3rd dropped
    assert facts.fps == pytest.approx(20.0, abs=0.5)


def test_zero_byte_file(tmp_path: Path):
    path = tmp_path / "empty.mp4"
    path.write_bytes(b"")
    with pytest.raises(InputError, match="empty file"):
        probe(path)


def test_text_named_mp4(tmp_path: Path):
    path = tmp_path / "notes.mp4"
    path.write_text("this is not a video\n" * 10)
    with pytest.raises(InputError, match="not a video file"):
        probe(path)


def test_audio_only(tmp_path: Path):
    path = tmp_path / "voice.m4a"
    subprocess.run([ffmpeg_exe(), "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi",
                    "-i", "sine=d=1", str(path)], check=True)
    with pytest.raises(InputError) as err:
        probe(path)
    assert err.value.message == "no video stream (audio only)"
    assert err.value.path == str(path)


def test_missing_and_directory(tmp_path: Path):
    with pytest.raises(InputError, match="file not found"):
        probe(tmp_path / "nope.mp4")
    with pytest.raises(InputError, match="directory"):
        probe(tmp_path)


def test_truncated_mp4_without_moov(clips, tmp_path: Path):
    data = clips["cuts"].path.read_bytes()
    path = tmp_path / "cut_short.mp4"
    path.write_bytes(data[: len(data) // 3])  # moov is at the end: gone
    with pytest.raises(InputError, match="no moov"):
        probe(path)


def test_phone_style_rotated_1280x720_reports_720x1280(tmp_path: Path):
    from fixtures.synth import ShotSpec, VideoSpec, make_video

    path = tmp_path / "phone.mp4"
    truth = make_video(path, VideoSpec(shots=(ShotSpec(0.3, 1),), width=1280, height=720, rotation=90))
    facts = probe(path)
    assert (facts.coded_width, facts.coded_height, facts.rotation) == (1280, 720, 90)
    assert (facts.width, facts.height) == (720, 1280) == (truth.display_width, truth.display_height)


def test_an_mpeg4_part2_video_in_mp4_gets_its_frame_size_from_the_stream_listing(tmp_path: Path):
    """MPEG-4 Part 2 (mp4v: older phones and editors) keeps its frame size in the VOL header, which only
    its decoder reads; the container reading opens no decoder, so the size comes from the stream listing."""
    path = tmp_path / "mp4v.mp4"
    subprocess.run([ffmpeg_exe(), "-v", "error", "-y", "-f", "lavfi", "-i", "testsrc2=s=320x240:r=25:d=2",
                    "-c:v", "mpeg4", str(path)], check=True)
    facts = probe(path)
    assert facts.video_codec == "mpeg4"
    assert (facts.width, facts.height) == (320, 240)
    assert facts.frame_count == 50 and facts.fps == pytest.approx(25.0)


def test_the_stream_listing_gives_the_first_video_streams_size():
    from prelint.media.container import _listed_size

    listing = ("Input #0, mov,mp4,m4a,3gp,3g2,mj2, from 'file:/d/clip.mp4':\n"
               "  Stream #0:0[0x1](und): Audio: aac (LC) (mp4a / 0x6134706D), 16000 Hz, stereo, fltp, 89 kb/s\n"
               "  Stream #0:1[0x2](und): Video: mpeg4 (Simple Profile) (mp4v / 0x7634706D), yuv420p, 512x288 "
               "[SAR 1:1 DAR 16:9], 3452 kb/s, 25 fps, 25 tbr, 12800 tbn (default)\n"
               "  Stream #0:2[0x3](und): Video: h264, yuv420p, 1920x1080, 25 fps\n")
    assert _listed_size(listing) == (512, 288)
    assert _listed_size("  Stream #0:0: Video: mpeg4, none, 25 fps\n") == (0, 0)
    assert _listed_size("") == (0, 0)
