"""`prelint fix`: the mechanical fixes prelint makes itself, in a copy of the draft.

    from prelint.fix import FixOptions, fix, format_fix
    result = fix(Path("draft.mp4"), FixOptions(output=Path("fixed.mp4")))
    print(format_fix(result))

1. The draft is linted with the rules whose problems have a mechanical fix (HOOK, PACE, SPEC,
   RISK, CTA; OCR off: only the title, caption, hashtags and subtitles are read as text).
2. The video's cuts are planned from those findings (`plan_cuts`, below) on the draft as prelint's
   probe reads it, and written in one ffmpeg pass to the file named with ``-o`` (`write_fixed_video`); with nothing to cut, ``-o`` gets a
   byte-for-byte copy. The draft itself is never written.
3. Safe text fixes are planned for the metadata file (`plan_text_fixes`); the file is rewritten
   only with ``write_metadata`` (atomically), otherwise the diff is shown.
4. The fixed draft is linted again: rules that fired before and pass now are *fixed*, the findings
   left are *remaining*.

With ``diff`` nothing is written at all: the planned cuts and the text diff are shown.
"""

from __future__ import annotations

import dataclasses
import difflib
import math
import os
import re
import shutil
import subprocess
import tempfile
import threading
import time
import tomllib
import unicodedata
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any, Callable, Iterable

from prelint.draft import HASHTAG_PATTERN
from prelint.errors import ConfigError, InputError, UsageError
from prelint.model import Finding, Level, Report, RuleResult, Status
from prelint.output_files import check_output_target


# ==================================================================================================
# Running a fix
# ==================================================================================================

#: Families of the rules `prelint fix` lints with (the cut and text fixes read HOOK, PACE, SPEC).
FIX_FAMILIES = ("HOOK", "PACE", "SPEC", "RISK", "CTA")
TEXT_FIELDS = ("title", "caption", "hashtags")
#: A cut that removes more sound than this (s) is pointed out.
SOUND_IN_CUT_S = 0.1

ProgressFactory = Callable[[str], "Callable[[float], None] | None"]


@dataclass(frozen=True)
class FixOptions:
    output: Path | None = None
    diff: bool = False
    write_metadata: bool = False
    cut_dead_air: bool = False
    platform: str | None = None
    config: Path | None = None
    preset: str = "medium"
    crf: int = 18
    no_cache: bool = False


@dataclass
class FixResult:
    draft: Path
    options: FixOptions
    before: Report
    after: Report | None = None
    plan: Any = None  # CutPlan, None without a video
    text: Any = None  # TextPlan, None without a metadata file
    edit: Any = None  # MetadataEdit, None when no text changes
    metadata: Path | None = None
    metadata_written: bool = False
    video: Any = None  # WrittenVideo
    warnings: list[str] = field(default_factory=list)
    fail_on: Level = Level.WARN
    #: Wall-clock seconds of each step: "lint" (before), "write" (the video), "relint" (after).
    timings: dict[str, float] = field(default_factory=dict)
    #: The text as the safe fixes leave it, linted on its own (None without a metadata file).
    text_report: Report | None = None

    @property
    def pending(self) -> bool:
        """Something would change (for --diff: cuts to make or text to fix)."""
        return bool((self.plan is not None and self.plan.cuts) or (self.edit is not None))

    @property
    def exit_code(self) -> int:
        if self.options.diff:
            return 1 if self.pending else 0
        report = self.after or self.before
        return 1 if report.failed(self.fail_on) or (self.edit is not None and not self.metadata_written) else 0

    def fixed(self) -> list[tuple[str, str]]:
        """(code, name) of the rules that fired before and pass now."""
        if self.after is None:
            return []
        after = {r.code: r for r in self.after.rules}
        return [(r.code, r.name) for r in self.before.rules
                if r.findings and r.code in after and after[r.code].status == Status.PASS]

    def remaining(self) -> list[Finding]:
        return list(self.after.findings) if self.after is not None else []

    def suggestions(self) -> list[Finding]:
        """Text findings no safe fix covers, on the text as the safe fixes leave it (written or not):
        left for the author, each with its rule's hint."""
        report = self.text_report or self.after or self.before
        return [f for f in report.findings if f.field in TEXT_FIELDS]


def fix(path: Path, options: FixOptions, progress: ProgressFactory | None = None) -> FixResult:
    """Fix the draft at `path` (a video or its metadata file). Raises PrelintError for bad input."""
    from prelint.config import Config
    from prelint.draft import draft_from_path
    from prelint.engine import lint, resolve_config
    from prelint.platforms import profile
    from prelint.registry import load_rules, select_rules

    path = Path(path)
    if path.is_dir():
        raise InputError("is a directory, not a video file", path)
    if not path.exists() and not path.is_symlink():
        raise InputError("no such file", path)
    if options.preset not in PRESETS:
        raise UsageError(f"--preset must be one of {', '.join(PRESETS)}, got {options.preset!r}")
    if not 0 <= options.crf <= 51:
        raise UsageError(f"--crf must be 0–51, got {options.crf}")
    draft = draft_from_path(path)
    inputs = [p for p in (draft.video, draft.metadata, draft.subtitles) if p is not None]
    config: Config = resolve_config(options.config, path.parent)
    if config.source is not None:
        inputs.append(config.source)
    _check_output(draft, options, inputs)
    config = config.override(ocr=False, cache=False if options.no_cache else None)
    chosen = select_rules(load_rules(), config.select, config.ignore, config.extend_select)
    codes = [r.code for r in chosen if r.code.startswith(FIX_FAMILIES)]
    if not codes:
        raise UsageError("no rule left for `prelint fix` to read: select HOOK, PACE, SPEC, RISK or CTA rules")
    analysing = progress(f"analysing {path.name}") if progress else None
    started = time.perf_counter()
    before = lint(path, platform=options.platform, config=config, select=codes,
                  progress=(lambda _label, fraction: analysing(fraction)) if analysing else None)
    result = FixResult(draft=path, options=options, before=before, metadata=draft.metadata, fail_on=config.fail_on)
    result.timings["lint"] = time.perf_counter() - started
    platform = profile(before.platform or config.platform)

    clip = None
    try:
        if draft.video is not None:
            clip = open_source(draft.video)
            source = describe_source(clip)
            _refuse_declared_length_beyond_frames(before, source, draft.video)
            result.plan = plan_cuts(before, source.fps, source.frames, cut_dead_air=options.cut_dead_air,
                                    platform_min_s=platform.min_duration_s)
            result.warnings.extend(_sound_in_cuts(before, result.plan))
            if result.plan.cuts and draft.subtitles is not None:
                result.warnings.append(f"{draft.subtitles} is not retimed: its cues still follow the draft's "
                                       "timeline; shift or re-export it for the fixed video")
        if draft.metadata is not None:
            _plan_text(result, draft.metadata, before)
            result.text_report = _lint_text(result.text.after, draft, config, codes, options.platform)
        if options.diff:
            return result
        if clip is not None and options.output is not None:
            started = time.perf_counter()
            if result.plan.cuts:
                show = progress(f"writing {options.output.name}") if progress else None
                result.video = write_fixed_video(clip, result.plan, options.output, inputs, preset=options.preset,
                                                 crf=options.crf, progress=show,
                                                 time_limit_s=config.analysis_time_limit_s)
                result.warnings.extend(result.video.warnings)
            else:
                result.video = copy_video(draft.video, options.output, inputs)
            result.timings["write"] = time.perf_counter() - started
    finally:
        if clip is not None:
            clip.close()
    if result.edit is not None and options.write_metadata:
        _write_metadata(result, [p for p in inputs if p != draft.metadata] + ([options.output] if options.output else []))
    started = time.perf_counter()
    result.after = _lint_after(result, draft, config, codes)
    result.timings["relint"] = time.perf_counter() - started
    return result


