"""Subtitle cues as timed TextSpans: sidecar .srt/.vtt/.ass files (pysubs2) and subtitle streams
embedded in the video (extracted to SRT on stdout by the bundled ffmpeg; nothing is written to disk).

A broken file is an InputError naming the file, with the line of the first bad timestamp. A file
larger than MAX_SUBTITLE_BYTES (4 MiB, prelint/safe_io.py) is an InputError without being read; an
embedded stream whose text is larger is not read (a note says so).
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING

from prelint.content.model import TextSpan
from prelint.errors import InputError
from prelint.safe_io import MAX_SUBTITLE_BYTES, describe_size, read_regular_file

if TYPE_CHECKING:
    from prelint.media.deadline import Deadline

#: Encodings tried in order for sidecar files (Chinese subtitles are often GBK/GB18030).
SUBTITLE_ENCODINGS = ("utf-8-sig", "gb18030", "utf-16")
#: Seconds allowed for ffmpeg to extract an embedded subtitle stream.
EMBEDDED_EXTRACT_TIMEOUT_S = 60.0

# One SRT/VTT timing line: "00:00:01,000 --> 00:00:02,500" (hours optional in VTT; settings may follow).
_TIMESTAMP = r"(?:\d{1,3}:)?\d{1,2}:\d{1,2}[,.]\d{1,3}"
_TIMING_LINE = re.compile(rf"^\s*({_TIMESTAMP})\s*-->\s*({_TIMESTAMP})(?:\s+.*)?$")
_ASS_DIALOGUE = re.compile(r"^\s*Dialogue\s*:", re.IGNORECASE)
_ASS_TIME = re.compile(r"^\d+:\d{1,2}:\d{1,2}(?:[.:]\d{1,3})?$")
#: Image subtitle codecs, by codec and by decoder name (the container worker reports the decoder's).
_TEXT_BITMAP_CODECS = ("hdmv_pgs_subtitle", "dvd_subtitle", "dvb_subtitle", "xsub", "pgssub", "dvdsub", "dvbsub",
                       "dvb_teletext", "libzvbi_teletextdec", "arib_caption", "libaribb24", "libaribcaption")


def _decode(raw: bytes, path: Path) -> str:
    if b"\x00" in raw[:4096] and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError("not a subtitle file (binary data)", path)
    for encoding in SUBTITLE_ENCODINGS:
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise InputError(f"not readable as text (tried {', '.join(SUBTITLE_ENCODINGS)})", path)


def _validate_timings(text: str, path: Path, kind: str) -> None:
    """Check every timing line before pysubs2 sees it: pysubs2 silently swallows bad ones into text."""
    if kind in ("srt", "vtt"):
        for number, line in enumerate(text.splitlines(), 1):
            if "-->" not in line:
                continue
            match = _TIMING_LINE.match(line)
            if not match:
                raise InputError(f"line {number}: broken timestamp {line.strip()!r}", path)
            start, end = (_clock_s(match.group(i)) for i in (1, 2))
            if end < start:
                raise InputError(f"line {number}: cue ends before it starts ({line.strip()!r})", path)
    elif kind == "ass":
        for number, line in enumerate(text.splitlines(), 1):
            if not _ASS_DIALOGUE.match(line):
                continue
            fields = line.split(":", 1)[1].split(",", 3)
            if len(fields) < 4 or not (_ASS_TIME.match(fields[1].strip()) and _ASS_TIME.match(fields[2].strip())):
                shown = ",".join(fields[1:3]) if len(fields) >= 3 else line.strip()
                raise InputError(f"line {number}: broken timestamp in Dialogue ({shown.strip()!r})", path)


def _clock_s(stamp: str) -> float:
    parts = stamp.replace(",", ".").split(":")
    seconds = float(parts[-1])
    for i, part in enumerate(reversed(parts[:-1])):
        seconds += int(part) * 60 ** (i + 1)
    return seconds


_BLANK_RUN = re.compile(r"\n(?:[ \t]*\n){2,}")


def defuse_markup(text: str) -> str:
    """The subtitle text as pysubs2 can read it in linear time. Its clean-up patterns re-read the rest
    of a cue from every blank line (`\\n+ *\\d+ *$`), every `<` without a `>` after it
    (`< */? *[a-zA-Z][^>]*>`) and every `{` without a `}` after it (`{[^}]*}`), and its ASS section
    test re-reads a line that opens with `[` and never closes it: 80 KB of blank lines took 64 s,
    1 MiB of `<a` in a cue followed by others 309 s, 400 KB of `{` 93 s, a 400 KB line opening with
    `[` 89 s. Runs of blank lines become one (a cue ends at the first anyway); a `<` or `{` that
    nothing closes on its own line, and a line's opening `[` that it never closes, are shown as ‹, ｛
    and ［ (they open no tag or section)."""
    text = _BLANK_RUN.sub("\n\n", text.replace("\r\n", "\n").replace("\r", "\n"))
    if not any(c in text for c in "<{["):
        return text
    lines = text.split("\n")
    for i, line in enumerate(lines):
        for opening, closing, shown in (("<", ">", "‹"), ("{", "}", "｛")):
            last = line.rfind(closing)
            if line.find(opening, last + 1) >= 0:
                line = line[: last + 1] + line[last + 1 :].replace(opening, shown)
        head = line.find("[", 0, 4)
        if head >= 0 and line.find("]", head) < 0:
            line = line[:head] + "［" + line[head + 1 :]
        lines[i] = line
    return "\n".join(lines)


def parse_subtitles(text: str, path: Path, kind: str | None = None) -> tuple[TextSpan, ...]:
    """Parse subtitle text (srt, vtt or ass; guessed from the suffix or content) into spans."""
    import pysubs2

    kind = kind or {".srt": "srt", ".vtt": "vtt", ".ass": "ass", ".ssa": "ass"}.get(path.suffix.lower())
    if kind is None:
        kind = "vtt" if text.lstrip().startswith("WEBVTT") else ("ass" if "[Events]" in text else "srt")
    _validate_timings(text, path, kind)
    format_name = {"srt": "srt", "vtt": "vtt", "ass": "ass"}[kind]
    try:
        subs = pysubs2.SSAFile.from_string(defuse_markup(text), format_=format_name)
    except Exception as exc:  # pysubs2 raises several types for malformed input
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise InputError(f"cannot parse as {kind.upper()}: {reason}", path) from None
    spans = []
    for event in subs:
        if getattr(event, "is_comment", False):
            continue
        cue_text = " ".join(event.plaintext.split())
        if not cue_text:
            continue
        spans.append(TextSpan(start_s=event.start / 1000.0, end_s=event.end / 1000.0, text=cue_text, source="subtitles"))
    if not spans and text.strip():
        raise InputError(f"no subtitle cues found (is it really {kind.upper()}?)", path)
    return tuple(sorted(spans, key=lambda s: (s.start_s, s.end_s)))


def read_subtitle_file(path: str | Path) -> tuple[TextSpan, ...]:
    """Cues of a sidecar subtitle file. Raises InputError (naming the file) when it is unusable:
    missing, not a regular file, or larger than MAX_SUBTITLE_BYTES."""
    path = Path(path)
    raw = read_regular_file(path, MAX_SUBTITLE_BYTES, "subtitles file")
    return parse_subtitles(_decode(raw, path), path)


def embedded_subtitle_streams(video: str | Path, deadline: "Deadline | None" = None) -> list[tuple[int, str]]:
    """(index among subtitle streams, codec name) of each subtitle stream in the container, read
    in a container worker under its memory limit and `deadline` (the draft's analysis limit)."""
    from prelint.media import container_process

    # a listing that fails or runs out of time is an error for the draft (InputError, AnalysisTimeout),
    # never "no subtitles": read as none, subtitles prelint could not list would pass unread
    return [(int(i), str(codec)) for i, codec in container_process.run("subtitle_streams", Path(video), deadline)]


def read_embedded_subtitles(video: str | Path, deadline: "Deadline | None" = None) -> tuple[tuple[TextSpan, ...], str | None]:
    """Cues of every text subtitle stream in the video; InputError when one cannot be read (over the
    size limit, past the time limit, or failing), and a note when the subtitles are images only.
    `deadline`: the draft's analysis limit, for listing the streams and the extraction (which also
    has a limit of its own, EMBEDDED_EXTRACT_TIMEOUT_S).

    Returns ((), None) when the video has no subtitle stream.
    """
    streams = embedded_subtitle_streams(video, deadline)
    if not streams:
        return (), None
    streams = [(i, codec or "unknown codec") for i, codec in streams]  # a stream may name no codec
    text_streams = [(i, codec) for i, codec in streams if codec not in _TEXT_BITMAP_CODECS]
    if not text_streams:
        codecs = ", ".join(codec for _, codec in streams)
        return (), f"embedded subtitles are images ({codecs}); not read"
    # every text stream is read (a first stream of an unknown codec, or a harmless first track,
    # hid the subtitles after it), within one budget of bytes and the draft's time
    cues: list[TextSpan] = []
    budget = MAX_SUBTITLE_BYTES
    for index, codec in text_streams:
        if budget <= 0:
            raise InputError(f"embedded subtitles ({codec}) not read: the subtitles before it took the "
                             f"{describe_size(MAX_SUBTITLE_BYTES)} limit", Path(video))
        found, note = _read_embedded_stream(video, index, codec, budget, deadline)
        if note:
            # a text stream prelint cannot read fails the draft, as a sidecar file over its limit does:
            # reported as a note only, a WeChat id in a 5.6 MB stream passed the content rules
            raise InputError(f"{note}; remove the stream or give the subtitles as a sidecar file", Path(video))
        cues += found
        budget -= sum(len(c.text.encode()) for c in found) + 1
    cues.sort(key=lambda c: (c.start_s, c.end_s))
    return tuple(cues), None


def _read_embedded_stream(video: str | Path, index: int, codec: str, max_bytes: int,
                          deadline: "Deadline | None") -> tuple[tuple[TextSpan, ...], str | None]:
    """The cues of subtitle stream `index` (at most `max_bytes` of SRT), or a note why not."""
    from prelint.media.container import ffmpeg_input_args
    from prelint.media.ffmpeg_process import ffmpeg_exe

    cmd = [ffmpeg_exe(), "-hide_banner", "-loglevel", "error", "-nostdin", *ffmpeg_input_args(video, decode_video=False),
           "-map", f"0:s:{index}", "-f", "srt", "-"]
    limit_s = EMBEDDED_EXTRACT_TIMEOUT_S if deadline is None else max(0.1, min(EMBEDDED_EXTRACT_TIMEOUT_S, deadline.remaining()))
    stdout, stderr, returncode, timed_out = _run_capped(cmd, max_bytes, limit_s)
    if timed_out:
        return (), f"embedded subtitles ({codec}) not read: extraction took over {limit_s:.3g} s"
    if stdout is None:
        return (), f"embedded subtitles ({codec}) not read: larger than {describe_size(MAX_SUBTITLE_BYTES)}, the limit"
    if returncode != 0:
        reason = stderr.decode(errors="replace").strip().splitlines()[-1:] or ["ffmpeg failed"]
        return (), f"embedded subtitles ({codec}) not read: {reason[0]}"
    text = stdout.decode("utf-8", errors="replace")
    if not text.strip():
        return (), None
    try:
        return parse_subtitles(text, Path(str(video) + f"#subtitles:{index}"), kind="srt"), None
    except InputError as exc:
        return (), f"embedded subtitles ({codec}) not read: {exc.message}"


def _run_capped(cmd: list[str], max_bytes: int, timeout_s: float) -> tuple[bytes | None, bytes, int, bool]:
    """Run `cmd`, keeping at most `max_bytes` of its output: (stdout, or None when it wrote more and
    was stopped; the first and last 2 KiB of stderr; exit status; whether it was stopped at `timeout_s`)."""
    import threading

    from prelint.media.ffmpeg_process import StderrDrain, ffmpeg_data_limit, memory_limited

    proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            preexec_fn=memory_limited(ffmpeg_data_limit()))
    expired = threading.Event()

    def expire() -> None:
        expired.set()
        proc.kill()

    timer = threading.Timer(timeout_s, expire)
    timer.daemon = True
    timer.start()
    reader = StderrDrain(proc.stderr, keep=2048, name="prelint-subtitles-stderr")
    chunks: list[bytes] = []
    total = 0
    over = False
    try:
        assert proc.stdout is not None
        for chunk in iter(lambda: proc.stdout.read(1 << 16), b""):
            total += len(chunk)
            if total > max_bytes:
                over = True
                proc.kill()
                break
            chunks.append(chunk)
    except BaseException:  # the draft's time limit (or Ctrl-C): the extraction ends with it
        proc.kill()
        raise
    finally:
        returncode = proc.wait()
        timer.cancel()
        reader.join(timeout=5)
        proc.stdout.close()  # type: ignore[union-attr]
        proc.stderr.close()  # type: ignore[union-attr]
    return (None if over else b"".join(chunks)), reader.kept(), returncode, expired.is_set()
