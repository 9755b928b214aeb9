"""RISK002 absolute-terms."""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

import prelint
from prelint.rules import Option
from prelint.text.facts import CONTENT_FIELDS, DRAFT_FIELDS
from prelint.text.fields import locate, quote, rule_fields

RULE_NAME = "absolute-terms"
# A sentence ends at 。！？; a newline, after '. ', and at a space between two Chinese clauses
# (最好的药就是忙 最好的医生就是睡: captions often separate sentences with spaces).
SENTENCE_END = re.compile(r"[。！？!?；;\n]|(?<=[.])\s|(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])")


@prelint.check(
    code="RISK002",
    name=RULE_NAME,
    level="warn",
    options=[
        Option("check-content", True, "Also check subtitles and on-screen text when the draft has them", ""),
        Option("max-findings", 20, "Report at most this many terms per draft (the metric counts all)", "findings"),
    ],
)
def absolute_terms(ctx):
    """What it checks: absolute claims in advertising, which 广告法 第九条(三) bans. Terms such as
    最佳, 最好的, 最有效的…, 第一 (全国第一, 销量第一, 转化率第一), 国家级, 顶级, 唯一, 首选, 只此一家, 100%有效,
    100%不掉色, 全网最低价, 全网最火, 做工绝对一流, 保湿效果最显著, NO.1, the best … on the market, results
    guaranteed in the title, caption, hashtags and (when available) subtitles and on-screen text; and
    the same claims in other words: any rate as the top (通过率第一, 全城回收价最高), a life or effect
    without limit (用十年都不坏, 永远不会晒黑, lasts forever), goods that beat every rival (秒杀一切大牌),
    an outcome promised (保证学会, 包你满意, 21天保证学会, guaranteed to remove every stain), a purity or
    safety promise (百分百无添加, absolutely zero toxins, zero side effects, totally unbreakable), a
    superlative over a place (Best coffee in town, the cheapest repair in the city, 全国最香的大米), 'the … you will
    ever buy', 'the most powerful … ever made', no contest. Everyday intensifiers (绝对, 无敌, …之王, 永远不会…) are claims only in a sentence that
    itself sells (全城回收价最高，绝对公道; 这家店绝对好吃 is an opinion).

    The law governs advertising, so a term is a claim only where something is sold or promoted:
    either the claim sells by itself (a price, a guarantee, a financial promise, or its clause is
    about sales, quality, effect, a brand or a product: 全网最低价, 100%不掉色, 销量第一, 保湿效果最显著)
    or the draft shows a promotional context (a product, a price such as 29.9元, a shop, a service,
    带货, 下单, 链接, 小黄车, 直播间, 包邮, a seller's tag such as #全网最低价质量保证包邮到家). The finding
    names the word that made it promotional (evidence `promotional`). Without one, superlatives are
    not claims: a fan tag (#全世界最好的鞠婧祎), news (俄媒：全球首个新冠疫苗…, 成为亚洲第一个…国家), a
    place (全世界最大的苗寨), a tag name (#最强变身术), credits (最佳摄影师：@…). A hashtag counts only
    when the tag itself is a selling claim. Nor, in any context, are a creator's own experience
    (这是我做过最好吃的蛋糕, which is what the fix recommends), advice (最好放冰箱, 最好用粗盐, 最有效的方法是早睡),
    唯一的愿望, 最近, 最后, 第一次, 第一步, 第一时间, 唯一需要注意的是, 最佳食用时间 and true background
    facts (国家级非遗). A term's sentence ends at 。！？, a line break, and a space between two Chinese
    clauses (最好的药就是忙 最好的医生就是睡), and leaves out hashtags and mentions (#原相机慢动作 names no
    product); a shop named in a question to the viewers (有什么宝藏小店？) is no promotion. Each finding
    gives the field, the character span and the matched text.

    Why it matters: in 带货 or sponsored content an absolute term is an advertising-law
    violation (fines of 20万–100万元); platforms also screen for 极限词 and limit reach. SAMR's
    2023 guide asks for contextual judgement, so prelint reports the term with its context.

    How to fix: replace the claim with a checkable fact: "全网最低价" → "比日常价便宜30元",
    "第一品牌" → "连续3年销量增长", "最好的面膜" → "我用了两周的面膜".

    Options: the lexicon is `prelint/data/lexicons/absolute_terms.toml`. Brand or product
    names that contain a term go in `[tool.prelint.lexicon] allow = ["品牌名最佳"]`.
    """
    fields = DRAFT_FIELDS + (CONTENT_FIELDS if ctx.options.check_content else ())
    field_facts = rule_fields(ctx, fields)
    found = [m for facts in field_facts for m in facts.for_rule(RULE_NAME)]
    texts = {facts.field: facts.text for facts in field_facts}
    if not texts:
        ctx.skip("no title, caption or hashtags given")
    promotion = promotional_context(texts.values())
    claims = []
    for m in found:
        text = texts[m.field]
        if own_experience(text, m.start):
            continue  # 这是我做过最好吃的蛋糕: the creator's own experience, what the fix recommends
        selling = m.text if m.category in _context_words()["selling_categories"] else selling_claim(text, m.start, m.end)
        if m.category in _context_words()["sentence_categories"] and not selling:
            continue  # 这家店绝对好吃: an everyday intensifier; 全城回收价最高，绝对公道 sells
        tag = hashtag_around(text, m.start, m.end)
        if tag is not None:  # #全世界最好的鞠婧祎 names a topic; #全网最低价质量保证包邮到家 is a seller's claim
            selling = selling if selling and selling_claim(text[tag[0]:tag[1]], m.start - tag[0], m.end - tag[0]) else ""
            if not selling:
                continue
        if selling or promotion:
            claims.append((m, selling or promotion))
    ctx.metric("terms", len(claims))
    if found and not claims:
        ctx.metric("not_claims", "; ".join(f"{m.field}: {m.text}" for m in found[:5]))
    why_of = {id(m): why for m, why in claims}
    for located in locate(ctx, [m for m, _ in claims[: ctx.options.max_findings]]):
        m = located.match
        why = why_of[id(m)]
        yield ctx.finding(
            f"Absolute claim 「{m.text}」 in the {m.field} of promotional text (「{why}」): {quote(texts[m.field], m.start, m.end)}",
            hint=f"Replace 「{m.text}」 with a fact the viewer can check (a number, a comparison, your own experience)",
            level=m.level,
            **located.where(),
            evidence={"text": m.text, "category": m.category, "term": m.term, "note": m.note, "promotional": why},
        )