#: How far (s, or this share of the length) a video's declared length may run past its last
#: decoded frame before `prelint fix` refuses it: the writer would read frames for the whole
#: declared length (a patched header says 1e9 s).
DECLARED_EXCESS_S = 2.0
DECLARED_EXCESS_SHARE = 0.05


def _refuse_declared_length_beyond_frames(before: Report, source: "SourceVideo", video: Path) -> None:
    media = before.media
    if media is None or not media.series.times_s or source.fps <= 0:
        return
    decoded_s = media.series.times_s[-1]
    declared_s = max(source.declared_s, source.frames / source.fps)
    if declared_s > decoded_s + max(DECLARED_EXCESS_S, DECLARED_EXCESS_SHARE * decoded_s):
        raise InputError(f"declares {declared_s:.0f} s but its frames end at {decoded_s:.1f} s (a damaged or "
                         "patched header); re-export it before fixing", video)


def _check_output(draft: Any, options: FixOptions, inputs: list[Path]) -> None:
    """`-o` is required for a video (unless --diff) and may not be a link, special file or input."""
    if options.write_metadata and not options.diff:
        if draft.metadata is None:
            raise UsageError("--write-metadata: the draft has no metadata file (clip.prelint.toml beside the video)")
        check_output_target(draft.metadata, [p for p in inputs if p != draft.metadata], "metadata file")
    if draft.video is None:
        if options.output is not None:
            raise UsageError(f"{draft.metadata} has no video beside it: there is no video to write to {options.output}")
        return
    if options.diff:
        return
    if options.output is None:
        raise UsageError("-o/--output FILE is required: prelint writes the fixed video to a new file, never over the "
                         "draft (or use --diff to see the fixes and change nothing)")
    check_target(options.output, inputs)


def _plan_text(result: FixResult, metadata: Path, before: Report) -> None:
    from prelint.safe_io import MAX_METADATA_BYTES, read_regular_file

    raw = read_regular_file(metadata, MAX_METADATA_BYTES, "metadata file").decode("utf-8")
    values = read_values(metadata, raw)
    limit = title_limit = None
    for f in before.findings:
        if f.code == "SPEC002" and f.level.rank >= Level.WARN.rank and isinstance(f.evidence.get("limit"), int):
            limit = f.evidence["limit"]
        if f.code == "SPEC001" and f.level.rank >= Level.WARN.rank and isinstance(f.evidence.get("limit"), int):
            title_limit = f.evidence["limit"]
    result.text = plan_text_fixes(values, limit, title_limit)
    if result.text.changed:
        result.edit = edit_metadata(metadata, raw, result.text)


def _write_metadata(result: FixResult, others: list[Path]) -> None:
    from prelint.output_files import write_output_file

    path = result.edit.path
    mode = os.stat(path).st_mode & 0o7777
    write_output_file(path, result.edit.new_text, others, "metadata file", mode)  # the file keeps its mode
    result.metadata_written = True


def _lint_after(result: FixResult, draft: Any, config: Any, codes: list[str]) -> Report:
    """Lint the fixed draft: the fixed video (or the draft's) with the text as it now stands."""
    from prelint.draft import Draft
    from prelint.engine import lint_draft, selected_rules

    text = result.text.after if (result.text is not None and result.metadata_written) else None
    video = result.video.path if result.video is not None else draft.video
    fixed = Draft(
        video=video,
        title=text.title if text is not None else draft.title,
        caption=text.caption if text is not None else draft.caption,
        hashtags=tuple(t.lstrip("#").strip() for t in text.tags()) if text is not None else draft.hashtags,
        subtitles=draft.subtitles,
        platform=draft.platform,
        metadata=None,
        ignores=draft.ignores,
        sources=dict(draft.sources),
    )
    if result.options.platform is not None:
        fixed = dataclasses.replace(fixed, platform=result.options.platform)
    rules = selected_rules(config.override(select=tuple(codes)))
    return lint_draft(fixed, config.override(select=tuple(codes)), rules)


def _lint_text(text: Any, draft: Any, config: Any, codes: list[str], platform: str | None) -> Report:
    """The text rules on the title, caption and hashtags as the safe fixes leave them (no video)."""
    from prelint.draft import Draft
    from prelint.engine import lint_draft, selected_rules

    only_text = Draft(title=text.title, caption=text.caption, hashtags=tuple(t.lstrip("#").strip() for t in text.tags()),
                      platform=platform or draft.platform, ignores=draft.ignores)
    selection = config.override(select=tuple(codes))
    return lint_draft(only_text, selection, selected_rules(selection))


def _sound_in_cuts(report: Report, plan: Any) -> list[str]:
    """Cuts that also remove sound (not only silence): worth a listen."""
    media = report.media
    if media is None or not media.audio.has_audio:
        return []
    silences = [(s.start_s, s.end_s) for s in media.audio.silences]
    out = []
    for cut in plan.cuts:
        silent = sum(max(0.0, min(b, cut.end_s) - max(a, cut.start_s)) for a, b in silences)
        sound = (cut.end_s - cut.start_s) - silent
        if sound > SOUND_IN_CUT_S:
            out.append(f"the {cut.kind} cut {cut.start_s:.2f}–{cut.end_s:.2f} s also removes {sound:.1f} s of sound: "
                       "listen to the fixed video there")
    return out


def format_fix(result: FixResult) -> str:
    """The text report of a fix run."""
    from prelint.terminal import visible

    lines: list[str] = []
    opts = result.options
    target = f" → {opts.output}" if opts.output is not None and not opts.diff else ""
    lines.append(f"prelint fix: {result.draft}{target}" + ("  (--diff: nothing written)" if opts.diff else ""))
    plan = result.plan
    if plan is not None:
        lines.append(f"Video ({plan.duration_s:.2f} s at {plan.fps:g} fps):")
        if not plan.cuts:
            lines.append("  nothing to cut")
        for cut in plan.cuts:
            lines.append(f"  cut {cut.start_s:.2f}–{cut.end_s:.2f} s ({cut.duration_s:.2f} s, {cut.kind})")
            for reason in cut.reasons:
                lines.append(f"      {reason}")
        for note in plan.notes:
            lines.append(f"  not cut: {note}")
        for warning in result.warnings:
            lines.append(f"  check: {warning}")
        if plan.cuts:
            lines.append(f"  {'would keep' if opts.diff else 'kept'} {plan.kept_s:.2f} s of {plan.duration_s:.2f} s")
        if result.video is not None:
            if result.video.how == "copied":
                lines.append(f"  wrote {result.video.path}: nothing to cut, {result.video.settings}")
            else:
                lines.append(f"  wrote {result.video.path}: {result.video.duration_s:.2f} s, {result.video.settings}")
    if result.metadata is None:
        name = f"{Path(result.draft).stem}.prelint.toml" if result.plan is not None else "clip.prelint.toml"
        lines.append(f"Text: no metadata file ({name} beside the video): no text fixes")
    elif result.text is not None:
        lines.append(f"Text ({result.metadata}):")
        if not result.text.fixes:
            lines.append("  nothing to fix safely")
        for text_fix in result.text.fixes:
            lines.append(f"  {text_fix}")
        for note in result.text.not_fixed:
            lines.append(f"  not fixed: {note}")
        if result.edit is not None:
            if result.metadata_written:
                lines.append(f"  wrote {result.metadata}")
            else:
                lines.extend("  " + line if line else "" for line in result.edit.diff().rstrip("\n").split("\n"))
                if not opts.diff:
                    lines.append(f"  not written: run again with --write-metadata to apply this to {result.metadata}")
    suggestions = result.suggestions()
    if suggestions:
        lines.append("Suggested (prelint does not rewrite these itself):")
        for f in suggestions:
            lines.append(f"  {f.code} {f.level.value} {f.field}: {f.message}")
            if f.hint:
                lines.append(f"      fix: {f.hint}")
    if result.after is not None:
        fixed = result.fixed()
        lines.append("Fixed: " + (", ".join(f"{code} {name}" for code, name in fixed) if fixed else "none"))
        others = [f for f in result.remaining() if f.field not in TEXT_FIELDS]
        where = result.video.path if result.video is not None else result.draft
        if others:
            lines.append(f"Remaining ({where}):")
            for f in others:
                span = f" {f.start_s:.1f}–{f.end_s:.1f} s" if f.start_s is not None and f.end_s is not None else ""
                lines.append(f"  {f.code} {f.level.value}{span}: {f.message}")
                if f.hint:
                    lines.append(f"      fix: {f.hint}")
        else:
            lines.append("Remaining: none" + (" besides the suggestions above" if suggestions else ""))
    elif opts.diff:
        todo = (["-o FILE writes the fixed video"] if plan is not None and plan.cuts else []) + \
            (["--write-metadata writes the text fixes"] if result.edit is not None else [])
        lines.append("Run without --diff to apply: " + ", ".join(todo) if todo else "Nothing to fix.")
    return "\n".join(visible(line) for line in lines)


