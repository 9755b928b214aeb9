"""Every FFmpeg process prelint starts has a data-memory limit, and the parameter sets a decoder
trusts are read as FFmpeg reads them.

A 36 KB HEVC stream declaring a buffer of 1 picture and a reorder depth of 15 made FFmpeg keep 16
pictures at 8K 4:4:4 (4.4 GB); an H.264 stream without reorder limits had FFmpeg guess 15 from its
picture order (4.6 GB); an SPS behind a 5 KB SEI was not read; Snow and VVC decode a picture of
every stream while the container is only being read (4 GB for 8 streams at 8K).
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from cli_runner import probe_peaks_mib
from prelint.errors import InputError
from prelint.media import ffmpeg_process
from prelint.media.container import open_container, probe
from prelint.media.ffmpeg_process import ffmpeg_data_limit, ffmpeg_exe
from prelint.media.parameter_sets import PictureBufferCheck, header_nals, hevc_sps


def _ffmpeg(*args: str) -> None:
    subprocess.run([ffmpeg_exe(), "-v", "error", "-nostdin", "-y", *args], check=True, timeout=120)


class _Bits:
    def __init__(self) -> None:
        self.bits: list[int] = []

    def u(self, n: int, value: int) -> None:
        self.bits += [(value >> (n - 1 - i)) & 1 for i in range(n)]

    def ue(self, value: int) -> None:
        code = value + 1
        self.u(code.bit_length() - 1, 0)
        self.u(code.bit_length(), code)

    def nal(self, header: bytes) -> bytes:
        bits = self.bits + [1] + [0] * (-(len(self.bits) + 1) % 8)
        return header + bytes(int("".join(map(str, bits[i:i + 8])), 2) for i in range(0, len(bits), 8))


def _hevc_sps(buffering: int, reorder: int, width: int = 8192, height: int = 4320) -> bytes:
    b = _Bits()
    b.u(4, 0)
    b.u(3, 0)  # one sub-layer
    b.u(1, 1)
    b.u(8, 0x01)  # profile space, tier, Main
    b.u(32, 0x60000000)
    b.u(48, 0)
    b.u(8, 186)  # level 6.2
    b.ue(0)  # sps id
    b.ue(1)  # 4:2:0
    b.ue(width)
    b.ue(height)
    b.u(1, 0)  # no conformance window
    b.ue(0)
    b.ue(0)
    b.ue(4)
    b.u(1, 1)  # sub-layer ordering info
    b.ue(buffering - 1)
    b.ue(reorder)
    b.ue(0)
    return b.nal(bytes([33 << 1, 1]))


def test_an_hevc_reorder_depth_beyond_the_buffer_counts_as_pictures_kept() -> None:
    assert hevc_sps(_hevc_sps(buffering=6, reorder=5)).pictures == 6
    declared = hevc_sps(_hevc_sps(buffering=1, reorder=15))
    assert declared.pictures == 16 and not declared.within_levels


def test_a_parameter_set_behind_a_large_sei_is_read(tmp_path: Path) -> None:
    stream = tmp_path / "sixteen.mkv"
    _ffmpeg("-f", "lavfi", "-i", "color=c=gray:s=8192x4320:r=30:d=0.1", "-c:v", "libx264", "-preset", "ultrafast",
            "-refs", "16", str(stream))
    with open_container(stream) as container:
        sps = next(n for n in header_nals("h264", container.streams.video[0].codec_context.extradata) if n[0] & 0x1F == 7)
    sei = bytes([6]) + b"\x05" + b"\xff" * 20 + b"\x7f" + b"\x11" * 5000 + b"\x80"
    idr = bytes([0x65, 0x88, 0x84, 0x00, 0x33])
    packet = b"".join(b"\x00\x00\x00\x01" + nal for nal in (sei, sps, idr))
    found = PictureBufferCheck("h264", None).packet(packet)
    assert found is not None and found.pictures == 16
    length_prefixed = b"".join(len(nal).to_bytes(4, "big") + nal for nal in (sei, sps, idr))
    assert PictureBufferCheck("h264", b"\x01\x42\xc0\x3e\xff\xe1").packet(length_prefixed) is not None


def test_a_codec_that_decodes_while_the_container_is_read_is_refused(tmp_path: Path) -> None:
    snow = tmp_path / "snow.mkv"
    _ffmpeg("-f", "lavfi", "-i", "testsrc2=s=128x96:r=10:d=0.5", "-c:v", "snow", str(snow))
    with pytest.raises(InputError, match=r"unsupported video codec for a draft \(snow\)"):
        probe(snow)


def test_the_memory_limit_grows_with_the_frame_and_has_a_floor() -> None:
    assert ffmpeg_data_limit(0) == ffmpeg_data_limit(1920 * 1080) == 768 << 20
    assert 1.3e9 < ffmpeg_data_limit(8192 * 4320) < 1.5e9


@pytest.mark.skipif(ffmpeg_process.memory_limited(1 << 30) is None, reason="RLIMIT_DATA is Linux only")
def test_the_limit_is_set_in_the_child_before_it_runs() -> None:
    import sys

    shown = subprocess.run([sys.executable, "-c", "import resource; print(resource.getrlimit(resource.RLIMIT_DATA))"],
                           preexec_fn=ffmpeg_process.memory_limited(900 << 20), capture_output=True, text=True, check=True)
    assert shown.stdout.strip() == f"({900 << 20}, {900 << 20})"


def test_every_ffmpeg_process_of_an_analysis_gets_the_limit_of_its_frame_size(tmp_path: Path,
                                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    from prelint.media import analysis, analyze, container

    clip = tmp_path / "clip.mp4"
    _ffmpeg("-f", "lavfi", "-i", "testsrc2=s=3840x2160:r=30:d=1", "-f", "lavfi", "-i", "sine=d=1", "-c:v", "libx264",
            "-preset", "ultrafast", "-c:a", "aac", "-shortest", str(clip))
    from prelint.media import container_process

    limits: list[int] = []

    def record(limit: int, soft_only: bool = False):  # type: ignore[no-untyped-def]
        limits.append(limit)
        return None

    for module in (ffmpeg_process, analysis, container):
        monkeypatch.setattr(module, "memory_limited", record)
    container_process.close_workers()  # a container worker is started (and limited) for this draft
    analyze(clip, use_cache=False)
    decoder = ffmpeg_data_limit(3840 * 2160)
    from prelint.content.qr import QR_DATA_LIMIT

    # the QR reader's worker reads the sampled pictures during the decode
    assert decoder in limits and set(limits) <= {decoder, ffmpeg_data_limit(), container_process.CONTAINER_DATA_LIMIT,
                                                 QR_DATA_LIMIT}
    assert ffmpeg_data_limit() in limits  # the sound (the stream listing runs inside the container worker)
    assert container_process.CONTAINER_DATA_LIMIT in limits


def test_a_failed_frame_allocation_is_reported_as_memory() -> None:
    """FFmpeg reports a frame buffer it could not allocate as `get_buffer() failed`; the analysis
    turns that into one error naming the limit, not a report on the frames decoded so far."""
    import io
    import queue
    from collections import deque

    errors = ffmpeg_process.DecodeErrors()
    log = io.BytesIO(b"[h264 @ 0x1] get_buffer() failed\n[h264 @ 0x1] thread_get_buffer() failed\n")
    ffmpeg_process._read_log(log, queue.Queue(), queue.Queue(), deque(maxlen=5), errors)
    assert errors.out_of_memory
    clean = ffmpeg_process.DecodeErrors()
    ffmpeg_process._read_log(io.BytesIO(b"[h264 @ 0x1] concealing 12 DC errors\n"), queue.Queue(), queue.Queue(),
                             deque(maxlen=5), clean)
    assert not clean.out_of_memory and clean.count == 1


def _peak_of_probe_mib(path: Path) -> tuple[str, int]:
    """The probe of `path` in a fresh process: its one-line outcome and the larger peak of that
    process and its children."""
    outcome, own_mib, children_mib = probe_peaks_mib(path)
    return outcome, max(own_mib, children_mib)


def test_reading_the_container_decodes_no_png_picture_in_prelints_own_process(tmp_path: Path) -> None:
    """PNG (like VP9, ProRes and the other image decoders) decodes a picture of every stream even
    when told to decode nothing; the container worker opens no decoder, and the sizes come from
    the container's header."""
    one, many = tmp_path / "one_png.mov", tmp_path / "png4.mov"
    _ffmpeg("-f", "lavfi", "-i", "color=c=gray:s=8192x4320:r=25:d=0.08", "-pix_fmt", "rgba64be", "-c:v", "png", str(one))
    _ffmpeg("-i", str(one), *["-map", "0:v"] * 4, "-c", "copy", str(many))
    message, peak_mib = _peak_of_probe_mib(many)
    assert "4 video streams of 142 megapixels together" in message
    assert peak_mib < 400  # four decoded 16-bit 8K frames would take 1.1 GB


