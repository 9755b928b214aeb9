"""RISK001 clickbait-title."""

from __future__ import annotations

import re

import prelint
from prelint.rules import Option

RULE_NAME = "clickbait-title"
CAPS_WORD = re.compile(r"\b[A-Z][A-Z']{3,}\b")
# Initialisms that are normal in upper case and say nothing about hype.
COMMON_ACRONYMS = frozenset("ASMR DIY NASA NBA NFL FIFA HTML JSON IELTS TOEFL iPhone USB HDMI GOAT OOTD VLOG GRWM".upper().split())


WORD = re.compile(r"[\w\u4e00-\u9fff]")
EMOJI = re.compile("[\u2600-\u27bf\U0001f000-\U0001faff]")
# Signals that amplify but never make clickbait on their own: a mood or an exclamation withholds
# nothing (真丢人！😤😤😤😤😤, 闭眼全是你？！, 后面大爷看呆了). A title needs at least one signal of
# withholding, shock, hype, urgency or fake-official framing.
AMPLIFIERS = frozenset({"emotional", "punctuation", "emoji", "caps", "sentiment"})


def count_emoji(text: str) -> int:
    """Pictographic emoji and dingbats (U+2600–U+27BF, U+1F000–U+1FAFF)."""
    return len(EMOJI.findall(text))


def caps_words(text: str) -> list[str]:
    return [w for w in CAPS_WORD.findall(text) if w.replace("'", "") not in COMMON_ACRONYMS]


