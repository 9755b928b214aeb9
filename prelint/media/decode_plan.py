"""The decode plan: how a video is cut into stretches decoded by parallel ffmpeg processes.

The hook window is decoded at the full frame rate as its own stretch; the rest is cut at
keyframes into stretches of SEGMENT_TARGET_S, found by seeking the container index (no
decoding), and may skip unreferenced frames where that is harmless. The plan is only an
optimisation: when the index cannot be read, or the analysis deadline passes while it is
read, the rest is one stretch decoded frame by frame.

Every stretch is decoded with the options the decoder would have learnt from the start of
the stream (see stream_decoder_options): a stretch that starts at a later keyframe never sees
the first packet, and some encoders name themselves only there.

The container's declared duration only says where to stop looking for keyframes: the search
also stops MAX_KEYFRAME_GAP_S past the last packet a seek landed on (a file may declare any
length), after MAX_STRETCHES stretches, and at the deadline.
"""

from __future__ import annotations

import dataclasses
import re
import threading
from dataclasses import dataclass
from pathlib import Path

from prelint.media.container import open_container
from prelint.media.deadline import Deadline
from prelint.media.facts import AnalysisSettings, decode_workers

#: Target length (s) of the stretches decoded in parallel (cut at the nearest keyframe before).
SEGMENT_TARGET_S = (4.0, 15.0)
#: Stretches per decode worker when the video is short enough (each process costs ~0.1 s of
#: start-up; fewer, longer stretches measured faster than 3 per worker of at most 10 s).
SEGMENTS_PER_WORKER = 2
#: Each stretch decodes this far (s) into the next one, so the frames at the seam (the
#: keyframe itself, which the next stretch's accurate seek may drop) are seen once.
SEGMENT_OVERLAP_S = 0.25
#: Seek target past a keyframe (s): ffmpeg then starts exactly at that keyframe.
SEEK_PAST_S = 0.0005
#: Containers whose index makes keyframe seeking exact and cheap.
SEEKABLE_FORMATS = ("mov", "mp4", "matroska", "webm")
#: Most stretches the rest is cut into (at SEGMENT_TARGET_S[1] each, about 4 hours); a longer
#: video's last stretch takes the remainder.
MAX_STRETCHES = 1000
#: The keyframe search stops once its target is this far (s) past the latest packet a seek has
#: landed on: seeks past the media's end land on its last keyframe again and again, so only
#: packet times, never the declared duration, tell where the media ends. Far longer than any
#: encoder's keyframe interval, so a real video's plan does not depend on it.
MAX_KEYFRAME_GAP_S = 300.0
#: Longest wait (s) for the plan read ahead on the planner thread before it is read again.
PLAN_WAIT_S = 30.0


def has_hook_stretch(duration_s: float, settings: AnalysisSettings) -> bool:
    """The hook window is decoded as its own full-rate stretch unless the video is barely longer."""
    return duration_s > settings.hook_window_s + 1.0


def container_duration(container) -> float:  # type: ignore[no-untyped-def]
    """The video stream's declared duration (s), else the container's."""
    stream = container.streams.video[0]
    if stream.duration and stream.time_base:
        return float(stream.duration * stream.time_base)
    return (container.duration or 0) / 1_000_000


@dataclass(frozen=True)
class Segment:
    """A stretch of the video decoded by one ffmpeg process: frames with t_from <= t (the
    decode starts at the keyframe at or before t_from) up to a little past t_to (None: the end)."""

    t_from: float
    t_to: float | None
    hook_only: bool = False
    at_keyframe: bool = False  # t_from is a keyframe's time (else: the end of the hook window)
    #: ffmpeg input options the decoder needs when it does not start at the stream's first
    #: packet (see stream_decoder_options)
    decoder_options: tuple[str, ...] = ()
    #: the decode starts at the keyframe at or before this time instead (a stretch decoded
    #: again after its own start proved not decodable on its own; see Segment.seek_s)
    decode_from_s: float | None = None

    @property
    def seek_s(self) -> float:
        """Where the decode seeks to (0: the start): ffmpeg decodes from the keyframe at or
        before it and drops the frames before it. A stretch that starts on a keyframe seeks
        just past it (the previous stretch's overlap has covered the keyframe)."""
        if self.decode_from_s is not None:
            return self.decode_from_s
        if self.hook_only:
            return 0.0
        return self.t_from + (SEEK_PAST_S if self.at_keyframe else 0.0)

    def decoded_again_after(self, previous: Segment) -> Segment:
        """This stretch and the rest of the video as one stretch whose decode starts where
        `previous` started (so the decoder carries its state across this stretch's start)."""
        return Segment(self.t_from, None, decoder_options=self.decoder_options,
                       decode_from_s=previous.seek_s)

    def owns(self, t_s: float) -> bool:
        """A frame at t_s is this stretch's to give: not before t_from (the decode starts at an
        earlier keyframe) and, for the hook window, not past its end (the next stretch has it)."""
        end = self.t_to - 1e-6 if self.hook_only and self.t_to is not None else float("inf")
        return self.t_from - 1e-6 <= t_s < end  # False for a frame without a time (nan)


