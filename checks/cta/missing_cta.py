"""CTA001 missing-cta."""

from __future__ import annotations

import re

import prelint
from prelint.rules import Option
from prelint.text.facts import CONTENT_FIELDS, DRAFT_FIELDS
from prelint.text.fields import content_of, rule_fields
from prelint.text.tags import holding

RULE_NAME = "missing-cta"
BAIT_RULE = "engagement-bait"
KINDS = ("like", "comment", "follow", "favourite", "share")
# 一键三连 (Bilibili's like + coin + favourite) is read as like, favourite and share.
COMBINED = {"three-in-one": ("like", "favourite", "share")}


def _model_bait(ctx, field_facts) -> list[str]:
    """Bait CTA002's trained model flags (with CTA002's own options), as "field: clause"."""
    from prelint.checks.cta.engagement_bait import engagement_bait, model_flags
    from prelint.config import resolve_rule_options

    options = resolve_rule_options(engagement_bait, ctx.config)
    if not options["model"]:
        return []
    texts = {f.field: f.text for f in field_facts}
    return [f"{name}: {texts[name][a:b]}" for name, (a, b), _ in model_flags(field_facts, options["model_threshold"])]


# A question put to the viewers, asking for their answer: 你们吃过几个？, 大家觉得年轻人回农村有前途吗？,
# What are you hoping for?, Would you pay that much? Creators' guides teach it as the comment prompt.
_VIEWER_QUESTION = re.compile(
    # (each alternative starts where a sentence starts and reads at most a question's length: searched
    # from every character, or to the end of a long sentence, a 50,000-character caption took seconds)
    r"(?:^|(?<=[。！!？?\n]))[^。！!？?\n]{0,60}(?:你们|大家|各位|宝子们|宝子|姐妹们|家人们|朋友们|老铁们|兄弟们|小伙伴们|懂行的朋友|有没有人|你)[^。！!？?\n]{0,60}[？?]"
    r"|(?:^|(?<=[.!?\n]))[^.!?\n]{0,120}\b(?:you|your|y'all|anyone|anybody|should i|which one|thoughts)\b[^.!?\n]{0,120}\?"
    # asked without a question mark: 你们说差别大不大, 懂行的朋友帮看看这套配置合理吗
    r"|(?:你们|大家|各位|懂行的朋友|懂的朋友)(?:说|觉得|猜|看|帮看看|帮忙看看)[^。！!？?\n#]{0,24}?(?:吗|呢|(\S)不\1)(?=\s|#|$|[。！!，,])"
    # a question to the viewers ended by a space, a hashtag or an emoji instead of "？": 你们家谁洗碗😂,
    # 你们一般多久剪一次头发 #理发师, 大家看看有进步没, 当妈的你们几点起床 (a short lead before 你们; 跟大家聊聊怎么…
    # tells the viewers something)
    # (also 你家猫狗关系好吗, 城里的朋友羡慕吗, 有遇到过的朋友吗, 钓友们…, 你是哪一个)
    r"|(?:^|(?<=[\s。！!，,]))[^。！!？?\n#\s你]{0,6}?(?<![跟给和带教帮为让替向])(?:你们|大家|各位|宝子们|姐妹们|家人们|朋友们|老铁们"
    r"|你家|你们家|你那|你是|本地人|当地人|过来人|(?:[\u4e00-\u9fff]友|兄弟|同学|小伙伴|宝妈|家长)们"
    r"|[\u4e00-\u9fff]{1,6}?的(?:朋友|兄弟|姐妹|家长|宝妈|宝子|老铁|同学))[^。！!？?\n#\s]{0,16}?"
    r"(?:吗|呢|啥|什么|干嘛|干啥|有没有|哪[款个里儿边种家]?|几[个种点次岁]?|多少|多久|谁|怎么样|怎么|咋|没|还是|(?P<ab>[^\W\d_])不(?P=ab))"
    r"[^。！!？?\n#\s]{0,12}(?=\s|#|$|[^\w])"
    # a question for whoever among the viewers: 有没有喜欢一个人出门的朋友, 有在奶茶店打过工的吗, 有一起去的吗
    r"|有没有[^。！!？?\n#\s]{1,16}的(?:朋友|人|小伙伴|姐妹|小姐妹|兄弟|宝子|宝宝|家人|老铁|同学)们?(?=\s|#|$|[^\w])"
    r"|(?:^|(?<=[\s，,。！!]))有(?!没有)[^。！!？?\n#\s]{1,16}的吗(?=\s|#|$|[^\w])"
    # a question for a group named at its start: Locals, what did I miss?
    r"|(?:^|(?<=[.!?\n]))\s*(?:locals|guys|friends|folks|everyone|y'all|parents|moms|dads|(?:fellow )?[a-z]+ (?:lovers|parents|owners|fans))\s?,[^.!?\n]{0,120}\?"
    # an English question to the viewers that ends the caption (or comes before its tags) without "?":
    # what's on your reset list this week, what's your family's signature dish
    r"|(?:^|(?<=[.!\n])|(?<=[\u2600-\u27bf\U0001f000-\U0001faff]))\s*"
    r"(?:(?:what(?:'s|’s)?|which|who|how|where|do you|have you|would you)\b[^.!?\n#]{0,80}\b(?:you|your|y'all|anyone)\b"
    r"|(?:does anyone|anyone|is it just me)\b)[^.!?\n#@]{0,60}(?=\s*(?:#|@|$))",
    re.IGNORECASE)
