"""QR codes in the sampled frames (OpenCV's QR detectors and zxing-cpp), for the off-platform-contact rule.

OpenCV's detector costs far more than linear in the candidate corner squares a picture holds: a
240 KB video of 540×1920 frames tiled with finder patterns held one call for 788 s and 8 GB, past
any time limit (a C call is not interrupted). So the frames are read in a worker process, started
with `python -P` (nothing imported from the working folder) under a data-memory limit, each frame
given QR_FRAME_TIME_LIMIT_S and the draft's deadline; a frame that takes longer, or runs the worker
out of memory, is skipped and the worker started afresh, and MAX_UNREADABLE_PICTURES of them end
the QR reading of the draft; either way a note says so (RISK003 warns about it). Ordinary 1080×1920
pictures take 70–130 ms (see decode_qr's modes).

The worker side is `python -P -m prelint.content.qr`: it reads frames (a 16-byte header of height,
width, channels and decode_qr's mode, then the pixels) from stdin and answers each with one JSON line.
"""

from __future__ import annotations

import json
import struct
import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING, Sequence

from prelint.content.model import QRCode

if TYPE_CHECKING:
    import numpy as np

    from prelint.media.deadline import Deadline
    from prelint.media.facts import SampledFrame

#: Seconds one frame may take in the worker (an ordinary 1080×1920 picture: 70–130 ms).
QR_FRAME_TIME_LIMIT_S = 5.0
#: Data memory of the worker: Python, NumPy and OpenCV with room for a large frame's detector.
QR_DATA_LIMIT = 1 << 30
#: Seconds the worker may take to start (imports of NumPy and OpenCV), before its first frame.
QR_START_TIME_LIMIT_S = 30.0
#: Pictures the worker may fail to scan in time (each skipped, the worker started afresh) before
#: the reading of the draft ends.
MAX_UNREADABLE_PICTURES = 3
#: Sightings of one QR code at most this far apart (s) are one stretch on screen (the sampled
#: pictures come every 0.5 s; see merge_sightings).
SIGHTING_GAP_S = 1.5
#: Times of crowded pictures (qr_finders.Crowded) named in the note at most.
MAX_CROWDED_TIMES_NAMED = 5
#: How every note of the QR reading starts (the off-platform-contact rule warns with it).
QR_NOTE_START = "QR codes not read"
_HEADER = struct.Struct("<IIII")  # height, width, channels, mode


@dataclass(frozen=True)
class QrReading:
    codes: tuple[QRCode, ...]
    note: str | None = None  # why the reading stopped early, if it did


#: What decode_qr looks for (see there).
THOROUGH, STREAM = 0, 1
#: The classic detector reads a picture at half its size too when the half is at least this many
#: pixels on its short side (see decode_qr).
HALF_SIZE_MIN_SHORT_SIDE_PX = 360
#: The grey Java ZXing's scanners read from a picture, (R + 2G + B) / 4: weights of B, G, R.
ZXING_GREY_WEIGHTS = (0.25, 0.5, 0.25)
#: The payload of a code whose text OpenCV's Python binding cannot give back (Kanji mode, or text in
#: GB18030 or Shift-JIS: it raises UnicodeDecodeError): still a QR code on screen.
TEXT_NOT_UTF8 = "\ufffd"


