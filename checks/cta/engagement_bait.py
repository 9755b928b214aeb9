"""CTA002 engagement-bait."""

from __future__ import annotations

import re
from functools import lru_cache

import prelint
from prelint.model import Level
from prelint.rules import Option
from prelint.text.facts import CONTENT_FIELDS, DRAFT_FIELDS
from prelint.text.tags import holding, tag_spans
from prelint.text.fields import locate, quote, rule_fields
from prelint.text.matcher import CLAUSE_BREAK, Match

RULE_NAME = "engagement-bait"
WHY = {
    "conditional": "it makes the next video conditional on engagement (点赞过万更新)",
    "gated": "it withholds information until the viewer follows or likes (关注后才告诉你)",
    "reward": "it promises a reward for engaging (点赞领红包, 关注抽奖)",
    "luck-curse": "it uses luck or a curse to force engagement (转发保平安, 不转发会倒霉)",
    "guilt": "it shames viewers who do not engage (有良心的都点个赞, 不转不是中国人)",
    "mutual": "it trades follows and likes (互关, 互粉互赞)",
}
SAFE_ALTERNATIVE = {
    "conditional": "'想看下一期的评论区告诉我'",
    "gated": "put the answer in the video and add '觉得有用就关注'",
    "reward": "'觉得有用就点个赞' (no reward)",
    "luck-curse": "'转发给需要的人'",
    "guilt": "'觉得有用就点个赞' (no shaming)",
    "mutual": "'关注我，每周更新XX' (a reason tied to your content)",
    "model": "'觉得有用就收藏' or '评论区告诉我你的看法' (no condition, reward, luck or gate)",
}
WHY["model"] = "the trained model reads it as bait (conditional, gated, reward, luck/curse, guilt or mutual-follow wording)"
MODEL_FIELDS = ("title", "caption")  # the fields the model was trained on
# How far around the flagged clause, within its sentence, a bait cue counts: the exchange is asked for
# in one breath (点赞破千，明天就发教程), not by a word thirty characters away in a long lament.
CUE_REACH = 24


