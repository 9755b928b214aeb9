"""Title vs content: the pure decisions of the MATCH rules.

Each `judge_*` function takes the title, the video length (s, or None when unknown), the content
text (subtitles + on-screen text) and the rule's options, and returns Mismatch records. The rules
call them with ctx values; bench/mismatch_accuracy.py calls them on a labelled set without video.
Word lists live in lexicon.toml beside this file. jieba is imported on first use only.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from prelint.checks.match.quantities import end_of, start_of

LEXICON_PATH = Path(__file__).with_name("lexicon.toml")

# --------------------------------------------------------------------------- shared


@dataclass(frozen=True)
class Mismatch:
    """One way the title over-promises: where in the title, what was measured, how to fix it."""

    rule: str
    message: str
    hint: str
    start: int | None = None  # character offsets of the claim in the title
    end: int | None = None
    evidence: dict[str, Any] = field(default_factory=dict)
    level: str = ""  # "" = the rule's own level (RULE_LEVELS); "warn" when hype-gap escalates

    def __post_init__(self) -> None:
        if not self.level:
            object.__setattr__(self, "level", RULE_LEVELS.get(self.rule, "warn"))


RULE_CODES = {"duration-claim": "MATCH001", "count-claim": "MATCH002", "topic-mismatch": "MATCH003", "hype-gap": "MATCH004"}
#: Default levels. topic-mismatch is info, and warns only on its surest evidence (a named thing swapped
#: for another named thing, a promised dish/animal/product absent while another of its kind is shown
#: clearly, or a promised product absent from content of another category): judged on shared words and categories alone it was right about half the time on drafts it
#: had not seen.
RULE_LEVELS = {"duration-claim": "warn", "count-claim": "warn", "topic-mismatch": "info", "hype-gap": "info"}


#: Characters of a phrase, sentence head or subject given to jieba's part-of-speech tagger, and of a
#: title: its HMM costs about a third of a millisecond per unknown character (a 10,000-character
#: title of 不 took 15 s), and a phrase's head word or a title's topic words lie within these.
MAX_TAGGED_CHARS = 40
MAX_TITLE_TAGGED_CHARS = 300

#: A run of digits or Chinese numerals this long is no quantity. The judges read such a run as
#: filler of the same length (offsets unchanged): patterns searched from every position would
#: re-read it from each of its characters (a 20 KB title of digits took 78 s).
_LONG_NUMBER_RUN = re.compile(r"\d{24,}|[零〇一幺二两俩三四五六七八九十百千万亿几]{24,}")


def defuse_runs(text: str) -> str:
    """`text` with every run of 24 or more digits or numerals replaced by as many '#'."""
    return _LONG_NUMBER_RUN.sub(lambda m: "#" * len(m.group(0)), text) if text else text


@lru_cache(maxsize=1)
def lexicon() -> dict[str, Any]:
    import tomllib

    return tomllib.loads(LEXICON_PATH.read_text(encoding="utf-8"))


_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "俩": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_NUMBER = "[零〇一二两俩三四五六七八九十百]+"
NUMBER = rf"(?:\d+(?:\.\d+)?|{_CN_NUMBER}(?:个半)?|半)"
_EN_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
               "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "sixty": 60, "a": 1}


def parse_number(text: str) -> float | None:
    """'10' → 10, '十五' → 15, '二十' → 20, '两' → 2, '半' → 0.5, '一个半' → 1.5, 'five' → 5."""
    text = text.strip()
    if not text:
        return None
    if re.fullmatch(r"\d+(?:\.\d+)?", text):
        return float(text)
    if text.lower() in _EN_NUMBERS:
        return float(_EN_NUMBERS[text.lower()])
    half = 0.0
    if text.endswith("个半"):
        text, half = text[:-2], 0.5
    if text == "半":
        return 0.5
    total, current = 0, 0
    for ch in text:
        if ch in _CN_DIGITS:
            current = _CN_DIGITS[ch]
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        elif ch == "百":
            total += (current or 1) * 100
            current = 0
        else:
            return None
    return float(total + current) + half


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


def _normalise(text: str) -> str:
    return text.replace("　", " ").lower()


# --------------------------------------------------------------------------- duration-claim

_UNIT_SECONDS = {"秒钟": 1, "秒": 1, "分钟": 60, "分": 60, "个小时": 3600, "小时": 3600, "个钟头": 3600, "钟头": 3600,
                 "天": 86400, "s": 1, "sec": 1, "secs": 1, "second": 1, "seconds": 1, "min": 60, "mins": 60,
                 "minute": 60, "minutes": 60, "hour": 3600, "hours": 3600, "hr": 3600, "hrs": 3600, "day": 86400, "days": 86400}
_CLAIM_UNITS = "秒钟|秒|分钟|个小时|小时|个钟头|钟头"
_FILLER = r"(?:内|之内|以内|就|就能|就可以|就会|即可|便|能|可以|轻松|快速|教你|带你|让你|帮你|给你|自己|，|,|\s)*"
_EN_UNITS = "seconds|second|secs|sec|minutes|minute|mins|min|hours|hour|hrs|hr"


@dataclass(frozen=True)
class DurationClaim:
    """'10分钟搞定': seconds=600, kind='task' (the task takes N) or 'learn' (watching/learning takes N)."""

    text: str
    seconds: float
    kind: str
    verb: str
    start: int
    end: int


# a verb with a result ("化完", "逛完", "练出", "做好", "学会", "玩遍"): what the title promises to finish in N
_RESULT_VERB = r"[\u4e00-\u9fff]{1,2}?(?:完|好|出|成|定|遍|光|掉|会|懂|透|上|到)"
_GOAL_VERB = r"(?:瘦|减|涨|变|练|学|做|逛|玩|打造|改造|拿下|拿|换|修好|组装|从零|攻克|背|读|刷|吃|搞|化|画|剪|拍|装修|收拾)"
# what is made in that time, named without a verb: "10分钟快速出门妆", "15分钟快手晚餐"
_MADE_IN = r"[\u4e00-\u9fff]{0,3}?(?:妆|早餐|午餐|晚餐|便当|早饭|晚饭|甜品)(?![\u4e00-\u9fff]{0,2}(?:教程|分享|合集))"


# a follow-along session: the video itself should last the time the title names
_FOLLOW_ALONG_CN = re.compile(r"[\u4e00-\u9fff]{0,6}?(?P<word>跟练|跟跳|跟做|带练|陪练)")
_FOLLOW_ALONG_EN = re.compile(r"\bfollow[- ]along\b|\b(?:workout|work out|train|stretch|study|exercise)\s+with\s+me\b", re.IGNORECASE)
# one night as the whole time: 一晚上追完, 一夜学会 (not 一夜爆火, 一晚一千八)
_ONE_NIGHT = re.compile(r"(?<![第每])(?:一|1)(?:个)?(?:晚上|晚|夜)(?:之间)?")


def find_duration_claims(title: str) -> list[DurationClaim]:
    """Time promises in a title: "10分钟搞定", "3分钟化完全妆", "1小时逛完迪士尼", "7天练出腹肌", "只需半小时",
    "三到五分钟学会" (judged by its upper end), "learn X in five minutes", "abs in 7 days", "10-minute dinner"."""
    from prelint.checks.match.quantities import find_durations

    lex = lexicon()["duration"]
    learn, task = lex["learn_verbs"], lex["task_verbs"]
    # a verb done in the span with what it counted ("一周去了5个国家", "三个月读了20本书")
    done_count = r"[\u4e00-\u9fff]{1,2}?了(?=\s*(?:\d|[一二两三四五六七八九十几]))"
    verbs = re.compile(rf"(?:{_alternation(learn + task)}|{_RESULT_VERB}|{_GOAL_VERB}|{_MADE_IN}|{done_count})")
    leads = re.compile(rf"(?:{_alternation(lex['lead_words'])})\s*$")
    claims: list[DurationClaim] = []
    lower = title.lower()
    en_learn = re.search(rf"\b({_alternation(lex['english_learn_verbs'])})", lower)
    for d in find_durations(title):
        if d.unit_s < 60 and not re.search(r"[秒s]", d.text.lower()):
            continue
        before = title[: d.start]
        # "15min搞定" is a Chinese claim written with an English unit: the Chinese grammar decides
        rest_after = title[d.end :]
        after_filler = rest_after[(re.match(_FILLER, rest_after).end() if re.match(_FILLER, rest_after) else 0) :]
        chinese_claim = _is_chinese(after_filler[:1]) and verbs.match(after_filler) is not None or leads.search(before) is not None
        english = re.search(r"[a-z]", d.text.lower()) is not None and not chinese_claim
        if english:
            # "10-minute dinner", and the same without the hyphen: a singular unit after a number is an adjective
            hyphen = re.fullmatch(r"\S+-\S+", d.text) is not None or (
                re.fullmatch(r"\S+ (?:minute|second|hour|min|sec|day)", d.text.lower()) is not None and d.low_s > d.unit_s
                and re.match(r" [a-z]", title[d.end : d.end + 2].lower()) is not None)
            if not (re.search(r"\b(?:in|under|within|only|just)\s+(?:about\s+|less than\s+|only\s+|just\s+)?$", lower[: d.start]) or hyphen):
                continue
            if re.fullmatch(r"(?:[A-Z]\S*[ -])+[A-Z]\S*", d.text) and re.match(r"[ -][A-Z]", title[d.end : d.end + 2]):
                continue  # "The Five Minute Journal": a name in title case, no promise
            kind = "learn" if en_learn and d.unit_s < 86400 else "task"
            if _FOLLOW_ALONG_EN.search(lower) and d.unit_s < 86400:
                kind = "session"
            claims.append(DurationClaim(title[d.start : d.end] if hyphen else title[max(0, lower.rfind(" ", 0, max(0, d.start - 1)) + 1) : d.end].strip(),
                                        d.high_s, kind, en_learn.group(1) if en_learn else "", d.start, d.end))
            continue
        if before.endswith("第") or title[d.end : d.end + 1] in ("的", "后", "前") and not leads.search(before):
            continue
        rest = title[d.end :]
        filler = re.match(_FILLER, rest)
        after = rest[filler.end() if filler else 0 :]
        verb_match = verbs.match(after)
        lead = leads.search(before)
        follow_along = _FOLLOW_ALONG_CN.match(after)
        if follow_along and d.unit_s < 86400:
            # "15分钟全身燃脂跟练": the video is the session; it should last about that long
            claims.append(DurationClaim(title[d.start : d.end + (filler.end() if filler else 0) + follow_along.end()].strip(),
                                        d.high_s, "session", follow_along.group("word"), d.start, d.end))
            continue
        teaches = filler is not None and re.search(r"教你|带你", filler.group(0)) is not None
        if not verb_match and not lead and not (teaches and d.unit_s < 3600):
            continue
        if not verb_match and not lead:
            # "30秒教你叠T恤": the video teaches it in that time, whatever the verb
            claims.append(DurationClaim(title[d.start : d.end + filler.end()].strip(), d.high_s, "learn", "教你",  # type: ignore[union-attr]
                                        d.start, d.end + filler.end()))  # type: ignore[union-attr]
            continue
        verb = verb_match.group(0) if verb_match else ""
        kind = "learn" if verb in learn and d.unit_s < 86400 else "task"
        start = lead.start() if lead else d.start
        end = d.end + (filler.end() if filler else 0) + len(verb) if verb else d.end
        claims.append(DurationClaim(title[start:end].strip(), d.high_s, kind, verb or lead.group(0).strip(),  # type: ignore[union-attr]
                                    start, end))
    for m in _ONE_NIGHT.finditer(title):
        rest = title[m.end() :]
        filler = re.match(_FILLER, rest)
        verb_match = verbs.match(rest[filler.end() if filler else 0 :])
        if verb_match and not any(c.start <= m.start() < c.end for c in claims):
            # "一晚上追完这部剧", "一夜学会": a night, at most twelve hours
            end = m.end() + (filler.end() if filler else 0) + len(verb_match.group(0))
            claims.append(DurationClaim(title[m.start() : end], 12 * 3600.0, "task", verb_match.group(0), m.start(), end))
    return claims


@dataclass(frozen=True)
class TimeMention:
    """A time the content says the task takes ('炖2小时' → 7200 s, word '炖')."""

    text: str
    seconds: float
    word: str


# a time that says how old something is: a recipe, a brine or a shop handed down (传了三十年, 祖传三代)
_HERITAGE_BEFORE = re.compile(r"(?:传|流传|传承|祖传|传下来|开了|营业了)(?:了|下来)?(?:有|快|近|将近|差不多|足足)?$")


def content_process_times(content: str) -> list[TimeMention]:
    """Times near process words (炖/腌/发酵/bake...) in the content, each distinct phrase once."""
    lex = lexicon()["duration"]
    words = _alternation(lex["process_words"])
    lower = _normalise(content)
    found: dict[tuple[str, float], TimeMention] = {}
    from prelint.checks.match.quantities import find_durations

    for m in find_durations(lower):
        if m.unit_s < 60:
            continue  # seconds are never a meaningful share of a task's time
        if _SKIP_BEFORE.search(lower[max(0, m.start - 4) : m.start]):
            continue  # 每天30分钟: a routine, not the task's time
        before = lower[max(0, m.start - 12) : m.start]
        after = lower[m.end : m.end + 4]
        near = re.findall(words, before) or re.findall(words, after)
        if not near:
            continue
        if _HERITAGE_BEFORE.search(before):
            continue  # 卤水我家传了三十多年: the age of the brine or the recipe, not the task's time
        seconds = m.low_s
        in_before = list(re.finditer(words, before))
        word = in_before[-1].group(0) if in_before else near[0]
        snippet_start = m.start - len(before) + in_before[-1].start() if in_before else m.start
        snippet_end = m.end if in_before else m.end + len(near[0]) + after.find(near[0])
        found.setdefault((word, seconds), TimeMention(content[snippet_start:snippet_end].strip(), seconds, word))
    # several overnight mentions ("前一晚…泡", "冷藏一晚") are usually the same night: count one,
    # preferring a phrase where the process word comes first ("冷藏一晚")
    overnight: list[tuple[bool, TimeMention]] = []
    for m in re.finditer(_alternation(lex["overnight_words"]), lower):
        window_start = max(0, m.start() - 8)
        near = list(re.finditer(words, lower[window_start : m.end() + 4]))
        if near:
            before_word = [n for n in near if window_start + n.start() < m.start()]
            word = before_word[-1] if before_word else near[0]
            snippet_start = min(window_start + word.start(), m.start())
            snippet_end = max(window_start + word.end(), m.end())
            overnight.append((bool(before_word), TimeMention(content[snippet_start:snippet_end].strip(),
                                                             lex["overnight_hours"] * 3600, word.group(0))))
    if overnight:
        best = next((mention for word_first, mention in overnight if word_first), overnight[0][1])
        found[(best.word, -1.0)] = best
    return list(found.values())


def _claim_repeated(claim: DurationClaim, content: str) -> str | None:
    """The content restates the claim ('10分钟出锅', '十分钟就做好'): the phrase, else None."""
    lex = lexicon()["duration"]
    verbs = _alternation(lex["task_verbs"] + lex["learn_verbs"])
    patterns = [rf"(?P<num>{NUMBER})\s*(?P<unit>{_CLAIM_UNITS}){_FILLER}(?:{verbs})"]
    if claim.verb and _is_chinese(claim.verb[0]):
        # the claim's own verb first: "10分钟备好" restated as "备菜十分钟就够了"
        patterns.append(rf"{re.escape(claim.verb[0])}[\u4e00-\u9fff]{{0,2}}?(?:了|用了|花了)?(?P<num>{NUMBER})\s*(?P<unit>{_CLAIM_UNITS})")
    # the task itself, said apart from what surrounds it: "做这个早餐本身真的就十分钟左右", "the cooking itself took ten minutes"
    patterns.append(rf"(?:本身|其实|实际上?|真正)[\u4e00-\u9fff]{{0,4}}?(?:用了|花了)?(?P<num>{NUMBER})\s*(?P<unit>{_CLAIM_UNITS})")
    for pattern in patterns:
        for m in re.finditer(pattern, content):
            value = parse_number(m.group("num"))
            if value is not None and abs(value * _UNIT_SECONDS[m.group("unit")] - claim.seconds) <= 0.2 * claim.seconds:
                return m.group(0)
    return None


def _clock(seconds: float) -> str:
    seconds = round(seconds)
    if seconds >= 3600:
        return f"{seconds // 3600}h{seconds % 3600 // 60:02d}m"
    return f"{seconds // 60}:{seconds % 60:02d}"


def _is_chinese(text: str) -> bool:
    return re.search(r"[\u4e00-\u9fff]", text) is not None


def _length_hint(claim: DurationClaim, duration_s: float) -> str:
    """Promise the real length, rounded up to a whole minute (or 10 s under a minute)."""
    import math

    if duration_s < 60:
        real = f"{math.ceil(duration_s / 10) * 10:.0f}秒" if _is_chinese(claim.text) else f"{math.ceil(duration_s / 10) * 10:.0f} seconds"
    else:
        minutes = math.ceil(duration_s / 60)
        real = f"{minutes}分钟" if _is_chinese(claim.text) else f"{minutes} minutes"
    if _is_chinese(claim.text):
        return f"Promise the real length ('{real}{claim.verb}') or cut the video to {_clock(claim.seconds)}"
    return f"Promise the real length ('in {real}') or cut the video to {_clock(claim.seconds)}"


@dataclass(frozen=True)
class EffortTime:
    """A time the content says something took ("底妆就花了十五分钟", "我练了大半年", "it took me two hours").
    part: the content says a PART alone took it (光/就/单/alone), so the whole took longer.
    learning: the time was spent practising or learning (练了, 学了, "I've been practicing");
    own: the creator tells what it took them (我…, a verb with 了, "I/we/took me"), not advice to the viewer."""

    text: str
    seconds: float  # the low end of what is written
    part: bool
    learning: bool = False
    own: bool = False


_EFFORT_BEFORE = re.compile(r"(?:(?:花了|用了|花费了?|耗了|(?<![为除到好对算给送留剩])[\u4e00-\u9fff]了)(?:我|我们|他|她|他们|她们|咱们|俺)?"
                            r"|耗时|足足|整整|一共|总共|前后|坚持|光是|单是|光)(?:将近|快|差不多|大概|至少|有|近|约|整整|足足)?$")
_EFFORT_AFTER = re.compile(r"^了?(?:才|下来|的时间|之久)")
# how long it has gone on so far: "到现在半年了", "已经三个月了", "都两年了"
_SO_FAR_CUE = re.compile(r"(?:到现在|至今|到今天|如今|已经|都)(?:有|快|差不多|将近|整整)?$")
# what the time so far brought: "从过年到现在五个多月的变化"
_SO_FAR_RESULT = re.compile(r"的(?:变化|成果|效果|结果|成绩|进步)")
_PART_BEFORE = re.compile(r"(?:光|就|单|仅|单单|光是|单是|仅仅)")
_SKIP_BEFORE = re.compile(r"(?:平时|通勤|上班|睡了)")
# a routine names its period (每天30分钟, "every day for an hour"): a time shorter than the period is the
# routine's amount, not what the task took; a longer one is how long the routine went on (每天练，坚持了三个月)
_ROUTINE = re.compile(r"(?:每|一)(?P<cn>天|日|晚|周|星期|礼拜|次|个月|月)|\b(?:every(?:\s+single)?|each|per|a|one)\s+(?P<en>day|night|"
                      r"morning|evening|week|session|month)\b|\b(?P<daily>daily|nightly|weekly)\b", re.IGNORECASE)
_ROUTINE_PERIOD = {"天": 86400, "日": 86400, "晚": 86400, "周": 604800, "星期": 604800, "礼拜": 604800, "次": 86400, "个月": 2_592_000,
                   "月": 2_592_000, "day": 86400, "night": 86400, "morning": 86400, "evening": 86400, "week": 604800,
                   "session": 86400, "month": 2_592_000, "daily": 86400, "nightly": 86400, "weekly": 604800}


def _routine_amount(before: str, seconds: float) -> bool:
    """The time is the amount of a routine named just before it (每天30分钟, "every day for an hour")."""
    found = list(_ROUTINE.finditer(before))
    if not found:
        return False
    last = found[-1]
    period = _ROUTINE_PERIOD[(last.group("cn") or last.group("en") or last.group("daily")).lower()]
    return seconds < period


# times that are not the task's: a career or a shop's age (做了五年厨师, 三年经验, 烧烤摊开了八年,
# "I've been a chef for ten years", "ten years of experience")
_ROLE_WORDS = re.compile(r"(?:厨师|师傅|老师|医生|护士|司机|主播|博主|妈妈|爸爸|宝妈|宝爸|学生|经验|工龄|教龄|驾龄|这行|行业|工作|兵)$"
                         r"|^[\u4e00-\u9fff]+(?:师|员|工|者|匠|家|长)$")
_ROLE_SKIP = {"的", "老", "全职", "专业", "资深", "职业", "多", "了"}
_SHOP_AGE_BEFORE = re.compile(r"(?:店|摊|馆|铺|厂|公司|账号|频道|号)(?:已经|都|也)?(?:开了|干了|做了|营业了)$")
_EN_INCIDENTAL_BEFORE = re.compile(r"\b(?:been|was|were|am|is|are|worked as|working as|work as)\s+(?:an?|the|my)\s+[a-z-]+(?:\s+[a-z-]+)?"
                                   r"\s+(?:for|over)\s+(?:about\s+|almost\s+|nearly\s+|over\s+)?$", re.IGNORECASE)
_EN_INCIDENTAL_AFTER = re.compile(r"^\s*(?:of (?:experience|work|teaching|cooking|coaching)|in (?:the|this) (?:industry|business|job|field|trade)|"
                                  r"as an?\b)", re.IGNORECASE)


def _incidental(before: str, after: str) -> bool:
    """The time belongs to a career, an experience, a shop's or a recipe's age, not to the task (做了五年厨师,
    卤水传了三十年)."""
    if _SHOP_AGE_BEFORE.search(before) or _HERITAGE_BEFORE.search(before):
        return True
    if re.search(r"[a-z]", before[-12:], re.IGNORECASE) and not _is_chinese(before[-4:]):
        return bool(_EN_INCIDENTAL_BEFORE.search(before) or _EN_INCIDENTAL_AFTER.match(after))
    head = re.split(r"[，,。！!？?；;\s]", after, maxsplit=1)[0][:8]
    if not head:
        return False
    _jieba()
    import jieba.posseg as posseg

    # the noun phrase after the time ("幼儿园老师"): a role or experience word in it, before any verb
    for pair in posseg.cut(head):
        word, flag = pair.word.strip(), pair.flag
        if not word or word in _ROLE_SKIP:
            continue
        if len(word) >= 2 and _ROLE_WORDS.search(word):
            return True
        if not flag.startswith("n"):
            return False
    return False


_LEARNING = re.compile(r"练|学|背|摸索|琢磨|卡了|折磨|上课|课程|才会|才能|才敢|\b(?:practi[cs]|learn|train|rehears|taught myself|stud(?:y|ied)|"
                       r"teach(?:ing)? myself|lessons?|classes|course|to (?:play|get|do|master|ride|swim|speak|draw|sing))", re.IGNORECASE)
_OWN_CN = re.compile(r"我|俺|咱|[\u4e00-\u9fff]了")
_OWN_EN = re.compile(r"\b(?:i|i've|i'm|i'd|we|we've|we're|me|my|us|our)\b", re.IGNORECASE)
_SKIP_AFTER = re.compile(r"^(?:后|前|以后|以前|之后|之前|内|之内|以内|左右就|就能|就可以|就好|就行|即可)")
_EN_EFFORT = re.compile(r"\b(?:took|take|takes|taking|spent|spend|spending|after|waited|queued|needed|it's been|practiced|practised|trained|"
                        r"training|worked|for|more like|closer to|(?:was|were|been|stayed)\s+(?:in|at|out)\s+(?:the\s+|my\s+|our\s+)?[a-z]+(?:\s+for)?)\s+(?:me\s+|us\s+|him\s+|her\s+|them\s+)?(?:about\s+|around\s+|over\s+|almost\s+|nearly\s+|"
                        r"at least\s+|like\s+|more than\s+|a good\s+|basically\s+|literally\s+|pretty much\s+|practically\s+)?$", re.IGNORECASE)
_EN_PART = re.compile(r"\b(?:alone|just the|only the|the queue|the line|waiting)\b", re.IGNORECASE)
_EN_SO_FAR_AFTER = re.compile(r"\s+(?:into\s+(?:[a-z]+ing|my|this|the|it|our)\b|in\s*[,;:—–-])", re.IGNORECASE)
# the month or year of an undertaking it is now in: "这是我背单词的第二个月", "今天是练琴的第三年"
_CN_NTH_PERIOD = re.compile(rf"(?:是|到了|进入)[^，,。！？!?；;\n]{{0,12}}?第(?P<n>{_CN_NUMBER}|\d+)(?P<unit>个月|年|个星期|周)")
_NTH_DONE = re.compile(rf"第\s*(?P<n>{_CN_NUMBER}|\d+)\s*(?P<unit>天|周)|\b(?P<enunit>day|week)\s+(?P<en>\d+|two|three|four|five|six|seven|"
                       r"eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|twenty|thirty)\b", re.IGNORECASE)
_DONE_AT_LAST = re.compile(r"才|终于|总算|完成|做到|成功|\b(?:finally|finished|made it|did it|first)\b", re.IGNORECASE)
_NTH_DAY_S = {"天": 86400.0, "周": 604800.0, "day": 86400.0, "week": 604800.0}
_NTH_UNIT_S = {"个月": 2_592_000, "年": 31_536_000, "个星期": 604_800, "周": 604_800}


def content_effort_times(content: str) -> list[EffortTime]:
    """Times the content says something took: a verb + 了 + time (练了大半年, 排了一个半小时), 花了/用了/足足/整整
    + time, time + 才/下来, "took me / spent / after" + time. Per-day routines (每天30分钟), times later or
    before (三天后) and times the claim itself allows (十分钟内) are not effort."""
    from prelint.checks.match.quantities import find_durations

    out: list[EffortTime] = []
    for d in find_durations(content):
        clause_start = start_of(content, d.start, "。！？!?；;，,\n")
        sentence_start = start_of(content, d.start, "。！？!?；;\n")
        before = content[max(clause_start, d.start - 10) : d.start]
        after = content[d.end : d.end + 4]
        english = re.search(r"[a-z]", d.text.lower()) is not None
        if english:
            window = content[max(0, d.start - 40) : d.start]
            # how long it has gone on so far: "two years into learning Spanish", "eight months in, …"
            so_far_en = _EN_SO_FAR_AFTER.match(content[d.end : d.end + 24]) is not None and d.low_s >= 86400
            if not (_EN_EFFORT.search(window) or so_far_en) or _routine_amount(window[-24:], d.low_s):
                continue
            routine_after = re.match(r"\s*(?:(?:a|per|each|every(?:\s+single)?)\s+(?:day|night|morning|evening|week|session|month)|daily|nightly|weekly)\b",
                                     content[d.end : d.end + 24], re.I)
            if routine_after and _routine_amount(routine_after.group(0), d.low_s):
                continue
            if _incidental(window, content[d.end : d.end + 30]):
                continue
            part = _EN_PART.search(content[max(0, d.start - 60) : d.start]) is not None
            sentence = content[max(sentence_start, d.start - 80) : d.start]
            sentence_end = end_of(content, d.end, ".!?;\n")
            whole = content[max(sentence_start, d.start - 80) : min(sentence_end, d.end + 60)]
            out.append(EffortTime(d.text, d.low_s, part, _LEARNING.search(whole) is not None, _OWN_EN.search(sentence) is not None))
            continue
        if _SKIP_BEFORE.search(before[-6:]) or _SKIP_AFTER.match(after) or _routine_amount(content[max(sentence_start, d.start - 12) : d.start], d.low_s):
            continue
        so_far = _SO_FAR_CUE.search(before) is not None and (after.startswith("了") or _SO_FAR_RESULT.match(content[d.end:d.end + 4]) is not None)
        if not (_EFFORT_BEFORE.search(before) or _EFFORT_AFTER.match(after) or so_far or d.text.startswith(("整整", "足足"))):
            continue
        if _incidental(before, content[d.end : d.end + 10]):
            continue
        part = _PART_BEFORE.search(before) is not None
        snippet_start = d.start - len(before) + (_EFFORT_BEFORE.search(before).start() if _EFFORT_BEFORE.search(before) else len(before))
        sentence = content[max(sentence_start, d.start - 30) : d.end + 4]
        out.append(EffortTime(content[snippet_start : d.end].strip(), d.low_s, part, _LEARNING.search(sentence) is not None,
                              _OWN_CN.search(content[max(sentence_start, d.start - 30) : d.start]) is not None))
    for m in _CN_NTH_PERIOD.finditer(content):
        n = parse_number(m.group("n"))
        if not n or n < 2 or n != int(n):
            continue  # the first month is under a month so far
        sentence_start = start_of(content, m.start(), "。！？!?；;\n")
        sentence_end = end_of(content, m.end(), "。！？!?；;\n")
        sentence = content[sentence_start:sentence_end]
        out.append(EffortTime(m.group(0)[1:] if m.group(0).startswith("是") else m.group(0), (n - 1) * _NTH_UNIT_S[m.group("unit")],
                              False, _LEARNING.search(sentence) is not None, _OWN_CN.search(sentence) is not None))
    # the day or week on which it was done at last: 第三天才把西六宫逛完, 第53天 终于裂开冒芽了, "This is week nine … today I finished"
    for m in _NTH_DONE.finditer(content):
        n = parse_number(m.group("n") or m.group("en") or "")
        unit = (m.group("unit") or m.group("enunit") or "").lower()
        if not n or n < 2 or n != int(n):
            continue
        sentence_start = start_of(content, m.start(), "。！？!?；;\n")
        sentence_end = end_of(content, m.end(), "。！？!?；;\n")
        after = content[m.end() : sentence_end] + content[sentence_end : sentence_end + 60]
        if not _DONE_AT_LAST.search(after if m.group("en") else content[m.end() : sentence_end]):
            continue
        out.append(EffortTime(m.group(0), n * _NTH_DAY_S[unit], False, _LEARNING.search(content[sentence_start:sentence_end]) is not None,
                              _OWN_CN.search(content[sentence_start:sentence_end]) is not None or m.group("en") is not None))
    out += _day_log_span(content) + _weekday_run(content)
    return out


def _day_log_span(content: str) -> list[EffortTime]:
    """A log from its first day to its last: "第1天 118斤 → 第30天 108斤", "Day 1 … Day 21" took 30 (21) days."""
    days: dict[str, list[tuple[float, str]]] = {}
    for m in _NTH_DONE.finditer(content):
        n = parse_number(m.group("n") or m.group("en") or "")
        unit = (m.group("unit") or m.group("enunit") or "").lower()
        if n and n == int(n):
            days.setdefault(unit, []).append((n, m.group(0)))
    out = []
    for unit, seen in days.items():
        numbers = [n for n, _ in seen]
        if 1 in numbers and max(numbers) >= 2:
            last = max(seen)[1]
            out.append(EffortTime(f"{min(seen)[1]} … {last}", max(numbers) * _NTH_DAY_S[unit], False, False, True))
    return out


def _weekday_run(content: str) -> list[EffortTime]:
    """Work told day by day and finished on the last day named: "周六开始刮腻子，周日刷底漆，周一又上了两遍
    面漆，终于刷完了" took from Saturday to Monday, three days."""
    from prelint.checks.match.quantities import find_weekdays

    points = find_weekdays(content)
    if len({int(p.low) for p in points}) < 2:
        return []
    last = points[-1]
    sentence_end = end_of(content, last.end, "。！？!?；;\n")
    if not _DONE_AT_LAST.search(content[last.end:sentence_end]):
        return []
    # from the start of the first day named to the end of the last (周五晚上 … 周日下午: the parts of a day count)
    end = points[0].low
    for point in points[1:]:
        low = point.low
        while low < end:
            low += 7.0  # a later day that comes out earlier is in the next week
        end = low
    days = end + (last.high - last.low) - points[0].low
    if days < 1.5:
        return []
    return [EffortTime(f"{points[0].text} … {last.text}", days * 86400.0, False, False, True)]


