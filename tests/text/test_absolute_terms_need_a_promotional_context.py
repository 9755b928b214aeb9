"""absolute-terms (RISK002): Advertising Law art. 9 governs advertising, so a superlative is a claim only
where something is sold or promoted: a selling claim (a price, a guarantee, sales, a product's quality or
effect) or a promotional context in the draft (a product, a price, a shop, a service, 带货, 下单, 链接,
小黄车, 直播间, a seller's tag). Fan tags, news, places, tag names, credits, advice and the creator's own
experience are not claims. The numbered captions are real ones (KuaiRec video ids)."""

from __future__ import annotations

import pytest

import prelint


def _claims(caption: str, title: str | None = None) -> list[str]:
    result = prelint.lint(title=title, caption=caption, platform="kuaishou", select=["RISK002"]).result("absolute-terms")
    return [f.evidence["text"] for f in result.findings]


@pytest.mark.parametrize("title, caption", [
    (None, "鞠着最深的躬。背着最黑的锅。 - 最近喜欢纯音乐a。  #鞠婧祎  #全世界最好的鞠婧祎  #夏酒酒"),  # 7364
    (None, "俄媒：全球首个新冠疫苗将于下周在俄罗斯注册！"),  # 8988
    (None, "泰国同性婚姻合法化草案通过：成为亚洲第一个同性婚姻合法化国家。"),  # 5440
    ("全世界最大的苗寨在这里", "懂你的人才知道心疼你的过去"),  # 5848
    ("只有更强   的变身", "背影的故事再继续 #2020消防年度盘点  @快手小助手(O40300112) #最强变身术 #追梦火焰蓝"),  # 4088
    ("最🔥同步🏀", "像保护篮板一样去保护你的女孩子❤️ 最佳搭档：@王铭杰吖🏀(O94747624) 24 最佳摄影师：@aka浩子🏀(O1639902693)"),  # 4294
    (None, "我唯一的愿望就是家人平安"),
    (None, "腌咸菜最好用粗盐，不容易坏"),
    (None, "这是我做过最好吃的蛋糕，配方在视频里"),
    (None, "能听懂这首歌都人都是有故事的人吧. @万能的灿哥哥.@万能的啊东呀#作品推广"),
    (None, "万能烧烤蘸料教程，可以蘸食各种肉类，教程不易，记得双击"),
])
def test_superlatives_outside_advertising_are_not_claims(title, caption):
    assert _claims(caption, title) == []


@pytest.mark.parametrize("caption, expected", [
    ("#感谢官方大大给的每一次热门 #全网最低价质量保证包邮到家 #韩国东大门新款 #她家衣服真好看", ["全网最低价"]),  # 5086
    ("#美衣搭配 #我家衣服最美 #紫色系 #日常穿搭分享  家人们马上直播", ["我家衣服最美"]),  # 398
    ("这款外套做工绝对一流，直播间下单立减", ["做工绝对一流"]),
    ("纯棉T恤100%不掉色，29.9元两件", ["100%"]),
    ("这款面霜保湿效果最显著，链接在小黄车", ["保湿效果最显著"]),
    ("我们的投放方案转化率第一，欢迎咨询合作", ["转化率第一"]),
    ("全网最火的网红零食，下单就发货", ["全网最火"]),
    ("老字号只此一家，别无分店，到店报暗号打折", ["只此一家", "别无分店"]),
    ("The best serum on the market, results guaranteed. Use code GLOW10", ["The best serum on the market", "results guaranteed"]),
    ("这是我吃过最好吃的螺蛳粉，店家在柳州本地口碑第一，同城可以直接到店吃", ["本地口碑第一"]),
])
def test_selling_claims_and_claims_in_promotion_are_found_and_quoted(caption, expected):
    assert _claims(caption) == expected
    finding = prelint.lint(caption=caption, select=["RISK002"]).result("absolute-terms").findings[0]
    assert f"「{expected[0]}」" in finding.message and finding.evidence["promotional"]


def test_a_superlative_in_a_fan_tag_stays_quiet_even_next_to_a_product_word():
    assert _claims("耳机应该很受伤 #全世界最好的你") == []


def _claim_spans(caption: str, title: str | None = None) -> list[tuple[str, int, int, str]]:
    result = prelint.lint(title=title, caption=caption, platform="kuaishou", select=["RISK002"]).result("absolute-terms")
    return [(f.field, f.start, f.end, f.evidence["text"]) for f in result.findings]


def test_a_superlative_about_the_creators_own_haul_is_a_review_but_a_sellers_promise_is_a_claim():
    caption = "到手价129，原价299，用了一周还不错"
    assert _claim_spans(caption, "618蹲到的最便宜的吹风机") == []  # what the creator snagged
    assert _claim_spans(caption, "这是全网能买到的最便宜的吹风机") == [("title", 8, 11, "最便宜")]  # what anyone can buy
    assert _claim_spans("现在入手的最低价只要99，链接在小黄车") == [("caption", 5, 8, "最低价")]  # what the seller offers now


def test_a_property_promised_forever_is_a_claim_where_goods_are_sold_but_not_as_a_figure_of_speech():
    assert _claim_spans("这款雨伞骨架永不生锈，直播间下单送伞套") == [("caption", 6, 10, "永不生锈")]
    assert _claim_spans("我们小店十年了，青春永不褪色的回忆") == []


def test_a_number_to_order_on_makes_the_caption_sell():
    assert _claim_spans("自家果园的顶级脐橙，全城独一家。订购电话：0797-8123 4567") == [
        ("caption", 5, 7, "顶级"), ("caption", 10, 15, "全城独一家")]
    assert _claim_spans("自家果园的顶级脐橙，全城独一家。给我打了三次电话才找到路") == []  # a phone call, no order
