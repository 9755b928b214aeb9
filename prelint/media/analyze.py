"""One streaming decode pass -> MediaFacts.

Bundled ffmpeg decodes the file once (``-skip_loop_filter all``: the deblocking filter is
invisible at analysis size and costs ~6% of decode time). A long video is cut at keyframes
into stretches of 4-15 s decoded by up to ``decode_workers()`` single-threaded processes at
a time (one per core uses both cores; ffmpeg's own frame threads leave about a third idle);
the analysers still see every frame once, in time order. Each video process writes two pipes:

- small frames (``analysis_width_px`` wide, RGB) of every frame -> detector and series;
- sampled frames (short side ``sample_short_side_px``, BGR) about twice a second -> a
  handful kept for OCR / QR / filmstrip (first, hook window, one per shot, last);

and one more process streams mono 16 kHz PCM -> loudness series, silences, first sound,
integrated loudness.

Frame times come from ``showinfo`` PTS lines (VFR correct). Nothing holds the whole video:
frames are processed as they arrive; a stretch decoded ahead waits in memory (at most
`workers` stretches of small frames), and only a short ring is kept.
"""

from __future__ import annotations

from array import array

import concurrent.futures
import os
import queue
import re
import subprocess
import sys
import threading
import time
from collections import deque
from collections.abc import Callable
from pathlib import Path
from dataclasses import dataclass
from typing import IO, Iterator

import numpy as np

from prelint.errors import AnalysisTimeout, InputError
from prelint.media.facts import (
    AnalysisSettings,
    AudioFacts,
    Bars,
    decode_workers,
    FrameSeries,
    MediaFacts,
    ProbeFacts,
    SampledFrame,
    Silence,
)
from prelint.media.probe import check_file, ffmpeg_exe, open_container, probe

#: Audio analysis sample rate (Hz).
AUDIO_RATE = 16000
#: Resolution (s) of silence boundaries.
SILENCE_STEP_S = 0.01
#: Spacing (s) of sampled-frame candidates after the hook window.
SAMPLE_EVERY_S = 0.5
#: Candidates for per-shot frames are kept at least this far apart, except after a cut.
CANDIDATE_SPACING_S = 1.0
#: Frames kept in the hook window besides the first one.
HOOK_FRAMES = 6
#: Frames kept from the last seconds.
LAST_FRAMES = 3
LAST_WINDOW_S = 3.0
#: A shot's representative frame is the first candidate this far into the shot.
SHOT_FRAME_OFFSET_S = 0.4
SAMPLE_JPEG_QUALITY = 90  # sampled frames are kept as JPEG; OCR reads q90 JPEG as well as the raw frame
#: Rows/columns whose brightest moment stays below this mean luma (0..255) are bars.
BAR_LUMA = 24.0

_SHOWINFO_RE = re.compile(r"\[(?:Parsed_)?showinfo_?(\w*)[^\]]*\].*?\bn:\s*(\d+).*?pts_time:\s*(-?[\d.eE+-]+|nan)")


def analyze(
    path: str | os.PathLike[str],
    settings: AnalysisSettings = AnalysisSettings(),
    *,
    progress: Callable[[float], None] | None = None,
    use_cache: bool = True,
) -> MediaFacts:
    """Probe, then decode once and return the media facts (cached by content hash)."""
    started = time.monotonic()
    path = Path(path)
    check_file(path)  # a regular, readable file: safe to open from the planner thread
    planner = _RestPlanner(path, settings)  # index reads overlap the probe
    planner.start()
    probe_facts = probe(path)
    cache_key = None
    if use_cache:
        from prelint.media import cache

        cache_key = cache.key_for(path, settings)
        hit = cache.load(cache_key)
        if hit is not None:
            if progress:
                progress(1.0)
            return hit
    facts = _Analysis(path, probe_facts, settings, progress, started, planner).run()
    if use_cache and cache_key is not None:
        from prelint.media import cache

        cache.store(cache_key, facts)
    return facts


