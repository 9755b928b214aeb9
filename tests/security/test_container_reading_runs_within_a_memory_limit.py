"""FFmpeg's demuxers allocate what a file declares before prelint can look at it. A 2.8 KB FLV
whose onMetaData keyframes arrays declare 268 million entries took 2.1 GB inside prelint's own
process (a Matroska block of zlib laces 3.5 GB, an ID3 tag of compressed frames 2 GB). Every PyAV
opening of a draft now runs in a container worker under RLIMIT_DATA; prelint's own process stays
small and the draft is one error line."""

from __future__ import annotations

import struct
import sys
from pathlib import Path

import pytest

from cli_runner import probe_peaks_mib
from prelint.media.container_process import CONTAINER_DATA_LIMIT

if not sys.platform.startswith("linux"):
    pytest.skip("RLIMIT_DATA is Linux's", allow_module_level=True)


def _flv_declaring_keyframes(path: Path, declared: int = 0x0FFFFFFF) -> Path:
    def text(x: bytes) -> bytes:
        return struct.pack(">H", len(x)) + x

    def number(v: float) -> bytes:
        return b"\x00" + struct.pack(">d", v)

    keyframes = (b"\x03" + text(b"times") + b"\x0A" + struct.pack(">I", declared) + number(0.0) * 4
                 + text(b"filepositions") + b"\x0A" + struct.pack(">I", declared) + number(13.0) * 4 + b"\x00\x00\x09")
    meta = (b"\x02" + text(b"onMetaData") + b"\x08" + struct.pack(">I", 4) + text(b"duration") + number(10.0)
            + text(b"width") + number(64.0) + text(b"height") + number(64.0) + text(b"keyframes") + keyframes + b"\x00\x00\x09")

    def tag(kind: int, data: bytes, ts: int = 0) -> bytes:
        return (bytes([kind]) + len(data).to_bytes(3, "big") + (ts & 0xFFFFFF).to_bytes(3, "big") + bytes([ts >> 24])
                + b"\0\0\0" + data + struct.pack(">I", 11 + len(data)))

    body = b"FLV\x01\x01\x00\x00\x00\x09" + b"\0\0\0\0" + tag(18, meta)
    for i in range(50):
        body += tag(9, bytes([0x12]) + b"\x00\x00\x84\x00" + b"\0" * 32, ts=i * 40)
    path.write_bytes(body)
    return path


def test_a_tiny_file_declaring_a_huge_index_stays_within_the_workers_limit(tmp_path: Path) -> None:
    draft = _flv_declaring_keyframes(tmp_path / "clip.mp4")
    assert draft.stat().st_size < 4096
    # this process's own peak and its children's (the container worker, its ffmpeg)
    outcome, own_mib, children_mib = probe_peaks_mib(draft)
    assert outcome.startswith("InputError ")  # one line: no frame size, or the worker's memory limit
    assert own_mib < 200  # 2.1 GB before
    assert children_mib < (CONTAINER_DATA_LIMIT >> 20) + 100


def test_after_a_refused_draft_the_next_one_is_read(tmp_path: Path) -> None:
    """A worker that failed is never reused; the next draft gets a working one."""
    from prelint.errors import InputError
    from prelint.media.container import probe

    with pytest.raises(InputError):
        probe(_flv_declaring_keyframes(tmp_path / "a.flv"))
    sample = Path(__file__).resolve().parents[2] / "fixtures" / "sample" / "sample.mp4"
    assert probe(sample).video_codec == "h264"
