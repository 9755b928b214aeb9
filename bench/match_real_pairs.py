"""False alarms of the MATCH rules on real text: each real title judged against its own caption.

    python bench/match_real_pairs.py [--csv /work/shared/real/kuairec_captions_dev.csv] [--verbose]

Data: KuaiRec's real Kuaishou cover titles and captions (development half; see
bench/train_topic_model.py for the source and licence). Only rows with both a title and a caption
are used. Each title is judged as the rules judge a draft (`judge_draft`, default options) with its
caption as the content and no video length. A creator's caption is written about the same video as
its title, so a warn finding here is almost always a false alarm; captions are not subtitles, so
this measures false alarms on related text only, not recall.

Prints the number of pairs, the warn and info findings per rule, and with --verbose every warn
finding with its title, caption and message.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from prelint.checks.match.claims import JUDGES, judge_draft  # noqa: E402

DEFAULT_CSV = Path("/work/shared/real/kuairec_captions_dev.csv")


def load_pairs(path: Path) -> list[tuple[str, str, str]]:
    """(video_id, title, caption) for every row with both a title and a caption."""
    pairs = []
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            title, caption = (row.get("title") or "").strip(), (row.get("caption") or "").strip()
            if title and caption:
                pairs.append((row.get("video_id", "?"), title, caption))
    return pairs


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--csv", type=Path, default=DEFAULT_CSV)
    parser.add_argument("--verbose", action="store_true", help="print every warn finding with its title and caption")
    args = parser.parse_args()
    if not args.csv.exists():
        print(f"{args.csv} not found")
        return 1
    pairs = load_pairs(args.csv)
    started = time.perf_counter()
    warn: Counter[str] = Counter()
    info: Counter[str] = Counter()
    flagged = []
    for video_id, title, caption in pairs:
        for rule, mismatches in judge_draft(title, None, caption).items():
            for m in mismatches:
                (warn if m.level in ("warn", "error") else info)[rule] += 1
                if m.level in ("warn", "error"):
                    flagged.append((video_id, rule, title, caption, m.message))
    elapsed = time.perf_counter() - started
    total_warn = sum(warn.values())
    print(f"{args.csv.name}: {len(pairs)} title/caption pairs judged in {elapsed:.1f} s")
    print(f"warn findings: {total_warn} ({100 * total_warn / max(1, len(pairs)):.1f} %); "
          f"info findings: {sum(info.values())}")
    for rule in JUDGES:
        print(f"  {rule:16s} warn {warn[rule]:3d}  info {info[rule]:3d}")
    if args.verbose:
        for video_id, rule, title, caption, message in flagged:
            print(f"\n[{video_id}] {rule}\n  title:   {title}\n  caption: {caption[:160]}\n  {message}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
