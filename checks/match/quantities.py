"""Numbers, durations and amounts as people write them, in Chinese and English.

    parse_amount("两百万") == 2_000_000      parse_amount("二十几") == (21, 29) as a range
    find_durations("光排队就排了一个半小时")   → one Duration of 5400 s, effort verb 排了, part marker 光/就
    find_durations("I spent an hour and a half") → 5400 s

Chinese numerals with 十/百/千/万/亿, 两/俩, 几 (十几 = 11–19, 二十几 = 21–29, 几百 = 200–900), 多
(两个多小时 = 2–3 h, 一年多), 半 (半个小时, 一个半小时, 大半年 ≈ 0.6 year), 一刻钟, ranges (3-5分钟,
三到五分钟), decimals (1.5小时); English number words ("five", "twenty-five", "a couple of", "a few",
"half an hour", "an hour and a half", "two and a half hours"). Each value is a (low, high) range:
a claim is judged by its high end and a content statement by its low end, so vague wording never
makes a contradiction.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: How far a sentence is looked for around a position: a sentence or clause longer than this is read
#: as this long (each search from every figure of a text without stops would read it all).
SENTENCE_WINDOW = 200


def start_of(text: str, position: int, stops: str, window: int = SENTENCE_WINDOW) -> int:
    """Where the sentence (or clause) holding `position` starts: after the last of `stops` before it,
    at most `window` characters back."""
    low = max(0, position - window)
    return max([text.rfind(c, low, position) for c in stops] + [low - 1]) + 1


def end_of(text: str, position: int, stops: str, window: int = SENTENCE_WINDOW) -> int:
    """Where the sentence (or clause) holding `position` ends: at the first of `stops` after it, at
    most `window` characters on."""
    high = min(len(text), position + window)
    return min([i for i in (text.find(c, position, high) for c in stops) if i >= 0] or [high])


_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "幺": 1, "二": 2, "两": 2, "俩": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
              "八": 8, "九": 9}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000, "万": 10_000, "亿": 100_000_000}
CN_NUM = "[零〇一幺二两俩三四五六七八九十百千万亿几]+"
DIGITS = r"\d+(?:[.,]\d+)?"
#: A number that starts where its run of digits or numerals starts: a pattern searched from every
#: position would otherwise re-read a long run from each of its characters (10,000 digits: 100 s).
NUM_AT_RUN_START = rf"(?:(?<![\d.,]){DIGITS}|(?<![零〇一幺二两俩三四五六七八九十百千万亿几]){CN_NUM})"
_EN_SMALL = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
             "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
             "seventeen": 17, "eighteen": 18, "nineteen": 19}
_EN_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
EN_NUM = (r"(?:(?:" + "|".join(_EN_TENS) + r")(?:[- ](?:" + "|".join(k for k in _EN_SMALL if _EN_SMALL[k] < 10) + r"))?"
          r"|" + "|".join(sorted(_EN_SMALL, key=len, reverse=True)) + r"|a couple of|a few|several|an?)")


_ADJACENT = re.compile("[一二两三四五六七八九][一二两三四五六七八九]")


def _cn_value(text: str) -> tuple[float, float] | None:
    """Chinese numeral → (low, high). 几 widens the range, and so do two neighbouring digits (三四百 =
    300–400, 十七八 = 17–18, 一两 = 1–2, 三五 = 3–5); None when it is not a numeral."""
    if not text or not re.fullmatch(CN_NUM, text):
        return None
    if text == "几":
        return (2.0, 9.0)
    pair = _ADJACENT.search(text)
    if pair:
        first, second = _CN_DIGITS[pair.group(0)[0]], _CN_DIGITS[pair.group(0)[1]]
        if not 0 < second - first <= 2:
            return None  # "五五", "一三": not a numeral as people say one
        low = _cn_value(text[: pair.start() + 1] + text[pair.end() :])
        high = _cn_value(text[: pair.start()] + text[pair.start() + 1 :])
        return (low[0], high[1]) if low and high else None
    low = high = 0.0
    section_low = section_high = 0.0  # below 万
    digit_low = digit_high = None  # the last digit read (几 = 1..9)
    for ch in text:
        if ch in _CN_DIGITS:
            digit_low = digit_high = float(_CN_DIGITS[ch])
        elif ch == "几":
            digit_low, digit_high = 1.0, 9.0
        elif ch in ("十", "百", "千"):
            unit = _CN_UNITS[ch]
            section_low += (digit_low if digit_low is not None else 1.0) * unit
            section_high += (digit_high if digit_high is not None else 1.0) * unit
            digit_low = digit_high = None
        else:  # 万, 亿
            unit = _CN_UNITS[ch]
            section_low += digit_low or 0.0
            section_high += digit_high or 0.0
            low = (low + (section_low or 1.0)) * unit
            high = (high + (section_high or 1.0)) * unit
            section_low = section_high = 0.0
            digit_low = digit_high = None
    if digit_low is not None:
        # 一万五 = 15000, 三千五 = 3500: a trailing digit after a unit is one step below it
        previous = text[-2] if len(text) >= 2 else ""
        if previous in ("万", "千", "百") and text[-1] != "几":
            scale = {"万": 1000, "千": 100, "百": 10}[previous]
            section_low += digit_low * scale
            section_high += digit_high * scale  # type: ignore[operator]
        else:
            section_low += digit_low
            section_high += digit_high  # type: ignore[operator]
    return (low + section_low, high + section_high)


def _en_value(text: str) -> tuple[float, float] | None:
    text = text.lower().strip()
    if text in ("a", "an"):
        return (1.0, 1.0)
    if text == "a couple of":
        return (2.0, 2.0)
    if text in ("a few", "several"):
        return (2.0, 5.0)
    if text in _EN_SMALL:
        return (float(_EN_SMALL[text]),) * 2
    parts = re.split(r"[- ]", text)
    if parts[0] in _EN_TENS:
        value = _EN_TENS[parts[0]] + (_EN_SMALL.get(parts[1], 0) if len(parts) > 1 else 0)
        return (float(value), float(value))
    return None


def parse_amount(text: str) -> tuple[float, float] | None:
    """A number as written → (low, high): '10' (10, 10), '1.5', '3-5' (3, 5), '三到五', '十几' (11, 19),
    '两百万', '1万', '3千', 'twenty-five', 'a few'. None when it is not a number."""
    text = text.strip().replace(",", "") if re.fullmatch(r"\d{1,3}(?:,\d{3})+", text.strip()) else text.strip()
    if not text:
        return None
    m = re.fullmatch(rf"(?P<a>.+?)\s*(?:-|~|～|—|–|到|至|或|to)\s*(?P<b>.+)", text)
    if m:
        a, b = parse_amount(m.group("a")), parse_amount(m.group("b"))
        if a and b and a[0] <= b[1]:
            return (a[0], b[1])
    m = re.fullmatch(rf"(?P<d>{DIGITS})\s*(?P<u>[十百千万亿]*)", text)
    if m:
        value = float(m.group("d").replace(",", "."))
        for ch in m.group("u"):
            value *= _CN_UNITS[ch]
        return (value, value)
    cn = _cn_value(text)
    if cn is not None:
        return cn
    return _en_value(text)


# ------------------------------------------------------------------ durations

UNIT_SECONDS = {"秒": 1, "秒钟": 1, "分钟": 60, "分": 60, "小时": 3600, "钟头": 3600, "钟": 3600, "天": 86400, "日": 86400,
                "周": 604800, "星期": 604800, "礼拜": 604800, "月": 2_592_000, "年": 31_536_000, "季度": 7_776_000,
                "学期": 10_886_400,
                "second": 1, "sec": 1, "minute": 60, "min": 60, "hour": 3600, "hr": 3600, "day": 86400,
                "week": 604800, "month": 2_592_000, "year": 31_536_000}

_RANGE_SEP = r"\s*(?:-|~|～|—|–|到|至)\s*"
# A span of time is a grammar, not a phrase list: [大] number [来] [个] [把] [多] [半] [个] unit [多] [半].
# number: digits, Chinese numerals (十五, 二十几, 三五, 一两), 半, 个把 (about one), 数 (several);
# 来 and 多 after the number are "about" and "more than"; 个钟 is spoken for an hour.
_CN_TIME = re.compile(
    rf"(?P<big>大)?(?:(?P<num>{NUM_AT_RUN_START}(?:{_RANGE_SEP}(?:{DIGITS}|{CN_NUM}))?|半|数(?=个?(?:小时|钟头|天|星期|周|月|年|分钟)))\s*)?"
    rf"(?P<lai1>来)?(?P<ge>个)?(?P<ba>把)?(?P<lai2>来)?(?P<more1>多)?(?P<half1>半)?(?P<ge2>个)?"
    rf"(?P<unit>秒钟|秒|分钟|小时|钟头|钟(?![头点])|天|星期|礼拜|周(?!末)|月|年|刻钟|季度|学期)(?P<more2>多)?(?P<half2>半)?")
_EN_UNITS = r"(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|h|days?|weeks?|months?|years?)"
_EN_COUNT = rf"(?:{DIGITS}(?:\s*(?:-|to)\s*{DIGITS})?|a couple(?: of)?|{EN_NUM})"
_EN_TIME = re.compile(
    rf"(?<![A-Za-z\d.])(?:(?P<halfan>half an?) (?P<hunit>hour|minute|day|year|month|week)"
    rf"|(?P<num>{_EN_COUNT})(?:\s+or\s+(?P<num_b>{_EN_COUNT}))?(?P<andhalf1> and a half)?[- ]?(?P<unit>{_EN_UNITS})"
    rf"(?P<andhalf2> and a half)?(?P<or_more>\s+or\s+(?:two|three|so|more))?)(?![A-Za-z])",
    re.IGNORECASE)
# "for hours", "took days", "spent weeks": a span with no number is at least two of the unit
_EN_BARE = re.compile(r"\b(?:for|took(?: me| us| him| her| them)?|spent|spend|after|waited|wasted)\s+(?:literally\s+)?"
                      r"(?P<unit>hours|days|weeks|months|years)\b", re.IGNORECASE)


# parts of a day or week written as spans: "一下午", "一个周末", "all day", "one afternoon" (low, high, unit s);
# 一晚/一晚上 are left to the overnight words of the rules that read process times
_PART_SPANS = {"整天": (8 * 3600, 86400, 86400), "上午": (3 * 3600, 5 * 3600, 3600), "下午": (3 * 3600, 5 * 3600, 3600),
               "周末": (86400, 2 * 86400, 86400), "morning": (3 * 3600, 5 * 3600, 3600), "afternoon": (3 * 3600, 5 * 3600, 3600),
               "evening": (3 * 3600, 5 * 3600, 3600), "weekend": (86400, 2 * 86400, 86400), "day": (8 * 3600, 86400, 86400),
               # a whole season, school holiday or term: 整个暑假, the whole summer
               "暑假": (40 * 86400, 62 * 86400, 86400), "寒假": (20 * 86400, 40 * 86400, 86400),
               "夏天": (60 * 86400, 92 * 86400, 86400), "冬天": (60 * 86400, 92 * 86400, 86400),
               "学期": (90 * 86400, 140 * 86400, 86400), "summer": (60 * 86400, 92 * 86400, 86400),
               "winter": (60 * 86400, 92 * 86400, 86400), "semester": (90 * 86400, 140 * 86400, 86400)}
_CN_PART = re.compile(r"(?:整整)?一(?:整)?个?(?:整)?(?P<part>整天|上午|下午|周末)"
                      r"|(?:整整)?(?:一整个|整个|一个)(?P<season>暑假|寒假|夏天|冬天|学期)")
_EN_PART = re.compile(r"\b(?:one|an?|all|the whole|a whole|an entire|the entire|most of the)\s+(?P<part>morning|afternoon|evening|weekend)\b"
                      r"|\b(?:all|the whole|a whole|an entire|the entire)\s+(?P<day>day)\b"
                      r"|\b(?:all|the whole|a whole|an entire|the entire|most of the)\s+(?P<season>summer|winter|semester)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Duration:
    """A span of time written in a text: seconds as (low, high), where it is, and its unit in seconds."""

    text: str
    low_s: float
    high_s: float
    start: int
    end: int
    unit_s: float


def _unit_seconds(unit: str) -> float:
    unit = unit.lower()
    if unit == "h":
        return 3600.0
    if unit in UNIT_SECONDS:
        return float(UNIT_SECONDS[unit])
    singular = unit.rstrip("s")
    return float(UNIT_SECONDS.get(singular, UNIT_SECONDS.get(unit[:-1], 0)))


def find_durations(text: str) -> list[Duration]:
    """Spans of time in a text (not clock times, dates or ordinals: 三点半, 3月, 2020年, 第3天, 三年级)."""
    out: list[Duration] = []
    for m in _CN_TIME.finditer(text):
        unit = m.group("unit")
        num = m.group("num")
        half = bool(m.group("half1") or m.group("half2"))
        more = bool(m.group("more1") or m.group("more2"))
        if unit == "刻钟":
            if not num:
                continue
            value = parse_amount(num)
            if value is None:
                continue
            out.append(Duration(m.group(0), value[0] * 900, value[1] * 900, m.start(), m.end(), 900.0))
            continue
        ge = bool(m.group("ge") or m.group("ge2"))
        if unit == "钟" and not ge:
            continue  # 钟 alone is an hour only as 一个钟 / 两个多钟
        if m.group("ba"):
            if num or not m.group("ge"):
                continue  # 个把小时 is about an hour; 把 elsewhere is no number
            low, high = 1.0, 1.5
        elif not num:
            if not half or m.group("half2"):
                continue  # a bare unit, or "天半"
            low = high = 0.5
            if m.group("big"):
                low, high = 0.6, 0.9  # 大半年: more than half
        elif num == "半":
            low = high = 0.5
            if m.group("big"):
                low, high = 0.6, 0.9
            if unit == "天" and not (m.group("ge") or m.group("ge2")):
                # 半天 is a morning or an afternoon (a claim: at most 6 hours), and in "找了半天" only "a while"
                low, high = 0.0, (0.375 if m.group("big") else 0.25)
        else:
            value = (2.0, 9.0) if num == "数" else parse_amount(num)
            if value is None:
                continue
            low, high = value
            if m.group("lai1") or m.group("lai2"):
                low, high = low * 0.8, high * 1.3  # 十来分钟: about ten
            if half:
                low, high = low + 0.5, high + 0.5
            if more:
                high = high + max(1.0, low * 0.5) if low >= 1 else high * 1.5
        before = text[max(0, m.start() - 1) : m.start()]
        after = text[m.end() : m.end() + 1]
        if before == "第" or after in ("级", "前", "号", "点"):
            continue  # 第3天, 三年级, 三天前, 3月3号
        if unit in ("月",) and not (m.group("ge") or m.group("ge2") or m.group("half1") or m.group("big") or num == "半"):
            continue  # 3月 is March; 三个月 / 半个月 / 大半月 are durations
        if unit == "年" and num and re.fullmatch(r"\d{4}", num):
            continue  # 2020年
        if unit in ("周", "星期", "礼拜") and not num and not half:
            continue
        if unit == "天" and num is None and not half:
            continue
        seconds = 3600.0 if unit == "钟" else float(UNIT_SECONDS[unit])
        out.append(Duration(m.group(0).lstrip("大") if not m.group("big") else m.group(0), low * seconds, high * seconds,
                            m.start(), m.end(), seconds))
    for m in _EN_TIME.finditer(text):
        if m.group("halfan"):
            seconds = _unit_seconds(m.group("hunit"))
            out.append(Duration(m.group(0), 0.5 * seconds, 0.5 * seconds, m.start(), m.end(), seconds))
            continue
        num = m.group("num").lower()
        if m.group("unit").lower() == "h" and not re.fullmatch(DIGITS, num):
            continue  # "2h" is two hours; "a h" is nothing
        value = (2.0, 2.0) if num.startswith("a couple") else parse_amount(num)
        seconds = _unit_seconds(m.group("unit"))
        if value is None or not seconds:
            continue
        low, high = value
        if m.group("num_b"):
            other = (2.0, 2.0) if m.group("num_b").lower().startswith("a couple") else parse_amount(m.group("num_b"))
            if other is not None:
                high = max(high, other[1])
        if m.group("or_more"):
            tail = m.group("or_more").split()[-1].lower()
            high = high + {"two": 1.0, "three": 2.0, "so": 0.5 * high, "more": high}[tail]
        if m.group("andhalf1") or m.group("andhalf2"):
            low, high = low + 0.5, high + 0.5
        out.append(Duration(m.group(0), low * seconds, high * seconds, m.start(), m.end(), seconds))
    for m in _EN_BARE.finditer(text):
        seconds = _unit_seconds(m.group("unit"))
        out.append(Duration(m.group("unit"), 2 * seconds, 2 * seconds, m.start("unit"), m.end("unit"), seconds))
    for pattern in (_CN_PART, _EN_PART):
        for m in pattern.finditer(text):
            part = (m.group("part") or m.groupdict().get("day") or m.group("season") or "").lower()
            if part == "整天" or (m.groupdict().get("day") and part == "day"):
                part = "整天" if part == "整天" else "day"
            low, high, unit = _PART_SPANS[part]
            if any(d.start <= m.start() < d.end for d in out):
                continue
            out.append(Duration(m.group(0), float(low), float(high), m.start(), m.end(), float(unit)))
    out.sort(key=lambda d: d.start)
    return out


# ------------------------------------------------------------------ money and quantities

_MONEY_UNIT = r"(?:块钱|块|元|万元|万|千|百|w|k|rmb|美元|刀)"


@dataclass(frozen=True)
class Amount:
    text: str
    low: float
    high: float
    start: int
    end: int
    per: str  # "day", "month", "year" or "" (a one-off amount)


_BARE_MONEY_AFTER = r"(?:的)?(?:豪宅|别墅|房|身家|资产|存款|装修|级|大平层|年薪|豪车|流水|营业额)"
_BARE_MONEY_BEFORE = r"(?:价值|身价|花了|年薪|月薪|售价|总价|砸了|投了)(?:不到|将近|差不多|大概|快|近|足足|整整)?$"
_PER = {"日": "day", "天": "day", "晚上": "day", "晚": "day", "夜": "day", "月": "month", "年": "year", "时": "hour", "小时": "hour", "钟头": "hour", "周": "week", "星期": "week"}
_PER_SECONDS = {"day": 1.0, "month": 30.0, "year": 365.0, "hour": 1 / 8, "week": 7.0}  # in days; an hour's pay × 8 a day


def find_money(text: str) -> list[Amount]:
    """Money written in a text: '月入十万' (100000 per month), '一天赚几百' (200–900 per day), '千万豪宅',
    '几十块', '9块9', '$5,000 a month'. Per-period amounts carry their period."""
    out: list[Amount] = []
    pattern = re.compile(
        rf"(?:(?P<per1>日|月|年|时)(?:入|赚|收入|薪|挣)(?:过)?|(?:一|每)(?P<per2>天|日|个月|月|年|个?星期|周|晚上|晚|夜)(?:的)?(?:[^\d\s，,。！!？?零一二两三四五六七八九十百千万几]{{0,4}}?)"
        rf"(?:赚|挣|收入|入|卖|工资|薪水|到手|落下|落|剩下|剩|利润|纯利|净赚|流水)(?:了|个|到|是|有|才|只有|也就|就|差不多|大概|将近)*\s*"
        rf"|(?:一|每)个?(?P<per3>小时|钟头)(?:能|就|才|只|也就)?(?:赚|挣|收入|给)?(?:了|个|到)?\s*)?"
        rf"(?P<num>(?:{DIGITS}|{CN_NUM})(?:{_RANGE_SEP}(?:{DIGITS}|{CN_NUM}))?)\s*(?P<lai>来|多)?(?P<unit>{_MONEY_UNIT})?(?P<tail>多)?",
        re.IGNORECASE)
    for m in pattern.finditer(text):
        num, unit = m.group("num"), (m.group("unit") or "").lower()
        per_word = m.group("per1") or m.group("per2") or m.group("per3") or ""
        if not unit and not per_word:
            # a bare 千万/百万 is money only beside a money word (千万不要 is "never")
            near = text[m.end() : m.end() + 3]
            if not (re.search(r"[万亿]", num) and (re.match(_BARE_MONEY_AFTER, near) or re.search(_BARE_MONEY_BEFORE, text[max(0, m.start() - 5) : m.start()]))):
                continue
        value = parse_amount(num)
        if value is None:
            continue
        scale = {"万元": 10_000, "万": 10_000, "w": 10_000, "千": 1000, "k": 1000, "百": 100}.get(unit, 1)
        low, high = value[0] * scale, value[1] * scale
        if m.group("tail") or m.group("lai") == "多":
            high = high * 1.5
        elif m.group("lai"):
            low, high = low * 0.8, high * 1.3  # 两百来块: about two hundred
        per = _PER.get(per_word.replace("个", ""), "")
        out.append(Amount(m.group(0).strip(), low, high, m.start(), m.end(), per))
    covered = bytearray(len(text) + 1)  # the positions an amount found so far spans
    for a in out:
        covered[a.start : a.end] = b"\x01" * (a.end - a.start)
    # a period and an amount with no verb between them, in a clause about earning: "接广告一个月也就三四千"
    for m in re.finditer(rf"(?:一|每|这一?|上)(?P<per>天|日|晚上|晚|夜|个月|月|年|个?星期|周)(?:下来)?(?:[\u4e00-\u9fff]{{0,4}}?(?:到账|进账|入账|赚了|挣了|拿了|到手))?"
                         rf"(?:也就|才|只有|就|能有|大概|差不多|能|可以|平均|顶多|最多)*\s*"
                         rf"(?P<num>(?:{DIGITS}|{CN_NUM})(?:{_RANGE_SEP}(?:{DIGITS}|{CN_NUM}))?)\s*(?P<lai>来|多)?(?P<unit>{_MONEY_UNIT})?", text):
        if covered[m.start()]:
            continue
        sentence_start = start_of(text, m.start(), "。！？!?；;\n")
        clause = text[max(sentence_start, m.start() - 16) : m.end() + 4]  # "一个月能有一千多块零花"
        if not re.search(r"赚|挣|收入|工资|薪|接广告|广告费|接单|提成|佣金|流水|到手|到账|进账|入账|分成|收益|利润|营业额|实习|上班|打工|底薪|零花|贴补", clause):
            continue
        value = parse_amount(m.group("num"))
        if value is None or (not m.group("unit") and value[1] < 10):
            continue
        unit = (m.group("unit") or "").lower()
        scale = {"万元": 10_000, "万": 10_000, "w": 10_000, "千": 1000, "k": 1000, "百": 100}.get(unit, 1)
        low, high = value[0] * scale, value[1] * scale
        if m.group("lai") == "多":
            high *= 1.5
        # the bare amount the first pass read inside it is this one, now with its period
        if any(covered[m.start() : m.end()]):
            out = [a for a in out if a.per or not (m.start() <= a.start and a.end <= m.end())]
        out.append(Amount(m.group(0).strip(), low, high, m.start(), m.end(), _PER.get(m.group("per").replace("个", ""), "")))
        covered[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
    english_per = r"(?:\s*(?:an?|per|/|each)\s*(?P<per>hour|hr|day|week|month|year))?"
    scale_words = r"(?P<k>k\b|\s*hundred|\s*thousand|\s*million|\s*billion|m\b)?"
    for m in re.finditer(rf"[$¥￥]\s?(?P<num>{DIGITS}){scale_words}{english_per}", text, re.IGNORECASE):
        value = float(m.group("num").replace(",", "")) * _EN_SCALE[(m.group("k") or "").strip().lower()]
        out.append(Amount(m.group(0), value, value, m.start(), m.end(), _EN_PER.get((m.group("per") or "").lower(), "")))
    for m in re.finditer(rf"\b(?P<num>{DIGITS}|{EN_NUM}){scale_words}\s*(?:dollars|bucks|usd|euros|pounds|quid|(?P<grand>grand)\b){english_per}", text, re.IGNORECASE):
        value = parse_amount(m.group("num"))
        if value is None or (m.group("grand") and m.group("k")):
            continue
        scale = _EN_SCALE[(m.group("k") or "").strip().lower()] * (1000 if m.group("grand") else 1)  # "two grand": 2000
        out.append(Amount(m.group(0), value[0] * scale, value[1] * scale, m.start(), m.end(), _EN_PER.get((m.group("per") or "").lower(), "")))
    return out


_EN_SCALE = {"": 1.0, "k": 1e3, "hundred": 1e2, "thousand": 1e3, "m": 1e6, "million": 1e6, "billion": 1e9}
_EN_PER = {"hour": "hour", "hr": "hour", "day": "day", "week": "week", "month": "month", "year": "year"}


def period_days(per: str) -> float:
    """A period in days: "day", "month", … or "days:N" (the span an amount was earned in)."""
    return float(per[5:]) if per.startswith("days:") else _PER_SECONDS[per]


def per_day(amount: Amount, high: bool) -> float:
    value = amount.high if high else amount.low
    return value / period_days(amount.per) if amount.per else value


def _span_days(duration: "Duration", high: bool) -> float:
    """A span's length in days; under a day, its hours as a share of an 8-hour working day."""
    seconds = duration.high_s if high else duration.low_s
    return seconds / 86400 if seconds >= 86400 else seconds / (8 * 3600)


