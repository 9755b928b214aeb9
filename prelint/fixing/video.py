"""Writing the fixed video with moviepy: the kept sections, joined, encoded once.

The kept sections (`CutPlan.keeps`, frame ranges) become ``VideoFileClip.subclipped`` clips
joined with ``concatenate_videoclips``; their sound comes along with each section, so picture
and sound are cut at the same frame boundaries and stay in sync. The result is encoded once:
H.264 (libx264, `crf`, `preset`, yuv420p, the source's frame rate) and AAC at the source's sample
rate, ``+faststart`` for upload.

Nothing is written anywhere but beside the target: the video goes to a hidden temporary file in
the target's folder that is renamed over the target when complete (and removed on any failure),
moviepy's temporary sound file to a private temporary folder.
"""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable

from prelint.errors import InputError, UsageError
from prelint.fixing.plan import CutPlan
from prelint.output_files import check_output_target

#: Containers the fixed video may be written to: they all hold H.264 + AAC.
OUTPUT_SUFFIXES = (".mp4", ".mov", ".m4v", ".mkv")
DEFAULT_PRESET = "medium"
DEFAULT_CRF = 18
AUDIO_BITRATE = "192k"
PRESETS = ("ultrafast", "superfast", "veryfast", "faster", "fast", "medium", "slow", "slower", "veryslow")


@dataclass(frozen=True)
class SourceVideo:
    """What moviepy reads from the draft's video: the frame grid every cut is aligned to."""

    fps: float
    frames: int
    size: tuple[int, int]
    has_audio: bool
    sample_rate: int | None


@dataclass(frozen=True)
class WrittenVideo:
    path: Path
    duration_s: float
    how: str  # "encoded" or "copied"
    settings: str
    warnings: tuple[str, ...] = ()


def check_target(target: Path, inputs: Iterable[Path]) -> None:
    """UsageError unless the fixed video may be written to `target` (see README: outputs)."""
    if not target.name.lower().endswith(OUTPUT_SUFFIXES):
        raise UsageError(f"refusing to write the fixed video to {target}: name it .mp4, .mov, .m4v or .mkv "
                         "(the fixed video is H.264 with AAC sound)")
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise UsageError(f"cannot write the fixed video {target}: folder {folder} does not exist")
    inputs = list(inputs)
    check_output_target(target, inputs, "the fixed video")
    for source in inputs:  # the same file under another name (a hard link is caught above)
        try:
            if os.path.exists(target) and os.path.samefile(target, source):
                raise UsageError(f"refusing to write the fixed video {target}: it is one of the inputs ({source})")
        except OSError:
            continue


def open_source(path: Path) -> Any:
    """The draft's video as a moviepy VideoFileClip (InputError when moviepy cannot read it)."""
    from moviepy import VideoFileClip

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            clip = VideoFileClip(str(path), audio_fps=_sample_rate_of(path) or 44100, audio_nbytes=2)
    except (OSError, KeyError, IndexError, ValueError) as exc:
        raise InputError(f"cannot be read for editing: {_first_line(exc)}", path) from None
    return clip


def _sample_rate_of(path: Path) -> int | None:
    from moviepy.video.io.ffmpeg_reader import ffmpeg_parse_infos

    try:
        infos = ffmpeg_parse_infos(str(path))
    except (OSError, KeyError, IndexError, ValueError):
        return None
    rate = infos.get("audio_fps")
    return int(rate) if isinstance(rate, (int, float)) and rate > 0 else None


def describe_source(clip: Any) -> SourceVideo:
    fps = float(clip.fps or 0.0)
    frames = int(getattr(clip.reader, "n_frames", 0) or round((clip.duration or 0.0) * fps))
    audio = clip.audio
    return SourceVideo(fps=fps, frames=frames, size=(int(clip.size[0]), int(clip.size[1])), has_audio=audio is not None,
                       sample_rate=int(audio.fps) if audio is not None and audio.fps else None)