class _Analysis:
    def __init__(self, path: Path, probe_facts: ProbeFacts, settings: AnalysisSettings,
                 progress: Callable[[float], None] | None, started: float,
                 planner: _RestPlanner | None = None) -> None:
        self.path = path
        self.planner = planner
        self.probe = probe_facts
        self.settings = settings
        self.progress = progress
        self.started = started
        self.deadline = started + settings.analysis_time_limit_s
        w, h = probe_facts.width, probe_facts.height
        self.small_w = max(16, settings.analysis_width_px // 2 * 2)
        self.small_h = max(16, int(round(self.small_w * h / w / 2)) * 2)
        short = settings.sample_short_side_px
        if w <= h:
            bw, bh = min(short, w), int(round(min(short, w) * h / w))
        else:
            bh, bw = min(short, h), int(round(min(short, h) * w / h))
        self.big_w, self.big_h = max(2, bw // 2 * 2), max(2, bh // 2 * 2)
        self.sample_grid = _SampleGrid(settings.hook_window_s)
        self.timed_out = False

    # ------------------------------------------------------------------ decode
    def run(self) -> MediaFacts:
        import cv2

        # the per-frame work is on tiny images: OpenCV's thread pool costs more than it saves
        threads = cv2.getNumThreads()
        cv2.setNumThreads(1)
        try:
            return self._run()
        finally:
            cv2.setNumThreads(threads)

    def _plan_hook(self) -> _Segment | None:
        """The hook window's own full-rate stretch (None for a video barely longer than it).

        It starts decoding at once; whether the rest may skip unreferenced frames is decided
        meanwhile (see _nonref_frames_skippable)."""
        if has_hook_stretch(self.probe.duration_s, self.settings):
            return _Segment(0.0, self.settings.hook_window_s, "none", hook_only=True)
        return None

    def _plan_rest(self, after_hook: bool) -> list[_Segment]:
        """The rest, cut at keyframes into stretches decoded by parallel single-threaded
        ffmpeg processes (one per decode worker): each stretch starts at a keyframe, so nothing
        is decoded twice except a short overlap, and one process per core keeps both cores
        busy where ffmpeg's own frame threads leave a third of them idle."""
        s = self.settings
        start = s.hook_window_s if after_hook else 0.0
        planner = self.planner
        if planner is None or not planner.result(after_hook):
            planner = _RestPlanner(self.path, s, self.probe.duration_s)
            planner.run()
        skippable, bounds = planner.result(after_hook) or (False, [])
        skip = s.decoder_skip if skippable else "none"
        bounds = [start] + bounds
        return [_Segment(a, b, skip, at_keyframe=k > 0)
                for k, (a, b) in enumerate(zip(bounds, bounds[1:] + [None]))]

    def _run(self) -> MediaFacts:
        from prelint.media.transitions import TransitionDetector, shots_from_transitions

        s = self.settings
        self.detector = TransitionDetector(s, self.probe.fps)
        self.series = _SeriesBuilder(s, self.small_w, self.small_h)
        self.sampler = _FrameSampler(s, self.probe.duration_s)
        self.audio_state = _AudioAnalyser(s) if self.probe.has_audio else None
        self.log_tail: deque[str] = deque(maxlen=30)
        self.last_progress = -1.0
        self.pending_big: deque[_BigFrame] = deque()
        self._decode(self._plan_hook())
        detector = self.detector
        if not detector.times:
            detail = next((ln for ln in reversed(self.log_tail) if "rror" in ln or "nvalid" in ln), "")
            raise InputError("no video frame could be decoded" + (f" ({detail[:120]})" if detail else ""),
                             self.path)
        transitions = tuple(detector.finish())
        self._offer_settled_big(final=True)
        duration_s = self.probe.duration_s
        last_t = detector.times[-1]
        if duration_s <= 0 or last_t > duration_s:
            duration_s = last_t + 1.0 / max(self.probe.fps, 1.0)
        shots = shots_from_transitions(transitions, duration_s)
        frames = self.sampler.finish(shots, last_t)
        audio = self.audio_state.finish() if self.audio_state is not None else AudioFacts(has_audio=False)
        if self.progress:
            self.progress(1.0)
        return MediaFacts(
            probe=self.probe,
            shots=shots,
            transitions=transitions,
            series=self.series.finish(self.sampler.profiles()),
            audio=audio,
            frames=frames,
            settings_key=s.key(),
            analysis_seconds=time.monotonic() - self.started,
        )

    def _offer_settled_big(self, final: bool = False) -> None:
        """Hand sampled frames to the sampler once the detector's cut decisions up to their
        time are final (all of them at the end), so which frames are kept depends on the
        video alone, not on how far the decoders ran ahead of the analysers."""
        settled = float("inf") if final else self.detector.settled_s()
        pending = self.pending_big
        while pending and pending[0].t_s <= settled:
            frame = pending.popleft()
            self.sampler.offer(frame, last_cut_s=self.detector.last_cut_s(frame.t_s))

    def _video_command(self, segment: _Segment, small_fd: int, big_fd: int, threads: int) -> list[str]:
        s = self.settings
        hook = s.hook_window_s
        small_chain = f"scale={self.small_w}:{self.small_h}:flags=fast_bilinear"
        if s.decimate_after_hook > 1 and not segment.hook_only:
            small_chain = (f"select='lt(t\\,{hook})+not(mod(n\\,{s.decimate_after_hook}))',"
                           + small_chain)
        grid = self.sample_grid
        big_select = (f"select='isnan(prev_selected_t)+gt({grid.ffmpeg_expr('t')}\\,"
                      f"{grid.ffmpeg_expr('prev_selected_t')})'")
        graph = (
            f"[0:v:0]split=2[a][b];"
            f"[a]{small_chain},format=rgb24,showinfo@small=checksum=0[small];"
            f"[b]{big_select},scale={self.big_w}:{self.big_h}:flags=area,format=bgr24,"
            f"showinfo@big=checksum=0[big]"
        )
        # -copyts -start_at_zero: PTS are times from the file's start in every process, also
        # after -ss, so the select expressions and the frame times agree across stretches
        cmd = [ffmpeg_exe(), "-hide_banner", "-nostdin", "-nostats", "-loglevel", "info",
               "-copyts", "-start_at_zero",
               "-threads", str(threads), "-skip_loop_filter", "all"]
        if segment.skip != "none":
            cmd += ["-skip_frame:v", segment.skip]
        if segment.hook_only:
            cmd += ["-t", f"{hook + 0.2:.3f}"]
        else:
            if segment.t_from > 0:
                # a stretch that starts on a keyframe seeks just past it (ffmpeg then decodes
                # from that keyframe, which the previous stretch's overlap has covered)
                seek = segment.t_from + (SEEK_PAST_S if segment.at_keyframe else 0.0)
                cmd += ["-ss", f"{seek:.6f}"]
            if segment.t_to is not None:
                cmd += ["-t", f"{segment.t_to - segment.t_from + SEGMENT_OVERLAP_S:.6f}"]
        cmd += ["-i", str(self.path), "-filter_complex", graph,
                "-map", "[small]", "-fps_mode", "passthrough", "-f", "rawvideo", f"pipe:{small_fd}",
                "-map", "[big]", "-fps_mode", "passthrough", "-f", "rawvideo", f"pipe:{big_fd}"]
        return cmd

    def _audio_command(self) -> list[str]:
        return [ffmpeg_exe(), "-hide_banner", "-nostdin", "-nostats", "-loglevel", "error",
                "-threads", "1", "-vn", "-i", str(self.path), "-map", "0:a:0", "-ac", "1",
                "-ar", str(AUDIO_RATE), "-f", "s16le", "pipe:1"]

    def _decode(self, hook_segment: _Segment | None) -> None:
        """Decode the stretches with up to decode_workers() processes at a time, feeding the
        analysers strictly in time order (a stretch decoded ahead waits in its queues; at
        most `workers` stretches ahead, so memory stays bounded). The audio and the hook
        window start decoding while the rest is being planned."""
        import cv2

        workers = decode_workers()
        segments: list[_Segment] = [hook_segment] if hook_segment is not None else []
        procs: list[_DecodeProcess | None] = [None] * len(segments)
        threads_each = 1
        audio_proc: subprocess.Popen[bytes] | None = None
        audio_thread: threading.Thread | None = None
        next_start = 0  # the first stretch whose process has not been started
        # three pipe readers per process; at most workers + 1 processes are open at a time
        readers = concurrent.futures.ThreadPoolExecutor(max_workers=3 * (workers + 1),
                                                        thread_name_prefix="prelint-read")
        small_pool = _BufferPool(self.small_w * self.small_h * 3)

        def start(i: int) -> None:
            seg = segments[i]
            threads = 1 if seg.hook_only else threads_each
            nonlocal next_start
            procs[i] = _DecodeProcess(
                seg, lambda small_fd, big_fd: self._video_command(seg, small_fd, big_fd, threads),
                small_pool, (self.big_w, self.big_h), self.log_tail, readers)
            next_start = max(next_start, i + 1)

        def top_up(current: int) -> None:
            if procs[current] is None:
                start(current)
            running = sum(1 for p in procs if p is not None and not p.decoded())
            while next_start < len(segments) and running < workers and next_start < current + workers:
                start(next_start)
                running += 1

        def watchdog() -> None:
            self.timed_out = True
            for p in procs:
                if p is not None:
                    p.kill()
            if audio_proc is not None:
                _kill(audio_proc)

        timer = threading.Timer(max(0.05, self.deadline - time.monotonic()), watchdog)
        timer.daemon = True
        timer.start()
        detector, series = self.detector, self.series
        duration = max(self.probe.duration_s, 1e-3)
        last_cell = -1

        def offer_big(frame: _BigFrame, seg: _Segment) -> None:
            # each sampling-grid cell gives its first frame once: a stretch's first frame and
            # the overlap at a seam repeat cells the previous stretch has already given
            nonlocal last_cell
            t_s = frame.t_s
            if not np.isfinite(t_s):
                return
            cell = self.sample_grid.cell(t_s)
            if not seg.owns(t_s) or cell <= last_cell:
                return
            last_cell = cell
            self.pending_big.append(frame)

        try:
            if self.audio_state is not None:
                audio_proc = subprocess.Popen(self._audio_command(), stdin=subprocess.DEVNULL,
                                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
                audio_thread = threading.Thread(target=self.audio_state.read, args=(audio_proc.stdout,), daemon=True)
                audio_thread.start()
            if segments:
                start(0)
            rest = self._plan_rest(after_hook=hook_segment is not None)
            segments += rest
            procs += [None] * len(rest)
            threads_each = workers if len(rest) == 1 else 1  # one stretch: ffmpeg's own threads
            for i, seg in enumerate(segments):
                top_up(i)
                proc = procs[i]
                assert proc is not None
                for t_s, buf in proc.frames(lambda: top_up(i)):
                    if seg.owns(t_s) and (not detector.times or t_s > detector.times[-1]):
                        rgb = np.frombuffer(buf, np.uint8).reshape(self.small_h, self.small_w, 3)
                        grey = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)  # once, for both
                        score = detector.process(t_s, rgb, grey)
                        series.add(t_s, grey, score, detector.luma[-1], detector.luma_std[-1])
                    small_pool.put(buf)  # the analysers keep copies, never the buffer
                    for item in proc.big_ready():
                        offer_big(item, seg)
                    self._offer_settled_big()
                    if self.progress and t_s / duration - self.last_progress >= 0.02:
                        self.last_progress = t_s / duration
                        self.progress(min(0.99, max(0.0, self.last_progress)))
                    if self.timed_out or time.monotonic() > self.deadline:
                        self.timed_out = True
                        break
                if self.timed_out:
                    break
                for item in proc.big_rest(self.deadline + 5):
                    offer_big(item, seg)
                proc.close(self.deadline + 5)
                _return_free_memory()
            if audio_thread is not None and not self.timed_out:
                audio_thread.join(timeout=max(1.0, self.deadline - time.monotonic() + 5))
        finally:
            for p in procs:
                if p is not None:
                    p.kill()
                    p.close(time.monotonic() + 5)
            if audio_proc is not None:
                _kill(audio_proc)
                if audio_proc.stdout is not None:
                    audio_proc.stdout.close()
            timer.cancel()
            readers.shutdown(wait=False, cancel_futures=True)
        if self.timed_out:
            raise AnalysisTimeout(
                f"analysis exceeded the time limit of {self.settings.analysis_time_limit_s:g} s", self.path)


class _RestPlanner(threading.Thread):
    """Reads the container index for the decode plan (may unreferenced frames be skipped?
    where are the keyframes?) on its own thread, so it overlaps the probe."""

    def __init__(self, path: Path, settings: AnalysisSettings, duration_s: float | None = None) -> None:
        super().__init__(daemon=True, name="prelint-plan")
        self.path = path
        self.settings = settings
        self.duration_s = duration_s
        self._result: tuple[bool, float, list[float]] | None = None  # skippable, start, bounds

    def run(self) -> None:
        try:
            with open_container(self.path) as container:
                duration = self.duration_s if self.duration_s is not None else _container_duration(container)
                start = self.settings.hook_window_s if has_hook_stretch(duration, self.settings) else 0.0
                skippable = (start > 0 and self.settings.decoder_skip != "none"
                             and _nonref_frames_skippable(container))
                # the hook window decodes every frame: about twice the cost per second of a
                # stretch that skips unreferenced frames
                head_start = start * (HOOK_COST_SKIPPING if skippable else 1.0)
                bounds = _keyframe_boundaries(container, start, duration, decode_workers(), head_start)
            self._result = (skippable, start, bounds)
        except Exception:  # the plan is only an optimisation: one stretch, frame by frame
            self._result = None

    def result(self, after_hook: bool) -> tuple[bool, list[float]] | None:
        """(skippable, keyframe boundaries) when planned for the same start, else None."""
        if self.ident is not None:  # started as a thread (else run() was called directly)
            self.join(timeout=30)
        if self._result is None or (self._result[1] > 0) != after_hook:
            return None
        return self._result[0], self._result[2]


def has_hook_stretch(duration_s: float, settings: AnalysisSettings) -> bool:
    """The hook window is decoded as its own full-rate stretch unless the video is barely longer."""
    return duration_s > settings.hook_window_s + 1.0


def _container_duration(container) -> float:  # type: ignore[no-untyped-def]
    stream = container.streams.video[0]
    if stream.duration and stream.time_base:
        return float(stream.duration * stream.time_base)
    return (container.duration or 0) / 1_000_000


@dataclass(frozen=True)
class _Segment:
    """A stretch of the video decoded by one ffmpeg process: frames with t_from <= t (the
    decode starts at the keyframe at or before t_from) up to a little past t_to (None: the end)."""

    t_from: float
    t_to: float | None
    skip: str  # ffmpeg -skip_frame value: "none" or "noref"
    hook_only: bool = False
    at_keyframe: bool = False  # t_from is a keyframe's time (else: the end of the hook window)

    def owns(self, t_s: float) -> bool:
        """A frame at t_s is this stretch's to give: not before t_from (the decode starts at an
        earlier keyframe) and, for the hook window, not past its end (the next stretch has it)."""
        end = self.t_to - 1e-6 if self.hook_only and self.t_to is not None else float("inf")
        return self.t_from - 1e-6 <= t_s < end  # False for a frame without a time (nan)


class _DecodeProcess:
    """One ffmpeg process decoding one stretch; background threads read its pipes into queues
    so a stretch decoded ahead of the analysers does not stall on a full pipe."""

    def __init__(self, segment: _Segment, command: Callable[[int, int], list[str]],
                 small_pool: _BufferPool, big_size: tuple[int, int], log_tail: deque[str],
                 readers: concurrent.futures.ThreadPoolExecutor) -> None:
        self.segment = segment
        small_r, small_w = os.pipe()
        big_r, big_w = os.pipe()
        try:
            self.proc = subprocess.Popen(command(small_w, big_w), stdin=subprocess.DEVNULL,
                                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                         pass_fds=(small_w, big_w))
        except BaseException:
            for fd in (small_r, big_r):
                os.close(fd)
            raise
        finally:
            os.close(small_w)
            os.close(big_w)
        self.small_pipe = os.fdopen(small_r, "rb", buffering=0)
        self.big_pipe = os.fdopen(big_r, "rb", buffering=0)
        pts_small: queue.Queue[float] = queue.Queue()
        pts_big: queue.Queue[float] = queue.Queue()
        self.small: queue.Queue[tuple[float, bytearray] | None] = queue.Queue()
        self.big: queue.Queue[_BigFrame | None] = queue.Queue()
        self._big_done = False
        # long-lived pool threads, not new ones per stretch: each thread's malloc arena keeps
        # its peak, so fresh threads per stretch would grow memory with the video's length
        self._small_reader = readers.submit(_read_into, self.small_pipe, small_pool, pts_small, self.small)
        self.readers = [
            readers.submit(_read_log, self.proc.stderr, pts_small, pts_big, log_tail),
            self._small_reader,
            readers.submit(_read_big_frames, self.big_pipe, big_size[0], big_size[1], pts_big, self.big),
        ]

    def decoded(self) -> bool:
        """The process has exited (its frames may still wait in the queues)."""
        return self.proc.poll() is not None

    def frames(self, idle: Callable[[], None]) -> Iterator[tuple[float, bytearray]]:
        """Small frames in order; `idle` is called while waiting (to start more processes)."""
        while True:
            try:
                item = self.small.get(timeout=0.05)
            except queue.Empty:
                if self._small_reader.done() and self.small.empty():
                    return  # the reader stopped without its end marker (it failed): no more frames
                idle()
                continue
            if item is None:
                return
            yield item

    def big_ready(self) -> list[_BigFrame]:
        out = []
        while not self._big_done:
            try:
                item = self.big.get_nowait()
            except queue.Empty:
                break
            if item is None:
                self._big_done = True
            else:
                out.append(item)
        return out

    def big_rest(self, deadline: float) -> Iterator[_BigFrame]:
        while not self._big_done:
            try:
                item = self.big.get(timeout=max(0.01, deadline - time.monotonic()))
            except queue.Empty:
                return
            if item is None:
                self._big_done = True
            else:
                yield item

    def kill(self) -> None:
        if self.proc.poll() is None:
            try:
                self.proc.kill()
            except OSError:
                pass

    def close(self, deadline: float) -> None:
        """Wait for the readers (until `deadline`), reap the process, close the pipes; closing
        again is harmless."""
        concurrent.futures.wait(self.readers, timeout=max(0.5, deadline - time.monotonic()))
        _kill(self.proc)
        for pipe in (self.small_pipe, self.big_pipe, self.proc.stderr):
            if pipe is not None:
                pipe.close()


#: Target length (s) of the stretches decoded in parallel (cut at the nearest keyframe before).
SEGMENT_TARGET_S = (4.0, 15.0)
#: Stretches per decode worker when the video is short enough (each process costs ~0.1 s of
#: start-up; fewer, longer stretches measured faster than 3 per worker of at most 10 s).
SEGMENTS_PER_WORKER = 2
#: Decode cost of a second of the hook window (every frame) in seconds of a stretch that
#: skips unreferenced frames (about every other frame of a B-pyramid encode).
HOOK_COST_SKIPPING = 2.0
#: Each stretch decodes this far (s) into the next one, so the frames at the seam (the
#: keyframe itself, which the next stretch's accurate seek may drop) are seen once.
SEGMENT_OVERLAP_S = 0.25
#: Seek target past a keyframe (s): ffmpeg then starts exactly at that keyframe.
SEEK_PAST_S = 0.0005
#: Containers whose index makes keyframe seeking exact and cheap.
SEEKABLE_FORMATS = ("mov", "mp4", "matroska", "webm")


def keyframe_boundaries(path: Path, start_s: float, duration_s: float, workers: int) -> list[float]:
    """Keyframe times after start_s that cut the rest of the video into stretches of about
    SEGMENT_TARGET_S (SEGMENTS_PER_WORKER per worker when short enough).
    Found by seeking the container index (no decoding); [] when the container cannot be
    seeked reliably or the video is too short to be worth splitting."""
    try:
        with open_container(path) as container:
            return _keyframe_boundaries(container, start_s, duration_s, workers)
    except Exception:  # unreadable index or container: one stretch, the decode reports problems
        return []


def _keyframe_boundaries(container, start_s: float, duration_s: float, workers: int,  # type: ignore[no-untyped-def]
                         head_start_s: float = 0.0) -> list[float]:
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
    found: list[float] = []
    target = start_s + length + max(0.0, min(head_start_s, rest - 2 * length))
    while target < duration_s - lo / 2:
        container.seek(int((target + origin) / base), stream=stream, backward=True, any_frame=False)
        key = None
        for packet in container.demux(stream):
            if packet.pts is not None:
                key = packet.pts * base - origin if packet.is_keyframe else None
                break
        if key is not None and key > (found[-1] if found else start_s) + lo / 2 and key < duration_s - lo / 2:
            found.append(round(key, 6))
        target += length
    return found


def _read_into(pipe: IO[bytes], pool: "_BufferPool", pts: queue.Queue[float],
               out: queue.Queue[tuple[float, bytearray] | None]) -> None:
    try:
        for item in _timed_frames(pipe, pool, pts):
            out.put(item)
    finally:
        out.put(None)


class _BufferPool:
    """Frame buffers recycled instead of allocated per frame: the small frames' pool is shared
    by all stretches (the analysers hand each buffer back with `put`), and each sampled-frame
    reader keeps its own one-buffer pool. Allocating a fresh buffer per frame on reader threads
    and freeing it on the main thread fragmented the heap: resident memory crept up by ~25 MiB
    over a 10-minute 1080p draft. A pool holds only as many buffers as were ever in flight."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._free: list[bytearray] = []
        self._lock = threading.Lock()

    def get(self) -> bytearray:
        with self._lock:
            if self._free:
                return self._free.pop()
        return bytearray(self.size)

    def put(self, buf: bytearray) -> None:
        with self._lock:
            self._free.append(buf)


#: Packets inspected to decide whether unreferenced frames may be skipped.
NONREF_SAMPLE_PACKETS = 240


def _nonref_frames_skippable(container) -> bool:  # type: ignore[no-untyped-def]
    """True when skipping unreferenced frames is worth it and harmless: some frames are
    unreferenced (else there is nothing to gain) and never two in a row in display order
    (so a cut found on the next decoded frame is at most one frame late).

    Reads NAL headers of the first packets (demux only, no decoding); H.264 and HEVC in
    length-prefixed (mp4/mov/mkv) form. Anything else: False (decode every frame).
    """
    stream = container.streams.video[0]
    codec = stream.codec_context.name
    extradata = stream.codec_context.extradata or b""
    if codec not in ("h264", "hevc") or len(extradata) < 23 or extradata[0] != 1:
        return False  # Annex B or another codec: not inspected
    length_size = (extradata[4] & 3) + 1 if codec == "h264" else (extradata[21] & 3) + 1
    flags: list[tuple[int, bool]] = []
    for packet in container.demux(stream):
        if packet.pts is None or packet.size == 0:
            continue
        nonref = _packet_is_nonref(bytes(packet), codec, length_size)
        if nonref is None:
            return False
        flags.append((packet.pts, nonref))
        if len(flags) >= NONREF_SAMPLE_PACKETS:
            break
    flags.sort()
    run = longest = 0
    for _, nonref in flags:
        run = run + 1 if nonref else 0
        longest = max(longest, run)
    return longest == 1


def _packet_is_nonref(data: bytes, codec: str, length_size: int) -> bool | None:
    pos = 0
    while pos + length_size < len(data):
        n = int.from_bytes(data[pos : pos + length_size], "big")
        header = data[pos + length_size]
        if codec == "h264":
            if header & 0x1F in (1, 5):  # coded slice
                return (header >> 5) & 3 == 0
        else:
            nal_type = (header >> 1) & 0x3F
            if nal_type <= 21:  # VCL: even types below 16 are sub-layer non-reference
                return nal_type < 16 and nal_type % 2 == 0
        pos += length_size + n
    return None


def _return_free_memory() -> None:
    """Give the heap's free pages back to the system (glibc's malloc_trim) after each stretch.
    JPEGs are allocated on reader threads and freed on the main thread, and the sampler thins
    its candidates as it goes: the holes this leaves made resident memory
    creep up with the video's length (105 -> 145 MiB from 1 to 10 min of 720p; 124 with
    this). Elsewhere than glibc: nothing."""
    global _malloc_trim
    if _malloc_trim is None:
        _malloc_trim = False
        if sys.platform.startswith("linux"):
            try:
                import ctypes

                _malloc_trim = ctypes.CDLL("libc.so.6").malloc_trim
            except (OSError, AttributeError):
                pass
    if _malloc_trim:
        _malloc_trim(0)


_malloc_trim: Callable[[int], int] | bool | None = None


def _kill(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        try:
            proc.kill()
        except OSError:
            pass
    try:
        proc.wait(timeout=5)
    except subprocess.TimeoutExpired:
        pass


def _read_log(stderr: IO[bytes], pts_small: queue.Queue[float], pts_big: queue.Queue[float],
              tail: deque[str]) -> None:
    try:
        for raw in stderr:
            line = raw.decode(errors="replace")
            if "showinfo" in line and "pts_time" in line:
                m = _SHOWINFO_RE.search(line)
                if m:
                    t = float(m.group(3)) if m.group(3) != "nan" else float("nan")
                    (pts_small if "showinfo@small" in line else pts_big).put(t)
                continue
            tail.append(line.strip())
    except (OSError, ValueError):
        pass


def _read_exact_into(pipe: IO[bytes], buf: bytearray) -> bool:
    view = memoryview(buf)
    got = 0
    while got < len(buf):
        try:
            n = pipe.readinto(view[got:])  # type: ignore[attr-defined]
        except (OSError, ValueError):
            return False
        if not n:
            return False
        got += n
    return True


def _timed_frames(pipe: IO[bytes], pool: _BufferPool,
                  pts: queue.Queue[float]) -> Iterator[tuple[float, bytearray]]:
    """(PTS, raw frame) pairs from a rawvideo pipe and its showinfo PTS queue, until either
    ends; each frame is read into one of the pool's buffers."""
    while True:
        buf = pool.get()
        if not _read_exact_into(pipe, buf):
            pool.put(buf)
            return
        try:
            t = pts.get(timeout=10.0)
        except queue.Empty:
            pool.put(buf)
            return
        yield t, buf


