"""What a file declares cannot make prelint's decoders allocate gigabytes or work past the picture.

An mp4 of 1.5 KB can declare 80 million samples of a constant size; FFmpeg's mov demuxer builds an
index entry for each on every open (several GB across the probe, the planner and the decoders). A
one-frame video can carry an audio track of 55 hours that decodes at thousands of times real time:
its levels grew memory until the time limit. The index is checked before FFmpeg opens the file, and
the sound is read no further than the picture.
"""

from __future__ import annotations

import struct
import subprocess
import time
from pathlib import Path

import pytest

from cli_runner import run_cli
from prelint.errors import InputError
from prelint.media.container import check_file
from prelint.media.ffmpeg_process import ffmpeg_exe
from prelint.media.mov_index import MAX_INDEX_ENTRIES


def _ffmpeg(*args: str) -> None:
    subprocess.run([ffmpeg_exe(), "-v", "error", "-nostdin", "-y", *args], check=True, timeout=120)


def _declare_samples(path: Path, count: int) -> None:
    """Patch the first stsz box: a constant sample size of 1 and `count` samples."""
    data = bytearray(path.read_bytes())
    at = data.find(b"stsz")
    assert at > 0
    body = at + 4
    data[body + 4 : body + 12] = struct.pack(">II", 1, count)  # after version/flags: size, count
    path.write_bytes(bytes(data))


def _moov_at(data: bytes) -> tuple[int, int]:
    """(offset, size) of the top-level moov box."""
    offset = 0
    while offset < len(data):
        size, kind = struct.unpack(">I4s", data[offset : offset + 8])
        if kind == b"moov":
            return offset, size
        offset += size
    raise AssertionError("no moov box")