def write_fixed_video(
    clip: Any,
    plan: CutPlan,
    target: Path,
    inputs: Iterable[Path],
    *,
    preset: str = DEFAULT_PRESET,
    crf: int = DEFAULT_CRF,
    progress: Callable[[float], None] | None = None,
) -> WrittenVideo:
    """Encode the plan's kept sections of `clip` to `target` (atomically)."""
    from moviepy import concatenate_videoclips

    inputs = list(inputs)
    check_target(target, inputs)
    source = describe_source(clip)
    fps = plan.fps
    keeps = plan.keeps()
    if not keeps:
        raise UsageError("nothing would be left of the video")
    sections = [clip.subclipped(start / fps, end / fps) for start, end in keeps]
    joined = concatenate_videoclips(sections) if len(sections) > 1 else sections[0]
    # Frames are read at the middle of their time slot, so a section boundary that float sums put
    # a hair off k/fps can never pick the neighbouring frame; the sound keeps its own timeline.
    half = 0.5 / fps
    joined = joined.time_transform(lambda t: t + half, keep_duration=True)
    joined = joined.with_duration((plan.kept_frames + 0.25) / fps)
    settings = f"H.264 (libx264, crf {crf}, preset {preset}, yuv420p), {_fps_text(fps)} fps" + \
        (f", AAC {AUDIO_BITRATE} {source.sample_rate} Hz" if source.has_audio else ", no sound")
    ffmpeg_params = ["-crf", str(crf), "-movflags", "+faststart", *_colour_params(source)]
    folder = target.parent if str(target.parent) else Path(".")
    fd, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp" + target.suffix.lower(), dir=folder)
    os.close(fd)
    caught: list[str] = []
    try:
        with tempfile.TemporaryDirectory(prefix="prelint-fix-") as scratch, warnings.catch_warnings(record=True) as seen:
            warnings.simplefilter("always")
            joined.write_videofile(
                temporary,
                fps=fps,
                codec="libx264",
                preset=preset,
                audio=source.has_audio,
                audio_codec="aac",
                audio_fps=source.sample_rate or 44100,
                audio_nbytes=2,
                audio_bitrate=AUDIO_BITRATE,
                temp_audiofile_path=scratch,
                ffmpeg_params=ffmpeg_params,
                logger=_ProgressLogger(progress) if progress is not None else None,
            )
            caught = list(dict.fromkeys(_first_line(w.message) for w in seen))
        os.chmod(temporary, 0o666 & ~_umask())
        check_output_target(target, inputs, "the fixed video")  # again: a link may have appeared meanwhile
        os.replace(temporary, target)
    except OSError as exc:
        _remove(temporary)
        raise UsageError(f"cannot write the fixed video {target}: {_first_line(exc)}") from None
    except BaseException:
        _remove(temporary)
        raise
    return WrittenVideo(target, plan.kept_frames / fps, "encoded", settings, tuple(caught))


def copy_video(source: Path, target: Path, inputs: Iterable[Path]) -> WrittenVideo:
    """Nothing to cut: the fixed video is the draft's own bytes (no re-encoding, no quality lost)."""
    inputs = list(inputs)
    check_target(target, inputs)
    folder = target.parent if str(target.parent) else Path(".")
    fd, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    try:
        with open(source, "rb") as reader, os.fdopen(fd, "wb") as writer:
            shutil.copyfileobj(reader, writer, 1 << 20)
        os.chmod(temporary, 0o666 & ~_umask())
        check_output_target(target, inputs, "the fixed video")
        os.replace(temporary, target)
    except OSError as exc:
        _remove(temporary)
        raise UsageError(f"cannot write the fixed video {target}: {exc.strerror or exc}") from None
    except BaseException:
        _remove(temporary)
        raise
    return WrittenVideo(target, 0.0, "copied", "a byte-for-byte copy of the draft")


def _colour_params(source: SourceVideo) -> list[str]:
    """Tag the colours the way the frames were converted: moviepy hands RGB to ffmpeg, which
    converts it with the BT.601 matrix unless told otherwise; HD pictures are BT.709."""
    if min(source.size) >= 720:
        space = "bt709"
        convert = "scale=out_color_matrix=bt709:out_range=tv,"
    else:
        space, convert = "smpte170m", ""
    return ["-vf", f"{convert}setparams=colorspace={space}:color_primaries={space}:color_trc={space}:range=tv",
            "-colorspace", space, "-color_primaries", space, "-color_trc", space]


class _ProgressLogger:
    """A proglog logger that reports the frames written as a fraction (moviepy's 'frame_index' bar)."""

    def __new__(cls, show: Callable[[float], None]) -> Any:
        import proglog

        class Logger(proglog.ProgressBarLogger):  # type: ignore[misc]
            def bars_callback(self, bar: str, attr: str, value: Any, old_value: Any = None) -> None:
                if bar == "frame_index" and attr == "index":
                    total = self.bars[bar].get("total") or 0
                    if total:
                        show(min(1.0, max(0.0, value / total)))

        return Logger()


def _fps_text(fps: float) -> str:
    return f"{fps:g}" if abs(fps - round(fps)) < 1e-6 else f"{fps:.3f}"


def _first_line(value: Any) -> str:
    text = str(value).strip()
    for line in text.splitlines():
        if line.strip():
            return line.strip()[:300]
    return type(value).__name__


def _remove(path: str) -> None:
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def is_regular_file(path: Path) -> bool:
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except OSError:
        return False
