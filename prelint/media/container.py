"""The probe: container facts without decoding. PyAV for streams and timestamps, the bundled
ffmpeg's stream listing for the display rotation (PyAV has no getter for the stream display
matrix). Also the checks every reader of a video goes through: check_file, open_container.
"""

from __future__ import annotations

import functools
import math
import os
import re
import stat
import subprocess
import threading
from pathlib import Path

from prelint.errors import InputError
from prelint.media.deadline import Deadline
from prelint.media.facts import ProbeFacts
from prelint.media.ffmpeg_process import (colour_matrix_named, colour_matrix_of, colour_range_named, colour_range_of,
                                          ffmpeg_data_limit, ffmpeg_exe, memory_limited, showinfo_display_size)
from prelint.media.parameter_sets import PictureBuffer, PictureBufferCheck
from prelint.media.parameter_sets import describe as describe_picture_buffer

#: Packets demuxed (not decoded) to decide whether the frame rate is variable.
VFR_SAMPLE_PACKETS = 4000
#: Longest wait (s) for the stream listing that gives the display rotation.
ROTATION_PROBE_TIMEOUT_S = 30.0
#: A stream is VFR when more than this share of frame intervals differ from the median
#: interval by more than VFR_INTERVAL_TOLERANCE (relative).
VFR_SHARE = 0.02
VFR_INTERVAL_TOLERANCE = 0.25

#: Largest frame (pixels) analysed: DCI 8K. A tiny file can declare 16384x8192 and cost a
#: decoder ~1 GB and half a minute; anything larger than 8K is refused at probe time.
MAX_FRAME_PIXELS = 8192 * 4320

#: The demuxers a draft may be opened with (FFmpeg's names): video and audio containers, raw
#: streams and single images. Formats that open other files or URLs named inside the draft
#: (ffconcat, HLS and DASH playlists, image sequences, IMF) are not among them, so a committed
#: text file named clip.mp4 cannot make FFmpeg read anything else; and only the `file`
#: protocol is allowed.
DEMUXERS = (
    "mov", "matroska", "avi", "flv", "mpegts", "mpeg", "asf", "ogg", "gif", "ivf", "obu",
    "h264", "hevc", "m4v", "yuv4mpegpipe", "mp3", "wav", "aac", "flac",
    "png_pipe", "jpeg_pipe", "webp_pipe", "bmp_pipe", "gif_pipe", "tiff_pipe",
)
#: Options every opening of a draft passes to FFmpeg (PyAV and the command line alike).
#: Most streams a draft may have: FFmpeg decodes a frame of each when it opens the file (up to the
#: 8K cap each); a phone's video has a picture, a sound and a few data tracks.
MAX_STREAMS = 8
INPUT_OPTIONS = {"protocol_whitelist": "file", "format_whitelist": ",".join(DEMUXERS), "max_streams": str(MAX_STREAMS)}
#: Video decoders a draft may use: what phones, cameras, editors and the platforms write, and
#: single images (refused later as stills); the FFmpeg processes, under their memory limit, open
#: them (the PyAV openings none: CONTAINER_READING_CODECS). Decoders that decode pictures while a
#: file is only being opened and that drafts do not use (Snow, VVC, Theora, CineForm, ZMBV: up to
#: 4 GB for 8 streams at 8K) are not among them: such a video is refused.
VIDEO_DECODERS = (
    "h264", "hevc", "vp8", "vp9", "libvpx", "libvpx-vp9", "av1", "libdav1d", "mpeg4", "mpeg1video",
    "mpeg2video", "mpegvideo", "h263", "h263p", "flv", "msmpeg4", "msmpeg4v1", "msmpeg4v2", "wmv1",
    "wmv2", "wmv3", "vc1", "prores", "dnxhd", "mjpeg", "rawvideo", "png", "apng", "webp", "gif", "bmp", "tiff",
)
#: Codec option of every opening that only reads the container (the probe, the planner, the
#: stream listings): FFmpeg's stream-info probe then learns sizes and rates from the headers and
#: parsers without decoding a frame of every stream (8 streams at 8K cost 1.8 GB to open).
NO_DECODE_OPTIONS = {"skip_frame": "all"}
#: Most pixels all video streams of a draft may have together: two frames at the 8K cap. Every
#: process that decodes a draft (the hook window, each stretch, the sound) first decodes a frame of
#: every stream; a draft has one picture, perhaps with a cover image or a second angle.
MAX_VIDEO_STREAMS_PIXELS = 2 * MAX_FRAME_PIXELS

