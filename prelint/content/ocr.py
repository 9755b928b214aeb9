"""On-screen text: OCR (rapidocr, models shipped inside its wheel) on the frames the media engine sampled.

OCR is the most expensive step of a lint (≈ 0.35–0.5 s per 540×960 frame on 2 cores), so:
- a frame is read only when its text-likelihood map (strong-edge mask at low resolution) differs
  from the last frame read; frames with no text-like edges are not read at all;
- at most `OcrSettings.max_frames` frames are read per draft, spread over the video;
- text repeated on consecutive reads (same words, overlapping box) becomes one TextSpan whose
  time span covers every frame it was seen on.

No model is ever downloaded: the model files are passed by path and any download attempt inside
rapidocr raises OcrUnavailable instead.
"""

from __future__ import annotations

import contextlib
import threading
import time
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator, Sequence

from prelint.content.model import TextSpan

if TYPE_CHECKING:
    import numpy as np

    from prelint.media.facts import SampledFrame

#: Model files shipped in the rapidocr wheel (rapidocr/models/).
DET_MODEL = "PP-OCRv6_det_small.onnx"
REC_MODEL = "PP-OCRv6_rec_small.onnx"
CLS_MODEL = "ch_ppocr_mobile_v2.0_cls_mobile.onnx"


class OcrUnavailable(RuntimeError):
    """The OCR engine cannot run here (models missing, or it tried to download something)."""


def ocr_threads(decode_workers: int | None = None) -> int:
    """2 when the draft may use two or more cores (see prelint.media.facts.decode_workers), else 1."""
    from prelint.media.facts import decode_workers as cores_for_draft

    return min(2, cores_for_draft(decode_workers))


@dataclass(frozen=True)
class OcrSettings:
    """How on-screen text is read.

    max_frames: most frames OCR'd per draft (each ≈ 0.35–0.5 s on 2 cores).
    det_limit_side_len: px the detector scales the LONG side down to when larger ("max" limit type):
        a 540×960 frame is read as is (PERF.md: same text as full size), and a stack of text bands
        is never upscaled (rapidocr's default "min" limit would blow a 540×300 stack up to 540 px
        high and lose the saving).
    min_score: OCR lines with a recognition confidence (0..1) below this are dropped.
    map_width_px: width (px) of the grey image the text-likelihood map is computed on.
    edge_threshold: morphological gradient (0..255) above which a pixel counts as a text edge.
    min_text_fraction: share of map pixels that must be text edges for the frame to be read at all.
    change_threshold: Dice dissimilarity (0..1) of two frames' text maps, in the tile where they differ
        most, above which the text is considered changed and the frame is read again.
    same_text_ratio: two OCR lines with at least this similarity (0..1) are the same text.
    threads: onnxruntime threads per OCR call; default: 2 when this process may use two or more cores
        (the draft's decode workers: `--jobs` or PRELINT_DECODE_WORKERS), else 1. OCR runs after the decode, so a
        single lint has the cores it was given to itself then; in a parallel batch each worker has one core,
        and 1 thread is about 2× faster than 2 when other work competes for the cores.
    band_row_fraction: a row of the text map with at least this share of edge pixels belongs to a
        text band; only the bands (plus band_margin_px) are OCR'd, stacked into one image.
    band_margin_px: pixels (on the sampled frame) added above and below each band.
    max_band_share: when the bands cover more than this share of the frame height, the whole frame
        is OCR'd instead.
    """

    max_frames: int = 12
    det_limit_side_len: int = 960
    min_score: float = 0.7
    map_width_px: int = 540  # at 270 px two different captions in the same place differed by only 0.30 (fixtures/sample)
    edge_threshold: int = 170
    min_text_fraction: float = 0.002
    change_threshold: float = 0.3
    same_text_ratio: float = 0.8
    threads: int = field(default_factory=ocr_threads)
    band_row_fraction: float = 0.03
    band_margin_px: int = 12
    max_band_share: float = 0.6