# Points in time that open and close what the content describes: "早上八点半从午门进去 … 出来的时候已经下午
# 三点多了", "九点就开始准备 … 一直忙到下午四点", "去年五月开始学 … 到八月底才敢", "from 9am to 4pm".
_SPAN_START_AFTER = re.compile(r"^(?:份|多|左右|钟)?\s*(?:就|才|便|准时|我们|我|大家)?\s*[\u4e00-\u9fff]{0,2}?(?:开始|出发|动身|动工|开工|进去|进门|进园|入园|进场|从|起床|到了|到达|上山|下锅|动手|报名|报的名|报了名|入职|入坑|开练|开学)")
_APPROX = r"(?:快|将近|差不多|大概|大约|约|近|接近)?"
_SPAN_START_BEFORE = re.compile(rf"(?:从|自从|自){_APPROX}$")
_SPAN_END_BEFORE = re.compile(rf"(?:到|忙到|一直到|直到|已经|已|才|都|结束时|结束已经|的时候已经|时已经)(?:了|是)?{_APPROX}\s*$")
_SPAN_END_AFTER = re.compile(r"^(?:份|多|左右|钟)?\s*(?:底)?(?:[\u4e00-\u9fff]{0,4}?|的[\u4e00-\u9fff]{1,4}?)(?:才|结束|收工|完成|搞定|做完|忙完|逛完|出来|到家|回家|回到家|上桌|出锅|下山|收尾|"
                             r"还在|还没|都还|回(?:家|酒店|宾馆|民宿|住处|去|来)|返回|离开|出园|离园|闭园)")
_EN_SPAN_START = re.compile(r"\b(?:start(?:ed|ing)?|beg[au]n|arrived|got there|got in|set off|set out|left home|headed out|from|since|"
                            r"picked up|took up|got into|signed up|opened|kicked off|got going)\b[^.!?;]{0,32}$", re.I)
_EN_SPAN_END = re.compile(r"\b(?:until|till|to|finished|done|wrapped up|by the time|by|got out|walked out|left at|it was already|it was|"
                          r"still|the last|the final)\b[^.!?;]{0,40}$", re.I)


_UNTIL_BEFORE = re.compile(r"(?:\buntil|\btill|一直到|直到)\s*$", re.IGNORECASE)


def content_time_spans(content: str) -> list[EffortTime]:
    """How long the content says the whole thing took, from the points in time that open and close
    it: a clock time or month with a start cue (从…, …开始/出发/进去, started/from) and a later one with
    an end cue (到/已经/才…, …结束/出来, until/by/to). The span is the low end: 八点半 → 三点多 is 6h30."""
    from prelint.checks.match.quantities import find_clock_times, find_months

    from prelint.checks.match.quantities import find_weekdays

    out: list[EffortTime] = []
    for points, unit_s, wrap, longest in ((find_clock_times(content), 60.0, 720.0, 1440.0),
                                          (find_weekdays(content), 86400.0, 7.0, 7.0),
                                          (find_months(content), 86400.0, 360.0, 3 * 360.0)):
        starts, ends = [], []
        for p in points:
            clause_start = start_of(content, p.start, "。！？!?；;\n")
            clause_end = end_of(content, p.end, "。！？!?；;，,\n")
            before, after = content[max(clause_start, p.start - 12) : p.start], content[p.end : min(clause_end, p.end + 40)]
            english = re.search(r"[a-z]", p.text.lower()) is not None or re.fullmatch(r"[\d:：]+", p.text) is not None
            if english and not _is_chinese(content[max(0, p.start - 2) : p.end + 2]):
                wide = content[max(clause_start, p.start - 56) : p.start]
                if _EN_SPAN_START.search(wide):
                    starts.append(p)
                if _EN_SPAN_END.search(wide):
                    ends.append(p)
                continue
            if _SPAN_START_BEFORE.search(before) or _SPAN_START_AFTER.match(after):
                starts.append(p)
            if _SPAN_END_BEFORE.search(before) or _SPAN_END_AFTER.match(after):
                ends.append(p)
        if not starts:
            # "Mixed it Friday night … until Sunday morning": an explicit "until" closes a span that
            # opens at the first point before it
            strong = [p for p in ends if _UNTIL_BEFORE.search(content[max(0, p.start - 14) : p.start])]
            earlier = [p for p in points if strong and p.start < strong[-1].start]
            if not earlier:
                continue
            starts = earlier[:1]
        first = starts[0]
        closing = [p for p in ends if p.start > first.start]
        if not closing:
            continue
        last = closing[-1]
        span = last.low - first.high
        if span <= 0 and not last.pinned:
            span += wrap
        elif span <= 0 and unit_s == 60.0 and last.high < 6 * 60 <= first.low:
            span += 1440.0  # 晚上八点 … 凌晨一点: past midnight
        if 0 < span < longest:
            out.append(EffortTime(f"{first.text}…{last.text}", span * unit_s, False))
    return out


# the creator's long practice offered as what the viewer is spared: not a contradiction of a quick learn promise
_CONDENSED = re.compile(r"so (?:that )?you (?:don't|do not|won't|will not|can|can skip)|so you'?ll|you don't have to|for you\b|save you|"
                        r"帮你|帮大家|替你|让你|省得你|你们不用|你不用|省下|少走弯路|总结", re.IGNORECASE)


#: A video this much longer (s) than a short "N秒学会/教你" promise, at least, breaks it: 15 s for "10秒教你"
#: is the same promise kept.
LEARN_MIN_OVERRUN_S = 10.0