# ==================================================================================================
# Cut planning
# ==================================================================================================
# Which sections of a draft's video `prelint fix` cuts, read from prelint's own findings.
#
# Nothing here opens the video: the plan is a pure function of a lint Report (the hook and pacing
# rules' spans, evidence and metrics), the video's frame rate and its frame count. Every cut
# boundary is a frame boundary, so the picture and the sound are cut at the same instant.
#
# - The lead-in (``[0, L)``): L is the largest of what each firing rule needs —
#   HOOK003 black-opening: up to the time the picture is fully visible (``picture_s``);
#   HOOK001 slow-start: enough that the first visual change lands ``CHANGE_MARGIN_S`` before the
#   rule's limit; HOOK002 static-opening: enough that the first visual change (HOOK001's metric)
#   lands at ``STATIC_CHANGE_AT_S``; HOOK004 silent-opening: up to ``AUDIO_PREROLL_S`` before the
#   first sound.
# - The still ending (PACE005 long-ending): cut so ``ENDING_MARGIN_S`` less than the rule's
#   limit of stillness remains.
# - Dead air (PACE003), only when asked: each long silence is cut down to ``DEAD_AIR_KEEP_S`` of
#   pause on either side.
#
# A plan never keeps less than ``min_keep_s(duration)``: at least ``MIN_KEEP_S`` seconds and
# ``MIN_KEEP_SHARE`` of the video (and the platform's minimum duration). Cuts are granted in the
# order lead-in, ending, dead air; one that does not fit is shortened or dropped, and the plan
# says so.

#: The fixed draft keeps at least this many seconds ...
MIN_KEEP_S = 3.0
#: ... and at least this share of the original video.
MIN_KEEP_SHARE = 0.5
#: slow-start: the first visual change lands this long before the rule's limit.
CHANGE_MARGIN_S = 0.15
#: static-opening: the first visual change lands at this time (s) after the cut.
STATIC_CHANGE_AT_S = 0.5
#: slow-start / static-opening cut only a frozen picture: smoothed motion at or below this (luma
#: levels per 1/30 s, PACE005's `still-motion`) and no transition.
FROZEN_MOTION = 0.8
#: A wanted cut this little past the frozen picture is still granted (motion smoothing blurs the edge).
FROZEN_TOLERANCE_S = 0.1
#: silent-opening: the cut stops this long before the first sound (its attack is never clipped).
AUDIO_PREROLL_S = 0.1
#: long-ending: the still ending left is this much shorter than the rule's limit.
ENDING_MARGIN_S = 0.25
#: dead-air: the pause left on each side of a cut silence.
DEAD_AIR_KEEP_S = 0.3

LEAD_IN_CODES = ("HOOK003", "HOOK001", "HOOK002", "HOOK004")
ENDING_CODE = "PACE005"
DEAD_AIR_CODE = "PACE003"
#: Pauses one fix cuts at most: planning compares each cut with the others (15,000 pauses took
#: 107 s to plan), and a draft with hundreds of long pauses is no talking video to tighten.
MAX_DEAD_AIR_CUTS = 200


@dataclass(frozen=True)
class Cut:
    """A section removed from the video: frames ``start_frame`` … ``end_frame - 1``."""

    start_frame: int
    end_frame: int
    fps: float
    kind: str  # "lead-in", "ending" or "dead-air"
    reasons: tuple[str, ...]

    @property
    def start_s(self) -> float:
        return self.start_frame / self.fps

    @property
    def end_s(self) -> float:
        return self.end_frame / self.fps

    @property
    def frames(self) -> int:
        return self.end_frame - self.start_frame

    @property
    def duration_s(self) -> float:
        return self.frames / self.fps

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "start_s": round(self.start_s, 3), "end_s": round(self.end_s, 3),
                "duration_s": round(self.duration_s, 3), "reasons": list(self.reasons)}


@dataclass(frozen=True)
class Note:
    """A finding the plan does not (fully) fix by cutting, and why."""

    code: str
    name: str
    text: str

    def __str__(self) -> str:
        return f"{self.code} {self.name}: {self.text}" if self.name else f"{self.code}: {self.text}"


@dataclass(frozen=True)
class CutPlan:
    fps: float
    total_frames: int
    cuts: tuple[Cut, ...] = ()
    notes: tuple[Note, ...] = ()
    min_keep_s: float = 0.0
    warnings: tuple[str, ...] = field(default=())

    @property
    def duration_s(self) -> float:
        return self.total_frames / self.fps

    @property
    def cut_frames(self) -> int:
        return sum(c.frames for c in self.cuts)

    @property
    def kept_frames(self) -> int:
        return self.total_frames - self.cut_frames

    @property
    def kept_s(self) -> float:
        return self.kept_frames / self.fps

    def keeps(self) -> list[tuple[int, int]]:
        """The sections kept, as (first frame, end frame) pairs in order."""
        out, position = [], 0
        for cut in sorted(self.cuts, key=lambda c: c.start_frame):
            if cut.start_frame > position:
                out.append((position, cut.start_frame))
            position = max(position, cut.end_frame)
        if position < self.total_frames:
            out.append((position, self.total_frames))
        return out

    def new_time(self, t_s: float) -> float | None:
        """Where a moment of the original lands in the fixed video (None: it was cut)."""
        frame, shift = t_s * self.fps, 0
        for cut in sorted(self.cuts, key=lambda c: c.start_frame):
            if frame >= cut.end_frame:
                shift += cut.frames
            elif frame >= cut.start_frame:
                return None
        return (frame - shift) / self.fps

    def to_dict(self) -> dict[str, Any]:
        return {
            "fps": round(self.fps, 3),
            "duration_s": round(self.duration_s, 3),
            "kept_s": round(self.kept_s, 3),
            "min_keep_s": round(self.min_keep_s, 3),
            "cuts": [c.to_dict() for c in self.cuts],
            "not_cut": [str(n) for n in self.notes],
        }


def min_keep_s(duration_s: float, platform_min_s: float | None = None) -> float:
    """The least a fixed draft keeps: MIN_KEEP_S, MIN_KEEP_SHARE of it, the platform's minimum."""
    return max(MIN_KEEP_S, MIN_KEEP_SHARE * duration_s, platform_min_s or 0.0)


