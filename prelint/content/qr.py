"""QR codes in the sampled frames (OpenCV's QRCodeDetector), for the off-platform-contact rule."""

from __future__ import annotations

from typing import TYPE_CHECKING, Sequence

from prelint.content.model import QRCode

if TYPE_CHECKING:
    import numpy as np

    from prelint.media.facts import SampledFrame


def decode_qr(image: "np.ndarray") -> tuple[str, ...]:
    """Payloads of the QR codes found in one BGR image (empty strings dropped)."""
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


def find_qr_codes(frames: Sequence["SampledFrame"]) -> tuple[QRCode, ...]:
    """One QRCode per payload per frame it was decoded on, in time order (≈ 20–40 ms per 540×960 frame)."""
    codes: list[QRCode] = []
    seen: set[tuple[float, str]] = set()
    for frame in sorted(frames, key=lambda f: f.t_s):
        for payload in decode_qr(frame.image):
            key = (frame.t_s, payload)
            if key not in seen:
                seen.add(key)
                codes.append(QRCode(t_s=frame.t_s, data=payload))
    return tuple(codes)
