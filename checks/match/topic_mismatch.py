"""MATCH003 topic-mismatch."""

from __future__ import annotations

import prelint
from prelint.checks.match import _common
from prelint.checks.match.claims import judge_topic
from prelint.rules import Option


@prelint.check(
    code="MATCH003",
    name="topic-mismatch",
    level="warn",
    options=[
        Option("max-missing-share", 0.5, "Fire when more than this share of the title's key terms is absent from the content", "share"),
        Option("min-content-chars", 4, "Judge only when the content text has at least this many characters (a short on-screen hook line can name the subject)", "chars"),
        Option("named-terms", [], "Names in your niche (dishes, products, places) kept whole and treated as subjects, added to the built-in list", "terms"),
    ],
    needs=("content",),
)
def topic_mismatch(ctx):
    """What it checks: the title's key terms are absent from the content. Key terms are nouns,
    named dishes and products and English content words (jieba segmentation; generic words like
    教程/技巧/干货 ignored); the content is what the video says or shows (subtitles and on-screen
    text). It fires when more than `max-missing-share` of the key terms appear nowhere in it AND
    the content names a subject of its own that the title does not (its intro, "今天教大家做X",
    or a named dish/product/place): a recipe that never says the dish's name is not flagged. A
    promised named thing replaced by another named thing (iPhone → 华为) fires on its own.
    Synonyms count (番茄 = 西红柿), and
    a long term counts when all its parts appear (法式鹅肝 → 法式 + 鹅肝). The missing terms are
    the evidence.

    Why it matters: a title that promises 米其林 over a plate of 番茄炒蛋 is 文不对题 ("标题与内容严重
    不符", Douyin user agreement §4.3): viewers leave in the first seconds and the recommender learns
    the title lies.

    How to fix: name what the video actually shows; if the subject is there but never said or
    written, add a caption or subtitle that names it.

    Options: built-in named dishes/products and synonym groups are in checks/match/lexicon.toml;
    add your own names with `named-terms = ["螺蛳粉", "Model 3"]`.
    """
    title = _common.title_or_skip(ctx)
    content = _common.content_or_skip(ctx, ctx.options.min_content_chars)
    for mismatch in judge_topic(title, None, _common.judged_text(ctx, content)[0], max_missing_share=ctx.options.max_missing_share,
                                named_terms=tuple(ctx.options.named_terms)):
        yield _common.finding(ctx, mismatch)