_EARN_VERB_CN = r"(?:净)?(?:赚|挣|入账|进账|收入|变现|卖|卖出)(?:了|到|出)?(?:差不多|将近|近|超过|足足|整整)?"
_EN_EARN_VERB = (r"\b(?:make|makes|making|made|earn|earns|earning|earned|clear|cleared|clearing|net|netted|netting|pull(?:ed|ing)? in|"
                 r"bring(?:s|ing)? in|brought in|gross(?:ed)?|did|done|do|generat(?:e|ed|ing)|hit)\b")
_EN_FIRST_SPAN = re.compile(r"^\s+(?:in|within|during|over)\s+(?:just\s+|only\s+|less than\s+|under\s+)?(?:my|the|our|his|her|their|a|one)\s+"
                            r"(?:very\s+)?first\s+(?P<unit>day|week|month|year)\b", re.IGNORECASE)
_EN_IN_SPAN = re.compile(r"^\s+(?:in|within|during|over)\s+(?:just\s+|only\s+|less than\s+|under\s+)?(?:the\s+(?:first|past|last)\s+|my\s+first\s+)?$",
                         re.IGNORECASE)
_FIGURES = re.compile(r"\b(?P<n>five|six|seven|eight|5|6|7|8)[- ]figures?(?:\s+(?:income|salary|a year|per year|a month|per month|/month|/year))?",
                      re.IGNORECASE)