def decode_qr(image: "np.ndarray", mode: int = THOROUGH) -> tuple[str, ...]:
    """Payloads of the QR codes found in one BGR or grey image (empty strings dropped), in this
    process: only for a trusted picture (prelint's own tests); drafts go through QrScanner.

    STREAM, for every picture sampled during the decode (up to a 2,160 px short side), until a
    pass reads a code: OpenCV's ArUco-based detector (about 10 ms on a 1080×1920 picture; it reads
    modules of 2 px, and one pass finds codes of either polarity; a light-on-dark one found is read
    from the picture inverted); ZXing's reader (zxing-cpp, the library of many phone scanners: about
    4 ms, both polarities, codes tilted in perspective or turned, modules down to about 1.5 px,
    blur, no quiet zone, stretched modules); OpenCV's classic detector's single-code pass on the
    luma picture and on it inverted (30–60 ms each), then at half size (it reads a code turned
    by 10–45° with a damaged timing row, which the other readers miss); prelint's own pairing of finder patterns (qr_finders:
    about 40 ms), which reads a code framed by decoy finder squares with its timing rows blanked
    (ZXing's reader pairs each corner square with its nearest few, the ArUco-based detector checks
    the timing rows; WeChat's reader reads it); and for a colour picture, the three once more on
    the picture made grey as Java ZXing's scanners do, (R + 2G + B) / 4 (a code drawn in two colours
    of equal luma, red on blue, is blank in the luma every other pass reads, and plain to those
    scanners). Raises qr_finders.Crowded when no code was read and a picture held more finder
    patterns than are paired.
    THOROUGH, for tests: OpenCV's classic detector on the picture, then on it inverted, then ZXing's
    reader. A code read in a picture is enough for RISK003's finding, so the passes need not find
    every code of a picture."""
    import cv2

    grey = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY) if image.ndim == 3 else image
    if mode == STREAM:
        from prelint.content.qr_finders import Crowded, read_framed_codes

        greys = [grey]
        if image.ndim == 3:
            import numpy as np

            greys.append(cv2.transform(image, np.array([ZXING_GREY_WEIGHTS], np.float32)))
        crowded: Crowded | None = None
        for each in greys:
            out = _decode_aruco(each) or zxing_payloads(each)
            if not out and each is grey:
                out = _decode_classic(grey)
            if not out:
                try:
                    out = read_framed_codes(each)
                except Crowded as error:
                    crowded = crowded or error
            if out:
                return out
        if crowded is not None:
            raise crowded
        return ()
    return _decode_grey(grey) or _decode_grey(cv2.bitwise_not(grey)) or zxing_payloads(grey)


