"""Train the character n-gram models of clickbait-title (RISK001) and engagement-bait (CTA002).

    python bench/train_text_model.py --cv      # leave-one-split-out cross-validation, no files written
    python bench/train_text_model.py           # cross-validate, then train on all training splits and
                                               # write prelint/data/models/{clickbait_title,engagement_bait}.json

Training data: bench/data/text_cases.jsonl and bench/data/text_train_extra.jsonl, every split
EXCEPT the blind ones (every split named test-*: test-1, test-2, …), which this script
drops as it reads each line, never printing, counting or scoring them. The real captions
(bench/data/real_captions_*.jsonl) are not training data: they measure the rules (bench/text_accuracy.py).
Clickbait model: titles labelled RISK001 against every other title. Bait model: captions and titles
labelled CTA002 against every other caption and title.

How the rules use the models: clickbait-title's model is off by default (`model = true` switches it
on); engagement-bait's model reports only where the same sentence holds a bait cue (the
`bait_cues` of engagement_bait.toml's [model_guard] table).

Model: L2-regularised logistic regression on character 1–3-gram counts of the normalised text
(prelint.text.ngram.normalise: NFKC, lower case, digits → 0, ^/$ at the ends), scaled by
1/√(number of n-grams), fitted with L-BFGS from zeros (deterministic: no random numbers).
N-grams seen in fewer than `min_count` training texts are dropped.

Cross-validation: each labelled fold of text_cases.jsonl (fold-01…fold-20, the splits in FOLDS)
is held out in turn; the model is trained on the rest (plus train-extra) and scores the held-out
split. The pooled out-of-fold scores choose the hyperparameters and the gate thresholds: the
most out-of-fold recall of the gate's model branch (what the model flags, alone or assisted by
weak lexicon evidence) at precision ≥ TARGET_PRECISION (0.98 clickbait, 0.95 bait) for that branch;
among hyperparameters whose branch recall is within RECALL_TIE (0.01) of the best, the most precise
wins (a gain of one or two texts is noise, a precision loss is not). The lexicon side of the gate (its
score, its matches) is the shipped lexicon, which was tuned on these same splits, so the whole
gate's CV figures are optimistic on the lexicon's part; the model branch's figures are honest.

Gates (the rules read the thresholds as Option defaults; a test keeps them equal to the header):
  clickbait: lexicon score ≥ min-score, or log-odds ≥ alone, or (lexicon ≥ assist_min and
             log-odds ≥ assist, with assist ≥ 0: weak lexicon evidence never overrides a model
             that leans plain)
  bait:      lexicon match, or (no lexicon match dismissed by an exception/negation/mention in
             the field, an engagement word present, and log-odds ≥ alone)
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from prelint.text.ngram import FORMAT, mask_book_titles, ngram_counts, sentence_spans  # noqa: E402

SCRIPT_VERSION = "7"
CASES = HERE / "data" / "text_cases.jsonl"
EXTRA = HERE / "data" / "text_train_extra.jsonl"
MODELS = ROOT / "prelint" / "data" / "models"
BLIND_PREFIX = "test-"  # every split named test-* is blind: never trained on, never cross-validated on
BLIND = frozenset({"test-1", "test-2"})  # the blind splits named in the model header (being written outside the repo)


def is_blind(split: str) -> bool:
    """test-1, test-2, … (and any sub-split such as test-1b): every split named test-* is blind."""
    return split.startswith(BLIND_PREFIX)


# The cross-validation folds, in the order the CV runs and prints them.
FOLDS = tuple(f"fold-{i:02d}" for i in range(1, 21))
DEFAULT_SPLIT = FOLDS[0]  # a case without a `split` counts in the first fold
# Precision the gate's model branch must reach out of fold: text the models never saw scores below the CV
# figure, so the bar leaves a margin.
TARGET_PRECISION = {"clickbait_title": 0.98, "engagement_bait": 0.97}
RECALL_TIE = 0.01  # model-branch recall this close to the best counts as equal; the more precise configuration wins


def load_training_cases() -> list[dict]:
    cases = []
    for path in (CASES, EXTRA):
        if not path.exists():
            continue
        for line in path.read_text("utf-8").splitlines():
            if not line.strip():
                continue
            case = json.loads(line)
            if is_blind(case.get("split", DEFAULT_SPLIT)):
                continue
            case.setdefault("split", DEFAULT_SPLIT)
            cases.append(case)
    return cases


def task_cases(cases: list[dict], task: str) -> list[tuple[str, int, str, str]]:
    """(text, label, split, field) for one model."""
    if task == "clickbait_title":
        return [(c["text"], int("RISK001" in c["expected"]), c["split"], c["field"]) for c in cases if c["field"] == "title"]
    return [(c["text"], int("CTA002" in c["expected"]), c["split"], c["field"]) for c in cases if c["field"] in ("title", "caption")]


# ---------------------------------------------------------------- model


@dataclass(frozen=True)
class Params:
    c: float  # inverse L2 strength
    min_count: int
    max_n: int = 3


SHOW_ERRORS = False  # --errors: list the chosen gate's out-of-fold false alarms and misses
SENTENCES = True  # bait model: score each sentence with an engagement word too, keep the highest (--whole turns it off)
NEGATIVE_SENTENCES = True  # bait model: train on the sentences of multi-sentence negatives too


def model_text(text: str, task: str) -> str:
    """What the model reads: the clickbait model empties 《…》 (a name is not the title's wording)."""
    return mask_book_titles(text) if task == "clickbait_title" else text


def scoring_units(text: str, task: str) -> list[str]:
    """The texts scored for one item (the rule keeps the highest): the whole text, and for the bait
    model each sentence holding an engagement word when there are several sentences."""
    if task != "engagement_bait" or not SENTENCES:
        return [text]
    spans = sentence_spans(text)
    if len(spans) < 2:
        return [text]
    return [text] + [text[a:b] for a, b in spans if has_engagement_word(text[a:b])]


def training_rows(items, task: str) -> list[tuple[str, int]]:
    """(text, label) rows to fit on: every item whole, plus (bait model) the sentences of each
    multi-sentence negative that hold an engagement word, as negatives (a sentence of a caption
    with no bait is no bait; the sentences of a positive are not labelled one by one, so only the
    whole positive is used)."""
    rows = [(t, y) for t, y, _, _ in items]
    if task == "engagement_bait" and NEGATIVE_SENTENCES:
        for t, y, _, _ in items:
            if y == 0:
                units = scoring_units(t, task)[1:]
                rows.extend((u, 0) for u in units if u != t)
    return rows


def featurise(texts: list[str], max_n: int, task: str = "") -> list[dict[str, int]]:
    return [ngram_counts(model_text(t, task), 1, max_n) for t in texts]


def fit(feats: list[dict[str, int]], labels: np.ndarray, params: Params) -> tuple[dict[str, float], float]:
    from scipy import sparse
    from scipy.optimize import minimize

    doc_freq: dict[str, int] = {}
    for f in feats:
        for g in f:
            doc_freq[g] = doc_freq.get(g, 0) + 1
    vocab = sorted(g for g, n in doc_freq.items() if n >= params.min_count)
    index = {g: i for i, g in enumerate(vocab)}
    rows, cols, vals = [], [], []
    for r, f in enumerate(feats):
        total = sum(f.values())
        scale = 1.0 / math.sqrt(total) if total else 0.0
        for g, n in f.items():
            i = index.get(g)
            if i is not None:
                rows.append(r)
                cols.append(i)
                vals.append(n * scale)
    x = sparse.csr_matrix((vals, (rows, cols)), shape=(len(feats), len(vocab)))
    y = labels.astype(float)
    # balance the classes: each class weighs half
    pos = y.sum()
    sample_w = np.where(y == 1, 0.5 / max(pos, 1), 0.5 / max(len(y) - pos, 1)) * len(y)
    lam = 1.0 / params.c

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        z = x @ w[:-1] + w[-1]
        p = 1.0 / (1.0 + np.exp(-z))
        eps = 1e-12
        ll = -np.sum(sample_w * (y * np.log(p + eps) + (1 - y) * np.log(1 - p + eps)))
        g = sample_w * (p - y)
        grad = np.concatenate([x.T @ g + lam * w[:-1], [g.sum()]])
        return ll + 0.5 * lam * float(w[:-1] @ w[:-1]), grad

    result = minimize(loss, np.zeros(len(vocab) + 1), jac=True, method="L-BFGS-B", options={"maxiter": 500})
    w = result.x
    return {g: float(w[i]) for g, i in index.items()}, float(w[-1])


def log_odds(weights: dict[str, float], bias: float, f: dict[str, int]) -> float:
    total = sum(f.values())
    scale = 1.0 / math.sqrt(total) if total else 0.0
    return bias + sum(weights.get(g, 0.0) * n for g, n in f.items()) * scale


# ---------------------------------------------------------------- lexicon side of the gate


def lexicon_signals(items: list[tuple[str, int, str, str]], task: str) -> list[float]:
    """Clickbait: the rule's lexicon score. Bait: 1.0 if the lexicon fires, -1.0 if it dismissed a
    bait phrase (the model then defers to it), else 0.0. Model off."""
    import prelint
    from prelint.config import Config
    from prelint.draft import Draft
    from prelint.engine import lint_draft
    from prelint.registry import load_rules
    from prelint.checks.cta.engagement_bait import guard_reason
    from prelint.text import analyze_field

    rules = load_rules()
    code, name = ("RISK001", "clickbait-title") if task == "clickbait_title" else ("CTA002", "engagement-bait")
    config = Config(options={name: {"model": False}} if "model" in {o.name for o in rules[code].options} else {})
    del prelint
    out = []
    for text, _, _, field in items:
        report = lint_draft(Draft(**{field: text}), config, [rules[code]])
        result = report.rules[0]
        if task == "clickbait_title":
            out.append(float(result.metrics.get("lexicon_score", result.metrics.get("score", 0.0))))
        elif result.findings:
            out.append(1.0)
        else:  # -1: the lexicon saw a bait phrase and dismissed it (exception, negation, mention, allow-list)
            facts = analyze_field(field, text)
            dismissed = any(s.match.rule == name for s in facts.suppressed)
            # the rule's report/negation guard sets the model aside too (applied here to the whole text,
            # the rule applies it to the flagged clause: every engagement word quoted+reported or negated)
            out.append(-1.0 if dismissed or guard_reason(text, (0, len(text))) else 0.0)
    return out


ENGAGEMENT = ("点赞", "关注", "转发", "评论", "收藏", "分享", "赞", "双击", "粉", "私信", "扣", "打出", "留言", "like", "follow", "share", "comment", "subscribe", "type", "tag", "repost", "save", "double tap")


_ENGAGEMENT_MATCHER = None


def has_engagement_word(text: str) -> bool:
    """One of ENGAGEMENT is in `text`, matched exactly as the rule matches the model's `requires_any`
    (prelint.text.ngram.NgramModel.required_hits: Chinese words anywhere, English words as whole words
    with -s/-er(s)/-ed, so "Following the river", "likely" and "vintage" hold none). One matcher for
    training, cross-validation and the shipped rule."""
    global _ENGAGEMENT_MATCHER
    if _ENGAGEMENT_MATCHER is None:
        from prelint.text.ngram import NgramModel

        _ENGAGEMENT_MATCHER = NgramModel(name="engagement-words", weights={}, bias=0.0, min_n=1, max_n=3, header={},
                                         requires_any=ENGAGEMENT)
    return _ENGAGEMENT_MATCHER.holds_required(text)


# ---------------------------------------------------------------- evaluation


def prf(pred: list[bool], labels: list[int]) -> tuple[float, float, int, int, int]:
    tp = sum(1 for p, y in zip(pred, labels) if p and y)
    fp = sum(1 for p, y in zip(pred, labels) if p and not y)
    fn = sum(1 for p, y in zip(pred, labels) if not p and y)
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return precision, recall, tp, fp, fn


def item_score(weights, bias, text: str, task: str, max_n: int) -> float:
    units = scoring_units(text, task)
    eligible = [u for u in units if has_engagement_word(u)] if task == "engagement_bait" else units
    return max(log_odds(weights, bias, f) for f in featurise(eligible or units[:1], max_n, task))


def out_of_fold(items, params: Params, task: str = "") -> list[float]:
    scores = [math.nan] * len(items)
    for fold in FOLDS:
        train = [it for it in items if it[2] != fold]
        test = [i for i, it in enumerate(items) if it[2] == fold]
        if not test:
            continue
        rows = training_rows(train, task)
        weights, bias = fit(featurise([t for t, _ in rows], params.max_n, task), np.array([y for _, y in rows]), params)
        for i in test:
            scores[i] = item_score(weights, bias, items[i][0], task, params.max_n)
    return scores


def gate(task: str, lex: float, score: float, text: str, g: dict) -> bool:
    if task == "clickbait_title":
        return lex >= 2.0 or (lex >= g["assist_min_lexicon"] and score >= g["assist_log_odds"]) or score >= g["alone_log_odds"]
    return lex >= 1.0 or (lex >= 0.0 and score >= g["alone_log_odds"] and has_engagement_word(text))


def gate_grid(task: str):
    thresholds = [x / 2 for x in range(-4, 13)]  # -2 … 6 log-odds
    if task == "clickbait_title":
        # The assist branch may only lower the bar for a model that already leans clickbait
        # (log-odds ≥ 0): the lexicon's weak features were written for the positives of these very
        # folds, so CV cannot tell how far a weak lexicon signal may override a model that leans
        # plain (with the bar below 0 it flagged plain hard negatives such as 学了三年吉他才明白的五个练习方法).
        for assist_min in (0.5, 1.0, 1.5):
            for assist in (t for t in thresholds if t >= 0):
                for alone in thresholds:
                    if alone >= assist:
                        yield {"assist_min_lexicon": assist_min, "assist_log_odds": assist, "alone_log_odds": alone}
    else:
        for alone in thresholds:
            yield {"alone_log_odds": alone}


def model_branch(task: str, lex: float, score: float, text: str, g: dict) -> bool:
    """The part of the gate the model decides (what the lexicon alone would not flag)."""
    if task == "clickbait_title":
        return (lex >= g["assist_min_lexicon"] and score >= g["assist_log_odds"]) or score >= g["alone_log_odds"]
    return lex >= 0.0 and score >= g["alone_log_odds"] and has_engagement_word(text)  # not where the lexicon dismissed bait


def choose_gate(task: str, items, lex: list[float], scores: list[float]) -> tuple[dict, tuple, tuple]:
    """The gate whose model branch has the most out-of-fold recall at precision ≥ TARGET_PRECISION[task].

    The lexicon was tuned on every CV fold, so the whole gate's CV figures flatter the lexicon
    (in-sample recall 0.92-1.00, blind 0.4-0.6). The choice therefore looks at the model's
    branch alone (honest: out-of-fold), requiring its precision ≥ target on its own; ties go
    to the higher (more conservative) thresholds."""
    labels = [y for _, y, _, _ in items]
    best, best_key = None, None
    for g in gate_grid(task):
        branch = [model_branch(task, lx, s, it[0], g) for it, lx, s in zip(items, lex, scores)]
        bp = prf(branch, labels)
        whole = prf([b or lx >= (2.0 if task == "clickbait_title" else 1.0) for b, lx in zip(branch, lex)], labels)
        ok = bp[0] >= TARGET_PRECISION[task] and whole[0] >= TARGET_PRECISION[task]
        key = (ok, bp[1] if ok else bp[0], tuple(g.values()))
        if best_key is None or key > best_key:
            best, best_key = (g, whole, bp), key
    return best


def per_fold(task, items, lex, scores, g) -> list[str]:
    lines = []
    for fold in FOLDS + ("train-extra",):
        idx = [i for i, it in enumerate(items) if it[2] == fold]
        if not idx or fold == "train-extra":
            continue
        pred = [gate(task, lex[i], scores[i], items[i][0], g) for i in idx]
        p, r, tp, fp, fn = prf(pred, [items[i][1] for i in idx])
        lines.append(f"    {fold:<9} P {p:.2f} R {r:.2f} ({tp}/{fp}/{fn})")
    return lines


GRID = {
    # 4-grams were tried (C 10/30/100, min_count 1/2): never better in CV, so the grid stops at 3
    # one C per model keeps the run short on a shared machine (the 20-fold grid takes about 25 minutes)
    "clickbait_title": [Params(30.0, 2)],
    # min_count 1 gives about 40,000 weights (650 KB): min_count 2 is tried too
    "engagement_bait": [Params(30.0, m) for m in (1, 2)],
}


def cross_validate(task: str, cases: list[dict], verbose: bool = True) -> tuple[Params, dict, dict]:
    items = task_cases(cases, task)
    cv_items = [it for it in items if it[2] in FOLDS]
    lex_all = lexicon_signals(items, task)
    labels_cv = [y for _, y, s, _ in items if s in FOLDS]
    lex_cv = [lx for it, lx in zip(items, lex_all) if it[2] in FOLDS]
    lex_p = prf([lx >= (2.0 if task == "clickbait_title" else 1.0) for lx in lex_cv], labels_cv)
    if verbose:
        print(f"\n== {task}: {len(items)} training texts ({sum(y for _, y, _, _ in items)} positive); "
              f"{len(cv_items)} in the {len(FOLDS)} CV folds")
        print(f"  lexicon alone (tuned on these folds): P {lex_p[0]:.3f} R {lex_p[1]:.3f} ({lex_p[2]}/{lex_p[3]}/{lex_p[4]})")
    tried = []
    for params in GRID[task]:
        oof = out_of_fold(items, params, task)
        scores = [s for it, s in zip(items, oof) if it[2] in FOLDS]
        model_only = max(
            (prf([s >= t for s in scores], labels_cv) + (t,) for t in [x / 2 for x in range(-4, 13)]),
            key=lambda r: (r[0] >= TARGET_PRECISION[task], r[1] if r[0] >= TARGET_PRECISION[task] else r[0]),
        )
        g, figures, branch = choose_gate(task, cv_items, lex_cv, scores)
        if verbose:
            print(f"  C={params.c:<5} min_count={params.min_count} n≤{params.max_n}: model alone best at log-odds ≥ {model_only[5]}: "
                  f"P {model_only[0]:.3f} R {model_only[1]:.3f}; gate {g}: model branch P {branch[0]:.3f} R {branch[1]:.3f} "
                  f"({branch[2]}/{branch[3]}/{branch[4]}), whole gate P {figures[0]:.3f} R {figures[1]:.3f} ({figures[2]}/{figures[3]}/{figures[4]})")
        ok = branch[0] >= TARGET_PRECISION[task] and figures[0] >= TARGET_PRECISION[task]
        tried.append(((ok, branch[1], branch[0]), params, g, figures, scores, model_only, branch))
    # The most model-branch recall at precision ≥ target, except that a configuration within
    # RECALL_TIE of that recall (a couple of texts on these folds: noise) wins if it is more precise.
    top = max(t[0] for t in tried)
    near = [t for t in tried if t[0][0] == top[0] and t[0][1] >= top[1] - RECALL_TIE]
    best = max(near, key=lambda t: (t[0][2], t[0][1]))
    _, params, g, figures, scores, model_only, branch = best
    if verbose:
        print(f"  chosen: {params} gate {g}")
        print("\n".join(per_fold(task, cv_items, lex_cv, scores, g)))
        if SHOW_ERRORS:
            for it, lx, sc in zip(cv_items, lex_cv, scores):
                flagged = gate(task, lx, sc, it[0], g)
                if flagged != bool(it[1]):
                    print(f"    {'FP' if flagged else 'FN'} {it[2]:<9} lex {lx:+.1f} model {sc:+.2f} {it[0]!r}")
    if task == "engagement_bait":
        cta001 = missing_cta_out_of_fold(cases, items, lex_all, scores, g, verbose)
    summary = {
        "lexicon_alone": {"precision": round(lex_p[0], 3), "recall": round(lex_p[1], 3), "tp": lex_p[2], "fp": lex_p[3], "fn": lex_p[4]},
        "model_alone": {"log_odds_threshold": model_only[5], "precision": round(model_only[0], 3), "recall": round(model_only[1], 3),
                        "tp": model_only[2], "fp": model_only[3], "fn": model_only[4]},
        "model_branch_of_gate": {"precision": round(branch[0], 3), "recall": round(branch[1], 3), "tp": branch[2], "fp": branch[3], "fn": branch[4]},
        "gate_with_in_sample_lexicon": {"precision": round(figures[0], 3), "recall": round(figures[1], 3), "tp": figures[2], "fp": figures[3], "fn": figures[4]},
    }
    if task == "engagement_bait":
        summary["missing_cta_with_out_of_fold_bait_model"] = cta001
    return params, g, summary


def missing_cta_out_of_fold(cases: list[dict], items, lex_all: list[float], cv_scores: list[float], g: dict,
                            verbose: bool = True) -> dict:
    """CTA001 (missing-cta) on the CV folds' captions with the bait model out of fold.

    CTA001 passes a caption whose only call to action is bait (the labelling convention), and it
    counts as bait what CTA002's lexicon finds or what CTA002's model flags. Here the lexicon part
    is the shipped rule with CTA002's model off (in-sample: the lexicons were tuned on these folds)
    and the model part is the bait gate's model branch with out-of-fold scores, so a bait miss of
    the model out of fold shows as a CTA001 false alarm, as it would on unseen text."""
    from prelint.config import Config
    from prelint.draft import Draft
    from prelint.engine import lint_draft
    from prelint.registry import load_rules

    rules = load_rules()
    config = Config(options={"engagement-bait": {"model": False}})
    cv_index = [i for i, it in enumerate(items) if it[2] in FOLDS]
    bait_cases = [c for c in cases if c["field"] in ("title", "caption")]  # aligned with task_cases(…, "engagement_bait")
    pred, labels = [], []
    for k, i in enumerate(cv_index):
        case = bait_cases[i]
        if case["field"] != "caption" or "CTA001" not in case.get("rules", ("CTA001",)):
            continue
        result = lint_draft(Draft(caption=case["text"]), config, [rules["CTA001"]]).rules[0]
        fires = bool(result.findings)
        if fires and model_branch("engagement_bait", lex_all[i], cv_scores[k], case["text"], g):
            fires = False  # the bait model (out of fold) flags it: CTA001 defers to CTA002
        pred.append(fires)
        labels.append(int("CTA001" in case["expected"]))
    p, r, tp, fp, fn = prf(pred, labels)
    if verbose:
        print(f"  CTA001 missing-cta on the folds' {len(pred)} captions, bait model out of fold: P {p:.3f} R {r:.3f} ({tp}/{fp}/{fn})")
    return {"precision": round(p, 3), "recall": round(r, 3), "tp": tp, "fp": fp, "fn": fn}


def train_and_write(task: str, cases: list[dict], params: Params, g: dict, cv: dict) -> Path:
    items = task_cases(cases, task)
    rows = training_rows(items, task)
    weights, bias = fit(featurise([t for t, _ in rows], params.max_n, task), np.array([y for _, y in rows]), params)
    kept = {k: round(v, 3) for k, v in sorted(weights.items()) if abs(v) >= 0.005}
    splits: dict[str, dict[str, int]] = {}
    for _, y, split, _ in items:
        entry = splits.setdefault(split, {"positive": 0, "negative": 0})
        entry["positive" if y else "negative"] += 1
    source = hashlib.sha256(b"".join(p.read_bytes() for p in (CASES, EXTRA) if p.exists())).hexdigest()[:16]
    data = {
        "format": FORMAT,
        "header": {
            "model": task,
            "script": "bench/train_text_model.py",
            "script_version": SCRIPT_VERSION,
            "kind": "logistic regression, L2, character 1-%d-grams scaled by 1/sqrt(n-grams)" % params.max_n,
            "labels": "titles RISK001 vs other titles" if task == "clickbait_title" else "captions and titles CTA002 vs the rest",
            "training_splits": splits,
            "cases": {"positive": sum(y for _, y, _, _ in items), "negative": sum(1 - y for _, y, _, _ in items)},
            "never_seen": sorted(BLIND, key=lambda s: int(s.split("-")[1])) + [f"every split named {BLIND_PREFIX}*"],
            "scoring": ("the whole title, with the inside of 《…》 emptied" if task == "clickbait_title" else
                        "the highest of the whole text and each sentence holding an engagement word"),
            "data_sha256_16": source,
            "hyperparameters": {"C": params.c, "min_count": params.min_count},
            "gate": g,
            "cross_validation": cv,
        },
        "requires_any": list(ENGAGEMENT) if task == "engagement_bait" else [],
        "mask_book_titles": task == "clickbait_title",
        "sentences": task == "engagement_bait" and SENTENCES,
        "min_n": 1,
        "max_n": params.max_n,
        "scaling": "sqrt",
        "bias": round(bias, 4),
        "weights": kept,
    }
    MODELS.mkdir(parents=True, exist_ok=True)
    path = MODELS / f"{task}.json"
    path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=False) + "\n", "utf-8")
    print(f"wrote {path.relative_to(ROOT)}: {len(kept)} n-grams, {path.stat().st_size / 1024:.0f} KB")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cv", action="store_true", help="cross-validate only; write nothing")
    parser.add_argument("--whole", action="store_true", help="bait model: score whole texts only (not each sentence too), for comparison")
    parser.add_argument("--task", choices=("clickbait_title", "engagement_bait", "both"), default="both")
    parser.add_argument("--errors", action="store_true", help="list the chosen gate's out-of-fold false alarms and misses")
    args = parser.parse_args()
    global SENTENCES, NEGATIVE_SENTENCES, SHOW_ERRORS
    SHOW_ERRORS = args.errors
    if args.whole:
        SENTENCES = NEGATIVE_SENTENCES = False
    cases = load_training_cases()
    print(f"{len(cases)} training cases (blind splits {BLIND_PREFIX}*, dropped unread)")
    for task in (("clickbait_title", "engagement_bait") if args.task == "both" else (args.task,)):
        params, g, summary = cross_validate(task, cases)
        if not args.cv:
            train_and_write(task, cases, params, g, summary)


if __name__ == "__main__":
    main()
