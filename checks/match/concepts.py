"""Concepts shared by a title and its content beyond shared words (prelint/data/lexicons/match_concepts.toml).

A concept is a group of words that name one thing or belong with it ("狗", "柯基", "puppy"), with
the content category it belongs to (domain) and the kind of thing it is (facet). topic-mismatch
reads them to tell a title and a content that share no word apart: related ("狗狗洗澡" over
"沐浴露搓出泡沫"), swapped (a promised dish, animal, activity, product or venue absent while the
content names another of the same kind) or about different domains ("iPad测评" over a recipe).
A Chinese term that only modifies the head of a longer noun names nothing (面包车 is no bread, 鸡蛋 no
chicken; 鸡腿肉 and 南瓜粥 keep their food); English terms match their regular forms (hiked, swimming).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any, Iterator

SWAP_FACETS = ("dish", "animal", "activity", "product", "venue", "game", "instrument", "breed", "language",
               "makeup-step", "baked-good", "finance-product", "baby-care", "work-task")

# Title domain → content domains it naturally covers (a travel video shows food and hotels; a
# side-business title can be about any trade; a fitness title shows diet food).
COVERS: dict[str, frozenset[str]] = {
    "旅游": frozenset({"美食", "摄影"}),
    "运动健身": frozenset({"美食", "健康"}),
    "健康": frozenset({"美食", "运动健身"}),
    "美妆": frozenset({"时尚"}),
    "时尚": frozenset({"美妆"}),
    "房产家居": frozenset({"家务"}),
    "家务": frozenset({"房产家居", "美食"}),
    "亲子": frozenset({"美食", "家务", "教育读书", "游戏", "旅游", "运动健身", "健康"}),
    "三农": frozenset({"美食"}),
    "摄影": frozenset({"旅游", "高新数码"}),
    "高新数码": frozenset({"摄影"}),
    "宠物": frozenset({"亲子"}),  # owners call their pets 宝宝
}
OPEN_DOMAINS: frozenset[str] = frozenset()  # domains whose every concept is open (see Concept.open)
# Title domain → content domains it covers only with a bridge, something of the title's own category
# named in the content too: fitness shows diet food (减脂, 蛋白质), a parenting video a trip with the child
# (宝宝, 带娃); a sourdough starter under marathon tips or cherry blossoms under baby food share nothing.
BRIDGED: dict[str, frozenset[str]] = {
    "运动健身": frozenset({"美食", "健康"}),
    "健康": frozenset({"美食", "运动健身"}),
    "亲子": frozenset({"美食", "家务", "教育读书", "游戏", "旅游", "运动健身", "健康"}),
    "三农": frozenset({"美食"}),
    "家务": frozenset({"美食"}),
}


@dataclass(frozen=True)
class Concept:
    name: str
    domain: str
    facet: str
    terms: tuple[str, ...]
    min_hits: int = 1
    excludes: tuple[str, ...] = ()  # longer words that contain a term but name something else (男孩子, 熊猫)
    open: bool = False  # a title naming it can be about anything ("摆摊月入过万" over any trade), unlike 基金定投


@dataclass(frozen=True)
class ConceptHit:
    concept: Concept
    terms: tuple[str, ...]  # distinct terms found
    occurrences: int  # how many times any of its terms occurs

    @property
    def name(self) -> str:
        return self.concept.name


@lru_cache(maxsize=1)
def concepts() -> tuple[Concept, ...]:
    import tomllib

    text = resources.files("prelint.data").joinpath("lexicons", "match_concepts.toml").read_text(encoding="utf-8")
    out = []
    for entry in tomllib.loads(text)["concept"]:
        out.append(Concept(entry["name"], entry.get("domain", ""), entry.get("facet", ""),
                           tuple(dict.fromkeys(t.lower() for t in entry["terms"])), int(entry.get("min_hits", 1)),
                           tuple(t.lower() for t in entry.get("excludes", [])), bool(entry.get("open", False))))
    return tuple(out)


def _inflections(word: str) -> str:
    """A regex for an English word and its regular forms: hike → hike(s|d|r|rs), hiking; swim → swims,
    swimming, swimmer; fry → fries, fried; watch → watches. Irregular forms (swam) are not guessed."""
    if len(word) < 3 or not re.fullmatch(r"[a-z]+", word):
        return re.escape(word)
    forms = {word, word + "s", word + "ed", word + "ing", word + "er", word + "ers"}
    if word.endswith("e"):
        forms |= {word + "d", word + "r", word + "rs", word[:-1] + "ing"}
    if word.endswith("y") and word[-2] not in "aeiou":
        forms |= {word[:-1] + "ies", word[:-1] + "ied"}
    if re.search(r"(?:s|x|z|ch|sh)$", word):
        forms.add(word + "es")
    if re.search(r"[^aeiou][aeiou][bdgklmnprt]$", word) and len(word) <= 5:
        forms |= {word + word[-1] + "ing", word + word[-1] + "ed", word + word[-1] + "er", word + word[-1] + "ers"}
    return "(?:" + "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True)) + ")"


@lru_cache(maxsize=4096)
def _term_pattern(term: str) -> "re.Pattern[str]":
    if re.fullmatch(r"[a-z]+", term):
        return re.compile(rf"(?<![a-z0-9]){_inflections(term)}(?![a-z0-9])")
    if re.fullmatch(r"[a-z0-9' +.-]+", term):
        return re.compile(rf"(?<![a-z0-9]){re.escape(term)}(?![a-z0-9])")
    return re.compile(re.escape(term))


# what follows a word inside a longer one without making it something else: places (锅里), plurals
# (孩子们), results and particles (煎好, 炖了), and the cuts and forms a food is served in (鸡腿肉, 鸡丁,
# 南瓜粥, 牛肉面: still chicken, pumpkin, beef); other heads make it another thing (面包车, 鸡蛋, 牛奶, 汽车站)
_NOT_A_HEAD = set("里上中内外边下前后好完了着过的们儿子头些" "肉丁块片丝条排翅腿胸爪尾汤粥饭面饼卷串煲末泥酱粉馅羹汁酥球")


@lru_cache(maxsize=256)
def _modified_at(text: str) -> dict[int, str]:
    """Start → word for the Chinese nouns of a text whose head is another noun: in 面包车, 鸡蛋, 汽车站 the
    first part only says what kind of 车, 蛋, 站 (Chinese compounds put the head last)."""
    if not re.search(r"[\u4e00-\u9fff]", text):
        return {}
    from prelint.checks.match.claims import _jieba

    _jieba()
    out: dict[int, str] = {}
    position = 0
    for pair in _tagged(text):
        word = pair.word
        if len(word) >= 2 and pair.flag.startswith("n") and re.fullmatch(r"[\u4e00-\u9fff]+", word):
            out[position] = word
        position += len(word)
    return out


#: Characters of a text jieba's HMM may read to guess words outside its dictionary. The guesses cost
#: about 1 ms a character (a 20,000-character subtitle of 上分 took two minutes to tag); ordinary
#: titles and subtitles are far shorter, and past this their dictionary words are still tagged.
HMM_BUDGET_CHARS = 1_000


def _tagged(text: str) -> Iterator[Any]:
    """jieba's part-of-speech tagging of `text`, block by block as jieba cuts it, with the HMM
    used for the blocks within the first HMM_BUDGET_CHARS characters only."""
    import jieba.posseg as posseg

    budget = HMM_BUDGET_CHARS
    for piece in posseg.re_han_internal.split(text):
        if not piece:
            continue
        use_hmm = len(piece) <= budget
        if use_hmm:
            budget -= len(piece)
        yield from posseg.cut(piece, HMM=use_hmm)


@lru_cache(maxsize=8192)
def _term_info(term: str) -> tuple[bool, str]:
    """(is Chinese, the part every written form of it contains: 'hik' for hike/hiking, the term itself otherwise)."""
    chinese = re.search(r"[\u4e00-\u9fff]", term) is not None
    return chinese, (term[:-1] if re.fullmatch(r"[a-z]{3,}", term) else term)


def _counted(term: str, text: str, concept_terms: tuple[str, ...]) -> int:
    """Occurrences of a term, leaving out those that only modify the head of a longer noun (面包 in 面包车)
    unless that noun is a term of the same concept too (猫砂 for cat)."""
    pattern = _term_pattern(term)
    if not _term_info(term)[0]:
        return len(pattern.findall(text))
    modified = _modified_at(text)
    n = 0
    for m in pattern.finditer(text):
        word = modified.get(m.start())
        if word and len(word) > len(term) and word.startswith(term) and word not in concept_terms \
                and word[len(term) :][-1] not in _NOT_A_HEAD:
            continue
        n += 1
    return n


def find_concepts(text: str, *, require_min_hits: bool = True) -> dict[str, ConceptHit]:
    """Concepts named in a text. With require_min_hits, broad concepts need their min_hits distinct terms.
    A term that only modifies the head of a longer noun does not name its concept (面包车 is no bread)."""
    lower = text.lower()
    found: dict[str, ConceptHit] = {}
    for concept in concepts():
        terms = []
        occurrences = 0
        text_of = lower
        for word in concept.excludes:
            text_of = text_of.replace(word, " " * len(word))
        words: set[str] = set()
        for term in concept.terms:
            if _term_info(term)[1] not in text_of:
                continue
            n = _counted(term, text_of, concept.terms)
            if n:
                terms.append(term)
                word = re.sub(r"(?:es|s)$", "", term) if term.isascii() and len(term) > 3 else term
                if word not in words:  # "egg" and "eggs" find the same words: counted once
                    words.add(word)
                    occurrences += n
        if terms and (not require_min_hits or len(terms) >= concept.min_hits):
            found[concept.name] = ConceptHit(concept, tuple(terms), occurrences)
    return found


def strip_hashtags(title: str) -> str:
    return re.sub(r"#\S+", " ", title)


def covered(title_domains: set[str], content_domain: str, open_title: bool = False, bridge: bool = True) -> bool:
    """Whether a content domain is one the title's domains naturally include; an open title concept
    (a side business, an income) covers every domain; a BRIDGED neighbour only when bridge is true."""
    if content_domain in title_domains or open_title or title_domains & OPEN_DOMAINS:
        return True
    for d in title_domains:
        if content_domain in COVERS.get(d, frozenset()):
            if content_domain not in BRIDGED.get(d, frozenset()) or bridge:
                return True
    return False