# --------------------------------------------------------------------------- series


class _SeriesBuilder:
    def __init__(self, settings: AnalysisSettings, w: int, h: int) -> None:
        import cv2

        self.cv2 = cv2
        self.s = settings
        self.times: array[float] = array("d")
        self.diff: array[float] = array("d")
        self.motion: array[float] = array("d")
        self.luma_mean: array[float] = array("d")
        self.luma_std: array[float] = array("d")
        self.blur: array[float] = array("d")
        self.prev: np.ndarray | None = None
        self.row_max = np.zeros(h, np.float32)
        self.col_max = np.zeros(w, np.float32)

    def add(self, t_s: float, grey: np.ndarray, score: float, luma_mean: float, luma_std: float) -> None:
        """One analysed frame: its grey image, difference score and luma mean and spread (the
        transition detector has computed all three)."""
        cv2 = self.cv2
        soft = cv2.GaussianBlur(grey, (3, 3), 0).astype(np.int16)
        motion = float(np.abs(soft - self.prev).mean()) if self.prev is not None else 0.0
        self.prev = soft
        lap = cv2.Laplacian(grey, cv2.CV_32F)
        self.times.append(t_s)
        self.diff.append(score)
        self.motion.append(motion)
        self.luma_mean.append(luma_mean)
        self.luma_std.append(luma_std)
        self.blur.append(float(lap.var()))
        np.maximum(self.row_max, grey.mean(axis=1), out=self.row_max)
        np.maximum(self.col_max, grey.mean(axis=0), out=self.col_max)

    def _bars(self, profiles: tuple[np.ndarray, np.ndarray] | None = None) -> Bars:
        def edges(profile: np.ndarray) -> tuple[float, float]:
            n = len(profile)
            content = np.nonzero(profile > BAR_LUMA)[0]
            if len(content) == 0:
                return 0.0, 1.0
            lo, hi = int(content[0]), int(content[-1]) + 1
            # a bar must be at least 2% of the side; tiny dark edges are not bars
            lo = lo if lo >= 0.02 * n else 0
            hi = hi if n - hi >= 0.02 * n else n
            return lo / n, hi / n

        rows, cols = profiles if profiles is not None else (self.row_max, self.col_max)
        top, bottom = edges(rows)
        left, right = edges(cols)
        return Bars(top=top, bottom=bottom, left=left, right=right)

    def finish(self, profiles: tuple[np.ndarray, np.ndarray] | None = None) -> FrameSeries:
        """profiles: brightest row/column means over the sampled (larger) frames, for
        bar edges more precise than the small frames give."""
        from prelint.media.transitions import is_black_frame

        black_luma = self.s.fade_black_luma
        is_uniform = tuple(sd < 4.0 for sd in self.luma_std)
        is_black = tuple(is_black_frame(m, sd, black_luma) for m, sd in zip(self.luma_mean, self.luma_std))
        r = lambda xs: tuple(round(x, 4) for x in xs)  # noqa: E731
        return FrameSeries(
            times_s=tuple(self.times), diff=r(self.diff), motion=r(self.motion),
            luma_mean=r(self.luma_mean), luma_std=r(self.luma_std), blur=r(self.blur),
            is_black=is_black, is_uniform=is_uniform, bars=self._bars(profiles),
        )