_CN_FIGURES = re.compile(r"(?:(?P<per>[日月年])(?:入|薪|收入|赚)|赚|挣|收入)(?:了|到|过|破)?\s*(?P<n>[五六七八]|[5-8])\s*位数")
_FIGURE_DIGITS = {"five": 5, "six": 6, "seven": 7, "eight": 8}


def find_span_earnings(text: str) -> list[Amount]:
    """Money earned over a span the text names, as an amount per "days:N": "3天赚了10万" (100000 in 3 days),
    "made $10k in my first week" (10000 in 7 days), and incomes written by their digits ("six figures",
    "月入六位数": at least 100000 a year / a month)."""
    out: list[Amount] = []
    # Chinese: a span, then an earning verb and the sum ("一周就赚了五千", "三个月挣了二十万")
    for d in find_durations(text):
        if d.unit_s < 3600 or re.search(r"[a-zA-Z]", d.text):
            continue
        verb = re.match(rf"\s*(?:就|内|之内|里|时间|不到|才|一共|总共)*\s*{_EARN_VERB_CN}\s*", text[d.end :])
        if not verb:
            continue
        money = [a for a in find_money(text[d.end + verb.end() : d.end + verb.end() + 40]) if a.start == 0 and not a.per]  # a sum is short
        if not money:
            continue
        a = max(money, key=lambda a: a.end)
        days = _span_days(d, high=False)
        start, end = d.start, d.end + verb.end() + a.end
        out.append(Amount(text[start:end], a.low, a.high, start, end, f"days:{days:g}"))
    covered = bytearray(len(text) + 1)  # the positions a span earning found so far covers
    for o in out:
        covered[o.start : o.end] = b"\x01" * (o.end - o.start)
    # English: an earning verb, the sum, then the span ("made $10k in my first week", "earned $3,000 in 2 days")
    for a in find_money(text):
        if a.per or not re.search(rf"{_EN_EARN_VERB}\s+(?:over\s+|about\s+|nearly\s+|almost\s+|like\s+|more than\s+|just\s+|only\s+)?$",
                                  text[max(0, a.start - 40) : a.start], re.IGNORECASE):
            continue
        rest = text[a.end :]
        first = _EN_FIRST_SPAN.match(rest)
        if first:
            days = _PER_SECONDS[first.group("unit").lower()]
            end = a.end + first.end()
        else:
            span = next((d for d in find_durations(rest[:40]) if _EN_IN_SPAN.match(rest[: d.start]) and d.unit_s >= 3600), None)
            if span is None:
                continue
            days = _span_days(span, high=False)
            end = a.end + span.end
        if covered[a.start]:
            continue
        out.append(Amount(text[a.start : end], a.low, a.high, a.start, end, f"days:{days:g}"))
        covered[a.start : end] = b"\x01" * (end - a.start)
    # incomes by their digits, after an earning verb
    for m in _FIGURES.finditer(text):
        before = text[max(0, m.start() - 30) : m.start()]
        if not (re.search(rf"{_EN_EARN_VERB}\s+(?:over\s+|a\s+|about\s+)?$", before, re.IGNORECASE) or re.search(r"income|salary", m.group(0), re.I)):
            continue
        digits = _FIGURE_DIGITS.get(m.group("n").lower()) or int(m.group("n"))
        per = "month" if re.search(r"month", m.group(0), re.I) else "year"
        out.append(Amount(m.group(0), 10.0 ** (digits - 1), 10.0 ** digits - 1, m.start(), m.end(), per))
    for m in _CN_FIGURES.finditer(text):
        digits = int(m.group("n")) if m.group("n").isdigit() else "零一二三四五六七八".index(m.group("n"))
        per = {"日": "day", "月": "month", "年": "year"}.get(m.group("per") or "", "year")
        out.append(Amount(m.group(0), 10.0 ** (digits - 1), 10.0 ** digits - 1, m.start(), m.end(), per))
    return out


