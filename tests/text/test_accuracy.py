"""The labelled set (bench/data/text_cases.jsonl) stays above a floor well below the benchmark."""

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


def _unscored_blind(split: str) -> bool:
    """fresh-17 and later: blind splits still to be scored once by the lead; tests never read them."""
    import re

    m = re.match(r"fresh-(\d+)", split)
    return bool(m) and int(m.group(1)) >= 17


def _cases(bench):
    return [c for c in bench.load_cases() if not _unscored_blind(c["split"])]


def test_labelled_set_is_large_and_mixed(bench):
    cases = _cases(bench)
    assert len(cases) >= 250
    english = sum(1 for c in cases if c["lang"] == "en")
    assert 0.08 * len(cases) <= english <= 0.25 * len(cases)
    assert {"dev", "holdout", "holdout2", "holdout3", "holdout4", "fresh-2"} <= {c["split"] for c in cases}


@pytest.mark.parametrize("split", ["all", "holdout4"])
def test_precision_and_recall_floor_per_rule(bench, split):
    cases = _cases(bench)
    if split != "all":
        cases = [c for c in cases if c["split"] == split]
    for code, tally in bench.score(cases).items():
        assert tally.tp + tally.fn >= 5, code  # enough positives to mean something
        assert tally.precision >= 0.8, (code, tally.errors)
        assert tally.recall >= 0.75, (code, tally.errors)


@pytest.mark.parametrize("split", ["fresh-2"])
def test_clickbait_and_bait_floor_on_fresh_split(bench, split):
    # fresh splits are title/bait sets: only RISK001 and CTA002 have enough positives there
    cases = [c for c in bench.load_cases() if c["split"] == split]
    tallies = bench.score(cases)
    for code in ("RISK001", "CTA002"):
        tally = tallies[code]
        assert tally.tp + tally.fn >= 20, code
        assert tally.precision >= 0.9, (code, tally.errors)
        assert tally.recall >= 0.85, (code, tally.errors)


@pytest.mark.parametrize("split", ["fresh-3", "fresh-4", "fresh-5", "fresh-6", "fresh-7"])
def test_no_clickbait_or_bait_false_alarm_on_any_fresh_split(bench, split):
    # precision is the promise on every split. fresh-3…fresh-6 are training splits of the n-gram
    # models; fresh-7 was scored once blind (RISK001 15/0/3, CTA002 11/0/1, bench/RESULTS-text.md
    # round 10) and is a training split too from round 14 on
    cases = [c for c in bench.load_cases() if c["split"] == split]
    tallies = bench.score(cases)
    for code in ("RISK001", "CTA002"):
        tally = tallies[code]
        assert tally.tp + tally.fn >= 10, code
        assert tally.fp == 0, (code, tally.errors)
        assert tally.recall >= 0.8, (code, tally.errors)


def test_blind_fresh_8_stays_at_its_recorded_figures(bench):
    # fresh-8 was scored once after the model was final (bench/RESULTS-text.md round 10): RISK001
    # 32/4/3 (P 0.89, below the 0.9 target), CTA002 14/0/8 (R 0.64, below the 0.85 target).
    # A floor just under those figures, so a regression shows. From round 14 on fresh-8 is training
    # data (in-sample), so passing this says little about unseen text.
    tallies = bench.score([c for c in bench.load_cases() if c["split"] == "fresh-8"])
    assert tallies["RISK001"].fp <= 4 and tallies["RISK001"].tp >= 32, tallies["RISK001"].errors
    assert tallies["CTA002"].fp == 0 and tallies["CTA002"].tp >= 14, tallies["CTA002"].errors


def test_the_models_add_recall_over_the_lexicons_alone_on_blind_fresh_7(bench):
    cases = [c for c in bench.load_cases() if c["split"] == "fresh-7"]
    with_model, lexicon_only = bench.score(cases), bench.score(cases, model=False)
    for code in ("RISK001", "CTA002"):
        assert with_model[code].tp > lexicon_only[code].tp and with_model[code].fp == lexicon_only[code].fp == 0, code


def test_training_split_leaves_out_every_fresh_split_from_17_on(bench):
    # round 15: fresh-12 … fresh-14 were scored once blind and are training splits now; round 16: fresh-15, fresh-16
    assert bench.BLIND == ("fresh-17", "fresh-18")
    cases = [{"split": s} for s in ("dev", "fresh-7", "fresh-12", "fresh-15", "fresh-16", "fresh-17", "fresh-18", "fresh-17b", "fresh-20", "train-extra")]
    assert [c["split"] for c in bench.select_split(cases, "training")] == ["dev", "fresh-7", "fresh-12", "fresh-15", "fresh-16", "train-extra"]
    assert [c["split"] for c in bench.select_split(cases, "fresh-17")] == ["fresh-17"]
