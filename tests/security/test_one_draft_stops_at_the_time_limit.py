"""analysis-time-limit-s bounds a draft's whole lint, not only its decoding.

Text, subtitles and plugins can hold work that no loop checks (a regular expression that
backtracks, a check that never returns). The draft stops at the limit as one AnalysisTimeout
naming the check, and prelint's signal handling is left as it was found.
"""

from __future__ import annotations

import re
import signal
import threading
import time

import pytest

import prelint
from prelint.config import Config
from prelint.draft import Draft
from prelint.engine import lint_draft, lint_rule
from prelint.errors import AnalysisTimeout
from prelint.parallel import lint_one
from prelint.time_limit import grace_s
from prelint.formats import DraftError

pytestmark = pytest.mark.skipif(not hasattr(signal, "setitimer"), reason="needs POSIX interval timers")

LIMIT_S = 0.25
GRACE_S = grace_s(LIMIT_S)


@prelint.check(code="SLOW001", name="slow-forever", level="warn")
def _loops_forever(ctx):
    """What it checks: nothing; it never returns."""
    while True:
        pass


@prelint.check(code="SLOW002", name="slow-backtracking", level="warn")
def _backtracks(ctx):
    """What it checks: a pattern with exponential backtracking on the title."""
    if re.match(r"(a|aa)+c", ctx.draft.title or ""):
        yield ctx.finding("never reached")


@prelint.check(code="SLOW003", name="slow-swallowing", level="warn")
def _swallows(ctx):
    """What it checks: a loop whose broad except would swallow an ordinary exception."""
    while True:
        try:
            sum(range(10_000))
        except Exception:
            pass


@prelint.check(code="FAST001", name="fast-title", level="warn")
def _fast(ctx):
    """What it checks: the title says TODO."""
    if "TODO" in (ctx.draft.title or ""):
        yield ctx.finding("Title still says TODO")


def _timed_lint(rule) -> tuple[AnalysisTimeout, float]:
    started = time.monotonic()
    with pytest.raises(AnalysisTimeout) as caught:
        lint_draft(Draft(title="a" * 64), Config(analysis_time_limit_s=LIMIT_S), [_fast, rule])
    return caught.value, time.monotonic() - started


@pytest.mark.parametrize("rule", [_loops_forever, _backtracks, _swallows], ids=["loop", "regex", "broad-except"])
def test_a_check_that_never_ends_stops_at_the_limit_naming_the_check(rule):
    error, elapsed = _timed_lint(rule)
    assert LIMIT_S <= elapsed < LIMIT_S + GRACE_S + 1.0
    assert error.message == (f"linting exceeded the time limit of 0.25 s while running {rule.code} ({rule.name}) "
                             "(analysis-time-limit-s)")


def test_signal_handling_is_left_as_it_was_found():
    before = signal.getsignal(signal.SIGALRM)
    _timed_lint(_backtracks)
    lint_draft(Draft(title="TODO"), Config(analysis_time_limit_s=LIMIT_S), [_fast])
    assert signal.getsignal(signal.SIGALRM) is before
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    time.sleep(LIMIT_S + GRACE_S + 0.2)  # a timer left armed would fire here and kill the test run


def test_a_fast_draft_is_not_touched_by_the_limit():
    report = lint_draft(Draft(title="TODO"), Config(analysis_time_limit_s=LIMIT_S), [_fast])
    assert [f.message for r in report.rules for f in r.findings] == ["Title still says TODO"]


def test_lint_rule_is_bounded_too():
    with pytest.raises(AnalysisTimeout, match="while running SLOW002"):
        lint_rule(_backtracks, title="a" * 64, config=Config(analysis_time_limit_s=LIMIT_S))


def test_a_program_that_uses_the_timer_itself_keeps_it():
    fired: list[int] = []
    previous = signal.signal(signal.SIGALRM, lambda signum, frame: fired.append(signum))
    try:
        signal.setitimer(signal.ITIMER_REAL, 0.3)
        report = lint_draft(Draft(title="TODO"), Config(analysis_time_limit_s=LIMIT_S), [_fast])
        time.sleep(0.6)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    assert fired == [signal.SIGALRM]
    assert report.rules[0].findings


def test_off_the_main_thread_linting_still_works():
    reports = []
    worker = threading.Thread(target=lambda: reports.append(
        lint_draft(Draft(title="TODO"), Config(analysis_time_limit_s=LIMIT_S), [_fast])))
    worker.start()
    worker.join(10)
    assert len(reports) == 1 and reports[0].rules[0].findings


def test_a_worker_reports_the_timeout_as_one_error_for_the_draft(monkeypatch):
    monkeypatch.setattr("prelint.parallel.load_rules", lambda: {"SLOW002": _backtracks})
    result = lint_one(Draft(title="a" * 64), Config(analysis_time_limit_s=LIMIT_S), ("SLOW002",))
    assert isinstance(result, DraftError)
    assert "exceeded the time limit of 0.25 s while running SLOW002" in result.message


@prelint.check(code="TEXT901", name="reads-text", level="warn")
def _reads_text(ctx):
    """What it checks: nothing; it asks for the draft's text facts."""
    ctx.facts.get("text")
    return iter(())


def test_the_limit_names_the_fact_being_computed_and_the_check_that_asked(monkeypatch):
    """A fact is computed for the first check that asks: the message said that check was running
    (CTA001) when the video's analysis was what took the time."""
    def slow_text(facts):
        while True:
            sum(range(10_000))

    monkeypatch.setattr("prelint.facts.provide_text", slow_text)
    error, _ = _timed_lint(_reads_text)
    assert error.message == ("linting exceeded the time limit of 0.25 s while reading the draft's text for "
                             "TEXT901 (reads-text) (analysis-time-limit-s)")
