"""MATCH004 hype-gap."""

from __future__ import annotations

import prelint
from prelint.checks.match import _common
from prelint.checks.match.claims import judge_hype
from prelint.rules import Option


@prelint.check(
    code="MATCH004",
    name="hype-gap",
    level="info",
    options=[
        Option("min-title-hype", 2, "Hype score from which a title counts as hyped (strong term 2, mild term 1, '!!' 1, shock emoji 1)", "points"),
        Option("min-content-chars", 12, "Judge only when the content text has at least this many characters", "chars"),
        Option("hype-terms", [], "Extra title hype phrases (weight 2 each), added to the built-in list", "terms"),
        Option("support-terms", [], "Extra content phrases that back a hyped title, added to the built-in list", "terms"),
    ],
    needs=("content",),
)
def hype_gap(ctx):
    """What it checks: a hyped title over ordinary content. Hype is 震惊, 全网最, 天花板, 绝了!!,
    "you won't believe"; ordinary content shows nothing special: no secret, test, comparison, professional or surprise (秘诀, 实测,
    对比, 大厨, 没想到…) anywhere in the subtitles or on-screen text.

    Why it matters: WeChat and Douyin notices target 震惊-style titles; a viewer lured by 天花板 who
    gets an ordinary recipe leaves a dislike, not a like.

    How to fix: tone the title down to what the video delivers, or put the payoff (the secret, the
    result, the comparison) in the video and say it.

    Options: built-in hype and support terms are in checks/match/lexicon.toml ([hype]); add yours
    with `hype-terms` and `support-terms`.
    """
    title = _common.title_or_skip(ctx)
    content = _common.content_or_skip(ctx, ctx.options.min_content_chars)
    for mismatch in judge_hype(title, None, _common.judged_text(ctx, content)[0], min_title_hype=ctx.options.min_title_hype,
                               hype_terms=tuple(ctx.options.hype_terms), support_terms=tuple(ctx.options.support_terms)):
        yield _common.finding(ctx, mismatch)