@prelint.check(
    code="RISK001",
    name=RULE_NAME,
    level="warn",
    options=[
        Option(
            "caption-platforms",
            ("tiktok", "reels"),
            "Platforms without a separate title: there the caption's first line is judged when no title is given",
            "",
        ),
        Option("min-score", 2.0, "Score at which a title counts as clickbait (one strong signal = 2)", "points"),
        Option("max-emoji", 3, "Emoji in the title above this add `emoji-weight` to the score", "emoji"),
        Option("emoji-weight", 1.0, "Score added for emoji abuse", "points"),
        Option("min-caps-words", 2, "ALL-CAPS words (4+ letters, not acronyms) from which `caps-weight` is added", "words"),
        Option("caps-weight", 1.5, "Score added for shouting in capitals", "points"),
        Option(
            "model",
            False,
            "Also flag titles the trained character n-gram model (prelint/data/models/clickbait_title.json) reads as "
            "clickbait; off by default: on real titles its own findings are mostly emotional one-liners, moods and "
            "trailing ellipses, which withhold nothing",
            "",
        ),
        Option(
            "model-threshold",
            1.0,
            "With `model = true`: model log-odds at or above which a title is flagged even without lexicon evidence",
            "log-odds",
        ),
        Option(
            "model-assist-min-score",
            1.5,
            "Lexicon score from which a lower model log-odds (`model-assist-threshold`) is enough",
            "points",
        ),
        Option(
            "model-assist-threshold",
            0.0,
            "Model log-odds enough to flag a title that already has `model-assist-min-score` lexicon points "
            "(default 0: the model must lean clickbait, so a weak lexicon signal never overrides a model that leans plain)",
            "log-odds",
        ),
        Option(
            "sentiment-weight",
            0.0,
            "Score added when snownlp rates the title extremely emotional (< 0.05 or > 0.95); 0 = off. "
            "Loading snownlp costs about 4.5 s, so it is off by default; it needs `pip install 'prelint[sentiment]'`",
            "points",
        ),
    ],
)
def clickbait_title(ctx):
    """What it checks: the title reads as 标题党 (clickbait): it withholds its point, shocks or hypes.
    Each signal adds points: shock words (震惊, 吓人), suspense that withholds the point (竟然,
    万万没想到, 原来…, 看到最后, a sentence that stops before its point: 当禁毒犬趴下时……, 丽江偶遇小哥哥
    结果……, 她想去的大学是？, 原因竟是它), exaggerated universals and hype (99%的人, 百分之90的人, 史上最,
    全网最火), urgency (速看, 删前速看), fake-official framing (紧急通知, 重磅), punctuation and emoji
    abuse (！！！, ？？？) and their English equivalents (you won't believe, what happened next, wait until
    you see, ALL CAPS), plus sentence-pattern features that each add a little: a realisation held back
    (她走后才明白这句话), a story that stops at a reaction (打开一看她傻了, 让姑娘在街边痛哭), a
    rhetorical payoff (原因没那么简单, 看完你就懂了), insider framing (医生朋友偷偷告诉我; in English an
    industry said to hide it from you or to be furious about "this": the trick hotels hide from you,
    Landlords are FURIOUS about this rule, dentists hate this, what mechanics don't tell you), warnings and
    attention grabs (…的人要小心了, 别划走！, STOP SCROLLING), the best part kept for later in the video
    (最后一个颜色太好看了, 三家店第三家绝了), an event announced but not told (拍着拍着意外发生了), a sentence
    that stops at a turn (七年前…，如今……; and then… 😳), everyone searching (全民都在找它) and a challenge
    claim standing in for the content (难倒3000人). One such feature stays below `min-score`; two fire.
    The title is flagged when the score reaches `min-score`; the evidence lists every signal with
    its span and points, and the message quotes them.

    Punctuation, emoji, capitals and mood words (泪目, 看呆了, OMG) amplify the score but never make
    clickbait on their own: a title needs at least one signal of withholding, shock, hype, urgency or
    fake-official framing (metric `substantive`), so 真丢人！…😤😤😤😤😤, 闭眼全是你？！ and 路人看呆了 三个后空翻
    连着落地 pass. A word repeated counts once (the secret … our family's secret).

    Emotion is not clickbait: a mood or exclamation (太美了！, 吓死我了！, 高温下锅太吓人了), a
    question to the viewers (看到这个字，你第一个想到的是谁？), a musing line with ellipses
    (原来很多东西…都一去不复返…), an everyday title (终于找到这个配乐下手了, 就是为了这个) and a title of
    punctuation alone (？？？) withhold nothing. Words in a harmless role do not count (原来的配方,
    第一次做蛋糕, 最近很火的减脂餐), nor do words inside 《…》 title marks: 《万万没想到》主演重聚 names a
    show, it claims no shock. A word discussed as a topic is a mention, not a claim: 震惊体, “震惊”标题,
    所谓重磅, 标题里的“揭秘” (the lexicon's `mention_after_patterns` / `mention_before_patterns`); 重磅
    before a fabric word is a silk weight (22姆米重磅真丝). For platforms without a title (TikTok,
    Reels) it reads the caption's first line when no title is given (`caption-platforms`).

    A trained model can be switched on (`model = true`): a logistic regression over character
    1–3-grams (prelint/data/models/clickbait_title.json, read on first use, no download; its header
    names the labelled titles it was trained on). With it on, a title is also flagged when the
    model's log-odds reach `model-threshold`, or the lexicon score reaches `model-assist-min-score`
    and the log-odds reach `model-assist-threshold`; the evidence then shows the log-odds, the
    probability and the n-grams that drove them (`model.drivers`), and `decided_by` says which side
    fired. It is off by default because on real titles the model alone mostly flags emotional
    one-liners, moods and trailing ellipses.

    Why it matters: platforms demote 标题党 — Douyin's user agreement §4.3 forbids titles that
    misrepresent the content, WeChat's 2024 notices target 震惊-style and fake-official
    titles — and viewers who feel tricked swipe away, which lowers completion rate and the
    next traffic pool.

    How to fix: say what the viewer gets instead of withholding it: "3个技巧让蛋糕不塌" rather
    than "万万没想到！蛋糕竟然…". Keep one exclamation mark at most.

    Options: the lexicon is `prelint/data/lexicons/clickbait_title.toml`; add or remove terms
    with `[tool.prelint.lexicon]` (rule = "clickbait-title", weight = points). `model = true`
    adds the trained model; raise `model-threshold` to make it stricter.
    """
    draft = ctx.draft
    field = "title"
    title_facts = ctx.text.field("title")
    if title_facts is None or not title_facts.text.strip():
        caption = ctx.text.field("caption")
        if ctx.platform.name not in ctx.options.caption_platforms or caption is None or not caption.text.strip():
            ctx.skip("no title given")
        first_line = caption.text.strip().splitlines()[0]
        field, text = "caption", caption.text
        from prelint.text.matcher import analyze_field  # the caption's clickbait matches: only here are they needed

        own = analyze_field("caption", text, ctx.text.lexicons, rules=(RULE_NAME,))
        matches = [m for m in own.for_rule(RULE_NAME) if m.end <= text.find(first_line) + len(first_line)]
    else:
        text = title_facts.text
        matches = list(title_facts.for_rule(RULE_NAME))
        first_line = text
    titles = _book_title_spans(text)
    named = [m for m in matches if _inside_book_title(titles, m.start, m.end)]
    matches = [m for m in matches if not _inside_book_title(titles, m.start, m.end)]
    matches = _once_per_term(matches)
    signals = [
        {"text": m.text, "start": m.start, "end": m.end, "category": m.category, "points": m.weight} for m in matches
    ]
    substantive = any(c not in AMPLIFIERS for m in matches for c in m.categories)
    score = sum(m.weight for m in matches)
    emoji = count_emoji(first_line)
    if emoji > ctx.options.max_emoji:
        score += ctx.options.emoji_weight
        signals.append({"text": f"{emoji} emoji", "category": "emoji", "points": ctx.options.emoji_weight})
    shouted = caps_words(first_line)
    if len(shouted) >= ctx.options.min_caps_words:
        score += ctx.options.caps_weight
        signals.append({"text": " ".join(shouted), "category": "caps", "points": ctx.options.caps_weight})
    if ctx.options.sentiment_weight > 0 and score < ctx.options.min_score:
        sentiment = _sentiment(first_line)
        ctx.metric("sentiment", round(sentiment, 3))
        if sentiment < 0.05 or sentiment > 0.95:
            score += ctx.options.sentiment_weight
            signals.append({"text": f"sentiment {sentiment:.2f}", "category": "sentiment", "points": ctx.options.sentiment_weight})
    score = round(score, 2)
    ctx.metric("score", score)
    options = ctx.options
    model = _model_score(first_line) if options.model else None
    if model is not None:
        ctx.metric("model_log_odds", round(model.log_odds, 2))
    ctx.metric("substantive", substantive)
    by_lexicon = score >= options.min_score and substantive
    by_model = model is not None and (
        model.log_odds >= options.model_threshold
        or (score >= options.model_assist_min_score and model.log_odds >= options.model_assist_threshold)
    )
    if not (by_lexicon or by_model):
        return
    if not WORD.search(first_line):
        return  # ？？？ or ！！！ alone withholds nothing: a mood, not a title that promises a payoff
    strongest = max(matches, key=lambda m: m.weight, default=None)
    start, end = (strongest.start, strongest.end) if strongest else (None, None)
    if strongest is None and model is not None and model.drivers:
        span = _locate_driver(text, model)
        start, end = span if span else (None, None)
    words = "、".join(dict.fromkeys(s["text"] for s in signals))
    evidence = {"score": score, "min_score": options.min_score, "signals": signals}
    if named:  # inside 《…》: a show, film or book name, not scored
        evidence["names_not_scored"] = [m.text for m in named]
    if by_lexicon:
        message = f"Title reads as clickbait (score {score:g} ≥ {options.min_score:g}): {words}"
    else:
        why = (f"model log-odds {model.log_odds:.1f} ≥ {options.model_threshold:g}" if model.log_odds >= options.model_threshold
               else f"lexicon score {score:g} ≥ {options.model_assist_min_score:g} and model log-odds {model.log_odds:.1f} ≥ {options.model_assist_threshold:g}")
        message = f"Title reads as clickbait ({why}, trained model)" + (f"; lexicon: {words}" if words else "")
    if model is not None:
        evidence["decided_by"] = "lexicon" if by_lexicon else "model"
        evidence["model"] = {
            **model.evidence(),
            "threshold": options.model_threshold,
            "assist": {"min_score": options.model_assist_min_score, "threshold": options.model_assist_threshold},
            "trained_on": _model_about(),
        }
    yield ctx.finding(
        message,
        hint="Say what the viewer gets instead of withholding it, e.g. '3个技巧让蛋糕不塌' rather than "
        "'万万没想到！蛋糕竟然…'; drop shock words and stacked ！！！",
        field=field,
        start=start,
        end=end,
        evidence=evidence,
    )