@pytest.fixture(scope="module")
def one_frame(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("declared") / "one.mp4"
    _ffmpeg("-f", "lavfi", "-i", "color=c=red:s=64x64:r=30", "-frames:v", "1", "-c:v", "libx264", str(path))
    return path


def test_an_mp4_declaring_more_samples_than_it_has_bytes_is_refused_before_ffmpeg_opens_it(one_frame: Path) -> None:
    bomb = one_frame.with_name("bomb.mp4")
    bomb.write_bytes(one_frame.read_bytes())
    _declare_samples(bomb, 80_000_000)
    with pytest.raises(InputError) as raised:
        check_file(bomb)
    assert "80,000,000 samples" in raised.value.message


def test_the_command_line_refuses_it_at_once(one_frame: Path, cli_env: dict[str, str]) -> None:
    bomb = one_frame.with_name("cli-bomb.mp4")
    bomb.write_bytes(one_frame.read_bytes())
    _declare_samples(bomb, 80_000_000)
    started = time.monotonic()
    run = run_cli(str(bomb), "--title", "测试", "--no-cache", cwd=bomb.parent, env=cli_env, timeout_s=60,
                  max_memory_bytes=4 << 30)
    assert run.returncode == 2, run.describe()
    assert "samples" in run.stderr and time.monotonic() - started < 30


def test_ordinary_mp4s_are_within_the_bound(one_frame: Path) -> None:
    assert check_file(one_frame) > 0
    assert MAX_INDEX_ENTRIES >= 3 * 3600 * 240  # three hours at 240 frames a second


def test_an_audio_track_of_55_hours_is_linted_within_a_minute(one_frame: Path, cli_env: dict[str, str]) -> None:
    folder = one_frame.parent
    _ffmpeg("-f", "lavfi", "-i", "aevalsrc=0.3:s=100:d=200000", "-c:a", "flac", "-frame_size", "65535", str(folder / "a.mka"))
    _ffmpeg("-i", str(one_frame), "-i", str(folder / "a.mka"), "-map", "0:v", "-map", "1:a", "-c", "copy", str(folder / "long.mkv"))
    started = time.monotonic()
    run = run_cli("long.mkv", "--title", "测试", "--no-cache", "--no-ocr", cwd=folder, env=cli_env, timeout_s=120)
    elapsed = time.monotonic() - started
    assert run.returncode in (0, 1), run.describe()
    assert elapsed < 60, f"{elapsed:.0f} s"


def test_the_sound_analysed_ends_at_the_three_hour_cap(one_frame: Path) -> None:
    """The sound is read to its end, whatever the picture (a short picture over long clipped sound
    passed SPEC003 and SPEC010), but never past MAX_AUDIO_S of a 55-hour track."""
    from prelint.media import analyze

    folder = one_frame.parent
    if not (folder / "long.mkv").exists():
        _ffmpeg("-f", "lavfi", "-i", "aevalsrc=0.3:s=100:d=200000", "-c:a", "flac", "-frame_size", "65535", str(folder / "a.mka"))
        _ffmpeg("-i", str(one_frame), "-i", str(folder / "a.mka"), "-map", "0:v", "-map", "1:a", "-c", "copy",
                str(folder / "long.mkv"))
    facts = analyze(folder / "long.mkv", use_cache=False)
    assert facts.audio.loudness_times_s, "the sound was read"
    from prelint.media.audio import MAX_AUDIO_S

    assert MAX_AUDIO_S - 60 < facts.audio.loudness_times_s[-1] <= MAX_AUDIO_S  # not the track's 55 hours


def test_a_chunk_table_implying_more_samples_than_bytes_is_refused(one_frame: Path) -> None:
    """FFmpeg indexes uncompressed audio by chunks: samples per chunk (stsc) times chunks (stco), one
    entry per 1024 samples, whatever stsz and stts say (2 GB per open from a 194 KB file)."""
    folder = one_frame.parent
    pcm = folder / "pcm.mov"
    _ffmpeg("-f", "lavfi", "-i", "testsrc=size=160x120:rate=25:duration=2", "-f", "lavfi", "-i",
            "sine=duration=2:sample_rate=8000", "-c:v", "libx264", "-pix_fmt", "yuv420p", "-c:a", "pcm_s16le", str(pcm))
    assert check_file(pcm) > 0
    data = bytearray(pcm.read_bytes())
    at = 0
    while (at := data.find(b"stsc", at + 1)) > 0:  # every stsc: its entries' samples per chunk
        entries = struct.unpack(">I", data[at + 8 : at + 12])[0]
        for i in range(entries):
            data[at + 16 + 12 * i : at + 20 + 12 * i] = struct.pack(">I", 0x7FFFF000)
    bomb = folder / "chunks.mov"
    bomb.write_bytes(bytes(data))
    with pytest.raises(InputError) as raised:
        check_file(bomb)
    assert "samples" in raised.value.message


def test_the_bound_holds_whatever_box_comes_first(one_frame: Path) -> None:
    """FFmpeg reads past an unknown first box (junk, pict): the check must too."""
    data = bytearray(one_frame.read_bytes())
    at = data.find(b"stsz")
    data[at + 8 : at + 16] = struct.pack(">II", 1, 80_000_000)
    for name, content in (("prefixed.mp4", b"\0\0\0\x08abcd" + bytes(data)), ("junk.mp4", bytes(data[:4]) + b"junk" + bytes(data[8:]))):
        path = one_frame.with_name(name)
        path.write_bytes(content)
        with pytest.raises(InputError):
            check_file(path)


def test_the_bound_holds_when_the_first_box_declares_more_than_the_file(one_frame: Path) -> None:
    """FFmpeg reads a first box declaring more than the file holds up to the file's end: a moov moved
    first with a size of 2 GiB skipped the check."""
    data = bytearray(one_frame.read_bytes())
    ftyp_size, _ = struct.unpack(">I4s", data[:8])
    rest = bytearray(data[ftyp_size:])
    offset, _ = _moov_at(bytes(rest))
    moov = rest[offset:]
    at = moov.find(b"stsz")
    moov[at + 8 : at + 16] = struct.pack(">II", 1, 20_000_000)
    moov[0:4] = struct.pack(">I", 0x7FFFFFFF)
    path = one_frame.with_name("moov_first_oversized.mp4")
    path.write_bytes(bytes(moov))
    with pytest.raises(InputError) as raised:
        check_file(path)
    assert "20,000,000 samples" in raised.value.message


def test_a_compressed_movie_header_is_refused(one_frame: Path) -> None:
    """QuickTime's cmov is inflated by FFmpeg before any limit (a 2 MB file inflating to 2 GB per open)."""
    import zlib

    data = bytearray(one_frame.read_bytes())
    offset, size = _moov_at(data)
    inner = zlib.compress(bytes(data[offset + 8 : offset + size]))
    dcom = struct.pack(">I4s4s", 12, b"dcom", b"zlib")
    cmvd = struct.pack(">I4sI", 12 + len(inner), b"cmvd", size - 8) + inner
    cmov = struct.pack(">I4s", 8 + len(dcom) + len(cmvd), b"cmov") + dcom + cmvd
    moov = struct.pack(">I4s", 8 + len(cmov), b"moov") + cmov
    path = one_frame.with_name("cmov.mov")
    path.write_bytes(bytes(data[:offset]) + moov + bytes(data[offset + size :]))
    with pytest.raises(InputError) as raised:
        check_file(path)
    assert "cmov" in raised.value.message


def test_boxes_nested_without_end_are_no_crash(one_frame: Path) -> None:
    body = b""
    for _ in range(5000):
        body = struct.pack(">I4s", 8 + len(body), b"trak") + body
    moov = struct.pack(">I4s", 8 + len(body), b"moov") + body
    path = one_frame.with_name("nested.mp4")
    path.write_bytes(struct.pack(">I4s4s", 12, b"ftyp", b"isom") + moov)
    try:
        check_file(path)
    except InputError:
        pass  # refused or accepted, but never a RecursionError


@pytest.mark.parametrize("wrap", ["hoov", "free", "udta"])
def test_a_movie_header_ffmpeg_finds_elsewhere_is_checked_too(one_frame: Path, wrap: str) -> None:
    """FFmpeg reads a movie header from a hoov or free box holding one, and a moov nested in udta."""
    data = bytearray(one_frame.read_bytes())
    at = data.find(b"stsz")
    data[at + 8 : at + 16] = struct.pack(">II", 1, 80_000_000)
    offset, size = _moov_at(data)
    moov = bytes(data[offset : offset + size])
    if wrap == "udta":
        box = struct.pack(">I4s", 8 + len(moov), b"udta") + moov
    else:
        box = struct.pack(">I4s", size, wrap.encode()) + moov[8:]
    path = one_frame.with_name(f"{wrap}.mp4")
    path.write_bytes(bytes(data[:offset]) + box + bytes(data[offset + size :]))
    with pytest.raises(InputError):
        check_file(path)


def test_ffmpeg_opens_at_most_a_few_streams(one_frame: Path) -> None:
    """FFmpeg decodes a frame of every stream when it opens a file: 24 streams of 8K took 7 GB."""
    from prelint.media.container import MAX_STREAMS, open_container

    many = one_frame.with_name("many.mkv")
    maps = [arg for _ in range(MAX_STREAMS * 3) for arg in ("-map", "0:v")]
    _ffmpeg("-i", str(one_frame), *maps, "-c", "copy", str(many))
    with open_container(many) as container:
        assert len(container.streams) <= MAX_STREAMS


def test_the_sound_analysed_is_bounded_whatever_the_time_limit(monkeypatch) -> None:
    """A video of a few frames spread over 17 days with 1.5 million seconds of silent FLAC (881 KB)
    grew prelint's own process by about 4 MB per second of lint, 4.2 GB within its time limit."""
    import io

    from prelint.media import audio
    from prelint.media.facts import AnalysisSettings

    monkeypatch.setattr(audio, "MAX_AUDIO_S", 10)
    analyser = audio.AudioAnalyser(AnalysisSettings())
    analyser.read(io.BytesIO(bytes(60 * audio.AUDIO_RATE * 2)))  # 60 s of silence, no picture end known
    assert analyser.samples <= 10.5 * audio.AUDIO_RATE
    assert len(analyser.levels_db) <= 1050


@pytest.mark.parametrize("declared_s", [3_000_000.0, 0.0])
def test_ffmpeg_is_asked_for_no_more_sound_than_is_analysed(declared_s: float) -> None:
    from types import SimpleNamespace

    from prelint.media.analysis import MAX_AUDIO_S, _Analysis

    analysis = SimpleNamespace(probe=SimpleNamespace(duration_s=declared_s), path=Path("clip.mkv"), log_tag="5eed")
    command = _Analysis._audio_command(analysis)  # type: ignore[arg-type]
    lengths = [float(command[i + 1]) for i, arg in enumerate(command) if arg == "-t"]
    assert lengths == [MAX_AUDIO_S, MAX_AUDIO_S]  # the samples and the loudness meter
