"""Media facts cached by content hash + settings key, in the user cache folder.

Location and trust: prelint.cache_folder (a folder private to the user; entries signed with
an HMAC and read with a size bound). One ``.npz`` per entry (no pickle, stored uncompressed:
a zip bomb is refused before anything is inflated): a JSON document with every fact, the
sampled frames as JPEG bytes and the entry's HMAC. Writes are atomic (temp file + os.replace);
an entry that cannot be read or fails its check is ignored (and overwritten by the next store).
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import tempfile
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from prelint.content.model import QRCode
from prelint.media.facts import (
    AnalysisSettings,
    AudioFacts,
    Bars,
    FrameSeries,
    MediaFacts,
    ProbeFacts,
    SampledFrame,
    Shot,
    Silence,
    Transition,
)

if TYPE_CHECKING:
    from prelint.media.deadline import Deadline

from prelint.cache_folder import cache_dir, entry_is_authentic, entry_mac, keep_within, private_folder, read_entry, touch

#: JPEG quality of the cached sampled frames.
JPEG_QUALITY = 90
#: Largest media cache entry read (facts, series and sampled frames of a long video fit many times).
MAX_ENTRY_BYTES = 256 << 20
#: Media cache entries kept together; the least recently used go first (an ordinary draft's entry
#: is 1–5 MB).
MAX_CACHE_BYTES = 2 << 30

__all__ = ["cache_dir", "content_hash", "key_for", "entry_key", "entry_path", "load", "store"]


def content_hash(path: str | os.PathLike[str], deadline: "Deadline | None" = None) -> str:
    """sha256 of the whole content (about 0.8 GB/s): two files differing anywhere never share an entry.
    With a deadline, AnalysisTimeout once it passes (a sparse file can declare terabytes)."""
    digest = hashlib.sha256()
    buffer = bytearray(1 << 20)
    view = memoryview(buffer)
    with open(path, "rb") as fh:
        while True:
            if deadline is not None:
                deadline.check(path)
            n = fh.readinto(buffer)
            if not n:
                return digest.hexdigest()[:32]
            digest.update(view[:n])


def key_for(path: str | os.PathLike[str], settings: AnalysisSettings, deadline: "Deadline | None" = None) -> str:
    return entry_key(content_hash(path, deadline), settings)


def entry_key(content: str, settings: AnalysisSettings) -> str:
    """The key of a video's entry from its content_hash and the analysis settings."""
    return f"{content}-{settings.key()}"


def entry_path(key: str) -> Path:
    return cache_dir() / f"{key}.npz"


def load(key: str) -> MediaFacts | None:
    """The cached facts, or None when absent, unreadable, oversized, compressed or not authentic."""
    folder = private_folder(cache_dir())
    if folder is None:
        return None
    raw = read_entry(entry_path(key), MAX_ENTRY_BYTES)
    if raw is None:
        return None
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:  # np.savez stores members: nothing to inflate
            if any(m.compress_type != zipfile.ZIP_STORED or m.file_size > len(raw) for m in archive.infolist()):
                return None
        with np.load(io.BytesIO(raw), allow_pickle=False) as data:
            facts_bytes = bytes(data["facts"])
            doc = json.loads(facts_bytes.decode("utf-8"))
            images = [np.asarray(data[f"frame{i}"]) for i in range(len(doc["frames"]))]
            mac = bytes(data["mac"]).decode("ascii")
        if not entry_is_authentic(folder, key, _signed_content(facts_bytes, images), mac):
            return None
        facts = _from_doc(doc, images)
        touch(entry_path(key))
        return facts
    except Exception:  # corrupt/old entry: ignore, it will be rewritten
        return None


def _signed_content(facts_bytes: bytes, images: list[np.ndarray]) -> bytes:
    digest = hashlib.sha256(facts_bytes)
    for image in images:
        digest.update(len(image.tobytes()).to_bytes(8, "little") + image.tobytes())
    return digest.digest()


def store(key: str, facts: MediaFacts) -> Path | None:
    """Write atomically; returns the entry path (None if the cache folder is not writable)."""
    import cv2

    folder = private_folder(cache_dir())
    if folder is None:
        return None
    arrays: dict[str, np.ndarray] = {
        "facts": np.frombuffer(json.dumps(_to_doc(facts)).encode("utf-8"), np.uint8),
    }
    for i, f in enumerate(facts.frames):
        if f.is_compressed:  # already JPEG: stored as is, no second compression
            arrays[f"frame{i}"] = f.pixels
            continue
        ok, jpg = cv2.imencode(".jpg", f.image, [cv2.IMWRITE_JPEG_QUALITY, JPEG_QUALITY])
        arrays[f"frame{i}"] = jpg.ravel() if ok else np.zeros(0, np.uint8)
    images = [arrays[f"frame{i}"] for i in range(len(facts.frames))]
    if sum(a.nbytes for a in arrays.values()) > MAX_ENTRY_BYTES - (1 << 20):
        return None  # load() would refuse it: an entry is never written only to be rewritten each run
    mac = entry_mac(folder, key, _signed_content(arrays["facts"].tobytes(), images))
    if mac is None:
        return None
    arrays["mac"] = np.frombuffer(mac.encode("ascii"), np.uint8)
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=".npz", dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            np.savez(fh, **arrays)  # straight to the file: no second copy of the frames in memory
        os.replace(tmp, entry_path(key))
        keep_within(folder, ".npz", MAX_CACHE_BYTES)
    except OSError:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        return None
    return entry_path(key)


