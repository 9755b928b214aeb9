"""Trained character n-gram models for the clickbait-title and engagement-bait rules.

A model is a linear log-odds over character n-grams of the normalised text:

    log-odds(text) = bias + Σ weight[g] · count(g in text) / √(number of n-grams)

with the weights learned by `bench/train_text_model.py` from the labelled cases in
`bench/data/` (training splits only; the header of each model file lists them). Scoring is
pure Python dictionary look-ups: no numpy, no segmenter, no download. Model files are JSON
in `prelint/data/models/` and are read on first use, never at import.

    from prelint.text.ngram import load_model
    model = load_model("clickbait_title")
    result = model.score("万万没想到，结局竟然是这样")
    result.log_odds, result.probability, result.drivers   # drivers: n-grams that moved it most
"""

from __future__ import annotations

import functools
import json
import math
import re
import threading
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from importlib import resources
from typing import Any, Iterator, Mapping

MODEL_PACKAGE = "prelint.data"
MODEL_FOLDER = "models"
FORMAT = "prelint-ngram-logodds/1"
DIGITS = re.compile(r"\d")
# Sentence ends: a caption is scored sentence by sentence as well as whole, so one bait sentence
# among ordinary description is not diluted (commas stay inside: 点赞过万，下期更新 is one sentence).
SENTENCE_BREAK = re.compile(r"[。！？!?；;\n…]+|(?<=[.])\s+")
# 《…》 book/show/film title marks: what is inside is a name, not the poster's own wording.
BOOK_TITLE = re.compile(r"《[^《》\n]{1,30}》")
SPACES = re.compile(r"\s+")
_LOCK = threading.Lock()


def normalise(text: str) -> str:
    """The text the model reads: NFKC, lower case, every digit as 0, runs of space as one space,
    with ^ and $ marking the start and end (so '^震惊' differs from '震惊' in mid-title)."""
    import unicodedata

    folded = unicodedata.normalize("NFKC", text).lower()
    folded = DIGITS.sub("0", folded)
    folded = SPACES.sub(" ", folded).strip()
    return f"^{folded}$"


def mask_book_titles(text: str) -> str:
    """The text with the inside of every 《…》 emptied (《万万没想到》主演重聚 → 《》主演重聚): a show,
    film or book name says nothing about how the title is worded."""
    return BOOK_TITLE.sub("《》", text)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of `text`, split at 。！？!?；;… and line breaks, spaces trimmed."""
    spans = []
    start = 0
    for stop in [b.start() for b in SENTENCE_BREAK.finditer(text)] + [len(text)]:
        piece = text[start:stop]
        a = start + len(piece) - len(piece.lstrip())
        b = start + len(piece.rstrip())
        if a < b:
            spans.append((a, b))
        m = SENTENCE_BREAK.match(text, stop)
        start = m.end() if m else stop + 1
    return spans


def ngrams(text: str, min_n: int = 1, max_n: int = 3) -> Iterator[str]:
    """Character n-grams of the normalised text, n from min_n to max_n (the ^ and $ markers alone excluded)."""
    norm = normalise(text)
    for n in range(min_n, max_n + 1):
        for i in range(len(norm) - n + 1):
            gram = norm[i : i + n]
            if gram not in ("^", "$"):
                yield gram


def ngram_counts(text: str, min_n: int = 1, max_n: int = 3) -> dict[str, int]:
    counts: dict[str, int] = {}
    for gram in ngrams(text, min_n, max_n):
        counts[gram] = counts.get(gram, 0) + 1
    return counts


@dataclass(frozen=True)
class Driver:
    """One n-gram's share of a score: weight × count / √(n-grams), in log-odds."""

    ngram: str
    contribution: float


