"""Lexicon matching with character offsets into the original text.

No segmenter is needed: literal terms of one lexicon are compiled into one alternation
(longest first), patterns are regular expressions. Matching runs on a normalised copy of
the text that has exactly one character per original character (full-width → ASCII,
lower case), so every offset is an offset into the text the user wrote.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import islice
from typing import Iterator

from prelint.model import Level
from prelint.text.lexicon import Lexicon, LexiconEntry, LexiconSet
from prelint.text.team_patterns import Spans, TeamPattern, compile_team_pattern

# Characters that end a clause: negation and mention cues never reach across them.
CLAUSE_BREAK = re.compile(r"[。！？!?；;，,\n]")
CJK_GAP = re.compile(r"(?<=[\u4e00-\u9fff])[ \t\u3000]+(?=[\u4e00-\u9fff])")
QUOTE_PAIRS = {"“": "”", "「": "」", "『": "』", "\"": "\"", "'": "'", "《": "》", "‘": "’"}
APOSTROPHE = re.compile(r"(?<=[a-z])'(?=[a-z])")
CURLY_APOSTROPHE = re.compile(r"(?<=[a-z])’(?=[a-z])")
EXCEPTION_WINDOW = 16  # characters either side of a match searched for an exception phrase
#: Longest match an exception may cover: the window searched grows with the match, and a pattern
#: searched from every position of a window as long as a 200 KB title took minutes.
MAX_EXCEPTION_SPAN = 400
#: Matches of one lexicon (one rule's terms and patterns) read in one field; later ones are not
#: looked at. A team pattern such as `.`, or a subtitles file of 4 MiB of 最, would otherwise give
#: millions of matches, each weighed in its context; no report shows more than a few dozen
#: findings, and rules' metrics count up to this number.
MAX_MATCHES_PER_FIELD = 10_000


@dataclass(frozen=True)
class Match:
    """One lexicon hit in one field: `text[start:end]` of the original field text."""

    rule: str
    field: str
    start: int
    end: int
    text: str
    term: str  # the lexicon entry's term or pattern
    category: str
    level: Level
    note: str = ""
    weight: float = 1.0
    parts: tuple[str, ...] = ()  # categories of every match merged into this one (empty: just `category`)

    @property
    def categories(self) -> tuple[str, ...]:
        return self.parts or (self.category,)


@dataclass(frozen=True)
class Suppressed:
    """A hit the matcher dropped, and why (exception, negation, mention, allow-list)."""

    match: Match
    reason: str


@dataclass(frozen=True)
class FieldFacts:
    """Lexicon matches of one field (title, caption, hashtags, subtitles, screen)."""

    field: str
    text: str
    matches: tuple[Match, ...] = ()
    suppressed: tuple[Suppressed, ...] = ()

    def for_rule(self, rule: str) -> tuple[Match, ...]:
        return tuple(m for m in self.matches if m.rule == rule)

    def categories(self, rule: str) -> tuple[str, ...]:
        """Distinct categories matched for a rule, in order of first appearance."""
        seen: dict[str, None] = {}
        for m in self.matches:
            if m.rule == rule:
                seen.setdefault(m.category, None)
        return tuple(seen)


def normalize(text: str) -> str:
    """One character per character: NFKC (full-width → half-width), every script's decimal digits as
    ASCII digits (the patterns' guards such as (?<![a-z0-9]) then hold for ١٢٣ too: a caption of
    64,000 Arabic-Indic digits took 129 s), and lower case where that stays one character."""
    if text.isascii():
        return text.lower()
    out = []
    for ch in text:
        folded = unicodedata.normalize("NFKC", ch).lower()
        if len(folded) == 1 and not folded.isascii() and folded.isdecimal():
            folded = str(unicodedata.decimal(folded))
        out.append(folded if len(folded) == 1 else ch)
    # a curly apostrophe inside a word (don’t, you’ll) is an apostrophe: cues and patterns spell it '
    return CURLY_APOSTROPHE.sub("'", "".join(out))


def _literal_regex(term: str) -> str:
    """A literal term as regex; ASCII words get letter boundaries so `vx` does not match inside `vxlan`."""
    body = re.escape(normalize(term))
    if term[:1].isascii() and term[:1].isalnum():
        body = r"(?<![a-z0-9])" + body
    if term[-1:].isascii() and term[-1:].isalnum():
        body = body + r"(?![a-z0-9])"
    return body


_UPPER_LITERAL = re.compile(r"(?<!\\)[A-Z]")


def _compile(pattern: str) -> re.Pattern[str]:
    """Text is lower-cased before matching, so lower-case patterns need no IGNORECASE (which
    would halve the speed); a pattern with upper-case letters gets it."""
    return re.compile(pattern, re.IGNORECASE if _UPPER_LITERAL.search(pattern) else 0)


def _compile_entry_pattern(pattern: str, entry: LexiconEntry) -> "re.Pattern[str] | TeamPattern":
    """Built-in patterns run on `re`; a team's (from config) on RE2, in linear time."""
    if entry.origin == "config":
        return compile_team_pattern(pattern, ignore_case=bool(_UPPER_LITERAL.search(pattern)))
    return _compile(pattern)