@dataclass(frozen=True)
class OcrLine:
    text: str
    box: tuple[int, int, int, int]  # x, y, w, h on the frame
    score: float


@dataclass(frozen=True)
class OcrStats:
    """What the screen reader did: frames seen, read, skipped as unchanged/textless, and time spent."""

    frames_seen: int = 0
    frames_read: int = 0
    frames_unchanged: int = 0
    frames_without_text: int = 0
    frames_over_budget: int = 0
    seconds: float = 0.0
    notes: tuple[str, ...] = field(default_factory=tuple)


# --------------------------------------------------------------------------- engine

_engine: Any = None
_engine_lock = threading.Lock()


def models_dir() -> Path:
    import importlib.util

    spec = importlib.util.find_spec("rapidocr")
    if spec is None or spec.origin is None:
        raise OcrUnavailable("rapidocr is not installed (pip install rapidocr onnxruntime)")
    return Path(spec.origin).parent / "models"


def _import_onnxruntime() -> None:
    """Import onnxruntime with its telemetry off and its state kept in prelint's cache folder.
    On import it starts its telemetry (a session file `.ses` in the temporary folder) and writes a
    device id and a database under `$XDG_CACHE_HOME/Microsoft/DeveloperTools/.onnxruntime` (else
    `~/.cache/…`). prelint sets ORT_DISABLE_TELEMETRY=1 for its process, which stops both, and points
    XDG_CACHE_HOME at `<cache dir>/onnxruntime` for the import, so a build that writes state anyway
    writes it in prelint's own folder (a private temporary folder when the cache folder cannot be
    used)."""
    import os
    import sys
    import tempfile

    if "onnxruntime" in sys.modules:
        return
    from prelint.cache_folder import cache_dir, private_folder

    folder = private_folder(cache_dir() / "onnxruntime", link_ok=False)
    if folder is None:
        folder = Path(tempfile.mkdtemp(prefix="prelint-onnxruntime-"))
    before = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(folder)
    os.environ["ORT_DISABLE_TELEMETRY"] = "1"  # read again when a session is made: it stays set
    try:
        import onnxruntime  # noqa: F401
    except ImportError:
        pass  # rapidocr reports its missing engine itself
    finally:
        if before is None:
            os.environ.pop("XDG_CACHE_HOME", None)
        else:
            os.environ["XDG_CACHE_HOME"] = before


@contextlib.contextmanager
def _downloads_forbidden() -> Iterator[None]:
    """rapidocr downloads missing models or dictionaries at run time; make any attempt fail loudly."""
    _import_onnxruntime()
    from rapidocr.utils import download_file

    original = download_file.DownloadFile.run

    def refuse(cls: Any, params: Any) -> None:
        raise OcrUnavailable(f"rapidocr tried to download {getattr(params, 'file_url', '?')}; prelint never downloads models")

    download_file.DownloadFile.run = classmethod(refuse)  # type: ignore[method-assign,assignment]
    try:
        yield
    finally:
        download_file.DownloadFile.run = original  # type: ignore[method-assign]


def engine(settings: OcrSettings = OcrSettings()) -> Any:
    """The process-wide rapidocr engine, created on first use (≈ 1–2 s) from the wheel's models."""
    global _engine
    with _engine_lock:
        if _engine is None:
            folder = models_dir()
            paths = {name: folder / name for name in (DET_MODEL, REC_MODEL, CLS_MODEL)}
            missing = [str(p) for p in paths.values() if not p.is_file()]
            if missing:
                raise OcrUnavailable(f"OCR model files missing from the rapidocr package: {', '.join(missing)}")
            from rapidocr import RapidOCR

            params = {
                "Global.log_level": "error",
                "Global.use_cls": False,  # captions are upright; the angle classifier costs time
                "Global.text_score": settings.min_score,
                "Det.model_path": str(paths[DET_MODEL]),
                "Rec.model_path": str(paths[REC_MODEL]),
                "Cls.model_path": str(paths[CLS_MODEL]),
                "Det.limit_side_len": settings.det_limit_side_len,
                "Det.limit_type": "max",
                "EngineConfig.onnxruntime.intra_op_num_threads": settings.threads,
                "EngineConfig.onnxruntime.inter_op_num_threads": 1,
            }
            with _downloads_forbidden():
                _engine = RapidOCR(params=params)
                # the recogniser is built lazily on the first call: build it now, still guarded
                import numpy as np

                _engine(np.full((64, 64, 3), 255, np.uint8))
        return _engine


