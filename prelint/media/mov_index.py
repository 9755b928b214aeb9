"""A bound on the sample index an MP4/MOV file makes FFmpeg build, checked before FFmpeg opens it,
and one colour matrix for its picture.

FFmpeg's mov demuxer allocates one index entry (about 24 bytes) per sample a track declares, on every
open. A 1.5 KB file can declare 80 million samples of a constant size (`stsz`), or repeat a track
through hundreds of edits (`elst`), and so make each open take gigabytes before any limit of
prelint's runs. Every sample needs at least one byte of data in the file, so a track may declare
at most as many samples as the file has bytes; and edits times samples are capped.
"""

from __future__ import annotations

import struct
from pathlib import Path

from prelint.errors import InputError
from prelint.media.ffmpeg_process import colour_matrix_named, same_colour_matrix

#: Largest `moov` box read (bytes); real ones are a few MB even for hours of video.
MAX_MOOV_BYTES = 64 << 20
#: Most index entries all tracks together may make FFmpeg build (about 24 bytes each).
MAX_INDEX_ENTRIES = 10_000_000

_CONTAINERS = {b"moov", b"trak", b"mdia", b"minf", b"stbl", b"edts", b"udta", b"moof", b"traf", b"mvex"}


def looks_like_mov(head: bytes) -> bool:
    """The file starts with something FFmpeg's mov reader may take for a box: a size and a
    four-character type (any: FFmpeg reads past unknown first boxes such as `junk` or `pict`, and reads
    a first box declaring more than the file holds up to the file's end). EBML (mkv, webm), RIFF
    (avi), MPEG-TS and FLV headers do not parse as one."""
    if len(head) < 8:
        return False
    box_size = int.from_bytes(head[:4], "big")
    return (box_size in (0, 1) or box_size >= 8) and all(32 <= b < 127 for b in head[4:8])


def check_mov_index(path: Path, size: int) -> None:
    """InputError when the file declares more samples than it can hold or than FFmpeg should index.

    Every top-level box but the media data is read and searched whole: FFmpeg takes a movie header
    from a `moov`, but also from a `hoov`, `free` or `skip` box holding one, from a `moov` nested in
    `udta`, and reads tracks and fragments by their type wherever they sit."""
    bodies: list[bytes] = []
    read = 0
    with open(path, "rb") as fh:
        offset = 0
        while offset + 8 <= size:
            fh.seek(offset)
            header = fh.read(16)
            if len(header) < 8:
                break
            box_size, kind = struct.unpack(">I4s", header[:8])
            header_size = 8
            if box_size == 1 and len(header) >= 16:
                box_size = struct.unpack(">Q", header[8:16])[0]
                header_size = 16
            elif box_size == 0:
                box_size = size - offset
            if box_size < header_size:
                break  # damaged: FFmpeg reports it
            if kind == b"cmov":
                raise InputError(_CMOV, path)
            if kind != b"mdat":
                body_size = min(box_size, size - offset) - header_size
                fh.seek(offset + header_size)
                if read + body_size > MAX_MOOV_BYTES:
                    first_child = fh.read(8)[4:8]
                    if kind in (b"moov", b"hoov", b"moof", b"udta") or first_child in (b"mvhd", b"cmov", b"trak", b"mfhd"):
                        raise InputError(f"the mp4 index boxes take more than the {MAX_MOOV_BYTES >> 20} MiB "
                                         "prelint reads", path)
                else:
                    bodies.append(fh.read(body_size))
                    read += body_size
            offset += box_size
    _check_colour_boxes(path, bodies)
    found_boxes: dict[bytes, list[bytes]] = {b"cmov": [], b"trak": [], b"trun": []}
    for body in bodies:
        _find(body, found_boxes)
    if found_boxes[b"cmov"]:
        raise InputError(_CMOV, path)
    total = 0
    fragment_samples = 0
    for trak in found_boxes[b"trak"]:
        found = {"samples": 0, "edits": 0, "chunks": 0}
        runs: list[tuple[int, int]] = []
        _walk(trak, found, runs)
        samples = max(found["samples"], _chunk_samples(runs, found["chunks"]))
        if samples > size:
            raise InputError(f"declares {samples:,} samples in one track, more than the file's {size:,} "
                             "bytes can hold (a damaged or crafted index)", path)
        total += samples * max(1, found["edits"])
    for trun in found_boxes[b"trun"]:
        if len(trun) >= 8:
            fragment_samples += struct.unpack(">I", trun[4:8])[0]
    total += fragment_samples
    if fragment_samples > size:
        raise InputError(f"its fragments declare {fragment_samples:,} samples, more than the file's {size:,} "
                         "bytes can hold (a damaged or crafted index)", path)
    if total > MAX_INDEX_ENTRIES:
        raise InputError(f"its index declares {total:,} samples and edits, more than the {MAX_INDEX_ENTRIES:,} "
                         "prelint lets FFmpeg index", path)


