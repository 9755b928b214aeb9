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

_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "幺": 1, "二": 2, "两": 2, "俩": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
              "八": 8, "九": 9}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000, "万": 10_000, "亿": 100_000_000}
CN_NUM = "[零〇一幺二两俩三四五六七八九十百千万亿几]+"
DIGITS = r"\d+(?:[.,]\d+)?"
_EN_SMALL = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
             "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
             "seventeen": 17, "eighteen": 18, "nineteen": 19}
_EN_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
EN_NUM = (r"(?:(?:" + "|".join(_EN_TENS) + r")(?:[- ](?:" + "|".join(k for k in _EN_SMALL if _EN_SMALL[k] < 10) + r"))?"
          r"|" + "|".join(sorted(_EN_SMALL, key=len, reverse=True)) + r"|a couple of|a few|several|an?)")


def _cn_value(text: str) -> tuple[float, float] | None:
    """Chinese numeral → (low, high). 几 widens the range; None when it is not a numeral."""
    if not text or not re.fullmatch(CN_NUM, text):
        return None
    if text == "几":
        return (2.0, 9.0)
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
                "周": 604800, "星期": 604800, "礼拜": 604800, "月": 2_592_000, "年": 31_536_000,
                "second": 1, "sec": 1, "minute": 60, "min": 60, "hour": 3600, "hr": 3600, "day": 86400,
                "week": 604800, "month": 2_592_000, "year": 31_536_000}

_RANGE_SEP = r"\s*(?:-|~|～|—|–|到|至)\s*"
_CN_TIME = re.compile(
    rf"(?P<big>大)?(?P<num>(?:{DIGITS}|{CN_NUM})(?:{_RANGE_SEP}(?:{DIGITS}|{CN_NUM}))?|半)?"
    rf"\s*(?P<ge>个)?(?P<more1>多)?(?P<half1>半)?(?P<ge2>个)?"
    rf"(?P<unit>秒钟|秒|分钟|小时|钟头|天|星期|礼拜|周|月|年|刻钟)(?P<more2>多)?(?P<half2>半)?")
_EN_UNITS = r"(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)"
_EN_TIME = re.compile(
    rf"\b(?:(?P<halfan>half an?) (?P<hunit>hour|minute|day|year|month)"
    rf"|(?P<num>{DIGITS}(?:\s*(?:-|to)\s*{DIGITS})?|{EN_NUM})(?P<andhalf1> and a half)?[- ]?(?P<unit>{_EN_UNITS})(?P<andhalf2> and a half)?)\b",
    re.IGNORECASE)


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
        if not num:
            if not half or m.group("half2"):
                continue  # a bare unit, or "天半"
            low = high = 0.5
            if m.group("big"):
                low, high = 0.6, 0.9  # 大半年: more than half
        elif num == "半":
            low = high = 0.5
            if m.group("big"):
                low, high = 0.6, 0.9
        else:
            value = parse_amount(num)
            if value is None:
                continue
            low, high = value
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
        seconds = float(UNIT_SECONDS[unit])
        out.append(Duration(m.group(0).lstrip("大") if not m.group("big") else m.group(0), low * seconds, high * seconds,
                            m.start(), m.end(), seconds))
    for m in _EN_TIME.finditer(text):
        if m.group("halfan"):
            seconds = _unit_seconds(m.group("hunit"))
            out.append(Duration(m.group(0), 0.5 * seconds, 0.5 * seconds, m.start(), m.end(), seconds))
            continue
        value = parse_amount(m.group("num"))
        seconds = _unit_seconds(m.group("unit"))
        if value is None or not seconds:
            continue
        low, high = value
        if m.group("andhalf1") or m.group("andhalf2"):
            low, high = low + 0.5, high + 0.5
        out.append(Duration(m.group(0), low * seconds, high * seconds, m.start(), m.end(), seconds))
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
_BARE_MONEY_BEFORE = r"(?:价值|身价|花了|年薪|月薪|售价|总价|砸了|投了)$"
_PER = {"日": "day", "天": "day", "月": "month", "年": "year"}
_PER_SECONDS = {"day": 1.0, "month": 30.0, "year": 365.0}


def find_money(text: str) -> list[Amount]:
    """Money written in a text: '月入十万' (100000 per month), '一天赚几百' (200–900 per day), '千万豪宅',
    '几十块', '9块9', '$5,000 a month'. Per-period amounts carry their period."""
    out: list[Amount] = []
    pattern = re.compile(
        rf"(?:(?P<per1>日|月|年)(?:入|赚|收入|薪|挣)(?:过)?|(?:一|每)(?P<per2>天|日|个月|月|年)(?:能|就|才|只|也就)?(?:赚|挣|收入|入|卖)(?:了|个|到)?\s*)?"
        rf"(?P<num>(?:{DIGITS}|{CN_NUM})(?:{_RANGE_SEP}(?:{DIGITS}|{CN_NUM}))?)\s*(?P<unit>{_MONEY_UNIT})?(?P<tail>多)?",
        re.IGNORECASE)
    for m in pattern.finditer(text):
        num, unit = m.group("num"), (m.group("unit") or "").lower()
        per_word = m.group("per1") or m.group("per2") or ""
        if not unit and not per_word:
            # a bare 千万/百万 is money only beside a money word (千万不要 is "never")
            near = text[m.end() : m.end() + 3]
            if not (re.search(r"[万亿]", num) and (re.match(_BARE_MONEY_AFTER, near) or re.search(_BARE_MONEY_BEFORE, text[max(0, m.start() - 3) : m.start()]))):
                continue
        value = parse_amount(num)
        if value is None:
            continue
        scale = {"万元": 10_000, "万": 10_000, "w": 10_000, "千": 1000, "k": 1000, "百": 100}.get(unit, 1)
        low, high = value[0] * scale, value[1] * scale
        if m.group("tail"):
            high = high * 1.5
        per = _PER.get(per_word.replace("个", ""), "")
        out.append(Amount(m.group(0).strip(), low, high, m.start(), m.end(), per))
    for m in re.finditer(rf"[$¥￥]\s?(?P<num>{DIGITS})(?P<k>k)?(?:\s*(?:a|per)\s*(?P<per>day|month|year))?", text, re.IGNORECASE):
        value = float(m.group("num").replace(",", "")) * (1000 if m.group("k") else 1)
        out.append(Amount(m.group(0), value, value, m.start(), m.end(), (m.group("per") or "").lower()))
    return out


def per_day(amount: Amount, high: bool) -> float:
    value = amount.high if high else amount.low
    return value / _PER_SECONDS[amount.per] if amount.per else value