@dataclass(frozen=True)
class CompiledLexicon:
    lexicon: Lexicon
    literals: re.Pattern[str] | None
    literal_entries: dict[str, LexiconEntry]
    patterns: tuple[tuple["re.Pattern[str] | TeamPattern", LexiconEntry], ...]
    exceptions: dict[str, tuple["re.Pattern[str] | TeamPattern", ...]]
    negation: re.Pattern[str] | None
    mention: re.Pattern[str] | None
    mention_before: re.Pattern[str] | None
    mention_after_patterns: tuple[re.Pattern[str], ...] = ()
    mention_before_patterns: tuple[re.Pattern[str], ...] = ()
    # per pattern, the characters a non-empty match can start with (None: unknown); a text holding none
    # of them cannot match, so the pattern is not run on it
    first: tuple[frozenset[str] | None, ...] = ()


def compile_lexicon(lexicon: Lexicon) -> CompiledLexicon:
    literal_entries: dict[str, LexiconEntry] = {}
    patterns = []
    exceptions: dict[str, tuple[re.Pattern[str] | TeamPattern, ...]] = {}
    for entry in lexicon.entries:
        if entry.is_pattern:
            patterns.append((_compile_entry_pattern(entry.key, entry), entry))
        else:
            literal_entries[normalize(entry.key)] = entry
        if entry.exceptions:
            exceptions[entry.key] = tuple(_compile_entry_pattern(x, entry) for x in entry.exceptions)
    literals = None
    if literal_entries:
        ordered = sorted(literal_entries, key=len, reverse=True)
        literals = re.compile("|".join(_literal_regex(t) for t in ordered))
    negation = re.compile("|".join(map(re.escape, lexicon.negation_cues))) if lexicon.negation_cues else None
    mention = re.compile("|".join(map(re.escape, lexicon.mention_cues))) if lexicon.mention_cues else None
    before = lexicon.mention_before_cues
    mention_before = re.compile("|".join(map(re.escape, before))) if before else None
    after_patterns = tuple(_compile(x) for x in lexicon.mention_after_patterns)
    before_patterns = tuple(_compile(f"(?:{x})$") for x in lexicon.mention_before_patterns)
    first = tuple(
        None if entry.origin == "config" else first_chars(entry.key, ignore_case=bool(_UPPER_LITERAL.search(entry.key)))
        for _, entry in patterns
    )
    return CompiledLexicon(
        lexicon, literals, literal_entries, tuple(patterns), exceptions, negation, mention, mention_before,
        after_patterns, before_patterns, first,
    )


class _Unknown(Exception):
    pass


