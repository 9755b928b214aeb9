"""Precision and recall of the MATCH rules on a labelled set of title / duration / content cases.

    python bench/mismatch_accuracy.py [--cases bench/data/mismatch_cases.jsonl] [--split NAME] [--verbose]

Each case is one JSON object per line: `title`, `content` (what the video says: subtitles or a
transcript), optional `onscreen` (text shown on screen, a string or a list of lines), optional
`duration_s` (video length; absent or null = unknown) and `expected`, the rules expected to fire
(names such as "topic-mismatch" or codes such as "MATCH003"; empty = a true negative). `split`
says what a case is for: "tune" (the rules are developed on it), "check" (scored once before any
tuning on it; its misses were fixed since, so it is a tuning set too), "test" (never tuned on: it
measures the rules) and "examples" (the error kinds reported against the rules, with ordinary
drafts beside them). The sets written apart (bench/data/README.md): mismatch_tune_1.jsonl …
mismatch_tune_5.jsonl, each scored once before any tuning on it and a tuning set since (splits
"tune", or "half-1" / "half-2" where one half was tuned on before the other was scored), and
mismatch_kept_apart.jsonl, "tune" (tuned on) and "kept-apart" (never tuned on).

Figures are given twice, per split and for all cases together:
- warn level: a case counts as flagged when a finding of level warn or error fires (what fails a
  run with the default `fail-on = "warn"`); hype-gap counts only when it escalates to warn;
- any level: info findings count too.
"Any rule" counts a case as flagged when any of the four rules fires; per-rule figures count
(case, rule) pairs. Cases are judged exactly as the rules judge a draft (prelint.checks.match.claims.
judge_draft, default options): subtitles and on-screen text as two sources; no video is needed.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from prelint.checks.match.claims import JUDGES, RULE_CODES, judge_draft  # noqa: E402

DEFAULT_CASES = Path(__file__).with_name("data") / "mismatch_cases.jsonl"
LEVEL_RANK = {"info": 1, "warn": 2, "error": 3}
NAME_OF = {code.lower(): name for name, code in RULE_CODES.items()}


def load_cases(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def ratio(numerator: int, denominator: int) -> float:
    return numerator / denominator if denominator else float("nan")


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return "\n".join(str(v) for v in value if v is not None)
    return str(value)


def expected_rules(case: dict) -> set[str]:
    raw = case.get("expected", case.get("labels", case.get("rules", []))) or []
    if isinstance(raw, str):
        raw = [raw]
    return {NAME_OF.get(str(r).strip().lower(), str(r).strip()) for r in raw if str(r).strip()}


def fired_rules(case: dict) -> dict[str, str]:
    """Rule name -> the highest level it fired at on this case."""
    duration = case.get("duration_s")
    found = judge_draft(case.get("title") or "", float(duration) if duration is not None else None,
                        _text(case.get("content", case.get("subtitles"))), _text(case.get("onscreen")))
    out: dict[str, str] = {}
    for name, mismatches in found.items():
        for m in mismatches:
            if name not in out or LEVEL_RANK[m.level] > LEVEL_RANK[out[name]]:
                out[name] = m.level
    return out


def evaluate(cases: list[dict], min_level: str = "info") -> dict:
    """Counts at one level: a rule counts as fired when it fired at min_level or above."""
    per_rule = {name: {"tp": 0, "fp": 0, "fn": 0} for name in JUDGES}
    any_rule = {"tp": 0, "fp": 0, "fn": 0, "tn": 0}
    errors = []
    for case in cases:
        levels = case.get("_fired")
        if levels is None:
            levels = case["_fired"] = fired_rules(case)
        fired = {name for name, level in levels.items() if LEVEL_RANK[level] >= LEVEL_RANK[min_level]}
        expected = expected_rules(case)
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
            errors.append((case.get("id", "?"), case.get("title", ""), sorted(expected),
                           sorted(f"{n}:{levels[n]}" for n in levels)))
    return {"per_rule": per_rule, "any": any_rule, "errors": errors}


def _line(label: str, counts: dict) -> str:
    p = ratio(counts["tp"], counts["tp"] + counts["fp"])
    r = ratio(counts["tp"], counts["tp"] + counts["fn"])
    rest = f", tn {counts['tn']}" if "tn" in counts else ""
    return f"{label:20s} precision {p:.3f}  recall {r:.3f}  (tp {counts['tp']}, fp {counts['fp']}, fn {counts['fn']}{rest})"


def report(name: str, cases: list[dict], per_rule: bool, verbose: bool) -> None:
    positives = sum(1 for c in cases if expected_rules(c))
    print(f"== split {name}: {len(cases)} cases ({positives} mismatched, {len(cases) - positives} true negatives)")
    for level, label in (("warn", "warn level"), ("info", "any level")):
        result = evaluate(cases, level)
        print(_line(f"  {label}", result["any"]))
        if per_rule:
            for rule, counts in result["per_rule"].items():
                if counts["tp"] + counts["fp"] + counts["fn"]:
                    print(_line(f"    {rule}", counts))
        if verbose and level == "warn":
            for case_id, title, expected, fired in result["errors"]:
                print(f"      {case_id} {title!r}: expected {expected or '-'}, fired {fired or '-'}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", type=Path, default=DEFAULT_CASES)
    parser.add_argument("--verbose", action="store_true", help="list every case the rules got wrong (warn level; fired rules with their level)")
    parser.add_argument("--split", default="all", help="one split (tune, check, test, examples, ...) or 'all' (default: every split, then all together)")
    parser.add_argument("--per-rule", action="store_true", help="per-rule figures under each split")
    args = parser.parse_args()
    cases = load_cases(args.cases)
    started = time.perf_counter()
    for case in cases:
        case["_fired"] = fired_rules(case)
    elapsed = time.perf_counter() - started
    print(f"{args.cases}: {len(cases)} cases judged in {elapsed:.1f} s")
    splits = list(dict.fromkeys(c.get("split", "-") for c in cases))
    if args.split != "all":
        splits = [args.split]
    else:
        for split in splits:
            report(split, [c for c in cases if c.get("split", "-") == split], args.per_rule, args.verbose)
        report("all", cases, True, False)
        return 0
    for split in splits:
        report(split, [c for c in cases if c.get("split", "-") == split], True, args.verbose)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