_CONTENT_EARN_CUE = re.compile(r"赚|挣|收入|流水|营业额|进账|入账|卖了|利润|纯利|盈利|到手|\b(?:sales|revenue|made|earned|brought in|profit|profits|income|"
                               r"kept|cleared|netted|grossed|pulled in|take-home|paid out)\b", re.IGNORECASE)
_EN_SO_FAR = re.compile(r"^\s*(?:in\b(?!\s+[a-z])|into\s+(?:this|it|the|my|our|running|selling))", re.IGNORECASE)
_EN_BEFORE_SPAN = re.compile(r"\b(?:in|over|after|during|within)\s+(?:the\s+(?:first|past|last)\s+|my\s+first\s+|about\s+|almost\s+|nearly\s+)?$",
                             re.IGNORECASE)
_EN_YEAR = re.compile(r"\b(?:last|this|past|that)\s+(?P<unit>year|month|week)\b", re.IGNORECASE)
_CN_SPAN_BEFORE = re.compile(r"(?:开了|做了|干了|卖了|经营了|运营了|摆了|跑了|了|这|近|过去|前)(?:快|差不多|将近|大概|有)?\s*$")


_SENTENCE = re.compile(r"(?:[^。！？!?；;\n.]|(?<![a-zA-Z\d)])\.|\.(?!\s|$))+")


