"""The topic-category model of topic-mismatch: which of the platform's content categories a text is about.

A multinomial naive Bayes over character 1-2-grams (CJK) and whole Latin words, trained by
bench/train_topic_model.py on real Kuaishou titles and captions with the platform's first-level
category (KuaiRec; prelint/data/models/topic_category.json). Pure Python, read on first use.

    guess = load_topic_model().predict("西安必吃十大美食")
    guess.category, guess.probability   # "美食", 0.98
"""

from __future__ import annotations

import json
import math
import re
import threading
import unicodedata
from dataclasses import dataclass
from functools import cached_property
from importlib import resources
from typing import Any

FORMAT = "prelint-topic-nb/1"
MODEL_NAME = "topic_category.json"
_lock = threading.Lock()
_model: "TopicModel | None" = None

_MENTION = re.compile(r"@\S+?(?:\([^)]*\))?(?=\s|$|#)|@\S+")
# hashtags about the platform itself, not the video's subject
_BOILERPLATE_TAG = re.compile(r"#[^#\s]*(?:快手|热门|推广|创作者|官方|涨粉|直播|粉丝|作品|小助手|双击|关注|点赞|上热|正能量|绿色平台)[^#\s]*")
_CJK_RUN = re.compile(r"[\u3400-\u9fff]+")
_LATIN_WORD = re.compile(r"[a-z][a-z0-9+'-]*")


def clean(text: str) -> str:
    folded = unicodedata.normalize("NFKC", text).lower()
    folded = _BOILERPLATE_TAG.sub(" ", folded)
    folded = _MENTION.sub(" ", folded)
    return re.sub(r"\d", "0", folded)


def features(text: str) -> list[str]:
    """Distinct features of a text: CJK characters and character bigrams, Latin words (≥ 2 letters)."""
    cleaned = clean(text)
    out: list[str] = []
    for run in _CJK_RUN.findall(cleaned):
        out.extend(run)
        out.extend(run[i : i + 2] for i in range(len(run) - 1))
    out.extend(w for w in _LATIN_WORD.findall(cleaned) if len(w) >= 2)
    return list(dict.fromkeys(out))


@dataclass(frozen=True)
class TopicGuess:
    category: str
    probability: float
    known_features: int  # features of the text the model knows (0 = it cannot tell)
    ranking: tuple[tuple[str, float], ...] = ()


class TopicModel:
    def __init__(self, data: dict[str, Any]) -> None:
        if data.get("format") != FORMAT:
            raise ValueError(f"not a {FORMAT} model")
        self.categories: list[str] = list(data["categories"])
        self.vague = set(data.get("vague", ()))
        alpha = float(data["alpha"])
        texts = data["texts"]
        totals = data["totals"]
        vocab = len(data["features"])
        all_texts = sum(texts)
        self.prior = [math.log(n / all_texts) for n in texts]
        self._unseen = [math.log(alpha / (totals[c] + alpha * vocab)) for c in range(len(self.categories))]
        self._log: dict[str, list[float]] = {}
        for feature, sparse in data["features"].items():
            row = list(self._unseen)
            for c, n in sparse.items():
                ci = int(c)
                row[ci] = math.log((n + alpha) / (totals[ci] + alpha * vocab))
            self._log[feature] = row

    @cached_property
    def _topical(self) -> list[int]:
        return [i for i, c in enumerate(self.categories) if c not in self.vague]

    def _probabilities(self, text: str) -> tuple[list[float], int]:
        """Posterior probability of each category for `text`, and how many known features it holds."""
        feats = [f for f in features(text) if f in self._log]
        scores = list(self.prior)
        for f in feats:
            row = self._log[f]
            for i in range(len(scores)):
                scores[i] += row[i]
        top = max(scores)
        weights = [math.exp(s - top) for s in scores]
        total = sum(weights)
        return [w / total for w in weights], len(feats)

    def predict(self, text: str) -> TopicGuess:
        probs, n_feats = self._probabilities(text)
        order = sorted(range(len(probs)), key=lambda i: -probs[i])
        best = order[0]
        return TopicGuess(self.categories[best], probs[best], n_feats,
                          tuple((self.categories[i], round(probs[i], 4)) for i in order[:3]))

    def distribution(self, text: str) -> dict[str, float]:
        probs, _ = self._probabilities(text)
        return dict(zip(self.categories, probs))

def load_topic_model() -> TopicModel:
    global _model
    with _lock:
        if _model is None:
            text = resources.files("prelint.data").joinpath("models", MODEL_NAME).read_text(encoding="utf-8")
            _model = TopicModel(json.loads(text))
        return _model