def first_chars(pattern: str, ignore_case: bool = False, limit: int = 400) -> frozenset[str] | None:
    """The characters a non-empty match of `pattern` can start with, or None when that cannot be told
    simply (a class such as \\s or ., a negated set, a wide range, a back-reference). Lookarounds and
    anchors consume nothing; an optional part adds its first characters to those of what follows."""
    import re._constants as C
    import re._parser as P

    ignore_case = ignore_case or bool(re.search(r"\(\?[aLmsux]*i", pattern))  # an inline (?i) flag

    def add(out: set, code: int) -> None:
        ch = chr(code)
        out.add(ch)
        if ignore_case:
            out.update((ch.lower(), ch.upper()))

    def seq(items) -> tuple[set, bool]:  # (first characters, can match empty)
        out: set = set()
        for item in items:
            first, nullable = one(item)
            out |= first
            if not nullable:
                return out, False
        return out, True

    def one(item) -> tuple[set, bool]:
        op, av = item
        if op is C.LITERAL:
            out: set = set()
            add(out, av)
            return out, False
        if op is C.IN:
            out = set()
            for kind, value in av:
                if kind is C.LITERAL:
                    add(out, value)
                elif kind is C.RANGE and value[1] - value[0] <= 64:
                    for code in range(value[0], value[1] + 1):
                        add(out, code)
                else:  # a negated set, a category (\\s, \\d), a wide range
                    raise _Unknown
            return out, False
        if op is C.SUBPATTERN:
            return seq(av[3])
        if op is C.BRANCH:
            out, nullable = set(), False
            for branch in av[1]:
                first, empty = seq(branch)
                out |= first
                nullable |= empty
            return out, nullable
        if op in (C.MAX_REPEAT, C.MIN_REPEAT):
            first, nullable = seq(av[2])
            return first, nullable or av[0] == 0
        if op in (C.AT, C.ASSERT, C.ASSERT_NOT):
            return set(), True
        raise _Unknown  # any character, a back-reference, a category outside a set …

    try:
        first, _ = seq(P.parse(pattern))
    except Exception:  # _Unknown, or a construct this reading does not know
        return None
    return frozenset(first) if first and len(first) <= limit else None


def _topic_mention(compiled_lexicon: CompiledLexicon, norm: str, start: int, end: int) -> bool:
    """The word is discussed as a topic (震惊体, “震惊”标题, 所谓重磅): a mention pattern touches it."""
    if any(p.match(norm, end) for p in compiled_lexicon.mention_after_patterns):
        return True
    before = norm[max(0, start - 12) : start]
    return any(p.search(before) for p in compiled_lexicon.mention_before_patterns)


@lru_cache(maxsize=32)
def compiled(lexicons: LexiconSet) -> tuple[tuple[CompiledLexicon, ...], tuple[str, ...]]:
    allow = tuple(normalize(a) for a in lexicons.allow)
    return tuple(compile_lexicon(lex) for lex in lexicons.lexicons.values()), allow


def _candidates(compiled_lexicon: CompiledLexicon, norm: str, chars: frozenset[str] | set[str] | None = None) -> Iterator[tuple[int, int, LexiconEntry]]:
    if compiled_lexicon.literals is not None:
        for m in compiled_lexicon.literals.finditer(norm):
            yield m.start(), m.end(), compiled_lexicon.literal_entries[m.group(0)]
    if chars is None:
        chars = set(norm)
    firsts = compiled_lexicon.first or (None,) * len(compiled_lexicon.patterns)
    for (pattern, entry), first in zip(compiled_lexicon.patterns, firsts):
        if first is not None and first.isdisjoint(chars):
            continue  # no character a match could start with: the pattern cannot match this text
        for m in pattern.finditer(norm):
            if m.end() > m.start():
                yield m.start(), m.end(), entry