#: The display matrix line of the stream listing, a whole line (a tag value holding the same words is
#: printed after its tag name: "title           : rotation of -90.00 degrees").
_ROTATION_RE = re.compile(r"^[ \t]*(?:displaymatrix|Display Matrix): rotation of (-?[\d.]+) degrees[ \t]*$", re.MULTILINE)
_VIDEO_STREAM_RE = re.compile(r"^[ \t]*Stream #[^\n]*?Video:", re.MULTILINE)
_LISTED_SIZE_RE = re.compile(r", (\d{1,5})x(\d{1,5})(?=[\s,\[]|$)")
#: Most of the stream listing kept (bytes), and the continuation line of a multi-line tag value.
MAX_LISTING_BYTES = 1 << 20
_TAG_CONTINUATION_RE = re.compile(r"^[ \t]+: ")
_STREAM_GROUP_RE = re.compile(r"^  Stream group #", re.MULTILINE)
#: Control characters FFmpeg drops when it prints a tag value (it breaks lines at \n instead): a value
#: of them makes one line as long as FFmpeg likes.
_DROPPED_CONTROL_RE = re.compile(r"[\x08\x0b\x0c]")
#: Tags whose value FFmpeg prints inside another line (a stream's language: "Stream #0:0(eng): Video:").
_INLINE_TAGS = frozenset({"language"})
#: Most characters all tags of a file (names and values) may hold together.
MAX_TAG_CHARS = 1 << 20
#: Control characters (C0, DEL, C1): never in a name or a tag name FFmpeg prints.
_CONTROL_RE = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def check_file(path: Path, read_index: bool = True) -> int:
    """Raise InputError for paths that cannot be a video; return the size in bytes. read_index:
    also check an mp4/mov's sample tables before FFmpeg builds its index (the container worker
    does, before it opens the file; a caller that only wants a clear error first need not)."""
    if not path.exists():
        if path.is_symlink():
            raise InputError("broken symlink: its target is missing (or the links form a loop)", path)
        raise InputError("file not found", path)
    if path.is_dir():
        raise InputError("is a directory, not a video file", path)
    if _CONTROL_RE.search(os.path.abspath(path)):
        # FFmpeg prints the name as it is: a line break in it would start a line of FFmpeg's
        # output with whatever follows, which prelint reads for frame times
        raise InputError("its path holds a line break or another control character; rename the file or folder",
                         path)
    try:
        st = path.stat()
        if not stat.S_ISREG(st.st_mode):
            # a FIFO blocks open() forever, /dev/zero never ends: never read such paths
            raise InputError("not a regular file (a pipe, socket or device), not a video file", path)
        size = st.st_size
        with open(path, "rb") as fh:
            head = fh.read(16)
    except PermissionError:
        raise InputError("unreadable: permission denied", path) from None
    except OSError as exc:
        raise InputError(f"unreadable: {exc.strerror or exc}", path) from None
    if size == 0 or not head:
        raise InputError("empty file (0 bytes)", path)
    from prelint.media.mov_index import check_mov_index, looks_like_mov

    if read_index and looks_like_mov(head):
        try:
            check_mov_index(path, size)  # before FFmpeg builds an index of what the file declares
        except OSError as exc:
            raise InputError(f"unreadable: {exc.strerror or exc}", path) from None
    return size


