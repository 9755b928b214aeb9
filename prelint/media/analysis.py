"""One streaming decode pass -> MediaFacts: the data path of the media engine.

    draft video -> probe (container.py) -> decode plan (decode_plan.py)
      -> ffmpeg decode processes (ffmpeg_process.py)
      -> small frames: transitions (transitions.py) and per-frame series (series.py)
      -> sampled frames (sampling.py)  -> audio PCM: levels, silences, loudness (audio.py)
      -> MediaFacts (facts.py), cached by content hash (cache.py)

Bundled ffmpeg decodes the file once, as a player does (the deblocking filter included: skipping
it saved about 6 % of the decode, but the pictures read for QR codes drifted from what viewers see
by up to 16 grey levels inside a code after half a minute without a keyframe). A long video is cut
at keyframes into stretches of 4-15 s decoded by up to ``decode_workers`` single-threaded processes at
a time (one process per core: ffmpeg's own frame threads leave about a third of the cores
idle); the analysers still see every frame once, in time order. Each video process writes
two pipes:

- small frames (``analysis_width_px`` wide, RGB) of every frame -> detector and series;
- sampled frames (short side ``sample_short_side_px``, BGR) about twice a second -> a
  handful kept for OCR / QR / filmstrip (first, hook window, one per shot, last);

and one more process streams mono 16 kHz PCM -> loudness series, silences, first sound,
integrated loudness.

One Deadline (``analysis_time_limit_s`` from the start of analyze()) bounds every loop of
probing, planning and decoding; nothing is sized or iterated from the duration the
container declares.

Frame times come from ``showinfo`` PTS lines (VFR correct). Nothing holds the whole video:
frames are processed as they arrive; a stretch decoded ahead waits in memory (at most
`workers` stretches of small frames), and only a short ring is kept (memory.py keeps the
heap from growing with the video's length).
"""

from __future__ import annotations

import concurrent.futures
import dataclasses
import functools
import os
import subprocess
import threading
import time
from collections import deque
from collections.abc import Callable
from pathlib import Path

import numpy as np

from prelint.content.qr import STREAM, QrScanner
from prelint.errors import InputError
from prelint.media.audio import AUDIO_RATE, MAX_AUDIO_S, AudioAnalyser
from prelint.media.container import check_file, ffmpeg_input_args, probe
from prelint.media.deadline import Deadline
from prelint.media.decode_plan import (
    SEGMENT_OVERLAP_S,
    RestPlanner,
    Segment,
    hook_segment,
    rest_segments,
)
from prelint.media.facts import (
    AnalysisSettings,
    AudioFacts,
    decode_workers,
    MediaFacts,
    ProbeFacts,
)
from prelint.media.ffmpeg_process import (UNSPECIFIED_MATRIX, UNSPECIFIED_RANGE, DecodeErrors, DecodeProcess,
                                          ffmpeg_data_limit, ffmpeg_exe, kill, log_tag, memory_limited, same_colour_matrix)
from prelint.media.memory import BufferPool, return_free_memory
from prelint.media.sampling import (MAX_SAMPLED_S, BigFrame, FrameSampler, SampleGrid, SamplingKey, read_big_frames,
                                    sample_key, sample_size, scan_size)
from prelint.media.series import SeriesBuilder
from prelint.safe_io import describe_size

#: Colour matrices FFmpeg converts as they are named (others, and none, see _colour_default).
CONVERTED_MATRICES = frozenset({"bt709", "bt470bg", "smpte170m", "bt2020nc", "bt2020c", "smpte240m", "fcc"})


