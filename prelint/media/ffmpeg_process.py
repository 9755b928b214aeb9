"""The bundled ffmpeg and its decode processes: one process per stretch of the video, its
rawvideo pipes read into queues on background threads, frame times taken from its
``showinfo`` log lines (PTS: correct for variable frame rates), killed and reaped on demand."""

from __future__ import annotations

import concurrent.futures
import os
import queue
import re
import subprocess
import sys
import threading
import time
from collections import deque
from collections.abc import Callable
from typing import IO, TYPE_CHECKING, Any, Iterator

from prelint.media.memory import BufferPool

if TYPE_CHECKING:
    from prelint.media.deadline import Deadline
    from prelint.media.decode_plan import Segment

#: The rest of a showinfo frame line after its prefix (see log_prefix).
_SHOWINFO_RE = re.compile(r"0x[0-9a-fA-F]+\] n:\s*(\d+) .*?\bpts_time:\s*(-?[\d.eE+-]+|nan)")
#: The pixel aspect ratio and the frame size in the rest of a showinfo frame line.
_SHOWINFO_SIZE_RE = re.compile(r"0x[0-9a-fA-F]+\] n:\s*\d+ .*?(?: sar:(\d+)/(\d+))? s:(\d+)x(\d+) ")


def showinfo_display_size(line: str, start: int) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """The frame's size in pixels and its display size (see display_size) from a showinfo frame line
    whose prefix (see log_prefix) ends at `start`; None for another kind of showinfo line."""
    m = _SHOWINFO_SIZE_RE.match(line, start)
    if m is None:
        return None
    pixels = (int(m.group(3)), int(m.group(4)))
    return pixels, display_size(*pixels, int(m.group(1) or 1), int(m.group(2) or 1))


#: A frame's colour matrix when its stream names none (FFmpeg prints no colour line, or "unknown").
UNSPECIFIED_MATRIX = "unspecified"
#: A colour range nothing names (FFmpeg's "unknown").
UNSPECIFIED_RANGE = "unspecified"
_COLOUR_SPACE_RE = re.compile(r"color_space:([\w-]+)")


#: FFmpeg's names of its colour matrices (AVColorSpace), by number, as showinfo prints them.
_MATRIX_NAMES = ("gbr", "bt709", "unknown", "reserved", "fcc", "bt470bg", "smpte170m", "smpte240m", "ycgco",
                 "bt2020nc", "bt2020c", "smpte2085", "chroma-derived-nc", "chroma-derived-c", "ictcp", "ipt-c2",
                 "ycgco-re", "ycgco-ro")
#: Names of one matrix: BT.601's two (System B/G and SMPTE 170M share their coefficients).
_SAME_MATRIX = {"smpte170m": "bt470bg"}


def _matrix(name: str) -> str:
    return UNSPECIFIED_MATRIX if name in ("unknown", "reserved") else name


def colour_matrix_named(number: int | None) -> str:
    """FFmpeg's name of the colour matrix `number` (a stream's AVColorSpace), or UNSPECIFIED_MATRIX."""
    if number is None or not 0 <= number < len(_MATRIX_NAMES):
        return UNSPECIFIED_MATRIX
    return _matrix(_MATRIX_NAMES[number])


def same_colour_matrix(a: str, b: str) -> bool:
    """Whether two of FFmpeg's matrix names convert colours alike (bt470bg and smpte170m do)."""
    return _SAME_MATRIX.get(a, a) == _SAME_MATRIX.get(b, b)


def colour_range_named(number: int | None) -> str:
    """FFmpeg's name of the colour range `number` (a stream's AVColorRange): "tv" (limited), "pc"
    (full) or UNSPECIFIED_RANGE."""
    return {1: "tv", 2: "pc"}.get(number if number is not None else 0, UNSPECIFIED_RANGE)


_COLOUR_RANGE_RE = re.compile(r"color_range:([\w-]+)")


def _colour_field(pattern: re.Pattern[str], rest: str) -> str | None:
    """A field of the rest of a showinfo colour line ("color_range:tv color_space:bt709 …"), or None
    for another line or one without it."""
    m = pattern.search(rest) if rest.lstrip().startswith("color_range:") else None
    return m.group(1) if m else None


def colour_range_of(rest: str) -> str:
    """The colour range in the rest of a showinfo colour line ("tv" or "pc"), or UNSPECIFIED_RANGE."""
    name = _colour_field(_COLOUR_RANGE_RE, rest)
    return name if name in ("tv", "pc") else UNSPECIFIED_RANGE