@lru_cache(maxsize=1)
def _context_words() -> dict:
    """The [context] table of prelint/data/lexicons/absolute_terms.toml, compiled."""
    import tomllib
    from importlib.resources import files

    data = tomllib.loads(files("prelint.data").joinpath("lexicons", "absolute_terms.toml").read_text("utf-8"))
    table = data.get("context", {})
    words = {key: tuple(re.compile(p) for p in table.get(key, ())) for key in ("selling", "promotional", "experience")}
    words["selling_categories"] = tuple(table.get("selling_categories", ()))
    words["sentence_categories"] = tuple(table.get("sentence_categories", ()))
    return words


def promotional_context(texts) -> str:
    """The first word of the draft that shows something is sold or promoted (下单, 直播间, 29.9元, 包邮 …), or ""."""
    from prelint.text.matcher import normalize

    for text in texts:
        norm = normalize(text)
        for pattern in _context_words()["promotional"]:
            m = pattern.search(norm)
            if m:
                return text[m.start():m.end()]
    return ""


def selling_claim(text: str, start: int, end: int) -> str:
    """The selling word in the term's sentence (价, 销量, 口感, 效果, 正品, guarantee …), or "": such a
    claim is about goods whatever the rest of the draft says (全网最低价, 100%不掉色, 保湿效果最显著,
    极品大红袍，口感醇厚). Hashtags and @mentions around the term are no part of its sentence: #原相机慢动作
    names the camera mode, #快手健身房 a topic (a term inside a tag is judged on that tag alone).

    Linear over a field with many terms (a long subtitle file): the masked and normalised text and
    its sentence boundaries are computed once per text (`_sentences`), each term's sentence is found
    by binary search, and each sentence is searched for selling words once."""
    index = _sentences(text)
    if index.tags and hashtag_around(text, start, end) is not None:
        return _selling_claim_in_tag(text, start, end)
    a, b = index.sentence(start, end)
    return index.selling_word(text, a, b)


#: Characters either side of a tag holding a term that are read to find the term's sentence.
TAG_SENTENCE_REACH = 500