def input_url(path: str | os.PathLike[str]) -> str:
    """The path as FFmpeg's `file:` URL, so a name such as `concat:a.mp4|b.mp4` or `subfile:...`
    is read as a file name, never as a protocol."""
    return "file:" + os.path.abspath(os.fspath(path))


#: FFmpeg's codec_whitelist of the PyAV openings, which only read the container (in a container
#: worker, prelint.media.container_process): no decoder at all. FFmpeg's stream-info probe decodes a frame of
#: every stream it has a decoder for, even under NO_DECODE_OPTIONS: VP9, ProRes, PNG and image
#: decoders decode a picture anyway (8 streams of 16-bit 8K PNG held 2.2 GB), and the H.264 decoder
#: keeps every NAL unit of a packet while it reads the parameter sets (a 20 MB raw stream of
#: repeated SPS held 3.6 GB, a 27 KB Matroska file of zlib-compressed blocks 1.8 GB). Sizes, rates
#: and durations come from the container's header and FFmpeg's parsers; only the decoding
#: processes, under their memory limit, open decoders.
CONTAINER_READING_CODECS = ""


@functools.lru_cache(maxsize=1)
def codec_whitelist() -> str:
    """FFmpeg's codec_whitelist for the ffmpeg processes that read a draft: VIDEO_DECODERS and
    every decoder of sound, subtitles and data."""
    import av

    names = set(VIDEO_DECODERS)
    for name in av.codecs_available:
        try:
            codec = av.Codec(name, "r")
        except Exception:  # an encoder only
            continue
        if codec.type != "video":
            names.add(codec.name)
    return ",".join(sorted(names))


def ffmpeg_input_args(path: str | os.PathLike[str], decode_video: bool = True) -> list[str]:
    """`-i` for the ffmpeg command line, with INPUT_OPTIONS and the frame-size cap before it;
    decode_video=False for a command that decodes no picture (NO_DECODE_OPTIONS): it lists the
    streams, or reads the sound or the subtitles."""
    args: list[str] = []
    for key, value in {**INPUT_OPTIONS, **({} if decode_video else NO_DECODE_OPTIONS),
                       "codec_whitelist": codec_whitelist()}.items():
        args += [f"-{key}", value]
    return [*args, "-max_pixels", str(MAX_FRAME_PIXELS), "-i", input_url(path)]


def open_container(path: Path, timeout_s: float | None = None):  # type: ignore[no-untyped-def]
    """The file opened with PyAV for reading its container (packets, never frames): only DEMUXERS
    and the file protocol, metadata errors ignored, and the stream-info probe decodes nothing
    (NO_DECODE_OPTIONS, and no decoder is opened: CONTAINER_READING_CODECS)."""
    import av

    # a time limit (s) interrupts FFmpeg inside the open itself (its interrupt callback)
    timeout = None if timeout_s is None or math.isinf(timeout_s) else max(0.1, timeout_s)
    # PyAV before 19 decodes metadata strictly unless told otherwise; 19 dropped the argument
    lenient = {"metadata_errors": "ignore"} if _pyav_major(av) < 19 else {}
    return av.open(input_url(path), timeout=timeout, **lenient,
                   options={**INPUT_OPTIONS, **NO_DECODE_OPTIONS,
                            "codec_whitelist": CONTAINER_READING_CODECS,
                            "max_pixels": str(MAX_FRAME_PIXELS)})


def _pyav_major(av) -> int:  # type: ignore[no-untyped-def]
    try:
        return int(str(av.__version__).split(".")[0])
    except ValueError:
        return 0


def probe(path: str | os.PathLike[str], deadline: Deadline | None = None) -> ProbeFacts:
    """Read container facts (no decoding), in a container worker under its memory limit (see
    prelint.media.container_process). Raises InputError with a one-line message, and
    AnalysisTimeout when `deadline` passes first (without one, the work is bounded by
    VFR_SAMPLE_PACKETS, the file's size, ROTATION_PROBE_TIMEOUT_S and the worker's time limit)."""
    from prelint.media import container_process

    path = Path(path)
    check_file(path, read_index=False)  # a clear error before a worker starts; the worker reads the index
    return ProbeFacts(**{**container_process.run("probe", path, deadline), "path": str(path)})