def _covered(patterns: tuple[re.Pattern[str] | TeamPattern, ...], norm: str, start: int, end: int,
             team_spans: dict[TeamPattern, Spans]) -> bool:
    """An exception pattern's match spans [start, end]. A built-in pattern is searched within
    EXCEPTION_WINDOW characters of the match; a team pattern's matches over the whole field are found
    once (kept in `team_spans`), each search reading at most 2 × MAX_TEAM_MATCH characters, so a
    field with many matches costs time linear in its length."""
    if end - start > MAX_EXCEPTION_SPAN:
        return False  # exceptions are phrases: none covers a match this long (a title of 200,000 dots)
    lo = max(0, start - EXCEPTION_WINDOW)
    hi = min(len(norm), end + EXCEPTION_WINDOW)
    for pattern in patterns:
        if isinstance(pattern, TeamPattern):
            spans = team_spans.get(pattern)
            if spans is None:
                spans = team_spans[pattern] = pattern.spans(norm)
            if spans.cover(start, end):
                return True
            continue
        for m in pattern.finditer(norm, lo, hi):
            if m.start() <= start and m.end() >= end:
                return True
    return False


def _clause_before(norm: str, start: int, window: int, cjk_gaps: bool = False) -> str:
    """What comes before `start` in its clause, at most `window` characters. With cjk_gaps, a space
    between two Chinese characters ends a clause too: captions separate sentences with spaces
    (百分之百是骗子 转给家里长辈看看)."""
    lo = max(0, start - window)
    before = norm[lo:start]
    breaks = [m.end() for m in CLAUSE_BREAK.finditer(before)]
    if cjk_gaps:
        breaks += [m.end() - lo for m in CJK_GAP.finditer(norm, lo, min(len(norm), start + 1)) if m.end() <= start]
    return before[max(breaks):] if breaks else before


def _clause_after(norm: str, end: int, window: int) -> str:
    after = norm[end : end + window]
    m = CLAUSE_BREAK.search(after)
    return after[: m.start()] if m else after


def _quoted(norm: str, start: int, end: int, reach: int = 8) -> bool:
    """The match sits inside quotes (a mention: 揭秘“点赞领红包”骗局, 如“点赞解锁下一期”)."""
    before = norm[max(0, start - reach) : start]
    after = norm[end : end + reach]
    for opening, closing in QUOTE_PAIRS.items():
        if opening == "'":  # an apostrophe inside a word (i'll, let's, don't) is no quote mark
            before, after = APOSTROPHE.sub("", before), APOSTROPHE.sub("", after)
        if opening == closing:
            if before.count(opening) % 2 == 1 and opening in after:
                return True
            continue
        open_at = before.rfind(opening)
        if open_at != -1 and closing not in before[open_at:] and closing in after:
            return True
    return False


def match_lexicon(compiled_lexicon: CompiledLexicon, field: str, text: str, norm: str, allow: tuple[str, ...],
                  chars: set[str] | None = None) -> tuple[list[Match], list[Suppressed]]:
    lexicon = compiled_lexicon.lexicon
    found: list[Match] = []
    dropped: list[Suppressed] = []
    team_spans: dict[TeamPattern, Spans] = {}
    allow_for: dict[str, tuple[str, ...]] = {}
    for start, end, entry in islice(_candidates(compiled_lexicon, norm, chars), MAX_MATCHES_PER_FIELD):
        match = Match(
            rule=lexicon.rule,
            field=field,
            start=start,
            end=end,
            text=text[start:end],
            term=entry.key,
            category=entry.category,
            level=entry.level,
            note=entry.note,
            weight=entry.weight,
        )
        reason = None
        patterns = compiled_lexicon.exceptions.get(entry.key)
        if patterns and _covered(patterns, norm, start, end, team_spans):
            reason = "exception"
        elif entry.negatable and compiled_lexicon.negation is not None and compiled_lexicon.negation.search(
            _clause_before(norm, start, lexicon.negation_window)
        ):
            reason = "negation"
        elif compiled_lexicon.mention is not None and (
            compiled_lexicon.mention.search(norm, end, end + lexicon.mention_window) or _quoted(norm, start, end)
        ):
            reason = "mention"
        elif _topic_mention(compiled_lexicon, norm, start, end):
            reason = "mention"
        elif compiled_lexicon.mention_before is not None and compiled_lexicon.mention_before.search(
            _clause_before(norm, start, lexicon.mention_window, cjk_gaps=True)
        ):
            reason = "mention"
        elif allow and any(_inside_allowed(norm, phrase, start, end) for phrase in _holding(allow, norm[start:end], allow_for)):
            reason = "allowed"
        if reason:
            dropped.append(Suppressed(match, reason))
        else:
            found.append(match)
    return _without_overlaps(found, text, by_category=lexicon.merge != "all"), dropped


