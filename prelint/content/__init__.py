"""On-screen and spoken text of a draft: subtitles (sidecar or embedded), OCR of sampled frames, QR codes.

`build_content(facts)` is the "content" fact provider (prelint/facts.py). Importing this package is
light; pysubs2, PyAV, OpenCV and rapidocr load only when content is built.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from prelint.content.model import ContentSource, ContentText, QRCode, TextSpan

if TYPE_CHECKING:
    from prelint.context import Facts

NO_TEXT_SOURCE = "no subtitles or video to read text from"


def build_content(facts: "Facts") -> ContentText:
    """Everything the draft's video says (subtitles) and shows (OCR text, QR codes).

    Subtitles come from `draft.subtitles` (a sidecar .srt/.vtt/.ass; broken files raise InputError),
    else from the first text subtitle stream embedded in the video. On-screen text and QR codes come
    from the frames the media engine sampled; OCR is skipped when `config.ocr` is False.
    Raises Skip when there is neither a video nor subtitles.
    """
    from prelint.errors import Skip

    draft = facts.draft
    if draft.video is None and draft.subtitles is None:
        raise Skip(NO_TEXT_SOURCE)

    notes: list[str] = []
    subtitles: tuple[TextSpan, ...] = ()
    subtitles_source: str | None = None
    if draft.subtitles is not None:
        from prelint.content.subtitles import read_subtitle_file

        subtitles = read_subtitle_file(draft.subtitles)
        subtitles_source = str(draft.subtitles)
    elif draft.video is not None:
        from prelint.content.subtitles import read_embedded_subtitles

        facts.get("probe")  # an unusable video fails here with the probe's message
        from prelint.facts import analysis_deadline

        subtitles, note = read_embedded_subtitles(draft.video, analysis_deadline(facts))
        if subtitles:
            subtitles_source = "embedded"
        if note:
            notes.append(note)
    if not subtitles and subtitles_source is None:
        notes.append("no subtitles (no sidecar .srt/.vtt/.ass and none embedded)")

    screen: tuple[TextSpan, ...] = ()
    qr_codes: tuple[QRCode, ...] = ()
    ocr_ran = False
    ocr_frames_read = 0
    ocr_seconds = 0.0
    if draft.video is None:
        notes.append("no video: on-screen text not read")
    else:
        if facts.config.ocr and facts.computed("media") is None:
            _preload_ocr_engine()  # import + model load (≈ 1–2 s) overlap the media decode
        frames = _sampled_frames(facts, notes)
        if frames is not None:
            from prelint.content.ocr import OcrSettings, OcrUnavailable, ocr_threads, read_screen_text
            from prelint.content.qr import merge_sightings

            settings = OcrSettings(threads=ocr_threads(facts.decode_workers))
            # QR codes are read during the decode, from every picture sampled on the grid (see QrScanner)
            media = facts.get("media")
            qr_codes = merge_sightings(media.qr_codes)
            if media.qr_note:
                notes.append(media.qr_note)
            if not facts.config.ocr:
                notes.append("OCR is off (--no-ocr or ocr = false): on-screen text not read")
            else:
                try:
                    screen, stats = _cached_screen_text(draft.video, frames, settings, read_screen_text)
                except OcrUnavailable as exc:
                    notes.append(f"OCR unavailable: {exc}")
                else:
                    ocr_ran = True
                    ocr_frames_read = stats.frames_read
                    ocr_seconds = stats.seconds
                    notes.extend(stats.notes)
                    if not screen:
                        notes.append(f"OCR found no on-screen text in {stats.frames_seen} sampled frames")
    return ContentText(
        subtitles=subtitles,
        screen=screen,
        qr_codes=qr_codes,
        ocr_ran=ocr_ran,
        subtitles_source=subtitles_source,
        notes=tuple(notes),
        ocr_frames_read=ocr_frames_read,
        ocr_seconds=ocr_seconds,
    )


# In-process cache of OCR results: linting one video under several titles (tests, batch re-runs,
# editors) reads its frames once. Keyed by the file's identity and the OCR settings.
_SCREEN_CACHE: dict[tuple, tuple] = {}
_SCREEN_CACHE_SIZE = 16


def _cached_screen_text(video, frames, settings, read):  # type: ignore[no-untyped-def]
    import os

    try:
        stat = os.stat(video)
        key = (os.path.abspath(video), stat.st_size, stat.st_mtime_ns, settings, tuple(f.t_s for f in frames))
    except OSError:
        return read(frames, settings)
    if key not in _SCREEN_CACHE:
        if len(_SCREEN_CACHE) >= _SCREEN_CACHE_SIZE:
            _SCREEN_CACHE.pop(next(iter(_SCREEN_CACHE)))
        _SCREEN_CACHE[key] = read(frames, settings)
    return _SCREEN_CACHE[key]


def _preload_ocr_engine() -> None:
    """Build the OCR engine, then jieba's dictionary and POS tagger (the rules that judge the text read
    will segment it), in a background thread while the main thread waits on the decode pipe.
    A failure is left for the real call to report."""
    import threading

    def load() -> None:
        from prelint.content.ocr import engine

        try:
            engine()
        except Exception:  # OcrUnavailable or a broken install: read_screen_text raises it again, with context
            pass
        try:
            import jieba
            import jieba.posseg  # noqa: F401

            jieba.setLogLevel(60)
            jieba.initialize()
        except Exception:  # the text rules report a broken jieba themselves
            pass

    # not a daemon: the interpreter waits for it at exit. A daemon thread still inside onnxruntime's
    # session set-up when a short lint ends (every frame too small to read, a check failing first)
    # made the process abort ("terminate called without an active exception")
    threading.Thread(target=load, name="prelint-ocr-preload", daemon=False).start()


def _sampled_frames(facts: "Facts", notes: list[str]) -> tuple | None:
    """The media engine's sampled frames, or None (with a note) when there are none to read."""
    from prelint.errors import Skip

    try:
        media = facts.get("media")
    except Skip as skip:
        notes.append(f"on-screen text not read: {skip.reason}")
        return None
    except (ImportError, NotImplementedError) as exc:  # media engine not available in this install
        notes.append(f"on-screen text not read: media analysis unavailable ({exc})")
        return None
    frames = tuple(getattr(media, "frames", ()) or ())
    if not frames:
        notes.append("on-screen text not read: the media analysis kept no frames")
        return None
    return frames


__all__ = ["ContentSource", "ContentText", "QRCode", "TextSpan", "build_content"]