#: Images with a side shorter than this (px) hold no readable text line.
MIN_READABLE_SIDE_PX = 12


def read_lines(image: "np.ndarray", settings: OcrSettings = OcrSettings()) -> tuple[OcrLine, ...]:
    """OCR one BGR image: text lines with boxes (x, y, w, h) and confidence, top to bottom."""
    if min(image.shape[:2]) < MIN_READABLE_SIDE_PX:
        return ()  # no line of text fits (and the detector refuses to resize such a strip)
    ocr = engine(settings)  # built (and warmed up) under _downloads_forbidden; calls download nothing
    result = ocr(image)
    texts = result.txts or ()
    if not texts:
        return ()
    lines = []
    for text, box, score in zip(texts, result.boxes, result.scores):
        text = " ".join(str(text).split())
        if not text or float(score) < settings.min_score:
            continue
        xs = [float(p[0]) for p in box]
        ys = [float(p[1]) for p in box]
        x0, y0 = int(round(min(xs))), int(round(min(ys)))
        lines.append(OcrLine(text, (x0, y0, int(round(max(xs))) - x0, int(round(max(ys))) - y0), float(score)))
    return tuple(sorted(lines, key=lambda line: (line.box[1], line.box[0])))


# --------------------------------------------------------------------------- frame selection


def text_map(image: "np.ndarray", settings: OcrSettings = OcrSettings()) -> "np.ndarray":
    """Cheap text-likelihood map: strong morphological-gradient pixels of a small grey copy (bool)."""
    import cv2

    h, w = image.shape[:2]
    width = min(settings.map_width_px, w)
    height = max(1, round(h * width / w))
    grey = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY) if image.ndim == 3 else image
    small = cv2.resize(grey, (width, height), interpolation=cv2.INTER_AREA)
    gradient = cv2.morphologyEx(small, cv2.MORPH_GRADIENT, cv2.getStructuringElement(cv2.MORPH_RECT, (3, 3)))
    return gradient >= settings.edge_threshold


def map_change(a: "np.ndarray", b: "np.ndarray", tiles: tuple[int, int] = (12, 4), min_fill: float = 0.02) -> float:
    """Largest Dice dissimilarity (0 = same edges, 1 = nothing in common) over the tiles of two text maps.

    Compared tile by tile (rows × columns) so a new caption in one band counts even when the rest of
    the frame is busy; tiles where neither map has min_fill edge pixels are ignored.
    """
    import numpy as np

    if a.shape != b.shape:
        return 1.0
    rows, cols = tiles
    h, w = a.shape
    worst = 0.0
    for r in range(rows):
        y0, y1 = r * h // rows, (r + 1) * h // rows
        for c in range(cols):
            x0, x1 = c * w // cols, (c + 1) * w // cols
            ta, tb = a[y0:y1, x0:x1], b[y0:y1, x0:x1]
            na, nb = int(ta.sum()), int(tb.sum())
            if na + nb == 0 or max(na, nb) < min_fill * ta.size:
                continue  # also a tile with no pixels at all (a map fewer than `rows` high)
            worst = max(worst, 1.0 - 2.0 * int(np.logical_and(ta, tb).sum()) / (na + nb))
    return worst


