"""`--jobs N` is a core budget: N drafts at a time, or one draft decoded by N processes."""

from __future__ import annotations

import os

import pytest

from prelint import parallel
from prelint.media.facts import DECODE_WORKERS_ENV, decode_workers


@pytest.fixture(autouse=True)
def _no_user_setting(monkeypatch):
    # delenv records the original values: whatever _init_worker sets is undone after each test
    for name in (DECODE_WORKERS_ENV, "OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "NUMEXPR_NUM_THREADS"):
        monkeypatch.delenv(name, raising=False)


def _record_decode_workers(monkeypatch) -> list[int]:
    seen: list[int] = []
    monkeypatch.setattr(parallel, "lint_one", lambda draft, *a, decode_workers=None, **k: seen.append(decode_workers) or draft)
    return seen


def test_in_process_run_decodes_with_jobs_processes(monkeypatch):
    seen = _record_decode_workers(monkeypatch)
    for jobs, expected in ((1, 1), (2, 2), (3, 3)):
        seen.clear()
        assert [i for i, _ in parallel.lint_as_completed(["d"], None, (), jobs)] == [0]
        assert seen == [expected]
        assert decode_workers(seen[0]) == expected
    assert DECODE_WORKERS_ENV not in os.environ  # passed to the lint, never through the environment


def test_a_user_setting_wins(monkeypatch):
    monkeypatch.setenv(DECODE_WORKERS_ENV, "5")
    seen = _record_decode_workers(monkeypatch)
    list(parallel.lint_as_completed(["d"], None, (), 1))
    assert [decode_workers(n) for n in seen] == [5]
    assert os.environ[DECODE_WORKERS_ENV] == "5"


def test_worker_processes_leave_the_decode_count_to_each_lint(monkeypatch):
    monkeypatch.setattr("signal.signal", lambda *a: None)
    parallel._init_worker()
    assert DECODE_WORKERS_ENV not in os.environ
    assert os.environ["OMP_NUM_THREADS"] == "1"


def test_default_is_the_cores_available(monkeypatch):
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1, 2})
    assert decode_workers() == 3
    assert decode_workers(2) == 2
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: set(range(32)))
    assert decode_workers() == 8
    monkeypatch.setenv(DECODE_WORKERS_ENV, "nonsense")
    assert decode_workers() == 8