@dataclass(frozen=True)
class ModelScore:
    log_odds: float
    probability: float
    positive_parts: tuple[Driver, ...] = field(default=(), repr=False, compare=False)  # every n-gram's positive share
    positive_total: float = 0.0  # sum of every n-gram's positive share

    @cached_property
    def drivers(self) -> tuple[Driver, ...]:
        """The n-grams that pushed the score up most, strongest first (worked out only when a
        finding shows them: most texts are scored and never reported)."""
        parts = sorted(self.positive_parts, key=lambda d: (-d.contribution, d.ngram))
        return tuple(_distinct(parts))

    def evidence(self, top: int = 6) -> dict[str, Any]:
        """The score as a finding's evidence: log-odds, probability, the phrases (2–3 character
        n-grams) and the single characters that pushed it up most, each with its share in log-odds,
        and the sum of every positive share (so a reader sees how much the listed ones explain)."""
        def shown(d: Driver) -> str:
            return d.ngram.replace("^", "⟨start⟩").replace("$", "⟨end⟩")

        phrases = [d for d in self.drivers if len(d.ngram.strip("^$").strip()) >= 2]
        characters = [d for d in self.drivers if len(d.ngram.strip("^$").strip()) == 1]
        return {
            "log_odds": round(self.log_odds, 2),
            "probability": round(self.probability, 3),
            "drivers": [[shown(d), round(d.contribution, 2)] for d in phrases[:top]],
            "characters": [[shown(d), round(d.contribution, 2)] for d in characters[:4]],
            "positive_total": round(self.positive_total, 2),
        }


#: Texts whose model score each model keeps (see NgramModel.score): a draft's sentences, not a corpus.
SCORE_CACHE_SIZE = 64


@dataclass(frozen=True)
class NgramModel:
    name: str
    weights: Mapping[str, float]
    bias: float
    min_n: int
    max_n: int
    header: Mapping[str, Any]
    requires_any: tuple[str, ...] = ()  # words one of which the text must hold for the model alone to flag it
    masks_book_titles: bool = False  # the inside of 《…》 is emptied before scoring (as in training)

    def holds_required(self, text: str) -> bool:
        """One of `requires_any` is in the text (see required_hits)."""
        return bool(self.required_hits(text.lower()))

    def required_hits(self, text: str) -> list[tuple[int, str]]:
        """(position, word) of each of `requires_any` in `text` (already lower-cased): Chinese words
        wherever they occur, English words as words (follow, follows, followers, followed — not
        "following the river", "likely", "vintage", nor a hyphenated compound: "follow-up", "like-minded")."""
        hits = [(i, w) for w in self._required_cjk for i in _find_all(text, w)]
        if self._required_words is not None:
            hits += [(m.start(), m.group()) for m in self._required_words.finditer(text)]
        return hits

    @functools.cached_property
    def _required_cjk(self) -> tuple[str, ...]:
        return tuple(w for w in self.requires_any if not w.isascii())

    @functools.cached_property
    def _required_words(self) -> "re.Pattern[str] | None":
        words = sorted((w for w in self.requires_any if w.isascii()), key=len, reverse=True)
        if not words:
            return None
        # not inside a hyphenated compound either: follow-up, like-minded, share-holder are no CTA
        return re.compile(r"(?<![a-z-])(?:%s)(?:s|ers?|ed)?(?![a-z]|-[a-z])" % "|".join(re.escape(w) for w in words))

    @functools.cached_property
    def _recent_scores(self) -> dict[str, ModelScore]:
        return {}

    def score(self, text: str) -> ModelScore:
        """The model's score of `text`. The same sentence is often scored by two rules of one
        lint (engagement-bait, and missing-cta asking whether a CTA is bait): recent scores are
        kept (at most SCORE_CACHE_SIZE texts)."""
        recent = self._recent_scores
        known = recent.get(text)
        if known is None:
            known = self._score(text)
            if len(recent) >= SCORE_CACHE_SIZE:
                recent.clear()
            recent[text] = known
        return known

    def _score(self, text: str) -> ModelScore:
        if self.masks_book_titles:
            text = mask_book_titles(text)
        counts = ngram_counts(text, self.min_n, self.max_n)
        total = sum(counts.values())
        scale = 1.0 / math.sqrt(total) if total else 0.0
        log_odds = self.bias
        parts: list[Driver] = []
        for gram, count in counts.items():
            weight = self.weights.get(gram)
            if weight is None:
                continue
            share = weight * count * scale
            log_odds += share
            if share > 0:
                parts.append(Driver(gram, share))
        probability = 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, log_odds))))
        return ModelScore(log_odds, probability, tuple(parts), sum(d.contribution for d in parts))