def _once_per_term(matches):
    """A word repeated is one signal (the secret … our family's secret): the same words of one lexicon
    entry count once, at their first place in the title."""
    seen: set[tuple[str, str]] = set()
    kept = []
    for m in matches:
        key = (m.term, m.text.lower())
        if key in seen:
            continue
        seen.add(key)
        kept.append(m)
    return kept


def _book_title_spans(text: str) -> list[tuple[int, int]]:
    """The spans of 《…》 book/show/film titles in the text, in order (they do not overlap)."""
    from prelint.text.ngram import BOOK_TITLE

    return [m.span() for m in BOOK_TITLE.finditer(text)]


def _inside_book_title(titles: list[tuple[int, int]], start: int, end: int) -> bool:
    """The span lies inside 《…》 book/show/film title marks (《万万没想到》主演重聚: a name, not a shock claim);
    `titles` from _book_title_spans, looked up by position, not searched again per match."""
    import bisect

    i = bisect.bisect_left(titles, (start, start)) - 1  # the last title opening before the span
    return i >= 0 and titles[i][0] < start and end < titles[i][1]


def _model_score(text: str):
    from prelint.text.ngram import load_model  # read on first use: `import prelint` stays light

    return load_model("clickbait_title").score(text)


def _model_about() -> str:
    from prelint.text.ngram import about, load_model

    return about(load_model("clickbait_title"))


def _locate_driver(text: str, model) -> tuple[int, int] | None:
    from prelint.text.ngram import locate

    for driver in model.drivers:
        span = locate(text, driver.ngram)
        if span:
            return span
    return None


#: The characters of a title snownlp rates.
SENTIMENT_CHARS = 200


def _sentiment(text: str) -> float:
    try:
        from snownlp import SnowNLP  # 4.5 s to load: only when sentiment-weight > 0
    except ImportError:
        from prelint.errors import ConfigError

        raise ConfigError("options.clickbait-title.sentiment-weight needs snownlp, which is not installed: "
                          "pip install 'prelint[sentiment]' (or set sentiment-weight = 0)") from None
    # a title's mood is in its first words; snownlp's tagger copies its whole path for every
    # character (a 240 KB title took 151 s)
    return float(SnowNLP(text[:SENTIMENT_CHARS]).sentiments)