@dataclass
class _Group:
    """Consecutive frames whose text map did not change: one is read, the others extend its time."""

    frame: "SampledFrame"
    start_s: float
    end_s: float


def group_frames(frames: Sequence["SampledFrame"], settings: OcrSettings) -> tuple[list[_Group], int, int]:
    """Frames in time order → groups of unchanged text, plus counts (unchanged, without text).

    Only the newest group's text map is kept (it is all the next frame is compared with): a map
    is a full-size mask, so keeping one per group grew memory with the draft's length."""
    groups: list[_Group] = []
    unchanged = without_text = 0
    seen_times: set[float] = set()
    last_map = None
    for frame in sorted(frames, key=lambda f: f.t_s):
        if frame.t_s in seen_times:
            continue
        seen_times.add(frame.t_s)
        current = text_map(frame.image, settings)
        if current.mean() < settings.min_text_fraction:
            without_text += 1
            continue
        if last_map is not None and map_change(last_map, current) < settings.change_threshold:
            groups[-1].end_s = frame.t_s
            unchanged += 1
            continue
        groups.append(_Group(frame, frame.t_s, frame.t_s))
        last_map = current
    return groups, unchanged, without_text


def within_budget(groups: list[_Group], max_frames: int) -> list[_Group]:
    """At most max_frames groups, evenly spread in time; the first group is always kept."""
    if len(groups) <= max_frames:
        return groups
    if max_frames <= 0:
        return []
    if max_frames == 1:
        return groups[:1]
    step = (len(groups) - 1) / (max_frames - 1)
    chosen = sorted({round(i * step) for i in range(max_frames)})
    return [groups[i] for i in chosen]


# --------------------------------------------------------------------------- merging


def _same_text(a: str, b: str, ratio: float) -> bool:
    return a == b or SequenceMatcher(None, a, b).ratio() >= ratio


def _boxes_overlap(a: tuple[int, int, int, int], b: tuple[int, int, int, int]) -> bool:
    ax, ay, aw, ah = a
    bx, by, bw, bh = b
    ix = max(0, min(ax + aw, bx + bw) - max(ax, bx))
    iy = max(0, min(ay + ah, by + bh) - max(ay, by))
    inter = ix * iy
    smaller = min(aw * ah, bw * bh)
    return smaller > 0 and inter / smaller >= 0.3


def merge_reads(reads: Sequence[tuple[float, float, Sequence[OcrLine]]], same_text_ratio: float = 0.8) -> tuple[TextSpan, ...]:
    """(start_s, end_s, lines) per read frame, in time order → TextSpans.

    A line that repeats on the next read (similar text, overlapping box) extends the open span;
    the best-scored reading of the text is kept.
    """
    open_spans: list[dict[str, Any]] = []
    closed: list[dict[str, Any]] = []
    for start_s, end_s, lines in reads:
        still_open: list[dict[str, Any]] = []
        used: set[int] = set()
        for line in lines:
            match = None
            for i, span in enumerate(open_spans):
                if i not in used and _same_text(span["text"], line.text, same_text_ratio) and _boxes_overlap(span["box"], line.box):
                    match = i
                    break
            if match is None:
                still_open.append({"start_s": start_s, "end_s": end_s, "text": line.text, "box": line.box,
                                   "score": line.score, "scores": [line.score]})
                continue
            used.add(match)
            span = open_spans[match]
            span["end_s"] = end_s
            span["scores"].append(line.score)
            if line.score > span["score"]:
                span["text"], span["box"], span["score"] = line.text, line.box, line.score
            still_open.append(span)
        closed.extend(span for i, span in enumerate(open_spans) if i not in used)
        open_spans = still_open
    closed.extend(open_spans)
    closed.sort(key=lambda s: (s["start_s"], s["box"][1], s["box"][0]))
    return tuple(
        TextSpan(
            start_s=round(s["start_s"], 3),
            end_s=round(s["end_s"], 3),
            text=s["text"],
            source="screen",
            box=tuple(int(v) for v in s["box"]),  # type: ignore[arg-type]
            confidence=round(sum(s["scores"]) / len(s["scores"]), 3),
        )
        for s in closed
    )