def colour_matrix_in(rest: str) -> str | None:
    """colour_matrix_of for a colour line read during a decode, or None when its matrix is not one of
    FFmpeg's names: another thread's message cut into the line ("bt470bgApplication provided …",
    on a real WebM), which says nothing of the frame."""
    name = _colour_field(_COLOUR_SPACE_RE, rest)
    return _matrix(name) if name in _MATRIX_NAMES else None


def colour_matrix_of(rest: str) -> str:
    """The colour matrix in the rest of a showinfo colour line ("color_range:tv color_space:bt709
    …"), or UNSPECIFIED_MATRIX for another line, "unknown" or "reserved"."""
    return _matrix(_colour_field(_COLOUR_SPACE_RE, rest) or UNSPECIFIED_MATRIX)


def display_size(width: int, height: int, sar_num: int = 1, sar_den: int = 1) -> tuple[int, int]:
    """The size a player shows a width x height frame at, with its pixel aspect ratio (SAR) applied
    to the width, as FFmpeg's DAR does; an unknown SAR (0/1) is square pixels."""
    if sar_num > 0 and sar_den > 0 and sar_num != sar_den:
        return max(1, int(round(width * sar_num / sar_den))), height
    return width, height


def log_prefix(filter_name: str) -> str:
    """How FFmpeg starts a log line of the filter instance `filter_name` (then its address and "]")."""
    return f"[{filter_name} @ "


def log_tag() -> str:
    """A random part for the instance names of the filters whose log lines prelint reads (showinfo's
    frame times, ebur128's summary). FFmpeg prints text from the file on the same stderr, some of it
    with its line breaks (a Matroska CodecID in "Unknown/unsupported AVCodecID …", tags): a file
    could print a line that looks like FFmpeg's own, but not one that starts with a name chosen at
    random for this run."""
    import secrets

    return secrets.token_hex(16)


#: Data memory (RLIMIT_DATA: heap and private mappings) each FFmpeg process prelint starts may
#: use: 40 bytes per pixel of the draft's frame (27 frames of 8-bit 4:2:0, what a decoder at the
#: codecs' level limits, its threads and the filter graph hold), at least 768 MiB. A stream built to
#: make the decoder keep more pictures than its parameter sets declare (or pictures of 12-bit 4:4:4)
#: meets the limit: FFmpeg's allocation fails and the draft is reported as too costly to decode.
MIN_FFMPEG_DATA_BYTES = 768 << 20
#: Bytes of small frames one decode process may hold decoded ahead of the analysers (at least
#: MIN_QUEUED_FRAMES frames): past it the reader waits, so ffmpeg waits on its full pipe. A
#: video of tiny frames at 1,000 fps is decoded far faster than it is analysed; an unbounded
#: queue grew prelint's process by ~140 MB/s. A normal draft's analysers keep up with its
#: decoder, so the queue never fills.
MAX_QUEUED_SMALL_BYTES = 32 << 20
MIN_QUEUED_FRAMES = 64
#: How often a reader waiting on a full queue looks whether its process has been stopped.
QUEUE_POLL_S = 0.05
#: Longest line of an FFmpeg process's stderr prelint reads (bytes); the rest of a longer line is read
#: and dropped, and a line kept in the log tail is cut to MAX_TAIL_LINE_CHARS. FFmpeg prints a frame's
#: side data (a user-data SEI, as hex) and a metadata value (its pieces joined by \x08, \x0b or \x0c
#: instead of cut at 255 characters) on one line: a draft with a 40 MB SEI on its first frames made
#: lines of 80 MB, and prelint's own process grew to 4.9 GB.
MAX_LOG_LINE_BYTES = 8192
MAX_TAIL_LINE_CHARS = 300
FFMPEG_DATA_BYTES_PER_PIXEL = 40
#: What FFmpeg prints when an allocation fails (a frame buffer: get_buffer() failed).
OUT_OF_MEMORY_RE = re.compile(r"Cannot allocate memory|out of memory|get_buffer\(\) failed|malloc of size \d+ failed",
                              re.IGNORECASE)


def ffmpeg_data_limit(pixels: int = 0) -> int:
    """The data memory (bytes) an FFmpeg process decoding frames of `pixels` may use."""
    return max(MIN_FFMPEG_DATA_BYTES, FFMPEG_DATA_BYTES_PER_PIXEL * max(0, pixels))


