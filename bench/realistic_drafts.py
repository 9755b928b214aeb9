"""The text rules on realistic drafts: how often an ordinary draft gets a false alarm, and P/R per rule.

    python bench/realistic_drafts.py [--cases bench/data/realistic_drafts.jsonl] [--errors]   # --errors: each wrong draft with its text

bench/data/realistic_drafts.jsonl holds 300 drafts (title + caption, about a quarter in English)
written without reading the rules: 200 ordinary drafts (two thirds with a plain invitation to like,
comment, follow, save or share; expected [] or ["CTA001"] when there is no invitation at all) and
100 with one or two problems (RISK001 clickbait title, RISK002 advertising claims with their exact
text, RISK003 off-platform contact, CTA002 engagement bait, CTA001 no invitation). A draft without
a title is linted as a TikTok draft (caption only), the others as Douyin drafts.

Printed: per rule precision/recall over drafts (RISK002: a finding counts when its span overlaps a
labelled claim), and the share of ordinary drafts that get any finding they should not (any level,
and warn or error only).
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
CASES = HERE / "data" / "realistic_drafts.jsonl"
RULES = ("RISK001", "RISK002", "RISK003", "CTA001", "CTA002")


def claim_spans(case: dict) -> list[tuple[str, int, int]]:
    """Each labelled claim as (field, start, end): a claim is its exact text, or {"field", "text"}."""
    spans = []
    for claim in case.get("absolute_claims", []):
        fields = ("title", "caption")
        if isinstance(claim, dict):
            fields, claim = (claim["field"],), claim["text"]
        for field in fields:
            start = (case.get(field) or "").find(claim)
            if start >= 0:
                spans.append((field, start, start + len(claim)))
                break
    return spans


def score_drafts(cases: list[dict]) -> dict:
    """Counts per rule (tp/fp/fn), ordinary drafts and those alarmed at any level and at warn, alarms by
    rule and one line per wrong draft."""
    from prelint.config import Config
    from prelint.draft import Draft
    from prelint.engine import lint_draft
    from prelint.registry import load_rules

    loaded = load_rules()
    rules = [loaded[c] for c in RULES]
    config = Config()
    tally = {code: Counter() for code in RULES}
    ordinary = alarmed_any = alarmed_warn = 0
    alarms_by_rule: Counter = Counter()
    errors: list[str] = []
    for case in cases:
        draft = Draft(title=case["title"] or None, caption=case["caption"] or None,
                      platform="douyin" if case["title"] else "tiktok")
        report = lint_draft(draft, config, rules)
        found = {r.code: list(r.findings) for r in report.rules}
        expected = set(case["expected"])
        wrong_any = wrong_warn = False
        for code in RULES:
            findings = found.get(code, [])
            if code == "RISK002":
                want = claim_spans(case)
                hit = [f for f in findings if any(f.field == fl and f.start < e and s < f.end for fl, s, e in want)]
                false = [f for f in findings if f not in hit]
                got_claims = sum(any(f.field == fl and f.start < e and s < f.end for f in findings) for fl, s, e in want)
                tally[code]["tp"] += got_claims
                tally[code]["fn"] += len(want) - got_claims
                tally[code]["fp"] += len(false)
            else:
                false = findings if code not in expected else []
                if code in expected:
                    tally[code]["tp" if findings else "fn"] += 1
                elif findings:
                    tally[code]["fp"] += 1
            if false:
                wrong_any = True
                wrong_warn |= any(f.level.value in ("warn", "error") for f in false)
                if case["kind"] == "ordinary":
                    alarms_by_rule[code] += 1
            if (code in expected and not findings) or false:
                claims = case.get("absolute_claims", []) if code == "RISK002" else []
                errors.append(f"{case['id']} {code} expected={code in expected} got="
                              + "; ".join(f"{f.level.value} {f.message[:90]}" for f in findings)
                              + f"\n    title={case['title']!r} caption={case['caption']!r}"
                              + (f" claims={claims!r}" if claims else ""))
        if case["kind"] == "ordinary":
            ordinary += 1
            alarmed_any += wrong_any
            alarmed_warn += wrong_warn
    return {"tally": tally, "ordinary": ordinary, "alarmed_any": alarmed_any, "alarmed_warn": alarmed_warn,
            "alarms_by_rule": alarms_by_rule, "errors": errors}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", type=Path, default=CASES)
    parser.add_argument("--errors", action="store_true", help="list every wrong draft")
    parser.add_argument("--split", help="only the drafts of this split (realistic_drafts_tune_2.jsonl: half-1, half-2; "
                        "realistic_drafts_kept_apart.jsonl: tune, kept-apart)")
    args = parser.parse_args()

    cases = [json.loads(line) for line in args.cases.read_text("utf-8").splitlines() if line.strip()]
    if args.split:
        cases = [case for case in cases if case.get("split") == args.split]
    scored = score_drafts(cases)
    tally, ordinary, alarmed_any, alarmed_warn = scored["tally"], scored["ordinary"], scored["alarmed_any"], scored["alarmed_warn"]
    alarms_by_rule, errors = scored["alarms_by_rule"], scored["errors"]
    print(f"{len(cases)} realistic drafts ({ordinary} ordinary), {args.cases.name}" + (f", split {args.split}" if args.split else ""))
    for code in RULES:
        t = tally[code]
        p = t["tp"] / (t["tp"] + t["fp"]) if t["tp"] + t["fp"] else float("nan")
        r = t["tp"] / (t["tp"] + t["fn"]) if t["tp"] + t["fn"] else float("nan")
        print(f"  {code}  precision {p:.2f}  recall {r:.2f}  (tp {t['tp']}, fp {t['fp']}, fn {t['fn']})")
    print(f"ordinary drafts with a text false alarm: {alarmed_any}/{ordinary} = {alarmed_any / ordinary:.1%} any level, "
          f"{alarmed_warn}/{ordinary} = {alarmed_warn / ordinary:.1%} warn or error; by rule: {dict(alarms_by_rule)}")
    if args.errors:
        print("\n".join(errors))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