def _sentences(text: str) -> list["re.Match[str]"]:
    """Sentences of Chinese or English text: a full stop ends one only after a word or a figure ("$29.40" is one)."""
    return list(_SENTENCE.finditer(text))


def _span_of(text: str) -> float | None:
    """The span in days a sentence gives: "eight months in", "in the past two years", "last year", 开了两年."""
    days = None
    for d in find_durations(text):
        if d.unit_s < 30 * 86400:
            continue  # months and years: a sum over days or hours is too easily one part of it
        english = re.search(r"[a-zA-Z]", d.text) is not None
        if english and (_EN_SO_FAR.match(text[d.end : d.end + 60]) or _EN_BEFORE_SPAN.search(text[max(0, d.start - 40) : d.start])):
            days = _span_days(d, high=True)
        elif not english and _CN_SPAN_BEFORE.search(text[max(0, d.start - 4) : d.start]):
            days = _span_days(d, high=True)
    if days is None:
        year = _EN_YEAR.search(text) or re.search(r"(?:去年|今年|这一年|一年下来)", text)
        if year:
            days = _PER_SECONDS[year.group("unit").lower() if year.re is _EN_YEAR else "year"]
    return days


def content_span_earnings(content: str) -> list[Amount]:
    """What the content says was earned over a span: a sum with an earning word and a span in the same
    sentence or, when it has none, in the sentence before ("Eight months in, my store has done about
    $600 in total sales", "Last year my shop brought in about $4,200", "店开了两年。一共赚了三万"), as an
    amount per "days:N". Sums already given per day/month/year are left to find_money."""
    out: list[Amount] = []
    previous: float | None = None
    for sentence in _sentences(content):
        text = sentence.group(0)
        own = _span_of(text)
        days, previous = (own if own is not None else previous), own
        if days is None or not _CONTENT_EARN_CUE.search(text):
            continue
        amounts = [a for a in find_money(text) if not a.per and a.high >= 10]
        if not amounts or any(a.per for a in find_money(text)):
            continue
        for a in amounts:
            out.append(Amount(a.text, a.low, a.high, sentence.start() + a.start, sentence.start() + a.end, f"days:{days:g}"))
    return out


