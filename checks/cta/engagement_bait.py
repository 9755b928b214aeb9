"""CTA002 engagement-bait."""

from __future__ import annotations

import prelint
from prelint.rules import Option
from prelint.text.facts import CONTENT_FIELDS, DRAFT_FIELDS
from prelint.text.fields import locate, quote, rule_fields

RULE_NAME = "engagement-bait"
WHY = {
    "conditional": "it makes the next video conditional on engagement (点赞过万更新)",
    "gated": "it withholds information until the viewer follows or likes (关注后才告诉你)",
    "reward": "it promises a reward for engaging (点赞领红包, 关注抽奖)",
    "luck-curse": "it uses luck or a curse to force engagement (转发保平安, 不转不是中国人)",
    "mutual": "it trades follows and likes (互关, 互粉互赞)",
}
SAFE_ALTERNATIVE = {
    "conditional": "'想看下一期的评论区告诉我'",
    "gated": "put the answer in the video and add '觉得有用就关注'",
    "reward": "'觉得有用就点个赞' (no reward)",
    "luck-curse": "'转发给需要的人'",
    "mutual": "'关注我，每周更新XX' (a reason tied to your content)",
}


@prelint.check(
    code="CTA002",
    name=RULE_NAME,
    level="error",
    options=[Option("check-content", True, "Also check subtitles and on-screen text when the draft has them", "")],
)
def engagement_bait(ctx):
    """What it checks: engagement bait, the calls to action the platforms penalise. Conditional (点赞过万更新下一期,
    if this gets 10k likes), gated (关注后才告诉你, 点击关注才会告知), reward (点赞领红包,
    关注抽奖, like and follow to win), luck or curse (转发保平安, 点赞转运, 不转不是中国人,
    type amen, and any engagement verb tied to luck in one sentence: 点赞的人今年都能发大财,
    收到好运的请点赞传递下去) and mutual follow (互关, 互粉互赞, follow for follow) — in the
    title, caption, hashtags, subtitles and on-screen text. Negations (不要互关, 拒绝互粉) and mentions
    (揭秘"点赞领红包"骗局) are not bait, nor are other senses of the words (这家店的点赞数很夸张,
    关注民生).

    Why it matters: Douyin's 《恶意营销号治理规范》 (2025) item 7 诱骗强迫互动 penalises these
    CTAs (健康分 −1 to −10 per violation, reduced recommendation); TikTok's Fake Engagement
    rules make like-for-like and false incentives ineligible for the For You feed.

    How to fix: replace it with a plain invitation tied to the video's value: "觉得有用就收藏",
    "评论区告诉我你会选哪个", "关注我，下期讲XX".
    """
    fields = DRAFT_FIELDS + (CONTENT_FIELDS if ctx.options.check_content else ())
    field_facts = rule_fields(ctx, fields)
    if not field_facts:
        ctx.skip("no title, caption, hashtags or video text given")
    texts = {facts.field: facts.text for facts in field_facts}
    found = [m for facts in field_facts for m in facts.for_rule(RULE_NAME)]
    ctx.metric("bait", len(found))
    for located in locate(ctx, found):
        m = located.match
        yield ctx.finding(
            f"Engagement bait ({m.category}) 「{m.text}」 in the {m.field}: {WHY.get(m.category, 'it forces engagement')}; "
            "Douyin 恶意营销号治理规范 item 7 and TikTok Fake Engagement rules cut its reach",
            hint=f"Use a plain invitation instead, e.g. {SAFE_ALTERNATIVE.get(m.category, '觉得有用就收藏')}",
            level=m.level,
            **located.where(),
            evidence={"text": m.text, "category": m.category, "note": m.note, "context": quote(texts[m.field], m.start, m.end)},
        )