@prelint.check(
    code="CTA002",
    name=RULE_NAME,
    level="error",
    options=[
        Option("check-content", True, "Also check subtitles and on-screen text when the draft has them", ""),
        Option(
            "model",
            True,
            "Use the trained character n-gram model (prelint/data/models/engagement_bait.json) to flag bait the lexicon "
            "does not know, in the title and caption, when the same sentence also holds a bait cue (a count threshold, "
            "a gate, a prize, luck or a curse, a follow back); false = lexicon only",
            "",
        ),
        Option(
            "model-threshold",
            0.5,
            "Model log-odds at or above which a title or caption with an engagement word (点赞, 关注, 转发, 双击, like, "
            "follow …), a bait cue in the same sentence and no lexicon match is flagged; the score is the highest of the "
            "whole text and each sentence holding an engagement word (0 = even odds)",
            "log-odds",
        ),
        Option("max-findings", 20, "Report at most this many bait phrases per draft (the metric counts all)", "findings"),
    ],
)
def engagement_bait(ctx):
    """What it checks: engagement bait, the calls to action the platforms penalise. Conditional (点赞过万更新下一期,
    if this gets 10k likes), gated (关注后才告诉你, 点击关注才会告知), reward (点赞领红包,
    关注抽奖, like and follow to win), luck or curse (转发保平安, 点赞转运, 不转发会倒霉,
    type amen, and any engagement verb tied to luck in one sentence: 点赞的人今年都能发大财,
    收到好运的请点赞传递下去), guilt (不转不是中国人, 有良心的都点个赞, #看得起农村人的点个双击吧 —
    also as a tag, since it shames whoever scrolls past) and mutual follow (互关, 互粉互赞, follow for follow) — in the
    title, caption, hashtags, subtitles and on-screen text. Also their less stereotyped shapes:
    a count threshold with the payoff later in the sentence (收藏破三千的话，下周把配色卡整理出来,
    评论攒够五百条我再放出来; if this hits 5k I'll post the ending; Part 3 at 20k likes), content kept for followers (只告诉关注我的老粉, 关注了的姐妹私信我拿,
    设成了粉丝可见), a comment keyword or a favourite as a charm (评论区打个“中”字，分数只高不低;
    收藏好，今年不犯太岁; 转发接福), a discount for engaging (收藏截图给客服立减), and English
    equivalents (I'll follow you back; type YES and claim your blessing; comment GUIDE and I'll
    DM you), engagement traded for engagement (答对了我去给你点赞, answer this and I'll like your
    videos; comment your birth month and I'll go like your last 3 videos) and an answer kept for a typed
    keyword (打出ws就知道了); a prize for the first N who engage (评论区猜对的前十名送红包, first 100
    followers get a bonus), likes collected or help asked for a reward (集赞, 帮我砍一刀), a reward or
    discount for a like or follow in English (show this video liked for a free cookie; like this and
    message me to get 20% off), a count of likes as the condition (like this video 5k times and I'll
    reveal…), content only for followers (part 2 is only for my followers), luck as 运气 or 喜气
    (点个赞给宝宝攒攒运气, 双击沾沾喜气) and a like as a blessing (一个赞就是一份祝福). Negations (不要互关, 拒绝互粉) and mentions
    (揭秘"点赞领红包"骗局) are not bait, nor are other senses of the words (这家店的点赞数很夸张,
    关注民生).

    Not bait: a plain invitation, however much it begs (关注我，每周更新穿搭; 觉得有用就点个赞; Follow to see
    more portraits; Follow to see tomorrow's bake; 一起上岸的姐妹评论区冒个泡 — a wish the viewers share is no luck
    promised for the comment;
    给个双击加关注; 给他一个双击吧！评论你们喜欢的爱豆; Comment below; Like if you agree) — bait
    needs a reward, a condition, a gate, luck or a curse, or an exchange. Nor are hashtags and
    @mentions: a tag names a topic or a trend and asks the viewer for nothing (#粉丝上万说赚就赚,
    #接福接财接好运, #互关), so a lexicon match that starts inside a tag is no finding and the model
    reads the text with its tags blanked. A creator telling of follow-backs (没能及时回关) or of a
    milestone reached (粉丝到3000了) asks for nothing either. What off-platform-contact recommends
    (私信我领取完整配方: the conversation stays on the platform) is no bait.

    A trained model catches bait worded in ways the lexicon does not know: a logistic regression
    over character 1–3-grams (prelint/data/models/engagement_bait.json, read on first use, no
    download; its header names the labelled texts it was trained on). A title or caption with no
    lexicon match is reported when it holds an engagement word (点赞, 关注, 转发, 评论, like, follow,
    share …; English words count as whole words, not inside "following the river", "likely" or
    "follow-up"), the model's log-odds reach `model-threshold`, AND the same sentence holds a bait
    cue: a count threshold (这条点满两千个赞, once we hit 2,000 comments), a gate (才能看, 挨个发,
    followers only), a prize (送, 抽奖, 优惠码, giveaway), luck or a curse (好运, 倒霉, 挂科) or a
    follow back (必回关, 你关我必关) — the `bait_cues` of the lexicon's `[model_guard]` table, within 24
    characters of the flagged clause (a condition thirty characters away in a long lament is none; 送给所有
    关注我的朋友 dedicates, it promises no prize). The
    model alone, on a plain invitation, reports nothing. The model scores the whole text and each
    sentence holding an engagement word (sentences end at 。！？!?；;… and line breaks) and keeps
    the highest, so one bait sentence in a long caption is not diluted by the description around
    it. Such findings are warnings (category "model"): the span is the clause with the engagement
    word, the message quotes it and the cue; lexicon findings stay errors. Every finding's evidence
    carries the model's log-odds, probability, the n-grams that drove it (`model.drivers`) and
    `decided_by`. Subtitles and on-screen text are scored for the evidence only. Where the lexicon
    saw a bait phrase and dismissed it (a negation, a mention, an exception such as
    点赞关注，教你免费领取…, or your `allow` list), the model defers to it. It also defers where every
    engagement word of the flagged clause is quoted (「」“”"『』) with a report word near the quote
    (揭秘“收藏转运”的套路, "like to win" pages are a scam; anywhere in the text for quoted speech:
    直播间说“…”…大家避坑) or negated just before in the same clause (不想点赞, 我不会要求大家点赞转发),
    or reported as what others fish for (营销号骗转发的), or part of a milestone already reached
    (粉丝到一万那天, 点赞破千了, hit 10k followers); guarded readings are listed in the metric
    `model_guarded`. Set `model = false` to use the lexicon alone.

    Why it matters: Douyin's 《恶意营销号治理规范》 (2025) item 7 诱骗强迫互动 penalises these
    CTAs (健康分 −1 to −10 per violation, reduced recommendation); TikTok's Fake Engagement
    rules make like-for-like and false incentives ineligible for the For You feed.

    How to fix: replace it with a plain invitation tied to the video's value: "觉得有用就收藏",
    "评论区告诉我你会选哪个", "关注我，下期讲XX".

    Options: the lexicon is `prelint/data/lexicons/engagement_bait.toml` (extend it with
    `[tool.prelint.lexicon]`, rule = "engagement-bait"); `model = false` turns the trained
    model off; raise `model-threshold` to make it stricter; `max-findings` caps the findings of one
    draft (a subtitle file with bait in every cue gives the first ones; the `bait` metric counts all).
    """
    fields = DRAFT_FIELDS + (CONTENT_FIELDS if ctx.options.check_content else ())
    field_facts = rule_fields(ctx, fields)
    if not field_facts:
        ctx.skip("no title, caption, hashtags or video text given")
    texts = {facts.field: facts.text for facts in field_facts}
    found = [m for facts in field_facts for m in bait_matches(facts)]
    scores = {}
    if ctx.options.model:
        # every field's score goes in the evidence: the highest of the whole text and each sentence with an
        # engagement word, so one bait sentence in a long caption is not diluted by the description around it
        # a text without an engagement word is never flagged by the model: it is scored only for a lexicon finding's evidence
        best = {f.field: _best_unit(_own_words(f.text)) for f in field_facts if _model().holds_required(f.text) or bait_matches(f)}
        scores = {name: unit[0] for name, unit in best.items()}
        for name, model in scores.items():
            if name in MODEL_FIELDS:
                ctx.metric(f"model_log_odds_{name}", round(model.log_odds, 2))
        guarded = []
        for name, (start, end), why in model_flags(field_facts, ctx.options.model_threshold, best, guarded):
            found.append(Match(rule=RULE_NAME, field=name, start=start, end=end, text=texts[name][start:end],
                               term="model", category="model", level=Level.WARN, note="trained n-gram model"))
        if guarded:
            ctx.metric("model_guarded", "; ".join(guarded))
    ctx.metric("bait", len(found))
    for located in locate(ctx, found[: max(0, ctx.options.max_findings)]):
        m = located.match
        evidence = {"text": m.text, "category": m.category, "note": m.note, "context": quote(texts[m.field], m.start, m.end)}
        model = scores.get(m.field)
        if model is not None:
            evidence["decided_by"] = "model" if m.category == "model" else "lexicon"
            evidence["model"] = {**model.evidence(), "threshold": ctx.options.model_threshold, "trained_on": _model_about()}
        if m.category == "model":
            cue = bait_cue(texts[m.field], (m.start, m.end))
            message = (f"Likely engagement bait 「{m.text}」 in the {m.field}: engagement asked for with 「{cue}」 (the trained "
                       f"model scores it {model.log_odds:.1f} log-odds ≥ {ctx.options.model_threshold:g}); Douyin 恶意营销号治理规范 "
                       "item 7 and TikTok Fake Engagement rules cut the reach of conditional, gated, reward and luck CTAs")
            evidence["cue"] = cue
        else:
            message = (f"Engagement bait ({m.category}) 「{m.text}」 in the {m.field}: {WHY.get(m.category, 'it forces engagement')}; "
                       "Douyin 恶意营销号治理规范 item 7 and TikTok Fake Engagement rules cut its reach")
        yield ctx.finding(
            message,
            hint=f"Use a plain invitation instead, e.g. {SAFE_ALTERNATIVE.get(m.category, '觉得有用就收藏')}",
            level=m.level,
            **located.where(),
            evidence=evidence,
        )


