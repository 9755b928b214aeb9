"""The text rules on labelled text: real Kuaishou captions first (bench/data/real_captions_*.jsonl,
split "real-tune" only), then the cases the project wrote (bench/data/text_cases.jsonl). Each test
holds a floor a little below the figure in bench/RESULTS-text.md, so a regression shows."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench" / "text_accuracy.py"


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("prelint_bench_text_accuracy", BENCH)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def real_tune(bench):
    rows = bench.load_real("real-tune")
    return rows, bench.score_real(rows)


def _unscored_blind(split: str) -> bool:
    """Every split named test-*: blind written splits, never read by the tests."""
    return split.startswith("test-")


def _cases(bench):
    return [c for c in bench.load_cases() if not _unscored_blind(c["split"])]


# ---------------------------------------------------------------- real captions (real-tune)


def test_only_the_real_tune_rows_are_read(bench, real_tune):
    rows, _ = real_tune
    assert len(rows) >= 700 and {r["split"] for r in rows} == {"real-tune"}
    assert {r["sample"] for r in rows} >= {"random", "enriched:clickbait", "enriched:engagement"}


@pytest.mark.parametrize("code", ["RISK001", "RISK002", "RISK003", "CTA001", "CTA002"])
def test_every_text_rule_is_precise_on_real_captions(real_tune, code):
    _, tallies = real_tune
    tally = tallies[code]
    assert tally.precision >= 0.9, (code, tally.errors)


def test_clickbait_and_missing_cta_recall_on_real_captions(real_tune):
    _, tallies = real_tune
    assert tallies["RISK001"].tp + tallies["RISK001"].fn >= 25
    assert tallies["RISK001"].recall >= 0.8, tallies["RISK001"].errors
    assert tallies["CTA001"].recall >= 0.95, tallies["CTA001"].errors


def test_real_rows_are_drafts_with_title_and_caption_on_kuaishou(bench):
    draft = bench.real_draft({"title": "", "caption": "#热门 @快手小助手(O40300112)"})
    assert (draft.title, draft.caption, draft.platform) == (None, "#热门 @快手小助手(O40300112)", "kuaishou")
    assert bench.real_expected({"clickbait": None, "contact": False, "invitation": True, "bait": False}) == {
        "RISK001": None, "RISK003": False, "CTA001": False, "CTA002": False}
    assert bench.real_expected({"clickbait": True, "contact": True, "invitation": False, "bait": True})["CTA001"] is False


def test_real_absolute_claims_are_paired_with_findings_by_overlap(bench):
    row = {"video_id": 1, "title": "", "caption": "#全网最低价质量保证包邮到家 #穿搭", "clickbait": None, "contact": False,
           "invitation": False, "bait": False, "absolute_claims": [{"field": "caption", "text": "全网最低价质量保证"}]}
    tally = bench.score_real([row])["RISK002"]
    assert (tally.tp, tally.fp, tally.fn) == (1, 0, 0)


# ---------------------------------------------------------------- written cases


def test_labelled_set_is_large_and_mixed(bench):
    cases = _cases(bench)
    assert len(cases) >= 250
    english = sum(1 for c in cases if c["lang"] == "en")
    assert 0.08 * len(cases) <= english <= 0.25 * len(cases)
    assert {"fold-01", "fold-02", "fold-03", "fold-04", "fold-05", "fold-06"} <= {c["split"] for c in cases}


@pytest.mark.parametrize("split", ["all", "fold-05"])
def test_precision_and_recall_floor_per_rule_on_written_cases(bench, split):
    cases = _cases(bench)
    if split != "all":
        cases = [c for c in cases if c["split"] == split]
    for code, tally in bench.score(cases).items():
        assert tally.tp + tally.fn >= 5, code  # enough positives to mean something
        assert tally.precision >= 0.85, (code, tally.errors)
        assert tally.recall >= 0.7, (code, tally.errors)


@pytest.mark.parametrize("split", ["fold-06", "fold-07", "fold-08", "fold-09", "fold-10", "fold-11", "fold-12"])
def test_no_clickbait_or_bait_false_alarm_on_the_written_title_and_bait_sets(bench, split):
    cases = [c for c in bench.load_cases() if c["split"] == split]
    tallies = bench.score(cases)
    for code in ("RISK001", "CTA002"):
        tally = tallies[code]
        assert tally.tp + tally.fn >= 10, code
        assert tally.fp == 0, (code, tally.errors)
        assert tally.recall >= 0.45, (code, tally.errors)


def test_training_split_leaves_out_every_test_split(bench):
    assert bench.BLIND == ("test-1", "test-2")
    cases = [{"split": s} for s in ("fold-01", "fold-11", "fold-16", "fold-19", "fold-20", "test-1", "test-2", "test-1b", "test-4", "train-extra")]
    assert [c["split"] for c in bench.select_split(cases, "training")] == ["fold-01", "fold-11", "fold-16", "fold-19", "fold-20", "train-extra"]
    assert [c["split"] for c in bench.select_split(cases, "test-1")] == ["test-1"]