def _selling_claim_in_tag(text: str, start: int, end: int) -> str:
    """selling_claim for a term inside a tag: every other tag is masked, this one kept, within
    TAG_SENTENCE_REACH characters of it (a sentence is shorter than that)."""
    tag = hashtag_around(text, start, end)
    assert tag is not None
    lo, hi = max(0, tag[0] - TAG_SENTENCE_REACH), min(len(text), tag[1] + TAG_SENTENCE_REACH)
    window = list(text[lo:hi])
    tags = _sentences(text).tags
    first = max(0, bisect_right(tags, (lo, -1)) - 1)  # tags are in order: only those near the window
    for a, b in tags[first:bisect_right(tags, (hi, -1))]:
        if (a, b) != tag and b > lo and a < hi:
            window[max(a, lo) - lo:min(b, hi) - lo] = " " * (min(b, hi) - max(a, lo))
    index = _Sentences.of("".join(window), ())
    a, b = index.sentence(start - lo, end - lo)
    found = index.selling_word("".join(window), a, b)
    return found


class _Sentences:
    """A text with its tags masked, normalised, and where its sentences start and end."""

    def __init__(self, norm: str, tags: list[tuple[int, int]]) -> None:
        self.norm = norm
        self.tags = tags
        self.ends: list[int] = []  # end of each sentence break, in order
        self.starts: list[int] = []  # start of each sentence break, in order
        self.lookahead: list[bool] = []  # a space between two Chinese clauses: it needs the next character
        for m in SENTENCE_END.finditer(norm):
            s, e = m.span()
            self.starts.append(s)
            self.ends.append(e)
            self.lookahead.append(norm[s].isspace() and s > 0 and norm[s - 1] != ".")
        self._found: dict[tuple[int, int], tuple[int, int] | None] = {}

    @classmethod
    def of(cls, text: str, tags: list[tuple[int, int]] | tuple) -> "_Sentences":
        from prelint.text.matcher import normalize

        if tags:
            chars = list(text)
            for a, b in tags:
                chars[a:b] = " " * (b - a)
            text = "".join(chars)
        return cls(normalize(text), list(tags))

    def sentence(self, start: int, end: int) -> tuple[int, int]:
        """The sentence around start:end: after the last break ending at or before `start` (a break
        that needs the character at `start` to be one does not count, as when only the text before
        the term is read), up to the first break at or after `end`."""
        from bisect import bisect_left, bisect_right

        i = bisect_right(self.ends, start) - 1
        if i >= 0 and self.ends[i] == start and self.lookahead[i]:
            i -= 1
        a = self.ends[i] if i >= 0 else 0
        j = bisect_left(self.starts, end)
        b = self.starts[j] if j < len(self.starts) else len(self.norm)
        return a, b

    def selling_word(self, text: str, a: int, b: int) -> str:
        """The first selling word between a and b (searched once per sentence)."""
        if (a, b) not in self._found:
            self._found[(a, b)] = None
            for pattern in _context_words()["selling"]:
                m = pattern.search(self.norm, a, b)
                if m:
                    self._found[(a, b)] = m.span()
                    break
        span = self._found[(a, b)]
        return text[span[0]:span[1]] if span else ""


def _sentences(text: str) -> _Sentences:
    """The sentence index of one field's text (tags masked), built once however many terms it holds
    (short texts, such as a single tag, are indexed afresh and never push a long one out of the cache)."""
    return _build_sentences(text) if len(text) <= 512 else _cached_sentences(text)


def _build_sentences(text: str) -> _Sentences:
    from prelint.text.tags import tag_spans

    tags = tag_spans(text) if "#" in text or "@" in text else []
    return _Sentences.of(text, tags)


_cached_sentences = lru_cache(maxsize=4)(_build_sentences)


def hashtag_around(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The span of the hashtag or @mention holding start:end, or None."""
    from prelint.text.tags import holding

    if len(text) <= 512 and "#" not in text and "@" not in text:
        return None  # a short field without tags: not worth indexing (a long one is indexed once, cached)
    tags = _sentences(text).tags  # indexed once per text: no scan of a long field per term
    return holding(tags, start, end) if tags else None


def own_experience(text: str, start: int) -> bool:
    """The term follows 我…过 in its clause (我做过最好吃的, 我用过最好用的): the creator's own experience."""
    from prelint.text.matcher import normalize

    before = normalize(text[max(0, start - 12):start])
    return any(p.search(before) for p in _context_words()["experience"])
