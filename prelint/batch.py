"""A lint run: what was asked, the drafts, their reports, the output and the exit status.

`prelint DIR` finds drafts recursively (honouring `exclude` globs), lints them on `--jobs N` cores
(prelint.parallel, unchanged drafts from the report cache), writes streaming formats (jsonl,
github) as each draft finishes and the others at the end (prelint.output_files.ReportOutput).
A draft that cannot be read is reported and the others are still linted; the exit status is
then 2. `--baseline` hides findings recorded by `--write-baseline` (prelint.formats.baseline).
A progress bar is drawn on stderr only when it is a terminal (prelint.progress).
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, replace
from pathlib import Path

from prelint.config import Config
from prelint.draft import Draft, find_drafts
from prelint.errors import EXIT_CRASH, EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, PrelintError, UsageError
from prelint.formats import FORMATS, VISUAL_FORMATS, DraftError, RunOutput, outcome_renderer, renderer
from prelint.model import Level, Report
from prelint.output_files import ReportOutput
from prelint.parallel import lint_with_cache
from prelint.progress import ProgressBar
from prelint.registry import split_selectors
from prelint.terminal import visible


@dataclass(frozen=True)
class LintRequest:
    """What the user asked for on the command line (None = not given)."""

    paths: tuple[Path, ...] = ()
    title: str | None = None
    caption: str | None = None
    hashtags: tuple[str, ...] = ()
    subtitles: Path | None = None
    platform: str | None = None
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    output_format: str = "text"
    output: Path | None = None
    fail_on: str | None = None
    exit_zero: bool = False
    no_ocr: bool = False
    no_cache: bool = False
    jobs: int | None = None
    config_path: Path | None = None
    baseline: Path | None = None  # report only findings not recorded in this baseline file
    write_baseline: Path | None = None  # record the current findings in this file
    verbose: bool = False  # text format: the checklist of every rule with metrics, and skipped rules


def build_config(request: LintRequest) -> Config:
    from prelint.engine import resolve_config

    start = request.paths[0] if request.paths else Path.cwd()
    config = resolve_config(request.config_path, start if start.exists() else Path.cwd())
    return config.override(
        select=split_selectors(request.select) or None,
        ignore=(config.ignore + split_selectors(request.ignore)) if request.ignore else None,
        extend_select=(config.extend_select + split_selectors(request.extend_select)) if request.extend_select else None,
        platform=request.platform,
        fail_on=Level.parse(request.fail_on) if request.fail_on else None,
        ocr=False if request.no_ocr else None,
        cache=False if request.no_cache else None,
    )


def apply_overrides(draft: Draft, request: LintRequest) -> Draft:
    return draft.with_overrides(
        title=request.title,
        caption=request.caption,
        hashtags=request.hashtags or None,
        subtitles=request.subtitles,
        platform=request.platform,
    )


def collect_drafts(request: LintRequest, config: Config) -> tuple[list[Draft], list[DraftError]]:
    """The drafts to lint and the paths that could not become drafts."""
    drafts: list[Draft] = []
    errors: list[DraftError] = []
    if request.paths:
        for item in find_drafts(request.paths, config.exclude):
            if isinstance(item, PrelintError):
                errors.append(DraftError(item.path, item.message))
                continue
            try:
                drafts.append(apply_overrides(item, request))
            except PrelintError as exc:
                errors.append(DraftError(exc.path, exc.message))
        if not drafts and not errors:
            raise UsageError("no drafts found in " + ", ".join(str(p) for p in request.paths))
    elif request.title is not None or request.caption is not None or request.hashtags:
        drafts.append(apply_overrides(Draft(), request))
    else:
        raise UsageError("nothing to lint: give a video, a folder or --title (see 'prelint --help')")
    return drafts, errors


def _input_files(drafts: list[Draft], request: LintRequest, config_source: Path | None = None) -> tuple[Path, ...]:
    """Every file the run reads: no output may replace one of them."""
    files = [p for d in drafts for p in (d.video, d.metadata, d.subtitles) if p is not None]
    files += [p for p in (request.baseline, request.config_path, request.subtitles, config_source) if p is not None]
    files += [p for p in request.paths if p.is_file()]
    return tuple(files)


def run_lint(request: LintRequest) -> int:
    """request → config and rules → drafts → reports (parallel, cached) → baseline → output → exit status."""
    from prelint import __version__
    from prelint.engine import selected_rules
    from prelint.formats.baseline import filter_report, read_baseline, write_baseline

    if request.output_format not in FORMATS:
        raise UsageError(f"unknown format {request.output_format!r} (choose from {', '.join(FORMATS)})")
    config = build_config(request)
    rules = selected_rules(config)
    baseline = read_baseline(request.baseline) if request.baseline is not None else None
    drafts, errors = collect_drafts(request, config)

    color = request.output is None and request.output_format == "text" and sys.stdout.isatty()
    run = RunOutput(
        reports=(),
        draft_errors=(),
        rules={r.code: r for r in rules},
        fail_on=config.fail_on,
        color=color,
        version=__version__,
        verbose=request.verbose,
    )
    stream_outcome = outcome_renderer(request.output_format)
    inputs = _input_files(drafts, request, config.source)
    if request.write_baseline is not None:
        from prelint.output_files import check_report_target

        check_report_target(request.write_baseline, inputs, "baseline")
    output = ReportOutput(request.output, inputs)
    bar = ProgressBar(total=len(drafts))
    jobs = request.jobs or os.cpu_count() or 1
    keep_media = VISUAL_FORMATS.get(request.output_format)  # only visual formats keep media facts
    finished: dict[int, Report] = {}
    unfiltered: list[Report] = []
    hidden = 0
    complete = False
    try:
        if stream_outcome is not None:
            for err in errors:
                output.write(stream_outcome(err, run))
        for index, outcome in lint_with_cache(drafts, config, rules, jobs, keep_media, bar.draft_progress):
            bar.advance(drafts[index].label)
            if isinstance(outcome, DraftError):
                errors.append(outcome)
            else:
                unfiltered.append(outcome)
                if baseline is not None:
                    outcome, count = filter_report(outcome, baseline)
                    hidden += count
                finished[index] = outcome
            if stream_outcome is not None:
                bar.clear()
                output.write(stream_outcome(outcome, run))
        bar.clear()
        order = sorted(finished)
        reports = [finished[i] for i in order]
        run = replace(run, reports=tuple(reports), draft_errors=tuple(errors), drafts=tuple(drafts[i] for i in order))
        # the whole report now; for streaming formats this only makes sure `-o FILE` exists (maybe empty)
        output.write(renderer(request.output_format)(run) if stream_outcome is None else "")
        complete = True
    finally:
        bar.clear()
        output.close(complete)

    if request.write_baseline is not None:
        count = write_baseline(request.write_baseline, unfiltered, inputs)
        _note(f"recorded {_count(count, 'finding')} in {visible(str(request.write_baseline))}")
    if baseline is not None and hidden:
        _note(f"{_count(hidden, 'finding')} hidden by baseline {visible(str(request.baseline))}")
    return exit_status(request, config, reports, errors)


def exit_status(request: LintRequest, config: Config, reports: list[Report], errors: list[DraftError]) -> int:
    """Tell stderr about drafts that could not be linted and checks that crashed; the run's exit status."""
    for err in errors:
        _note(f"error: {err}")
    crashed = [e for r in reports for e in r.errors]
    for message in crashed:
        _note(visible(str(message)))
    if crashed or any(e.internal for e in errors):
        return EXIT_CRASH
    if errors:
        return EXIT_ERROR
    if request.exit_zero or request.write_baseline is not None:
        return EXIT_OK
    return EXIT_FINDINGS if any(r.failed(config.fail_on) for r in reports) else EXIT_OK


def _note(text: str) -> None:
    print(f"prelint: {text}", file=sys.stderr)


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'s' if number != 1 else ''}"
