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
    """What it checks: a hyped title over content that does not back it. Hype is 震惊, 全网最, 天花板,
    绝了!!, "you won't believe", and prestige claims (千万豪宅, 月入十万, millionaire, 人间仙境, 大厨级,
    五星级酒店同款, 和牛, 豪车/supercar, 奢华/豪华, 天价, 奢侈品, 全网爆火, 学霸, 巨无霸, 八块腹肌, 神效).
    A big sum in the title is a prestige claim of its own (百万装修, "a $2 million wedding"; not a
    count: 10万粉丝), and the content's own figures at half of it or more back it. The finding is a
    warn when the content states modest facts that contradict the claim (千万豪宅
    over "租的小房子 拼多多几十块", 人间仙境 over "家附近的公园散步", 大厨级刀工 over "我刀工不好 别笑",
    五星级酒店同款早餐 over "泡面加个蛋", 豪车 over "二手 开了十几年", 奢华度假 over "就在家附近", 名表 over
    "高仿", 米其林大厨 over "我不是厨师", 学霸 over "考了个二本", 巨无霸 over "也就巴掌大", 八块腹肌 over "还是有小肚子", 神级操作 over
    "这把输了"), a price it paid far below the claim (和牛 over "小摊 10块钱3串", 豪车 over "花了两万多"),
    a wage far below an income claim that names no figure (millionaire over "$12 an hour", 暴富 over
    "时薪十五"), when the content's own figures fall far short of the title's (月入十万 over "一天下来能挣
    个三四百", 月薪三万 over "一个月工资三千五": income read as a period, a few words and an earning verb,
    compared per day, and so is money earned over a span: 3天赚了10万 or "$10k in my first week" over
    "eight months in, about $600 in sales", "six figures" over "last year the shop brought in $4,200";
    a price or size in the title against the whole the content says it cost or
    measured: 十万块的豪华婚礼 over "一共才花了八千", 三百平大平层 over "整套才六十平", a part's price or a
    room's size being no whole; "百万粉丝" over "两千粉丝"; a luxury home over a floor area of 40 m² or
    less given as the whole place: "about 300 square feet … that's the whole place"; a view room over
    a view the content says was blocked), or when it calls itself ordinary (很普通, 凑合), gives a
    lukewarm verdict as a clause of its own ("Honestly, it's okay.", 说实话，还行吧) or says what it
    shows is all there is ("that's all I use") with nothing special in it. It stays info when the
    content merely shows nothing special: no secret, test, comparison, professional or surprise (秘诀,
    实测, 对比, 大厨, 没想到…) anywhere in the subtitles or on-screen text. A title that plays its own
    claim down (出租屋改造出豪宅感) is not judged on it.

    Why it matters: WeChat and Douyin notices target 震惊-style titles; a viewer lured by 天花板 who
    gets an ordinary recipe leaves a dislike, not a like.

    How to fix: tone the title down to what the video delivers, or put the payoff (the secret, the
    result, the comparison) in the video and say it.

    Options: built-in hype, support and prestige/modest terms, price and wage thresholds are in
    checks/match/lexicon.toml ([hype], [[hype.facet]]); add yours with `hype-terms` and `support-terms`. The level is info;
    escalated findings are warn.
    """
    title = _common.title_or_skip(ctx)
    content = _common.content_or_skip(ctx, ctx.options.min_content_chars)
    for mismatch in judge_hype(title, None, _common.judged_text(ctx, content)[0], min_title_hype=ctx.options.min_title_hype,
                               hype_terms=tuple(ctx.options.hype_terms), support_terms=tuple(ctx.options.support_terms)):
        yield _common.finding(ctx, mismatch)
