"""Precision and recall of the MATCH rules on a labelled set of title / duration / content cases.

    python bench/mismatch_accuracy.py [--cases bench/data/mismatch_cases.jsonl] [--verbose]

Each case lists the rules expected to fire; `split` says how it was used: "tune" (the rules were
developed on it), "holdout" (written after tuning; its first score was recorded, then its misses
were fixed, so it is no longer held out) and "fresh" (written last, never tuned on).  (empty = a true negative). "Any rule" counts a case as
flagged when any of the four rules fires; per-rule figures count (case, rule) pairs. The rules'
pure judge functions are called with their default options: no video needed.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from prelint.checks.match.claims import JUDGES  # noqa: E402

DEFAULT_CASES = Path(__file__).with_name("data") / "mismatch_cases.jsonl"


def load_cases(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def ratio(numerator: int, denominator: int) -> float:
    return numerator / denominator if denominator else float("nan")


def evaluate(cases: list[dict]) -> dict:
    per_rule = {name: {"tp": 0, "fp": 0, "fn": 0} for name in JUDGES}
    any_rule = {"tp": 0, "fp": 0, "fn": 0, "tn": 0}
    errors = []
    for case in cases:
        fired = {name for name, judge in JUDGES.items() if judge(case["title"], case["duration_s"], case["content"])}
        expected = set(case["expected"])
        for name in JUDGES:
            if name in fired and name in expected:
                per_rule[name]["tp"] += 1
            elif name in fired:
                per_rule[name]["fp"] += 1
            elif name in expected:
                per_rule[name]["fn"] += 1
        if fired and expected:
            any_rule["tp"] += 1
        elif fired:
            any_rule["fp"] += 1
        elif expected:
            any_rule["fn"] += 1
        else:
            any_rule["tn"] += 1
        if fired != expected:
            errors.append((case["id"], case["title"], sorted(expected), sorted(fired)))
    return {"per_rule": per_rule, "any": any_rule, "errors": errors}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cases", type=Path, default=DEFAULT_CASES)
    parser.add_argument("--verbose", action="store_true", help="list every case the rules got wrong")
    parser.add_argument("--split", choices=("all", "tune", "holdout", "fresh"), default="all",
                        help="'tune': developed on; 'holdout': written after tuning, then its misses were fixed; "
                             "'fresh': written last and never tuned on (the honest figure)")
    args = parser.parse_args()
    cases = [c for c in load_cases(args.cases) if args.split == "all" or c.get("split", "tune") == args.split]
    print(f"split: {args.split}")
    started = time.perf_counter()
    result = evaluate(cases)
    elapsed = time.perf_counter() - started
    positives = sum(1 for c in cases if c["expected"])
    print(f"{len(cases)} cases ({positives} mismatched, {len(cases) - positives} true negatives), {elapsed:.1f} s")
    a = result["any"]
    print(f"any rule: precision {ratio(a['tp'], a['tp'] + a['fp']):.3f}  recall {ratio(a['tp'], a['tp'] + a['fn']):.3f}  "
          f"(tp {a['tp']}, fp {a['fp']}, fn {a['fn']}, tn {a['tn']})")
    for name, r in result["per_rule"].items():
        print(f"{name:15s} precision {ratio(r['tp'], r['tp'] + r['fp']):.3f}  recall {ratio(r['tp'], r['tp'] + r['fn']):.3f}  "
              f"(tp {r['tp']}, fp {r['fp']}, fn {r['fn']})")
    if args.verbose:
        for case_id, title, expected, fired in result["errors"]:
            print(f"  {case_id} {title!r}: expected {expected or '-'}, fired {fired or '-'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
