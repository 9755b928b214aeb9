"""Media facts cached by content hash + settings key, in the user cache folder.

Location: $PRELINT_CACHE_DIR, else $XDG_CACHE_HOME/prelint, else ~/.cache/prelint; never
beside the video. One ``.npz`` per entry (no pickle): a JSON document with every fact and
the sampled frames as JPEG bytes. Writes are atomic (temp file + os.replace); an entry
that cannot be read is ignored (and overwritten by the next store).
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import tempfile
from pathlib import Path
from typing import Any

import numpy as np

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

#: Bytes hashed at each end of the file (plus its size) to identify the content.
HASH_EDGE_BYTES = 1 << 20
#: Files up to this size are hashed completely.
FULL_HASH_MAX_BYTES = 8 << 20
#: JPEG quality of the cached sampled frames.
JPEG_QUALITY = 90


def cache_dir() -> Path:
    env = os.environ.get("PRELINT_CACHE_DIR")
    if env:
        return Path(env)
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg) if xdg else Path.home() / ".cache"
    return base / "prelint"


def content_hash(path: str | os.PathLike[str]) -> str:
    """sha256 of the size and the content (whole file if small, else first+last MiB)."""
    path = Path(path)
    size = path.stat().st_size
    h = hashlib.sha256(str(size).encode() + b"\0")
    with open(path, "rb") as fh:
        if size <= FULL_HASH_MAX_BYTES:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                h.update(chunk)
        else:
            h.update(fh.read(HASH_EDGE_BYTES))
            fh.seek(size - HASH_EDGE_BYTES)
            h.update(fh.read(HASH_EDGE_BYTES))
    return h.hexdigest()[:32]


def key_for(path: str | os.PathLike[str], settings: AnalysisSettings) -> str:
    return f"{content_hash(path)}-{settings.key()}"


def entry_path(key: str) -> Path:
    return cache_dir() / f"{key}.npz"


def load(key: str) -> MediaFacts | None:
    """The cached facts, or None when absent or unreadable."""
    path = entry_path(key)
    if not path.is_file():
        return None
    try:
        with np.load(path, allow_pickle=False) as data:
            doc = json.loads(bytes(data["facts"]).decode("utf-8"))
            images = [np.asarray(data[f"frame{i}"]) for i in range(len(doc["frames"]))]
        return _from_doc(doc, images)
    except Exception:  # corrupt/old entry: ignore, it will be rewritten
        return None


def store(key: str, facts: MediaFacts) -> Path | None:
    """Write atomically; returns the entry path (None if the cache folder is not writable)."""
    import cv2

    folder = cache_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
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
    buf = io.BytesIO()
    np.savez(buf, **arrays)
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=".npz", dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(buf.getvalue())
        os.replace(tmp, entry_path(key))
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
        },
        "audio": {
            "has_audio": f.audio.has_audio, "first_sound_s": f.audio.first_sound_s,
            "silences": [[s.start_s, s.end_s] for s in f.audio.silences],
            "loudness_lufs": f.audio.loudness_lufs,
            "loudness_times_s": list(f.audio.loudness_times_s),
            "loudness_db": list(f.audio.loudness_db), "sample_rate": f.audio.sample_rate,
        },
        "frames": [[fr.t_s, fr.reason] for fr in f.frames],
        "settings_key": f.settings_key,
        "analysis_seconds": f.analysis_seconds,
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
        ),
        audio=AudioFacts(
            has_audio=au["has_audio"], first_sound_s=au["first_sound_s"],
            silences=tuple(Silence(a, b) for a, b in au["silences"]),
            loudness_lufs=au["loudness_lufs"], loudness_times_s=tuple(au["loudness_times_s"]),
            loudness_db=tuple(au["loudness_db"]), sample_rate=au["sample_rate"],
        ),
        frames=tuple(frames),
        settings_key=doc["settings_key"],
        analysis_seconds=float(doc["analysis_seconds"]),
    )