def probe_here(path: str | os.PathLike[str], deadline: Deadline | None = None) -> ProbeFacts:
    """probe() in this process: what the container worker runs."""
    path = Path(path)
    size = check_file(path)
    deadline = deadline if deadline is not None else Deadline.never()
    listing: list[StreamListing] = []
    try:
        return _probe(path, size, listing, deadline)
    finally:
        for started in listing:
            started.stop()


def _probe(path: Path, size: int, listing: list[StreamListing], deadline: Deadline) -> ProbeFacts:
    """listing: receives the stream listing started once the streams are known to be within
    bounds; it runs while PyAV reads the packets."""
    import av

    try:
        container = open_container(path, deadline.remaining())
    except av.error.FFmpegError as exc:
        if deadline.expired():
            raise deadline.error(path) from None  # the interrupt callback stopped the open
        if isinstance(exc, (av.error.InvalidDataError, av.error.ArgumentError, PermissionError)):
            # a format outside DEMUXERS is refused with EINVAL before anything else is opened
            raise InputError(_open_error_message(path, str(exc)), path) from None
        raise InputError(f"unreadable or not a video: {_short(exc)}", path) from None
    with container:
        fmt = container.format.name or ""
        if not container.streams.video:
            if container.streams.audio:
                raise InputError("no video stream (audio only)", path)
            raise InputError("not a video: no video stream", path)
        _check_tag_names(path, container)
        video = container.streams.video[0]
        if video.codec_context is None:
            # FFmpeg has no decoder for this stream (unknown fourcc): PyAV gives no size or rate
            raise InputError("unsupported video codec: FFmpeg has no decoder for this stream", path)
        codec = video.codec_context.name
        if codec not in VIDEO_DECODERS and video.codec_context.codec.name not in VIDEO_DECODERS:
            raise InputError(f"unsupported video codec for a draft ({codec}); export H.264, HEVC, VP9 or AV1", path)
        if fmt.startswith("image2") or fmt.endswith("_pipe") or codec in {"png", "mjpeg", "bmp", "webp", "gif"} and (video.frames or 0) <= 1:
            raise InputError(f"not a video: a still image ({codec})", path)
        coded_w, coded_h = int(video.width or 0), int(video.height or 0)
        _check_frame_size(path, coded_w, coded_h)
        _check_video_streams(path, container.streams.video)
        _check_one_stream_each(path, container)
        buffers = PictureBufferCheck(codec, video.codec_context.extradata)
        beyond = buffers.header()
        if beyond is not None:
            raise InputError(describe_picture_buffer(beyond), path)
        if coded_w <= 0 or coded_h <= 0:
            # some streams keep their frame size where only the decoder reads it (MPEG-4 Part 2 in
            # mp4: the VOL header): the stream listing, whose FFmpeg may open decoders under its
            # memory limit and the frame-size cap, tells it
            listing.append(StreamListing(path))
            coded_w, coded_h = _listed_size(listing[0].text(min(ROTATION_PROBE_TIMEOUT_S, deadline.remaining())))
            deadline.check(path)
        if coded_w <= 0 or coded_h <= 0:
            raise InputError("not a video: the video stream has no frame size", path)
        _check_frame_size(path, coded_w, coded_h)
        if not listing:
            listing.append(StreamListing(path, coded_w * coded_h))
        stream_colour_matrix = colour_matrix_named(video.codec_context.colorspace)
        stream_colour_range = colour_range_named(int(video.codec_context.color_range or 0))
        audio = container.streams.audio[0] if container.streams.audio else None
        audio_codec = audio.codec_context.name if audio is not None and audio.codec_context else None

        duration_s = _duration(container, video)
        pts_s, beyond = _packet_times(container, video, deadline, buffers)
        if beyond is not None:
            raise InputError(describe_picture_buffer(beyond), path)
        deadline.check(path)
        frame_count = int(video.frames or 0)
        if frame_count <= 0 and pts_s and len(pts_s) < VFR_SAMPLE_PACKETS:
            frame_count = len(pts_s)
        if duration_s <= 0 and pts_s:
            duration_s = max(pts_s) + _median_interval(pts_s)
        if frame_count > 0 and duration_s > 0:
            fps = frame_count / duration_s
        else:
            rate = video.average_rate or video.guessed_rate or video.base_rate
            fps = float(rate) if rate else 0.0
            frame_count = int(round(duration_s * fps)) if fps else 0
        is_vfr = _is_vfr(pts_s)
        if not is_vfr and video.average_rate:
            fps = float(video.average_rate)  # exact nominal rate (29.97, not 29.9709)
        bitrate = int(container.bit_rate) if container.bit_rate else (
            int(size * 8 / duration_s) if duration_s > 0 else None
        )
    listed = listing[0].text(min(ROTATION_PROBE_TIMEOUT_S, deadline.remaining()))
    if _STREAM_GROUP_RE.search(listed):
        # FFmpeg prints a stream group's labels (IAMF annotations) as they are, line breaks included,
        # between the listing's header and its streams: a label forged the display rotation
        raise InputError("it holds stream groups (IAMF audio or a tile grid), which a draft does not use; "
                         "export the video without them", path)
    rotation = _rotation(listed)
    frame = listing[0].shown_frame(min(ROTATION_PROBE_TIMEOUT_S, deadline.remaining()))
    colour_line = listing[0].shown_colour_line(min(ROTATION_PROBE_TIMEOUT_S, deadline.remaining()))
    colour_matrix, colour_range = colour_matrix_of(colour_line), colour_range_of(colour_line)
    shown = frame[0] if frame is not None else None
    if shown is not None and coded_w != coded_h:
        # the frame FFmpeg hands the analysis decides; the listing's matrix only gives the direction
        if shown == (coded_h, coded_w):
            rotation = rotation if rotation in (90, 270) else 90
        elif shown == (coded_w, coded_h):
            rotation = rotation if rotation == 180 else 0
    deadline.check(path)
    rotated = rotation in (90, 270)
    width, height = (coded_h, coded_w) if rotated else (coded_w, coded_h)
    if shown is not None and min(shown) > 0 and shown not in ((coded_w, coded_h), (coded_h, coded_w)):
        # the container's header and the stream disagree (a cropping the header does not show): the
        # decoded frame is what the analysis and a viewer get
        _check_frame_size(path, *shown)
        width, height = shown
    if frame is not None and (width, height) == shown:
        # non-square pixels (an anamorphic SAR): a player shows the picture at its display shape, and
        # so does the analysis (a picture stored squeezed to half its width hid a QR code)
        width, height = frame[1]
    return ProbeFacts(
        path=str(path),
        size_bytes=size,
        duration_s=float(duration_s),
        width=width,
        height=height,
        coded_width=coded_w,
        coded_height=coded_h,
        rotation=rotation,
        fps=float(fps),
        is_vfr=is_vfr,
        video_codec=codec,
        audio_codec=audio_codec,
        has_audio=audio is not None,
        bitrate_bps=bitrate,
        frame_count=frame_count,
        colour_matrix=colour_matrix,
        stream_colour_matrix=stream_colour_matrix,
        colour_range=colour_range,
        stream_colour_range=stream_colour_range,
    )