def plan_cuts(
    report: Report,
    fps: float,
    total_frames: int,
    *,
    cut_dead_air: bool = False,
    platform_min_s: float | None = None,
) -> CutPlan:
    """The cuts that fix the lead-in, the still ending and (if asked) dead air of `report`'s draft."""
    if fps <= 0 or total_frames <= 0:
        return CutPlan(fps=fps or 30.0, total_frames=max(0, total_frames))
    results = {r.code: r for r in report.rules}
    duration = total_frames / fps
    notes: list[Note] = []
    keep = min_keep_s(duration, platform_min_s)
    budget = max(0, total_frames - math.ceil(keep * fps - 1e-6))
    wanted: list[tuple[str, int, int, tuple[str, ...], str]] = []  # kind, start, end, reasons, rule

    lead_end, lead_reasons, lead_rules = _lead_in(results, notes, report.media)
    if lead_end > 0:
        wanted.append(("lead-in", 0, _frame(lead_end, fps, total_frames), tuple(lead_reasons), ", ".join(lead_rules)))
    ending = _ending(results)
    if ending is not None:
        start_s, reason = ending
        wanted.append(("ending", _frame(start_s, fps, total_frames), total_frames, (reason,), _rule(results[ENDING_CODE])))
    dead_air = _fired(results, DEAD_AIR_CODE)
    if dead_air is not None:
        pauses = dead_air.findings[:MAX_DEAD_AIR_CUTS]
        if len(dead_air.findings) > len(pauses):
            rest = dead_air.findings[len(pauses)]
            notes.append(Note(dead_air.code, dead_air.name, f"{len(dead_air.findings) - len(pauses)} more pauses from "
                              f"{_span(rest.start_s, rest.end_s)} on are left: one fix handles at most "
                              f"{MAX_DEAD_AIR_CUTS}"))
        if not cut_dead_air:
            for f in pauses:
                notes.append(Note(dead_air.code, dead_air.name, f"{_span(f.start_s, f.end_s)}: dead air is cut only "
                                  "with --cut-dead-air (a pause can be meant; check the video is a talking one)"))
        else:
            for f in pauses:
                if f.start_s is None or f.end_s is None:
                    continue
                start = f.start_s + DEAD_AIR_KEEP_S
                end = f.end_s - DEAD_AIR_KEEP_S if f.end_s < duration - 0.1 else duration
                if end > start:
                    wanted.append(("dead-air", _frame(start, fps, total_frames), _frame(end, fps, total_frames),
                                   (f"{dead_air.code} {dead_air.name}: {f.end_s - f.start_s:.1f} s of silence at "
                                    f"{_span(f.start_s, f.end_s)}, {DEAD_AIR_KEEP_S:.1f} s of pause kept on each side",),
                                   _rule(dead_air)))

    cuts: list[Cut] = []
    for kind, start, end, reasons, rule in wanted:
        start, end = _minus(start, end, cuts)
        frames = end - start
        if frames <= 0:
            continue
        granted = min(frames, budget)
        if granted < frames:
            wanted_s, granted_s = frames / fps, granted / fps
            why = (f"cut only {granted_s:.2f} s of {wanted_s:.2f} s" if granted > 0 else f"{wanted_s:.2f} s not cut") + \
                f": the fixed draft keeps at least {keep:.1f} s (≥ {MIN_KEEP_S:g} s and ≥ {MIN_KEEP_SHARE:.0%} of the video)"
            notes.append(Note(rule, "", f"{kind} {_span(start / fps, end / fps)} {why}"))
        if granted <= 0:
            continue
        if kind == "lead-in":
            end = start + granted
        elif kind == "ending":
            start = end - granted
        else:  # dead air: keep the middle of the pause cut, shortened evenly on both sides
            spare = frames - granted
            start += spare // 2
            end = start + granted
        budget -= granted
        cuts.append(Cut(start, end, fps, kind, reasons))
    cuts.sort(key=lambda c: c.start_frame)
    return CutPlan(fps=fps, total_frames=total_frames, cuts=tuple(cuts), notes=tuple(notes), min_keep_s=keep)


def _fired(results: dict[str, RuleResult], code: str) -> RuleResult | None:
    result = results.get(code)
    if result is None or result.status in (Status.PASS, Status.SKIPPED) or not result.findings:
        return None
    return result


def _rule(result: RuleResult) -> str:
    return f"{result.code} {result.name}"


def _lead_in(results: dict[str, RuleResult], notes: list[Note], media: Any = None) -> tuple[float, list[str], list[str]]:
    """The end (s) of the lead-in to cut, the reasons (one per firing rule) and those rules.

    slow-start and static-opening cut only what is frozen: a picture that moves, however gently,
    is content, and trimming it is the author's call (the rule's hint says so)."""
    wants: list[tuple[float, str, str]] = []
    picture_s = _picture_s(results)
    frozen_until = _frozen_until(media, picture_s)
    black = _fired(results, "HOOK003")
    if black is not None:
        f = black.findings[0]
        picture_s = float(f.evidence.get("picture_s", f.end_s or 0.0))
        parts = []
        if f.evidence.get("black_s"):
            parts.append(f"black or flat frames until {float(f.evidence['black_s']):.2f} s")
        if f.evidence.get("fade_in_s"):
            parts.append(f"a {float(f.evidence['fade_in_s']):.2f} s fade from black (the cut makes a hard start)")
        wants.append((picture_s, _rule(black), f"{black.code} {black.name}: " + (" and ".join(parts) or f"picture visible at {picture_s:.2f} s")))
    slow = _fired(results, "HOOK001")
    first_change = _first_change(results)
    if slow is not None:
        f = slow.findings[0]
        limit = float(f.evidence.get("max_first_change_s", 1.0))
        if first_change is None:
            notes.append(Note(slow.code, slow.name, "nothing changes on screen in the whole video, so no cut can "
                              "bring a change forward; add a cut or a camera move"))
        else:
            land = max(0.0, limit - CHANGE_MARGIN_S)
            want = first_change - land
            if want > frozen_until + FROZEN_TOLERANCE_S:
                notes.append(Note(slow.code, slow.name, f"the picture moves from {frozen_until:.2f} s (gently: no cut and "
                                  f"no strong motion until {first_change:.2f} s); only a frozen lead-in is cut, so add a "
                                  "cut or a camera move, or trim the start yourself"))
                want = frozen_until
            wants.append((want, _rule(slow), f"{slow.code} {slow.name}: first visual change at {first_change:.2f} s "
                          f"(limit {limit:g} s)" + (f", the picture frozen until {frozen_until:.2f} s"
                                                    if frozen_until > picture_s + FROZEN_TOLERANCE_S else "")))
    static = _fired(results, "HOOK002")
    if static is not None:
        if first_change is None:
            notes.append(Note(static.code, static.name, "no visual change is known to start the video at "
                              "(HOOK001 found none or did not run); start the video where the action starts"))
        else:
            want = first_change - STATIC_CHANGE_AT_S
            if want > frozen_until + FROZEN_TOLERANCE_S:
                notes.append(Note(static.code, static.name, f"the picture moves from {frozen_until:.2f} s (too little to "
                                  "count); only a frozen lead-in is cut, so open on movement or trim the start yourself"))
                want = frozen_until
            wants.append((want, _rule(static), f"{static.code} {static.name}: the opening stands still until "
                          f"{min(want + STATIC_CHANGE_AT_S, first_change):.2f} s"))
    silent = _fired(results, "HOOK004")
    if silent is not None:
        f = silent.findings[0]
        first_sound = f.evidence.get("first_sound_s")
        if first_sound is None:
            notes.append(Note(silent.code, silent.name, "the sound track is silent throughout; add a voice-over "
                              "or music"))
        else:
            wants.append((float(first_sound) - AUDIO_PREROLL_S, _rule(silent),
                          f"{silent.code} {silent.name}: no sound until {float(first_sound):.2f} s"))
    wants = [w for w in wants if w[0] > 0]
    if not wants:
        return 0.0, [], []
    return max(t for t, _, _ in wants), [why for _, _, why in wants], [rule for _, rule, _ in wants]