def analyze(
    path: str | os.PathLike[str],
    settings: AnalysisSettings = AnalysisSettings(),
    *,
    progress: Callable[[float], None] | None = None,
    use_cache: bool = True,
    probed: ProbeFacts | None = None,
    started: float | None = None,
) -> MediaFacts:
    """Probe, then decode once and return the media facts (cached by content hash). `probed`: the
    file's probe, when the caller has it; `started`: when the caller's clock for this draft started
    (time.monotonic()), so that its probe and this analysis share one time limit."""
    started = time.monotonic() if started is None else started
    deadline = Deadline(settings.analysis_time_limit_s, started)
    path = Path(path)
    check_file(path)  # a regular, readable file: safe to open from the planner thread
    planner = RestPlanner(path, settings, deadline)  # index reads overlap the probe
    planner.start()
    probe_facts = probed if probed is not None else probe(path, deadline)
    from prelint.media import cache

    content = cache.content_hash(path, deadline)  # also keys the sampling instants
    cache_key = None
    if use_cache:
        cache_key = cache.entry_key(content, settings)
        hit = cache.load(cache_key)
        if hit is not None:
            if progress:
                progress(1.0)
            return hit
    facts = _Analysis(path, probe_facts, settings, progress, started, deadline, planner,
                      sampling_key=sample_key(content)).run()
    if use_cache and cache_key is not None:
        cache.store(cache_key, facts)
    return facts


#: Sampled frames that may wait for the cut detector's decisions; past it the oldest is handed on
#: at once (a detector starved of frames once let every sampled frame of a 25-minute draft wait:
#: 1.2 GB of JPEG).
MAX_PENDING_SAMPLES = 240
#: The hook window's stretch decodes this far (s) past the window.
HOOK_DECODE_PAST_S = 0.2
#: A stretch's sampling time line ends this far (s) past where its decode stops (see
#: SampleGrid.warp_expr): its last frames' cells are the next stretch's anyway.
SAMPLED_PAST_DECODE_S = 1.0
#: Most cells a sampled frame is repeated for when it stays on screen past the next instants
#: (see take in _Analysis._decode): a longer gap is filled at evenly spaced cells.
FILLED_CELLS_PER_GAP = 240
#: How far (s) the container's duration may run past the last decoded picture and sound before the
#: decoded end is taken as the draft's duration (a still last frame held a little longer counts).
DECLARED_DURATION_SLACK_S = 2.0
#: Longest wait (s) for the audio process to end and print its loudness summary.
METER_WAIT_S = 5.0

#: Tallest analysis frame, as a multiple of its width (analysis_width_px). Taller videos are
#: squeezed to it; cut and motion detection do not need the true proportions.
MAX_ANALYSIS_ASPECT = 4


#: Largest mean difference (grey levels of the analysis frame) between two decodes of a frame
#: at a seam: the previous stretch's overlap and the next stretch's start decode it from the
#: same keyframe, so they agree exactly unless that keyframe is no true entry point (then the
#: next stretch's frames are grey or smeared: differences of tens of levels).
SEAM_MAX_DIFF = 2.0

#: Frames larger than this (4K UHD) are decoded by one FFmpeg process at a time: each may use up
#: to its memory limit (ffmpeg_data_limit), 1.4 GB at the 8K cap.
ONE_DECODER_ABOVE_PIXELS = 3840 * 2160


class SeamCheck:
    """The frames a stretch decoded past the next stretch's start, against which the next
    stretch's first frames are compared (a stretch whose start cannot be decoded on its own
    would otherwise put a false cut, or a gap, at the seam)."""

    def __init__(self, start_s: float, every_frame: bool) -> None:
        self.start_s = start_s
        self.every_frame = every_frame  # both decodes give every frame (no decimation)
        self.frames: dict[float, np.ndarray] = {}

    def keep(self, t_s: float, grey: np.ndarray) -> None:
        self.frames[t_s] = grey

    def agrees(self, t_s: float, grey: np.ndarray) -> bool | None:
        """True: the next stretch's frame at t_s matches the earlier decode; False: it differs,
        or the next stretch skipped past every frame the earlier decode gave; None: no
        verdict yet (a frame the earlier decode did not give)."""
        earlier = self.frames.get(t_s)
        if earlier is not None:
            diff = float(np.mean(np.abs(grey.astype(np.int16) - earlier.astype(np.int16))))
            return diff <= SEAM_MAX_DIFF
        if t_s > max(self.frames):
            return not self.every_frame
        return None