def hook_segment(duration_s: float, settings: AnalysisSettings) -> Segment | None:
    """The hook window's own full-rate stretch (None for a video barely longer than it).

    It starts decoding at once; the rest is planned meanwhile (see RestPlanner)."""
    if has_hook_stretch(duration_s, settings):
        return Segment(0.0, settings.hook_window_s, hook_only=True)
    return None


def rest_segments(path: Path, settings: AnalysisSettings, duration_s: float,
                  planner: RestPlanner | None, after_hook: bool, deadline: Deadline) -> list[Segment]:
    """The rest, cut at keyframes into stretches decoded by parallel single-threaded
    ffmpeg processes (one per decode worker): each stretch starts at a keyframe, so nothing
    is decoded twice except a short overlap, and one single-threaded process per core keeps
    every core busy where ffmpeg's own frame threads leave about a third of them idle.
    `planner`: the plan read ahead (see RestPlanner); read again here when it was made for
    another start or failed (not past `deadline`: then the rest is one stretch)."""
    s = settings
    start = s.hook_window_s if after_hook else 0.0
    if planner is None or (not planner.result(after_hook) and not planner.failed):
        planner = RestPlanner(path, s, deadline, duration_s)
        planner.run()
    bounds, options = planner.result(after_hook) or ([], ())
    bounds = [start] + bounds
    return [Segment(a, b, at_keyframe=k > 0, decoder_options=options)
            for k, (a, b) in enumerate(zip(bounds, bounds[1:] + [None]))]


class RestPlanner(threading.Thread):
    """Reads the container index for the decode plan (where are the keyframes?) on its own
    thread, so it overlaps the probe. Gives up (no plan) at `deadline`."""

    def __init__(self, path: Path, settings: AnalysisSettings, deadline: Deadline,
                 duration_s: float | None = None) -> None:
        super().__init__(daemon=True, name="prelint-plan")
        self.path = path
        self.settings = settings
        self.deadline = deadline
        self.duration_s = duration_s
        # start, bounds, decoder options
        self._result: tuple[float, list[float], tuple[str, ...]] | None = None
        self.failed = False  # planned and failed (or timed out): not worth planning again

    def run(self) -> None:
        """Plan in a container worker (its memory limit and the deadline bound the index reads:
        a Matroska file without cues is read cluster by cluster on every seek)."""
        from prelint.media import container_process

        if self.deadline.expired():
            return
        args = {"settings": dataclasses.asdict(self.settings), "decode_workers": decode_workers(self.settings.decode_workers),
                "duration_s": self.duration_s}
        try:
            planned = container_process.run("plan", self.path, self.deadline, **args)
        except Exception:  # the plan is only an optimisation: one stretch, frame by frame
            planned = None
        if planned is not None:
            start, bounds, options = planned
            self._result = (float(start), [float(b) for b in bounds], tuple(options))
        self.failed = planned is None

    def result(self, after_hook: bool) -> tuple[list[float], tuple[str, ...]] | None:
        """(keyframe boundaries, decoder options) when planned for the same start, else None."""
        if self.ident is not None:  # started as a thread (else run() was called directly)
            self.join(timeout=min(PLAN_WAIT_S, self.deadline.remaining()))
        if self._result is None or (self._result[0] > 0) != after_hook:
            return None
        return self._result[1], self._result[2]


