"""Linting many drafts: discovery, parallel workers, streaming or final reports, baselines, the exit status.

`prelint DIR` finds drafts recursively (honouring `exclude` globs), lints them in worker
processes (`--jobs N`, default: the number of cores), writes streaming formats (jsonl,
github) as each draft finishes and the others at the end. A draft that cannot be read is
reported and the others are still linted; the exit status is then 2.

Unchanged drafts come from the report cache (ReportCache) without any work; `--baseline`
hides findings recorded by `--write-baseline` (prelint.formats.baseline). A progress bar is
drawn on stderr only when it is a terminal (ProgressBar).
"""

from __future__ import annotations

import os
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import IO, Callable, Iterable, Iterator

from prelint.config import Config
from prelint.draft import Draft, find_drafts
from prelint.errors import EXIT_CRASH, EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, PrelintError, UsageError  # noqa: F401
from prelint.formats import FORMATS, VISUAL_FORMATS, DraftError, RunOutput, outcome_renderer, renderer
from prelint.media.facts import DECODE_WORKERS_ENV
from prelint.model import Level, Report
from prelint.registry import load_rules, split_selectors
from prelint.report_cache import ReportCache
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


def lint_one(
    draft: Draft,
    config: Config,
    codes: tuple[str, ...],
    keep_media: bool | str = True,
    progress: Callable[[str, float], None] | None = None,
) -> Report | DraftError:
    """Worker: lint one draft with the rules named by code. Input problems become a DraftError.

    keep_media: True keeps the report's MediaFacts, False drops them (sampled frames are
    megabytes and only visual formats draw them), a "module:function" string keeps what that
    function returns (a visual format's own trimming, see VISUAL_FORMATS).
    """
    from prelint.engine import lint_draft

    try:
        rules = load_rules()
        report = lint_draft(draft, config, [rules[c] for c in codes], progress=progress)
    except PrelintError as exc:
        return DraftError(exc.path or (str(draft.path) if draft.path else None), exc.message)
    except Exception as exc:  # a bug outside any check: report it for this draft, go on with the others
        return DraftError(str(draft.path) if draft.path else None, f"internal error: {type(exc).__name__}: {exc}", internal=True)
    if keep_media is True or report.media is None:
        return report
    if not keep_media:
        return replace(report, media=None)
    from prelint.formats import resolve

    return replace(report, media=resolve(keep_media)(report.media))


def _init_worker(decode_workers: int = 1) -> None:
    """Each worker process gets its share of the cores: no nested thread pools fighting over them."""
    import signal

    for name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "NUMEXPR_NUM_THREADS"):
        os.environ.setdefault(name, "1")
    os.environ.setdefault(DECODE_WORKERS_ENV, str(decode_workers))
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle: it stops the workers


@contextmanager
def _decode_workers(count: int) -> Iterator[None]:
    """Decode processes per draft for a run in this process (unless the user set the variable)."""
    if DECODE_WORKERS_ENV in os.environ:
        yield
        return
    os.environ[DECODE_WORKERS_ENV] = str(count)
    try:
        yield
    finally:
        os.environ.pop(DECODE_WORKERS_ENV, None)