def _holding(allow: tuple[str, ...], matched: str, cache: dict[str, tuple[str, ...]]) -> tuple[str, ...]:
    """The allowed phrases that contain `matched` (found once per matched text, so a long allow
    list is read once per distinct term, not once per match)."""
    phrases = cache.get(matched)
    if phrases is None:
        phrases = cache[matched] = tuple(p for p in allow if matched in p)
    return phrases


def _inside_allowed(norm: str, phrase: str, start: int, end: int) -> bool:
    lo = max(0, end - len(phrase))
    position = norm.find(phrase, lo, start + len(phrase))
    while position != -1 and position <= start:
        if position + len(phrase) >= end:
            return True
        position = norm.find(phrase, position + 1, start + len(phrase))
    return False


def _without_overlaps(matches: list[Match], text: str, by_category: bool = False) -> list[Match]:
    """Merge overlapping matches into one span (全国第一 + 第一品牌 → 全国第一品牌).

    The merged match keeps the term and category of the heaviest part (then the longest); its weight is the sum
    over distinct terms (竟然 + 竟然… are two signals), never the same term twice. With
    `by_category`, only matches of one category merge (a CTA lexicon keeps like and follow apart).
    """
    if by_category:
        merged: list[Match] = []
        for category in dict.fromkeys(m.category for m in matches):
            merged += _without_overlaps([m for m in matches if m.category == category], text)
        return sorted(merged, key=lambda m: (m.start, m.end))
    matches.sort(key=lambda m: (m.start, -(m.end - m.start)))
    kept: list[Match] = []
    for m in matches:
        if kept and m.start < kept[-1].end:
            last = kept[-1]
            main = m if (m.weight, m.end - m.start) > (last.weight, last.end - last.start) else last
            start, end = last.start, max(last.end, m.end)
            weight = last.weight if m.term == last.term else last.weight + m.weight
            parts = tuple(dict.fromkeys(last.categories + m.categories))
            kept[-1] = replace(main, start=start, end=end, text=text[start:end], weight=weight, parts=parts)
            continue
        kept.append(m)
    return kept


def analyze_field(field: str, text: str, lexicons: LexiconSet | None = None, rules: tuple[str, ...] | None = None) -> FieldFacts:
    """Match every lexicon (or only `rules`) against one field's text.

    `lexicons` defaults to the built-in ones; pass `configured_lexicons(config.lexicon)` to
    honour the user's extensions.
    """
    if lexicons is None:
        from prelint.text.lexicon import builtin_lexicons

        lexicons = builtin_lexicons()
    compiled_lexicons, allow = compiled(lexicons)
    norm = normalize(text)
    chars = set(norm)
    matches: list[Match] = []
    suppressed: list[Suppressed] = []
    for compiled_lexicon in compiled_lexicons:
        if rules is not None and compiled_lexicon.lexicon.rule not in rules:
            continue
        found, dropped = match_lexicon(compiled_lexicon, field, text, norm, allow, chars)
        matches += found
        suppressed += dropped
    return FieldFacts(field=field, text=text, matches=tuple(matches), suppressed=tuple(suppressed))