def _find_all(text: str, word: str) -> Iterator[int]:
    i = text.find(word)
    while i >= 0:
        yield i
        i = text.find(word, i + 1)


def _distinct(parts: list[Driver]) -> Iterator[Driver]:
    """The drivers worth showing a reader: n-grams of two or more characters (single characters
    such as 了 or 的 say little on their own), strongest first, skipping one that is part of a
    stronger one already shown (竟然 under 竟然是), then the single characters."""
    shown: list[str] = []
    longer = [p for p in parts if len(p.ngram.strip("^$").strip()) >= 2]
    single = [p for p in parts if len(p.ngram.strip("^$").strip()) == 1]
    for part in longer + single:
        bare = part.ngram.strip("^$")
        if not bare.strip() or any(bare in s or s.strip("^$") in bare for s in shown):
            continue
        shown.append(part.ngram)
        yield part


def model_from_json(name: str, data: Mapping[str, Any]) -> NgramModel:
    if data.get("format") != FORMAT:
        raise ValueError(f"model {name}: unknown format {data.get('format')!r} (expected {FORMAT})")
    if data.get("scaling", "sqrt") != "sqrt":
        raise ValueError(f"model {name}: unknown scaling {data.get('scaling')!r} (expected 'sqrt')")
    return NgramModel(
        name=name,
        weights=dict(data["weights"]),
        bias=float(data["bias"]),
        min_n=int(data["min_n"]),
        max_n=int(data["max_n"]),
        header=dict(data.get("header", {})),
        requires_any=tuple(data.get("requires_any", ())),
        masks_book_titles=bool(data.get("mask_book_titles", False)),
    )


@lru_cache(maxsize=None)
def load_model(name: str) -> NgramModel:
    """The packaged model `prelint/data/models/<name>.json` (read once per process)."""
    with _LOCK:
        text = resources.files(MODEL_PACKAGE).joinpath(MODEL_FOLDER, f"{name}.json").read_text("utf-8")
        return model_from_json(name, json.loads(text))


def logit(probability: float) -> float:
    return math.log(probability / (1.0 - probability))


def locate(text: str, gram: str) -> tuple[int, int] | None:
    """Character span of a driver n-gram in the original text (first occurrence), or None.

    The model reads NFKC text with digits as 0; `prelint.text.matcher.normalize` keeps one
    character per original character, so its offsets are offsets into `text`."""
    from prelint.text.matcher import normalize

    norm = DIGITS.sub("0", normalize(text))
    bare = gram.lstrip("^").rstrip("$")
    if not bare.strip():
        return None
    if gram.startswith("^"):
        stripped = len(norm) - len(norm.lstrip())
        return (stripped, stripped + len(bare)) if norm[stripped:].startswith(bare) else None
    if gram.endswith("$") and len(gram) > 1:
        end = len(norm.rstrip())
        return (end - len(bare), end) if norm[:end].endswith(bare) else None
    at = norm.find(bare)
    return (at, at + len(bare)) if at >= 0 else None


def about(model: NgramModel) -> str:
    """One line naming what the model was trained on, for evidence."""
    header = model.header
    cases = header.get("cases", {})
    return (f"{model.name} v{header.get('script_version', '?')}: logistic regression on character n-grams, "
            f"{cases.get('positive', '?')} positive / {cases.get('negative', '?')} negative labelled texts "
            f"(data {header.get('data_sha256_16', '?')})")
