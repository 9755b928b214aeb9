"""`prelint fix`: the mechanical fixes prelint can make itself, in a copy of the draft.

    from prelint.fixing import FixOptions, fix
    result = fix(Path("draft.mp4"), FixOptions(output=Path("fixed.mp4")))
    print(format_fix(result))

1. The draft is linted with the rules whose problems have a mechanical fix (HOOK, PACE, SPEC,
   RISK, CTA; OCR off: only the title, caption, hashtags and subtitles are read as text).
2. The video's cuts are planned from those findings (prelint.fixing.plan) and written with
   moviepy to the file named with ``-o`` (prelint.fixing.video); with nothing to cut, ``-o`` gets
   a byte-for-byte copy. The draft itself is never written.
3. Safe text fixes are planned for the metadata file (prelint.fixing.text); the file is rewritten
   only with ``write_metadata`` (atomically), otherwise the diff is shown.
4. The fixed draft is linted again: rules that fired before and pass now are *fixed*, the
   findings left are *remaining*.

With ``diff`` nothing is written at all: the planned cuts and the text diff are shown.
"""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from prelint.errors import InputError, UsageError
from prelint.model import Finding, Level, Report, Status

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
        return list((self.after or self.before).findings) if self.after is not None else []

    def suggestions(self) -> list[Finding]:
        """Text findings no safe fix covers: left for the author, each with its rule's hint."""
        report = self.after if self.after is not None else self.before
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
    if options.preset not in _presets():
        raise UsageError(f"--preset must be one of {', '.join(_presets())}, got {options.preset!r}")
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
    before = lint(path, platform=options.platform, config=config, select=codes,
                  progress=(lambda _label, fraction: analysing(fraction)) if analysing else None)
    result = FixResult(draft=path, options=options, before=before, metadata=draft.metadata, fail_on=config.fail_on)
    platform = profile(before.platform or config.platform)

    clip = None
    try:
        if draft.video is not None:
            from prelint.fixing.plan import plan_cuts
            from prelint.fixing.video import describe_source, open_source

            clip = open_source(draft.video)
            source = describe_source(clip)
            result.plan = plan_cuts(before, source.fps, source.frames, cut_dead_air=options.cut_dead_air,
                                    platform_min_s=platform.min_duration_s)
            result.warnings.extend(_sound_in_cuts(before, result.plan))
            if result.plan.cuts and draft.subtitles is not None:
                result.warnings.append(f"{draft.subtitles} is not retimed: its cues still follow the draft's "
                                       "timeline; shift or re-export it for the fixed video")
        if draft.metadata is not None:
            _plan_text(result, draft.metadata, before)
        if options.diff:
            return result
        if clip is not None and options.output is not None:
            from prelint.fixing.video import copy_video, write_fixed_video

            if result.plan.cuts:
                show = progress(f"writing {options.output.name}") if progress else None
                result.video = write_fixed_video(clip, result.plan, options.output, inputs, preset=options.preset,
                                                 crf=options.crf, progress=show)
                result.warnings.extend(result.video.warnings)
            else:
                result.video = copy_video(draft.video, options.output, inputs)
    finally:
        if clip is not None:
            clip.close()
    if result.edit is not None and options.write_metadata:
        _write_metadata(result, [p for p in inputs if p != draft.metadata] + ([options.output] if options.output else []))
    result.after = _lint_after(result, draft, config, codes)
    return result


def _presets() -> tuple[str, ...]:
    from prelint.fixing.video import PRESETS

    return PRESETS


def _check_output(draft: Any, options: FixOptions, inputs: list[Path]) -> None:
    """`-o` is required for a video (unless --diff) and may not be a link, special file or input."""
    from prelint.fixing.video import check_target

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
    from prelint.fixing.text import edit_metadata, plan_text_fixes, read_values
    from prelint.safe_io import MAX_METADATA_BYTES, read_regular_file

    raw = read_regular_file(metadata, MAX_METADATA_BYTES, "metadata file").decode("utf-8")
    values = read_values(metadata, raw)
    limit = None
    for f in before.findings:
        if f.code == "SPEC002" and f.level.rank >= Level.WARN.rank and isinstance(f.evidence.get("limit"), int):
            limit = f.evidence["limit"]
    result.text = plan_text_fixes(values, limit)
    if result.text.changed:
        result.edit = edit_metadata(metadata, raw, result.text)


def _write_metadata(result: FixResult, others: list[Path]) -> None:
    from prelint.output_files import write_output_file

    path = result.edit.path
    mode = os.stat(path).st_mode & 0o7777
    write_output_file(path, result.edit.new_text, others, "metadata file")
    try:
        os.chmod(path, mode)
    except OSError:
        pass
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
        lines.append("Text: no metadata file (clip.prelint.toml beside the video): no text fixes")
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
        lines.append("Run without --diff to apply: " + ("-o FILE writes the fixed video" if plan is not None else "")
                     + (", " if plan is not None and result.edit is not None else "")
                     + ("--write-metadata writes the text fixes" if result.edit is not None else ""))
    return "\n".join(visible(line) for line in lines)