def bait_matches(facts) -> tuple:
    """The field's lexicon bait matches that are the creator's own words: a match that starts inside a
    hashtag or an @mention (#接福接财接好运, #粉丝上万说赚就赚) names a trending topic, it asks the viewer
    for nothing."""

    matches = facts.for_rule(RULE_NAME)
    if not matches or ("#" not in facts.text and "@" not in facts.text):
        return matches
    spans = tag_spans(facts.text)
    kept = []
    for m in matches:
        tag = holding(spans, m.start, m.start + 1)
        if tag is None or _tag_addresses_viewers(facts.text[tag[0]:tag[1]]):
            kept.append(m)
    return tuple(kept)


# a hashtag written as a sentence to the viewers asks them, as the caption would: #关注我关注我互暖,
# #来吧大家一起报团取暖有关必回 (a trend's name, #接福接财接好运 or #互关, addresses no one)
# (a tag to the platform, #我要上热门感谢官大大…粉丝破万, asks the platform, not the viewers)
_VIEWER_ADDRESS = re.compile(r"[我你]|大家|咱们|家人们|老铁们?|[吧呀哦啦]$")
_PLATFORM_ADDRESS = re.compile(r"官方|官大大|热门|推广|小助手|平台|快手|抖音|创作者|激励计划")


