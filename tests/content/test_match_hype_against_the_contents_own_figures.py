"""hype-gap at warn when the content's own figures or words break the title's promise: a loss or a
doubling against the before and after the content states, a wage stated beside the job, an
earning of the day or of last month, sold out against leftovers, fame against a quiet shop, a
chef against someone who never worked in a kitchen. Each beside a draft whose content bears the
title out."""

from __future__ import annotations

import pytest

from prelint.checks.match.claims import judge_hype


def hype_levels(title: str, content: str) -> list[str]:
    return [m.level or "info" for m in judge_hype(title, None, content)]


@pytest.mark.parametrize("title,content", [
    ("吃了瘦20斤的减脂餐", "这个我吃了一个多月，体重从一百二掉到一百一十七，主要还是控制总量。"),
    ("I lost 30 pounds with this one habit", "I went from 182 pounds to 176 over two months, which honestly I'm happy with."),
    ("亩产翻倍的种植秘诀", "用了这个肥之后，我这块地去年一亩收了九百斤玉米，今年一千斤出头。"),
    ("This trick doubled my car's fuel economy", "After inflating the tires I went from 8.1 to 7.6 litres per hundred kilometres."),
    ("月薪三万的程序员的一天", "我是实习生，一个月四千五，今天主要在改bug和开会，晚上七点下班。"),
    ("日入过万的摆摊项目", "今天出摊卖了三十几杯柠檬水，扣掉成本，净赚一百出头。周末人会多一点。"),
    ("月入三万的副业，普通人也能做", "上个月接了两单，一共挣了四百多块。主要是帮人做PPT，一单两百左右。"),
    ("爆款！一晚卖空的夜市小吃", "今天出摊五个小时，卖了二十来份，剩下的只能自己带回家吃了。"),
    ("一夜爆火的宝藏小店", "老板说开了六年了，平时客人就附近几个老街坊，这条是我第一次给他拍视频。"),
    ("米其林大厨教你做牛排", "我在家做饭七八年了，没进过餐厅后厨，这个方法是看视频自己琢磨出来的。"),
    ("国宴级红烧肉", "这是我们家楼下食堂阿姨的做法，就是普通家常的味道，大家别期待太高啊。"),
])
def test_the_contents_own_figures_or_words_break_the_promise(title: str, content: str) -> None:
    assert hype_levels(title, content) == ["warn"]


@pytest.mark.parametrize("title,content", [
    ("吃了瘦20斤的减脂餐", "坚持了半年，体重从一百四掉到一百一十八，衣服都小了两个号。"),
    ("亩产翻倍的种植秘诀", "去年一亩收了五百斤，今年一千一百斤，邻居都来问用的什么肥。"),
    ("This trick doubled my car's fuel economy", "It went from 20 to 41 miles per gallon once I fixed the sensor."),
    ("月入三万的副业", "上个月接了十几单，一共挣了三万二，主要是帮企业做PPT。"),
    ("一晚卖空的夜市小吃", "今天出摊两个小时，两百份全卖完了，后面来的只能明天再来。"),
])
def test_content_that_bears_the_promise_out_is_not_escalated(title: str, content: str) -> None:
    assert "warn" not in hype_levels(title, content)