#: A follow-along video shorter than this share of the session its title names is not that session.
SESSION_SHARE = 0.5

#: A described time this long (30 days) under a promise of less than a day is background (an age, a
#: history, a state), not what the task took.
BACKGROUND_S = 30 * 86400


def judge_duration(title: str, duration_s: float | None, content: str, *, length_tolerance: float = 0.25,
                   task_tolerance: float = 0.5) -> list[Mismatch]:
    """'N分钟学会/看懂' vs the video's length; 'N分钟搞定/化完/逛完', 'N天练出' vs the times the content
    describes: process times (炖2小时, 冷藏一晚) and what the content says things took (底妆就花了十五分钟,
    我练了大半年, 光排队就排了一个半小时)."""
    title, content = defuse_runs(title), defuse_runs(content)
    out: list[Mismatch] = []
    times = content_process_times(content)
    spans = content_time_spans(content)
    efforts = content_effort_times(content) + spans
    for claim in find_duration_claims(title):
        evidence: dict[str, Any] = {"claim": claim.text, "claim_s": claim.seconds, "kind": claim.kind}
        if (duration_s is not None and claim.kind == "learn"
                and duration_s > claim.seconds + max(claim.seconds * length_tolerance, LEARN_MIN_OVERRUN_S)):
            evidence |= {"video_s": round(duration_s, 2), "over_ratio": round(duration_s / claim.seconds, 2)}
            out.append(Mismatch(
                "duration-claim",
                f"Title promises '{claim.text}' but the video runs {_clock(duration_s)} "
                f"({duration_s / claim.seconds:.1f}× the promised {_clock(claim.seconds)})",
                _length_hint(claim, duration_s),
                claim.start, claim.end, evidence))
            continue
        if claim.kind == "session":
            if duration_s is not None and duration_s < claim.seconds * SESSION_SHARE:
                evidence |= {"video_s": round(duration_s, 2), "under_ratio": round(duration_s / claim.seconds, 2)}
                out.append(Mismatch(
                    "duration-claim",
                    f"Title promises a {_clock(claim.seconds)} session to follow ('{claim.text}') but the video runs "
                    f"{_clock(duration_s)}",
                    ("Name what the clip holds ('燃脂跟练片段', '完整版见合集'), or post the whole session"
                     if _is_chinese(claim.text) else "Say it is a preview of the session, or post the whole session"),
                    claim.start, claim.end, evidence))
            continue
        if claim.kind != "task" and claim.seconds < 3600:
            # "3分钟学会" promises the viewer's minutes; it is contradicted only by the creator's own practice
            # of a day or more ("I've been practicing every day for three months", 我练了半年) when the content
            # does not offer it as what the viewer is spared (so you don't have to, 帮你省下)
            practice = [e for e in efforts if e.learning and e.own and e.seconds >= 86400]
            if practice and not _CONDENSED.search(content):
                longest = max(practice, key=lambda e: e.seconds)
                evidence |= {"described_s": longest.seconds, "described": [e.text for e in practice], "part": False}
                out.append(Mismatch(
                    "duration-claim",
                    f"Title promises '{claim.text}' but the content says learning it took {_span(longest.seconds)} "
                    f"({', '.join(e.text for e in practice)})",
                    ("Promise what the video teaches in that time ('3分钟学会第一个和弦'), or the real practice time"
                     if _is_chinese(claim.text) else
                     "Promise what the video teaches in that time ('your first chord in 5 minutes'), or the real practice time"),
                    claim.start, claim.end, evidence))
            continue
        repeated = _claim_repeated(claim, content)
        if repeated:
            continue  # the content states the same time: the claim is what the video shows
        claim_times, claim_efforts = times, efforts
        if claim.kind == "task" and claim.seconds < 86400:
            # months and years under a minutes-or-hours promise are background, not the task: a pickle's
            # age (妈腌了大半年的酸菜), a grandfather's forty years at a stall, a door squeaking for three
            # years; only the creator's own learning of it (我练了半年) is held against the promise
            claim_times = [t for t in times if t.seconds < BACKGROUND_S]
            # (a span the content opens and closes, 从国庆织到元旦, is the task's own time however long)
            claim_efforts = [e for e in efforts if e.seconds < BACKGROUND_S or (e.own and e.learning) or e in spans]
        # a process the title itself names beside the promise is the part it leaves out: 提前一晚腌好，早上15分钟出锅
        claim_times = [t for t in claim_times if t.word not in title]
        claim_described_s = sum(t.seconds for t in claim_times)
        if claim_described_s > claim.seconds * (1 + task_tolerance):
            evidence |= {"described_s": claim_described_s, "described": [t.text for t in claim_times]}
            out.append(Mismatch(
                "duration-claim",
                f"Title promises '{claim.text}' but the content describes {_clock(claim_described_s)} of "
                f"{'/'.join(dict.fromkeys(t.word for t in claim_times))} ({', '.join(t.text for t in claim_times)})",
                ("Promise the real total time, or say which part is fast ('10分钟备菜', '10分钟上手') instead of the whole dish"
                 if _is_chinese(claim.text) else
                 "Promise the real total time, or say which part is quick ('10 minutes of prep') instead of the whole dish"),
                claim.start, claim.end, evidence))
            continue
        over = [e for e in claim_efforts if (e.part and e.seconds > claim.seconds) or e.seconds >= claim.seconds * (1 + task_tolerance)]
        if over:
            longest = max(over, key=lambda e: e.seconds)
            evidence |= {"described_s": longest.seconds, "described": [e.text for e in over],
                         "part": any(e.part for e in over)}
            whole = "a part alone takes" if longest.part else "the content says it took"
            out.append(Mismatch(
                "duration-claim",
                f"Title promises '{claim.text}' but {whole} {_span(longest.seconds)} ({', '.join(e.text for e in over)})",
                ("Promise the real time, or say which part is fast instead of the whole task"
                 if _is_chinese(claim.text) else "Promise the real time, or say which part is quick instead of the whole task"),
                claim.start, claim.end, evidence))
    return out


def _span(seconds: float) -> str:
    """A long span in words: '1h30m', '3 days', '6 months'."""
    if seconds >= 60 * 86400:
        return f"{seconds / (30 * 86400):.0f} months"
    if seconds >= 2 * 86400:
        return f"{seconds / 86400:.0f} days"
    return _clock(seconds)


# --------------------------------------------------------------------------- count-claim

_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩"
_CLAUSE_OPEN = r"(?:^|(?<=[\s。！？!?；;，,：:]))"


@dataclass(frozen=True)
class CountClaim:
    text: str
    count: int
    noun: str
    start: int
    end: int

    @property
    def is_steps(self) -> bool:
        """Tips, ways, moves, steps (enumerated with 首先…然后…最后) rather than things (dishes, books, places)."""
        return self.noun.lower() not in lexicon()["count"]["thing_nouns"]

    @property
    def is_days(self) -> bool:
        return self.noun in ("天", "days", "day")


_MEASURE_NOUNS = {"seconds", "secs", "minutes", "mins", "hours", "hrs", "days", "weeks", "months", "years", "dollars", "bucks",
                  "pounds", "euros", "kgs", "lbs", "miles", "kilometers", "kilometres", "kms", "meters", "metres", "steps",
                  "times", "percent", "people", "kids", "children", "guys", "girls", "boys", "friends", "cats", "dogs",
                  "grams", "calories", "reps", "sets", "pieces", "floors", "levels", "stars", "likes", "views", "followers",
                  "subscribers", "points", "goals", "inches", "feet", "degrees", "ingredients"}


_MEASURE_UNITS = {"second", "sec", "minute", "min", "hour", "hr", "day", "week", "month", "year", "dollar", "buck", "pound", "step",
                  "ingredient", "mile", "kilo", "kg", "lb", "calorie", "rep", "piece", "night", "inch", "foot"}


# classifiers that count the items of a list whatever the noun ("5个隐藏设置", "八个和弦", "9件神器")
_CLAIM_CLASSIFIERS = "个|件|款|样|种|条|部|本|首|道|家|位"
# what such a classifier may measure instead: time, people and animals, amounts ("3个月", "两个人", "两个宝宝")
_MEASURED = re.compile(r"(?:月|小时|钟|星期|礼拜|工作日|晚上|周末|人|孩子|娃|宝宝|女儿|儿子|朋友|闺蜜|同学|室友|老师|男人|女人|男生|女生|"
                       r"猫|狗|字|亿|万|千|百|多|半|点|平|方|左右|以上|以内|之内|内)")


@lru_cache(maxsize=1024)
def _last_noun(phrase: str) -> str | None:
    """The head noun of a title's counted phrase: its last word when jieba reads it as a noun ("神仙护肤品"
    → 护肤品, "隐藏设置" → 设置)."""
    _jieba()
    import jieba.posseg as posseg

    words = [w for w in posseg.cut(phrase[-MAX_TAGGED_CHARS:]) if w.word.strip()]
    if not words or not (words[-1].flag[:1] in ("n", "v") or words[-1].flag in ("eng", "vn")):
        return None
    if words[0].flag[:1] == "n" and len(words) > 2 and words[1].word == "的":
        return None  # "两个鸡蛋的早餐": the count measures the 鸡蛋 of one breakfast, not a list
    return words[-1].word


def find_count_claims(title: str) -> list[CountClaim]:
    lex = lexicon()["count"]
    nouns = _alternation(lex["item_nouns"])
    classifiers = _alternation(lex["classifiers"])
    claims = []
    # "5个技巧", "5个让你变瘦的习惯" (a short gap after the classifier), "3招", "五家火锅"
    strong = _alternation(lex["strong_classifiers"])
    pattern = re.compile(rf"(?P<num>{NUMBER})\s*(?:(?P<cls>{classifiers})(?P<gap>[^\d\s，,。！？!?、：:]{{0,12}}?))?(?P<noun>{nouns})"
                         rf"|(?P<num2>{NUMBER})\s*(?P<strong>{strong})(?=[^\d\s，,。！？!?、：:])", re.IGNORECASE)
    for m in pattern.finditer(title):
        if m.group("num2"):
            value = parse_number(m.group("num2"))
            if value is not None and 2 <= value <= 100 and value == int(value) and not (m.start() > 0 and title[m.start() - 1] == "第"):
                claims.append(CountClaim(m.group(0), int(value), m.group("strong"), m.start(), m.end()))
            continue
        if m.start() > 0 and title[m.start() - 1] == "第":
            continue
        if m.group("noun") == "菜" and re.match(rf"\s*{NUMBER}\s*汤", title[m.end():]):
            continue  # "三菜一汤" is a menu, not a list of three items
        if m.group("noun") == "天" and re.match(rf"\s*(?:{_alternation(lexicon()['duration']['learn_verbs'])})", title[m.end():]):
            continue  # "7天学会" is a practice time, not seven items
        value = parse_number(m.group("num"))
        if value is None or value < 2 or value != int(value) or value > 100:
            continue
        claims.append(CountClaim(m.group(0), int(value), m.group("noun"), m.start(), m.end()))
    # any noun phrase counted by a classifier is a list ("5个让你白到发光的神仙护肤品", "八个和弦", "5个隐藏设置"):
    # the noun is the last word before a break, unless the classifier measures time, people or amounts
    for m in re.finditer(rf"(?P<num>{NUMBER})\s*(?P<cls>{_CLAIM_CLASSIFIERS})(?P<phrase>[\u4e00-\u9fffA-Za-z]{{1,14}})", title):
        if m.start() > 0 and title[m.start() - 1] in "第前近约每" or _MEASURED.match(m.group("phrase")) \
                or any(c.start <= m.start() < c.end for c in claims):
            continue
        value = parse_number(m.group("num"))
        if value is None or value < 2 or value != int(value) or value > 100 or not re.search(r"[\u4e00-\u9fff]$", m.group("phrase")):
            continue
        noun = _last_noun(m.group("phrase"))
        if noun:
            claims.append(CountClaim(m.group(0), int(value), noun, m.start(), m.end()))
    lower = title.lower()
    en_nouns = _alternation(lex["english_item_nouns"])
    for m in re.finditer(rf"\b(?P<num>\d+|{'|'.join(k for k in _EN_NUMBERS if k != 'a')})\s+(?:[a-z-]+\s+)?(?P<noun>{en_nouns})\b", lower):
        value = parse_number(m.group("num"))
        if value is None or value < 2 or value > 100:
            continue
        claims.append(CountClaim(title[m.start():m.end()], int(value), m.group("noun"), m.start(), m.end()))
    # a title that opens with a number and a plural noun phrase is a list whatever the noun ("12 hidden iPhone
    # features"), unless the noun measures (minutes, dollars, kids)
    m = re.match(rf"\s*(?:the\s+|my\s+|our\s+)?(?P<num>\d{{1,2}}|{'|'.join(k for k in _EN_NUMBERS if k != 'a')})\s+"
                 r"(?:[a-z0-9'+-]+\s+){0,3}?(?P<noun>[a-z]+s)\b", lower)
    between = lower[m.end("num") : m.start("noun")].split() if m else []
    if m and m.group("noun") not in _MEASURE_NOUNS and not m.group("noun").endswith("ss") \
            and not any(w.rstrip("s") in _MEASURE_UNITS for w in between):
        value = parse_number(m.group("num"))
        if value is not None and 2 <= value <= 100 and value == int(value):
            claims.append(CountClaim(title[m.start("num"):m.end()], int(value), m.group("noun"), m.start("num"), m.end()))
    # "Top 10 beaches", "TOP5", "前十名": a ranked list of things, whatever the noun
    for m in re.finditer(rf"\btop\s*(?P<num>\d{{1,2}}|{'|'.join(k for k in _EN_NUMBERS if k != 'a')})\b\s*(?P<noun>[a-z]+)?"
                         rf"|前\s*(?P<cn>{_CN_NUMBER}|\d{{1,2}})\s*名", lower):
        value = parse_number(m.group("num") or m.group("cn"))
        if value is None or value < 2 or value > 100 or value != int(value):
            continue
        noun = m.group("noun") if m.group("noun") and m.group("noun") in lex["thing_nouns"] else "items"
        claims.append(CountClaim(title[m.start():m.end()].strip(), int(value), noun, m.start(), m.end()))
    # one claim per place: "4 apps" read by both patterns is one promise (keep the longest reading)
    kept: list[CountClaim] = []
    for claim in sorted(claims, key=lambda c: (c.start, -(c.end - c.start))):
        if not any(k.start <= claim.start < k.end for k in kept):
            kept.append(claim)
    return kept


@dataclass(frozen=True)
class Enumeration:
    """How many items the content visibly enumerates, and the markers it used. by_sequence: a
    sequence word (然后, also-less "next", finally) counted an item; sentences: how many sentences
    the enumeration spans, from the one holding its first marker to the one holding a closing
    word (最后, finally) or to the end: an upper bound on the items it may hold."""

    items: int
    markers: tuple[str, ...]
    by_sequence: bool = False
    sentences: int = 0