def _tag_addresses_viewers(tag: str) -> bool:
    body = tag.lstrip("#@").strip()
    return (tag.startswith("#") and len(body) >= 6 and _VIEWER_ADDRESS.search(body) is not None
            and _PLATFORM_ADDRESS.search(body) is None)


def model_flags(field_facts, threshold: float, best=None, guarded: list | None = None):
    """The (field, (start, end), "") the trained model flags as bait: a title or caption holding an
    engagement word, with no lexicon bait match, no bait phrase the lexicon dismissed, a score (the
    highest of the whole text and its engagement sentences) at or above `threshold`, and not caught
    by the report/negation guard (`model_guard` in engagement_bait.toml). Shared with CTA001, which
    passes a caption whose only call to action is bait this returns. Guarded fields are appended to
    `guarded` (for the metric)."""
    if best is None:
        best = {f.field: _best_unit(_own_words(f.text)) for f in field_facts if f.field in MODEL_FIELDS}
    for facts in field_facts:
        name = facts.field
        if name not in MODEL_FIELDS or name not in best:  # subtitles and screen text: the model was not trained on them
            continue
        score, span = best[name]
        if span is None or score.log_odds < threshold:
            continue
        if any(m.rule == RULE_NAME for m in facts.for_rule(RULE_NAME)):
            continue  # the lexicon reports this field itself
        if any(s.match.rule == RULE_NAME for s in facts.suppressed):
            continue  # the lexicon saw a bait phrase and dismissed it (exception, negation, mention, allow)
        why = guard_reason(facts.text, span) or ("" if bait_cue(facts.text, span) else "no condition, gate, reward, luck or exchange")
        if why:
            if guarded is not None:
                guarded.append(f"{name}: {why}")
            continue
        yield name, span, ""


def _own_words(text: str) -> str:
    """The text with its hashtags and @mentions blanked (offsets kept): the model reads sentences, not tag walls."""
    from prelint.text.tags import without_tags

    return without_tags(text) if ("#" in text or "@" in text) else text


def bait_cue(text: str, span: tuple[int, int]) -> str:
    """The word in the sentence around `span` that makes an engagement request bait rather than an
    invitation (a count threshold, 才/只有, a prize, luck or a curse, a follow back), or "": the
    model alone never reports a plain invitation, however much it begs. The words are the
    `bait_cues` of the lexicon's [model_guard] table. A cue inside a hashtag or @mention (#上岸, #好运)
    names a topic and counts for nothing."""
    from prelint.text.matcher import normalize
    from prelint.text.ngram import sentence_spans

    norm = normalize(_own_words(text))
    a, b = span
    for s, e in sentence_spans(text):
        if s <= a < e or s < b <= e:
            a, b = max(min(a, s), span[0] - CUE_REACH), min(max(b, e), span[1] + CUE_REACH)
    for pattern in _guard_words()["bait_cues"]:
        m = pattern.search(norm, a, b)
        if m:
            return text[m.start():m.end()]
    return ""


def guard_reason(text: str, span: tuple[int, int]) -> str:
    """Why the model's bait reading of the clause `span` of `text` is set aside, or "": the engagement
    words of the clause are all quoted (「」“”"『』) with a report word (骗局, 避坑, scam …) near the
    quote or, when the quote follows a speech verb (说“…”, saying "…"), anywhere in the text, or all negated just before (不想, 不要, 拒绝, never …, no clause break between)."""
    from prelint.text.matcher import normalize

    guard = _guard_words()
    norm = normalize(text)
    clause = norm[span[0]:span[1]]
    hits = [(span[0] + i, w) for i, w in _model().required_hits(clause)]
    if not hits:
        return ""
    quoted = []
    for m in QUOTED.finditer(norm):
        quoted.append((m.start(), m.end()))
    window = guard["report_window"]
    reported_anywhere = any(c in norm for c in guard["report_cues"])
    import bisect

    def reported(pos: int) -> bool:
        i = bisect.bisect_left(quoted, (pos, pos)) - 1  # the quote opening last before pos (quotes do not overlap)
        for a, b in quoted[max(0, i) : i + 1]:
            if a < pos < b:
                around = norm[max(0, a - window):a] + " " + norm[b:b + window]
                if any(c in around for c in guard["report_cues"]):
                    return True
                # quoted speech (直播间说“…”, a page saying "…") in a text that reports it as bait anywhere
                if reported_anywhere and any(norm[max(0, a - 4):a].rstrip().endswith(c) for c in guard["speech_cues"]):
                    return True
        return False
    if all(reported(pos) for pos, _ in hits):
        return "quoted and reported as bait (" + next(c for c in guard["report_cues"] if c in norm) + ")"
    def negated(pos: int) -> bool:
        before = re.split(r"[，,。！？!?；;…\n]", norm[max(0, pos - 12):pos])[-1]  # the same clause only
        return any(0 <= len(before) - (before.rfind(c) + len(c)) <= guard["negation_window"]
                   for c in guard["negation_cues"] if c in before)
    # a run of engagement words right after a negated one is negated with it (不会要求大家点赞转发, 拒绝点赞、关注)
    negated_end = -10
    every = True
    for pos, word in sorted(hits):
        if negated(pos) or (pos - negated_end <= 1 and not re.search(r"[，,。！？!?；;…\n]", norm[max(negated_end, 0):pos])):
            negated_end = max(negated_end, pos + len(word))
        else:
            every = False
    if every:
        return "negated"
    # a milestone already reached (粉丝到一万那天, 点赞破千了, hit 10k followers) is news, not a condition
    reached = _merged(m.span() for p in guard["milestone_patterns"] for m in p.finditer(norm))
    # looked up in the merged spans, not scanned (every word against every milestone: 209 s on 1 MB)
    if reached and all(holding(reached, pos, pos + 1) for pos, _ in hits):
        return "a milestone already reached"
    return ""