def _check_tag_names(path: Path, container) -> None:  # type: ignore[no-untyped-def]
    """Refuse a file whose tag names (the file's, a stream's or a chapter's) or stream languages hold
    a control character, or whose tags hold more than MAX_TAG_CHARS together.
    FFmpeg prints every tag when it opens a file, the name as it is and the value indented (a line
    break in a value starts an indented line): a line break in a name starts a line of FFmpeg's
    output with text from the file, which could pass for the frame times and the loudness prelint
    reads there."""
    dictionaries = [container.metadata, *(stream.metadata for stream in container.streams)]
    chapters = getattr(container, "chapters", None)  # PyAV 14 and later
    if chapters is not None:
        dictionaries += [chapter.get("metadata") or {} for chapter in chapters()]
    total = 0
    for tags in dictionaries:
        for name, value in tags.items():
            if (_CONTROL_RE.search(name) or _DROPPED_CONTROL_RE.search(value or "")
                    or (name.lower() in _INLINE_TAGS and _CONTROL_RE.search(value or ""))):
                raise InputError("a tag name in its metadata (or a stream's language) holds a line break or another "
                                 "control character, or a tag value one FFmpeg leaves out when it prints it; "
                                 "export the video again", path)
            total += len(name) + len(value or "")
    if total > MAX_TAG_CHARS:
        # every FFmpeg process prints them all, a line per line break: 5 million line breaks in one
        # tag made a lint take six times as long
        raise InputError(f"its metadata tags hold {total:,} characters, more than the {MAX_TAG_CHARS:,} a draft "
                         "needs; export the video again without them", path)