def _picture_s(results: dict[str, RuleResult]) -> float:
    """When the picture is fully visible (HOOK003's measure; 0 when it did not run)."""
    black = results.get("HOOK003")
    value = black.metrics.get("picture_s") if black is not None else None
    return float(value) if isinstance(value, (int, float)) else 0.0


def _frozen_until(media: Any, picture_s: float) -> float:
    """The end of the frozen picture the video opens on (`picture_s` when it moves from the start):
    no transition and smoothed motion ≤ FROZEN_MOTION, as PACE005 reads a still ending."""
    if media is None:
        return picture_s
    try:
        from prelint.checks.hook.measures import MOTION_SMOOTHING_S, frame_step_s, still_spans
    except ImportError:  # the built-in checks are not installed: cut nothing frozen
        return picture_s
    spans = still_spans(media, FROZEN_MOTION, 0.0, start_s=picture_s)
    if spans and spans[0].start_s <= picture_s + MOTION_SMOOTHING_S + 2 * frame_step_s(media):
        return max(picture_s, spans[0].end_s)
    return picture_s


def _first_change(results: dict[str, RuleResult]) -> float | None:
    """The first visual change (s) as HOOK001 measured it (a metric even when the rule passes)."""
    slow = results.get("HOOK001")
    if slow is None:
        return None
    value = slow.metrics.get("first_change_s")
    if value is None and slow.findings:
        value = slow.findings[0].evidence.get("first_change_s")
    return None if value is None else float(value)


def _ending(results: dict[str, RuleResult]) -> tuple[float, str] | None:
    ending = _fired(results, ENDING_CODE)
    if ending is None:
        return None
    f = ending.findings[0]
    last_activity = float(f.evidence.get("last_activity_s", f.start_s or 0.0))
    still = float(f.evidence.get("still_ending_s", 0.0))
    limit = float(f.evidence.get("max_static_end_s", 2.5))
    keep = max(0.0, limit - ENDING_MARGIN_S)
    return last_activity + keep, (f"{ending.code} {ending.name}: still for the last {still:.2f} s (from "
                                  f"{last_activity:.2f} s, limit {limit:g} s), {keep:.2f} s of it kept")


def _frame(t_s: float, fps: float, total_frames: int) -> int:
    return max(0, min(total_frames, int(round(t_s * fps))))


def _minus(start: int, end: int, cuts: list[Cut]) -> tuple[int, int]:
    """[start, end) less the parts already cut (a cut overlapping one end of it shortens it)."""
    for cut in cuts:
        if cut.start_frame <= start < cut.end_frame:
            start = cut.end_frame
        if cut.start_frame < end <= cut.end_frame:
            end = cut.start_frame
    return start, end


def _span(start: float | None, end: float | None) -> str:
    return f"{start or 0.0:.2f}–{end or 0.0:.2f} s"


# ==================================================================================================
# Text fixes
# ==================================================================================================
# Safe text fixes to a draft's metadata file (`clip.prelint.toml`), and the edit that applies them.
#
# Safe means the meaning of the text cannot change:
#
# - surrounding whitespace of the title and caption is removed;
# - stacked ``!`` / ``?`` marks (``！！！``, ``??``, ``!！``) become one;
# - a hashtag that appears again (in the title, the caption or the `hashtags` list, compared without
#   ``#`` and case) is removed where it repeats: the first in reading order (title, caption, list) stays;
# - hashtags over the platform's limit (SPEC002's, so ``[options.SPEC002] max`` counts) are dropped
#   from the end: the `hashtags` list's last ones first, then the caption's last inline ones; a title's
#   hashtags are never touched.
#
# - a title over the platform's length (SPEC001's) is shortened only where no word goes: runs of
#   spaces become one, and a hashtag of the title that the caption or the `hashtags` list also holds
#   leaves the title (from the end); what is still over the length is suggested, with how many
#   characters to cut.
#
# Anything else (cutting words from a title, clickbait, contact details, absolute claims) is
# only suggested. The file is edited in place, token by token: comments, key order, quoting and
# every other key stay as they were, and the result is parsed again and compared with what was
# meant before anything is written (`MetadataEdit.new_text`).

STACKED = (re.compile(r"[!！]{2,}"), re.compile(r"[?？]{2,}"))
#: Characters that may follow a hashtag's closing ``#`` (the ``#话题#`` style).
TAG_CLOSERS = re.compile(r"#(?=$|[\s，,。！!？?、；;：:])")


@dataclass(frozen=True)
class TextFix:
    field: str  # "title", "caption" or "hashtags"
    what: str

    def __str__(self) -> str:
        return f"{self.field}: {self.what}"


@dataclass
class TextValues:
    """A draft's text as its metadata file holds it (hashtags as the file's raw items)."""

    title: str | None
    caption: str | None
    hashtags: list[str] | None
    hashtags_is_string: bool = False

    def tags(self) -> tuple[str, ...]:
        return tuple(self.hashtags or ())


@dataclass(frozen=True)
class TextPlan:
    before: TextValues
    after: TextValues
    fixes: tuple[TextFix, ...] = ()
    not_fixed: tuple[str, ...] = ()

    @property
    def changed(self) -> bool:
        return bool(self.fixes)


def plan_text_fixes(values: TextValues, hashtag_limit: int | None, title_limit: int | None = None) -> TextPlan:
    """The safe fixes of `values`; `hashtag_limit` is SPEC002's limit when it fired, `title_limit`
    SPEC001's (None: not over)."""
    after = TextValues(values.title, values.caption, list(values.hashtags) if values.hashtags is not None else None,
                       values.hashtags_is_string)
    fixes: list[TextFix] = []
    not_fixed: list[str] = []
    for name in ("title", "caption"):
        text = getattr(after, name)
        if text is None:
            continue
        stripped = text.strip()
        if stripped != text:
            fixes.append(TextFix(name, "surrounding whitespace removed"))
            text = stripped
        stacks: list[str] = []
        for pattern in STACKED:
            stacks += [m.group(0) for m in pattern.finditer(text)]
            text = pattern.sub(lambda m: m.group(0)[0], text)
        if stacks:
            fixes.append(TextFix(name, "stacked punctuation " + ", ".join(f"「{s}」 → 「{s[0]}」" for s in dict.fromkeys(stacks))))
        setattr(after, name, text)
    if title_limit is not None and after.title is not None:
        _shorten_title(after, title_limit, fixes, not_fixed)
    _dedupe_hashtags(after, fixes)
    if hashtag_limit is not None:
        _limit_hashtags(after, hashtag_limit, fixes, not_fixed)
    return TextPlan(values, after, tuple(fixes), tuple(not_fixed))


def _shorten_title(values: TextValues, limit: int, fixes: list[TextFix], not_fixed: list[str]) -> None:
    """Shorten an over-long title where no word goes: space runs become one; the title's hashtags that
    the caption or the list also holds leave it, from the end, while it is still over the limit."""
    from prelint.checks.spec.title_length import count_chars

    title = values.title or ""
    spaced = re.sub(r"[ \t\u3000]{2,}", " ", title)
    if spaced != title:
        fixes.append(TextFix("title", "runs of spaces made one"))
        title = spaced
    values.title = title
    elsewhere = {t.key for t in _occurrences(values) if t.field != "title"}
    moved = []
    for tag in reversed([t for t in _occurrences(values) if t.field == "title" and t.key in elsewhere]):
        if count_chars(values.title or "") <= limit:
            break
        _remove(values, [tag], [], "")
        moved.append(tag.key)
    if moved:
        fixes.append(TextFix("title", "hashtags the caption or list also has left the title: "
                             + ", ".join(f"#{k}" for k in reversed(moved))))
    over = count_chars(values.title or "") - limit
    if over > 0:
        not_fixed.append(f"title: {over} characters over the limit of {limit}; cut words yourself (the promise first)")