# --------------------------------------------------------------------------- sampled frames


@dataclass(frozen=True)
class _SampleGrid:
    """Sampled frames are the first frame of each cell of a fixed time grid (HOOK_FRAMES + 1
    cells in the hook window, SAMPLE_EVERY_S after it), so they are the same frames however
    the video is cut into stretches."""

    hook_s: float

    @property
    def hook_step_s(self) -> float:
        return self.hook_s / (HOOK_FRAMES + 1)

    def cell(self, t_s: float) -> int:
        # both sides shift the edges by CELL_EDGE_SHIFT_S, so a frame on an edge (15.5 s) and its
        # printed time (rounded to the microsecond) fall in the same cell for ffmpeg and here
        t = t_s + CELL_EDGE_SHIFT_S
        if t < self.hook_s:
            return int(t // self.hook_step_s)
        return HOOK_FRAMES + 1 + int((t - self.hook_s) // SAMPLE_EVERY_S)

    def ffmpeg_expr(self, var: str) -> str:
        """cell() of the variable `var` as an ffmpeg expression (commas escaped for a filter graph)."""
        t = f"({var}+{CELL_EDGE_SHIFT_S})"
        return (f"if(lt({t}\\,{self.hook_s:.6f})\\,floor({t}/{self.hook_step_s:.9f})\\,"
                f"{HOOK_FRAMES + 1}+floor(({t}-{self.hook_s:.6f})/{SAMPLE_EVERY_S}))")


#: Sampling-grid edges sit this far (s) before the nominal times (see _SampleGrid.cell).
CELL_EDGE_SHIFT_S = 1e-4


@dataclass(frozen=True)
class _BigFrame:
    """A sampled frame as the pipe reader leaves it: JPEG (encoded on the reader thread, in
    parallel with the analysers, and ~15x smaller than the raw frame while it waits in a
    queue) and its brightest-row/column profile inputs (mean luma per row and column)."""

    t_s: float
    jpeg: np.ndarray
    row_means: np.ndarray
    col_means: np.ndarray


def _read_big_frames(pipe: IO[bytes], width: int, height: int, pts: queue.Queue[float],
                     out: queue.Queue[_BigFrame | None]) -> None:
    import cv2

    params = [cv2.IMWRITE_JPEG_QUALITY, SAMPLE_JPEG_QUALITY]
    pool = _BufferPool(width * height * 3)  # one raw frame buffer, reused: only the JPEG is kept
    try:
        for t_s, buf in _timed_frames(pipe, pool, pts):
            image = np.frombuffer(buf, np.uint8).reshape(height, width, 3)
            grey = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
            ok, jpg = cv2.imencode(".jpg", image, params)
            del image
            pool.put(buf)
            if ok:
                out.put(_BigFrame(t_s, jpg.ravel(), grey.mean(axis=1), grey.mean(axis=0)))
    finally:
        out.put(None)


class _FrameSampler:
    """Keeps a few frames (JPEG): first, hook window, one per shot (capped), the last seconds.

    Candidates arrive about every SAMPLE_EVERY_S; they are thinned evenly when there are more
    than MAX_CANDIDATES, so memory stays flat in duration.
    """

    MAX_CANDIDATES = 160

    def __init__(self, settings: AnalysisSettings, duration_s: float) -> None:
        self.s = settings
        self.duration_s = duration_s
        self.first: tuple[float, np.ndarray] | None = None
        self.hook: list[tuple[float, np.ndarray]] = []
        self.recent: deque[tuple[float, np.ndarray]] = deque(maxlen=int(LAST_WINDOW_S / SAMPLE_EVERY_S) + 3)
        self.candidates: list[tuple[float, np.ndarray]] = []  # (t, jpeg bytes)
        self._cut_seen_s = 0.0
        self.row_max: np.ndarray | None = None  # brightest mean luma per row / column
        self.col_max: np.ndarray | None = None

    def offer(self, frame: _BigFrame, last_cut_s: float = 0.0) -> None:
        """A candidate frame; kept when it is the first one SHOT_FRAME_OFFSET_S into the
        current shot, after a newly found cut, or every CANDIDATE_SPACING_S."""
        t_s, jpg = frame.t_s, frame.jpeg
        if self.first is None:
            self.first = (t_s, jpg)
        elif t_s < self.s.hook_window_s:
            self.hook.append((t_s, jpg))
        self.recent.append((t_s, jpg))
        if self.row_max is None or self.col_max is None:
            self.row_max, self.col_max = frame.row_means.copy(), frame.col_means.copy()
        else:
            np.maximum(self.row_max, frame.row_means, out=self.row_max)
            np.maximum(self.col_max, frame.col_means, out=self.col_max)
        last_t = self.candidates[-1][0] if self.candidates else -1e9
        target = last_cut_s + SHOT_FRAME_OFFSET_S
        into_shot = last_t < target - 1e-3 and t_s >= target - 0.05
        new_cut = last_cut_s != self._cut_seen_s
        if not (into_shot or new_cut or t_s - last_t >= CANDIDATE_SPACING_S - 1e-3):
            return
        self._cut_seen_s = last_cut_s
        self.candidates.append((t_s, jpg))
        if len(self.candidates) > self.MAX_CANDIDATES:
            self.candidates = self.candidates[::2]

    def profiles(self) -> tuple[np.ndarray, np.ndarray] | None:
        if self.row_max is None or self.col_max is None:
            return None
        return self.row_max, self.col_max

    def finish(self, shots: tuple, last_t: float) -> tuple[SampledFrame, ...]:
        frames: list[SampledFrame] = []
        if self.first is not None:
            frames.append(SampledFrame(self.first[0], "first", self.first[1]))
        frames += [SampledFrame(t, "hook", jpg) for t, jpg in self.hook]
        # one per final shot: the candidate inside the shot closest to start + offset
        chosen: list[tuple[float, np.ndarray]] = []
        for sh in shots:
            inside = [c for c in self.candidates if sh.start_s - 1e-6 <= c[0] < sh.end_s]
            if inside:
                target = sh.start_s + min(SHOT_FRAME_OFFSET_S, 0.5 * (sh.end_s - sh.start_s))
                chosen.append(min(inside, key=lambda c: abs(c[0] - target)))
        cap = self.s.max_shot_frames
        if len(chosen) > cap:
            idx = np.linspace(0, len(chosen) - 1, cap).round().astype(int)
            chosen = [chosen[i] for i in sorted(set(idx.tolist()))]
        frames += [SampledFrame(t, "shot", jpg) for t, jpg in chosen]
        frames += [SampledFrame(t, "interval", jpg) for t, jpg in self._interval_frames([t for t, _ in chosen])]
        tail = [c for c in self.recent if c[0] >= last_t - LAST_WINDOW_S + 1e-6]
        if tail:
            idx = np.linspace(0, len(tail) - 1, min(LAST_FRAMES, len(tail))).round().astype(int)
            frames += [SampledFrame(tail[i][0], "last", tail[i][1]) for i in sorted(set(idx.tolist()))]
        return tuple(frames)

    def _interval_frames(self, taken_s: list[float]) -> list[tuple[float, np.ndarray]]:
        """Candidates after the hook window about every interval_frames_s, away from the shot frames."""
        spacing = self.s.interval_frames_s
        if spacing <= 0:
            return []
        kept: list[tuple[float, np.ndarray]] = []
        last_s = self.s.hook_window_s - spacing
        for t, jpg in self.candidates:
            if t < self.s.hook_window_s or t - last_s < spacing - 1e-3:
                continue
            if any(abs(t - s) < 0.5 * spacing for s in taken_s):
                last_s = t  # a shot frame stands for this moment
                continue
            kept.append((t, jpg))
            last_s = t
        return kept


# --------------------------------------------------------------------------- audio


def _biquad(kind: str, gain_db: float, q: float, fc: float, rate: int) -> tuple[list[float], list[float]]:
    """RBJ biquad coefficients (b, a) as in BS.1770 / pyloudnorm's K-weighting."""
    import math

    amp = 10 ** (gain_db / 40.0)
    w0 = 2.0 * math.pi * fc / rate
    alpha = math.sin(w0) / (2.0 * q)
    cos = math.cos(w0)
    if kind == "high_shelf":
        sq = 2 * math.sqrt(amp) * alpha
        b = [amp * ((amp + 1) + (amp - 1) * cos + sq), -2 * amp * ((amp - 1) + (amp + 1) * cos),
             amp * ((amp + 1) + (amp - 1) * cos - sq)]
        a = [(amp + 1) - (amp - 1) * cos + sq, 2 * ((amp - 1) - (amp + 1) * cos),
             (amp + 1) - (amp - 1) * cos - sq]
    else:  # high pass
        b = [(1 + cos) / 2, -(1 + cos), (1 + cos) / 2]
        a = [1 + alpha, -2 * cos, 1 - alpha]
    return [x / a[0] for x in b], [x / a[0] for x in a]


def _k_weighting_power_gain(n: int, rate: int) -> np.ndarray:
    """|H(f)|^2 of the K-weighting filter (high shelf, then high pass) at the rfft bins of n."""
    w = 2 * np.pi * np.fft.rfftfreq(n, 1.0 / rate) / rate
    z = np.exp(-1j * w)
    gain = np.ones(len(w))
    for b, a in (_biquad("high_shelf", 4.0, 1 / np.sqrt(2), 1500.0, rate),
                 _biquad("high_pass", 0.0, 0.5, 38.0, rate)):
        h = (b[0] + b[1] * z + b[2] * z * z) / (a[0] + a[1] * z + a[2] * z * z)
        gain *= np.abs(h) ** 2
    return gain


class _AudioAnalyser:
    """Streams 16 kHz mono PCM: 10 ms RMS levels and K-weighted 100 ms powers (BS.1770).

    The K-weighted power of each 100 ms block is taken in the frequency domain (Parseval:
    the block's spectrum times the filter's power response), which needs numpy only.
    """

    def __init__(self, settings: AnalysisSettings) -> None:
        self.s = settings
        self.step = int(AUDIO_RATE * SILENCE_STEP_S)
        self.kstep = AUDIO_RATE // 10
        self.levels_db: array[float] = array("d")  # per 10 ms
        self.kpower: array[float] = array("d")  # K-weighted mean square per 100 ms
        self._rest = np.zeros(0, np.float64)
        self._krest = np.zeros(0, np.float64)
        self._kgain = _k_weighting_power_gain(self.kstep, AUDIO_RATE)
        self._kgain[1 : -1 if self.kstep % 2 == 0 else None] *= 2  # one-sided spectrum
        self.samples = 0

    def read(self, pipe: IO[bytes]) -> None:
        try:
            while True:
                buf = pipe.read(AUDIO_RATE * 2 // 2)  # 0.5 s of s16le
                if not buf:
                    break
                if len(buf) % 2:
                    buf += pipe.read(1) or b"\0"
                self._feed(np.frombuffer(buf, "<i2").astype(np.float64) / 32768.0)
        except (OSError, ValueError):
            pass

    def _feed(self, x: np.ndarray) -> None:
        self.samples += len(x)
        data = np.concatenate([self._rest, x])
        n = len(data) // self.step * self.step
        if n:
            blocks = data[:n].reshape(-1, self.step)
            ms = (blocks**2).mean(axis=1)
            self.levels_db.extend((10 * np.log10(ms + 1e-12)).tolist())
        self._rest = data[n:]
        kdata = np.concatenate([self._krest, x])
        kn = len(kdata) // self.kstep * self.kstep
        if kn:
            spectrum = np.abs(np.fft.rfft(kdata[:kn].reshape(-1, self.kstep), axis=1)) ** 2
            self.kpower.extend(((spectrum * self._kgain).sum(axis=1) / self.kstep**2).tolist())
        self._krest = kdata[kn:]

    def _integrated_lufs(self) -> float | None:
        p = np.asarray(self.kpower)
        if len(p) < 4:
            return None
        blocks = np.convolve(p, np.ones(4) / 4, mode="valid")  # 400 ms, 75% overlap
        loud = -0.691 + 10 * np.log10(blocks + 1e-12)
        gated = blocks[loud > -70.0]
        if len(gated) == 0:
            return None
        rel = -0.691 + 10 * np.log10(gated.mean()) - 10.0
        gated = blocks[(loud > -70.0) & (loud > rel)]
        if len(gated) == 0:
            return None
        return float(-0.691 + 10 * np.log10(gated.mean()))

    def finish(self) -> AudioFacts:
        s = self.s
        lv = np.asarray(self.levels_db)
        if len(self._rest):
            lv = np.append(lv, 10 * np.log10((self._rest**2).mean() + 1e-12))
        step = SILENCE_STEP_S
        quiet = lv < s.silence_threshold_db
        silences: list[Silence] = []
        i, n = 0, len(lv)
        total = self.samples / AUDIO_RATE
        while i < n:
            if not quiet[i]:
                i += 1
                continue
            j = i
            while j + 1 < n and quiet[j + 1]:
                j += 1
            start, end = i * step, min(total, (j + 1) * step)
            if end - start >= s.min_silence_s:
                silences.append(Silence(round(start, 3), round(end, 3)))
            i = j + 1
        loud_idx = np.nonzero(~quiet)[0]
        first_sound = float(loud_idx[0] * step) if len(loud_idx) else None
        per = max(1, int(round(s.loudness_window_s / step)))
        m = len(lv) // per * per
        win_db: list[float] = []
        if m:
            lin = 10 ** (lv[:m].reshape(-1, per) / 10)
            win_db = (10 * np.log10(lin.mean(axis=1) + 1e-12)).round(2).tolist()
        times = tuple(round(k * per * step, 3) for k in range(len(win_db)))
        return AudioFacts(
            has_audio=True,
            first_sound_s=first_sound,
            silences=tuple(silences),
            loudness_lufs=self._integrated_lufs(),
            loudness_times_s=times,
            loudness_db=tuple(max(-120.0, x) for x in win_db),
            sample_rate=AUDIO_RATE,
        )