# ------------------------------------------------------------------ points in time (clock times, months)

@dataclass(frozen=True)
class TimePoint:
    """A clock time or a month written in a text, as a range of minutes (clock) or days (month)
    from a fixed origin: 早上八点半 → (510, 510), 下午三点多 → (900, 959), 五月 → (120, 150),
    八月底 → (230, 240). `pinned` is False when the text does not say morning or afternoon (三点)
    or which year (五月), so a later point may need 12 hours or 12 months added."""

    text: str
    low: float
    high: float
    start: int
    end: int
    pinned: bool


_CN_SMALL = "[零一二两三四五六七八九十]{1,3}"
_PERIOD_OFFSET = {"凌晨": 0, "清晨": 0, "早上": 0, "早晨": 0, "上午": 0, "中午": 12, "下午": 12, "傍晚": 12, "晚上": 12,
                  "夜里": 12, "半夜": 12}
_CN_CLOCK = re.compile(
    rf"(?:(?P<period>{'|'.join(_PERIOD_OFFSET)})\s*)?(?<![\d.])(?<![零一二两三四五六七八九十])(?P<h>\d{{1,2}}|{_CN_SMALL})\s*点"
    rf"(?P<m>半|一刻|三刻|\d{{1,2}}分?|{_CN_SMALL}分)?(?P<more>多)?(?P<zhong>钟)?")