@dataclass(frozen=True)
class _Tag:
    field: str  # "title", "caption" or "list"
    key: str
    start: int = 0  # inline: span of "#tag" in the field's text; list: the item's index
    end: int = 0


def _tag_key(tag: str) -> str:
    return unicodedata.normalize("NFC", tag.strip().lstrip("#").strip()).casefold()


def _occurrences(values: TextValues) -> list[_Tag]:
    out: list[_Tag] = []
    for name in ("title", "caption"):
        text = getattr(values, name) or ""
        for m in HASHTAG_PATTERN.finditer(text):
            out.append(_Tag(name, _tag_key(m.group(1)), m.start(), m.end()))
    for i, item in enumerate(values.hashtags or ()):
        if _tag_key(item):
            out.append(_Tag("list", _tag_key(item), i, i))
    return out


def _dedupe_hashtags(values: TextValues, fixes: list[TextFix]) -> None:
    seen: set[str] = set()
    repeats: list[_Tag] = []
    for tag in _occurrences(values):
        if tag.key in seen:
            repeats.append(tag)
        seen.add(tag.key)
    if repeats:
        _remove(values, repeats, fixes, "duplicate hashtag")


def _limit_hashtags(values: TextValues, limit: int, fixes: list[TextFix], not_fixed: list[str]) -> None:
    tags = _occurrences(values)
    surplus = len(tags) - limit
    if surplus <= 0:
        return
    droppable = [t for t in tags if t.field == "list"][::-1] + [t for t in tags if t.field == "caption"][::-1]
    dropped = droppable[:surplus]
    if dropped:
        _remove(values, dropped, fixes, f"over the platform's limit of {limit}, dropped")
    if len(dropped) < surplus:
        not_fixed.append(f"hashtags: {len(tags) - len(dropped)} remain over the limit of {limit}; the title's "
                         "hashtags are not removed automatically")


def _remove(values: TextValues, tags: list[_Tag], fixes: list[TextFix], why: str) -> None:
    """Remove the given hashtag occurrences (inline spans and list items) from `values`."""
    for name in ("title", "caption"):
        text = getattr(values, name)
        spans = sorted(((t.start, t.end) for t in tags if t.field == name), reverse=True)
        if not spans or text is None:
            continue
        removed = []
        for start, end in spans:
            removed.append(text[start:end])
            if TAG_CLOSERS.match(text, end):
                end += 1
            if start > 0 and text[start - 1] in " \t\u3000":
                start -= 1
            elif end < len(text) and text[end] in " \t\u3000":
                end += 1
            text = text[:start] + text[end:]
        setattr(values, name, text.strip())
        fixes.append(TextFix(name, f"{why}: " + " ".join(reversed(removed))))
    indexes = sorted((t.start for t in tags if t.field == "list"), reverse=True)
    if indexes and values.hashtags is not None:
        removed = []
        for i in indexes:
            removed.append(values.hashtags.pop(i))
        fixes.append(TextFix("hashtags", f"{why}: " + " ".join(_hash(t) for t in reversed(removed))))


def _hash(tag: str) -> str:
    return tag if tag.startswith("#") else "#" + tag


# --- the metadata file ------------------------------------------------------------------------


#: Changed lines up to which a metadata diff is matched line by line (difflib); beyond, one hunk.
DIFF_MATCH_LINES = 2000


@dataclass(frozen=True)
class MetadataEdit:
    path: Path
    old_text: str
    new_text: str
    changed_keys: tuple[str, ...] = field(default=())

    def diff(self) -> str:
        """A unified diff of the edit. difflib's matching is quadratic in the lines that differ (a
        caption of 10,000 lines, every other one edited, took minutes): where more than
        DIFF_MATCH_LINES differ, the changed stretch is shown as one hunk, old lines then new."""
        name = str(self.path)
        old, new = self.old_text.splitlines(keepends=True), self.new_text.splitlines(keepends=True)
        same_head = 0
        while same_head < min(len(old), len(new)) and old[same_head] == new[same_head]:
            same_head += 1
        same_tail = 0
        while same_tail < min(len(old), len(new)) - same_head and old[-1 - same_tail] == new[-1 - same_tail]:
            same_tail += 1
        if len(old) + len(new) - 2 * (same_head + same_tail) <= DIFF_MATCH_LINES:
            lines = list(difflib.unified_diff(old, new, fromfile=f"a/{name}", tofile=f"b/{name}"))
        else:
            start, old_end, new_end = max(0, same_head - 3), len(old) - max(0, same_tail - 3), len(new) - max(0, same_tail - 3)
            lines = [f"--- a/{name}\n", f"+++ b/{name}\n",
                     f"@@ -{start + 1},{old_end - start} +{start + 1},{new_end - start} @@\n"]
            lines += [" " + line for line in old[start:same_head]]
            lines += ["-" + line for line in old[same_head:len(old) - same_tail]]
            lines += ["+" + line for line in new[same_head:len(new) - same_tail]]
            lines += [" " + line for line in old[len(old) - same_tail:old_end]]
        return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)


def read_values(path: Path, raw_text: str) -> TextValues:
    """The title, caption and hashtags exactly as the metadata file holds them."""
    data = _loads(raw_text, path)
    tags = data.get("hashtags")
    is_string = isinstance(tags, str)
    if is_string:
        tags = tags.split()
    return TextValues(data.get("title"), data.get("caption"), list(tags) if tags is not None else None, is_string)


def edit_metadata(path: Path, raw_text: str, plan: TextPlan) -> MetadataEdit:
    """The metadata file's text with the plan's new values in place of the old ones.

    Raises ConfigError when the file cannot be edited token by token (then it is left alone)."""
    data = _loads(raw_text, path)
    text = raw_text
    expected = dict(data)
    changed: list[str] = []
    for key in ("title", "caption", "hashtags"):
        old = getattr(plan.before, key)
        new = getattr(plan.after, key)
        if old == new or key not in data:
            continue
        value: Any = new
        if key == "hashtags" and plan.after.hashtags_is_string:
            value = " ".join(new or [])
        span = _value_span(text, key, data[key])
        if span is None:
            raise ConfigError(f"cannot edit key {key!r} in place (write it as `{key} = ...` on its own line); "
                              "apply the fixes by hand", path)
        start, end = span
        text = text[:start] + _encode(value, text[start:end]) + text[end:]
        expected[key] = value
        changed.append(key)
    if _loads(text, path) != expected:  # never write an edit that does not read back as meant
        raise ConfigError("cannot edit the file in place safely; apply the fixes by hand", path)
    return MetadataEdit(path, raw_text, text, tuple(changed))