def _check_frame_size(path: Path, width: int, height: int) -> None:
    if width * height > MAX_FRAME_PIXELS:
        raise InputError(
            f"frame size {width}x{height} is too large to analyse (at most {MAX_FRAME_PIXELS / 1e6:.1f} "
            "megapixels, 8K); export at the platform's resolution", path)


#: A stream's disposition flag for a cover picture (AV_DISPOSITION_ATTACHED_PIC).
ATTACHED_PIC = 0x400


def _check_one_stream_each(path: Path, container) -> None:  # type: ignore[no-untyped-def]
    """Refuse a draft with more than one video stream (cover pictures aside) or more than one audio
    stream. prelint reads the first of each; a player, the platform's transcoder and FFmpeg's own
    choice take the one marked default or the "best": a second stream marked default showed a WeChat
    QR code and a clipped track to viewers while prelint read a plain picture and a -17 LUFS one."""
    pictures = [s for s in container.streams.video if not int(s.disposition or 0) & ATTACHED_PIC]
    if len(pictures) > 1:
        raise InputError(f"it holds {len(pictures)} video streams; a platform shows one, chosen by the file's marks: "
                         "export the draft with one video stream", path)
    if len(container.streams.audio) > 1:
        raise InputError(f"it holds {len(container.streams.audio)} audio streams; a platform plays one, chosen by the "
                         "file's marks: export the draft with one audio track", path)


def _check_video_streams(path: Path, streams) -> None:  # type: ignore[no-untyped-def]
    """Refuse a draft with a video stream above the 8K cap (not only the first: a decoder's opening
    decodes a frame of each), or whose video streams together exceed MAX_VIDEO_STREAMS_PIXELS. A
    stream of unknown size counts as the 8K cap: FFmpeg may decode a frame that large for it."""
    pixels = 0
    unknown = 0
    for stream in streams:
        w, h = int(stream.width or 0), int(stream.height or 0)
        if w * h > MAX_FRAME_PIXELS:
            raise InputError(f"a video stream of {w}x{h} is too large to analyse (at most "
                             f"{MAX_FRAME_PIXELS / 1e6:.1f} megapixels, 8K, in every stream)", path)
        if w > 0 and h > 0:
            pixels += w * h
        else:
            pixels += MAX_FRAME_PIXELS
            unknown += 1
    if pixels > MAX_VIDEO_STREAMS_PIXELS:
        counted = f", {unknown} of them of undeclared size counted as 8K each" if unknown else ""
        raise InputError(
            f"{len(streams)} video streams of {pixels / 1e6:.0f} megapixels together{counted}, more than a draft "
            f"needs (at most {MAX_VIDEO_STREAMS_PIXELS / 1e6:.0f}, two 8K frames); export one video stream", path)