def lint_as_completed(
    drafts: list[Draft],
    config: Config,
    codes: tuple[str, ...],
    jobs: int,
    keep_media: bool | str = True,
    progress: Callable[[str, float], None] | None = None,
) -> Iterator[tuple[int, Report | DraftError]]:
    """Lint drafts, yielding (index in `drafts`, outcome) as each finishes.

    `jobs` is the number of cores to use. With several drafts and jobs > 1, min(jobs, drafts)
    worker processes lint one draft each at a time (decoding is CPU-bound), each decoding with
    jobs // workers ffmpeg processes; one draft (or jobs 1) is linted here, decoded by `jobs`
    processes. `progress` (label, fraction) is only called for drafts linted in this process.
    """
    if jobs <= 1 or len(drafts) <= 1:
        with _decode_workers(max(1, jobs)):
            for index, draft in enumerate(drafts):
                yield index, lint_one(draft, config, codes, keep_media, progress)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed
    from concurrent.futures.process import BrokenProcessPool

    with _safe_import_path():  # before the pool: its constructor already starts the resource tracker
        context = multiprocessing.get_context("spawn" if sys.platform == "darwin" else "forkserver")
        workers = min(jobs, len(drafts))
        pool = ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_init_worker,
                                   initargs=(max(1, jobs // workers),))
        finished = False
        try:
            # biggest videos first: a long analysis started last would leave the other workers idle at the end
            order = sorted(range(len(drafts)), key=lambda i: -_video_size(drafts[i]))
            futures = {pool.submit(lint_one, drafts[i], config, codes, keep_media): i for i in order}
            for future in as_completed(futures):
                index = futures[future]
                try:
                    outcome = future.result()
                except BrokenProcessPool as exc:  # a worker died (killed, out of memory): that draft fails, not the run
                    draft = drafts[index]
                    outcome = DraftError(str(draft.path) if draft.path else None, f"worker process died: {exc}", internal=True)
                yield index, outcome
            finished = True
        finally:
            if not finished:  # Ctrl-C or the consumer stopped: do not wait for analyses nobody will read
                for process in list(getattr(pool, "_processes", {}).values()):
                    process.terminate()
            pool.shutdown(wait=finished, cancel_futures=True)


@contextmanager
def _safe_import_path() -> Iterator[None]:
    """multiprocessing's helper processes start with PYTHONSAFEPATH=1 (Python 3.11+).

    The forkserver, the resource tracker and spawned workers start as `python -c …`, which puts the
    working folder first on the import path: a `multiprocessing.py` or `pickle.py` committed to the
    linted repository would run. With PYTHONSAFEPATH the working folder is left out; workers then
    take the parent's own import path, which holds no folder of the drafts.
    """
    previous = os.environ.get("PYTHONSAFEPATH")
    os.environ["PYTHONSAFEPATH"] = "1"
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop("PYTHONSAFEPATH", None)
        else:
            os.environ["PYTHONSAFEPATH"] = previous


def _video_size(draft: Draft) -> int:
    try:
        return os.stat(draft.video).st_size if draft.video is not None else 0
    except OSError:
        return 0


def lint_many(drafts: list[Draft], config: Config, codes: tuple[str, ...], jobs: int, keep_media: bool | str = True) -> Iterable[Report | DraftError]:
    """Lint drafts in parallel, yielding outcomes in the order of `drafts`."""
    pending: dict[int, Report | DraftError] = {}
    next_index = 0
    for index, outcome in lint_as_completed(drafts, config, codes, jobs, keep_media):
        pending[index] = outcome
        while next_index in pending:
            yield pending.pop(next_index)
            next_index += 1


def lint_with_cache(
    drafts: list[Draft],
    config: Config,
    rules: list,
    jobs: int,
    keep_media: bool | str = True,
    progress: Callable[[str, float], None] | None = None,
) -> Iterator[tuple[int, Report | DraftError]]:
    """Like lint_as_completed, but drafts whose report is cached come back first without any work.

    The report cache is used when the config allows caching (`cache = true`, no --no-cache) and
    the reports need no media facts (keep_media=False: every format but html).
    """
    codes = tuple(r.code for r in rules)
    if not config.cache or keep_media:
        yield from lint_as_completed(drafts, config, codes, jobs, keep_media, progress)
        return
    cache = ReportCache(config, rules)
    keys: dict[int, str | None] = {}
    todo: list[int] = []
    for index, draft in enumerate(drafts):
        keys[index] = key = cache.key(draft)
        cached = cache.load(key) if key is not None else None
        if cached is not None:
            yield index, cached
        else:
            todo.append(index)
    for position, outcome in lint_as_completed([drafts[i] for i in todo], config, codes, jobs, keep_media, progress):
        index = todo[position]
        key = keys[index]
        if key is not None and isinstance(outcome, Report):
            cache.store(key, outcome)
        yield index, outcome


class ProgressBar:
    """`[3/12] drafts/a.mp4 [#######             ]  35%` on stderr, only when stderr is a terminal.

    Nothing is drawn for the first SHOW_AFTER_S seconds, so quick runs stay silent.
    """

    SHOW_AFTER_S = 0.5
    WIDTH = 20

    def __init__(self, total: int, stream: IO[str] | None = None, enabled: bool | None = None) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = _isatty(self.stream) if enabled is None else enabled
        self.total = total
        self.done = 0
        self.started = time.monotonic()
        self.shown = ""
        self.label = ""

    def draft_progress(self, label: str, fraction: float) -> None:
        """Progress callback for lint_draft: how far the current draft's analysis is."""
        self.label = label
        self._draw(self.done + max(0.0, min(1.0, fraction)))

    def advance(self, label: str | None) -> None:
        """One more draft finished."""
        self.done += 1
        self.label = label or ""
        self._draw(self.done)

    def _draw(self, units: float) -> None:
        if not self.enabled or time.monotonic() - self.started < self.SHOW_AFTER_S:
            return
        fraction = units / self.total if self.total else 1.0
        pct = int(fraction * 100)
        filled = int(fraction * self.WIDTH)
        counter = f"[{self.done}/{self.total}] " if self.total > 1 else ""
        line = f"{counter}{visible(self.label[-40:])} [{'#' * filled:<{self.WIDTH}}] {pct:3d}%"
        if line != self.shown:
            self.stream.write("\r" + line.ljust(len(self.shown)))
            self.stream.flush()
            self.shown = line

    def clear(self) -> None:
        """Erase the bar (before writing a result to the same terminal, and at the end)."""
        if self.shown:
            self.stream.write("\r" + " " * len(self.shown) + "\r")
            self.stream.flush()
            self.shown = ""


def _isatty(stream: IO[str]) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


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


class _Output:
    """Where the report goes: -o FILE or stdout.

    A file is written atomically beside its final name and renamed when the run ends
    (prelint.output_files: never through a link, never over an input); a failed run leaves no file.
    """

    def __init__(self, path: Path | None, inputs: Iterable[Path] = ()) -> None:
        from prelint.output_files import check_report_target

        self.path = path
        self.inputs = tuple(inputs)
        self.handle: IO[str] | None = None
        self.file = None
        if path is not None:
            check_report_target(path, self.inputs)  # before any work: a refused -o fails fast

    def write(self, text: str) -> None:
        handle = self._open()
        if text:
            handle.write(text)
            handle.flush()

    def _open(self) -> IO[str]:
        if self.handle is None:
            if self.path is None:
                self.handle = sys.stdout
            else:
                from prelint.output_files import AtomicOutput

                self.file = AtomicOutput(self.path, self.inputs)
                self.handle = self.file.handle
        return self.handle

    def close(self, complete: bool = True) -> None:
        """Put the file in place (complete) or remove what was written (a run that failed)."""
        if self.file is not None:
            self.file.commit() if complete else self.file.discard()


def _input_files(drafts: list[Draft], request: LintRequest, config_source: Path | None = None) -> tuple[Path, ...]:
    """Every file the run reads: no output may replace one of them."""
    files = [p for d in drafts for p in (d.video, d.metadata, d.subtitles) if p is not None]
    files += [p for p in (request.baseline, request.config_path, request.subtitles, config_source) if p is not None]
    files += [p for p in request.paths if p.is_file()]
    return tuple(files)


def run_lint(request: LintRequest) -> int:
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
    output = _Output(request.output, inputs)
    bar = ProgressBar(total=len(drafts))
    jobs = request.jobs or os.cpu_count() or 1
    keep_media: bool | str = VISUAL_FORMATS.get(request.output_format, False)
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
        print(f"prelint: recorded {count} finding{'s' if count != 1 else ''} in {visible(str(request.write_baseline))}", file=sys.stderr)
    if baseline is not None and hidden:
        print(f"prelint: {hidden} finding{'s' if hidden != 1 else ''} hidden by baseline {visible(str(request.baseline))}", file=sys.stderr)
    for err in errors:
        print(f"prelint: error: {err}", file=sys.stderr)
    crashed = [e for r in reports for e in r.errors]
    for message in crashed:
        print(f"prelint: {visible(str(message))}", file=sys.stderr)
    if crashed or any(e.internal for e in errors):
        return EXIT_CRASH
    if errors:
        return EXIT_ERROR
    if request.exit_zero or request.write_baseline is not None:
        return EXIT_OK
    return EXIT_FINDINGS if any(r.failed(config.fail_on) for r in reports) else EXIT_OK