def _loads(text: str, path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except (tomllib.TOMLDecodeError, RecursionError) as exc:
        raise ConfigError(f"invalid TOML: {exc}", path) from None


#: `key =` lines tried for the top-level key (others sit inside multi-line strings); each try reads
#: up to the end of the file, so a file of thousands of such lines is not edited instead of being
#: read thousands of times.
MAX_KEY_LINES = 32
_KEY_LINE = r"(?m)^[ \t]*(?:{k}|\"{k}\"|'{k}')[ \t]*=[ \t]*"


def _value_span(text: str, key: str, value: Any) -> tuple[int, int] | None:
    """(start, end) of the top-level `key`'s value token in `text`, checked by parsing it back."""
    for match in islice(re.finditer(_KEY_LINE.format(k=re.escape(key)), text), MAX_KEY_LINES):
        start = match.end()
        end = _token_end(text, start)
        if end is not None and _parses_to(text[start:end], value):
            return start, end
        # not this occurrence (e.g. a `title =` line inside a multi-line string): try the next
    return None


def _token_end(text: str, i: int) -> int | None:
    """The end of the string or array token starting at `i` (one linear scan; None: not one)."""
    if text.startswith(('"""', "'''"), i):
        delimiter = text[i:i + 3]
        j = i + 3
        while True:
            j = text.find(delimiter, j)
            if j < 0:
                return None
            if delimiter == '"""' and _escaped(text, j):
                j += 1
                continue
            end = j + 3
            while end < len(text) and text[end] == delimiter[0] and end - j < 5:  # up to two quotes close the content
                end += 1
            return end
    if text.startswith('"', i):
        j = i + 1
        while j < len(text) and text[j] != "\n":
            if text[j] == "\\":
                j += 2
                continue
            if text[j] == '"':
                return j + 1
            j += 1
        return None
    if text.startswith("'", i):
        j = text.find("'", i + 1)
        return None if j < 0 or "\n" in text[i:j] else j + 1
    if text.startswith("[", i):
        depth, j = 0, i
        while j < len(text):
            ch = text[j]
            if ch == "#":
                newline = text.find("\n", j)
                j = len(text) if newline < 0 else newline
                continue
            if ch in "\"'":
                end = _token_end(text, j)
                if end is None:
                    return None
                j = end
                continue
            if ch == "[":
                depth += 1
            elif ch == "]":
                depth -= 1
                if depth == 0:
                    return j + 1
            j += 1
    return None


def _escaped(text: str, j: int) -> bool:
    """The character at `j` follows an odd number of backslashes."""
    k = j
    while k > 0 and text[k - 1] == "\\":
        k -= 1
    return (j - k) % 2 == 1


def _parses_to(token: str, value: Any) -> bool:
    try:
        return tomllib.loads("v = " + token).get("v") == value
    except (tomllib.TOMLDecodeError, RecursionError):
        return False


def _encode(value: Any, old_token: str) -> str:
    """`value` as a TOML token, in the style of the token it replaces."""
    if isinstance(value, list):
        quote = "'" if old_token.lstrip("[ \t\r\n").startswith("'") else '"'
        items = [_string(v, quote) for v in value]
        if "\n" in old_token and items:
            indent = re.search(r"\n([ \t]*)\S", old_token)
            pad = indent.group(1) if indent and indent.group(1) else "  "
            return "[\n" + "".join(f"{pad}{item},\n" for item in items) + "]"
        return "[" + ", ".join(items) + "]"
    multi = old_token.startswith(('"""', "'''"))
    if multi and "\n" in value:
        newline = "\n" if old_token[3:4] in ("\n", "\r") or value.startswith("\n") else ""
        return '"""' + newline + _escape(value, multiline=True) + '"""'
    return _string(value, "'" if old_token.startswith("'") else '"')


def _string(value: str, quote: str) -> str:
    if quote == "'" and "'" not in value and not any(_needs_escape(ch) for ch in value):
        return f"'{value}'"
    return '"' + _escape(value) + '"'


def _needs_escape(ch: str) -> bool:
    return ch in '"\\' or (ord(ch) < 0x20 and ch != "\t") or ch == "\x7f"


def _escape(value: str, multiline: bool = False) -> str:
    out = []
    for ch in value:
        if ch == "\\":
            out.append("\\\\")
        elif ch == '"':
            out.append('\\"')
        elif ch == "\n":
            out.append("\n" if multiline else "\\n")
        elif ch == "\t":
            out.append("\t")
        elif ord(ch) < 0x20 or ch == "\x7f":
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return "".join(out)


# ==================================================================================================
# Writing the video
# ==================================================================================================
# The draft is read by prelint's probe (`open_source`): its frame rate, frame count, display size
# and sound are what the cuts are planned on. The kept sections (`CutPlan.keeps`, frame ranges) are
# then written in one ffmpeg pass (`section_graph`): each section trimmed by frame number and its
# sound by the same times, joined in order, so picture and sound are cut at the same frame
# boundaries and stay in sync. The result is encoded once: H.264 (libx264, `crf`, `preset`,
# yuv420p, the source's frame rate) and AAC at the source's sample rate, ``+faststart`` for upload.
#
# Nothing is written anywhere but beside the target: the video goes to a hidden temporary file in
# the target's folder that is renamed over the target when complete (and removed on any failure).

#: Containers the fixed video may be written to: they all hold H.264 + AAC.
OUTPUT_SUFFIXES = (".mp4", ".mov", ".m4v", ".mkv")
DEFAULT_PRESET = "medium"
DEFAULT_CRF = 18
AUDIO_BITRATE = "192k"
PRESETS = ("ultrafast", "superfast", "veryfast", "faster", "fast", "medium", "slow", "slower", "veryslow")


@dataclass(frozen=True)
class SourceVideo:
    """What prelint's probe reads from the draft's video: the frame grid every cut is aligned to."""

    fps: float
    frames: int
    size: tuple[int, int]
    has_audio: bool
    sample_rate: int | None
    declared_s: float = 0.0  # the length the container declares (a patched header may say 1e9 s)


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



#: Largest frame `prelint fix` re-encodes (4K UHD): the platforms publish at most 4K, and an 8K
#: encode takes gigabytes (x264 at 8K held 7 GB).
MAX_FIX_PIXELS = 3840 * 2160
#: Data memory (RLIMIT_DATA) of the encode: 400 bytes per pixel of the frame, at least 2 GiB
#: (x264's lookahead, reference frames and threads: `veryslow` at 1080p needs more than 1 GiB).
ENCODE_DATA_BYTES_PER_PIXEL = 400
MIN_ENCODE_DATA_BYTES = 2 << 30


@dataclass(frozen=True)
class OpenedSource:
    """The draft's video as the cuts are planned on it: its path and what prelint's probe read."""

    filename: str
    source: SourceVideo

    def close(self) -> None:
        """Nothing is held open (kept for callers that close what they open)."""


def open_source(path: Path) -> OpenedSource:
    """The draft's video for editing, read by prelint's own probe (its checks, decoders and limits),
    never by a tool that would hand the file name to FFmpeg as it is: a committed file named
    `concat:a.mp4|b.mp4` or `http:host?x=.mp4` would be read as that URL. InputError when it
    cannot be edited."""
    from prelint.media import container_process, probe

    facts = probe(path)
    if facts.coded_width * facts.coded_height > MAX_FIX_PIXELS:
        raise InputError(f"frame size {facts.width}x{facts.height} is larger than `prelint fix` re-encodes (4K, "
                         "3840x2160); export at the platform's resolution first", path)
    sample_rate = None
    if facts.has_audio:
        try:
            sample_rate = container_process.run("audio_sample_rate", path)  # in a container worker
        except Exception:  # the probe read it; a rate we cannot read is FFmpeg's default
            sample_rate = None
    fps = float(facts.fps or 0.0)
    frames = facts.frame_count or int(round(facts.duration_s * fps))
    return OpenedSource(str(path), SourceVideo(fps=fps, frames=frames, size=(facts.width, facts.height),
                                               has_audio=facts.has_audio, sample_rate=sample_rate,
                                               declared_s=facts.duration_s))


def describe_source(clip: OpenedSource) -> SourceVideo:
    return clip.source


def write_fixed_video(
    clip: OpenedSource,
    plan: CutPlan,
    target: Path,
    inputs: Iterable[Path],
    *,
    preset: str = DEFAULT_PRESET,
    crf: int = DEFAULT_CRF,
    progress: Callable[[float], None] | None = None,
    time_limit_s: float = 600.0,
) -> WrittenVideo:
    """Encode the plan's kept sections of `clip` (the draft as `open_source` read it: the frame
    rate, size and sound it was planned on) to `target` (atomically), in one ffmpeg pass:
    decoded once, the sections trimmed and joined in the filter graph, encoded once. The frames
    stay in YUV inside ffmpeg, so the write costs no more than one re-encode of what is kept."""
    inputs = list(inputs)
    check_target(target, inputs)
    source = describe_source(clip)
    fps = plan.fps
    keeps = plan.keeps()
    if not keeps:
        raise UsageError("nothing would be left of the video")
    settings = f"H.264 (libx264, crf {crf}, preset {preset}, yuv420p), {_fps_text(fps)} fps" + \
        (f", AAC {AUDIO_BITRATE} {source.sample_rate} Hz" if source.has_audio else ", no sound")
    folder = target.parent if str(target.parent) else Path(".")
    fd, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp" + target.suffix.lower(), dir=folder)
    os.close(fd)
    try:
        _encode_sections(Path(clip.filename), source, plan, keeps, temporary, preset, crf, progress, time_limit_s)
        os.chmod(temporary, 0o666 & ~_umask())
        check_output_target(target, inputs, "the fixed video")  # again: a link may have appeared meanwhile
        os.replace(temporary, target)
    except OSError as exc:
        _unlink(temporary)
        raise UsageError(f"cannot write the fixed video {target}: {_first_line(exc)}") from None
    except BaseException:
        _unlink(temporary)
        raise
    return WrittenVideo(target, plan.kept_frames / fps, "encoded", settings)


def section_graph(plan: CutPlan, keeps: list[tuple[int, int]], size: tuple[int, int], has_audio: bool) -> str:
    """The ffmpeg filter graph that keeps `keeps` (frame ranges at plan.fps) of the first video and
    sound streams: the picture at a constant plan.fps (as the plan counted its frames), each
    section trimmed by frame number and its sound by the same times to the sample, joined in order
    into [v] and [a]. yuv420p needs an even width and height: an odd one loses its last row or column."""
    fps = _fps_expr(plan.fps)
    width, height = size
    even = f",crop={width - width % 2}:{height - height % 2}:0:0" if width % 2 or height % 2 else ""
    n = len(keeps)
    parts = [f"[0:v:0]fps={fps}{even},format=yuv420p,split={n}" + "".join(f"[vin{i}]" for i in range(n))]
    if has_audio:
        parts.append("[0:a:0]asplit=" + str(n) + "".join(f"[ain{i}]" for i in range(n)))
    joined = ""
    for i, (first, end) in enumerate(keeps):
        parts.append(f"[vin{i}]trim=start_frame={first}:end_frame={end},setpts=PTS-STARTPTS[v{i}]")
        joined += f"[v{i}]"
        if has_audio:
            parts.append(f"[ain{i}]atrim=start={first / plan.fps:.6f}:end={end / plan.fps:.6f},asetpts=PTS-STARTPTS[a{i}]")
            joined += f"[a{i}]"
    parts.append(f"{joined}concat=n={n}:v=1:a={1 if has_audio else 0}[v]" + ("[a]" if has_audio else ""))
    return ";".join(parts)


def _encode_sections(path: Path, source: SourceVideo, plan: CutPlan, keeps: list[tuple[int, int]], output: str,
                     preset: str, crf: int, progress: Callable[[float], None] | None,
                     time_limit_s: float = 600.0) -> None:
    from prelint.media.container import ffmpeg_input_args
    from prelint.media.ffmpeg_process import OUT_OF_MEMORY_RE, StderrDrain, ffmpeg_exe, memory_limited

    graph = section_graph(plan, keeps, source.size, source.has_audio)
    sound = ["-map", "[a]", "-c:a", "aac", "-b:a", AUDIO_BITRATE,
             "-ar", str(source.sample_rate or 44100)] if source.has_audio else ["-an"]
    fmt = "matroska" if output.endswith(".mkv") else "mp4"
    cmd = [ffmpeg_exe(), "-hide_banner", "-nostdin", "-nostats", "-loglevel", "error", "-progress", "pipe:1",
           # the input is read no further than the last kept frame (a still ending is not decoded)
           "-t", f"{(keeps[-1][1] + 1) / plan.fps:.6f}", *ffmpeg_input_args(path), "-filter_complex", graph, "-map", "[v]",
           "-c:v", "libx264", "-preset", preset, "-crf", str(crf), "-pix_fmt", "yuv420p", "-r", _fps_expr(plan.fps),
           # the draft's tags and chapters are not copied: the fixed video carries the picture and sound
           *sound, "-map_metadata", "-1", "-map_chapters", "-1", "-movflags", "+faststart", "-f", fmt, "-y", output]
    total_us = max(1.0, plan.kept_frames / plan.fps * 1e6)
    width, height = source.size
    limit = max(MIN_ENCODE_DATA_BYTES, ENCODE_DATA_BYTES_PER_PIXEL * width * height)
    proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            preexec_fn=memory_limited(limit))
    stopped = threading.Event()

    def stop() -> None:  # the time limit: analysis-time-limit-s, as for the analysis
        stopped.set()
        proc.kill()

    timer = threading.Timer(max(0.1, time_limit_s), stop)
    timer.daemon = True
    timer.start()
    errors = StderrDrain(proc.stderr, name="prelint-fix-stderr")  # a damaged draft's decoder can write megabytes
    try:
        assert proc.stdout is not None
        for line in proc.stdout:
            if progress is not None and line.startswith(b"out_time_us="):
                value = line.split(b"=", 1)[1].strip()
                if value.isdigit():
                    progress(min(1.0, int(value) / total_us))
        proc.wait()
    except BaseException:
        proc.kill()
        proc.wait()
        raise
    finally:
        timer.cancel()
        errors.join(timeout=5)
        if proc.stdout is not None:
            proc.stdout.close()
        if proc.stderr is not None:
            proc.stderr.close()
    if stopped.is_set():
        raise InputError(f"writing the fixed video exceeded the time limit ({time_limit_s:g} s, "
                         "analysis-time-limit-s)", path)
    if proc.returncode != 0:
        detail = errors.text()
        if OUT_OF_MEMORY_RE.search(detail):
            raise InputError(f"writing the fixed video needs more than {limit >> 20} MiB of memory, the limit for "
                             "its frame size; re-export the draft with a standard encoder setting", path)
        raise OSError(_first_line(detail) if detail.strip() else f"ffmpeg exited with status {proc.returncode}")
    if progress is not None:
        progress(1.0)


def _fps_expr(fps: float) -> str:
    """The frame rate as ffmpeg reads it exactly: 30000/1001 for 29.97, 30 for 30."""
    from fractions import Fraction

    return str(Fraction(fps).limit_denominator(1001))


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
        _unlink(temporary)
        raise UsageError(f"cannot write the fixed video {target}: {exc.strerror or exc}") from None
    except BaseException:
        _unlink(temporary)
        raise
    return WrittenVideo(target, 0.0, "copied", "a byte-for-byte copy of the draft")


def _fps_text(fps: float) -> str:
    return f"{fps:g}" if abs(fps - round(fps)) < 1e-6 else f"{fps:.3f}"


def _first_line(value: Any) -> str:
    text = str(value).strip()
    for line in text.splitlines():
        if line.strip():
            return line.strip()[:300]
    return type(value).__name__


def _unlink(path: str) -> None:
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
