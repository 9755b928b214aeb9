"""Accuracy and speed of the text rules (RISK001-003, CTA001-002): real captions first, then the written cases.

    python bench/text_accuracy.py            # real-tune figures, firing rates, written-case figures, speed
    python bench/text_accuracy.py --errors   # also list every wrong case (real-tune and written)
    python bench/text_accuracy.py --no-speed # accuracy only
    python bench/text_accuracy.py --no-written --no-speed   # the real-caption figures alone
    python bench/text_accuracy.py --split training --no-real --no-speed --errors   # written cases, blind splits left out

Real captions. bench/data/real_captions_random.jsonl (500, a random sample) and
bench/data/real_captions_enriched.jsonl (561, a keyword-enriched sample) hold real Kuaishou titles and
captions (KuaiRec, CC BY-SA 4.0), labelled by reviewers who never saw the rules' output; each row has
a split, "real-tune" or "real-test". Only real-tune is read by default; `--real-test` adds the
real-test figures (real-test was first scored once, kept apart, and is a tuning set since; with
`--errors` its wrong rows are listed too). `--real-tune-2` adds bench/data/real_captions_tune_2.jsonl
(scored once before any tuning on it, a tuning set since), `--real-kept-apart-1` and
`--real-kept-apart-2` add bench/data/real_captions_kept_apart_1.jsonl and _2.jsonl (never tuned on:
figures only, no per-row errors). A real row is scored as a draft
with its title and caption on Kuaishou (an empty title is no title, an empty caption a caption left
empty): RISK001 is expected iff `clickbait` is true (rows with `clickbait` null, no title, are not
scored for RISK001); RISK002 is scored on spans, each labelled claim (field + exact text) paired with
one finding of the same field whose span overlaps it; RISK003 iff `contact`; CTA002 iff `bait`; CTA001
(missing-cta) iff neither `invitation` nor `bait`. Where a rule has fewer than 10 labelled positives
the table says recall cannot be measured. Then the firing rate of each rule on every row of the
whole real caption file (shared/real/kuairec_captions_dev.csv, 4,867 rows, unlabelled): a rate far
above the labelled positive rate is itself a precision warning.

Written cases. Each case in bench/data/text_cases.jsonl is one draft with a single field (title or
caption), written by the project: `expected` lists the codes that should fire. `split` names the set
a case belongs to: the training and cross-validation folds fold-01…fold-20, the blind test splits
test-1 and test-2, and "train-extra" from bench/data/text_train_extra.jsonl (labelled for RISK001 and
CTA002 only). BLIND = test-1, test-2 (every split named test-*) are never trained or tuned on:
`--split training` leaves them out, `all`/`every` and naming one score them. CTA001 (missing-cta)
is scored on caption cases only (with just a title the rule skips by design). RISK002
(absolute-terms) is scored on exact spans (a predicted span equal to a labelled one is a true
positive); the line RISK002~ scores the same findings with overlapping spans paired as matches (the
labeller and the rule drew the claim's scope differently: 本地最好 / 最好).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
REAL = (HERE / "data" / "real_captions_random.jsonl", HERE / "data" / "real_captions_enriched.jsonl",
        HERE / "data" / "real_captions_tune_2.jsonl",  # split real-tune-2: scored once, a tuning set since
        HERE / "data" / "real_captions_kept_apart_1.jsonl",  # split real-kept-apart-1: never tuned on, figures only
        HERE / "data" / "real_captions_kept_apart_2.jsonl")  # split real-kept-apart-2: never tuned on, figures only
REAL_CSV = HERE.parent.parent / "shared" / "real" / "kuairec_captions_dev.csv"  # every real caption, unlabelled
CASES = HERE / "data" / "text_cases.jsonl"
EXTRA = HERE / "data" / "text_train_extra.jsonl"  # training-only cases for the n-gram models (split "train-extra")
RULES = ("RISK001", "RISK002", "RISK003", "CTA001", "CTA002")
#: RISK002 scored with overlapping spans as matches: labellers differ on how much scope a claim
#: takes (本地最好 or 最好), which exact-span scoring counts as a false alarm and a miss at once
OVERLAP = "RISK002~"
BLIND = ("test-1", "test-2")  # never trained on: `--split training` leaves them out (and any split named BLIND_PREFIX*)
BLIND_PREFIX = "test-"
DEFAULT_SPLIT = "fold-01"  # a case without a `split` counts in the first fold


def is_blind(split: str) -> bool:
    """test-1, test-2, … (and sub-splits such as test-1b): every split named test-* is blind, never
    trained or tuned on."""
    return split in BLIND or split.startswith(BLIND_PREFIX)


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


def load_cases(path: Path = CASES, extra: bool = False) -> list[dict]:
    """Cases of `path`; with extra=True also bench/data/text_train_extra.jsonl (labelled for RISK001
    and CTA002 only: its cases list the rules they are labelled for in `rules`)."""
    paths = [path] + ([EXTRA] if extra and EXTRA.exists() and path == CASES else [])
    cases = [json.loads(line) for p in paths for line in p.read_text("utf-8").splitlines() if line.strip()]
    for case in cases:
        case.setdefault("split", DEFAULT_SPLIT)
    return cases


def select_split(cases: list[dict], split: str) -> list[dict]:
    """One split by name, "all" (every split, blind ones included), or "training" (every split except
    the blind ones: every split named test-*)."""
    if split == "all":
        return list(cases)
    if split == "training":
        return [c for c in cases if not is_blind(c["split"])]
    return [c for c in cases if c["split"] == split]


def text_rules():
    from prelint.registry import load_rules

    rules = load_rules()
    return [rules[code] for code in RULES]


def lint_case(case: dict, rules, config) -> dict[str, list]:
    """Findings per code for one case."""
    from prelint.draft import Draft
    from prelint.engine import lint_draft

    draft = Draft(**{case["field"]: case["text"]})
    report = lint_draft(draft, config, rules)
    return {r.code: list(r.findings) for r in report.rules}


def score(cases: list[dict], model: bool = True) -> dict[str, Tally]:
    """Tallies per rule; model=False scores the lexicons alone (the n-gram models of RISK001 and CTA002 off)."""
    from prelint.config import Config

    config = Config() if model else Config(options={"clickbait-title": {"model": False}, "engagement-bait": {"model": False}})
    rules = text_rules()
    tallies = {code: Tally() for code in RULES}
    overlap = tallies.setdefault(OVERLAP, Tally())
    for case in cases:
        found = lint_case(case, rules, config)
        expected = set(case["expected"])
        for code in RULES:
            if code == "CTA001" and case["field"] != "caption":
                continue
            if code not in case.get("rules", RULES):  # train-extra cases are labelled for RISK001 and CTA002 only
                continue
            tally = tallies[code]
            if code == "RISK002":
                want = {(s, e) for s, e, _ in case["absolute_spans"]}
                got = {(f.start, f.end) for f in found[code]}
                tally.tp += len(want & got)
                for s, e in sorted(got - want):
                    tally.fp += 1
                    tally.errors.append(f"FP #{case['id']} {case['text']!r} flagged {case['text'][s:e]!r} [{s}:{e}]")
                for s, e in sorted(want - got):
                    tally.fn += 1
                    tally.errors.append(f"FN #{case['id']} {case['text']!r} missed {case['text'][s:e]!r} [{s}:{e}]")
                matched = _overlap_matches(sorted(want), sorted(got))
                overlap.tp += matched
                overlap.fp += len(got) - matched
                overlap.fn += len(want) - matched
                continue
            fired = bool(found[code])
            if fired and code in expected:
                tally.tp += 1
            elif fired:
                tally.fp += 1
                tally.errors.append(f"FP #{case['id']} {case['text']!r}: {found[code][0].message}")
            elif code in expected:
                tally.fn += 1
                tally.errors.append(f"FN #{case['id']} {case['text']!r}")
    return tallies


def _overlap_matches(want: list[tuple[int, int]], got: list[tuple[int, int]]) -> int:
    """Labelled and predicted spans paired one to one when they overlap (greedy, in text order):
    the claim was found, whatever either side counted as its scope (本地最好 vs 最好)."""
    used: set[int] = set()
    matched = 0
    for ws, we in want:
        for i, (gs, ge) in enumerate(got):
            if i not in used and gs < we and ws < ge:
                used.add(i)
                matched += 1
                break
    return matched


# ---------------------------------------------------------------- real captions


def load_real(split: str) -> list[dict]:
    """Labelled real Kuaishou captions of one split ("real-tune", "real-test", "real-tune-2",
    "real-kept-apart-1" or "real-kept-apart-2"): rows of the other splits are dropped as each line is
    read, never kept."""
    rows = []
    for path in REAL:
        if not path.exists():
            continue
        for line in path.read_text("utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                if row.get("split") == split:
                    rows.append(row)
    return rows


def real_draft(row: dict):
    """A real row as a draft: its title and caption on Kuaishou (an empty title is no title; an empty
    caption is a caption the creator left empty)."""
    from prelint.draft import Draft

    return Draft(title=(row.get("title") or None), caption=row.get("caption") or "", platform="kuaishou")


def real_expected(row: dict) -> dict[str, bool | None]:
    """What each rule should do on a real row (None: the row is not scored for that rule)."""
    clickbait = row.get("clickbait")
    return {
        "RISK001": None if clickbait is None else bool(clickbait),
        "RISK003": bool(row.get("contact")),
        "CTA001": not (row.get("invitation") or row.get("bait")),
        "CTA002": bool(row.get("bait")),
    }


def _row_text(row: dict) -> str:
    return f"title={row.get('title') or ''!r} caption={row.get('caption') or ''!r}"


def score_real(rows: list[dict], errors: bool = True) -> dict[str, Tally]:
    """Tallies per rule on labelled real rows. RISK001 iff clickbait (rows with clickbait null, i.e.
    no title, are not scored); RISK002 on spans, a labelled claim (field + exact text) and a predicted
    span of the same field paired when they overlap; RISK003 iff contact; CTA002 iff bait; CTA001
    (missing-cta) iff neither invitation nor bait."""
    from prelint.config import Config
    from prelint.engine import lint_draft

    config = Config()
    rules = text_rules()
    tallies = {code: Tally() for code in RULES}
    for row in rows:
        draft = real_draft(row)
        found = {r.code: list(r.findings) for r in lint_draft(draft, config, rules).rules}
        expected = real_expected(row)
        where = f"#{row['video_id']} {_row_text(row)}"
        for code in RULES:
            tally = tallies[code]
            if code == "RISK002":
                texts = {"title": row.get("title") or "", "caption": row.get("caption") or ""}
                want = []
                for claim in row.get("absolute_claims") or []:
                    at = texts.get(claim["field"], "").find(claim["text"])
                    want.append((claim["field"], at, at + len(claim["text"])) if at >= 0 else (claim["field"], -1, -1))
                got = [(f.field, f.start, f.end) for f in found[code] if f.start is not None]
                used: set[int] = set()
                for wf, ws, we in want:
                    hit = next((i for i, (gf, gs, ge) in enumerate(got)
                                if i not in used and gf == wf and gs < we and ws < ge), None)
                    if hit is None:
                        tally.fn += 1
                        if errors:
                            tally.errors.append(f"FN {where} missed {texts[wf][ws:we]!r} ({wf})")
                    else:
                        used.add(hit)
                        tally.tp += 1
                for i, (gf, gs, ge) in enumerate(got):
                    if i not in used:
                        tally.fp += 1
                        if errors:
                            tally.errors.append(f"FP {where} flagged {texts.get(gf, '')[gs:ge]!r} ({gf})")
                continue
            want_it = expected[code]
            if want_it is None:
                continue
            fired = bool(found[code])
            if fired and want_it:
                tally.tp += 1
            elif fired:
                tally.fp += 1
                if errors:
                    tally.errors.append(f"FP {where}: {found[code][0].message}")
            elif want_it:
                tally.fn += 1
                if errors:
                    tally.errors.append(f"FN {where}")
    return tallies


def real_positives(rows: list[dict]) -> dict[str, int]:
    """Labelled positives per rule (how far recall can be trusted)."""
    counts = {code: 0 for code in RULES}
    for row in rows:
        expected = real_expected(row)
        for code in ("RISK001", "RISK003", "CTA001", "CTA002"):
            counts[code] += bool(expected[code])
        counts["RISK002"] += len(row.get("absolute_claims") or [])
    return counts


def firing_rates(path: Path = REAL_CSV) -> tuple[int, dict[str, int]]:
    """How many rows of the whole real caption file (unlabelled) each rule fires on."""
    import csv

    from prelint.config import Config
    from prelint.engine import lint_draft

    config = Config()
    rules = text_rules()
    fired = {code: 0 for code in RULES}
    total = 0
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            total += 1
            report = lint_draft(real_draft(row), config, rules)
            for result in report.rules:
                if result.findings:
                    fired[result.code] += 1
    return total, fired


def print_real(split: str, show_errors: bool) -> None:
    rows = load_real(split)
    if not rows:
        print(f"[{split}: no rows in {', '.join(p.name for p in REAL)}]")
        return
    tallies = score_real(rows, errors=show_errors)
    positives = real_positives(rows)
    print(f"[{split}: {len(rows)} labelled real Kuaishou captions (title + caption), {', '.join(p.name for p in REAL)}]")
    print(f"{'rule':<8} {'precision':>9} {'recall':>7} {'tp':>4} {'fp':>4} {'fn':>4} {'positives':>9}")
    for code in RULES:
        t = tallies[code]
        note = "  (too few positives to measure recall)" if positives[code] < 10 else ""
        print(f"{code:<8} {t.precision:>9.3f} {t.recall:>7.3f} {t.tp:>4} {t.fp:>4} {t.fn:>4} {positives[code]:>9}{note}")
    if show_errors:
        for code in RULES:
            for line in tallies[code].errors:
                print(f"  {code} {line}")


def throughput(cases: list[dict], select: tuple[str, ...] | None, seconds: float = 3.0) -> tuple[float, float]:
    """Warm title+caption lints per second in this process (rules and lexicons already loaded):
    (by wall time, by this process's CPU time). On a shared machine the CPU figure is the stable one."""
    from prelint.config import Config
    from prelint.draft import Draft
    from prelint.engine import lint_draft, selected_rules

    config = Config() if select is None else Config(select=select)
    rules = selected_rules(config)
    titles = [c["text"] for c in cases if c["field"] == "title"]
    captions = [c["text"] for c in cases if c["field"] == "caption"]
    drafts = [Draft(title=titles[i % len(titles)], caption=captions[i % len(captions)]) for i in range(len(cases))]
    for draft in drafts[:20]:
        lint_draft(draft, config, rules)  # warm up
    done, start, cpu_start = 0, time.perf_counter(), time.process_time()
    while time.perf_counter() - start < seconds:
        for draft in drafts:
            lint_draft(draft, config, rules)
        done += len(drafts)
    return done / (time.perf_counter() - start), done / (time.process_time() - cpu_start)


def cold_start(runs: int = 7, extra: tuple[str, ...] = ()) -> tuple[float, float]:
    """Median (wall, CPU user+sys) seconds of a fresh `prelint --title ...` process."""
    import resource
    import shutil

    walls, cpus = [], []
    prelint = shutil.which("prelint")
    command = [prelint] if prelint else [sys.executable, "-m", "prelint.cli"]
    command += ["--title", "震惊！99%的人都不知道的全网最低价", *extra]
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(command, capture_output=True, check=False)
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append((after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime))
    return statistics.median(walls), statistics.median(cpus)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--errors", action="store_true", help="list every wrong case")
    parser.add_argument("--no-speed", action="store_true", help="skip throughput and cold-start timing")
    parser.add_argument("--cases", type=Path, default=CASES)
    parser.add_argument("--split", default="every",
                        help="a split present in the data (fold-01…fold-20, test-1, test-2, train-extra), "
                        "'training' (every split but the blind ones, test-*), 'all' (blind included), or "
                        "'every' (each split in turn, blind ones too, then all)")
    parser.add_argument("--no-extra", action="store_true", help="leave out bench/data/text_train_extra.jsonl")
    parser.add_argument("--no-model", action="store_true", help="lexicons alone: the trained n-gram models of RISK001 and CTA002 off")
    parser.add_argument("--real-test", action="store_true",
                        help="also score the real-test rows (a tuning set too now; with --errors its wrong rows are listed)")
    parser.add_argument("--real-tune-2", action="store_true",
                        help="also score the real-tune-2 rows (bench/data/real_captions_tune_2.jsonl: 526 real captions, "
                        "scored once before any tuning on them; with --errors its wrong rows are listed)")
    parser.add_argument("--real-kept-apart-1", action="store_true",
                        help="also score the real-kept-apart-1 rows (bench/data/real_captions_kept_apart_1.jsonl: 600 real captions "
                        "kept apart from all tuning; figures only, never per-row errors)")
    parser.add_argument("--real-kept-apart-2", action="store_true",
                        help="also score the real-kept-apart-2 rows (bench/data/real_captions_kept_apart_2.jsonl: 500 more real "
                        "captions kept apart from all tuning; figures only, never per-row errors)")
    parser.add_argument("--no-real", action="store_true", help="skip the real-caption figures")
    parser.add_argument("--no-written", action="store_true", help="skip the written-case figures")
    parser.add_argument("--real-csv", type=Path, default=REAL_CSV,
                        help="the whole real caption file (unlabelled) whose firing rates are printed")
    args = parser.parse_args()
    if not args.no_real:
        print("== Real Kuaishou captions (labelled by reviewers who never saw the rules' output)")
        print_real("real-tune", args.errors)
        if args.real_test:
            print()
            print_real("real-test", args.errors)
        if args.real_tune_2:
            print()
            print_real("real-tune-2", args.errors)
        if args.real_kept_apart_1:
            print()
            print_real("real-kept-apart-1", False)
        if args.real_kept_apart_2:
            print()
            print_real("real-kept-apart-2", False)
        if args.real_csv.exists():
            total, fired = firing_rates(args.real_csv)
            print(f"\n[firing rate on every row of {args.real_csv.name}: {total} real captions, unlabelled]")
            for code in RULES:
                print(f"{code:<8} fires on {fired[code]:>5} ({fired[code] / max(total, 1):6.1%})")
        else:
            print(f"\n({args.real_csv} not found: no firing rates)")
        print("\n== Written cases (bench/data/text_cases.jsonl, written by the project)")
    if args.no_written:
        args.split = None
    cases = load_cases(args.cases, extra=not args.no_extra)
    if args.split is None:
        if not args.no_speed:
            speed(cases)
        return
    names = list(dict.fromkeys(c["split"] for c in cases))
    if args.split not in names + ["every", "all", "training"]:
        parser.error(f"--split {args.split!r}: not in the data (splits: {', '.join(names)}, training, all, every)")
    english = sum(1 for c in cases if c.get("lang") == "en")
    print(f"{len(cases)} cases ({english} English) from {args.cases}" + ("" if args.no_extra else " and train-extra"))
    chosen_splits = names + ["all"] if args.split == "every" else [args.split]
    for split in chosen_splits:
        chosen = select_split(cases, split)
        if not chosen:
            continue
        tallies = score(chosen, model=not args.no_model)
        print(f"\n[{split}: {len(chosen)} cases]" + (" (lexicons alone, models off)" if args.no_model else ""))
        print(f"{'rule':<8} {'precision':>9} {'recall':>7} {'tp':>4} {'fp':>4} {'fn':>4}")
        for code, t in tallies.items():
            print(f"{code:<8} {t.precision:>9.3f} {t.recall:>7.3f} {t.tp:>4} {t.fp:>4} {t.fn:>4}")
        if args.errors and (split != "all" or args.split == "all"):
            for code, t in tallies.items():
                for line in t.errors:
                    print(f"  {code} {line}")
    if not args.no_speed:
        speed(cases)


def speed(cases: list[dict]) -> None:
    import os

    print(f"\nload average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs (wall figures suffer when it is high)")
    for label, select in (("RISK+CTA rules", ("RISK", "CTA")), ("all rules", None)):
        wall, cpu = throughput(cases, select)
        print(f"warm title+caption lints/s, {label:<14}: {wall:6.0f} by wall time, {cpu:6.0f} by CPU time")
    for label, extra in (("all rules", ()), ("--select RISK,CTA", ("--select", "RISK,CTA"))):
        wall, cpu = cold_start(extra=extra)
        print(f"cold `prelint --title ...` {label:<17}: {wall:.3f} s wall, {cpu:.3f} s CPU (median of 7)")


if __name__ == "__main__":
    main()
