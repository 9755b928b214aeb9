"""Linting many drafts: discovery, parallel workers, one report, the exit status."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from prelint.config import Config
from prelint.draft import Draft, find_drafts
from prelint.errors import InputError, PrelintError, UsageError
from prelint.formats import FORMATS, DraftError, RunOutput, renderer
from prelint.model import Level, Report
from prelint.registry import load_rules, split_selectors

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR, EXIT_CRASH = 0, 1, 2, 3


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
    draft = draft.with_overrides(
        title=request.title,
        caption=request.caption,
        hashtags=request.hashtags or None,
        subtitles=request.subtitles,
        platform=request.platform,
    )
    if draft.subtitles is not None and not draft.subtitles.is_file():
        raise InputError("subtitles file does not exist", draft.subtitles)
    return draft


def lint_one(draft: Draft, config: Config, codes: tuple[str, ...]) -> Report | DraftError:
    """Worker: lint one draft with the rules named by code. Input problems become a DraftError."""
    from prelint.engine import lint_draft

    rules = load_rules()
    try:
        return lint_draft(draft, config, [rules[c] for c in codes])
    except PrelintError as exc:
        return DraftError(exc.path or (str(draft.path) if draft.path else None), exc.message)


def lint_many(drafts: list[Draft], config: Config, codes: tuple[str, ...], jobs: int) -> Iterable[Report | DraftError]:
    """Lint drafts in order; with jobs > 1 in worker processes (decoding is CPU-bound)."""
    if jobs <= 1 or len(drafts) <= 1:
        for draft in drafts:
            yield lint_one(draft, config, codes)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("spawn" if sys.platform == "darwin" else "forkserver")
    with ProcessPoolExecutor(max_workers=min(jobs, len(drafts)), mp_context=context) as pool:
        yield from pool.map(lint_one, drafts, [config] * len(drafts), [codes] * len(drafts))


def run_lint(request: LintRequest) -> int:
    from prelint import __version__
    from prelint.engine import selected_rules

    if request.output_format not in FORMATS:
        raise UsageError(f"unknown format {request.output_format!r} (choose from {', '.join(FORMATS)})")
    config = build_config(request)
    rules = selected_rules(config)
    codes = tuple(r.code for r in rules)

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

    jobs = request.jobs or os.cpu_count() or 1
    reports: list[Report] = []
    for outcome in lint_many(drafts, config, codes, jobs):
        if isinstance(outcome, DraftError):
            errors.append(outcome)
        else:
            reports.append(outcome)

    color = request.output is None and request.output_format == "text" and sys.stdout.isatty()
    run = RunOutput(
        reports=tuple(reports),
        draft_errors=tuple(errors),
        rules={r.code: r for r in rules},
        fail_on=config.fail_on,
        color=color,
        version=__version__,
    )
    text = renderer(request.output_format)(run)
    if request.output is not None:
        try:
            request.output.write_text(text, encoding="utf-8")
        except OSError as exc:
            raise UsageError(f"cannot write report: {exc.strerror or exc}") from None
    else:
        sys.stdout.write(text)
        sys.stdout.flush()

    for err in errors:
        print(f"prelint: error: {err}", file=sys.stderr)
    crashed = [e for r in reports for e in r.errors]
    for message in crashed:
        print(f"prelint: {message}", file=sys.stderr)
    if crashed:
        return EXIT_CRASH
    if errors:
        return EXIT_ERROR
    if request.exit_zero:
        return EXIT_OK
    return EXIT_FINDINGS if any(r.failed(config.fail_on) for r in reports) else EXIT_OK
