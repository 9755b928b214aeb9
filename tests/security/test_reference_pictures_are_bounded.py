"""A stream cannot make FFmpeg's decoders keep more pictures than its codec allows, nor open many
large streams.

An 840 KB mkv held 8 H.264 streams at the 8K cap declaring 16 reference pictures: every process that
opened it (the probe, the planner, the stream listing, each decoder) decoded a frame of every stream,
and each decoder kept 16 pictures of 53 MB; one run took 11.7 GB. Now the openings that read only the
container decode nothing, the video streams together are at most two 8K frames, and a sequence
parameter set declaring more reference pictures than the codec's highest level allows at its size
is refused, whether it is in the codec header or in the packets the probe reads.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from cli_runner import run_cli
from prelint.errors import InputError
from prelint.media.container import MAX_VIDEO_STREAMS_PIXELS, open_container, probe
from prelint.media.ffmpeg_process import ffmpeg_exe
from prelint.media.parameter_sets import PictureBuffer, PictureBufferCheck, declared_buffers, header_nals

pytestmark = pytest.mark.slow  # an 8K HEVC stream is encoded: about 20 s on 2 cores

EIGHT_K = "8192x4320"


def _ffmpeg(*args: str) -> None:
    subprocess.run([ffmpeg_exe(), "-v", "error", "-nostdin", "-y", *args], check=True, timeout=120)


def _x264(path: Path, refs: int, colour: str = "gray", size: str = EIGHT_K) -> Path:
    fmt = ["-f", "h264"] if path.suffix == ".h264" else []
    _ffmpeg("-f", "lavfi", "-i", f"color=c={colour}:s={size}:r=30:d=0.1", "-c:v", "libx264",
            "-preset", "ultrafast", "-refs", str(refs), *fmt, str(path))
    return path


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("refs")


@pytest.fixture(scope="module")
def sixteen_refs(folder: Path) -> Path:
    return _x264(folder / "sixteen.mkv", 16)


@pytest.fixture(scope="module")
def five_refs(folder: Path) -> Path:
    return _x264(folder / "five.mkv", 5)


def test_an_8k_h264_stream_declaring_16_reference_pictures_is_refused(sixteen_refs: Path) -> None:
    with pytest.raises(InputError, match=r"declares 16 reference pictures at 8192x4320, more than any H\.264 level allows at that size \(5\)"):
        probe(sixteen_refs)


def test_the_level_limit_itself_is_accepted(five_refs: Path) -> None:
    facts = probe(five_refs)
    assert (facts.coded_width, facts.coded_height) == (8192, 4320)


def test_the_command_line_reports_it_in_one_line(sixteen_refs: Path, cli_env: dict[str, str]) -> None:
    run = run_cli(str(sixteen_refs), "--no-cache", cwd=sixteen_refs.parent, env=cli_env, timeout_s=60,
                  max_memory_bytes=2 << 30)
    assert run.returncode == 2, run.describe()
    lines = [line for line in run.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "16 reference pictures" in lines[0], run.describe()


def test_a_raw_annex_b_stream_is_checked_too(folder: Path) -> None:
    raw = _x264(folder / "sixteen.h264", 16)
    with pytest.raises(InputError, match="16 reference pictures"):
        probe(raw)


def test_parameters_changed_mid_stream_are_found_in_the_packets(folder: Path) -> None:
    """The codec header of the mkv holds the first stream's parameters (1 picture); the packets
    of the second half carry an SPS declaring 16."""
    first = _x264(folder / "one_ref.h264", 1)
    second = _x264(folder / "sixteen_red.h264", 16, colour="red")
    joined = folder / "joined.h264"
    joined.write_bytes(first.read_bytes() + second.read_bytes())
    mixed = folder / "mixed.mkv"
    _ffmpeg("-i", str(joined), "-c", "copy", str(mixed))
    with open_container(mixed) as container:
        extradata = container.streams.video[0].codec_context.extradata
    assert [b.pictures for b in declared_buffers("h264", header_nals("h264", extradata))] == [1]
    with pytest.raises(InputError, match="16 reference pictures"):
        probe(mixed)


def test_an_8k_hevc_stream_beyond_its_level_is_refused(folder: Path) -> None:
    path = folder / "hevc.mkv"
    _ffmpeg("-f", "lavfi", "-i", f"color=c=gray:s={EIGHT_K}:r=30:d=0.1", "-c:v", "libx265", "-preset", "ultrafast",
            "-x265-params", "log-level=0:ref=8:bframes=0", str(path))
    with pytest.raises(InputError, match=r"declares 9 reference pictures at 8192x4320, more than any HEVC level allows at that size \(6\)"):
        probe(path)


def test_ordinary_sizes_may_keep_sixteen_pictures() -> None:
    assert PictureBuffer("h264", 16, 1920, 1088).within_levels
    assert PictureBuffer("hevc", 16, 3840, 2160).within_levels
    assert not PictureBuffer("hevc", 17, 640, 360).within_levels
    assert PictureBuffer("h264", 5, 8192, 4320).allowed == 5


def test_codecs_without_sps_are_not_checked() -> None:
    check = PictureBufferCheck("vp9", b"\x01\x02")
    assert check.header() is None and check.packet(b"\x00\x00\x01\x67") is None


def test_many_large_video_streams_are_refused_before_any_decoding(five_refs: Path) -> None:
    many = five_refs.with_name("three.mkv")
    _ffmpeg("-i", str(five_refs), "-map", "0:v", "-map", "0:v", "-map", "0:v", "-c", "copy", str(many))
    assert 3 * 8192 * 4320 > MAX_VIDEO_STREAMS_PIXELS
    with pytest.raises(InputError, match=r"3 video streams of 106 megapixels together"):
        probe(many)


def test_reading_the_container_decodes_no_frame(five_refs: Path) -> None:
    """The pixel format is known only from a decoded frame (or a parser): the probe's opening leaves
    it unset for a second stream, which FFmpeg would otherwise decode at 8K."""
    two = five_refs.with_name("two.mkv")
    _ffmpeg("-i", str(five_refs), "-map", "0:v", "-map", "0:v", "-c", "copy", str(two))
    with open_container(two) as container:
        assert [s.codec_context.format for s in container.streams.video] == [None, None]  # no frame decoded
        assert [s.codec_context.width for s in container.streams.video] == [8192, 8192]
    with pytest.raises(InputError, match=r"it holds 2 video streams"):  # a draft has one
        probe(two)


def test_a_parameter_set_of_a_further_hevc_layer_is_not_read_as_the_base_layer(folder: Path) -> None:
    """MV-HEVC (a phone's spatial video) carries its second view's SPS with nuh_layer_id 1 and
    another syntax: only base-layer parameter sets are read."""
    path = folder / "small_hevc.mkv"
    _ffmpeg("-f", "lavfi", "-i", "color=c=gray:s=640x360:r=30:d=0.1", "-c:v", "libx265", "-preset", "ultrafast",
            "-x265-params", "log-level=0", str(path))
    with open_container(path) as container:
        nals = header_nals("hevc", container.streams.video[0].codec_context.extradata)
    sps = next(nal for nal in nals if (nal[0] >> 1) & 0x3F == 33)
    assert [b.width for b in declared_buffers("hevc", [sps])] == [640]  # coded size: 640x368
    further_layer = bytes([sps[0], sps[1] | (1 << 3)]) + sps[2:]
    assert declared_buffers("hevc", [further_layer]) == []


def test_a_packet_of_nothing_but_parameter_sets_is_scanned_only_at_its_head() -> None:
    """870,000 repeated SPS in one Annex B packet took seconds and gigabytes to list whole."""
    from prelint.media.parameter_sets import MAX_SCANNED_BYTES, packet_nals

    sps = b"\x00\x00\x00\x01" + bytes([0x67, 0x42, 0xC0, 0x1E, 0xDA, 0x02, 0x80, 0xBF, 0xE5, 0xC0, 0x44, 0x00])
    flood = sps * 400_000  # 6.4 MB
    nals = packet_nals("h264", flood, None)
    assert 0 < len(nals) <= MAX_SCANNED_BYTES // len(sps) + 1
