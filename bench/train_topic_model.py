"""Train the topic-category model of topic-mismatch (MATCH003): text → the platform's content category.

    python bench/train_topic_model.py --cv   # 5-fold cross-validation on the training rows, no file written
    python bench/train_topic_model.py        # cross-validate, then train on every row and write
                                             # prelint/data/models/topic_category.json

Data: /work/shared/real/kuairec_captions_dev.csv (or --csv PATH): real Kuaishou videos' cover
titles and captions with the platform's first-level category (KuaiRec, Gao et al., CIKM 2022,
CC BY-SA 4.0; the model file is derived data under the same licence). Each row's title and
caption are one training text.

Categories: KuaiRec's first-level categories, merged into topics a title can promise (运动健身 =
健身 + 运动, 教育读书 = 教育 + 读书, 娱乐 = 明星娱乐 + 影视综, 资讯 = 民生资讯 + 时政资讯 + 科学与法律 + 人文)
and one catch-all "其他" for categories that say who or what mood rather than what about (颜值,
自拍, 情感, 生活, 喜剧, 短剧, 艺术, 星座命理, 奇人异象, UNKNOWN, 其他). The rule never
reads "其他" as a topic.

Text: NFKC, lower case, digits → 0; platform boilerplate removed (@mentions, hashtags about the
platform itself: 上热门, 作品推广, 快手创作者…). Features: character 1- and 2-grams of CJK runs and
whole Latin words, each counted once per text (Bernoulli-style presence in a multinomial model).

Model: multinomial naive Bayes with additive smoothing ALPHA; features seen in fewer than
MIN_DOCS texts are dropped. The JSON file keeps, per feature, its count in each category (sparse),
the categories' text counts and token totals; prelint computes the log-probabilities on load.
Deterministic: the same CSV gives the same file byte for byte.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from prelint.checks.match.topic_model import FORMAT, features  # noqa: E402

DEFAULT_CSV = Path("/work/shared/real/kuairec_captions_dev.csv")
OUT = Path(__file__).resolve().parents[1] / "prelint" / "data" / "models" / "topic_category.json"
ALPHA = 0.5
MIN_DOCS = 3
FOLDS = 5

MERGE = {
    "健身": "运动健身", "运动": "运动健身", "教育": "教育读书", "读书": "教育读书",
    "明星娱乐": "娱乐", "影视综": "娱乐", "民生资讯": "资讯", "时政资讯": "资讯", "科学与法律": "资讯",
    "人文": "资讯", "颜值": "其他", "自拍": "其他", "情感": "其他", "生活": "其他", "喜剧": "其他",
    "短剧": "其他", "艺术": "其他", "星座命理": "其他", "奇人异象": "其他", "UNKNOWN": "其他", "": "其他",
}


def load_rows(path: Path) -> list[tuple[str, str]]:
    rows = []
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            text = f"{row.get('title') or ''} {row.get('caption') or ''}".strip()
            category = MERGE.get(row.get("category", "").strip(), row.get("category", "").strip())
            if features(text):
                rows.append((text, category))
    return rows


def train(rows: list[tuple[str, str]]) -> dict:
    doc_freq: Counter[str] = Counter()
    per_text = [(set(features(text)), category) for text, category in rows]
    for feats, _ in per_text:
        doc_freq.update(feats)
    vocab = sorted(f for f, n in doc_freq.items() if n >= MIN_DOCS)
    keep = set(vocab)
    categories = sorted({c for _, c in per_text})
    index = {c: i for i, c in enumerate(categories)}
    counts: dict[str, dict[int, int]] = defaultdict(dict)
    totals = [0] * len(categories)
    texts = [0] * len(categories)
    for feats, category in per_text:
        ci = index[category]
        texts[ci] += 1
        for f in feats:
            if f in keep:
                counts[f][ci] = counts[f].get(ci, 0) + 1
                totals[ci] += 1
    return {
        "format": FORMAT,
        "about": ("Topic category of a text (MATCH003 topic-mismatch): multinomial naive Bayes over character 1-2-grams, "
                  "trained by bench/train_topic_model.py on KuaiRec's real Kuaishou titles and captions with their "
                  "first-level category (Gao et al., CIKM 2022; CC BY-SA 4.0, this file is derived data under the same licence)."),
        "alpha": ALPHA,
        "min_docs": MIN_DOCS,
        "vague": ["其他"],
        "categories": categories,
        "texts": texts,
        "totals": totals,
        "features": {f: {str(k): v for k, v in sorted(counts[f].items())} for f in vocab if f in counts},
    }


def cross_validate(rows: list[tuple[str, str]]) -> None:
    from prelint.checks.match.topic_model import TopicModel

    correct = 0
    confident = confident_correct = 0
    by_threshold: dict[float, list[int]] = {t: [0, 0] for t in (0.5, 0.7, 0.8, 0.9, 0.95)}
    for fold in range(FOLDS):
        train_rows = [r for i, r in enumerate(rows) if i % FOLDS != fold]
        test_rows = [r for i, r in enumerate(rows) if i % FOLDS == fold]
        model = TopicModel(train(train_rows))
        for text, category in test_rows:
            guess = model.predict(text)
            correct += guess.category == category
            if guess.category != "其他":
                for t, pair in by_threshold.items():
                    if guess.probability >= t:
                        pair[0] += 1
                        pair[1] += guess.category == category
            confident += guess.probability >= 0.9
            confident_correct += guess.probability >= 0.9 and guess.category == category
    print(f"{FOLDS}-fold CV on {len(rows)} texts: accuracy {correct / len(rows):.3f}")
    for t, (n, ok) in by_threshold.items():
        print(f"  topical guesses with probability >= {t:.2f}: {n} texts ({n / len(rows):.1%}), precision {ok / max(n, 1):.3f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--csv", type=Path, default=DEFAULT_CSV)
    parser.add_argument("--cv", action="store_true", help="cross-validate only")
    args = parser.parse_args()
    rows = load_rows(args.csv)
    counts = Counter(c for _, c in rows)
    print(f"{len(rows)} texts: " + ", ".join(f"{c} {n}" for c, n in counts.most_common()))
    cross_validate(rows)
    if args.cv:
        return 0
    model = train(rows)
    OUT.write_text(json.dumps(model, ensure_ascii=False, separators=(",", ":"), sort_keys=False) + "\n", encoding="utf-8")
    print(f"wrote {OUT} ({OUT.stat().st_size / 1024:.0f} KiB, {len(model['features'])} features)")
    return 0


if __name__ == "__main__":
    raise SystemExit(math.floor(main()))