def memory_limited(limit_bytes: int, soft_only: bool = False) -> Callable[[], None] | None:
    """A preexec_fn that sets RLIMIT_DATA in the child before ffmpeg runs (Linux; elsewhere None).
    It only makes one system call: nothing that could wait for a lock another thread held.
    soft_only: leave the hard limit as it is, so the child may give its own children a limit of
    their own (a container worker starting ffmpeg)."""
    import resource

    if not sys.platform.startswith("linux") or not hasattr(resource, "RLIMIT_DATA"):
        return None
    hard = resource.getrlimit(resource.RLIMIT_DATA)[1] if soft_only else limit_bytes

    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_DATA, (limit_bytes, hard))

    return apply


def ffmpeg_exe() -> str:
    """The ffmpeg binary bundled with imageio-ffmpeg (there is no system ffmpeg)."""
    import imageio_ffmpeg

    return imageio_ffmpeg.get_ffmpeg_exe()


class DecodeProcess:
    """One ffmpeg process decoding one stretch; background threads read its pipes into queues
    so a stretch decoded ahead of the analysers does not stall on a full pipe."""

    def __init__(self, segment: Segment, command: Callable[[int, int], list[str]],
                 small_pool: BufferPool, read_big: Callable[[IO[bytes], queue.Queue[float], queue.Queue[Any]], None],
                 log_tail: deque[str], readers: concurrent.futures.ThreadPoolExecutor,
                 errors: DecodeErrors | None = None, memory_limit: int | None = None, tag: str = "") -> None:
        """command(small_fd, big_fd): the ffmpeg command line writing the small frames to the
        first pipe and the sampled frames to the second; read_big(pipe, pts, out): the
        sampled frames' reader, which puts them on `out` and then None. tag: the random part of the
        showinfo filters' names, `showinfo@small_TAG` and `showinfo@big_TAG` (see log_tag)."""
        self.segment = segment
        small_r, small_w = os.pipe()
        big_r, big_w = os.pipe()
        try:
            self.proc = subprocess.Popen(command(small_w, big_w), stdin=subprocess.DEVNULL,
                                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                         pass_fds=(small_w, big_w),
                                         preexec_fn=memory_limited(memory_limit or ffmpeg_data_limit()))
        except BaseException:
            for fd in (small_r, big_r):
                os.close(fd)
            raise
        finally:
            os.close(small_w)
            os.close(big_w)
        self.small_pipe = os.fdopen(small_r, "rb", buffering=0)
        self.big_pipe = os.fdopen(big_r, "rb", buffering=0)
        pts_small: queue.Queue[float] = queue.Queue()
        pts_big: queue.Queue[float] = queue.Queue()
        self.small: queue.Queue[tuple[float, bytearray] | None] = queue.Queue(
            maxsize=max(MIN_QUEUED_FRAMES, MAX_QUEUED_SMALL_BYTES // max(1, small_pool.size)))
        self.big: queue.Queue[Any] = queue.Queue()
        self._big_done = False
        self._stopped = threading.Event()  # set by kill and close: a waiting reader gives up
        # long-lived pool threads, not new ones per stretch: each thread's malloc arena keeps
        # its peak, so fresh threads per stretch would grow memory with the video's length
        self._small_reader = readers.submit(_read_into, self.small_pipe, small_pool, pts_small, self.small,
                                            self._stopped)
        self.readers = [
            readers.submit(_read_log, self.proc.stderr, pts_small, pts_big, log_tail, errors, tag),
            self._small_reader,
            readers.submit(read_big, self.big_pipe, pts_big, self.big),
        ]

    def decoded(self) -> bool:
        """The process has exited (its frames may still wait in the queues)."""
        return self.proc.poll() is not None

    def frames(self, idle: Callable[[], None], deadline: Deadline) -> Iterator[tuple[float, bytearray]]:
        """Small frames in order, until the last one or the deadline; `idle` is called while
        waiting (to start more processes)."""
        while True:
            try:
                item = self.small.get(timeout=0.05)
            except queue.Empty:
                if self._small_reader.done() and self.small.empty():
                    return  # the reader stopped without its end marker (it failed): no more frames
                if deadline.expired():
                    return
                idle()
                continue
            if item is None:
                return
            yield item

    def big_ready(self) -> list[Any]:
        out = []
        while not self._big_done:
            try:
                item = self.big.get_nowait()
            except queue.Empty:
                break
            if item is None:
                self._big_done = True
            else:
                out.append(item)
        return out

    def big_rest(self, deadline: float) -> Iterator[Any]:
        while not self._big_done:
            try:
                item = self.big.get(timeout=max(0.01, deadline - time.monotonic()))
            except queue.Empty:
                return
            if item is None:
                self._big_done = True
            else:
                yield item

    #: How FFmpeg exited when it ended by itself after writing its frames (see close): not 0 means
    #: it stopped decoding part-way (a filter it could not run on a later frame), not the stream's end.
    exit_code: int | None = None

    def kill(self) -> None:
        self._stopped.set()
        if self.proc.poll() is None:
            try:
                self.proc.kill()
            except OSError:
                pass

    def close(self, deadline: float) -> None:
        """Wait for the readers (until `deadline`), reap the process, close the pipes; closing
        again is harmless. A reader still waiting on a full queue gives up: nobody will take
        its frames."""
        self._stopped.set()
        concurrent.futures.wait(self.readers, timeout=max(0.5, deadline - time.monotonic()))
        if self.exit_code is None and all(r.done() for r in self.readers):
            try:  # both pipes ended: FFmpeg is exiting, by itself
                self.exit_code = self.proc.wait(timeout=max(0.5, min(5.0, deadline - time.monotonic())))
            except subprocess.TimeoutExpired:
                pass
        kill(self.proc)
        for pipe in (self.small_pipe, self.big_pipe, self.proc.stderr):
            if pipe is not None:
                pipe.close()


def _read_into(pipe: IO[bytes], pool: BufferPool, pts: queue.Queue[float],
               out: queue.Queue[tuple[float, bytearray] | None], stopped: threading.Event) -> None:
    """Small frames onto the bounded queue `out`, then None; when `stopped` is set while the
    queue is full, the reader returns (a reader never waits for ever: the pool's threads would
    never come back, and the interpreter's exit would wait for them)."""
    try:
        for item in timed_frames(pipe, pool, pts):
            if not _put_unless_stopped(out, item, stopped):
                return
    finally:
        _put_unless_stopped(out, None, stopped)


def _put_unless_stopped(out: queue.Queue[Any], item: Any, stopped: threading.Event) -> bool:
    while True:
        try:
            out.put(item, timeout=QUEUE_POLL_S)
            return True
        except queue.Full:
            if stopped.is_set():
                return False


def kill(proc: subprocess.Popen[bytes]) -> None:
    """Kill the process unless it has exited, and reap it (waiting at most 5 s)."""
    if proc.poll() is None:
        try:
            proc.kill()
        except OSError:
            pass
    try:
        proc.wait(timeout=5)
    except subprocess.TimeoutExpired:
        pass


class StderrDrain:
    """Reads a process's stderr to its end on a thread, keeping its first and last `keep` bytes.

    A process whose stderr nobody reads stops when the pipe fills (64 KiB on Linux): every pipe
    prelint opens is read to the end, whatever the process writes."""

    def __init__(self, stream: IO[bytes] | None, keep: int = 16384, name: str = "prelint-stderr") -> None:
        self.head = bytearray()
        self.tail = bytearray()
        self._keep = keep
        self._stream = stream
        self._thread = threading.Thread(target=self._drain, name=name, daemon=True)
        self._thread.start()

    def _drain(self) -> None:
        if self._stream is None:
            return
        try:
            for chunk in iter(lambda: self._stream.read(4096), b""):  # type: ignore[union-attr]
                room = self._keep - len(self.head)
                if room > 0:
                    self.head.extend(chunk[:room])
                    chunk = chunk[room:]
                self.tail.extend(chunk)
                del self.tail[:-self._keep]
        except (OSError, ValueError):
            pass

    def join(self, timeout: float | None = None) -> None:
        self._thread.join(timeout)

    def kept(self) -> bytes:
        """What was kept, head then tail (a gap between them when more was written)."""
        return bytes(self.head) + bytes(self.tail)

    def text(self) -> str:
        return self.kept().decode(errors="replace")


class DecodeErrors:
    """What the decoders reported as damage in the stream: lines such as "error while decoding MB",
    "concealing … errors", "Invalid NAL unit", counted over every decode process of one analysis,
    with the first few kept as examples; and the display sizes of the decoded frames before scaling
    (after autorotation, pixel aspect ratio applied), from the filter `showinfo@in_TAG`, of which the
    first two different ones are kept."""

    def __init__(self) -> None:
        self.count = 0
        self.examples: list[str] = []
        self.out_of_memory = False  # a decoder's allocation failed (its memory limit)
        self.frame_sizes: list[tuple[int, int]] = []
        self.colour_matrices: list[str] = []  # the first two different ones, as frame_sizes
        self._lock = threading.Lock()

    def add(self, line: str) -> None:
        with self._lock:
            self.count += 1
            if len(self.examples) < 3:
                self.examples.append(line[:200])

    def colour_matrix(self, matrix: str) -> None:
        if matrix not in self.colour_matrices and len(self.colour_matrices) < 2:
            with self._lock:
                if matrix not in self.colour_matrices and len(self.colour_matrices) < 2:
                    self.colour_matrices.append(matrix)

    def frame_size(self, size: tuple[int, int]) -> None:
        if size not in self.frame_sizes and len(self.frame_sizes) < 2:
            with self._lock:
                if size not in self.frame_sizes and len(self.frame_sizes) < 2:
                    self.frame_sizes.append(size)


#: Decoder messages that mean the stream is damaged (muxer and filter warnings are not).
_DECODE_ERROR_RE = re.compile(r"error while decoding|concealing \d+|Invalid NAL unit|corrupt (?:decoded )?frame|"
                              r"decode_slice_header error|Missing reference picture|illegal short term buffer|"
                              r"Error splitting the input into NAL units|Invalid data found when processing input",
                              re.IGNORECASE)


def bounded_lines(stream: IO[bytes], limit: int = MAX_LOG_LINE_BYTES) -> Iterator[bytes]:
    """The lines of `stream`, each cut to `limit` bytes (the rest of a longer line is read and dropped,
    never held)."""
    while True:
        line = stream.readline(limit)
        if not line:
            return
        if len(line) >= limit and not line.endswith(b"\n"):
            while True:
                rest = stream.readline(limit)
                if not rest or rest.endswith(b"\n"):
                    break
        yield line


def _read_log(stderr: IO[bytes], pts_small: queue.Queue[float], pts_big: queue.Queue[float],
              tail: deque[str], errors: DecodeErrors | None = None, tag: str = "") -> None:
    """Frame times from the lines of the filters `showinfo@small_TAG` and `showinfo@big_TAG`, the
    decoded frame sizes from those of `showinfo@in_TAG` (only those: their names hold the run's random
    part), decode errors and the log's tail."""
    prefixes = {log_prefix(f"showinfo@small_{tag}"): pts_small, log_prefix(f"showinfo@big_{tag}"): pts_big}
    decoded = log_prefix(f"showinfo@in_{tag}")
    colour: str | None = None  # the colour matrix of the last decoded frame, once its lines are read
    try:
        for raw in bounded_lines(stderr):
            line = raw.decode(errors="replace")
            if line.startswith("[showinfo@"):
                prefix = line[:line.find(" @ ") + 3]
                if prefix == decoded:
                    sizes = showinfo_display_size(line, len(prefix))
                    if sizes is not None and errors is not None:
                        errors.frame_size(sizes[1])
                        if colour is not None:
                            errors.colour_matrix(colour)
                        colour = UNSPECIFIED_MATRIX  # until a colour line for this frame says otherwise
                    elif colour is not None:
                        rest = line[line.find("]", len(prefix)) + 1:]
                        if rest.lstrip().startswith("color_range:"):
                            colour = colour_matrix_in(rest)  # None: this frame's line was cut
                    continue
                m = _SHOWINFO_RE.match(line, len(prefix)) if prefix in prefixes else None
                if m:
                    t = float(m.group(2)) if m.group(2) != "nan" else float("nan")
                    prefixes[prefix].put(t)
                    continue
            # FFmpeg's own messages start a line; the file's tags are printed indented
            if errors is not None and not line[:1].isspace():
                if _DECODE_ERROR_RE.search(line):
                    errors.add(line.strip())
                if OUT_OF_MEMORY_RE.search(line):
                    errors.out_of_memory = True
            tail.append(line.strip()[:MAX_TAIL_LINE_CHARS])
    except (OSError, ValueError):
        pass
    if colour is not None and errors is not None:
        errors.colour_matrix(colour)


def _read_exact_into(pipe: IO[bytes], buf: bytearray) -> bool:
    view = memoryview(buf)
    got = 0
    while got < len(buf):
        try:
            n = pipe.readinto(view[got:])  # type: ignore[attr-defined]
        except (OSError, ValueError):
            return False
        if not n:
            return False
        got += n
    return True


def timed_frames(pipe: IO[bytes], pool: BufferPool,
                 pts: queue.Queue[float]) -> Iterator[tuple[float, bytearray]]:
    """(PTS, raw frame) pairs from a rawvideo pipe and its showinfo PTS queue, until either
    ends; each frame is read into one of the pool's buffers."""
    while True:
        buf = pool.get()
        if not _read_exact_into(pipe, buf):
            pool.put(buf)
            return
        try:
            t = pts.get(timeout=10.0)
        except queue.Empty:
            pool.put(buf)
            return
        yield t, buf