def _decode_classic(grey: "np.ndarray") -> tuple[str, ...]:
    """OpenCV's classic detector's single-code pass on the picture and on it inverted, then at half
    size: it reads a turned code with a damaged timing row, which the other readers miss."""
    import cv2

    out = _decode_single(grey) or _decode_single(cv2.bitwise_not(grey))
    if not out and min(grey.shape) >= 2 * HALF_SIZE_MIN_SHORT_SIDE_PX:
        half = cv2.resize(grey, (grey.shape[1] // 2, grey.shape[0] // 2), interpolation=cv2.INTER_AREA)
        out = _decode_single(half) or _decode_single(cv2.bitwise_not(half))
    return out


def _decode_single(grey: "np.ndarray") -> tuple[str, ...]:
    """The classic detector's single-code pass (any code read gives RISK003 its finding)."""
    import cv2

    single = _read_one(cv2.QRCodeDetector(), grey)
    return (single,) if single else ()


def zxing_payloads(grey: "np.ndarray", pure: bool = False) -> tuple[str, ...]:
    """ZXing's reader (zxing-cpp) on a grey picture, codes of either polarity (pure: one upright code
    drawn module-exact, as qr_finders redraws it); a code whose bytes are not text, or whose text it
    could not decode whole (a replacement character), reads as TEXT_NOT_UTF8."""
    import zxingcpp

    try:
        found = zxingcpp.read_barcodes(grey, formats=zxingcpp.BarcodeFormat.QRCode, try_invert=not pure, is_pure=pure)
    except (RuntimeError, ValueError):
        return ()
    return tuple(dict.fromkeys(code.text if code.text and TEXT_NOT_UTF8 not in code.text else TEXT_NOT_UTF8
                               for code in found if code.text or code.bytes))


def _decode_aruco(grey: "np.ndarray") -> tuple[str, ...]:
    import cv2

    detector = cv2.QRCodeDetectorAruco()
    params = detector.getArucoParameters()
    params.detectInvertedMarker = True
    detector.setArucoParameters(params)
    found, out = _read_all(detector, grey)
    if found and not out:  # a light-on-dark code found, read from the picture inverted
        found, out = _read_all(cv2.QRCodeDetectorAruco(), cv2.bitwise_not(grey))
    return out


def _decode_grey(grey: "np.ndarray") -> tuple[str, ...]:
    import cv2

    detector = cv2.QRCodeDetector()
    _found, out = _read_all(detector, grey)
    if not out:
        # the multi-code path misses some single small codes (≈ 3 px per module) that this one reads
        single = _read_one(detector, grey)
        out = (single,) if single else ()
    return out


def _read_all(detector, grey: "np.ndarray") -> tuple[bool, tuple[str, ...]]:  # type: ignore[no-untyped-def]
    """(whether any code was found, the payloads read, each once) of a detector's multi-code pass;
    a code whose text OpenCV cannot give back reads as TEXT_NOT_UTF8."""
    import cv2

    try:
        found, payloads, _points, _straight = detector.detectAndDecodeMulti(grey)
    except cv2.error:
        return False, ()
    except UnicodeDecodeError:
        return True, (TEXT_NOT_UTF8,)
    return bool(found), tuple(dict.fromkeys(p for p in payloads if p)) if found else ()


def _read_one(detector, grey: "np.ndarray") -> str:  # type: ignore[no-untyped-def]
    """The payload of a detector's single-code pass ("" when none; see _read_all)."""
    import cv2

    try:
        single, _points, _straight = detector.detectAndDecode(grey)
    except cv2.error:
        return ""
    except UnicodeDecodeError:
        return TEXT_NOT_UTF8
    return single


class QrScanner:
    """Reads QR codes from pictures handed to it one by one (`scan`, from any thread), in a worker
    process on a thread of its own, so a decode can hand over every sampled picture as it goes and memory
    stays flat; `finish` gives the codes in time order. The worker starts on the first picture.
    A picture is a BGR or grey array. At most QUEUED pictures wait: `scan` blocks past that (the worker sets the pace, the deadline bounds it)."""

    QUEUED = 8

    def __init__(self, deadline: "Deadline | None" = None, mode: int = THOROUGH) -> None:
        import queue
        import threading

        from prelint.media.deadline import Deadline

        self.deadline = deadline if deadline is not None else Deadline.never()
        self.mode = mode  # see decode_qr
        self._queue: queue.Queue[tuple[float, np.ndarray] | None] = queue.Queue(maxsize=self.QUEUED)
        self._codes: list[QRCode] = []
        self._note: str | None = None
        self._stopped = threading.Event()  # the reading ended early (see _note)
        self._thread: threading.Thread | None = None
        self._starting = threading.Lock()
        self._worker: _Worker | None = None  # the running worker, for close()

    def scan(self, t_s: float, picture: "np.ndarray") -> None:
        import queue

        if self._stopped.is_set():
            return
        with self._starting:  # the readers of several decode processes hand pictures over
            if self._thread is None:
                import threading

                self._thread = threading.Thread(target=self._run, name="prelint-qr", daemon=True)
                self._thread.start()
        while not self._stopped.is_set():
            try:
                self._queue.put((t_s, picture), timeout=0.1)
                return
            except queue.Full:
                if self.deadline.expired():
                    return

    def finish(self) -> QrReading:
        """The codes read (one per payload per picture, in time order) once every picture handed
        over is read, or the reading ended early (its note says where)."""
        import queue

        if self._thread is not None:
            while self._thread.is_alive():
                try:
                    self._queue.put(None, timeout=0.1)
                    break
                except queue.Full:  # the worker is still busy
                    if self._stopped.is_set() or self.deadline.expired():
                        break
            # each picture the worker still holds takes at most QR_FRAME_TIME_LIMIT_S
            wait = min(self.deadline.remaining(), (self.QUEUED + 2) * QR_FRAME_TIME_LIMIT_S)
            self._thread.join(timeout=max(1.0, wait + QR_FRAME_TIME_LIMIT_S))
            if self._thread.is_alive():
                self._stop(QR_NOTE_START + ": the analysis time limit passed")
        return QrReading(tuple(sorted(self._codes, key=lambda c: c.t_s)), self._note)

    def close(self) -> None:
        """Stop reading (the analysis failed or was interrupted): the worker is killed at once, not
        left scanning a costly picture after prelint has exited."""
        self._stopped.set()
        worker = self._worker
        if worker is not None and worker.proc.poll() is None:
            worker.proc.kill()

    def _stop(self, note: str) -> None:
        if self._note is None:
            self._note = note
        self._stopped.set()

    def _run(self) -> None:
        import queue

        seen: set[tuple[float, str]] = set()
        worker: _Worker | None = None
        unreadable: list[float] = []  # times of the pictures the worker could not scan in time
        crowded: list[tuple[float, str]] = []  # pictures with more finder patterns than are paired
        try:
            while True:
                try:
                    item = self._queue.get(timeout=0.1)
                except queue.Empty:
                    if self.deadline.expired():
                        self._stop(QR_NOTE_START + ": the analysis time limit passed")
                        return
                    if self._stopped.is_set():  # closed
                        return
                    continue
                if item is None or self._stopped.is_set():  # the end, or closed
                    return
                t_s, picture = item
                if worker is None:
                    worker = self._worker = _Worker.start(self.deadline)
                    if worker is None:
                        self._stop(QR_NOTE_START + (": the QR reader did not start" if not self.deadline.expired() else
                                                    f" past {t_s:.1f} s: the analysis time limit passed"))
                        return
                answer = worker.scan(picture, self.deadline, self.mode)
                if answer is None:
                    worker.close()
                    worker = None
                    if self._stopped.is_set():  # closed: the worker was killed, not stalled
                        return
                    if self.deadline.expired():
                        self._stop(f"{QR_NOTE_START} past {t_s:.1f} s: the analysis time limit passed")
                        return
                    # a picture too costly to scan (a screen of finder patterns) is skipped, in a fresh
                    # worker; a draft made of them ends the reading, with a note RISK003 warns about
                    unreadable.append(t_s)
                    if len(unreadable) >= MAX_UNREADABLE_PICTURES:
                        times = ", ".join(f"{t:.1f} s" for t in unreadable)
                        self._stop(f"{QR_NOTE_START} past {t_s:.1f} s: the frames at {times} each need more than "
                                   f"{QR_FRAME_TIME_LIMIT_S:g} s or {QR_DATA_LIMIT >> 20} MiB to scan")
                        return
                    continue
                if isinstance(answer, str):
                    crowded.append((t_s, answer))
                    continue
                for payload in answer:
                    if (t_s, payload) not in seen:
                        seen.add((t_s, payload))
                        self._codes.append(QRCode(t_s=t_s, data=payload))
        finally:
            self._stopped.set()
            if worker is not None:
                worker.close()
            if unreadable and self._note is None:
                times = ", ".join(f"{t:.1f} s" for t in unreadable)
                self._note = (f"{QR_NOTE_START} at {times}: the frame{'s' if len(unreadable) > 1 else ''} there "
                              f"need{'' if len(unreadable) > 1 else 's'} more than {QR_FRAME_TIME_LIMIT_S:g} s or "
                              f"{QR_DATA_LIMIT >> 20} MiB to scan")
            if crowded:
                crowded.sort()  # the pictures of several decode processes arrive out of order
                times = ", ".join(f"{t:.1f} s" for t, _what in crowded[:MAX_CROWDED_TIMES_NAMED])
                more = f" and {len(crowded) - MAX_CROWDED_TIMES_NAMED} more" if len(crowded) > MAX_CROWDED_TIMES_NAMED else ""
                crowd_note = (f"at {times}{more}: the frame{'s' if len(crowded) > 1 else ''} there "
                              f"hold{'' if len(crowded) > 1 else 's'} too many finder-like squares to pair "
                              f"({crowded[0][1]} at {crowded[0][0]:.1f} s)")
                self._note = f"{QR_NOTE_START} {crowd_note}" if self._note is None else f"{self._note}; and {crowd_note}"


class _Worker:
    """The QR worker process (`python -P -m prelint.content.qr`)."""

    def __init__(self, proc) -> None:  # type: ignore[no-untyped-def]
        self.proc = proc

    @classmethod
    def start(cls, deadline: "Deadline") -> "_Worker | None":
        """A started worker, or None when it did not get ready in time."""
        from prelint.media.container_process import read_json_line, start_python_worker

        worker = cls(start_python_worker("prelint.content.qr", QR_DATA_LIMIT, extra_env={"OMP_NUM_THREADS": "1"}))
        if read_json_line(worker.proc.stdout, min(QR_START_TIME_LIMIT_S, deadline.remaining())) != "ready":
            worker.close()
            return None
        return worker

    def scan(self, picture: "np.ndarray", deadline: "Deadline", mode: int) -> list[str] | str | None:
        """The payloads read from one picture; what crowded it (qr_finders.Crowded) when it holds
        more finder patterns than are paired and no code was read; None when it took too long or failed."""
        from prelint.media.container_process import read_json_line

        try:
            self.proc.stdin.write(_message(picture, mode))
            self.proc.stdin.flush()
        except OSError:
            return None
        answer = read_json_line(self.proc.stdout, min(QR_FRAME_TIME_LIMIT_S, deadline.remaining()))
        if isinstance(answer, dict) and isinstance(answer.get("crowded"), str):
            return answer["crowded"]
        if not isinstance(answer, list) or not all(isinstance(p, str) for p in answer):
            return None
        return answer

    def close(self) -> None:
        proc = self.proc
        if proc.poll() is None:
            proc.kill()
        proc.wait()
        for stream in (proc.stdin, proc.stdout):
            if stream is not None:
                try:
                    stream.close()
                except OSError:
                    pass


def _message(picture: "np.ndarray", mode: int) -> bytes:
    """A picture for the worker: a header (height, width, channels, mode) and the raw pixels."""
    height, width = picture.shape[:2]
    channels = picture.shape[2] if picture.ndim == 3 else 1
    return _HEADER.pack(height, width, channels, mode) + picture.astype("uint8", copy=False).tobytes()


def merge_sightings(codes: Sequence[QRCode], gap_s: float = SIGHTING_GAP_S) -> tuple[QRCode, ...]:
    """One QRCode per stretch of time a payload stays on screen: sightings of one payload at most
    gap_s apart are one, from its first sighting to its last; in time order."""
    merged: list[QRCode] = []
    open_: dict[str, int] = {}  # payload -> index in merged of its latest stretch
    for code in sorted(codes, key=lambda c: (c.t_s, c.data)):
        i = open_.get(code.data)
        if i is not None:
            last = merged[i]
            end = last.end_s if last.end_s is not None else last.t_s
            if code.t_s - end <= gap_s:
                merged[i] = QRCode(last.t_s, last.data, max(end, code.end_s if code.end_s is not None else code.t_s))
                continue
        open_[code.data] = len(merged)
        merged.append(code)
    return tuple(sorted(merged, key=lambda c: (c.t_s, c.data)))


def find_qr_codes(frames: Sequence["SampledFrame"], deadline: "Deadline | None" = None) -> QrReading:
    """One QRCode per payload per frame it was decoded on, in time order, read in a worker process
    (decode_qr's THOROUGH mode)."""
    scanner = QrScanner(deadline)
    for frame in sorted(frames, key=lambda f: f.t_s):
        scanner.scan(frame.t_s, frame.image)
    return scanner.finish()


def _serve() -> None:
    """The worker: frames in on stdin, one JSON list of payloads out per frame."""
    import cv2  # imported before "ready": a frame's time is its scan alone

    from prelint.content.qr_finders import Crowded

    cv2.setNumThreads(1)  # OpenCV's own threads cost a third more CPU here, beside the decode's
    import os

    from prelint.media.container_process import end_with

    end_with(os.getppid())
    import numpy as np

    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    stdout.write(b'"ready"\n')
    stdout.flush()
    while True:
        header = stdin.read(_HEADER.size)
        if len(header) < _HEADER.size:
            return
        height, width, channels, mode = _HEADER.unpack(header)
        size = height * width * channels
        pixels = stdin.read(size)
        if len(pixels) < size:
            return
        shape = (height, width, channels) if channels > 1 else (height, width)
        image = np.frombuffer(pixels, np.uint8).reshape(shape)
        try:
            answer: list[str] | dict[str, str] = list(decode_qr(image, mode if mode in (THOROUGH, STREAM) else THOROUGH))
        except Crowded as crowded:
            answer = {"crowded": crowded.what}
        except MemoryError:
            return
        stdout.write(json.dumps(answer).encode() + b"\n")
        stdout.flush()


if __name__ == "__main__":
    _serve()