def text_bands(image: "np.ndarray", settings: OcrSettings = OcrSettings()) -> list[tuple[int, int]]:
    """Horizontal bands (y0, y1 on the image) that hold text-like edges, merged and padded.

    Returns [(0, height)] when the bands would cover most of the frame anyway.
    """
    import numpy as np

    h = image.shape[0]
    mask = text_map(image, settings)
    rows = mask.mean(axis=1) >= settings.band_row_fraction
    scale = h / mask.shape[0]
    margin = settings.band_margin_px
    bands: list[list[int]] = []
    for index in np.flatnonzero(rows):
        y0 = max(0, int(index * scale) - margin)
        y1 = min(h, int((index + 1) * scale) + margin)
        if bands and y0 <= bands[-1][1]:
            bands[-1][1] = max(bands[-1][1], y1)
        else:
            bands.append([y0, y1])
    covered = sum(y1 - y0 for y0, y1 in bands)
    if not bands or covered > settings.max_band_share * h:
        return [(0, h)]
    return [(y0, y1) for y0, y1 in bands]


_BAND_GAP_PX = 24  # neutral rows between stacked bands so text never touches across a seam


def read_bands(image: "np.ndarray", settings: OcrSettings = OcrSettings()) -> tuple[OcrLine, ...]:
    """OCR only the text bands of a frame, stacked into one image (one detector pass), boxes mapped back."""
    import numpy as np

    bands = text_bands(image, settings)
    if bands == [(0, image.shape[0])]:
        return read_lines(image, settings)
    pieces, offsets, position = [], [], 0
    gap = np.full((_BAND_GAP_PX, image.shape[1], 3), 128, np.uint8)
    for y0, y1 in bands:
        if pieces:
            pieces.append(gap)
            position += _BAND_GAP_PX
        offsets.append((position, position + (y1 - y0), y0))
        pieces.append(image[y0:y1])
        position += y1 - y0
    lines = []
    for line in read_lines(np.ascontiguousarray(np.vstack(pieces)), settings):
        x, y, w, h = line.box
        centre = y + h / 2
        for top, bottom, source_y in offsets:
            if top - _BAND_GAP_PX / 2 <= centre < bottom + _BAND_GAP_PX / 2:
                lines.append(OcrLine(line.text, (x, y - top + source_y, w, h), line.score))
                break
    return tuple(sorted(lines, key=lambda line: (line.box[1], line.box[0])))


def read_screen_text(frames: Sequence["SampledFrame"], settings: OcrSettings = OcrSettings()) -> tuple[tuple[TextSpan, ...], OcrStats]:
    """OCR the sampled frames whose text changed (within the frame budget) and merge repeats into spans."""
    started = time.perf_counter()
    groups, unchanged, without_text = group_frames(frames, settings)
    chosen = within_budget(groups, settings.max_frames)
    notes: list[str] = []
    if len(chosen) < len(groups):
        notes.append(f"OCR read {len(chosen)} of {len(groups)} frames with changed text (budget: {settings.max_frames} frames)")
    reads = []
    for group in chosen:
        reads.append((group.start_s, group.end_s, read_bands(group.frame.image, settings)))
    spans = merge_reads(reads, settings.same_text_ratio)
    stats = OcrStats(
        frames_seen=len({f.t_s for f in frames}),
        frames_read=len(chosen),
        frames_unchanged=unchanged,
        frames_without_text=without_text,
        frames_over_budget=len(groups) - len(chosen),
        seconds=round(time.perf_counter() - started, 3),
        notes=tuple(notes),
    )
    return spans, stats
