"""Linting drafts in worker processes: `--jobs N` is a core budget.

With several drafts and N > 1, min(N, drafts) worker processes lint one draft each at a time
(decoding is CPU-bound), each decoding with N // workers ffmpeg processes; one draft (or
`--jobs 1`) is linted in this process, decoded by N processes. The decode-process count is passed
to each lint explicitly (the user's PRELINT_DECODE_WORKERS still wins, see
prelint.media.facts.decode_workers). Drafts whose report is in the report cache come back first,
without any work (lint_with_cache).
"""

from __future__ import annotations

import os
import sys
from contextlib import contextmanager
from dataclasses import replace
from typing import Callable, Iterable, Iterator

from prelint.config import Config
from prelint.draft import Draft
from prelint.errors import PrelintError
from prelint.formats import DraftError
from prelint.model import Report
from prelint.registry import load_rules
from prelint.report_cache import ReportCache

Progress = Callable[[str, float], None]


def lint_one(
    draft: Draft,
    config: Config,
    codes: tuple[str, ...],
    keep_media: str | None = None,
    progress: Progress | None = None,
    decode_workers: int | None = None,
) -> Report | DraftError:
    """Worker: lint one draft with the rules named by code. Input problems become a DraftError.

    keep_media: the "module:function" that trims the report's MediaFacts to what the output draws
    (a visual format's own trimming, see prelint.formats.VISUAL_FORMATS); None drops them
    (sampled frames are megabytes). decode_workers: ffmpeg processes decoding the video.
    """
    from prelint.engine import lint_draft

    try:
        rules = load_rules()
        report = lint_draft(draft, config, [rules[c] for c in codes], progress=progress, decode_workers=decode_workers)
    except PrelintError as exc:
        return DraftError(exc.path or (str(draft.path) if draft.path else None), exc.message)
    except Exception as exc:  # a bug outside any check: report it for this draft, go on with the others
        return DraftError(str(draft.path) if draft.path else None, f"internal error: {type(exc).__name__}: {exc}", internal=True)
    if report.media is None:
        return report
    if keep_media is None:
        return replace(report, media=None)
    from prelint.formats import resolve

    return replace(report, media=resolve(keep_media)(report.media))


def _init_worker(prelint_pid: int | None = None) -> None:
    """Each worker process gets its share of the cores: no nested thread pools fighting over them."""
    import signal

    for name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "NUMEXPR_NUM_THREADS"):
        os.environ.setdefault(name, "1")
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle: it stops the workers
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if prelint_pid is not None:
        from prelint.media.container_process import end_with

        end_with(prelint_pid)


def lint_as_completed(
    drafts: list[Draft],
    config: Config,
    codes: tuple[str, ...],
    jobs: int,
    keep_media: str | None = None,
    progress: Progress | None = None,
) -> Iterator[tuple[int, Report | DraftError]]:
    """Lint drafts on `jobs` cores, yielding (index in `drafts`, outcome) as each finishes.

    `progress` (label, fraction) is only called for drafts linted in this process.
    """
    if jobs <= 1 or len(drafts) <= 1:
        for index, draft in enumerate(drafts):
            yield index, lint_one(draft, config, codes, keep_media, progress, decode_workers=max(1, jobs))
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed
    from concurrent.futures.process import BrokenProcessPool

    with _safe_import_path():  # before the pool: its constructor already starts the resource tracker
        context = multiprocessing.get_context("spawn" if sys.platform == "darwin" else "forkserver")
        if context.get_start_method() == "forkserver" and not os.environ.get("PRELINT_DEBUG"):
            _start_forkserver_without_stderr()
        workers = min(jobs, len(drafts))
        decode_workers = max(1, jobs // workers)
        pool = ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_init_worker,
                                   initargs=(os.getpid(),))
        finished = False
        try:
            # biggest videos first: a long analysis started last would leave the other workers idle at the end
            order = sorted(range(len(drafts)), key=lambda i: -_video_size(drafts[i]))
            futures = {pool.submit(lint_one, drafts[i], config, codes, keep_media, None, decode_workers): i for i in order}
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
            # waited for also when stopped: its processes are ended above, and a management thread left
            # running printed "Exception ignored on threading shutdown" (Python 3.13) after the exit line
            pool.shutdown(wait=True, cancel_futures=True)


def _start_forkserver_without_stderr() -> None:
    """Start multiprocessing's resource tracker and forkserver with their stderr on /dev/null (the
    workers inherit it from the forkserver; they report through the pool, never on stderr): a run
    stopped while a worker was being started got the forkserver's traceback on the terminal, and a
    killed one the tracker's warnings about leaked semaphores."""
    from multiprocessing import forkserver, resource_tracker

    sys.stderr.flush()
    saved = os.dup(2)
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, 2)
        resource_tracker.ensure_running()
        forkserver.ensure_running()
    finally:
        os.dup2(saved, 2)
        os.close(saved)
        os.close(devnull)


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


def lint_many(drafts: list[Draft], config: Config, codes: tuple[str, ...], jobs: int, keep_media: str | None = None) -> Iterable[Report | DraftError]:
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
    keep_media: str | None = None,
    progress: Progress | None = None,
) -> Iterator[tuple[int, Report | DraftError]]:
    """Like lint_as_completed, but drafts whose report is cached come back first without any work.

    The report cache is used when the config allows caching (`cache = true`, no --no-cache) and
    the reports need no media facts (keep_media None: every format but html).
    """
    codes = tuple(r.code for r in rules)
    if not config.cache or keep_media is not None:
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