def _check_colour_boxes(path: Path, bodies: list[bytes]) -> None:
    """InputError when the file's colour boxes (`colr` of type nclx or nclc, `vpcC`) name more
    than one colour matrix, "unspecified" counting as one. FFmpeg keeps the last such box it reads
    and Chromium the one it looks for in the sample entry (the first `colr`, or `vpcC` before any
    `colr` for VP9): a BT.601 `colr` box followed by an unspecified one left prelint reading an HD
    picture as BT.709 while Chromium showed it as BT.601, and a QR code flat in the one was plain in
    the other. Every box of those types is found, wherever it sits and at any offset (FFmpeg reads
    them outside sample entries too), so no layout of the sample entry can hide one."""
    matrices: list[str] = []
    for body in bodies:
        matrices.extend(_colour_box_matrices(body))
    named = list(dict.fromkeys(matrices))
    if any(not same_colour_matrix(a, named[0]) for a in named[1:]):
        raise InputError(f"its mp4 colour boxes name different colour matrices ({', '.join(named)}); players "
                         "differ on which they show: export the video again with one colour setting", path)


def _colour_box_matrices(data: bytes) -> list[str]:
    """The matrix each `colr` (nclx, nclc) or version-1 `vpcC` box found in `data` names, as FFmpeg
    reads it: its fields from the bytes after the box's type whatever size the box declares (a
    `colr` box cut short had FFmpeg read its matrix from the next box's size; fields past the end
    of `data` read as unspecified), and a number FFmpeg has no name for as unspecified."""
    out: list[str] = []
    for kind, parse in ((b"colr", _colr_matrix), (b"vpcC", _vpcc_matrix)):
        at = data.find(kind, 4)
        while at >= 0:
            matrix = parse(data[at + 4:at + 16])
            if matrix is not None:
                out.append(matrix)
            at = data.find(kind, at + 1)
    return out


def _colr_matrix(fields: bytes) -> str | None:
    if fields[:4] in (b"nclx", b"nclc"):
        return colour_matrix_named(int.from_bytes(fields[8:10], "big") if len(fields) >= 10 else None)
    return None


def _vpcc_matrix(fields: bytes) -> str | None:
    if fields[:1] == b"\x01":  # FFmpeg reads no other version
        return colour_matrix_named(fields[9] if len(fields) >= 10 else None)
    return None


_CMOV = ("a compressed movie header (QuickTime cmov), which FFmpeg inflates before any limit applies; "
         "export the video again (no editor of this century writes one)")


#: Deepest box nesting looked into (real files nest about 8 deep; deeper is refused by depth).
MAX_DEPTH = 16


def _find(data: bytes, found: dict[bytes, list[bytes]], depth: int = 0, in_trak: bool = False) -> None:
    """Append the body of every box whose type is a key of `found`, anywhere in the tree (FFmpeg reads
    boxes by type wherever they sit); a track inside a track is not taken as another track."""
    if depth > MAX_DEPTH:
        return
    for kind, body in _boxes(data):
        if kind in found and not (kind == b"trak" and in_trak):
            found[kind].append(body)
        if len(body) >= 8:
            _find(body, found, depth + 1, in_trak or kind == b"trak")


def _boxes(data: bytes):  # type: ignore[no-untyped-def]
    offset = 0
    while offset + 8 <= len(data):
        box_size, kind = struct.unpack(">I4s", data[offset:offset + 8])
        header_size = 8
        if box_size == 1 and offset + 16 <= len(data):
            box_size = struct.unpack(">Q", data[offset + 8:offset + 16])[0]
            header_size = 16
        elif box_size == 0:
            box_size = len(data) - offset
        if box_size < header_size:
            return
        yield kind, data[offset + header_size:offset + box_size]
        offset += box_size


def _chunk_samples(runs: list[tuple[int, int]], chunks: int) -> int:
    """Samples the chunk table implies: each stsc run's samples per chunk times its chunks."""
    total = 0
    for i, (first, per_chunk) in enumerate(runs):
        last = runs[i + 1][0] - 1 if i + 1 < len(runs) else chunks
        total += max(0, min(last, chunks) - first + 1) * per_chunk
    return total


def _walk(data: bytes, found: dict[str, int], runs: list[tuple[int, int]], depth: int = 0) -> None:
    if depth > MAX_DEPTH:
        return
    for kind, body in _boxes(data):
        if kind in _CONTAINERS:
            _walk(body, found, runs, depth + 1)
        elif kind in (b"stco", b"co64") and len(body) >= 8:
            found["chunks"] = max(found["chunks"], struct.unpack(">I", body[4:8])[0])
        elif kind == b"stsc" and len(body) >= 8:
            entries = struct.unpack(">I", body[4:8])[0]
            for i in range(min(entries, (len(body) - 8) // 12)):
                first, per_chunk = struct.unpack(">II", body[8 + 12 * i:16 + 12 * i])
                runs.append((first, per_chunk))
        elif kind in (b"stsz", b"stz2") and len(body) >= 12:
            found["samples"] = max(found["samples"], struct.unpack(">I", body[8:12])[0])
        elif kind == b"stts" and len(body) >= 8:
            entries = struct.unpack(">I", body[4:8])[0]
            total = 0
            for i in range(min(entries, (len(body) - 8) // 8)):
                total += struct.unpack(">I", body[8 + 8 * i:12 + 8 * i])[0]
            found["samples"] = max(found["samples"], total)
        elif kind == b"elst" and len(body) >= 8:
            found["edits"] += struct.unpack(">I", body[4:8])[0]
        elif kind == b"trun" and len(body) >= 8:
            found["samples"] += struct.unpack(">I", body[4:8])[0]  # a fragment where FFmpeg still reads one