# An English clock time is a grammar too: [half past | quarter past/to | N (minutes) past/to] hour [:mm]
# then am/pm, o'clock, or a part of the day (in the morning, at night); the hour in digits or words.
_EN_HOUR = r"(?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
_EN_DAY_PART = {"morning": 0, "afternoon": 12, "evening": 12, "night": 12}
_EN_CLOCK = re.compile(
    rf"(?<![\d:.a-zA-Z])(?:(?P<past>half|(?:a )?quarter|\d{{1,2}}|twenty|ten|five)(?: minutes)? (?P<dir>past|after|to|til) )?"
    rf"(?P<h>{_EN_HOUR})(?::(?P<m>\d{{2}}))?"
    rf"(?:\s*(?P<ampm>a\.?m\.?|p\.?m\.?)(?![a-z])"
    rf"|(?P<oclock>\s*o'?clock)?(?:\s+(?:in the|at) (?P<part>morning|afternoon|evening|night))"
    rf"|(?P<oclock2>\s*o'?clock))"
    r"|(?<![\d:.])(?P<h2>\d{1,2})[:：](?P<m2>\d{2})(?![\d:])"
    r"|\b(?P<noon>noon|midday|midnight)\b", re.IGNORECASE)
_EN_HOUR_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
                  "ten": 10, "eleven": 11, "twelve": 12}


def find_clock_times(text: str) -> list[TimePoint]:
    """Clock times: 早上八点半, 下午三点多, 9点钟, 8:30, 9am, 4:30 p.m., noon. A bare 三点 with no period,
    minutes or 钟 (三点建议, 一点点) is not read as a time."""
    out: list[TimePoint] = []
    for m in _CN_CLOCK.finditer(text):
        period, minute_text = m.group("period"), m.group("m")
        if text[max(0, m.start("h") - 1) : m.start("h")] == "第":
            continue
        if not (period or minute_text or m.group("zhong")):
            # a bare 七点 is a time only where the text says so: a cue before (已经快七点, 到六点, 从两点) or after
            # (七点了, 六点左右, 两点开始); 三点建议 and 一点点 are not times
            cue_before = re.search(r"(?:已经|已|到|从|直到|一直到|都|才|快|将近|差不多|大概|大约|约|等到)\s*$", text[max(0, m.start() - 4) : m.start()])
            cue_after = re.match(r"(?:了|左右|前后|开始|出发|起床|到|才|就|整|的时候)", text[m.end() : m.end() + 4])
            if not (cue_before or cue_after):
                continue
        hour = parse_amount(m.group("h"))
        if hour is None or hour[0] != hour[1] or not 0 <= hour[0] <= 24:
            continue
        h = hour[0]
        if period and h < 12 and _PERIOD_OFFSET[period] and not (period == "中午" and h >= 10):
            h += 12
        elif period in ("晚上", "夜里", "半夜") and h == 12:
            h = 24
        minutes = 0.0
        if minute_text == "半":
            minutes = 30
        elif minute_text in ("一刻", "三刻"):
            minutes = 15 if minute_text == "一刻" else 45
        elif minute_text:
            value = parse_amount(minute_text.rstrip("分"))
            if value is None or value[0] >= 60:
                continue
            minutes = value[0]
        low = h * 60 + minutes
        high = low + (59 if m.group("more") and not minute_text else 9 if m.group("more") else 0)
        out.append(TimePoint(m.group(0).strip(), low, high, m.start(), m.end(), bool(period)))
    for m in _EN_CLOCK.finditer(text):
        if m.group("noon"):
            value = 720.0 if m.group("noon").lower() != "midnight" else 1440.0
            out.append(TimePoint(m.group(0), value, value, m.start(), m.end(), True))
            continue
        hour_text = (m.group("h") or m.group("h2")).lower()
        h = int(hour_text) if hour_text.isdigit() else _EN_HOUR_WORDS[hour_text]
        minutes = int(m.group("m") or m.group("m2") or 0)
        if m.group("past"):
            word = m.group("past").lower()
            offset = 30 if word == "half" else 15 if "quarter" in word else int(word) if word.isdigit() else \
                {"twenty": 20, "ten": 10, "five": 5}[word]
            if m.group("dir").lower() in ("to", "til"):
                h, minutes = h - 1, 60 - offset
            else:
                minutes = offset
        if h > 24 or minutes >= 60 or h < 0:
            continue
        ampm = (m.group("ampm") or "").lower().replace(".", "")
        part = (m.group("part") or "").lower()
        if h < 12 and (ampm == "pm" or (_EN_DAY_PART.get(part) and not (part == "night" and h <= 4))):
            h += 12  # "two at night" is early morning, "ten at night" 22:00
        elif ampm == "am" and h == 12:
            h = 0
        value = h * 60.0 + minutes
        out.append(TimePoint(m.group(0), value, value, m.start(), m.end(), bool(ampm or part)))
    out.sort(key=lambda p: p.start)
    return out


_CN_WEEKDAY = re.compile(r"(?<![一二两三四五六七八九十几每\d])(?:周|星期|礼拜)(?P<d>[一二三四五六日天])(?![次遍回个])(?P<part>早上|上午|中午|下午|晚上|夜里)?")
_EN_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_EN_WEEKDAY = re.compile(rf"\b(?P<d>{'|'.join(_EN_WEEKDAYS)})(?:\s+(?P<part>morning|afternoon|evening|night))?\b", re.IGNORECASE)
_DAY_PART = {"早上": 0.3, "上午": 0.4, "中午": 0.5, "下午": 0.6, "晚上": 0.8, "夜里": 0.9, "morning": 0.3, "afternoon": 0.6,
             "evening": 0.8, "night": 0.85}


