"""Accuracy of RISK004 other-platform-watermark: real captions first, then the written cases.

    python bench/watermark_accuracy.py            # both sets
    python bench/watermark_accuracy.py --errors   # also list every wrong case

Real captions. bench/data/watermark_real_captions.jsonl holds the 1,893 real Kuaishou titles and
captions (KuaiRec, CC BY-SA 4.0; the development half, even video_ids) that name a platform or an
editor (快手, 抖音, 快影, …), hold an @mention, an "id"/"号：" or dy/ks. Each is scored twice:
on Kuaishou, where it was posted (nothing expected: a platform named as a topic, #用快影上热门,
Kuaishou's own @name(O…) mentions), and as if reposted to Douyin (a Kuaishou account id expected
where the caption holds one: Kuaishou writes @mentions with the user's number, @name(O40300138),
and one caption writes "ks: @name"). The data holds no other platform's id or watermark text, so
recall of the Douyin, Xiaohongshu, TikTok … marks and of end cards cannot be measured on it; the
Douyin figure's labels follow the same @name(O…) shape the rule reads, so its recall says little
and its precision (what fires on a caption without a Kuaishou id) is the informative part. Then the
firing rate on every caption of the development half (4,867, unlabelled), when that file is present.

Written cases. bench/data/watermark_cases.jsonl: drafts written for this rule (after it, by its
author: not blind) with OCR lines (start_s, end_s, text[, confidence]), title/caption/hashtags,
platform, duration and the expected marks (mark, kind, field, start_s, end_s); hard negatives
(platform names as topics, a platform's own marks on itself, a game's UID, OCR lookalikes, editor
text early in a tutorial). A finding is correct when an expected mark of the same mark and field
is not yet paired with one and, on screen, its time span overlaps the expected one.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from prelint.config import Config
from prelint.content.model import ContentText, TextSpan
from prelint.context import Facts
from prelint.draft import Draft
from prelint.engine import run_rule
from prelint.registry import load_rules

DATA = Path(__file__).resolve().parent / "data"
CODE = "RISK004"
# the whole development half, unlabelled: a firing rate far above the labelled set's is a precision warning
ALL_CAPTIONS = Path("/work/shared/real/kuairec_captions_dev.csv")


def _rows(name: str) -> list[dict]:
    with open(DATA / name, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def lint_case(rule, case: dict, platform: str | None = None) -> list:  # type: ignore[no-untyped-def]
    """RISK004's findings on one case; its `screen` lines stand in for what OCR read."""
    screen = case.get("screen") or []
    draft = Draft(video=Path("draft.mp4") if screen else None, title=case.get("title"), caption=case.get("caption"),
                  hashtags=tuple(case.get("hashtags") or ()))
    config = Config()
    facts = Facts(draft=draft, config=config)
    if screen:
        spans = tuple(TextSpan(float(s[0]), float(s[1]), s[2], "screen", confidence=s[3] if len(s) > 3 else 0.95) for s in screen)
        facts._values["content"] = ("ok", ContentText(screen=spans, ocr_ran=True))
        if case.get("duration_s"):
            facts._values["probe"] = ("ok", type("Probe", (), {"duration_s": float(case["duration_s"])})())
    return list(run_rule(rule, facts, config, platform or case["platform"]).findings)


def _overlaps(finding, expected: dict) -> bool:  # type: ignore[no-untyped-def]
    if expected.get("start_s") is None or finding.start_s is None:
        return expected.get("start_s") is None and finding.start_s is None
    return finding.start_s <= expected["end_s"] and finding.end_s >= expected["start_s"]


def score(findings: list, expected: list[dict]) -> tuple[int, int, int]:  # type: ignore[type-arg]
    """(true positives, false positives, false negatives) of one case."""
    left = list(expected)
    tp = 0
    for f in findings:
        match = next((e for e in left if e["mark"] == f.evidence["mark"] and e["field"] == f.field and _overlaps(f, e)), None)
        if match is not None:
            left.remove(match)
            tp += 1
    return tp, len(findings) - tp, len(left)


def _line(label: str, tp: int, fp: int, fn: int, n: int) -> str:
    precision = f"{tp / (tp + fp):.3f}" if tp + fp else "n/a"
    recall = f"{tp / (tp + fn):.3f}" if tp + fn else "n/a (no positives)"
    return f"{label:<44} n={n:<5} findings={tp + fp:<4} TP={tp:<4} FP={fp:<3} FN={fn:<3} precision={precision}  recall={recall}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", action="store_true", help="list every wrong case")
    args = parser.parse_args()
    rule = load_rules()[CODE]

    print("Real Kuaishou captions (bench/data/watermark_real_captions.jsonl, KuaiRec dev half)")
    real = _rows("watermark_real_captions.jsonl")
    for platform in ("kuaishou", "douyin"):
        totals = [0, 0, 0]
        errors = []
        for row in real:
            findings = lint_case(rule, {**row, "platform": platform})
            # a real row is judged per draft: the marks expected against the marks found in any text field
            found_marks = {f.evidence["mark"] for f in findings}
            want = set(row["expected"][platform])
            tp, fp, fn = len(found_marks & want), len(found_marks - want), len(want - found_marks)
            for i, value in enumerate((tp, fp, fn)):
                totals[i] += value
            if fp or fn:
                errors.append((row["video_id"], sorted(want), sorted(found_marks), (row.get("title") or "") + " | " + (row.get("caption") or "")))
        where = "as posted, on Kuaishou" if platform == "kuaishou" else "as if reposted to Douyin"
        print(_line(f"  {where}", *totals, len(real)))
        if args.errors:
            for video_id, want, got, text in errors:
                print(f"    video {video_id}: expected {want} got {got}: {text[:120]}")

    if ALL_CAPTIONS.is_file():
        import csv

        with open(ALL_CAPTIONS, encoding="utf-8") as f:
            every = [{"title": r["title"] or None, "caption": r["caption"] or None} for r in csv.DictReader(f)]
        for platform in ("kuaishou", "douyin"):
            fired = sum(1 for row in every if lint_case(rule, {**row, "platform": platform}))
            print(f"  firing rate on every caption of {ALL_CAPTIONS.name} ({len(every)}, unlabelled) on {platform}: "
                  f"{fired} ({fired / len(every):.1%})")

    print("\nWritten cases (bench/data/watermark_cases.jsonl, written for this rule, not blind)")
    cases = _rows("watermark_cases.jsonl")
    totals = [0, 0, 0]
    groups: dict[str, list[int]] = {}
    errors = []
    for case in cases:
        findings = lint_case(rule, case)
        tp, fp, fn = score(findings, case["expected"])
        group = "positives" if case["expected"] else "negatives"
        bucket = groups.setdefault(group, [0, 0, 0, 0])
        for i, value in enumerate((tp, fp, fn)):
            totals[i] += value
            bucket[i] += value
        bucket[3] += 1
        if fp or fn:
            got = [(f.evidence["mark"], f.field, f.start_s, f.end_s) for f in findings]
            want = [(e["mark"], e["field"], e.get("start_s"), e.get("end_s")) for e in case["expected"]]
            errors.append((case["id"], want, got, case.get("note", "")))
    print(_line("  all", *totals, len(cases)))
    for group, (tp, fp, fn, n) in sorted(groups.items()):
        print(_line(f"  {group}", tp, fp, fn, n))
    if args.errors:
        for cid, want, got, note in errors:
            print(f"    {cid}: expected {want} got {got} ({note})")


if __name__ == "__main__":
    main()