def _merged(spans) -> list[tuple[int, int]]:  # type: ignore[no-untyped-def]
    """Spans joined where they overlap, in order."""
    out: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


QUOTED = re.compile(r"「[^」]{1,40}」|“[^”]{1,40}”|\"[^\"]{1,40}\"|『[^』]{1,40}』|'[^']{2,40}'")


@lru_cache(maxsize=1)
def _guard_words() -> dict:
    """The [model_guard] table of prelint/data/lexicons/engagement_bait.toml."""
    import tomllib
    from importlib.resources import files

    data = tomllib.loads(files("prelint.data").joinpath("lexicons", "engagement_bait.toml").read_text("utf-8"))
    g = data.get("model_guard", {})
    return {
        "report_cues": tuple(g.get("report_cues", ())),
        "report_window": int(g.get("report_window", 20)),
        "speech_cues": tuple(g.get("speech_cues", ())),
        "milestone_patterns": tuple(re.compile(p) for p in g.get("milestone_patterns", ())),
        "negation_cues": tuple(g.get("negation_cues", ())),
        "negation_window": int(g.get("negation_window", 2)),
        "bait_cues": tuple(re.compile(p) for p in g.get("bait_cues", ())),
    }


def _model():
    from prelint.text.ngram import load_model  # read on first use: `import prelint` stays light

    return load_model("engagement_bait")


def _model_about() -> str:
    from prelint.text.ngram import about

    return about(_model())


@lru_cache(maxsize=128)
def _best_unit(text: str):
    """(score, span): the model's score of the most bait-like of the whole text and each of its
    sentences (split at 。！？!?；;… and line breaks) holding an engagement word, as the model was
    trained; span is the clause to report (within that sentence), or None when the text
    holds no engagement word (the model alone never flags such text)."""
    from prelint.text.ngram import sentence_spans

    model = _model()
    whole = model.score(text)
    best, where = whole, (0, len(text))
    spans = sentence_spans(text)
    if len(spans) > 1:
        for a, b in spans:
            if model.holds_required(text[a:b]):
                scored = model.score(text[a:b])
                if scored.log_odds > best.log_odds:
                    best, where = scored, (a, b)
    if not model.holds_required(text):
        return best, None
    clause = _engagement_clause(text[where[0]:where[1]])
    if clause is None:
        clause = _engagement_clause(text)
        return best, clause
    return best, (where[0] + clause[0], where[0] + clause[1])


def _engagement_clause(text: str) -> tuple[int, int] | None:
    """The clause the model reads as most bait-like among those holding an engagement word the model
    requires (点赞, 关注, like …), or None when the text has none (the model alone never flags such text)."""
    from prelint.text.matcher import normalize

    model = _model()
    norm = normalize(text)
    best: tuple[float, int, int] | None = None
    start = 0
    for stop in [b.start() for b in CLAUSE_BREAK.finditer(norm)] + [len(norm)]:
        clause = norm[start:stop]
        lead = len(clause) - len(clause.lstrip())
        a, b = start + lead, start + len(clause.rstrip())
        if a < b and model.required_hits(clause):
            log_odds = model.score(text[a:b]).log_odds
            if best is None or log_odds > best[0]:
                best = (log_odds, a, b)
        start = stop + 1
    return (best[1], best[2]) if best else None
