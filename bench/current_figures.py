"""The current figures of the text and title-vs-content rules on every labelled set, as Markdown tables.

    python bench/current_figures.py            # print the tables
    python bench/current_figures.py --write    # and put them into bench/RESULTS-text.md and RESULTS-content.md

Each table is the output of the same scoring the per-benchmark scripts print
(`bench/realistic_drafts.py`, `bench/text_accuracy.py --real-…`, `bench/mismatch_accuracy.py`), run
on every file and split of `bench/data/` at the commit checked out. `--write` replaces what stands
between the `<!-- current-figures:NAME:start -->` and `<!-- current-figures:NAME:end -->` markers of
the results files, so the tables there are never typed by hand; the commit they were measured at
is written above each. The scores a set got once, before any tuning on it, stay in the hand-written
tables beside them (they are history of the set, not a figure of today's code).
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

DATA = HERE / "data"
TEXT_RULES = ("RISK001", "RISK002", "RISK003", "CTA001", "CTA002")
MATCH_RULES = ("duration-claim", "count-claim", "topic-mismatch", "hype-gap")


def _pr(tp: int, fp: int, fn: int) -> str:
    if tp + fn == 0 and fp == 0:
        return "—"
    precision = f"{tp / (tp + fp):.2f}" if tp + fp else "—"
    recall = f"{tp / (tp + fn):.2f}" if tp + fn else "—"
    return f"{precision} / {recall}"


def _splits(path: Path) -> list[str | None]:
    """None (the whole file) for a file without splits, else each split in file order."""
    splits: list[str] = []
    for line in path.read_text("utf-8").splitlines():
        if line.strip():
            split = json.loads(line).get("split")
            if split and split not in splits:
                splits.append(split)
    return splits or [None]


def realistic_table() -> str:
    from realistic_drafts import score_drafts

    rows = ["| file, split (drafts, ordinary) | " + " | ".join(TEXT_RULES) + " | ordinary drafts alarmed (any / warn) |",
            "|---|" + "---|" * (len(TEXT_RULES) + 1)]
    for path in sorted(DATA.glob("realistic_drafts*.jsonl")):
        cases_all = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
        for split in _splits(path):
            cases = [c for c in cases_all if split is None or c.get("split") == split]
            scored = score_drafts(cases)
            cells = [_pr(t["tp"], t["fp"], t["fn"]) for t in (scored["tally"][code] for code in TEXT_RULES)]
            ordinary = scored["ordinary"] or 1
            alarmed = f"{scored['alarmed_any'] / ordinary:.1%} / {scored['alarmed_warn'] / ordinary:.1%}"
            name = f"`{path.stem}`" + (f", {split}" if split else "")
            rows.append(f"| {name} ({len(cases)}, {scored['ordinary']}) | " + " | ".join(cells) + f" | {alarmed} |")
    return "\n".join(rows)


def real_table() -> str:
    from text_accuracy import load_real, real_positives, score_real

    rows = ["| split (rows) | " + " | ".join(TEXT_RULES) + " |", "|---|" + "---|" * len(TEXT_RULES)]
    for split in ("real-tune", "real-test", "real-tune-2", "real-kept-apart-1", "real-kept-apart-2"):
        real = load_real(split)
        tallies = score_real(real, errors=False)
        positives = real_positives(real)
        cells = [f"{_pr(tallies[c].tp, tallies[c].fp, tallies[c].fn)} ({positives.get(c, tallies[c].tp + tallies[c].fn)})"
                 for c in TEXT_RULES]
        rows.append(f"| {split} ({len(real)}) | " + " | ".join(cells) + " |")
    return "\n".join(rows)


def mismatch_table() -> str:
    from mismatch_accuracy import evaluate, expected_rules, load_cases

    rows = ["| file, split (cases, mismatched) | warn level P / R | any level P / R | "
            + " | ".join(f"{r} (warn)" for r in MATCH_RULES) + " |",
            "|---|---|---|" + "---|" * len(MATCH_RULES)]
    for path in sorted(DATA.glob("mismatch_*.jsonl")):
        cases_all = load_cases(path)
        for split in _splits(path):
            cases = [c for c in cases_all if split is None or c.get("split") == split]
            warn, any_level = evaluate(cases, "warn"), evaluate(cases, "info")
            per_rule = [_pr(**warn["per_rule"][r]) for r in MATCH_RULES]
            mismatched = sum(1 for c in cases if expected_rules(c))
            name = f"`{path.stem}`" + (f", {split}" if split else "")
            w, a = warn["any"], any_level["any"]
            rows.append(f"| {name} ({len(cases)}, {mismatched}) | {_pr(w['tp'], w['fp'], w['fn'])} | "
                        f"{_pr(a['tp'], a['fp'], a['fn'])} | " + " | ".join(per_rule) + " |")
    return "\n".join(rows)


TABLES = {
    "realistic-drafts": ("RESULTS-text.md", realistic_table),
    "real-captions": ("RESULTS-text.md", real_table),
    "mismatch": ("RESULTS-content.md", mismatch_table),
}


def _commit() -> str:
    done = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=HERE, capture_output=True, text=True)
    dirty = subprocess.run(["git", "status", "--porcelain", "--", "prelint", "checks", "bench/data"], cwd=HERE.parent,
                           capture_output=True, text=True).stdout.strip()
    return (done.stdout.strip() or "unknown") + (" with uncommitted changes" if dirty else "")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--write", action="store_true", help="replace the marked tables in the results files")
    parser.add_argument("--only", choices=sorted(TABLES), help="one table")
    args = parser.parse_args()
    stamp = f"_Generated by `python bench/current_figures.py --write` at {_commit()}._"
    for name, (results, build) in TABLES.items():
        if args.only and name != args.only:
            continue
        table = build()
        print(f"## {name}\n\n{table}\n")
        if args.write:
            path = HERE / results
            text = path.read_text("utf-8")
            pattern = re.compile(rf"(<!-- current-figures:{name}:start -->\n).*?(<!-- current-figures:{name}:end -->)", re.S)
            if not pattern.search(text):
                raise SystemExit(f"{results} has no current-figures:{name} markers")
            path.write_text(pattern.sub(lambda m: f"{m.group(1)}{stamp}\n\n{table}\n{m.group(2)}", text), "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