def _open_error_message(path: Path, detail: str) -> str:
    with open(path, "rb") as fh:
        head = fh.read(64 * 1024)
    if b"ftyp" in head[:64] and b"moov" not in head:
        # mp4/mov whose index (moov atom) is missing: moov usually sits at the end
        return "truncated or incomplete mp4: no moov atom (copy or upload interrupted?)"
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:256].lower()
    if start.startswith((b"ffconcat", b"#extm3u")) or b"<mpd" in start:
        return "a playlist (ffconcat, m3u8 or DASH) that names other files, not a video file; prelint reads only the file itself"
    return "not a video file (unrecognised format)"


def _short(exc: BaseException) -> str:
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return text[:160]


def _duration(container, video) -> float:  # type: ignore[no-untyped-def]
    if video.duration and video.time_base:
        return float(video.duration * video.time_base)
    if container.duration:
        return container.duration / 1_000_000
    return 0.0


def _packet_times(container, video, deadline: Deadline,  # type: ignore[no-untyped-def]
                  buffers: PictureBufferCheck) -> tuple[list[float], PictureBuffer | None]:
    """Presentation times (s) of the first packets, from demuxing only, relative to the first
    (those read before the deadline); and the first parameter set among them that declares more
    reference pictures than the codec allows (a stream may change its parameters mid-way)."""
    tb = float(video.time_base) if video.time_base else 0.0
    times: list[float] = []
    try:
        for packet in container.demux(video):
            if deadline.expired():
                break
            if packet.size and buffers.active:
                beyond = buffers.packet(memoryview(packet))
                if beyond is not None:
                    return times, beyond
            if packet.pts is None:
                continue
            times.append(packet.pts * tb)
            if len(times) >= VFR_SAMPLE_PACKETS:
                break
    except Exception:  # a damaged stream: keep what was read
        pass
    times.sort()
    if times:
        t0 = times[0]
        times = [t - t0 for t in times]
    return times, None


