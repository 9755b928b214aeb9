"""absolute-terms (RISK002): claim shapes sellers write in many wordings (a rate as the top, a life
without limit, beating every rival, a promised outcome, 绝对 in a selling sentence, English place
superlatives), each beside an ordinary draft that must stay quiet; and the sentence a claim is judged
in (hashtags and mentions are no part of it, a space between Chinese clauses ends it)."""

from __future__ import annotations

import pytest

import prelint


def _claims(caption: str, title: str | None = None) -> list[str]:
    result = prelint.lint(title=title, caption=caption, platform="douyin", select=["RISK002"]).result("absolute-terms")
    assert all(f.code == "RISK002" for f in result.findings)
    return [f.evidence["text"] for f in result.findings]


@pytest.mark.parametrize("caption, claim, ordinary", [
    ("全区好评率第一的月嫂公司，电话预约", "好评率第一", "我们小区的垃圾分类率在全区排第三"),
    ("这款雨伞用五年都不坏，小黄车有链接", "五年都不坏", "这把伞用了五年，伞骨有点松了"),
    ("国货护肤，保湿力吊打一切进口大牌，直播间下单", "吊打一切进口大牌", "今天和朋友打球，被对面吊打了"),
    ("零基础吉他课，保证学会弹唱，报名看主页", "保证学会", "我保证下周更新第二集"),
    ("二手家具回收，全城回收价最高，上门估价", "全城回收价最高", "全城最高的楼在江边"),
    ("本店牛肉面，价格绝对实在，欢迎到店", "绝对", "这家店的牛肉面绝对好吃，我每周都去"),
    ("百分百不起球的羊毛衫，拍下包邮", "百分百", "这件羊毛衫洗了三次有点起球"),
    ("Freshest bagels in the city, order online for pickup", "Freshest bagels in the city", "Made bagels at home for the first time"),
    ("The comfiest hoodie you will ever own. Shop the link in bio", "comfiest hoodie you will ever own", "Wore my comfiest hoodie on the flight"),
    ("Handmade soap, absolutely no parabens. Shop is open", "absolutely no parabens", "I absolutely love making soap"),
    ("The softest hoodie on the planet. Shop link in bio", "The softest hoodie on the planet", "Happiest dog on the planet, just woke up"),
    ("Our joint chews are guaranteed to add years to his walks. Shop now", "guaranteed to add", "Our vet added years to his life, we are grateful"),
    # one sentence more of the same shapes, in Chinese: 永不 + a property of goods
    ("这款炒锅永不掉漆，直播间下单送锅铲", "永不掉漆", "我们的友谊永不褪色"),
])
def test_claim_shapes_are_found_and_an_ordinary_draft_stays_quiet(caption, claim, ordinary):
    found = _claims(caption)
    assert any(claim in text or text in claim for text in found), (caption, found)
    assert _claims(ordinary) == [], ordinary


def test_hashtags_and_mentions_are_no_part_of_the_claims_sentence():
    # #原相机 names a camera mode, #健身房日常 a topic: neither makes 最好的 a selling claim
    assert _claims("最好的药就是早睡 最好的医生就是自己 #原相机 #健身房日常") == []
    assert _claims("全网最全的拉伸教程，跟着做就行 #快手健身房") == []
    # the same words sell when the sentence itself is about goods
    assert _claims("最好的相机就是这款，小黄车有链接") == ["最好"]


def test_100_percent_composition_is_a_fact_not_a_claim():
    assert _claims("100%纯棉四件套开箱，洗了二十次的样子") == []


@pytest.mark.parametrize("caption, claim, ordinary", [
    ("这款充电宝是性价比之王，直播间下单", "性价比之王", "狮子是森林之王，纪录片推荐"),
    ("全国十大品牌之一的电动牙刷，小黄车有链接", "全国十大品牌", "全国十大名胜你去过几个"),
    ("This blender is world-class. Shop the link in bio", "world-class", "A world-class violinist played in our town"),
])
def test_terms_the_regulators_list_are_claims_only_where_something_is_sold(caption, claim, ordinary):
    found = _claims(caption)
    assert any(claim in text or text in claim for text in found), (caption, found)
    assert _claims(ordinary) == [], ordinary


def test_more_claims_and_a_shop_asked_about():
    assert _claims("Best price anywhere, guaranteed. Shop now")
    assert any("永远不会油" in t for t in _claims("用了这个洗发水，头发永远不会油，下单链接在评论区"))
    assert _claims("我永远不会忘记那天的夕阳") == []
    # a shop named in a question to the viewers sells nothing
    assert _claims("这是我心中最好吃的面，你们那边有什么宝藏小店？") == []


def _claim_spans(caption: str) -> list[tuple[int, int, str]]:
    result = prelint.lint(caption=caption, platform="douyin", select=["RISK002"]).result("absolute-terms")
    assert all(f.code == "RISK002" and f.field == "caption" for f in result.findings)
    return [(f.start, f.end, f.evidence["text"]) for f in result.findings]


@pytest.mark.parametrize("caption, span, ordinary", [
    # a taste superlative over a place, 最有效 selling a course, a deadline with a promised outcome
    ("全国最香的五常大米，直播间下单", (0, 4), "全国各地的大米我都尝过，还是家乡的好"),
    ("最有效的日语入门课程，报名看主页", (0, 3), "最有效的日语入门，就是每天听十分钟"),
    ("21天保证学会游泳，报名找客服", (0, 9), "我花了21天才学会游泳"),
    # English: a safety or a property promised without limit, a guaranteed result, the most … ever made
    ("Plant-based gummies, zero side effects. Shop the link in bio", (21, 38), "Started the new meds, zero side effects so far"),
    ("Totally unbreakable phone case, order today", (0, 19), "My old case was totally useless"),
    ("Stain remover guaranteed to remove any stain. Shop now", (14, 34), "It's guaranteed to rain tomorrow, bring a coat"),
    ("The most powerful vacuum ever made, link in bio", (0, 34), "The fastest runner ever made it to the final"),
])
def test_more_claim_shapes_are_found_with_their_span(caption, span, ordinary):
    found = _claim_spans(caption)
    assert (span[0], span[1], caption[span[0]:span[1]]) in found, (caption, found)
    assert _claim_spans(ordinary) == [], ordinary


def test_most_effective_method_as_advice_stays_no_claim_in_a_selling_draft():
    assert _claim_spans("最有效的方法是每天练，课程报名看主页") == []
    assert _claim_spans("哪种背单词的方法最有效？课程里有答案") == []