def test_a_vp9_draft_is_still_read_from_its_header(tmp_path: Path) -> None:
    clip = tmp_path / "clip.webm"
    _ffmpeg("-f", "lavfi", "-i", "testsrc2=s=320x240:r=25:d=1", "-f", "lavfi", "-i", "sine=d=1", "-c:v", "libvpx-vp9",
            "-deadline", "realtime", "-c:a", "libopus", str(clip))
    facts = probe(clip)
    assert (facts.video_codec, facts.width, facts.height, facts.fps, facts.has_audio) == ("vp9", 320, 240, 25.0, True)




def _annex_b_with_sps_flood(tmp_path: Path, flood_bytes: int) -> tuple[bytes, bytes]:
    base = tmp_path / "base.h264"
    _ffmpeg("-f", "lavfi", "-i", "testsrc=s=320x240:r=25:d=0.4", "-c:v", "libx264", "-x264-params", "keyint=1",
            "-bsf:v", "h264_mp4toannexb", "-f", "h264", str(base))
    stream = base.read_bytes()
    start = stream.index(b"\x00\x00\x01\x67")
    sps = stream[start:stream.index(b"\x00\x00\x01", start + 3)].rstrip(b"\x00")
    return stream, sps * (flood_bytes // len(sps))


def test_a_raw_stream_of_repeated_parameter_sets_is_read_without_a_decoder(tmp_path: Path) -> None:
    """FFmpeg's H.264 decoder, opened by the stream-info probe, kept every NAL unit of a packet of
    repeated SPS: a 20 MB raw stream held 3.6 GB in prelint's own process (180 bytes per byte)."""
    stream, flood = _annex_b_with_sps_flood(tmp_path, 4_000_000)
    draft = tmp_path / "flood.h264"
    draft.write_bytes(stream + flood)
    outcome, peak_mib = _peak_of_probe_mib(draft)
    assert outcome == "h264"  # still read: a 320x240 stream
    assert peak_mib < 250  # the decoder held about 720 MB for these 4 MB


def _ebml(element_id: bytes, data: bytes) -> bytes:
    size = len(data)
    length = next(n for n in range(1, 9) if size < (1 << (7 * n)) - 1)
    return element_id + ((1 << (7 * length)) | size).to_bytes(length, "big") + data


def _ebml_uint(element_id: bytes, value: int) -> bytes:
    return _ebml(element_id, value.to_bytes(max(1, (value.bit_length() + 7) // 8), "big"))


def test_zlib_compressed_matroska_blocks_of_parameter_sets_are_read_without_a_decoder(tmp_path: Path) -> None:
    """A Matroska track may declare zlib-compressed blocks (ContentCompression): two blocks of 10 KB
    on disk inflate to 10 MB of repeated SPS each; the H.264 decoder held 1.8 GB for them."""
    import struct
    import zlib

    stream, flood = _annex_b_with_sps_flood(tmp_path, 9_000_000)
    head = stream[:stream.index(b"\x00\x00\x01\x65") + 200]  # parameter sets and the start of a picture
    header = _ebml(b"\x1a\x45\xdf\xa3", _ebml_uint(b"\x42\x86", 1) + _ebml(b"\x42\x82", b"matroska")
                   + _ebml_uint(b"\x42\x87", 4) + _ebml_uint(b"\x42\x85", 2))
    info = _ebml(b"\x15\x49\xa9\x66", _ebml_uint(b"\x2a\xd7\xb1", 1_000_000) + _ebml(b"\x44\x89", struct.pack(">d", 80.0)))
    compression = _ebml(b"\x6d\x80", _ebml(b"\x62\x40", _ebml_uint(b"\x50\x31", 0) + _ebml_uint(b"\x50\x32", 1)
                                             + _ebml(b"\x50\x34", _ebml_uint(b"\x42\x54", 0))))
    track = _ebml(b"\xae", _ebml_uint(b"\xd7", 1) + _ebml_uint(b"\x73\xc5", 1) + _ebml_uint(b"\x83", 1)
                  + _ebml(b"\x86", b"V_MPEG4/ISO/AVC") + _ebml(b"\xe0", _ebml_uint(b"\xb0", 320) + _ebml_uint(b"\xba", 240))
                  + compression)
    clusters = b""
    for i, payload in enumerate([head, flood, flood]):
        block = _ebml(b"\xa3", b"\x81" + struct.pack(">h", 0) + (b"\x80" if i == 0 else b"\x00") + zlib.compress(payload, 9))
        clusters += _ebml(b"\x1f\x43\xb6\x75", _ebml_uint(b"\xe7", i * 40) + block)
    draft = tmp_path / "inflating.mkv"
    draft.write_bytes(header + _ebml(b"\x18\x53\x80\x67", info + _ebml(b"\x16\x54\xae\x6b", track) + clusters))
    assert draft.stat().st_size < 100_000
    outcome, peak_mib = _peak_of_probe_mib(draft)
    assert outcome == "h264"
    assert peak_mib < 250


def test_streams_of_undeclared_size_are_counted_as_8k_and_said_so() -> None:
    from types import SimpleNamespace

    from prelint.media.container import _check_video_streams

    declared = SimpleNamespace(width=1080, height=1920)
    undeclared = [SimpleNamespace(width=0, height=0) for _ in range(3)]
    _check_video_streams(Path("x.ts"), [declared, undeclared[0]])  # one 8K-sized unknown beside it: allowed
    with pytest.raises(InputError, match=r"4 video streams of 108 megapixels together, 3 of them of undeclared size "
                                         r"counted as 8K each"):
        _check_video_streams(Path("x.ts"), [declared, *undeclared])