def _median_interval(times: list[float]) -> float:
    deltas = sorted(b - a for a, b in zip(times, times[1:]) if b > a)
    return deltas[len(deltas) // 2] if deltas else 0.0


def _is_vfr(times: list[float]) -> bool:
    deltas = [b - a for a, b in zip(times, times[1:]) if b > a]
    if len(deltas) < 4:
        return False
    median = sorted(deltas)[len(deltas) // 2]
    off = sum(1 for d in deltas if abs(d - median) > VFR_INTERVAL_TOLERANCE * median)
    return off > max(1, VFR_SHARE * len(deltas))


class StreamListing:
    """`ffmpeg -i` of the draft, started at once and read once: it prints the display matrix, which
    PyAV does not expose, and the frame size of a stream whose header only its decoder reads. Its
    output is read on a thread a line at a time (each cut to 8 KiB), without the continuation lines
    of multi-line tag values, and at most MAX_LISTING_BYTES of it is kept: a tag of 5 million line
    breaks made it print 115 MB."""

    def __init__(self, path: Path, pixels: int = 0) -> None:
        """pixels: the frame size when known (the decoder's memory limit)."""
        from prelint.media.ffmpeg_process import log_prefix, log_tag

        self._kept: list[str] = []
        self._text: str | None = None
        # the first frame goes through FFmpeg's own rotation, as in the decode processes, into a
        # showinfo filter whose name holds a random part: its frame size is what the analysis gets,
        # read from a line no text in the file can imitate
        filter_name = f"showinfo@shown_{log_tag()}"
        self.shown_prefix = log_prefix(filter_name)
        try:
            self.proc: subprocess.Popen[bytes] | None = subprocess.Popen(
                [ffmpeg_exe(), "-hide_banner", "-nostdin", *ffmpeg_input_args(path), "-map", "0:v:0", "-frames:v", "1",
                 "-vf", f"{filter_name}=checksum=0", "-f", "null", "-"],
                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                preexec_fn=memory_limited(ffmpeg_data_limit(pixels)))
        except OSError:
            self.proc = None
            return
        self._reader = threading.Thread(target=self._read, name="prelint-listing", daemon=True)
        self._reader.start()

    def _read(self) -> None:
        from prelint.media.ffmpeg_process import bounded_lines

        assert self.proc is not None and self.proc.stderr is not None
        kept = 0
        try:
            for raw in bounded_lines(self.proc.stderr):
                line = raw.decode(errors="replace")
                if kept < MAX_LISTING_BYTES and not _TAG_CONTINUATION_RE.match(line):
                    # a line cut at the bound still ends here: the next line of FFmpeg's output must
                    # start a line of its own (glued to a cut tag value, a Stream line went unseen)
                    self._kept.append(line if line.endswith("\n") else line + "\n")
                    kept += len(raw)
        except (OSError, ValueError):
            pass
        finally:
            self.proc.stderr.close()

    def shown_frame(self, timeout_s: float) -> tuple[tuple[int, int], tuple[int, int]] | None:
        """The first frame's size in pixels after FFmpeg's rotation and its display size (its pixel
        aspect ratio applied), or None when no frame was decoded."""
        for line in self.text(timeout_s).splitlines():
            if line.startswith(self.shown_prefix):
                sizes = showinfo_display_size(line, len(self.shown_prefix))
                if sizes is not None:
                    return sizes
        return None

    def shown_colour_line(self, timeout_s: float) -> str:
        """The first frame's showinfo colour line after its address, for colour_matrix_of and
        colour_range_of ("" when there is none)."""
        lines = self.text(timeout_s).splitlines()
        start = next((i for i, line in enumerate(lines) if line.startswith(self.shown_prefix)
                      and showinfo_display_size(line, len(self.shown_prefix))), None)
        if start is None:
            return ""
        for line in lines[start + 1:]:  # the frame's side data lines come first (x264's SEI)
            if not line.startswith(self.shown_prefix) or showinfo_display_size(line, len(self.shown_prefix)):
                break  # another filter's line, or the next frame's
            rest = line[line.find("]", len(self.shown_prefix)) + 1:]
            if rest.lstrip().startswith("color_range:"):
                return rest
        return ""

    def text(self, timeout_s: float) -> str:
        """What it printed ("" when it failed or ran out of time)."""
        if self._text is None:
            self._text = ""
            if self.proc is not None:
                self._reader.join(timeout_s)
                if self._reader.is_alive():
                    self.stop()
                else:
                    self.proc.wait()
                    self._text = "".join(self._kept)
        return self._text

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()


def _first_video_block(text: str) -> str:
    # only the first video stream's block of the listing itself matters: what FFmpeg prints while it
    # opens the file comes before its last "Input #0" header, and may hold text from the file with
    # its line breaks (a Matroska CodecID in "Unknown/unsupported AVCodecID …"); the matrix line
    # follows the Stream line (which FFmpeg may first warn about: "Could not find codec parameters …")
    header = text.rfind("\nInput #0, ")
    text = text[header + 1:] if header >= 0 else text if text.startswith("Input #0, ") else ""
    first_video = _VIDEO_STREAM_RE.search(text)
    if first_video is None:
        return ""
    nxt = text.find("Stream #", first_video.end())
    return text[first_video.start() : nxt if nxt >= 0 else len(text)]


def _listed_size(text: str) -> tuple[int, int]:
    """The first video stream's frame size as the stream listing prints it (0, 0 when it does not)."""
    line = _first_video_block(text).split("\n", 1)[0]
    m = _LISTED_SIZE_RE.search(line)
    return (int(m.group(1)), int(m.group(2))) if m else (0, 0)


def _rotation(text: str) -> int:
    """Clockwise display rotation (0/90/180/270) from the stream listing's display matrix: what
    FFmpeg rotates the picture by (a phone's `rotate` tag is turned into one by FFmpeg; a tag named
    `rotate` that FFmpeg does not apply is no rotation, whatever it says)."""
    block = _first_video_block(text)
    if block:
        m = _ROTATION_RE.search(block)
        if m:
            # ffmpeg prints the counter-clockwise angle
            return int(round(-float(m.group(1)) / 90.0)) * 90 % 360
    return 0