_ORDINAL_WORDS = {"first": 1, "firstly": 1, "second": 2, "secondly": 2, "third": 3, "thirdly": 3, "fourth": 4, "fifth": 5,
                  "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10}
_LAST_WORDS = ("最后", "finally", "lastly", "last but not least", "the last one", "and the last one")
# sequence words that continue a list: an item came before them, marked or not ("This one's the classic
# loop. Next, …", "先说A。然后…")
_CONTINUING = re.compile(r"^(?:next(?: up)?|up next|then|after that|another .*|然后|接着|其次|再来|另外|此外|还有一个)$")


_ROMAN = "ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ"
# a thing named with its determiner: "a big scarf", "my charger", "some snacks"
_NOUN_PHRASE = r"(?:a|an|my|some|your|our|his|her|their)\s+[a-z]"
_KEYCAP = "\u20e3"
# a list written inline after a header: "约会推荐：海洋馆、摩天轮、livehouse", "Must-eats: pad thai, mango
# sticky rice and som tam"; a header that only gives examples (比如, such as) or a list that trails off
# (等, etc.) is not the whole list
_LIST_HEADER_WORDS = re.compile(r"推荐|清单|合集|盘点|分别是|分别为|名单|list|picks|top|favou?rites|line-?up|must", re.IGNORECASE)
_PARTIAL_BEFORE = re.compile(r"比如|例如|像是|譬如|诸如|such as|like|including|e\.g\.", re.IGNORECASE)
_PARTIAL_AFTER = re.compile(r"^\s*(?:等|之类|什么的|etc|and (?:more|so on)|among others)", re.IGNORECASE)
# sentence heads that are no parallel items: pronouns, articles, particles, interjections
_NO_HEAD = {"我", "你", "他", "她", "它", "我们", "你们", "他们", "这", "那", "这个", "那个", "就", "也", "还", "都", "但", "但是",
            "所以", "因为", "如果", "然后", "哈", "哈哈", "啊", "哇", "嗯", "呀", "哦", "好", "对", "嘿", "嗨", "是", "有", "今天",
            "i", "you", "he", "she", "it", "we", "they", "this", "that", "the", "a", "an", "and", "but", "so", "it's", "there",
            "oh", "wow", "yeah", "ok", "okay", "my", "our", "your", "i'm", "we're", "what", "here", "today", "now", "just"}


def _common_words(header: str, title: str) -> bool:
    """The header and the title share a Chinese two-character word or an English word of four letters or more."""
    bigrams = {header[i : i + 2] for i in range(len(header) - 1) if _is_chinese(header[i : i + 2]) and re.fullmatch(r"[\u4e00-\u9fff]{2}", header[i : i + 2])}
    if any(b in title for b in bigrams):
        return True
    words = {_stem(w) for w in re.findall(r"[a-z]{4,}", header.lower())}
    return bool(words & {_stem(w) for w in re.findall(r"[a-z]{4,}", title.lower())})


def bare_lists(content: str) -> list[tuple[int, list[str]]]:
    """Clauses that are nothing but a list of short names, summed up by the next clause ("石榴、柿子、苹果，
    这三样一定要吃", "这些都…", "all three…"): (position, items). Read for counts of things only; without
    the summing up a list of names may be what one item is made of (我点了肉夹馍、凉皮、冰峰)."""
    out = []
    for m in re.finditer(r"(?:^|(?<=[\n。！!？?；;，,：:]))(?P<body>[^\n。！!？?；;，,：:]+)", content):
        body = m.group("body").strip()
        parts = [x.strip() for x in body.split("、")]
        if len(parts) < 2 or any(not x or len(x) > 8 for x in parts) or _PARTIAL_BEFORE.search(body) \
                or _PARTIAL_AFTER.match(content[m.end("body") : m.end("body") + 8]) or re.search(r"(?:等|之类)$", body):
            continue
        if not re.match(r"[，,]\s*(?:这|那|以上|都|全|these|those|all|that's)", content[m.end("body") : m.end("body") + 6], re.IGNORECASE):
            continue
        out.append((m.start("body"), parts))
    return out


def inline_lists(content: str, title: str = "") -> list[tuple[int, list[str]]]:
    """Lists written in one clause after a header and a colon: (position, items). The header must
    say it is a list (推荐, 清单, 分别是, picks) or share a word with the title (约会推荐 under 约会地点)."""
    out = []
    for m in re.finditer(r"(?m)(?P<header>[^\n。！？!?；;：:]{1,16}?)(?:[：:]|分别是|分别为)\s*(?P<body>[^\n。！？!?；;]+)", content):
        header, body = m.group("header").strip(), m.group("body")
        if _PARTIAL_BEFORE.search(header) or not (_LIST_HEADER_WORDS.search(header) or (title and _common_words(header, title))):
            continue
        chinese_chunk = re.split(r"[，,]", body)[0]
        if "、" in chinese_chunk:
            body = chinese_chunk
            parts = [x for x in body.split("、") if x.strip()]
        else:
            parts = [x for x in re.split(r",\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+", body) if x.strip()]
        if len(parts) < 2 or any(len(x.strip()) > 24 for x in parts):
            continue
        tail = content[m.end("body") : m.end("body") + 8]
        if _PARTIAL_AFTER.match(tail) or re.search(r"(?:等|之类|etc\.?)\s*$", body):
            continue
        out.append((m.start("body"), [x.strip() for x in parts]))
    return out


def parallel_items(content: str) -> list[tuple[int, str]]:
    """The longest run of consecutive sentences that open with the same verb or word ("不要熬夜。不要吃宵夜。",
    "Keep the room cold. Keep screens out."): (position, head) per sentence of the run."""
    _jieba()
    import jieba.posseg as posseg

    sentences = [(m.start(), m.group(0).strip()) for m in re.finditer(r"[^。！？!?；;\n.]+(?:\.(?=\d)[^。！？!?；;\n.]*)*", content)]
    heads: list[tuple[int, str | None]] = []
    for position, sentence in sentences:
        sentence = sentence.strip(" ，,、：:\"'“”")
        if len(re.sub(r"\s", "", sentence)) < 3:
            heads.append((position, None))
            continue
        if re.match(r"[A-Za-z]", sentence):
            head = re.match(r"[a-z']+", sentence.lower()).group(0)  # "Ctrl+C", "Ctrl+V": the same head
            heads.append((position, None if head in _NO_HEAD else head))
            continue
        first = next(iter(posseg.cut(sentence[:MAX_TAGGED_CHARS])), None)
        ok = first is not None and first.word not in _NO_HEAD and first.flag[:1] in ("v", "d", "a")
        heads.append((position, first.word if ok else None))
    best: list[tuple[int, str]] = []
    run: list[tuple[int, str]] = []
    for position, head in heads:
        if head is not None and run and run[-1][1] == head:
            run.append((position, head))
        else:
            run = [(position, head)] if head is not None else []
        if len(run) > len(best):
            best = list(run)
    return best if len(best) >= 2 else []


def count_enumerated(content: str, days: bool = False, steps: bool = True, title: str = "") -> Enumeration:
    """Items the content enumerates: 第一/第二…, 1./2., 1st/2nd, Ⅰ/Ⅱ, ①②, 步骤一, Step 1, first/second,
    lists after a header (约会推荐：海洋馆、摩天轮), runs of sentences opening with the same verb
    (不要…。不要…。), and (steps=True) sequence words 首先…然后…接着…最后 / first…next…then…finally
    (or 第N天/Day N for days).

    The markers are walked in the order they appear: an ordinal names item N, a sequence word the
    item after the current one, so "第一 … 然后 … 接着 … 最后" is four items and "第一步 … 然后 … 第二步"
    two. With steps=False (a count of things: dishes, books, places) sequence words count only once an
    ordinal has opened the list ("第一站…然后…接着…最后", "First…then…finally"): a recipe's 首先…然后 with
    no ordinal before is not a list of dishes."""
    lex = lexicon()["count"]
    lower = _normalise(content)
    if days:
        ordinals: dict[int, str] = {}
        for m in re.finditer(rf"第\s*(?P<num>{NUMBER})\s*天|\bday\s*(?P<num2>\d+)\b", lower):
            value = parse_number(m.group("num") or m.group("num2"))
            if value and value == int(value):
                ordinals.setdefault(int(value), m.group(0))
        items = max(ordinals, default=0)
        return Enumeration(items, tuple(ordinals[k] for k in sorted(ordinals)))
    # (position, end, marker, ordinal or None = next item, kind: "ordinal" | "sequence" | "list")
    events: list[tuple[int, int, str, int | None, str]] = []
    patterns = [
        rf"第\s*(?P<n>{NUMBER})\s*(?:个|种|招|条|件|点|步|大|类|样|部分|本|部|道|款|家|首|站|天)?",
        rf"步骤\s*(?P<n>{NUMBER}|\d+)",
        r"(?:^|(?<=[\s。！？!?；;，,：:]))(?P<n>\d{1,2})\s*[\.、．\)）](?!\d)",
        r"(?:^|(?<=[\s。！？!?；;，,：:]))(?P<n>\d{1,2})(?:st|nd|rd|th)\b",
        r"(?:\b(?:step|tip|no\.|number)|#)\s*(?P<n>\d{1,2})\b",
        rf"\b(?:{_alternation(lex['english_item_nouns'])}|number)\s+(?:#\s*)?(?P<n>\d{{1,2}}|one|two|three|four|five|six|seven|eight|nine|ten)\b",
    ]
    for pattern in patterns:
        for m in re.finditer(pattern, lower):
            value = parse_number(m.group("n"))
            if m.group(0).rstrip().endswith("天") and m.group(0).startswith("第"):
                continue  # 第二天 is the next day, not the second item (days are counted above)
            if value and value == int(value) and 1 <= value <= 50:
                events.append((m.start(), m.end(), m.group(0).strip(), int(value), "ordinal"))
    # 先…再…: the first item and the next, when they open a clause
    for m in re.finditer(r"(?:^|(?<=[，,。！？!?；;\s]))(?:(?P<first>先)(?!生|前|后|进|天|锋|驱|知|例|辈|人|祖|帝|贤)|(?P<next>再)(?!者|来|说|见|也|次|一次|婚|生|版))(?=[\u4e00-\u9fff])", lower):
        events.append((m.start(), m.end(), m.group(0), 1 if m.group("first") else None, "sequence"))
    for marks in (_CIRCLED, _ROMAN):
        for i, ch in enumerate(marks, 1):
            for m in re.finditer(ch, content):
                events.append((m.start(), m.end(), ch, i, "ordinal"))
    # 误区一：…, 方法二：…, 快捷键3 …: an item noun numbered
    item_nouns = [n for n in lex["item_nouns"] if re.fullmatch(r"[\u4e00-\u9fff]{2,4}", n) and n not in ("第一", "一天")]
    for m in re.finditer(rf"{_CLAUSE_OPEN}(?:{_alternation(item_nouns)})\s*(?P<n>[一二三四五六七八九十]{{1,2}}|\d{{1,2}})(?=\s|[：:、.．，,）)]|$)", lower):
        value = parse_number(m.group("n"))
        if value and value == int(value) and 1 <= value <= 50:
            events.append((m.start(), m.end(), m.group(0).strip(), int(value), "ordinal"))
    # 一是…二是…, 其一/其二, 一来…二来, 一、二、, （1）（2）, 1️⃣ 2️⃣
    for pattern in (rf"{_CLAUSE_OPEN}其?(?P<n>[一二三四五六七八九十])(?:是|来|则)(?=[^\s，,。])",
                    rf"{_CLAUSE_OPEN}其(?P<n>[一二三四五六七八九十])(?=[\s，,：:。])",
                    rf"{_CLAUSE_OPEN}(?P<n>[一二三四五六七八九十]{{1,2}})[、．，,：:](?!\s*[一二三四五六七八九十\d])",
                    r"(?:^|(?<=[.!?。！？\n]))\s*(?:and\s+)?(?P<n>one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\s*[,:]\s+(?=[a-z])",
                    r"[（(]\s*(?P<n>\d{1,2}|[一二三四五六七八九十]{1,2})\s*[)）]",
                    "(?P<n>\\d)\ufe0f?" + _KEYCAP):
        for m in re.finditer(pattern, lower):
            value = parse_number(m.group("n"))
            if value and value == int(value) and 1 <= value <= 50:
                events.append((m.start("n"), m.end(), m.group(0).strip(), int(value), "ordinal"))
    # a list written with bullets, one item a line ("• 竖着叠", "✅ 床底收纳箱"): each line is an item. A dash is
    # not a bullet (subtitles mark two speakers with "- "), nor is a line that asks for a like or a follow.
    bullets = [m for m in re.finditer(r"(?m)^[ \t]*(?:[•·●▪▸►◆◇■□☆★✓✔☑✅👉➡🔸🔹]\ufe0f?)\s*(?=\S)", content)
               if not re.match(r"(?:点赞|关注|收藏|转发|评论|私信|like|subscribe|follow|comment|share)", content[m.end():], re.IGNORECASE)]
    if len(bullets) >= 2:
        for m in bullets:
            events.append((m.start(), m.end(), m.group(0).strip(), None, "list"))
    lists = inline_lists(content, title)
    if not steps:
        lists += [bare for bare in bare_lists(content) if not any(bare[0] <= start < bare[0] + 40 for start, _ in lists)]
    for position, parts in lists:
        offset = position
        for part in parts:
            events.append((offset, offset + 1, part, None, "list"))
            offset += len(part) + 1
    if not steps:
        # works named by their titles (《活着》《鼓楼》) are the items of a list of books, films or songs
        titles = [m for m in re.finditer(r"《([^》\n]{1,30})》", content)]
        if len({m.group(1) for m in titles}) >= 2:
            named: set[str] = set()
            for m in titles:
                if m.group(1) not in named:
                    named.add(m.group(1))
                    events.append((m.start(), m.end(), m.group(0), None, "list"))
    for position, head in parallel_items(content):
        events.append((position, position + 1, head, None, "list"))
    for m in re.finditer(r"\b(" + "|".join(_ORDINAL_WORDS) + r")\b", lower):
        events.append((m.start(), m.end(), m.group(1), _ORDINAL_WORDS[m.group(1)], "ordinal"))
    for m in re.finditer(_alternation(lex["sequence_words"]), lower):
        word = m.group(0)
        if word in ("第一步", "第二步"):
            continue  # read as ordinals above
        # "首先是猫砂盆。其次是猫抓板。最后就是…": a sequence word that says what the item IS names a thing
        kind = "named" if re.match(r"(?:就|则)?是(?![不否])", lower[m.end():]) else "sequence"
        if word == "首先":
            events.append((m.start(), m.end(), word, 1, kind))
        elif kind == "named":
            events.append((m.start(), m.end(), word, None, kind))
        elif word == "最后" and re.match(r"最后\s*[一1]?\s*(?:个|种|招|点|步|条|件|道|本|部|款|家|站)", lower[m.start():]):
            events.append((m.start(), m.end(), word, None, "sequence"))  # "最后一个技巧": the next item, named as the last
        elif not (word == "最后" and re.match(r"最后(?:的|面)", lower[m.start():]) and not steps):
            events.append((m.start(), m.end(), word, None, "sequence"))  # 最后的结果, 最后面: no item of a list of things
    # "一个是…另一个是…": two items, the second named as the other one
    for m in re.finditer(rf"{_CLAUSE_OPEN}(?P<one>一个是|一种是|一是)|{_CLAUSE_OPEN}(?P<other>另一个(?:是|就是)|另一种(?:是|就是))", lower):
        events.append((m.start(), m.end(), m.group(0).strip(), 1 if m.group("one") else 2, "ordinal"))
    for m in re.finditer(r"\b(next(?: up)?|up next|then|after that|finally|lastly|last but not least|(?:and )?the last one|another (?:one|tip|trick|hack|way|thing|idea|"
                         r"move|exercise|rule|habit|sign|reason|spot|place|dish|food|stop))\b(?! (?:week|time|day|month|year|video|episode|one))", lower):
        if not m.group(1).startswith("another") and not re.search(r"(?:^|[.!?;:,\n])\s*(?:and\s+|so\s+|okay,?\s+|ok,?\s+)?$", lower[max(0, m.start() - 16) : m.start()]):
            continue  # next/then/finally open a clause when they introduce an item ("see you next week" does not)
        events.append((m.start(), m.end(), m.group(1), None, "sequence"))
    # several things named after one English marker: "Then a big scarf, my charger, and finally socks" is
    # three items, the comma-joined noun phrases after the marker each one
    import bisect

    starts = sorted(e[0] for e in events)
    for start, end, marker, _, kind in list(events):
        if kind not in ("ordinal", "sequence") or not re.fullmatch(r"[a-z ]+", marker):
            continue
        # the next event or the sentence's end, whichever comes first (each found once, not listed whole)
        later = bisect.bisect_left(starts, end)
        sentence_end = _SENTENCE_END.search(lower, end)
        stop = min([starts[later]] if later < len(starts) else [len(lower)])
        stop = min(stop, sentence_end.start() if sentence_end else len(lower))
        segment = lower[end:stop]
        lead = re.match(rf"\s*,?\s*(?={_NOUN_PHRASE})", segment)
        if not lead:
            continue
        for m in re.compile(rf",\s+(?:and\s+)?(?={_NOUN_PHRASE})").finditer(segment, lead.end()):
            events.append((end + m.start(), end + m.start() + 1, " ".join(segment[m.end():].split()[:2]), None, "list"))
    # an ordinal inside a longer marker ("第一步" also matched by 步骤?) is one event: keep the first at each spot
    events.sort(key=lambda e: (e[0], -(e[1] - e[0])))
    current = 0
    opened = False  # an ordinal or a list has opened the enumeration
    seen: set[int] = set()
    markers: list[str] = []
    last_end = -1
    first_at: int | None = None
    closing_at: int | None = None
    seen_ordinals: set[int] = set()
    by_sequence = False
    for start, end, marker, ordinal, kind in events:
        if start < last_end:
            continue
        if kind == "sequence" and not steps and not opened:
            continue  # things are counted by ordinals; sequence words count once an ordinal opened the list
        last_end = end
        if ordinal is not None:
            if ordinal in seen and ordinal <= current:
                continue  # the same item named again ("第一个动作…第一个动作做完")
            seen.add(ordinal)
            seen_ordinals.add(ordinal)
            current = max(current, ordinal)
            opened = opened or kind in ("ordinal", "named")
        else:
            current += 1
            seen.add(current)
            opened = opened or kind in ("list", "named")
            by_sequence = by_sequence or kind == "sequence"
        first_at = start if first_at is None else first_at
        if marker in _LAST_WORDS:
            closing_at = start
        markers.append(marker)
    if markers and 1 not in seen_ordinals and _CONTINUING.match(markers[0]) and first_at is not None \
            and (_sentences_spanned(content, 0, None) > _sentences_spanned(content, first_at, None)
                 or re.search(r"[，,]\s*$", content[:first_at]) and _clauses_before(content, first_at) >= 1):
        current += 1  # the list's first item, said before the first "next"/然后
        first_at = max((m.end() for m in _SENTENCE_END.finditer(content, 0, first_at)), default=0)
        first_at = max((m.end() for m in _SENTENCE_END.finditer(content, 0, max(0, first_at - 1))), default=0)
    sentences = _sentences_spanned(content, first_at, closing_at) if first_at is not None else 0
    return Enumeration(current, tuple(markers), by_sequence, sentences)


_SENTENCE_END = re.compile(r"[。！？!?；;\n]|(?<=[a-zA-Z\d)])\.(?=\s|$)")


def _sentences_spanned(content: str, first_at: int, closing_at: int | None) -> int:
    """Sentences of two characters or more from the one holding `first_at` up to the one holding
    `closing_at` (the end of the content when None)."""
    start = max((m.end() for m in _SENTENCE_END.finditer(content, 0, first_at)), default=0)
    end = len(content)
    if closing_at is not None:
        after = _SENTENCE_END.search(content, closing_at)
        end = after.end() if after else len(content)
    return sum(1 for part in _SENTENCE_END.split(content[start:end]) if len(re.sub(r"\W", "", part)) >= 2)


_STATED_CLASSIFIERS = "个|种|招|条|点|样|步|件|道|本|部|款|家|首|处|类|组|站|句"
_CN_COUNT = "[一二两俩三四五六七八九十]{1,3}|\\d{1,2}"
# the content limits what it delivers: "就这两个", "今天先讲三个", "只分享两种", "一共三招"
# a limiter, any short verb (讲, 练, 分享给大家), an optional 这/那, then the count: "就练这一个动作", "只挑了两样",
# "先讲三个"; a verb of need (只要三个鸡蛋, 只需两步) counts what a task uses, not what the video covers
_STATED_LIMIT = re.compile(
    rf"(?:就|只|仅|先|共|一共|总共)(?P<verb>[\u4e00-\u9fff]{{0,5}}?)(?:这|那)?\s*"
    rf"(?P<num>{_CN_COUNT})\s*(?P<cls>{_STATED_CLASSIFIERS})(?P<rest>[^，,。！!？?\n]{{0,8}})")
# a count that points back at what the content named: "这两点做好", "这三点做到", "这俩就够了"
_STATED_BACK = re.compile(rf"(?:这|那)(?P<num>[两俩三四五六七八九十]|\d{{1,2}})(?P<cls>{_STATED_CLASSIFIERS})?(?P<rest>[^，,。！!？?\n]{{0,8}})")
_DONE_AFTER = re.compile(r"(?:[\u4e00-\u9fff]{0,2}?)(?:就够|就行|就好|就可以|就能|做好|做到|做对|练熟|练好|记住|学会|搞定|够了|足够|够用|都做|坚持)")
_NEED_VERB = re.compile(r"需|要|用|花|剩|差|能吃|够")
# the content admits it leaves the rest out: "其他的你们随意", "剩下的下期再说", "the rest is up to you"
_ADMITS_REST = re.compile(
    r"(?:其他|其它|其余|剩下|别的|另外几)[^，,。！!？?\n]{0,8}?(?:随意|随便|随你|看着办|看着买|自己看|自己挑|自己选|自己定|自己决定|"
    r"看[^，,。！!？?\n]{0,4}?(?:需要|需求|情况|喜好|心情|自己|个人|预算)|可有可无|无所谓|"
    r"不重要|不是必须|不必|没必要|不用|不说了|不讲了|就不[说讲介绍聊]|下次|以后再|以后|下期|改天|再[买说讲聊看学选配入])"
    r"|\b(?:the rest|everything else|the others|anything else)\b[^.!?\n]{0,30}?\b(?:up to you|optional|doesn't matter|don't matter|"
    r"isn't essential|aren't essential|whatever you (?:like|want)|skip|another time|next time|not needed|nice to have)", re.IGNORECASE)
# the content says its list ends here: "就这几样", "好啦今天就说到这", "这些练熟了", "下期再接着推荐", "that's my list",
# "those are the ones"; every clause before it may have been an item, no more
_LIST_END = re.compile(
    r"就这些|就这几[样个种款件本部首道家点条招]|(?:今天|这期|本期)?就(?:先)?(?:说|讲|分享|聊|介绍|吃|逛|玩|去|看|拍|试|做)(?:到这|这些|这么多)|"
    r"这些[\u4e00-\u9fff]{0,2}?(?:练熟|做好|做到|记住|学会|就够|够用)|下期再|(?:其他|其它|别)的?[，,]?\s*(?:真|都|就|也)?(?:没|不)|"
    r"\b(?:that's|that is|and that's) (?:my|the) (?:list|picks|lineup|line-up)\b|\b(?:those|these) are the ones\b|"
    r"\bthat's all (?:i(?:'ve)? got|for today|we (?:had|have) time for)\b|\bthat's it(?: for today)?[,.!]", re.IGNORECASE)
# the content says it delivered them all: "五样全部打卡", "以上就是这五个", "三个都讲完了"
_STATED_TOTAL = re.compile(
    rf"(?:(?P<num>{_CN_COUNT})\s*(?:{_STATED_CLASSIFIERS})[^，,。！!？?\n]{{0,4}}?(?:全部|全都|都)(?:已经)?(?:打卡|吃|做|讲|说|介绍|分享|试|完|齐|到)"
    rf"|以上(?:就是)?(?:这|今天的|我的)?(?P<num2>{_CN_COUNT})\s*(?:{_STATED_CLASSIFIERS}))")
_EN_COUNT = "\\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|a couple of"
_EN_STATED_LIMIT = re.compile(
    rf"\b(?:just|only)\s+(?:(?:doing|covering|sharing|showing|teaching|giving you|going over|going through|got|have|had time for|"
    rf"do|cover|share|show|need|talking about|looking at)\s+(?:you\s+|y'all\s+|u\s+)?)?(?P<num>{_EN_COUNT})\s+(?:(?:quick|simple|easy|main|big|key|basic|"
    rf"little|real|good|great)\s+)?(?P<noun>[a-z-]+)", re.IGNORECASE)
_EN_STATED_TOTAL = re.compile(rf"\b(?:all|those are the|these are the|those were the|that's all|that's the|that's it,? just the|"
                              rf"(?:those|these) (?:are|were) my(?: top)?|that's my(?: top)?|those|these)\s+(?:only\s+)?"
                              rf"(?P<num>{_EN_COUNT})\b(?:\s+(?P<noun>[a-z'-]+))?", re.IGNORECASE)
# words after a stated count that name no noun: "those are the two I use", "just one today"
_EN_NO_NOUN = {"i", "we", "you", "that", "which", "i'd", "i've", "i'm", "we've", "are", "is", "for", "of", "to", "today", "here",
               "this", "now", "in", "on", "and", "so", "left", "worth", "really", "actually", "i'll"}


def _same_kind(noun: str, claim_noun: str) -> bool:
    noun, claim_noun = noun.lower(), claim_noun.lower()
    if not noun or noun == claim_noun or _stem(noun) == _stem(claim_noun):
        return True
    return any(noun in group and claim_noun in group for group in (
        [w.lower() for w in g] for g in lexicon()["count"].get("noun_groups", [])))


def _cn_noun_ok(rest: str, claim_noun: str) -> bool:
    """The words after a stated "两个": nothing (就这两个，), or the claim's kind of item (两个小技巧)."""
    rest = re.sub(r"^(?:小|大|超|很|最|实用|简单|常用|重要|核心|好用|必备|关键)*的?", "", rest.strip())
    if not rest or re.match(r"[了吧啊呀哦嘛哈呢，,。！!？?：:；;、…~～\s]|就|而已|哈|亲测|大家|你们|今天|明天|下期|剩下|其他|别的|等", rest):
        return True
    nouns = [claim_noun] + [n for g in lexicon()["count"].get("noun_groups", []) if claim_noun in g for n in g]
    return any(rest.startswith(n) for n in nouns if re.search(r"[\u4e00-\u9fff]", n))


def stated_count(content: str, claim: "CountClaim") -> tuple[int | None, int | None, list[str]]:
    """How many items the content SAYS it delivers: (limit, total, phrases). limit: the fewest it says it
    covers ("就这两个", "今天先讲三个", "just one move"); total: the most it says it delivered in all
    ("五样全部打卡完成", "以上就是这五个", "all five spots"). None when it says nothing of the kind."""
    limits: list[int] = []
    totals: list[int] = []
    phrases: list[str] = []
    later = re.search(r"明天|下期|下一期|下次|下集|剩下的|其余的|其他的|继续|未完|待续|part (?:two|2)|next time|tomorrow", content, re.IGNORECASE)
    for m in _STATED_LIMIT.finditer(content):
        value = parse_number(m.group("num"))
        pointed = content[: m.start("num")].rstrip().endswith(("这", "那"))
        if (_NEED_VERB.search(m.group("verb")) and not pointed) or re.search(r"[一二两俩三四五六七八九十\d]", m.group("verb")):
            continue  # "只要三个鸡蛋": what a task needs ("只要这一个动作" points at what the video covers)
        if value == 1 and m.group("cls") == "点":
            continue  # "先说一点" is "a bit"
        if m.group("cls") == "步" and not _same_kind("步", claim.noun):
            continue  # "就两步" counts steps, not the tips or things promised
        if m.group(0).lstrip("今天这期次").startswith("先") and not later and value == 1:
            continue  # "先讲一个" with nothing said to come later: the first of several
        # the claim's own classifier names its kind of item: "今天就做一道可乐鸡翅" under "3道快手菜"
        own_classifier = m.group("cls") in "道本部首款家" and re.match(rf"{NUMBER}\s*{m.group('cls')}", claim.text) is not None
        if value and value == int(value) and (_cn_noun_ok(m.group("rest"), claim.noun) or own_classifier):
            limits.append(int(value))
            phrases.append(m.group(0)[: len(m.group(0)) - len(m.group("rest"))])
    for m in _STATED_BACK.finditer(content):
        value = parse_number(m.group("num"))
        if not m.group("cls") and m.group("num") != "俩" or _clauses_before(content, m.start()) < 1:
            continue  # "这两点" sums up what came before it; at the start it may announce what follows
        if value and value == int(value) and (_cn_noun_ok(m.group("rest"), claim.noun) or _DONE_AFTER.match(m.group("rest"))):
            limits.append(int(value))
            phrases.append(m.group(0)[: len(m.group(0)) - len(m.group("rest"))])
    for m in _STATED_TOTAL.finditer(content):
        value = parse_number(m.group("num") or m.group("num2"))
        if value and value == int(value):
            totals.append(int(value))
    # the claim's own number and classifier, or more, said outright (a tally on screen): "已读：52本" under
    # "一年读完50本书"; an ordinal (第52本) is one item, not a tally
    own = re.match(rf"(?:{NUMBER})\s*(?P<cls>[本部首款家道])", claim.text)
    if own:
        for m in re.finditer(rf"(?<!第)(?<![\d一二两三四五六七八九十百千万])(?P<num>{NUMBER})\s*{own.group('cls')}", content):
            value = parse_number(m.group("num"))
            if value and value == int(value) and claim.count <= value <= 2 * claim.count:
                totals.append(int(value))
                phrases.append(m.group(0))
    # the claim's own noun after a smaller count, with 只/就/今天 before it: 只去了沙溪和诺邓两个古镇,
    # 今天教大家一个动作 (under "5个动作"); 就坚持了一件事 admits one thing of any kind
    if claim.noun and re.fullmatch(r"[\u4e00-\u9fff]{2,4}", claim.noun):
        own_noun = re.compile(rf"(?:只|就|仅|今天|这期|今天就)[^，,。！!？?\n第]{{0,10}}?(?P<num>{_CN_COUNT})\s*(?:{_STATED_CLASSIFIERS})?\s*"
                              rf"(?:{re.escape(claim.noun)}|(?<=件)事)")
        for m in own_noun.finditer(content):
            value = parse_number(m.group("num"))
            if value and value == int(value) and value < claim.count:
                limits.append(int(value))
                phrases.append(m.group(0))
    for pattern, bucket in ((_EN_STATED_LIMIT, limits), (_EN_STATED_TOTAL, totals)):
        for m in pattern.finditer(content):
            num = m.group("num").lower()
            value = 2.0 if num == "a couple of" else parse_number(num)
            noun = (m.group("noun") or "").lower()
            # "those two" points back at what was named; "get those two right": no noun after it
            pointed = m.group(0).lower().startswith(("those", "these", "that's my")) and not noun.endswith("s")
            if value and value == int(value) and (_same_kind(noun, claim.noun) or noun in _EN_NO_NOUN or pointed):
                bucket.append(int(value))
                if bucket is limits:
                    phrases.append(m.group(0))
    return (min(limits) if limits else None), (max(totals) if totals else None), phrases


def _rfind_word(text: str, word: str) -> int:
    found = [m.start() for m in re.finditer(rf"\b{word}\b", text)]
    return found[-1] if found else -1


_CLAUSE_STOP = re.compile(r"[，,。！!？?；;、：:\n]|(?<=[a-z])\.\s")


@lru_cache(maxsize=8)
def _clause_index(text: str) -> tuple[list[int], list[int], list[int], list[int]]:
    """(part starts, part ends, long parts before each part, word characters before each position)."""
    starts, ends = [], []
    last = 0
    for m in _CLAUSE_STOP.finditer(text):
        starts.append(last)
        ends.append(m.start())
        last = m.end()
    starts.append(last)
    ends.append(len(text))
    words = [0]
    for ch in text:
        words.append(words[-1] + (1 if ch.isalnum() or ch == "_" else 0))
    long_before = [0]
    for a, b in zip(starts, ends):
        long_before.append(long_before[-1] + (1 if words[b] - words[a] >= 2 else 0))
    return starts, ends, long_before, words


def _clauses_before(text: str, position: int) -> int:
    """Clauses of two word characters or more in text[:position]: at most this many items can be said
    before it. Read from an index of the text built once (counting the clauses before every list end
    or summing-up word again took 326 s on 160,000 characters)."""
    import bisect

    starts, ends, long_before, words = _clause_index(text)
    i = max(0, bisect.bisect_right(starts, position) - 1)
    partial = words[min(position, ends[i])] - words[starts[i]] if position > starts[i] else 0
    return long_before[i] + (1 if partial >= 2 else 0)


# words that make an English sentence a statement rather than a thing named: pronouns, auxiliaries, "that"
_EN_CLAUSE_WORDS = re.compile(r"\b(?:i|you|we|they|he|she|it|me|us|them|this|that|these|those|there|here|is|are|was|were|be|been|am|"
                              r"have|has|had|do|does|did|can|could|will|would|should|let's|[a-z]+'(?:s|re|ve|ll|d|m))\b", re.IGNORECASE)


# a sentence that counts ("Twelve countries, forty-something flights") sums up rather than names an item
_EN_ANY_NUMBER = re.compile(r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
                            r"sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|hundred|dozen|couple)\b", re.IGNORECASE)


def named_items(content: str) -> tuple[list[str], int]:
    """English sentences that only name a thing ("LX Factory on a weekday morning.", "Blanket fort, always
    a winner.", "Snake plant, pothos, ZZ plant, and the good old spider plant."): a list whose items are
    sentences, no marker needed. (items named, most items the content can hold: each sentence one, a
    list sentence one per part)."""
    sentences = [x.strip() for x in re.split(r"(?<=[.!?])\s+", content.strip()) if len(re.sub(r"\W", "", x)) >= 2]
    items: list[str] = []
    room = 0
    for sentence in sentences:
        words = re.findall(r"[A-Za-z][\w'-]*", sentence)
        parts = [x for x in re.split(r",\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+", sentence.rstrip(".!?")) if x.strip()]
        is_list = len(parts) >= 3 and re.search(r",\s*(?:and|or)\s", sentence) is not None
        room += len(parts) if is_list else 1
        if not words or len(words) > 12 or _EN_CLAUSE_WORDS.search(sentence) or _EN_ANY_NUMBER.search(sentence) \
                or not re.match(r"\W*(?:and\s+|or\s+)?[A-Z]", sentence):
            continue
        items += parts if is_list else [sentence]
    return items, room


@dataclass(frozen=True)
class Delivered:
    """What one content source delivers against a count claim."""

    items: int
    judged: bool  # enough evidence to judge: an enumeration, a stated count or an admission
    enumerated: int
    limit: int | None
    admitted: int | None  # the content admits leaving the rest out: at most this many items came before
    shown: tuple[str, ...]


def delivered(claim: "CountClaim", content: str, title: str = "", min_enumerated: int = 2) -> Delivered:
    found = count_enumerated(content, days=claim.is_days, steps=claim.is_steps, title=title)
    limit, total, phrases = stated_count(content, claim) if not claim.is_days else (None, None, [])
    admission = _ADMITS_REST.search(content) if not claim.is_days else None
    if admission is None and not claim.is_days and found.items < min_enumerated:
        # an unmarked list that says it ends: bounded by the clauses before it, once two or more came
        # before (a marked list is counted by its markers)
        admission = next((m for m in _LIST_END.finditer(content) if _clauses_before(content, m.start()) >= 2), None)
    admitted = _clauses_before(content, admission.start()) if admission else None
    # what the content says it covers counts as much as what it marks: "就这两个" is two items; before an
    # admission that the rest is left out, every clause may have been an item
    # ("今天时间有限就先讲这两条，剩下的下期再说": the count it states is what it covers, not every clause before)
    items = max(found.items, limit or 0, total or 0, admitted or 0) if limit is None or admission is None else \
        max(found.items, limit, total or 0)
    shown = tuple(found.markers) + tuple(phrases) + ((admission.group(0),) if admission else ())
    judged = found.items >= min_enumerated or limit is not None or total is not None or admitted is not None
    if judged and found.by_sequence and limit is None and total is None and admitted is None \
            and found.sentences >= claim.count:
        # 首先…还有…再就是…最后 / first off… also… lastly: sequence words mark some items, not all; a
        # stretch of as many sentences as promised may hold every item
        judged = False
    if not judged and not claim.is_days and re.search(r"[a-z]", claim.text.lower()) and not _is_chinese(content):
        # sentences that only name things are a list's items: when three or more, and the content has room
        # for fewer items than promised, the list is short ("The Gulbenkian garden. Tasca do Chico for fado. …")
        named, room = named_items(content)
        if len(named) >= 3 and room < claim.count:
            judged, admitted, items = True, room, max(items, room)
            shown += tuple(named[:4])
    return Delivered(items, judged, found.items, limit, admitted, shown)


def judge_count(title: str, duration_s: float | None, content: str, *, min_enumerated: int = 2,
                sources: list[str] | None = None) -> list[Mismatch]:
    """'5个技巧' when the content enumerates fewer items (and does enumerate at least min_enumerated), says
    it covers fewer, or admits it leaves the rest out. With several sources (subtitles, on-screen text),
    each is read on its own and the one that delivers the most is judged."""
    title, content = defuse_runs(title), defuse_runs(content)
    sources = [defuse_runs(text) for text in sources] if sources is not None else None
    out = []
    for claim in find_count_claims(title):
        best = max((delivered(claim, text, title, min_enumerated) for text in (sources or [content]) if text.strip()),
                   key=lambda d: (d.items, d.judged), default=None)
        if best is None or not best.judged or best.items >= claim.count or best.items < 1:
            continue
        items, limit, shown = best.items, best.limit, list(best.shown)
        found = best
        found_items = best.enumerated
        out.append(Mismatch(
            "count-claim",
            f"Title promises '{claim.text}' ({claim.count}) but the content "
            f"{'says it covers' if limit is not None and limit >= found_items else 'admits it leaves the rest out after at most' if best.admitted is not None and best.admitted >= max(found_items, limit or 0) else 'enumerates'} {items} "
            f"({', '.join(shown[:8])})",
            (f"Change the title to {items}{claim.text.lstrip('0123456789零〇一二两俩三四五六七八九十百')}, or show all "
             f"{claim.count} items with clear 第一/第二… captions" if _is_chinese(claim.text) else
             f"Change the title to '{items} {claim.noun}', or show all {claim.count} with clear 'First/Second…' captions"),
            claim.start, claim.end,
            {"claim": claim.text, "claimed": claim.count, "found": items, "markers": shown}
            | ({"stated": limit, "enumerated": found_items} if limit is not None else {})
            | ({"admitted_at_most": best.admitted} if best.admitted is not None else {})))
    return out


# --------------------------------------------------------------------------- topic-mismatch

_jieba_lock = threading.Lock()
_jieba_words: set[str] = set()


def _jieba(extra_terms: tuple[str, ...] = ()) -> Any:
    """jieba with the lexicon's named terms (and any configured ones) kept whole by the segmenter."""
    import jieba
    import jieba.posseg

    with _jieba_lock:
        if not _jieba_words:
            jieba.setLogLevel(60)
        for term in (*lexicon()["topic"]["named_terms"], *extra_terms):
            if term not in _jieba_words:
                jieba.add_word(term, freq=200000, tag="nz")
                _jieba_words.add(term)
        # category words kept whole too ("快手菜", not 快 + 手菜), so that they are read as generic
        for term in lexicon()["topic"]["generic_terms"]:
            if len(term) >= 3 and re.fullmatch(r"[\u4e00-\u9fff]+", term) and term not in _jieba_words:
                jieba.add_word(term, freq=200000, tag="n")
                _jieba_words.add(term)
    return jieba


def _named(extra_terms: tuple[str, ...] = ()) -> set[str]:
    return set(lexicon()["topic"]["named_terms"]) | set(extra_terms)


def _same_named_kind(promised: str, shown: str, extra_terms: tuple[str, ...] = ()) -> bool:
    """Are two named things of one kind (two dishes, two phones)? A team's own named terms, and a
    built-in name with no kind, are of every kind."""
    kinds = lexicon()["topic"].get("named_kinds", {})
    of = [{kind for kind, names in kinds.items() if term in names} for term in (promised, shown)]
    if promised in extra_terms or shown in extra_terms or not of[0] or not of[1]:
        return True
    return bool(of[0] & of[1])


_EN_WORD = re.compile(r"[A-Za-z][A-Za-z'+-]*[A-Za-z+]|[A-Za-z]")
_KEEP_FLAGS = ("n", "nr", "ns", "nt", "nz", "ng", "vn", "eng", "nrt", "nrfg", "an")


def _distinct_words(terms: Any) -> int:
    """Terms that are different words: "egg" and "eggs" are one."""
    return len({_stem(t) for t in terms})


def _stem(word: str) -> str:
    word = word.lower()
    for suffix in ("ing", "es", "ed", "s"):
        if len(word) > len(suffix) + 2 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def key_terms(title: str, named_terms: tuple[str, ...] = ()) -> list[str]:
    """The title's topic words: nouns, named dishes/products and English content words, generic words removed."""
    lex = lexicon()["topic"]
    generic = set(lex["generic_terms"])
    named = _named(named_terms)
    stop = set(lex["english_stopwords"])
    jieba = _jieba(named_terms)
    import jieba.posseg as posseg

    terms: list[str] = []
    text = re.sub(r"#\S+", " ", title[:MAX_TITLE_TAGGED_CHARS])  # hashtags are for discovery, not promises of content
    for pair in posseg.cut(text):
        word, flag = pair.word.strip(), pair.flag
        if not word:
            continue
        if _EN_WORD.fullmatch(word):
            if word.lower() not in stop and word.lower() not in generic and (len(word) >= 3 or word in named) and not word.isdigit():
                terms.append(word)
            continue
        if word in generic or len(word) < 2 or re.search(r"\d", word):
            continue
        if word in named or flag in _KEEP_FLAGS or (flag == "l" and len(word) >= 4):
            terms.append(word)
    del jieba
    return list(dict.fromkeys(terms))


def _synonyms(term: str) -> set[str]:
    out = {term}
    for group in lexicon()["topic"]["synonyms"]:
        lowered = [g.lower() for g in group]
        if term.lower() in lowered:
            out.update(group)
    return out


def _contains(haystack_lower: str, needle: str) -> bool:
    """Substring for Chinese; whole word for English ('phone' is not in 'iphone')."""
    needle = needle.lower()
    if re.fullmatch(r"[a-z0-9' +-]+", needle):
        return re.search(rf"(?<![a-z0-9]){re.escape(needle)}(?![a-z0-9])", haystack_lower) is not None
    return needle in haystack_lower


def term_in_content(term: str, content: str, content_stems: set[str] | None = None) -> bool:
    """Substring, synonym, English stem, or (for long Chinese terms) all of its sub-words present."""
    lower = content.lower()
    if any(_contains(lower, s) for s in _synonyms(term)):
        return True
    if _EN_WORD.fullmatch(term):
        stems = content_stems if content_stems is not None else {_stem(w) for w in _EN_WORD.findall(content)}
        return _stem(term) in stems
    if len(term) >= 3:
        jieba = _jieba()
        parts = [p for p in jieba.cut_for_search(term) if len(p) >= 2 and p != term]
        if parts and all(any(_contains(lower, s) for s in _synonyms(p)) for p in _cover(term, parts)):
            return True
    return False


def _cover(term: str, parts: list[str]) -> list[str]:
    """Sub-words that together cover the term's characters (the longest first)."""
    covered = [False] * len(term)
    chosen = []
    for part in sorted(parts, key=len, reverse=True):
        start = term.find(part)
        if start >= 0 and not all(covered[start : start + len(part)]):
            chosen.append(part)
            for i in range(start, start + len(part)):
                covered[i] = True
    return chosen if all(covered) else parts + [term]


@lru_cache(maxsize=1)
def _intro_pattern() -> "re.Pattern[str]":
    """The content's own intro: "今天教大家做X", "today we are baking X" (compiled on first use)."""
    return re.compile(
        r"(?:今天|这期|本期|这次|今儿)(?:我们|我|来|就|给大家|教大家|带大家|跟大家)*"
        r"(?:做|来做|开箱|分享|聊聊|聊|讲讲|讲|说说|试驾|测评|评测|学习|来学|介绍|带来|吃|去|逛|打卡|画|拍|看看|看一下|瞧瞧|试试|试一下|体验|尝尝"
        r"|(?<=教大家)(?=[\u4e00-\u9fff]))"  # 今天教大家包饺子: what is taught follows
        r"(?:了|一下|一道|一个|一款|一份|的是|的)*(?P<subject>[^\s，,。！!？?：:、；;]{2,12})"
        r"|(?:^|(?<=[\s。！!？?，,]))(?:给大家|带大家)(?:看看|看一下|瞧瞧|逛逛)(?P<shown>[^\s，,。！!？?：:、；;]{2,12})"
        r"|\btoday,? (?:we(?:'re| are)|i(?:'m| am)) (?:making|baking|cooking|reviewing|testing|learning|building|visiting|unboxing|doing|"
        r"trying|talking about|showing you|walking you through|sharing|going over) "
        r"(?P<en_subject>[a-z][a-z -]{2,40}?)(?=[.,!]|$)"
        # presenting a subject: "这是我家的猫咪", "给大家介绍一下我的新车", "this is my cat Luna", "meet my new puppy"
        r"|(?:^|(?<=[\s。！!？?，,]))(?:这是|这就是|给大家介绍一下|介绍一下|来看看)(?:我|我们)(?:家的?|的|[\u4e00-\u9fff]{1,2}的)"
        r"(?P<pres>[^\s，,。！!？?：:、；;]{2,8})"
        r"|\b(?:this is|these are|here's|here is|here are|meet|say hi to|say hello to) (?:my|our) (?!(?:first|second|third|last|next|own|favou?rite|new) (?:time|day|week|year|try|attempt|video)\b)"
        r"(?P<en_pres>[a-z]+(?: [a-z]+)?)"
        r"|(?:^|(?<=[.!?]\s))(?-i:Meet|Say hi to) (?P<en_name>(?-i:[A-Z][a-z]+))(?=[!.,])",  # "Meet Biscuit!": a pet or person by name
        re.IGNORECASE,
    )


# nouns of telling rather than things: a presented "story" or "日常" names no subject of its own
_DISCOURSE = re.compile(r"\b(?:story|stories|video|vlog|experience|journey|thoughts?|opinion|review|update|routine|day|life|take|advice|"
                        r"tips?|list|channel|favou?rites?|attempt|try|version|plan|reason|answer|secret)\b"
                        r"|故事|视频|经历|日常|心得|感受|分享|生活|一天|想法|看法|理由|答案|计划|版本|作品|第一次"
                        r"|做法|方法|吃法|配方|味道|手艺", re.IGNORECASE)  # how a thing is made is no other thing


_TELLING_WORDS = {"分享", "一下", "大家", "教程", "视频", "今天", "这里", "那里", "干货", "内容"}


def _subject_words(subject: str) -> list[str]:
    """Words of two characters or more that name something in an intro's subject where the title's key terms
    find none (通勤穿搭: jieba reads both as verbs): nouns and verbs, not pronouns or topic-less words."""
    _jieba()
    import jieba.posseg as posseg

    # a category a title counts or promises in general (早餐, 减脂餐) is the subject a content announces
    return [w.word for w in posseg.cut(subject[:MAX_TAGGED_CHARS]) if len(w.word) >= 2 and re.fullmatch(r"[\u4e00-\u9fff]+", w.word)
            and w.flag[:1] in ("n", "v", "j") and w.word not in _NO_HEAD and not _DISCOURSE.search(w.word)
            and w.word not in _TELLING_WORDS]


def content_subjects(content: str, title: str, named_terms: tuple[str, ...] = (), announced_only: bool = False) -> list[str]:
    """What the content names as its own subject, absent from the title: the intro's subject
    ("今天教大家做X", "today we are baking X") and specific names (dishes, products, places, brands);
    announced_only: the intro's subject only."""
    named = _named(named_terms)
    jieba = _jieba(named_terms)
    title_lower = title.lower()
    title_terms = set(key_terms(title, named_terms))
    found: list[str] = []

    from prelint.checks.match.concepts import find_concepts, strip_hashtags

    title_concepts = set(find_concepts(strip_hashtags(title), require_min_hits=False))
    content_concepts = set(find_concepts(re.sub(r"@\S+|#\S+", " ", content), require_min_hits=False)) if title_concepts else set()

    def in_title(term: str, presented: bool = False) -> bool:
        """The term is in the title, as a word or a synonym; a subject the content presents ("这就是我租的房子")
        also when it names a concept the title names (房子 under 豪宅: the same thing, described differently)."""
        if any(_contains(title_lower, s) for s in _synonyms(term)) or any(term_in_content(t, term) for t in title_terms):
            return True
        return presented and bool(title_concepts & set(find_concepts(term, require_min_hits=False)))

    # @mentions ("@今天拍点啥(O840386039)") and hashtags name accounts and topics, not the video's subject
    content = re.sub(r"@\S+|#\S+", " ", content)
    for m in _intro_pattern().finditer(content):
        subject = (m.group("subject") or m.group("en_subject") or m.group("pres") or m.group("en_pres") or m.group("shown")
                   or m.group("en_name") or "").strip()
        if re.match(r"(?:点|些|个)?(?:啥|什么|哪|嘛|些)", subject):
            continue  # "今天拍点啥", "今天吃什么": a question, not a subject
        # a subject names something: "今天就分享到这里" (a sign-off) or "今天给大家分享一个" names nothing
        subject_terms = key_terms(subject, named_terms) or _subject_words(subject)
        if m.group("en_name"):
            subject_terms = [subject]
        presented = bool(m.group("pres") or m.group("en_pres") or m.group("shown") or m.group("en_name"))
        if presented and title_concepts & content_concepts:
            continue  # the content speaks of what the title names (房子 under 豪宅): a presented subject is that thing
        if presented and _DISCOURSE.search(content[m.start() : m.end() + 4]):
            continue  # "here's my honest story", "这是我的日常": the telling, not a thing
        if subject_terms and sum(in_title(t, presented) for t in subject_terms) / len(subject_terms) < 0.5:
            found.append(subject)
    if announced_only:
        return list(dict.fromkeys(found))
    # named things (lexicon named_terms): jieba's own nr/nz/ns tags are too noisy on recipes (生抽 → nr)
    for word in jieba.cut(content[:4000]):
        if word in named and not in_title(word):
            found.append(word)
    return list(dict.fromkeys(found))


def judge_topic(title: str, duration_s: float | None, content: str, *, max_missing_share: float = 0.5,
                min_terms: int = 1, named_terms: tuple[str, ...] = (), use_model: bool = True) -> list[Mismatch]:
    """The title promises a subject the content does not show. Three ways, the first that fires:

    1. words: more than max_missing_share of the title's key terms are missing AND the content
       names a subject of its own (its intro "今天教大家做X", a named dish/product/place); a
       promised named thing replaced by another named thing fires on its own;
    2. swap (concepts): a dish, animal, activity, product or venue the title promises is absent
       (none of its concept's words) while the content names another of the same kind;
    3. domain (concepts + topic model): every concept the title names is absent and the content's
       concepts belong to other content categories, which the topic model does not contradict.
    A recipe that never says the dish's name and sparse content that names nothing are not flagged.
    """
    title, content = defuse_runs(title), defuse_runs(content)
    if shared_figures(title, content):
        return []  # the content states the title's own figure (月薪三万 / 税前三万二): it speaks to the title
    swapped_city = city_swap(title, content)
    if swapped_city:
        return [swapped_city]
    terms = key_terms(title, named_terms)
    stems = {_stem(w) for w in _EN_WORD.findall(content)}
    missing = [t for t in terms if not term_in_content(t, content, stems)] if len(terms) >= min_terms else []
    if missing:
        share = len(missing) / len(terms)
        named = _named(named_terms)
        subjects = content_subjects(content, title, named_terms)
        # a named thing (dish, product, place) promised and another named thing of its kind shown is a swap on its own
        swapped = any(t in named and s in named and _same_named_kind(t, s, named_terms) for t in missing for s in subjects)
        # a place promised ("去了趟成都") is swapped only by another place, not by what is done there (火锅)
        place_only = all(_is_place(t) for t in missing) and not any(_is_place(s) for s in subjects)
        if subjects and (share > max_missing_share or swapped) and not place_only:
            first = title.find(missing[0])
            announced = _announced_swap(title, content, terms, missing, named_terms)
            if not (swapped or announced or prestige_claims(title)):
                # the words are missing; a concept of the same kind named instead (原神 over 绝地求生) is surer
                # (under a prestige claim, 五星级大厨的私房牛排 over 土豆丝, the gap is hype-gap's to judge)
                concepts = judge_concepts(title, content, terms, missing, use_model=use_model)
                if concepts and concepts[0].level == "warn":
                    return concepts
            return [Mismatch(
                "topic-mismatch",
                f"The title promises {', '.join(missing)} but the content never mentions it; it talks about "
                f"{', '.join(subjects[:5])} ({len(missing)} of {len(terms)} key terms missing)",
                "Make the title describe what the video shows, or show/say the promised subject in the video",
                first if first >= 0 else None, first + len(missing[0]) if first >= 0 else None,
                {"title_terms": terms, "missing": missing, "present": [t for t in terms if t not in missing],
                 "missing_share": round(share, 2), "content_subjects": subjects[:10], "named_swap": swapped}
                | ({"announced": announced} if announced else {}),
                level="warn" if swapped or announced else "")]
    return judge_concepts(title, content, terms, missing, use_model=use_model)


# a title about visiting a place: a trip, a guide, sights, food to try, the night view
_TRAVEL_TITLE = re.compile(r"旅游|旅行|攻略|[一二两三四五六七八九十\d]日游|天[一两三四五六七八九]夜|游玩|打卡|景点|夜景|航拍|必吃|必去|必逛|citywalk|"
                           r"\b(?:trip|travel|guide|itinerary|things to do|must[- ]see)\b", re.IGNORECASE)
# a city named as where one comes from or goes back to is no place the video shows
_ORIGIN_BEFORE = re.compile(r"(?:从|离开|回|回到|飞回|老家|来自|住在)\s*$")


def city_swap(title: str, content: str) -> Mismatch | None:
    """A travel title's city absent while the content names another city where the video is
    (三亚旅游攻略 over 哈尔滨冰雪大世界; 北京三天两夜 over 成都第一站宽窄巷子): a place swapped for another
    of its kind, as sure as a named swap. A city the content comes from (从上海出发) is not where it is."""
    from prelint.checks.match.concepts import strip_hashtags

    clean = strip_hashtags(title)
    if not _TRAVEL_TITLE.search(clean):
        return None
    cities = sorted(lexicon()["topic"].get("cities", []), key=len, reverse=True)
    promised = [c for c in cities if c in clean]
    if not promised or any(c in content for c in promised):
        return None
    shown = [c for c in cities if c not in promised and not any(c in p or p in c for p in promised)
             and any(not _ORIGIN_BEFORE.search(content[max(0, m.start() - 12) : m.start()]) for m in re.finditer(re.escape(c), content))]
    if not shown:
        return None
    start = clean.find(promised[0])
    start = title.find(promised[0]) if start >= 0 else -1
    return Mismatch(
        "topic-mismatch",
        f"The title promises {promised[0]} but the content never mentions it; it shows {', '.join(shown[:3])} instead",
        "Make the title name the place the video shows, or show/say the promised place in the video",
        start if start >= 0 else None, start + len(promised[0]) if start >= 0 else None,
        {"way": "place", "promised": promised, "content_places": shown[:5]}, level="warn")


def _announced_swap(title: str, content: str, terms: list[str], missing: list[str], named_terms: tuple[str, ...]) -> list[str]:
    """The content announces a subject of its own ("今天教大家做螺蛳粉", "这期聊聊基金定投", "today we are baking
    cookies", "this is my cat Luna") while none of the title's words nor its concepts appear: a swap as sure
    as a named one. Not under hype or a big sum in the title: a prestige title over a plain subject
    (米其林大厨 over 西红柿炒蛋, a villa tour over a dorm) is hype-gap's to judge. The announced subjects, or []."""
    if len(missing) < len(terms) or title_hype(title)[0] > 0 or shared_figures(title, content):
        return []
    from prelint.checks.match.concepts import find_concepts, strip_hashtags
    from prelint.checks.match.quantities import find_money

    if any(_is_money(title, a) for a in find_money(title)):
        return []
    title_concepts = set(find_concepts(strip_hashtags(title), require_min_hits=False))
    if title_concepts & set(find_concepts(re.sub(r"@\S+|#\S+", " ", content), require_min_hits=False)):
        return []
    return content_subjects(content, title, named_terms, announced_only=True)


#: A figure shared by title and content is at least this large, and the two within this ratio.
SHARED_FIGURE_MIN = 20
SHARED_FIGURE_RATIO = 1.15
_FIGURE = re.compile(r"\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百千万亿]{2,}")


def shared_figures(title: str, content: str) -> list[str]:
    """Figures of 20 or more that the title and the content both state, within 15 % of each other
    (人均50 / 四十九块九, 八百块 / 结账八百二): a content that states the title's own price, income or
    amount is about the title's subject, whatever words it uses for it."""
    from prelint.checks.match.quantities import parse_amount

    def figures(text: str) -> list[tuple[str, float]]:
        out = []
        for m in _FIGURE.finditer(text):
            value = parse_amount(m.group(0))
            if value is not None and value[0] >= SHARED_FIGURE_MIN:
                out.append((m.group(0), value[0]))
        return out

    content_figures = figures(content)
    return [text for text, value in figures(title)
            if any(max(value, other) <= SHARED_FIGURE_RATIO * min(value, other) for _, other in content_figures)]


#: The topic model's largest share for a product title's category over content that does not name the
#: product for the domain path to warn (the iPad, iPhone and car cases it was set on read 0.00-0.05).
PRODUCT_MAX_SHARE = 0.1
SHORT_CONTENT_CHARS = 40  # content this short (a hook line, a caption or two) names its subject once


def _model_share(text: str, domains: set[str]) -> float | None:
    """The topic model's probability that the text belongs to any of the domains (None: no model domain)."""
    from prelint.checks.match.topic_model import load_topic_model

    model = load_topic_model()
    known = [d for d in domains if d in model.categories]
    if not known:
        return None
    dist = model.distribution(text)
    return sum(dist[d] for d in known)


def prestige_claims(title: str) -> list[str]:
    """The prestige claims of hype-gap's facets in `title` (千万豪宅, 米其林, 人间仙境)."""
    return _find_terms(title, [c for facet in lexicon()["hype"].get("facet", []) for c in facet["claims"]])


def judge_concepts(title: str, content: str, terms: list[str] | None = None, missing: list[str] | None = None,
                   *, use_model: bool = True) -> list[Mismatch]:
    """Paths 2 and 3 of judge_topic: concepts swapped, or the content about other categories."""
    from prelint.checks.match.concepts import SWAP_FACETS, covered, find_concepts, strip_hashtags

    clean_title = strip_hashtags(title)
    # a title names a concept by a word of two or more characters ("狗狗", not the 狗 of 生肖狗 alone)
    in_title = {name: hit for name, hit in find_concepts(clean_title, require_min_hits=False).items()
                if any(len(t) >= 2 for t in hit.terms)}
    # a concept the title names only by a prestige claim (人间仙境, 秘境, 豪宅) is hype-gap's to judge: the
    # content may show the same place or thing described modestly (小区后面的小树林)
    prestige = prestige_claims(clean_title)
    if prestige:
        plain_title = clean_title
        for claim in prestige:
            plain_title = re.sub(re.escape(claim), " ", plain_title, flags=re.IGNORECASE)
        plain = find_concepts(plain_title, require_min_hits=False)
        in_title = {name: hit for name, hit in in_title.items() if name in plain}
    if not in_title:
        return []
    content = re.sub(r"@\S+|#\S+", " ", content)  # account names and hashtags are not what the video shows
    mentioned = find_concepts(content, require_min_hits=False)  # any word of a concept: it is there
    shown = find_concepts(content)  # concepts the content names with enough words to count as its subject
    absent = [hit for name, hit in in_title.items() if name not in mentioned]
    if not absent:
        return []
    short = _chars(content) <= SHORT_CONTENT_CHARS
    present_facets = {hit.concept.facet for name, hit in in_title.items() if name in mentioned}

    def strong(hit: Any) -> bool:
        """Named clearly enough to be the content's subject: by a word of two or more characters (one
        Chinese character such as 洗 or 书 is too ambiguous alone), and twice or in short content."""
        if not any(len(t) >= 2 for t in hit.terms):
            return False
        return short or hit.occurrences >= 2 or _distinct_words(hit.terms) >= 2

    def located(hits: list[Any]) -> tuple[int | None, int | None]:
        lower = clean_title.lower()
        spots = [(lower.find(t), -len(t)) for h in hits for t in h.terms if lower.find(t) >= 0]
        if not spots:
            return None, None
        start, negative_length = min(spots)
        return start, start - negative_length

    # 2. swap: the promised X absent, another X named. A word that names the category of the items a
    # title counts ("6个景点", "10大美食") promises some X, so another X is an instance, not a swap.
    categories = {c.noun.lower() for c in find_count_claims(clean_title)} | {w.lower() for w in lexicon()["topic"]["generic_terms"]}
    for hit in absent:
        facet = hit.concept.facet
        if facet not in SWAP_FACETS or facet in present_facets:
            continue
        if all(t.lower() in categories or any(t.lower() in c and len(c) <= len(t) + 1 for c in categories) for t in hit.terms):
            continue
        rivals = [c for name, c in shown.items() if c.concept.facet == facet and name not in in_title and strong(c)]
        # the content also speaks of the title's category in general (a phone review's battery and screen):
        # a rival named once may be a part of the promised thing (its camera), so it must be named clearly
        support = [c for c in mentioned.values() if not c.concept.facet and c.concept.domain == hit.concept.domain]
        if support:
            rivals = [c for c in rivals if c.occurrences >= 2 or _distinct_words(c.terms) >= 2]
        if not rivals:
            continue
        title_domains = {h.concept.domain for h in in_title.values() if h.concept.domain}
        if use_model and title_domains:
            share = _model_share(content, title_domains)
            rival_domains = {c.concept.domain for c in rivals if c.concept.domain}
            if share is not None and share >= 0.5 and not (rival_domains & title_domains):
                continue  # the model reads the content as the title's category after all
        start, end = located([hit])
        return [Mismatch(
            "topic-mismatch",
            f"The title promises {hit.concept.name} ({', '.join(hit.terms)}) but the content never mentions it; "
            f"it shows {', '.join(f'{c.concept.name} ({chr(44).join(c.terms[:3])})' for c in rivals[:3])} instead",
            "Make the title describe what the video shows, or show/say the promised subject in the video",
            start, end,
            {"way": "swap", "facet": facet, "promised": hit.concept.name, "promised_terms": list(hit.terms),
             "content_concepts": [c.concept.name for c in rivals], "content_terms": [t for c in rivals for t in c.terms[:5]],
             "missing_terms": list(missing or [])}, level="warn")]

    # 3. domain: nothing the title names is there, and the content is about other categories
    if len(absent) < len(in_title):
        return []
    title_domains = {h.concept.domain for h in in_title.values() if h.concept.domain}
    if not title_domains:
        return []
    content_hits = [c for c in shown.values() if c.concept.domain and strong(c)]
    # a domain is also shown by two or more distinct words of its concepts together ("hiked up to the
    # lake" + "swim": scenery and swimming), though no single concept is named twice
    by_domain: dict[str, set[str]] = {}
    for name, hit in mentioned.items():
        if hit.concept.domain and hit.concept.min_hits <= 1 and name not in in_title:
            by_domain.setdefault(hit.concept.domain, set()).update(t for t in hit.terms if len(t) >= 2)
    content_hits += [hit for name, hit in mentioned.items() if hit not in content_hits and hit.concept.domain
                     and hit.concept.min_hits <= 1 and len(by_domain.get(hit.concept.domain, ())) >= 2 and name not in in_title]
    content_domains = {c.concept.domain for c in content_hits}
    open_title = any(h.concept.open for h in in_title.values())
    # a neighbouring category (a fitness title over food, a parenting title over a trip) is covered only
    # with a bridge: something of the title's own category named in the content too (减脂, 宝宝); a
    # sourdough starter under marathon tips, or cherry blossoms under baby food, shares nothing
    title_mentions = {c.concept.domain for c in find_concepts(clean_title, require_min_hits=False).values()}
    bridge = any(c.concept.domain in title_domains for c in mentioned.values()) or bool(title_mentions & content_domains)
    if not content_domains or any(covered(title_domains, d, open_title, bridge) for d in content_domains):
        return []
    if terms and missing is not None:
        kept = [t for t in terms if t not in missing and not _is_place(t)]
        if kept and len(kept) >= len(terms) - len(kept):
            return []  # most of the title's own words are there: related after all
    share = _model_share(content, title_domains) if use_model else None
    if share is not None and share >= 0.3:
        return []  # the model reads the content as the title's category: not a confident disagreement
    start, end = located(absent)
    evidence: dict[str, Any] = {"way": "domain", "title_domains": sorted(title_domains), "content_domains": sorted(content_domains),
                                "promised": [h.concept.name for h in absent],
                                "content_concepts": [c.concept.name for c in content_hits],
                                "content_terms": [t for c in content_hits for t in c.terms[:5]]}
    if share is not None:
        evidence["model_title_category_share"] = round(share, 4)
    # a product the title names (a phone, a car, an e-reader) leaves a trace in any video about it: its
    # name, its parts, its use; none of them, over content of another category the topic model does
    # not read as the product's, is as sure as a swap
    product = all(h.concept.facet == "product" for h in absent) and (share is None or share < PRODUCT_MAX_SHARE)
    return [Mismatch(
        "topic-mismatch",
        f"The title is about {'/'.join(sorted(title_domains))} ({', '.join(t for h in absent for t in h.terms)}) "
        f"but the content is about {'/'.join(sorted(content_domains))} "
        f"({', '.join(t for c in content_hits for t in c.terms[:3])}) and never mentions what the title promises",
        "Make the title describe what the video shows, or show/say the promised subject in the video",
        start, end, evidence, level="warn" if product else "")]


@lru_cache(maxsize=2048)
def _is_place(word: str) -> bool:
    """A place name (jieba's ns tag): a city shared by title and content says little about the subject."""
    jieba = _jieba()
    import jieba.posseg as posseg

    del jieba
    return any(p.flag == "ns" for p in posseg.cut(word))


# --------------------------------------------------------------------------- hype-gap

_EXCITED_PUNCTUATION = re.compile(r"[!！?？]{2,}")
_SHOCK_EMOJI = re.compile("[\U0001F631\U0001F92F\U0001F525\U0001F62D\U0001F633]")


def _find_terms(text: str, terms: list[str]) -> list[str]:
    lower = text.lower()
    found = []
    for term in sorted(terms, key=len, reverse=True):
        t = term.lower()
        if re.fullmatch(r"[a-z' -]+", t):
            if re.search(rf"\b{re.escape(t)}\b", lower):
                found.append(term)
                lower = re.sub(rf"\b{re.escape(t)}\b", " ", lower)
        elif t in lower:
            found.append(term)
            lower = lower.replace(t, " ")
    return found


PRESTIGE_SUM = 100_000  # a one-off sum in a title from which it is a prestige claim (十万, $100k)


def _is_money(text: str, amount: Any) -> bool:
    """The amount is written as money (十万块, $2 million, 百万豪宅, 花了十万), not a count (10万粉丝)."""
    from prelint.checks.match.quantities import _BARE_MONEY_AFTER, _BARE_MONEY_BEFORE

    if re.search(r"[块元钱$¥￥刀]|dollar|buck|usd|rmb|euro|pound", amount.text, re.IGNORECASE):
        return True
    return bool(re.match(_BARE_MONEY_AFTER, text[amount.end : amount.end + 4])
                or re.search(_BARE_MONEY_BEFORE, text[max(0, amount.start - 3) : amount.start]))


def title_hype(title: str, hype_terms: tuple[str, ...] = ()) -> tuple[int, list[str]]:
    """Hype score of a title: strong terms, prestige claims (豪宅, 人间仙境, 大厨级, 月入…) and configured
    hype_terms 2, mild terms 1, '!!'/'？！' runs and shock emoji 1 each."""
    lex = lexicon()["hype"]
    # a prestige claim the title itself plays down ("出租屋改造出豪宅感") is no hype
    prestige = [c for facet in lex.get("facet", []) if not _find_terms(title, facet["modest"]) for c in facet["claims"]]
    strong = _find_terms(title, [*lex["strong"], *prestige, *hype_terms])
    rest = title
    for term in strong:
        rest = re.sub(re.escape(term), " ", rest, flags=re.I)
    # a big sum is a prestige claim of its own ("百万装修的婚房", "a $2 million wedding"), whatever the words
    from prelint.checks.match.quantities import find_money

    strong += [a.text for a in find_money(rest) if not a.per and a.low >= PRESTIGE_SUM and _is_money(rest, a)]
    mild = _find_terms(rest, lex["mild"])
    signals = strong + mild
    score = 2 * len(strong) + len(mild)
    if _EXCITED_PUNCTUATION.search(title):
        score += 1
        signals.append(_EXCITED_PUNCTUATION.search(title).group(0))  # type: ignore[union-attr]
    if _SHOCK_EMOJI.search(title):
        score += 1
        signals.append(_SHOCK_EMOJI.search(title).group(0))  # type: ignore[union-attr]
    return score, signals


# a creator playing down their own skill: "我刀工不好", "我做得一般", "I'm not very good at"
_SELF_MODEST = re.compile(r"我(?:的)?[^，。,.!！?？\n]{0,6}(?:不好|不行|一般般|很差|不太会|太菜|很菜|不太行|不熟练)"
                          r"|我(?:也|又|并|可)?不是(?:什么)?(?:专业的?|职业的?)?[\u4e00-\u9fff]{0,3}(?:师|家|手|大厨|大神|高手|专业的|行家|达人)"
                          r"|\bi(?:'m| am) (?:not (?:very |that |really )?good at|a beginner|no (?:chef|pro|expert)|not (?:a |an )?(?:chef|pro|professional|expert))",
                          re.IGNORECASE)


# a price the content says it paid: "花了两万多", "才9块9", "5块钱3串" (a price for a quantity), "paid $20"
_PRICE_BEFORE = re.compile(r"(?:花了|花|买|买的|入手|落地|售价|价格|标价|才|只要|只花|仅|一共|总共|人均|一晚|一夜|一位|一份|一张|一件|=|＝)\s*$")
_PRICE_AFTER = re.compile(r"^\s*(?:钱)?\s*(?:买的|入手|拿下|搞定|一份|一串|一碗|一杯|一个|一斤|一晚|一张|一位|一人|一次|一件|一套|一盒|一袋|"
                          r"\d+\s*[串个份碗杯斤只瓶包张件])")
_EN_PRICE_BEFORE = re.compile(r"\b(?:paid|bought|for|only|just|cost|costs|under)\s+(?:about\s+|like\s+)?$", re.IGNORECASE)


def _stated_prices(content: str, below: float) -> list[str]:
    """Prices the content states at or under `below`, each with a cue that it is what something cost."""
    from prelint.checks.match.quantities import find_money

    out = []
    for amount in find_money(content):
        if amount.high > below:
            continue
        if amount.per:
            # a price by the hour or the day is a price when the content says it paid or rented it
            # ("租一个小时三十块"), not when it is what someone earns
            if re.search(r"(?:租|花|买|付|收费|票|价|rent|paid|costs?)\S{0,2}$", content[max(0, amount.start - 4) : amount.start], re.IGNORECASE):
                out.append(amount.text)
            continue
        before = content[max(0, amount.start - 4) : amount.start]
        if _PRICE_BEFORE.search(before) or _PRICE_AFTER.match(content[amount.end : amount.end + 6]) \
                or _EN_PRICE_BEFORE.search(content[max(0, amount.start - 14) : amount.start]):
            out.append(amount.text)
    return out


def _stated_wages(title: str, content: str, below_per_day: float) -> list[str]:
    """What the content says it earns, per period, at or under `below_per_day` (时薪十五, "$15 an hour"),
    when the title's income claim names no figure of its own (月入十万 is compared figure to figure)."""
    from prelint.checks.match.quantities import find_money, per_day

    if any(a.per for a in find_money(title)):
        return []
    return [a.text for a in find_money(content) if a.per and per_day(a, high=True) <= below_per_day]


def modest_facts(title: str, content: str) -> list[tuple[str, list[str]]]:
    """(facet, modest phrases the content states) for each prestige facet the title claims and does not
    itself play down: the facet's modest words, a low price it states (cheap_below) and, for income,
    a low wage it states (income_below_per_day)."""
    out = []
    for facet in lexicon()["hype"].get("facet", []):
        if not _find_terms(title, facet["claims"]) or _find_terms(title, facet["modest"]):
            continue
        found = _find_terms(content, facet["modest"])
        if facet["name"] == "skill":
            found += [m.group(0) for m in _SELF_MODEST.finditer(content)]
        if "cheap_below" in facet:
            found += _stated_prices(content, float(facet["cheap_below"]))
        if "income_below_per_day" in facet:
            found += _stated_wages(title, content, float(facet["income_below_per_day"]))
        if "small_below_m2" in facet:
            found += _stated_small_areas(content, float(facet["small_below_m2"]))
        if found:
            out.append((facet["name"], list(dict.fromkeys(found))))
    return out


# the content's own verdict is lukewarm ("It's fine.", "说实话，还行吧。") or it says what it shows is all there is
# ("That's honestly all I use", "that's the whole place"): said as a clause of its own, not "it's fine to skip it"
_PLAIN_VERDICT = re.compile(
    r"(?:^|(?<=[.!?;—–])\s*|\bbut\s+|\bhonestly,?\s+)(?:it's|it is|it was|they're|they are)\s+(?:just\s+|only\s+|honestly\s+|pretty\s+)?"
    r"(?:fine|okay|ok|alright|all right|decent|average|mediocre|meh)\s*(?=[.,;!—–]|$)"
    r"|\bthat's\s+(?:honestly\s+|really\s+|literally\s+|basically\s+)?(?:all|everything)\s+(?:i|we)\s+(?:use|have|own|need|got)\b"
    r"(?!\s+(?:to say|for (?:you|today|now|this)))"
    r"|\bthat's\s+(?:honestly\s+|really\s+|literally\s+)?the\s+(?:whole|entire)\s+(?:place|apartment|flat|house|setup|room|collection)\b"
    r"|(?:^|(?<=[。！？!?，,；;\s]))(?:说实话|其实|总的来说|整体|感觉)?[，,]?(?:还行|还可以|一般|一般般|马马虎虎|也就那样|中规中矩)(?:吧|啦)?(?=[。！？!?，,；;\s]|$)"
    r"|全部家当|就这么大(?:点)?", re.IGNORECASE)


def _plain_verdicts(content: str) -> list[str]:
    return [m.group(0).strip(" ,，") for m in _PLAIN_VERDICT.finditer(content)]


# a figure the content gives as the whole cost or size, not a part's ("一共才花了八千", "总共就四十平",
# "all in it was $900"; "沙发花了两千" is one item of many)
_TOTAL_BEFORE = re.compile(r"(?:(?:一共|总共|总价|合计|加起来|全部|全屋|整个下来|整套|总花费|总预算|落地价?|建筑面积|套内)"
                           r"(?:是|才|就|只|只有|也就|不到|了)*(?:花了|花费了?|用了)?"
                           r"|(?:^|(?<=[，,。！!？?\s｜|：:]))(?:才|就|只|也就)?(?:花了|花费了?|投入了?))"
                           r"(?:是|才|就|只|只有|也就|不到|了)*\s*$")
_EN_TOTAL_BEFORE = re.compile(r"\b(?:in total|total(?: cost| price)?(?: was| is| came to)?|all in(?: it was)?|altogether|the whole thing (?:cost|was)|"
                              r"came to|grand total(?: of)?)\s*(?:about\s+|just\s+|only\s+|under\s+)?$", re.IGNORECASE)
_AREA = re.compile(r"(?P<num>(?<![\d.])\d+(?:\.\d+)?|(?<![零一二两三四五六七八九十百千几])[零一二两三四五六七八九十百千几]+)\s*(?:多)?\s*"
                   r"(?:平方米|平米|平方|平(?![安时常均台])|㎡|m²)"
                   r"|(?<![\d,])(?P<en>\d[\d,]*)\s*(?:square feet|sq\.? ?ft|sqft|square meters|m2)", re.IGNORECASE)


def _areas(text: str) -> list[tuple[str, float, int]]:
    from prelint.checks.match.quantities import parse_amount

    out = []
    for m in _AREA.finditer(text):
        if m.group("en"):
            value = float(m.group("en").replace(",", "")) * (0.0929 if re.search(r"f", m.group(0), re.I) else 1.0)
        else:
            parsed = parse_amount(m.group("num"))
            if parsed is None:
                continue
            value = parsed[0]
        out.append((m.group(0), value, m.start()))
    return out


_WHOLE_CUE_EN = re.compile(r"\b(?:the\s+(?:whole|entire)\s+(?:place|apartment|flat|house|home|unit|thing)|in total|total|all in|altogether)\b",
                           re.IGNORECASE)
_WHOLE_CUE_CN = re.compile(r"整套|整个房子|全屋|总共|一共|套内|建筑面积|总面积")


def _stated_small_areas(content: str, below_m2: float) -> list[str]:
    """Floor areas at or under `below_m2` that the content gives as the whole place: in an English sentence
    that says so ("it's about 300 square feet … that's the whole place"), a Chinese clause (整套才三十平; not
    "主卧有三十平，…一共五个卧室") or after a total's cue."""
    out = []
    for text, value, position in _areas(content):
        if value > below_m2:
            continue
        english = re.search(r"[a-z]", text, re.IGNORECASE) is not None
        stops = ".!?;\n" if english else "。！？!?；;，,\n"
        unit = content[start_of(content, position, stops) : end_of(content, position, stops)]
        if _is_total(content, position) or (_WHOLE_CUE_EN if english else _WHOLE_CUE_CN).search(unit):
            out.append(text)
    return out


def _is_total(content: str, start: int) -> bool:
    before = content[max(0, start - 10) : start]
    return bool(_TOTAL_BEFORE.search(before) or _EN_TOTAL_BEFORE.search(content[max(0, start - 30) : start]))


_EARN_SENTENCE = re.compile(r"[^。！？!?；;\n]+")
_EARN_FIGURE = re.compile(r"(?:挣|赚|收入|到手|进账|落下)(?:了)?(?:差不多|大概|大约|能有|能|也就|才|只有|就|有)*\s*"
                          r"(?P<num>\d+(?:\.\d+)?|[一二两三四五六七八九十百千万几]+)(?P<lai>来|多)?\s*(?:块钱|块|元)?")
_EARN_PERIOD = re.compile(r"(?:一|每)(?:个)?(?P<per>天|晚上|晚|夜|月|年|周|星期)|(?P<day>今天|今晚|当天|这一天)|(?P<month>上个月|这个月|本月)")


def earnings_in_sentences(content: str) -> list[Any]:
    """Earnings with their period in one sentence, the figure written after the verb with or without
    a unit: "一晚上跑四个小时，差不多能挣一百二左右" is 120 a day (find_money needs the two side by side)."""
    from prelint.checks.match.quantities import _PER, Amount, find_durations, parse_amount

    out = []
    for sentence in _EARN_SENTENCE.finditer(content):
        text = sentence.group(0)
        period = _EARN_PERIOD.search(text)
        if period is None:
            continue
        for m in _EARN_FIGURE.finditer(text):
            value = parse_amount(m.group("num"))
            if value is None or value[1] < 10 or m.start() < period.start():
                continue
            if not period.group("per") and any(period.end() <= d.start < m.start() for d in find_durations(text)):
                continue  # "上个月搞活动，3天赚了10万": the span named beside the figure is its period
            high = value[1] * (1.5 if m.group("lai") == "多" else 1.0)
            out.append(Amount(m.group(0), value[0], high, sentence.start() + m.start(), sentence.start() + m.end(),
                              _PER[period.group("per")] if period.group("per") else "day" if period.group("day") else "month"))
    return out


#: Words that promise wealth without a figure, and the largest sum (yuan or dollars) that contradicts them.
_WEALTH_CLAIM = re.compile(r"暴富|发财了|私人飞机|豪宅|别墅|豪车|超跑|土豪|有钱人的|富豪|\b(?:luxury|mansion|private jet|millionaire|rich life)\b",
                           re.IGNORECASE)
POCKET_MONEY = 100


#: Gaps a title's figures may have against the content's: one per distinct claim, this many in all
#: (a title repeating 百万粉丝 over a content repeating 两千粉丝 paired every figure with every other).
MAX_GAPS = 8


def magnitude_gaps(title: str, content: str) -> list[dict[str, Any]]:
    """Amounts the title promises that the content's own figures fall far short of: income per period
    ('月入十万' vs '一天也就赚几百块'), a price or size against the whole the content says it cost or
    measured ('十万块的豪华婚礼' vs '一共才花了八千', '三百平大平层' vs '整套才六十平'; a part's price is no
    whole) and counts of the same thing ('百万粉丝' vs '才两千粉丝'). The first gap of each distinct claim
    is kept, at most MAX_GAPS."""
    from prelint.checks.match.quantities import content_span_earnings, find_money, find_span_earnings, parse_amount, per_day

    gaps: list[dict[str, Any]] = []
    claimed: set[str] = set()

    def add(gap: dict[str, Any]) -> None:
        if gap["claim"] not in claimed and len(gaps) < MAX_GAPS:
            claimed.add(gap["claim"])
            gaps.append(gap)

    def distinct(amounts: Any) -> list[Any]:
        seen: set[str] = set()
        return [a for a in amounts if not (a.text in seen or seen.add(a.text))]

    title_money = find_money(title)
    content_money = find_money(content)
    # an income over a span is compared per day like a monthly one: "3天赚了10万", "six figures", "$10k in my first week"
    promised = distinct([a for a in title_money if a.per] + find_span_earnings(title))
    stated = [a for a in content_money if a.per]
    stated += [e for e in earnings_in_sentences(content) if not any(a.start < e.end and e.start < a.end for a in stated)]
    stated += [e for e in content_span_earnings(content) + find_span_earnings(content)
               if not any(a.start < e.end and e.start < a.end for a in stated)]
    most_per_day = max((per_day(fact, high=True) for fact in stated), default=0.0)
    for claim in promised:
        if most_per_day * 2 >= per_day(claim, high=False):
            continue  # the content also states an income that bears the claim out (an earlier, smaller one is a story)
        fact = next((f for f in stated if per_day(f, high=True) * 2 <= per_day(claim, high=False)), None)
        if fact is not None:
            add({"claim": claim.text, "content": fact.text, "claim_per_day": round(per_day(claim, False), 1),
                 "content_per_day": round(per_day(fact, True), 1)})
    # one-off prices and sizes: the whole the content states, a tenth (price) or a third (size) of the claim or less
    totals = [a for a in content_money if not a.per and _is_total(content, a.start)]
    for claim in distinct(a for a in title_money if not a.per and a.low >= 1000):
        fact = next((f for f in totals if f.high * 10 <= claim.low), None)
        if fact is not None:
            add({"claim": claim.text, "content": fact.text, "claim_value": claim.low, "content_value": fact.high})
    content_areas = [(text, area) for text, area, position in _areas(content) if _is_total(content, position)]
    for claim_text, claim_area, _ in _areas(title):
        fact = next(((text, area) for text, area in content_areas if area * 3 <= claim_area), None)
        if fact is not None:
            add({"claim": claim_text, "content": fact[0], "claim_value": claim_area, "content_value": fact[1]})
    # wealth promised without a figure (一夜暴富, 私人飞机, 豪宅, luxury) and the content's whole sum is pocket money
    wealth = _WEALTH_CLAIM.search(title)
    if wealth and not title_money and not re.match(r"\s*(?:感|风|既视感|的感觉|同款|feel|vibes?)", title[wealth.end():], re.IGNORECASE):
        # (花三千块住出豪宅感 names its own budget: the look is promised, not the wealth)
        fact = next((a for a in content_money if not a.per and a.high <= POCKET_MONEY), None)
        if fact is not None:
            add({"claim": wealth.group(0), "content": fact.text, "content_value": fact.high})
    for gap in _change_gaps(title, content):
        add(gap)
    # the same counted thing: "百万粉丝" / "10万播放" vs "两千粉丝" / "几百播放"
    number = rf"(?:\d+(?:\.\d+)?[万千百w]?|[一二两三四五六七八九十百千万几]+)"
    counted: dict[str, list[tuple[str, float]]] = {}
    for m in re.finditer(rf"(?P<num>{number})\s*(?P<noun>粉丝|播放|点赞|订阅|浏览|阅读量|单|件|人|斤|公斤)", title):
        value = parse_amount(m.group("num").replace("w", "万"))
        if value is None or value[0] < 1000 or m.group(0) in claimed:
            continue
        noun = m.group("noun")
        if noun not in counted:  # the content's counts of this thing, read once
            counted[noun] = [(n.group(0), fact[1]) for n in re.finditer(rf"(?P<num>{number})\s*(?:个|多|来){{0,2}}\s*{noun}", content)
                             if (fact := parse_amount(n.group("num").replace("w", "万"))) is not None]
        shown = next(((text, high) for text, high in counted[noun] if high * 10 <= value[0]), None)
        if shown is not None:
            add({"claim": m.group(0), "content": shown[0], "claim_value": value[0], "content_value": shown[1]})
    return gaps


_CHANGE_NUMBER = r"(?:\d+(?:\.\d+)?|[一二两三四五六七八九十百千]+)"
# a weight the title says was lost: 瘦20斤, 减了10公斤, "lost 30 pounds"
_LOSS_CLAIM = re.compile(rf"(?:瘦|减|掉|甩)(?:了|掉)?\s*(?P<num>{_CHANGE_NUMBER})\s*(?P<unit>斤|公斤|kg|千克)"
                         r"|\blost\s+(?P<en>\d+(?:\.\d+)?)\s*(?P<enunit>pounds|lbs?|kg|kilos)\b", re.IGNORECASE)
# a figure that doubled: 翻倍, 翻了一番, doubled, 2x
_DOUBLE_CLAIM = re.compile(r"翻倍|翻番|翻了一倍|翻了一番|翻了一翻|提升一倍|\bdoubled?\b|\b2x\b|\btwice as\b", re.IGNORECASE)
# the content's own before and after: 从一百二掉到一百一十七, "from 8.1 to 7.6", 去年…九百斤…今年一千斤
_FROM_TO = re.compile(rf"从\s*(?P<a>{_CHANGE_NUMBER})\s*(?P<ua>斤|公斤|kg|千克)?[^，,。！？!?；;\d]{{0,3}}?(?:到|至)了?\s*(?P<b>{_CHANGE_NUMBER})"
                      r"|\bfrom\s+(?P<ea>\d+(?:\.\d+)?)\s*(?P<eua>pounds|lbs?|kg|kilos)?\s+(?:down\s+|up\s+)?to\s+(?P<eb>\d+(?:\.\d+)?)"
                      rf"|去年[^。！？!?；;\n]{{0,12}}?(?P<ya>{_CHANGE_NUMBER})[^。！？!?；;\n\d]{{0,8}}?今年[^。！？!?；;\n\d]{{0,8}}?(?P<yb>{_CHANGE_NUMBER})",
                      re.IGNORECASE)
_WEIGHT_WORDS = re.compile(r"体重|斤|公斤|千克|kg|秤|pounds|lbs?|weigh|scale|kilos", re.IGNORECASE)


def _changes(content: str) -> list[tuple[str, float, float, int]]:
    """(text, before, after, position) of each change the content states."""
    from prelint.checks.match.quantities import parse_amount

    out = []
    for m in _FROM_TO.finditer(content):
        a_text = m.group("a") or m.group("ea") or m.group("ya")
        b_text = m.group("b") or m.group("eb") or m.group("yb")
        a, b = parse_amount(a_text), parse_amount(b_text)
        if a is None or b is None or a[0] <= 0 or b[0] <= 0:
            continue
        out.append((m.group(0), a[0], b[0], m.start()))
    return out


def _change_gaps(title: str, content: str) -> list[dict[str, Any]]:
    """A loss or a doubling the title promises against the content's own before and after: 瘦20斤 over
    "体重从一百二掉到一百一十七" (3), 翻倍 / doubled over "from 8.1 to 7.6" or "去年九百斤，今年一千斤出头"
    (a change of under 30 %)."""
    from prelint.checks.match.quantities import parse_amount

    gaps: list[dict[str, Any]] = []
    changes = _changes(content)
    if not changes:
        return gaps
    loss = _LOSS_CLAIM.search(title)
    if loss:
        value = parse_amount(loss.group("num") or loss.group("en"))
        unit = (loss.group("unit") or loss.group("enunit") or "").lower()
        for text, before, after, position in changes:
            sentence_start = start_of(content, position, "。！？!?；;\n")
            if value is None or not _WEIGHT_WORDS.search(content[sentence_start : position + len(text) + 4]):
                continue
            lost = before - after
            if unit == "斤" and re.search(r"公斤|千克|kg", text, re.IGNORECASE):
                lost *= 2
            elif unit in ("公斤", "千克", "kg") and "斤" in text and not re.search(r"公斤|千克", text):
                lost /= 2
            if 0 < lost and lost * 3 <= value[0]:
                gaps.append({"claim": loss.group(0), "content": text, "claim_value": value[0], "content_value": lost})
    double = _DOUBLE_CLAIM.search(title)
    if double:
        for text, before, after, _ in changes:
            ratio = max(before, after) / min(before, after)
            if ratio < 1.3:
                gaps.append({"claim": double.group(0), "content": text, "claim_value": 2.0, "content_value": round(ratio, 2)})
    return gaps


def magnitude_backing(title: str, content: str) -> list[str]:
    """The content's own figures that back the title's: a sum at least half the title's ("listed at just
    under five million dollars" under "$5 million home"), an income per day at least half the claim's
    ("一个月能落下三万左右" under 月入三万)."""
    from prelint.checks.match.quantities import content_span_earnings, find_money, find_span_earnings, per_day

    promised = list({a.text: a for a in find_money(title) + find_span_earnings(title)}.values())
    stated = find_money(content) + find_span_earnings(content) + content_span_earnings(content)
    most_per_day = max((per_day(fact, high=True) for fact in stated if fact.per), default=0.0)
    most_sum = max((fact.high for fact in stated if not fact.per), default=0.0)
    backing = []
    for claim in promised:  # the content's largest figure of the claim's kind backs it, or none does
        claimed = per_day(claim, high=False) if claim.per else claim.low
        shown = most_per_day if claim.per else most_sum
        if claimed > 0 and shown * 2 >= claimed:
            backing.append(next(f.text for f in stated if bool(f.per) == bool(claim.per)
                                and (per_day(f, high=True) if f.per else f.high) == shown))
    return backing


def judge_hype(title: str, duration_s: float | None, content: str, *, min_title_hype: int = 2,
               hype_terms: tuple[str, ...] = (), support_terms: tuple[str, ...] = ()) -> list[Mismatch]:
    """A hyped title (score ≥ min_title_hype) over content that does not back it.

    warn: the content states modest facts that contradict the title's prestige claim ("千万豪宅" over
    "租的小房子", "人间仙境" over "家附近的公园", "大厨级刀工" over "我刀工不好 别笑", "五星级酒店同款" over
    "泡面加个蛋"), its own figures fall far short of the title's ("月入十万" over "一天也就赚几百块"), or
    it calls itself ordinary (很普通, 凑合) with nothing special in it;
    info: nothing special or surprising in the content (no secret, test, comparison, professional…)."""
    title, content = defuse_runs(title), defuse_runs(content)
    score, signals = title_hype(title, hype_terms)
    gaps = magnitude_gaps(title, content)
    if score < min_title_hype and not gaps:
        return []  # a figure the content's own falls ten times short of is a promise broken, hype words or not
    if not signals:
        signals = [g["claim"] for g in gaps]
    lex = lexicon()["hype"]
    support = _find_terms(content, [*lex["support"], *support_terms]) + _find_terms(content, [*lex["strong"], *hype_terms])
    support += magnitude_backing(title, content)
    modest = modest_facts(title, content)
    general = _find_terms(content, lex.get("general", {}).get("modest", [])) + _plain_verdicts(content) if not support else []
    first = min((title.lower().find(s.lower()) for s in signals if title.lower().find(s.lower()) >= 0), default=-1)
    first_signal = next((s for s in signals if title.lower().find(s.lower()) == first), signals[0]) if first >= 0 else ""
    end = first + len(first_signal) if first >= 0 else None
    if modest or gaps or general:
        facts = [p for _, phrases in modest for p in phrases] + [g["content"] for g in gaps] + general
        return [Mismatch(
            "hype-gap",
            f"Title promises {', '.join(signals)} but the content says {', '.join(repr(f) for f in facts[:6])}",
            "Promise what the video shows (the real place, price, income or skill), or show what the title promises",
            first if first >= 0 else None, end,
            {"title_hype": score, "signals": signals, "modest_facts": {name: phrases for name, phrases in modest},
             "magnitude_gaps": gaps, "ordinary": general, "content_support": support},
            level="warn")]
    if support:
        return []
    return [Mismatch(
        "hype-gap",
        f"Hyped title ({', '.join(signals)}; score {score}) over content that shows nothing special or surprising",
        "Tone the title down to what the video delivers, or show the payoff (the secret, the test, the result) in the video",
        first if first >= 0 else None, end,
        {"title_hype": score, "signals": signals, "content_support": []})]


JUDGES = {
    "duration-claim": judge_duration,
    "count-claim": judge_count,
    "topic-mismatch": judge_topic,
    "hype-gap": judge_hype,
}


def judge_all(title: str, duration_s: float | None, content: str) -> dict[str, list[Mismatch]]:
    """Every MATCH rule with its default options on one joined content text."""
    return {name: judge(title, duration_s, content) for name, judge in JUDGES.items()}


def _chars(text: str) -> int:
    return len("".join(text.split()))


def repeats_title(line: str, title: str) -> bool:
    """An on-screen line that is the title itself (a cover or title card): it shows what the title
    says, not what the video delivers, so it is no evidence either way."""
    squashed = "".join(re.sub(r"[^\w]", "", line.lower()).split())
    target = "".join(re.sub(r"[^\w]", "", title.lower()).split())
    if len(squashed) < 4 or not target:
        return False
    if squashed in target or target in squashed:
        return True
    common = sum(min(squashed.count(ch), target.count(ch)) for ch in set(squashed))
    return common >= 0.8 * max(len(squashed), len(target))


#: The title's characters the MATCH rules judge: platforms allow 30 to 100, and SPEC001 reports a
#: longer title; what follows is no promise a viewer reads.
MAX_JUDGED_TITLE_CHARS = 300
#: The content's characters (subtitles, then on-screen text) the MATCH rules judge: a 15-minute
#: video spoken at four characters a second has about 3,600; more is read no further, so no
#: comparison of a title with its content grows past this size whatever a subtitle file holds.
MAX_JUDGED_CONTENT_CHARS = 20_000


def judged_title(title: str) -> str:
    """The part of a title the MATCH rules judge."""
    return title[:MAX_JUDGED_TITLE_CHARS]


def content_sources(title: str, subtitles: list[str], screen: list[str]) -> tuple[str, list[str]]:
    """(joined content, [subtitle text, on-screen text]) as the MATCH rules judge them: on-screen
    lines that repeat the title are left out; short on-screen text counts like any other. The whole
    is at most MAX_JUDGED_CONTENT_CHARS (subtitles first)."""
    title = judged_title(title)
    room = MAX_JUDGED_CONTENT_CHARS
    subtitle_lines, screen_lines = [], []
    for lines, kept, is_screen in ((subtitles, subtitle_lines, False), (screen, screen_lines, True)):
        for line in lines:
            if room <= 0:
                break
            if not line.strip() or (is_screen and repeats_title(line[:room], title)):
                continue
            kept.append(line[:room])
            room -= min(len(line), room) + 1
    sources = [t for t in ("\n".join(subtitle_lines), "\n".join(screen_lines)) if t.strip()]
    return "\n".join(sources), sources


def judge_draft(title: str, duration_s: float | None, subtitles: str, screen: str = "",
                topic_min_chars: int = 4, hype_min_chars: int = 12) -> dict[str, list[Mismatch]]:
    """Every MATCH rule with its default options, fed as the rules feed a draft: subtitles and
    on-screen text as two sources (used by the benchmark and the tests)."""
    title = judged_title(title)
    content, sources = content_sources(title, subtitles.splitlines(), screen.splitlines())
    out: dict[str, list[Mismatch]] = {name: [] for name in JUDGES}
    if not title.strip() or not content.strip():
        return out
    out["duration-claim"] = judge_duration(title, duration_s, content)
    out["count-claim"] = judge_count(title, None, content, sources=sources)
    if _chars(content) >= topic_min_chars:
        out["topic-mismatch"] = judge_topic(title, None, content)
    if _chars(content) >= hype_min_chars:
        out["hype-gap"] = judge_hype(title, None, content)
    return out