def _to_doc(f: MediaFacts) -> dict[str, Any]:
    se = f.series
    return {
        "probe": f.probe.to_dict() | {"duration_s": f.probe.duration_s, "fps": f.probe.fps},
        "shots": [[s.start_s, s.end_s] for s in f.shots],
        "transitions": [[t.kind, t.start_s, t.end_s] for t in f.transitions],
        "series": {
            "times_s": list(se.times_s), "diff": list(se.diff), "motion": list(se.motion),
            "luma_mean": list(se.luma_mean), "luma_std": list(se.luma_std), "blur": list(se.blur),
            "is_black": list(se.is_black), "is_uniform": list(se.is_uniform),
            "bars": [se.bars.top, se.bars.bottom, se.bars.left, se.bars.right],
            "activity": list(se.activity), "picture_luma": list(se.picture_luma),
            "picture_std": list(se.picture_std), "picture_high": list(se.picture_high),
            "picture_blur": list(se.picture_blur),
            "picture": [se.picture.top, se.picture.bottom, se.picture.left, se.picture.right],
        },
        "audio": {
            "has_audio": f.audio.has_audio, "first_sound_s": f.audio.first_sound_s,
            "silences": [[s.start_s, s.end_s] for s in f.audio.silences],
            "loudness_lufs": f.audio.loudness_lufs,
            "loudness_times_s": list(f.audio.loudness_times_s),
            "loudness_db": list(f.audio.loudness_db), "sample_rate": f.audio.sample_rate,
            "peak_dbfs": f.audio.peak_dbfs, "clipped_share": f.audio.clipped_share,
        },
        "frames": [[fr.t_s, fr.reason] for fr in f.frames],
        "settings_key": f.settings_key,
        "analysis_seconds": f.analysis_seconds,
        "decode_errors": f.decode_errors, "decode_error_examples": list(f.decode_error_examples),
        "qr_codes": [[c.t_s, c.data] for c in f.qr_codes], "qr_note": f.qr_note,
    }


def _from_doc(doc: dict[str, Any], images: list[np.ndarray]) -> MediaFacts:
    import cv2

    se = doc["series"]
    au = doc["audio"]
    frames = []
    for (t, reason), jpg in zip(doc["frames"], images):
        # decoded once to validate (a damaged entry is recomputed), then kept compressed
        if jpg.ndim != 1 or cv2.imdecode(jpg, cv2.IMREAD_COLOR) is None:
            raise ValueError("bad frame")
        frames.append(SampledFrame(float(t), reason, jpg))
    return MediaFacts(
        probe=ProbeFacts(**doc["probe"]),
        shots=tuple(Shot(a, b) for a, b in doc["shots"]),
        transitions=tuple(Transition(k, a, b) for k, a, b in doc["transitions"]),
        series=FrameSeries(
            times_s=tuple(se["times_s"]), diff=tuple(se["diff"]), motion=tuple(se["motion"]),
            luma_mean=tuple(se["luma_mean"]), luma_std=tuple(se["luma_std"]), blur=tuple(se["blur"]),
            is_black=tuple(se["is_black"]), is_uniform=tuple(se["is_uniform"]), bars=Bars(*se["bars"]),
            activity=tuple(se["activity"]), picture_luma=tuple(se["picture_luma"]),
            picture_std=tuple(se["picture_std"]), picture_high=tuple(se["picture_high"]),
            picture_blur=tuple(se["picture_blur"]), picture=Bars(*se["picture"]),
        ),
        audio=AudioFacts(
            has_audio=au["has_audio"], first_sound_s=au["first_sound_s"],
            silences=tuple(Silence(a, b) for a, b in au["silences"]),
            loudness_lufs=au["loudness_lufs"], loudness_times_s=tuple(au["loudness_times_s"]),
            loudness_db=tuple(au["loudness_db"]), sample_rate=au["sample_rate"],
            peak_dbfs=au["peak_dbfs"], clipped_share=float(au["clipped_share"]),
        ),
        frames=tuple(frames),
        settings_key=doc["settings_key"],
        analysis_seconds=float(doc["analysis_seconds"]),
        decode_errors=int(doc["decode_errors"]),
        decode_error_examples=tuple(str(e) for e in doc["decode_error_examples"]),
        qr_codes=tuple(QRCode(float(t), str(data)) for t, data in doc["qr_codes"]),
        qr_note=None if doc["qr_note"] is None else str(doc["qr_note"]),
    )
