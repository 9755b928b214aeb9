"""SPEC002 hashtag-count."""

from __future__ import annotations

import prelint
from prelint.rules import Option


@prelint.check(
    code="SPEC002",
    name="hashtag-count",
    level="warn",
    options=[
        Option("max", 0, "Override the platform's maximum (0 = use the platform profile)", "hashtags"),
        Option("min", 1, "Fewest hashtags expected; 0 turns the 'no hashtag' info off", "hashtags"),
    ],
)
def hashtag_count(ctx):
    """What it checks: too many hashtags for the platform, or none at all. Counted are the
    explicit `hashtags` plus inline `#话题` in the title and caption.

    Why it matters: Instagram allows at most 5 hashtags per post (Dec 2025), YouTube ignores
    all hashtags past 60 and shows only the first 3, and Douyin warns that irrelevant topics
    may hurt distribution. With no hashtag, the platform has one fewer signal for the
    first traffic pool.

    How to fix: keep the 2–5 most specific topics; drop generic ones (#抖音, #fyp).
    """
    tags = ctx.draft.all_hashtags()
    limit = ctx.options.max or ctx.platform.hashtags_max
    recommended = ctx.platform.hashtags_recommended_max
    ctx.metric("hashtags", len(tags))
    ctx.metric("limit", limit)
    if not tags and ctx.draft.title is None and ctx.draft.caption is None and not ctx.draft.hashtags:
        ctx.skip("no title, caption or hashtags given")
    if limit and len(tags) > limit:
        yield ctx.finding(
            f"{len(tags)} hashtags; {ctx.platform.display_name} allows {limit}",
            hint=f"Keep the {recommended or limit} most specific hashtags",
            field="hashtags",
            evidence={"hashtags": list(tags), "count": len(tags), "limit": limit},
        )
    elif recommended and len(tags) > recommended:
        yield ctx.finding(
            f"{len(tags)} hashtags; more than {recommended} dilutes the topic on {ctx.platform.display_name}",
            level="info",
            hint=f"Keep the {recommended} most specific hashtags",
            field="hashtags",
            evidence={"hashtags": list(tags), "count": len(tags), "recommended": recommended},
        )
    elif len(tags) < ctx.options.min:
        yield ctx.finding(
            "No hashtag",
            level="info",
            hint="Add 2–3 specific topics, e.g. #减脂餐 #家常菜",
            field="hashtags",
            evidence={"count": 0},
        )