_NOT_ASKING = re.compile(r"你敢信|知道吗|你能想到|你绝对想不到|谁能想到|can you believe|did you know|guess what", re.IGNORECASE)
# the question answered at once: 大家猜猜这是哪里？答案是青海湖
_ANSWERED = re.compile(r"\s*(?:答案是|答案：|其实|原来|the answer is|answer:|it's actually)", re.IGNORECASE)


def _viewer_question(text: str) -> re.Match[str] | None:
    """The first question to the viewers in `text` (not a rhetorical hook: 你敢信吗？, did you know?,
    nor one the text answers at once)."""
    for m in _VIEWER_QUESTION.finditer(text):
        if not _NOT_ASKING.search(m.group(0)) and not _ANSWERED.match(text, m.end()):
            return m
    return None


def _account_mentions(text: str) -> list[tuple[int, int]]:
    """Spans of @mentions that carry the platform's user id, @name(O40300112): an account's name."""
    if "@" not in text:
        return []
    from prelint.text.tags import MENTION

    return [m.span() for m in MENTION.finditer(text) if m.group().endswith((")", "）"))]


@prelint.check(
    code="CTA001",
    name=RULE_NAME,
    level="info",
    options=[
        Option("min-kinds", 1, "Fewest kinds of invitation (like, comment, follow, favourite, share) expected", "kinds"),
        Option("questions-invite", True, "A question put to the viewers in the caption, subtitles or on-screen text "
               "(你们吃过几个？, What would you pick?) counts as an invitation to comment"),
    ],
)
def missing_cta(ctx):
    """What it checks: the draft never invites the viewer to like, comment, follow, favourite
    or share. It reads the title, caption, subtitles and on-screen text; the metric `cta_kinds`
    lists the kinds present. A draft whose only calls to action are engagement bait passes here
    with the metric `note` pointing at CTA002, which reports the bait with a plain alternative (one
    finding per problem, not two): bait is what CTA002 itself reports in the same fields (its
    lexicon outside hashtags and @mentions, or its trained model under CTA002's own options), so an
    invitation CTA002 leaves alone counts here. A bare word is not an invitation (这家店的点赞数很夸张,
    关注民生). Plain invitations include the wordings real captions use: 多多关注, 喜欢留个关注, 给个双击,
    双击评论666, 记得双击, 求❤, 评论在下面吧, 留下您的…, 收藏这份攻略, 学会了就转发给爸妈, 评论区算算你的分数,
    @出你的姐妹, 评论区站个队, 有问题直接留言问, 转给家里长辈提个醒, the "…的可以 + verb" form (想学的可以关注,
    有问题可以留言, 需要的可以收藏), 把这条转给…的朋友, and in English Drop your tips below, Give her a ❤️,
    Share this with a cat parent, Like if you agree, hit save; the everyday shapes ordinary drafts use:
    the comment section with something to do there (评论区举个手, 同城的评论区集合, 不服的评论区来战, 想听什么歌评论区点歌,
    评论区有问题我都回), those who need it asked to act (需要的转给家里的考生, 有需要的收藏), 收藏这一条,
    点赞的都是同道中人, 转发让更多人看到, 详细攻略可以收藏, 喜欢的支持一下, 给个免费的红心, 求波关注,
    评论不要钱, 记得三连, and any engagement verb at the end of its clause with an inviting
    word before it or a particle after it (喜欢的来评论, 转发吧); in English an engagement verb opening a
    sentence (Share with a coworker, Comment 1 or 2, Like to congratulate me, Follow to see more, Save
    for later), an imperative after a comma (Thanks for watching, comment what you'd change), Let me
    know or lmk closing a sentence (Would you buy it? Let me know), Drop a 🔥 if…, Smash that follow button; the same words
    tied to luck, a reward or a giveaway (站队抽三人送…, 转给家人看看保平安) are left to CTA002 as bait. A question put to
    the viewers in the caption, subtitles or on-screen text (你们吃过几个？, 这事你怎么看？, What are you hoping for?) asks
    for their answer and counts as an invitation to comment (`questions-invite`, on by default); a rhetorical hook
    (你敢信吗？, did you know?) and a question in the title do not. Not invitations: thanks for follows (感谢关注我的朋友), the creator sharing
    something (分享给大家参考, 我来转给你看), praise (为老戏骨点赞), an account named in a mention
    (@你的快手电商助手(O1463681103)), a negated invitation (Don't follow me for advice; 这条视频不可以留言)
    and a story (我妈把视频发给我看了; 这个评论区太好笑了, 评论区有人问…, someone in the comments asked,
    you asked in the comments; I don't do follow for follow). When only a title is given the rule
    skips: invitations usually live in the caption or the video's last seconds, which prelint cannot see then; a caption given
    empty is a caption without an invitation.

    Why it matters: likes, comments, shares and saves in the first traffic pool decide whether
    a video is pushed further; viewers act more when asked. A plain invitation tied to the
    video's value is allowed everywhere (unlike engagement bait, see CTA002).

    How to fix: add one natural line tied to what the video gives, in the caption or the last
    3–5 s: "觉得有用就收藏", "评论区告诉我你会选哪个", "关注我，下期讲怎么保存".
    """
    draft = ctx.draft
    content = content_of(ctx)
    has_caption = draft.caption is not None  # a caption given empty is a caption with no invitation
    has_content = content is not None and bool(getattr(content, "has_text", False))
    if not has_caption and not has_content:
        if draft.title is None:
            ctx.skip("no caption and no text in the video to read an invitation from (SPEC001 reports a draft "
                     "without a title or caption)")
        ctx.skip("only the title is given; invitations usually live in the caption or the video's last seconds")
    kinds: dict[str, dict] = {}
    field_facts = rule_fields(ctx, DRAFT_FIELDS + CONTENT_FIELDS)
    for facts in field_facts:
        accounts = _account_mentions(facts.text)
        for m in facts.for_rule(RULE_NAME):
            if holding(accounts, m.start, m.start + 1):  # looked up, not scanned (10,000 × 10,000 took 50 s)
                continue  # @你的快手电商助手(O1463681103) names an account, it tags no friend
            for kind in COMBINED.get(m.category, (m.category,)):
                kinds.setdefault(kind, {"text": m.text, "field": m.field, "start": m.start, "end": m.end})
    if "comment" not in kinds and ctx.options.questions_invite:
        for facts in field_facts:
            question = _viewer_question(facts.text) if facts.field != "title" else None
            if question is not None:
                kinds["comment"] = {"text": question.group(0).strip(), "field": facts.field, "start": question.start(),
                                    "end": question.end(), "question": True}
                break
    present = [k for k in KINDS if k in kinds]
    from prelint.checks.cta.engagement_bait import bait_matches

    bait = [f"{m.field}: {m.text}" for facts in field_facts for m in bait_matches(facts)]
    if len(present) < ctx.options.min_kinds and not bait:
        bait = _model_bait(ctx, field_facts)
    ctx.metric("cta_kinds", ",".join(present) if present else ("bait only" if bait else "none"))
    if len(present) >= ctx.options.min_kinds:
        return
    if bait:  # the only calls to action are engagement bait: CTA002 reports them, with a plain alternative
        shown = "; ".join(bait[:5]) + (f"; … {len(bait) - 5} more" if len(bait) > 5 else "")
        ctx.metric("note", f"only engagement bait invites the viewer ({shown}): see CTA002 engagement-bait")
        return
    where = "caption, subtitles and on-screen text" if has_content else "title and caption"
    yield ctx.finding(
        f"No invitation to like, comment, follow, favourite or share in the {where}"
        if not present
        else f"Only {len(present)} kind of invitation ({', '.join(present)}); expected {ctx.options.min_kinds}",
        hint="Add one natural line tied to the video's value, e.g. '觉得有用就收藏' or "
        "'评论区告诉我你会选哪个' (caption or last 3–5 s)",
        field="caption" if has_caption else None,
        evidence={"kinds_present": present, "min_kinds": ctx.options.min_kinds, "found": kinds},
    )