class _Analysis:
    """One video's decode pass: starts the decode processes the plan calls for, feeds the
    analysers in time order and assembles their facts."""

    def __init__(self, path: Path, probe_facts: ProbeFacts, settings: AnalysisSettings,
                 progress: Callable[[float], None] | None, started: float, deadline: Deadline,
                 planner: RestPlanner | None = None, sampling_key: SamplingKey | None = None) -> None:
        self.path = path
        self.planner = planner
        self.probe = probe_facts
        self.settings = settings
        self.progress = progress
        self.started = started
        self.deadline = deadline
        w, h = probe_facts.width, probe_facts.height
        self.small_w = max(16, settings.analysis_width_px // 2 * 2)
        # height follows the aspect, within MAX_ANALYSIS_ASPECT: an 8x4320 strip would
        # otherwise be analysed as 96x51840 frames
        self.small_h = max(16, min(MAX_ANALYSIS_ASPECT * self.small_w, int(round(self.small_w * h / w / 2)) * 2))
        self.big_w, self.big_h = sample_size(w, h, settings)
        # the sampled pictures come at up to 1080 px for the QR reader and are scaled down here
        self.scan_w, self.scan_h = scan_size(w, h)
        self.sample_grid = SampleGrid(settings.hook_window_s, sampling_key)
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

    def _run(self) -> MediaFacts:
        from prelint.media.transitions import TransitionDetector, shots_from_transitions

        s = self.settings
        self._check_stream_colours()
        self.detector = TransitionDetector(s, self.probe.fps)
        self.series = SeriesBuilder(s, self.small_w, self.small_h)
        self.sampler = FrameSampler(s, self.probe.duration_s)
        # the random part of the names of the filters whose log lines are read (see log_tag)
        self.log_tag = log_tag()
        self.audio_state = AudioAnalyser(s, f"ebur128@meter_{self.log_tag}") if self.probe.has_audio else None
        self.log_tail: deque[str] = deque(maxlen=30)
        self.decode_errors = DecodeErrors()
        self.last_progress = -1.0
        self.pending_big: deque[BigFrame] = deque()
        self.memory_limit = ffmpeg_data_limit(self.probe.coded_width * self.probe.coded_height)
        # every picture sampled on the grid is read for QR codes as it comes, not only the few kept
        # frames (a code shown for a second in one long shot was missed four times in five)
        self.qr = QrScanner(self.deadline, STREAM)
        try:
            self._decode(hook_segment(self.probe.duration_s, s))
            qr = self.qr.finish()
        except BaseException:  # an error, Ctrl-C or SIGTERM: the QR worker goes at once
            self.qr.close()
            raise
        if self.decode_errors.out_of_memory:
            raise InputError(
                f"decoding it needs more than {describe_size(self.memory_limit)} of memory per FFmpeg process, the "
                "limit for its frame size (a stream that keeps more pictures than it declares, or a rare pixel "
                "format): re-export the video with a standard encoder setting", self.path)
        self._check_frame_sizes()
        self._check_frame_colours()
        detector = self.detector
        if not detector.times:
            detail = next((ln for ln in reversed(self.log_tail) if "rror" in ln or "nvalid" in ln), "")
            raise InputError("no video frame could be decoded" + (f" ({detail[:120]})" if detail else ""),
                             self.path)
        transitions = tuple(detector.finish())
        self._offer_settled_big(final=True)
        duration_s = self.probe.duration_s
        last_t = detector.times[-1]
        video_end = last_t + 1.0 / max(self.probe.fps, 1.0)
        sound_end = self.audio_state.samples / AUDIO_RATE if self.audio_state is not None else 0.0
        decoded_end = max(video_end, sound_end)
        if duration_s <= 0 or last_t > duration_s or abs(duration_s - decoded_end) > DECLARED_DURATION_SLACK_S:
            # the picture and the sound decide, not the container: its duration counts every stream
            # (a subtitle cue at one hour made a 20 s draft's last shot an hour long), and a file can
            # declare 9 s over 200 s of video
            duration_s = decoded_end
        probe = self.probe if duration_s == self.probe.duration_s else dataclasses.replace(self.probe, duration_s=duration_s)
        shots = shots_from_transitions(transitions, duration_s)
        frames = self.sampler.finish(shots, last_t)
        audio = self.audio_state.finish() if self.audio_state is not None else AudioFacts(has_audio=False)
        if self.progress:
            self.progress(1.0)
        return MediaFacts(
            probe=probe,
            shots=shots,
            transitions=transitions,
            series=self.series.finish(self.sampler.profiles()),
            audio=audio,
            frames=frames,
            settings_key=s.key(),
            analysis_seconds=time.monotonic() - self.started,
            decode_errors=self.decode_errors.count,
            decode_error_examples=tuple(self.decode_errors.examples),
            qr_codes=qr.codes,
            qr_note=qr.note,
        )

    def _check_frame_sizes(self) -> None:
        """Every decoded frame (after autorotation, before scaling, its pixel aspect ratio applied) has
        the probe's display size, which is the first decoded frame's. A stream whose size or rotation
        changes part-way (a resolution change in MPEG-TS,
        a display-orientation SEI from some frame on) makes FFmpeg rebuild its filters, and the
        analysis' fixed scale would squash every later frame: a QR code after the change would go
        unseen and the aspect checks would judge the first shape only."""
        sizes = self.decode_errors.frame_sizes
        declared = (self.probe.width, self.probe.height)
        if not sizes or sizes == [declared]:
            return
        shown = " then ".join(f"{w}x{h}" for w, h in ([declared] if declared not in sizes else []) + sizes)
        raise InputError(f"its frame size or rotation changes mid-stream ({shown}); prelint analyses one shape: "
                         "export the video again at one size and orientation", self.path)

    def _offer_settled_big(self, final: bool = False) -> None:
        """Hand sampled frames to the sampler once the detector's cut decisions up to their
        time are final (all of them at the end), so which frames are kept depends on the
        video alone, not on how far the decoders ran ahead of the analysers."""
        settled = float("inf") if final else self.detector.settled_s()
        pending = self.pending_big
        while pending and (pending[0].t_s <= settled or len(pending) > MAX_PENDING_SAMPLES):
            frame = pending.popleft()
            self.sampler.offer(frame, last_cut_s=self.detector.last_cut_s(frame.t_s))

    def _video_command(self, segment: Segment, small_fd: int, big_fd: int, threads: int) -> list[str]:
        s = self.settings
        hook = s.hook_window_s
        small_chain = f"scale={self.small_w}:{self.small_h}:flags=fast_bilinear"
        if s.decimate_after_hook > 1 and not segment.hook_only:
            small_chain = (f"select='lt(t\\,{hook})+not(mod(n\\,{s.decimate_after_hook}))',"
                           + small_chain)
        # the frame on screen at each cell's instant, each picture once (see SampleGrid; the cells
        # in between are filled in _decode)
        if segment.hook_only:
            until = hook + HOOK_DECODE_PAST_S + SAMPLED_PAST_DECODE_S
        elif segment.t_to is not None:
            until = segment.t_to + SEGMENT_OVERLAP_S + SAMPLED_PAST_DECODE_S
        else:
            until = MAX_SAMPLED_S
        big_select = self.sample_grid.ffmpeg_filters(from_start=segment.seek_s == 0 and segment.t_from == 0,
                                                     until_s=until)
        # side data is dropped before showinfo, which would print it (a user-data SEI as one line
        # of hex: a 40 MB SEI made lines of 80 MB); the picture and its times are all prelint reads.
        # The sampled pictures are what a player shows: a frame flagged interlaced is deinterlaced
        # as transcoders do (yadif, one picture per frame, from the first field); woven as decoded,
        # a QR code in one field over its inverse in the other averaged to grey. Other frames pass
        # through unchanged.
        graph = (
            f"[0:v:0]sidedata=mode=delete,showinfo@in_{self.log_tag}=checksum=0{self._colour_default()},split=2[a][b];"
            f"[a]{small_chain},format=rgb24,showinfo@small_{self.log_tag}=checksum=0[small];"
            f"[b]yadif=mode=send_frame:parity=auto:deint=interlaced,{big_select},"
            f"scale={self.scan_w}:{self.scan_h}:flags=area,format=bgr24,"
            f"showinfo@big_{self.log_tag}=checksum=0[big]"
        )
        # -copyts -start_at_zero: PTS are times from the file's start in every process, also
        # after -ss, so the select expressions and the frame times agree across stretches
        cmd = [ffmpeg_exe(), "-hide_banner", "-nostdin", "-nostats", "-loglevel", "info",
               "-copyts", "-start_at_zero",
               "-threads", str(threads)]
        if segment.hook_only:
            cmd += ["-t", f"{hook + HOOK_DECODE_PAST_S:.3f}"]
        else:
            seek = segment.seek_s
            if seek > 0:
                cmd += ["-ss", f"{seek:.6f}"]
            if segment.t_to is not None:
                decode_start = segment.t_from if segment.decode_from_s is None else segment.decode_from_s
                cmd += ["-t", f"{segment.t_to - decode_start + SEGMENT_OVERLAP_S:.6f}"]
        cmd += [*segment.decoder_options, *ffmpeg_input_args(self.path), "-filter_complex", graph,
                "-map", "[small]", "-map_metadata", "-1", "-fps_mode", "passthrough", "-f", "rawvideo", f"pipe:{small_fd}",
                "-map", "[big]", "-map_metadata", "-1", "-fps_mode", "passthrough", "-f", "rawvideo", f"pipe:{big_fd}"]
        return cmd

    def _analysis_output_failed(self) -> bool:
        """FFmpeg says its analysed-frame output (the first, `vost#0`), or the filter graph feeding
        both outputs (`fc#0`: a frame naming a colour matrix it cannot convert made it rebuild and
        fail, and the analysed frames just ended there), ended in an error. Its
        sampled-picture output may end early without harm: past a picture shown for hours the
        sampling time line is clamped and those samples are filled in (see SampleGrid), and a
        reader that has all it needs stops reading."""
        for line in self.log_tail:
            if "Error reinitializing filters" in line:  # a later frame the filter graph cannot take
                return True
            if "Terminating thread with return code" in line and not line.startswith(("[vost#1:", "[out#1/")):
                return True  # the analysed output, or the filter graph feeding both
        return False

    def _colour_default(self) -> str:
        """The filter that sets the colour matrix of frames that name none, as players take it: the
        stream's own (a container's colour element) when it names one, else BT.709 at HD sizes
        (mpv's rule, 1280 wide or more than 576 tall; Chromium and the phones' players agree for HD;
        a matrix FFmpeg cannot convert, ICtCp or YCgCo, Chromium shows as BT.709 too), none below.
        FFmpeg converts an untagged frame as BT.601 whatever its size and whatever its container
        says: a QR code drawn in the colour planes alone, flat in BT.601, showed plainly as magenta
        on green in players and passed; one flat as BT.709 in a WebM whose Colour element says
        BT.601 showed in Chromium and passed. Every frame's own matrix is checked against the first
        frame's (_check_frame_colours), so the setting holds for the whole stream."""
        matrix = self.probe.colour_matrix
        if matrix == UNSPECIFIED_MATRIX:
            matrix = self.probe.stream_colour_matrix
            if matrix in CONVERTED_MATRICES:
                return f",setparams=colorspace={matrix}"
        width, height = self.probe.coded_width, self.probe.coded_height
        if matrix in CONVERTED_MATRICES or not (width >= 1280 or height > 576):
            return ""
        return ",setparams=colorspace=bt709"

    def _check_stream_colours(self) -> None:
        """A stream whose container names one colour matrix (or range) and whose frames another is refused:
        players differ on which they show (Chromium's VP9 decoder takes a WebM's Colour element,
        FFmpeg and its H.264 decoder the frames'), so its picture is not known."""
        stream, frame = self.probe.stream_colour_matrix, self.probe.colour_matrix
        if UNSPECIFIED_MATRIX not in (stream, frame) and not same_colour_matrix(stream, frame):
            raise InputError(f"its container names the colour matrix {stream} and its video stream {frame}; players "
                             "differ on which they show: export the video again with one colour setting", self.path)
        # the same for the range: frames of limited range holding full-range values, in a WebM whose
        # Colour element says full, showed a code at 235 on 255 in Chromium, white on white in FFmpeg
        stream, frame = self.probe.stream_colour_range, self.probe.colour_range
        if UNSPECIFIED_RANGE not in (stream, frame) and stream != frame:
            raise InputError(f"its container names the colour range {stream} and its video stream {frame}; players "
                             "differ on which they show: export the video again with one colour setting", self.path)

    def _check_frame_colours(self) -> None:
        """Every decoded frame names the first frame's colour matrix: a stream that switches part-way
        (an untagged start, then frames tagged otherwise) would be converted with the wrong one,
        and a matrix FFmpeg cannot convert from the tenth second on ended its decode there."""
        matrices = self.decode_errors.colour_matrices
        if matrices and matrices[0] != self.probe.colour_matrix:
            # the conversion was chosen from the probe's reading of the first frame
            raise InputError(f"its frames name the colour matrix {matrices[0]}, its first frame "
                             f"{self.probe.colour_matrix}; export the video again", self.path)
        if len(matrices) > 1:
            raise InputError(f"its colour matrix changes mid-stream ({' then '.join(matrices)}); prelint reads one: "
                             "export the video again with one colour setting", self.path)

    def _audio_command(self) -> list[str]:
        # gaps in the sound's timestamps and a late start are filled with silence (async=1,
        # first_pts=0), so the samples count time: a jump from 3 s to 995 s made a 1000 s draft 10 s
        # long. The sound is read to its end, at most MAX_AUDIO_S, whatever the container declares and
        # however long the picture lasts: a draft plays as long as its sound does (a 10 s picture
        # over 200 s of clipped sound passed SPEC003 and SPEC010 when the sound was cut where the
        # picture ended); the time limit bounds a long track's decode
        length = ["-t", f"{MAX_AUDIO_S:.3f}"]
        # one decode, two branches: the mono 16 kHz samples prelint analyses, and FFmpeg's own
        # EBU R128 meter on the original channels and rate (integrated loudness and sample peak as
        # any loudness tool reports them), whose summary comes on stderr at the end
        graph = (f"[0:a:0]asplit=2[pcm][meter];[pcm]aresample={AUDIO_RATE}:async=1:first_pts=0,aformat=sample_fmts=s16:channel_layouts=mono[out];"
                 f"[meter]ebur128@meter_{self.log_tag}=peak=sample:framelog=quiet[metered]")
        # -copyts -start_at_zero: times from the file's start, as the picture's (FFmpeg would otherwise
        # close up a jump in an MPEG-TS file's timestamps)
        return [ffmpeg_exe(), "-hide_banner", "-nostdin", "-nostats", "-loglevel", "info", "-copyts", "-start_at_zero",
                "-threads", "1", "-vn", *ffmpeg_input_args(self.path, decode_video=False), "-filter_complex", graph,
                "-map", "[out]", "-map_metadata", "-1", *length, "-f", "s16le", "pipe:1",
                "-map", "[metered]", "-map_metadata", "-1", *length, "-f", "null", "-"]

    def _decode(self, hook: Segment | None) -> None:
        """Decode the stretches with up to decode_workers processes at a time, feeding the
        analysers strictly in time order (a stretch decoded ahead waits in its queues; at
        most `workers` stretches ahead, so memory stays bounded). The audio and the hook
        window start decoding while the rest is being planned."""
        import cv2

        workers = decode_workers(self.settings.decode_workers)
        if self.probe.coded_width * self.probe.coded_height > ONE_DECODER_ABOVE_PIXELS:
            workers = 1  # each decoder may hold up to its memory limit: one at a time above 4K
        segments: list[Segment] = [hook] if hook is not None else []
        procs: list[DecodeProcess | None] = [None] * len(segments)
        threads_each = 1
        audio_proc: subprocess.Popen[bytes] | None = None
        meter_thread: threading.Thread | None = None
        audio_thread: threading.Thread | None = None
        next_start = 0  # the first stretch whose process has not been started
        # three pipe readers per process; at most workers + 1 processes are open at a time
        readers = concurrent.futures.ThreadPoolExecutor(max_workers=3 * (workers + 1),
                                                        thread_name_prefix="prelint-read")
        small_pool = BufferPool(self.small_w * self.small_h * 3)
        read_big = functools.partial(read_big_frames, size=(self.scan_w, self.scan_h), grid=self.sample_grid,
                                     sample=(self.big_w, self.big_h), scanner=self.qr)

        def start(i: int) -> None:
            seg = segments[i]
            threads = 1 if seg.hook_only else threads_each
            nonlocal next_start
            procs[i] = DecodeProcess(
                seg, lambda small_fd, big_fd: self._video_command(seg, small_fd, big_fd, threads),
                small_pool, read_big, self.log_tail, readers, self.decode_errors, self.memory_limit, self.log_tag)
            next_start = max(next_start, i + 1)

        def top_up(current: int) -> None:
            if self.timed_out:
                return  # no new process once the watchdog has stopped the others
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
                kill(audio_proc)

        deadline = self.deadline
        timer = threading.Timer(max(0.05, deadline.remaining()), watchdog)
        timer.daemon = True
        timer.start()
        detector, series = self.detector, self.series
        duration = max(self.probe.duration_s, 1e-3)
        last_cell = -1
        # a finished stretch's sampled frames for instants past its last decoded frame (see offer_big)
        provisional: list[BigFrame] = []

        last_taken: BigFrame | None = None

        def take(frame: BigFrame) -> None:
            # each cell gives one frame: the overlap at a seam repeats cells already given. The
            # cells skipped since the last frame taken showed that frame still (ffmpeg gives a
            # picture once, however many instants it is on screen at): it stands for them, at
            # most FILLED_CELLS_PER_GAP of them spread over the gap
            nonlocal last_cell, last_taken
            if frame.cell <= last_cell:
                return
            if last_taken is not None and frame.cell > last_taken.cell + 1:
                gap = range(last_taken.cell + 1, frame.cell)
                stride = -(-len(gap) // FILLED_CELLS_PER_GAP)
                for cell in gap[::stride]:
                    self.pending_big.append(dataclasses.replace(last_taken, cell=cell, t_s=self.sample_grid.instant(cell)))
            last_cell = frame.cell
            last_taken = frame
            self.pending_big.append(frame)

        def offer_big(frame: BigFrame, confirmed: bool) -> None:
            """A stretch's sampled frame for a cell is the frame on screen at the cell's instant once
            the stretch has decoded a frame starting after that instant (`confirmed`). Past a
            stretch's last decoded frame, ffmpeg gives that frame for every instant up to where the
            stretch stopped decoding, and the next stretch may know of a later frame: those samples
            wait, and are taken for the cells before the next stretch's first sample (its decode
            started at a frame after their instants, so nothing came between)."""
            nonlocal provisional
            if provisional:
                for earlier in provisional:
                    if earlier.cell < frame.cell:
                        take(earlier)
                provisional = []
            if confirmed:
                take(frame)
            else:
                provisional.append(frame)

        try:
            if self.audio_state is not None:
                audio_proc = subprocess.Popen(self._audio_command(), stdin=subprocess.DEVNULL,
                                              stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                              preexec_fn=memory_limited(ffmpeg_data_limit()))
                audio_thread = threading.Thread(target=self.audio_state.read, args=(audio_proc.stdout,), daemon=True)
                audio_thread.start()
                meter_thread = threading.Thread(target=self.audio_state.read_meter, args=(audio_proc.stderr,), daemon=True)
                meter_thread.start()
            if segments:
                start(0)
            rest = rest_segments(self.path, self.settings, self.probe.duration_s, self.planner,
                                 after_hook=hook is not None, deadline=deadline)
            segments += rest
            procs += [None] * len(rest)
            threads_each = workers if len(rest) == 1 else 1  # one stretch: ffmpeg's own threads
            seam: SeamCheck | None = None  # the previous stretch's frames past this one's start
            i = 0
            while i < len(segments):
                seg = segments[i]
                if self.timed_out or deadline.expired():
                    self.timed_out = True
                    break
                top_up(i)
                proc = procs[i]
                assert proc is not None
                following = segments[i + 1] if i + 1 < len(segments) else None
                next_seam = SeamCheck(following.t_from, self.settings.decimate_after_hook <= 1) if following else None
                # a stretch decoded again from an earlier start carries the decoder's state
                checking = bool(seam is not None and seam.frames and seg.decode_from_s is None)
                undecodable = False
                waiting: list[BigFrame] = []  # this stretch's sampled frames not yet confirmed (see offer_big)
                for t_s, buf in proc.frames(lambda: top_up(i), deadline):
                    rgb = np.frombuffer(buf, np.uint8).reshape(self.small_h, self.small_w, 3)
                    grey = None
                    if checking:
                        assert seam is not None
                        grey = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)
                        agrees = seam.agrees(t_s, grey)
                        if agrees is False:
                            undecodable = True
                            small_pool.put(buf)
                            break
                        checking = agrees is None
                    if next_seam is not None and t_s >= next_seam.start_s - 1e-6:
                        grey = grey if grey is not None else cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)
                        next_seam.keep(t_s, grey)
                    if seg.owns(t_s) and (not detector.times or t_s > detector.times[-1]):
                        grey = grey if grey is not None else cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)
                        score = detector.process(t_s, rgb, grey)
                        series.add(t_s, grey, score, detector.luma[-1], detector.luma_std[-1], bool(detector.black[-1]))
                    small_pool.put(buf)  # the analysers keep copies, never the buffer
                    if not checking:  # sampled frames only once the stretch's start is sound
                        waiting += proc.big_ready()
                        while waiting and waiting[0].t_s < t_s:  # a frame starting after the instant
                            offer_big(waiting.pop(0), confirmed=True)
                    self._offer_settled_big()
                    if self.progress and t_s / duration - self.last_progress >= 0.02:
                        self.last_progress = t_s / duration
                        self.progress(min(0.99, max(0.0, self.last_progress)))
                    if self.timed_out or deadline.expired():
                        self.timed_out = True
                        break
                if self.timed_out or deadline.expired():
                    self.timed_out = True
                    break
                if undecodable or checking:  # differs from the previous decode, or gave no frame there
                    # its start is no true entry point: decode it and the rest as one stretch
                    # from the previous stretch's start
                    for p in procs[i:]:
                        if p is not None:
                            p.kill()
                            p.close(time.monotonic() + 5)
                    segments[i:] = [seg.decoded_again_after(segments[i - 1])]
                    procs[i:] = [None]
                    next_start = i
                    threads_each = workers
                    seam = None
                    continue
                for item in waiting + list(proc.big_rest(deadline.at + 5)):
                    # at the video's end the last frame stays on screen: nothing can follow it
                    offer_big(item, confirmed=seg.t_to is None)
                proc.close(deadline.at + 5)
                if (proc.exit_code not in (None, 0) and not (self.timed_out or deadline.expired())
                        and self._analysis_output_failed()):
                    # FFmpeg gave up part-way (a colour matrix it cannot convert from a later frame
                    # on): the rest of the video was never seen, and it passed as a shorter one
                    said = next((ln for ln in reversed(self.log_tail) if "rror" in ln or "nvalid" in ln),
                                next((ln for ln in reversed(self.log_tail) if ln), "no message"))
                    raise InputError(f"FFmpeg stopped decoding it part-way, after {detector.times[-1] if detector.times else 0.0:.1f} s "
                                     f"({said[:160]}): export the video again", self.path)
                return_free_memory()
                seam = next_seam
                i += 1
            for item in provisional:
                take(item)
            if audio_thread is not None and not self.timed_out:
                audio_thread.join(timeout=max(1.0, deadline.remaining() + 5))
                if audio_proc is not None and meter_thread is not None:
                    try:  # the meter's summary is written as the process ends
                        audio_proc.wait(timeout=max(0.5, min(METER_WAIT_S, deadline.remaining())))
                    except subprocess.TimeoutExpired:
                        pass
                    meter_thread.join(timeout=1.0)
        except BaseException:
            # an error, Ctrl-C or SIGTERM: the QR worker goes first, so that no reader thread waits
            # on a full QR queue while the decode processes are closed (that took 10 s on 2 cores)
            self.qr.close()
            raise
        finally:
            for p in procs:
                if p is not None:
                    p.kill()
                    p.close(time.monotonic() + 5)
            if audio_proc is not None:
                kill(audio_proc)
                if audio_proc.stdout is not None:
                    audio_proc.stdout.close()
            timer.cancel()
            readers.shutdown(wait=False, cancel_futures=True)
        if self.timed_out:
            raise deadline.error(self.path)

