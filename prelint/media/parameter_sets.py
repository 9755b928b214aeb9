"""How many pictures an H.264 or HEVC decoder must keep, read from the stream's sequence parameter
sets before FFmpeg decodes it.

A decoder keeps as many reference pictures as the sequence parameter set (SPS) declares. The
codecs' levels bound that by the picture size (an 8K H.264 stream may keep 5, a 1080p one 16),
but FFmpeg trusts the declaration: a 1 MB file declaring 16 references at 8K costs 1.4 GB per
decoding process. `check_decoded_picture_buffer` refuses a declaration beyond what the highest
level of the codec allows for that picture size. Parameter sets are read from the container's
codec header (avcC, hvcC or Annex B) and from the packets the probe demuxes.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

#: H.264 level 6.2 (the highest): MaxDpbMbs, in macroblocks of 16x16 (Table A-1).
H264_MAX_DPB_MBS = 696_320
#: H.264: most frames in the decoded picture buffer at any level.
H264_MAX_DPB_FRAMES = 16
#: HEVC level 6.2 (the highest): MaxLumaPs, and maxDpbPicBuf (A.4.2).
HEVC_MAX_LUMA_PS = 35_651_584
HEVC_MAX_DPB_PIC_BUF = 6
HEVC_MAX_DPB_PICTURES = 16
#: NAL units read from one length-prefixed packet before its first picture (a parameter set
#: can hide behind SEI and other units; FFmpeg reads them all).
MAX_NALS_PER_PACKET = 4096
#: Bytes of an Annex B packet searched for parameter sets (a packet of nothing but 870,000
#: parameter sets took seconds and gigabytes to list whole).
MAX_SCANNED_BYTES = 64 * 1024

H264_SPS = 7
HEVC_SPS = 33


@dataclass(frozen=True)
class PictureBuffer:
    """One SPS's declaration: pictures kept, and the size the level's bound depends on."""

    codec: str
    pictures: int
    width: int
    height: int

    @property
    def allowed(self) -> int:
        """Most pictures the codec's highest level allows at this size."""
        if self.codec == "h264":
            mbs = max(1, ((self.width + 15) // 16) * ((self.height + 15) // 16))
            return min(H264_MAX_DPB_MBS // mbs, H264_MAX_DPB_FRAMES)
        size = max(1, self.width * self.height)
        if size <= HEVC_MAX_LUMA_PS >> 2:
            return min(4 * HEVC_MAX_DPB_PIC_BUF, HEVC_MAX_DPB_PICTURES)
        if size <= HEVC_MAX_LUMA_PS >> 1:
            return min(2 * HEVC_MAX_DPB_PIC_BUF, HEVC_MAX_DPB_PICTURES)
        if size <= (3 * HEVC_MAX_LUMA_PS) >> 2:
            return min((4 * HEVC_MAX_DPB_PIC_BUF) // 3, HEVC_MAX_DPB_PICTURES)
        return HEVC_MAX_DPB_PIC_BUF

    @property
    def within_levels(self) -> bool:
        return self.pictures <= self.allowed


class _Bits:
    """Big-endian bit reader over an RBSP (emulation prevention bytes removed)."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.pos = 0

    def u(self, n: int) -> int:
        value = 0
        for _ in range(n):
            byte = self.pos >> 3
            if byte >= len(self.data):
                raise ValueError("parameter set ends early")
            value = (value << 1) | ((self.data[byte] >> (7 - (self.pos & 7))) & 1)
            self.pos += 1
        return value

    def ue(self) -> int:
        zeros = 0
        while self.u(1) == 0:
            zeros += 1
            if zeros > 31:
                raise ValueError("exp-Golomb code too long")
        return (1 << zeros) - 1 + self.u(zeros)

    def se(self) -> int:
        k = self.ue()
        return (k + 1) // 2 if k & 1 else -(k // 2)


def _rbsp(nal: bytes) -> bytes:
    return nal.replace(b"\x00\x00\x03", b"\x00\x00")


def h264_sps(nal: bytes) -> PictureBuffer:
    """The picture buffer an H.264 SPS NAL unit (header byte included) declares."""
    r = _Bits(_rbsp(nal[1:]))
    profile = r.u(8)
    r.u(16)  # constraint flags, level
    r.ue()  # seq_parameter_set_id
    if profile in (100, 110, 122, 244, 44, 83, 86, 118, 128, 138, 139, 134, 135):
        chroma_format = r.ue()
        if chroma_format == 3:
            r.u(1)
        r.ue()
        r.ue()  # bit depths
        r.u(1)
        if r.u(1):  # seq_scaling_matrix_present_flag
            for i in range(12 if chroma_format == 3 else 8):
                if r.u(1):
                    last = nxt = 8
                    for _ in range(16 if i < 6 else 64):
                        if nxt:
                            nxt = (last + r.se() + 256) % 256
                        last = nxt or last
    r.ue()  # log2_max_frame_num_minus4
    poc_type = r.ue()
    if poc_type == 0:
        r.ue()
    elif poc_type == 1:
        r.u(1)
        r.se()
        r.se()
        cycle = r.ue()
        if cycle > 255:
            raise ValueError("picture order cycle too long")
        for _ in range(cycle):
            r.se()
    refs = r.ue()  # max_num_ref_frames
    r.u(1)
    width_mbs = r.ue() + 1
    height_units = r.ue() + 1
    frame_mbs_only = r.u(1)
    width, height = width_mbs * 16, height_units * 16 * (2 - frame_mbs_only)
    pictures = refs
    try:
        # the VUI's reorder depth and buffer size, which FFmpeg trusts as well (a truncated VUI
        # is common and FFmpeg ignores it too)
        pictures = max(refs, *_h264_vui_buffering(r, frame_mbs_only))
    except (ValueError, IndexError):
        pass
    return PictureBuffer("h264", pictures, width, height)


def _h264_vui_buffering(r: _Bits, frame_mbs_only: int) -> tuple[int, int]:
    """(max_num_reorder_frames, max_dec_frame_buffering) of the SPS's VUI; zeros without one."""
    if not frame_mbs_only:
        r.u(1)
    r.u(1)  # direct_8x8_inference_flag
    if r.u(1):  # frame_cropping_flag
        for _ in range(4):
            r.ue()
    if not r.u(1):  # vui_parameters_present_flag
        return 0, 0
    if r.u(1) and r.u(8) == 255:  # aspect ratio, extended SAR
        r.u(32)
    if r.u(1):  # overscan
        r.u(1)
    if r.u(1):  # video signal type
        r.u(4)
        if r.u(1):
            r.u(24)
    if r.u(1):  # chroma location
        r.ue()
        r.ue()
    if r.u(1):  # timing
        r.u(65)
    nal_hrd = r.u(1)
    if nal_hrd:
        _h264_hrd(r)
    vcl_hrd = r.u(1)
    if vcl_hrd:
        _h264_hrd(r)
    if nal_hrd or vcl_hrd:
        r.u(1)
    r.u(1)  # pic_struct_present_flag
    if not r.u(1):  # bitstream_restriction_flag
        return 0, 0
    r.u(1)
    for _ in range(4):
        r.ue()
    return r.ue(), r.ue()


def _h264_hrd(r: _Bits) -> None:
    count = r.ue() + 1
    if count > 32:
        raise ValueError("too many CPB specifications")
    r.u(8)
    for _ in range(count):
        r.ue()
        r.ue()
        r.u(1)
    r.u(20)


def hevc_sps(nal: bytes) -> PictureBuffer:
    """The picture buffer an HEVC SPS NAL unit (two header bytes included) declares: the
    largest sps_max_dec_pic_buffering over its sub-layers."""
    r = _Bits(_rbsp(nal[2:]))
    r.u(4)  # sps_video_parameter_set_id
    sub_layers = r.u(3) + 1
    r.u(1)
    # profile_tier_level(1, sub_layers - 1)
    r.u(8)
    r.u(32)
    r.u(48)
    r.u(8)  # general profile, flags, level
    profile_present, level_present = [], []
    for _ in range(sub_layers - 1):
        profile_present.append(r.u(1))
        level_present.append(r.u(1))
    if sub_layers > 1:
        r.u(2 * (8 - (sub_layers - 1)))  # reserved_zero_2bits
    for p, lv in zip(profile_present, level_present):
        if p:
            r.u(8)
            r.u(32)
            r.u(48)
        if lv:
            r.u(8)
    r.ue()  # sps_seq_parameter_set_id
    if r.ue() == 3:  # chroma_format_idc
        r.u(1)
    width, height = r.ue(), r.ue()
    if r.u(1):  # conformance_window_flag
        for _ in range(4):
            r.ue()
    r.ue()
    r.ue()  # bit depths
    r.ue()  # log2_max_pic_order_cnt_lsb_minus4
    all_layers = r.u(1)
    pictures = 0
    for _ in range(sub_layers if all_layers else 1):
        buffering = r.ue() + 1  # sps_max_dec_pic_buffering_minus1
        reorder = r.ue()  # sps_max_num_reorder_pics: FFmpeg grows the buffer to reorder + 1
        pictures = max(pictures, buffering, reorder + 1)
        r.ue()
    return PictureBuffer("hevc", pictures, width, height)


def _nal_type(codec: str, nal: bytes) -> int:
    return (nal[0] & 0x1F) if codec == "h264" else (nal[0] >> 1) & 0x3F


def _is_picture(codec: str, kind: int) -> bool:
    return 1 <= kind <= 5 if codec == "h264" else kind < 32


def _annex_b_nals(data: bytes) -> list[bytes]:
    nals = []
    starts = []
    at = data.find(b"\x00\x00\x01")
    while at >= 0:
        starts.append(at + 3)
        at = data.find(b"\x00\x00\x01", at + 3)
    for i, start in enumerate(starts):
        end = starts[i + 1] - 3 if i + 1 < len(starts) else len(data)
        nals.append(data[start:end].rstrip(b"\x00"))
    return [n for n in nals if n]


def _annex_b_nals_lazily(data: bytes) -> Iterator[bytes]:
    """The NAL units of an Annex B packet, one at a time (the caller stops at the first picture,
    so a picture's payload is not searched beyond its first start code)."""
    at = data.find(b"\x00\x00\x01")
    while at >= 0:
        start = at + 3
        nxt = data.find(b"\x00\x00\x01", start)
        nal = data[start : nxt if nxt >= 0 else len(data)].rstrip(b"\x00")
        if nal:
            yield nal
        at = nxt


def _length_prefixed_nals(data: bytes | memoryview, size: int) -> Iterator[bytes | memoryview]:
    at = 0
    for _ in range(MAX_NALS_PER_PACKET):
        if at + size > len(data):
            return
        length = int.from_bytes(data[at : at + size], "big")
        if length:
            yield data[at + size : at + size + length]
        at += size + length


def header_nals(codec: str, extradata: bytes) -> list[bytes]:
    """NAL units of a codec header: avcC (H.264), hvcC (HEVC) or Annex B."""
    if extradata[:3] == b"\x00\x00\x01" or extradata[:4] == b"\x00\x00\x00\x01":
        return _annex_b_nals(extradata)
    nals: list[bytes] = []
    if codec == "h264" and len(extradata) >= 7 and extradata[0] == 1:
        at = 6
        count = extradata[5] & 0x1F
        for kind_count in (count, None):
            if kind_count is None:  # the picture parameter sets follow
                if at >= len(extradata):
                    break
                kind_count = extradata[at]
                at += 1
            for _ in range(kind_count):
                length = int.from_bytes(extradata[at : at + 2], "big")
                nals.append(extradata[at + 2 : at + 2 + length])
                at += 2 + length
    elif codec == "hevc" and len(extradata) >= 23:
        at = 23
        for _ in range(extradata[22]):
            if at + 3 > len(extradata):
                break
            count = int.from_bytes(extradata[at + 1 : at + 3], "big")
            at += 3
            for _ in range(count):
                length = int.from_bytes(extradata[at : at + 2], "big")
                nals.append(extradata[at + 2 : at + 2 + length])
                at += 2 + length
    return [n for n in nals if n]


def packet_nals(codec: str, packet: bytes | memoryview, length_size: int | None) -> list[bytes | memoryview]:
    """The NAL units of a packet before its first picture: length-prefixed (mp4, mkv) when
    length_size is given, else Annex B (ts, raw streams), searched in its first bytes."""
    found: Iterable[bytes | memoryview]
    if length_size is None:
        found = _annex_b_nals_lazily(bytes(packet[:MAX_SCANNED_BYTES]))
    else:
        found = _length_prefixed_nals(packet, length_size)
    before: list[bytes | memoryview] = []
    for nal in found:
        if _is_picture(codec, _nal_type(codec, nal)) or len(before) >= MAX_NALS_PER_PACKET:
            break
        before.append(nal)
    return before


def length_size(codec: str, extradata: bytes | None) -> int | None:
    """Bytes of each NAL length in the packets (from avcC/hvcC), None for Annex B packets."""
    if not extradata or extradata[:3] == b"\x00\x00\x01" or extradata[:4] == b"\x00\x00\x00\x01":
        return None
    if codec == "h264" and len(extradata) >= 5 and extradata[0] == 1:
        return (extradata[4] & 0x03) + 1
    if codec == "hevc" and len(extradata) >= 22:
        return (extradata[21] & 0x03) + 1
    return None


def declared_buffers(codec: str, nals: Iterable[bytes | memoryview]) -> list[PictureBuffer]:
    """The picture buffers the SPS among `nals` declare (those that parse)."""
    return list(_declared(codec, nals))


def _declared(codec: str, nals: Iterable[bytes | memoryview]) -> Iterator[PictureBuffer]:
    wanted = H264_SPS if codec == "h264" else HEVC_SPS
    for nal in nals:
        if len(nal) < 4 or _nal_type(codec, nal) != wanted:
            continue
        if codec == "hevc" and (((nal[0] & 1) << 5) | (nal[1] >> 3)):
            continue  # an SPS of a further layer (MV-HEVC, SHVC) has another syntax
        try:
            yield h264_sps(bytes(nal)) if codec == "h264" else hevc_sps(bytes(nal))
        except (ValueError, IndexError):
            continue  # FFmpeg refuses an SPS it cannot parse either


def first_beyond_levels(codec: str, nals: Iterable[bytes | memoryview]) -> PictureBuffer | None:
    """The first SPS among `nals` that declares more pictures than the codec's levels allow."""
    if codec not in ("h264", "hevc"):
        return None
    return next((b for b in _declared(codec, nals) if not b.within_levels), None)


class PictureBufferCheck:
    """The parameter sets of one video stream, checked as the probe reads its header and packets."""

    def __init__(self, codec: str, extradata: bytes | None) -> None:
        self.codec = codec
        self.active = codec in ("h264", "hevc")
        self.extradata = extradata or b""
        self.length_size = length_size(codec, self.extradata) if self.active else None

    def header(self) -> PictureBuffer | None:
        """The first SPS of the codec header beyond the levels, if any."""
        return first_beyond_levels(self.codec, header_nals(self.codec, self.extradata)) if self.active else None

    def packet(self, data: bytes | memoryview) -> PictureBuffer | None:
        """The first SPS at the head of a packet beyond the levels, if any."""
        return first_beyond_levels(self.codec, packet_nals(self.codec, data, self.length_size)) if self.active else None


def describe(buffer: PictureBuffer) -> str:
    """One line for the error that refuses such a stream."""
    name = "H.264" if buffer.codec == "h264" else "HEVC"
    return (f"the video stream declares {buffer.pictures} reference pictures at {buffer.width}x{buffer.height}, "
            f"more than any {name} level allows at that size ({buffer.allowed}); decoding it could take "
            "gigabytes of memory: re-export the video with a standard encoder setting")