def find_weekdays(text: str) -> list[TimePoint]:
    """Days of the week as points in time, in days from Monday: 周五晚上 → 4.8, Sunday afternoon → 6.6,
    星期天 → 6–7. Never pinned: a later day that comes out earlier is in the next week."""
    out = []
    for m in _CN_WEEKDAY.finditer(text):
        day = "一二三四五六".find(m.group("d")) if m.group("d") not in "日天" else 6
        part = _DAY_PART.get(m.group("part") or "")
        out.append(TimePoint(m.group(0), day + (part if part is not None else 0.0), day + (part if part is not None else 1.0),
                             m.start(), m.end(), False))
    for m in _EN_WEEKDAY.finditer(text):
        if m.group("d")[0].islower() and not m.group("part"):
            continue  # lower-case "sunday" without a part of the day may be no day at all
        day = _EN_WEEKDAYS.index(m.group("d").lower())
        part = _DAY_PART.get((m.group("part") or "").lower())
        out.append(TimePoint(m.group(0), day + (part if part is not None else 0.0), day + (part if part is not None else 1.0),
                             m.start(), m.end(), False))
    out.sort(key=lambda p: p.start)
    return out


_CN_MONTHS = "十一|十二|一|二|三|四|五|六|七|八|九|十"
_EN_MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
              "november", "december"]
_YEAR_OFFSET = {"前年": -24, "去年": -12, "今年": 0, "明年": 12}
_CN_MONTH = re.compile(rf"(?P<year>前年|去年|今年|明年)?(?P<m>1[0-2]|0?[1-9]|{_CN_MONTHS})月份?"
                       rf"(?:(?P<part>初|上旬|中旬|中|下旬|底|末)|(?P<d>[12]?\d|3[01]|[一二三四五六七八九十]{{1,3}})[号日])?")
_EN_MONTH = re.compile(rf"\b(?:(?P<part>early|mid|late|end of|the end of|beginning of|the beginning of)[- ])?"
                       rf"(?P<m>{'|'.join(_EN_MONTHS)})\b(?:\s+(?P<year>last year|this year))?", re.IGNORECASE)
_MONTH_PART_DAYS = {"初": (0, 10), "上旬": (0, 10), "中旬": (10, 20), "中": (10, 20), "下旬": (20, 30), "底": (20, 30), "末": (20, 30),
                    "early": (0, 10), "beginning of": (0, 10), "the beginning of": (0, 10), "mid": (10, 20), "late": (20, 30),
                    "end of": (20, 30), "the end of": (20, 30)}


#: Holidays as points in the year: (month, (first day, last day) within it); 春节 and 中秋 move with the
#: lunar calendar and take their usual range.
_FESTIVALS = {"元旦": (1, (0, 1)), "春节": (2, (0, 15)), "过年": (2, (0, 15)), "元宵": (2, (10, 25)), "清明": (4, (3, 6)),
              "五一": (5, (0, 5)), "端午": (6, (0, 20)), "中秋": (9, (10, 30)), "国庆": (10, (0, 7)), "双十一": (11, (10, 11)),
              "圣诞": (12, (24, 25)), "跨年": (12, (30, 31))}
_CN_FESTIVAL = re.compile(r"(?<![一二三四五六七八九十\d])(?P<f>元旦|春节|过年|元宵|清明|五一|端午|中秋|国庆|双十一|圣诞|跨年)")


def find_months(text: str) -> list[TimePoint]:
    """Months (and dates) as points in time, in days from the start of this year: 五月, 去年十月, 八月底,
    3月初, 3月15号, late August, May last year. 三个月 (a duration) is not a month; English "may" counts
    only capitalised (May); holidays (国庆, 元旦, 春节…) are their dates. A month that names no year takes the year of the last one that did
    (去年五月 … 八月底 is last August) and is then not pinned."""
    found: list[tuple[int, int, str, float, tuple[float, float], bool]] = []  # start, end, text, month, days, year given
    for m in _CN_MONTH.finditer(text):
        if text[max(0, m.start() - 1) : m.start()] in ("个", "第", "几", "每") and not m.group("year"):
            continue
        value = parse_amount(m.group("m"))
        if value is None or not 1 <= value[0] <= 12:
            continue
        days = _MONTH_PART_DAYS.get(m.group("part") or "", (0, 30))
        if m.group("d"):
            day = parse_amount(m.group("d"))
            if day is None or not 1 <= day[0] <= 31:
                continue
            days = (day[0] - 1, day[0])
        offset = _YEAR_OFFSET.get(m.group("year") or "", None)
        found.append((m.start(), m.end(), m.group(0), value[0] + (offset or 0), days, offset is not None))
    for m in _EN_MONTH.finditer(text):
        name = m.group("m")
        if name.lower() == "may" and name != "May":
            continue
        year = (m.group("year") or "").lower()
        offset = -12 if year == "last year" else 0
        found.append((m.start(), m.end(), m.group(0), _EN_MONTHS.index(name.lower()) + 1 + offset,
                      _MONTH_PART_DAYS.get((m.group("part") or "").lower(), (0, 30)), bool(year)))
    for m in _CN_FESTIVAL.finditer(text):
        month, days = _FESTIVALS[m.group("f")]
        found.append((m.start(), m.end(), m.group(0), month, days, False))
    found.sort()
    out: list[TimePoint] = []
    year_offset = 0.0
    for start, end, written, month, (low_day, high_day), pinned in found:
        if pinned:
            year_offset = month - ((month - 1) % 12 + 1)
        else:
            month += year_offset
        base = (month - 1) * 30
        out.append(TimePoint(written, base + low_day, base + high_day, start, end, pinned))
    return out