def plan_here(path: Path, deadline: Deadline, args: dict) -> list | None:  # type: ignore[type-arg]
    """The decode plan read in this process (what the container worker runs): [start, keyframe
    boundaries, decoder options], or None when the container gives none."""
    settings, duration_s, workers = AnalysisSettings(**args["settings"]), args.get("duration_s"), int(args["decode_workers"])
    with open_container(path, deadline.remaining()) as container:
        duration = duration_s if duration_s is not None else container_duration(container)
        start = settings.hook_window_s if has_hook_stretch(duration, settings) else 0.0
        bounds = _keyframe_boundaries(container, start, duration, workers, start, deadline)
        options = stream_decoder_options(container, deadline)
    return [start, bounds, list(options)]


#: Packets at the stream's start searched for the encoder's name (x264 writes it in the first).
ENCODER_SEI_PACKETS = 3
_X264_BUILD_RE = re.compile(rb"x264 - core (\d{1,6})")


def stream_decoder_options(container, deadline: Deadline) -> tuple[str, ...]:  # type: ignore[no-untyped-def]
    """ffmpeg input options that make a decode starting at a later keyframe match one from
    the start. x264 names its build in an SEI of the first packet only, and FFmpeg's H.264
    decoder reads it to undo known bugs of older builds (e.g. 4:4:4 streams from builds before
    151 decode to grey garbage without it); a stretch that starts at a later keyframe never
    sees that SEI, so it is told the build (``-x264_build``)."""
    stream = container.streams.video[0]
    if stream.codec_context.name != "h264":
        return ()
    try:
        container.seek(0, backward=True, any_frame=False)  # the planner's reads have moved on
    except Exception:  # not seekable: the options are only a safeguard
        return ()
    seen = 0
    for packet in container.demux(stream):
        if deadline.expired() or seen >= ENCODER_SEI_PACKETS:
            break
        if packet.size == 0:
            continue
        seen += 1
        m = _X264_BUILD_RE.search(bytes(packet))
        if m:
            return ("-x264_build", m.group(1).decode())
    return ()


def keyframe_boundaries(path: Path, start_s: float, duration_s: float, workers: int,
                        deadline: Deadline | None = None) -> list[float]:
    """Keyframe times after start_s that cut the rest of the video into stretches of about
    SEGMENT_TARGET_S (SEGMENTS_PER_WORKER per worker when short enough).
    Found by seeking the container index (no decoding); [] when the container cannot be
    seeked reliably or the video is too short to be worth splitting. duration_s: the declared
    duration (see MAX_KEYFRAME_GAP_S for where the search stops before it)."""
    try:
        with open_container(path, deadline.remaining() if deadline is not None else None) as container:
            return _keyframe_boundaries(container, start_s, duration_s, workers,
                                        deadline=deadline if deadline is not None else Deadline.never())
    except Exception:  # unreadable index or container: one stretch, the decode reports problems
        return []


def _keyframe_boundaries(container, start_s: float, duration_s: float, workers: int,  # type: ignore[no-untyped-def]
                         head_start_s: float = 0.0, deadline: Deadline | None = None) -> list[float]:
    """head_start_s: the hook window's decode, in seconds of the rest's decode; it runs
    beside the first stretch, which is made that much longer so the lanes finish together."""
    lo, hi = SEGMENT_TARGET_S
    rest = duration_s - start_s
    if rest < 2 * lo or workers < 2:
        return []
    length = min(hi, max(lo, (rest - head_start_s) / (SEGMENTS_PER_WORKER * workers)))
    if not any(name in container.format.name.split(",") for name in SEEKABLE_FORMATS):
        return []
    stream = container.streams.video[0]
    if stream.time_base is None:
        return []
    base = float(stream.time_base)
    origin = (stream.start_time or 0) * base
    deadline = deadline if deadline is not None else Deadline.never()
    found: list[float] = []
    reached = start_s  # the latest packet time a seek has landed on
    target = start_s + length + max(0.0, min(head_start_s, rest - 2 * length))
    while target < duration_s - lo / 2 and len(found) < MAX_STRETCHES - 1:
        if target > reached + MAX_KEYFRAME_GAP_S or deadline.expired():
            break  # past the media's end, whatever duration the container declares
        container.seek(int((target + origin) / base), stream=stream, backward=True, any_frame=False)
        key = None
        for packet in container.demux(stream):
            if packet.pts is not None:
                reached = max(reached, packet.pts * base - origin)
                key = packet.pts * base - origin if packet.is_keyframe else None
                break
            if deadline.expired():
                break
        if key is not None and key > (found[-1] if found else start_s) + lo / 2 and key < duration_s - lo / 2:
            found.append(round(key, 6))
        target += length
    return found
