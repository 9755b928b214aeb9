"""QR codes in the sampled frames (OpenCV's QRCodeDetector), for the off-platform-contact rule.

OpenCV's detector costs far more than linear in the candidate corner squares a picture holds: a
240 KB video of 540×1920 frames tiled with finder patterns held one call for 788 s and 8 GB, past
any time limit (a C call is not interrupted). So the frames are read in a worker process, started
with `python -P` (nothing imported from the working folder) under a data-memory limit, each frame
given QR_FRAME_TIME_LIMIT_S and the draft's deadline; a frame that takes longer, or runs the worker
out of memory, ends the QR reading of the draft with a note. Ordinary frames take 20–40 ms.

The worker side is `python -P -m prelint.content.qr`: it reads frames (a 12-byte header of height,
width and channels, then the pixels) from stdin and answers each with one JSON line.
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

#: Seconds one frame may take in the worker (an ordinary 540×960 frame: 20–40 ms).
QR_FRAME_TIME_LIMIT_S = 5.0
#: Data memory of the worker: Python, NumPy and OpenCV with room for a large frame's detector.
QR_DATA_LIMIT = 1 << 30
#: Seconds the worker may take to start (imports of NumPy and OpenCV), before its first frame.
QR_START_TIME_LIMIT_S = 30.0
#: How every note of the QR reading starts (the off-platform-contact rule shows it as a metric).
QR_NOTE_START = "QR codes not read"
_HEADER = struct.Struct("<III")


@dataclass(frozen=True)
class QrReading:
    codes: tuple[QRCode, ...]
    note: str | None = None  # why the reading stopped early, if it did


def decode_qr(image: "np.ndarray") -> tuple[str, ...]:
    """Payloads of the QR codes found in one BGR or grey image (empty strings dropped), in this
    process: only for a trusted picture (prelint's own tests); drafts go through find_qr_codes."""
    import cv2

    detector = cv2.QRCodeDetector()
    grey = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY) if image.ndim == 3 else image
    try:
        found, payloads, _points, _straight = detector.detectAndDecodeMulti(grey)
    except cv2.error:
        found, payloads = False, ()
    out = [p for p in payloads if p] if found else []
    if not out:
        # the multi-code path misses some single small codes (≈ 3 px per module) that this one reads
        try:
            single, _points, _straight = detector.detectAndDecode(grey)
        except cv2.error:
            single = ""
        out = [single] if single else []
    return tuple(dict.fromkeys(out))


def find_qr_codes(frames: Sequence["SampledFrame"], deadline: "Deadline | None" = None) -> QrReading:
    """One QRCode per payload per frame it was decoded on, in time order, read in a worker process."""
    from prelint.media.container_process import read_json_line, start_python_worker
    from prelint.media.deadline import Deadline

    deadline = deadline if deadline is not None else Deadline.never()
    codes: list[QRCode] = []
    seen: set[tuple[float, str]] = set()
    ordered = sorted(frames, key=lambda f: f.t_s)
    if not ordered:
        return QrReading(())
    proc = start_python_worker("prelint.content.qr", QR_DATA_LIMIT, extra_env={"OMP_NUM_THREADS": "1"})
    note = None
    try:
        assert proc.stdin is not None and proc.stdout is not None
        if read_json_line(proc.stdout, min(QR_START_TIME_LIMIT_S, deadline.remaining())) != "ready":
            return QrReading((), "QR codes not read: the QR reader did not start" if not deadline.expired() else
                             f"QR codes not read past {ordered[0].t_s:.1f} s: the analysis time limit passed")
        for frame in ordered:
            image = frame.image
            height, width = image.shape[:2]
            channels = image.shape[2] if image.ndim == 3 else 1
            budget = QR_FRAME_TIME_LIMIT_S
            try:
                proc.stdin.write(_HEADER.pack(height, width, channels) + image.astype("uint8", copy=False).tobytes())
                proc.stdin.flush()
            except OSError:
                answer = None
            else:
                answer = read_json_line(proc.stdout, min(budget, deadline.remaining()))
            if not isinstance(answer, list) or not all(isinstance(p, str) for p in answer):
                if deadline.expired():
                    note = f"QR codes not read past {frame.t_s:.1f} s: the analysis time limit passed"
                else:
                    note = (f"QR codes not read past {frame.t_s:.1f} s: the frame there needs more than "
                            f"{QR_FRAME_TIME_LIMIT_S:g} s or {QR_DATA_LIMIT >> 20} MiB to scan")
                break
            for payload in answer:
                key = (frame.t_s, payload)
                if key not in seen:
                    seen.add(key)
                    codes.append(QRCode(t_s=frame.t_s, data=payload))
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait()
        for stream in (proc.stdin, proc.stdout):
            if stream is not None:
                try:
                    stream.close()
                except OSError:
                    pass
    return QrReading(tuple(codes), note)


def _serve() -> None:
    """The worker: frames in on stdin, one JSON list of payloads out per frame."""
    import cv2  # noqa: F401  (imported before "ready": a frame's time is its scan alone)
    import numpy as np

    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    stdout.write(b'"ready"\n')
    stdout.flush()
    while True:
        header = stdin.read(_HEADER.size)
        if len(header) < _HEADER.size:
            return
        height, width, channels = _HEADER.unpack(header)
        size = height * width * channels
        pixels = stdin.read(size)
        if len(pixels) < size:
            return
        shape = (height, width, channels) if channels > 1 else (height, width)
        image = np.frombuffer(pixels, np.uint8).reshape(shape)
        try:
            payloads = list(decode_qr(image))
        except MemoryError:
            return
        stdout.write(json.dumps(payloads).encode() + b"\n")
        stdout.flush()


if __name__ == "__main__":
    _serve()
