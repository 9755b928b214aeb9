"""MATCH003 topic-mismatch."""

from __future__ import annotations

import prelint
from prelint.checks.match import _common
from prelint.checks.match.claims import judge_topic
from prelint.rules import Option


@prelint.check(
    code="MATCH003",
    name="topic-mismatch",
    level="info",
    options=[
        Option("max-missing-share", 0.5, "Fire when more than this share of the title's key terms is absent from the content", "share"),
        Option("min-content-chars", 4, "Judge only when the content text has at least this many characters (a short on-screen hook line can name the subject)", "chars"),
        Option("named-terms", [], "Names in your niche (dishes, products, places) kept whole and treated as subjects, added to the built-in list", "terms"),
    ],
    needs=("content",),
)
def topic_mismatch(ctx):
    """What it checks: the title promises a subject the content does not show, with or without
    shared words. The content is what the video says or shows: subtitles and on-screen text, a short
    on-screen hook line included; on-screen lines that repeat the title (a cover) are left out.
    Three ways, each needing positive evidence of another subject (sparse content that names
    nothing is never flagged). The finding is info, and a warning only on the surest evidence: a
    promised named thing replaced by another named thing (iPhone → 华为, 特斯拉 → 比亚迪), a
    swap of concepts below, a subject the content announces ("今天教大家包馄饨", "这期聊聊基金定投",
    "today we're making lemon bars", "Meet Biscuit!") while none of the title's words or concepts
    appear (not under a hyped title or a sum: hype-gap judges those), a travel title's city absent
    while the content names another city where the video is (三亚旅游攻略 over 哈尔滨; a city it comes
    from does not count; cities in checks/match/lexicon.toml), or a product the title names (a phone, a car, an e-reader) of which
    the content says nothing while it is about another category (domain below). Judged on missing words or on categories alone, it was right about
    half the time on drafts written apart from the rules, so it informs there rather than fails
    the run:
    words — more than `max-missing-share` of the title's key terms (jieba nouns, named dishes and
    products, English content words; 教程/技巧/干货 ignored) appear nowhere AND the content names a
    subject of its own (its intro "今天教大家做X", or a named dish/product/place; a subject must name
    something: "今天就分享到这里" is a sign-off); a promised named thing replaced by another (iPhone →
    华为) fires on its own; a promised place only by another place. A subject the content presents
    ("这是我家的小仓鼠", "meet my new puppy", "今天带大家看看我新买的汉服") counts when nothing the title names is
    in the content ("这就是我租的房子" under 豪宅 is the same thing).
    swap — a dish, animal, activity, product or venue the title names (concepts: word groups such as
    狗/狗狗/柯基/puppy in prelint/data/lexicons/match_concepts.toml) is absent while the content
    names another of the same kind: 狗狗洗澡 over a dog running on a lawn, 米其林法式大餐 over
    "3个技巧让米饭更香".
    domain — nothing the title names is there and the content's concepts belong to other content
    categories (西安必吃美食 over a hotel check-in, "iPad Air review" over a recipe, 挑西瓜 over "我家猫",
    钓鱼入门 over a lipstick swatch; a category is shown by one concept named clearly or by two words
    of its concepts together: "hiked up to the lake"), unless the title's category naturally covers
    them (travel → food; a side business or an income covers any trade, investing does not; a
    neighbouring category only with a bridge, something of the title's category in the content or of
    the content's in the title: a fitness title over diet food that says 减脂, not over a bread
    starter; a parenting title over a trip with the child) and unless the topic-category model
    (prelint/data/models/topic_category.json, naive Bayes trained by bench/train_topic_model.py on
    real Kuaishou titles and captions with the platform's categories) gives the title's category
    a probability of 0.3 or more on the content: only confident disagreement is flagged. It warns
    when everything the title names is a product and the model gives the title's category under 0.1
    on the content (a review of a phone says something of the phone: its name, its parts, its use).
    Synonyms and related words count (番茄 = 西红柿, 沐浴露 for 洗澡), English concept words in their
    regular forms (hiked, swimming, funds), and a long term counts when all its parts appear (法式鹅肝
    → 法式 + 鹅肝); a word that only modifies the head of a longer noun names nothing (面包车 is no
    bread, 鸡蛋 no chicken), the category a title counts ("6个景点") is no subject another sight could
    swap, and a place or thing the title names only by a prestige claim (人间仙境, 秘境) is hype-gap's to
    judge. The missing terms or concepts are the evidence.

    Why it matters: a title that promises 米其林 over a plate of 番茄炒蛋 is 文不对题 ("标题与内容严重
    不符", Douyin user agreement §4.3): viewers leave in the first seconds and the recommender learns
    the title lies.

    How to fix: name what the video actually shows; if the subject is there but never said or
    written, add a caption or subtitle that names it.

    Options: built-in named dishes/products and synonym groups are in checks/match/lexicon.toml,
    concepts in prelint/data/lexicons/match_concepts.toml; add your own names with
    `named-terms = ["螺蛳粉", "Model 3"]`.
    """
    title = _common.title_or_skip(ctx)
    content = _common.content_or_skip(ctx, ctx.options.min_content_chars)
    for mismatch in judge_topic(title, None, _common.judged_text(ctx, content)[0], max_missing_share=ctx.options.max_missing_share,
                                named_terms=tuple(ctx.options.named_terms)):
        yield _common.finding(ctx, mismatch)
