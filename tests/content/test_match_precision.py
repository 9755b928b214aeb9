"""Title vs content stays quiet where a careful viewer would not feel cheated, and catches broken
figures without hype words: each case below is a kind of false alarm or miss met on cases written
apart from the rules."""

from __future__ import annotations

import pytest

from prelint.checks.match.claims import earnings_in_sentences, judge_draft, shared_figures


def fired(title: str, content: str, onscreen: str = "", duration_s: float | None = None) -> dict[str, str]:
    return {name: found[0].level for name, found in judge_draft(title, duration_s, content, onscreen).items() if found}


@pytest.mark.parametrize("title, content", [
    ("3 quick fixes for a slow laptop", "First off, disable startup apps you don't need. Also, clear out your temp files. "
     "And lastly, check if you're low on disk space."),
    ("5个手机拍照小技巧", "首先把网格线打开。然后对焦的时候长按锁定曝光。再就是多用人像模式。还有，逆光的时候把曝光往下拉。最后，别用数码变焦。"),
])
def test_sequence_words_over_as_many_sentences_as_promised_are_no_shortfall(title: str, content: str) -> None:
    assert "count-claim" not in fired(title, content)


def test_sequence_words_over_fewer_sentences_than_promised_are_a_shortfall() -> None:
    assert fired("5个手机拍照小技巧", "首先把网格线打开。然后长按锁定曝光。最后别用数码变焦。")["count-claim"] == "warn"


@pytest.mark.parametrize("title, content", [
    ("月薪三万是什么体验？", "我在深圳做芯片验证，税前三万二。这是我的工资条，打了码。"),
    ("和闺蜜两个人吃了八百块的火锅", "结账八百二，主要是点了两份和牛，还有一份鹅肝。"),
    ("人均50吃到扶墙出的自助烤肉", "这家自助一位四十九块九，牛肉、五花、鸡翅都能随便拿。"),
])
def test_a_figure_the_title_and_content_share_ties_the_content_to_the_title(title: str, content: str) -> None:
    assert shared_figures(title, content)
    assert "topic-mismatch" not in fired(title, content)


def test_a_shared_small_count_is_no_tie() -> None:
    assert shared_figures("3个技巧学会Python", "今天做3道菜") == []


def test_a_recipe_or_brine_handed_down_for_years_is_not_the_task_time() -> None:
    assert "duration-claim" not in fired("20分钟搞定一锅卤味", "这个卤水我家传了三十多年。每次先把老卤烧开，肉下锅卤二十分钟关火。")


def test_the_claim_restated_verb_first_is_the_claim_kept() -> None:
    content = "鸡腿用酱油和料酒抓匀腌上，放冰箱冷藏一晚。明早直接进烤箱就行，今晚备菜十分钟就够了。"
    assert "duration-claim" not in fired("10分钟备好明天的便当", content)


def test_earnings_with_their_period_in_one_sentence() -> None:
    (found,) = earnings_in_sentences("下班去跑外卖，一晚上跑四个小时，差不多能挣一百二左右。")
    assert (found.high, found.per) == (120.0, "day")
    assert fired("年入百万的副业，普通人也能做", "下班去跑外卖，一晚上跑四个小时，差不多能挣一百二左右。")["hype-gap"] == "warn"


def test_a_count_the_content_falls_ten_times_short_of_is_a_broken_promise_without_hype_words() -> None:
    assert fired("百万粉丝博主的真实一天", "目前账号三百多个粉丝哈。今天早上七点起来先剪了条视频。")["hype-gap"] == "warn"
    assert "hype-gap" not in fired("百万粉丝博主的真实一天", "目前账号一百二十万粉丝，今天早上七点起来先剪了条视频。")


@pytest.mark.parametrize("title, content, expected", [
    ("一夜暴富！！感谢老天爷", "刮刮乐中了二十块，开心了一晚上。", "warn"),
    ("私人飞机初体验", "其实是公园的儿童飞机，五块钱坐一圈", "warn"),
    ("出租屋改造 花三千块住出豪宅感", "墙纸二十块一卷，灯是五十块的，窗帘也才八十。", None),
])
def test_wealth_promised_over_pocket_money(title: str, content: str, expected: str | None) -> None:
    assert fired(title, content).get("hype-gap") == expected


@pytest.mark.parametrize("title, content", [
    ("5 books that changed how I think about money", "First up, Psychology of Money. Second, I Will Teach You to Be Rich. "
     "The third is Die With Zero. Fourth, The Simple Path to Wealth. And the last one, Your Money or Your Life."),
    ("Four ways to tie a scarf this winter", "This one's the classic loop, fold it in half. Next, the simple knot. "
     "Then the braided one. And finally, just drape and wrap."),
])
def test_the_last_one_and_an_unmarked_first_item_count(title: str, content: str) -> None:
    assert "count-claim" not in fired(title, content)


@pytest.mark.parametrize("title, content, found", [
    ("5个让小房间变大的收纳技巧", "第一，床底用收纳箱。第二，门后挂洞洞板。第三，衣柜里加分层架。就这些，下期见。", 3),
    ("7个Excel神技，让你提前下班", "一是Ctrl加E快速填充。二是Ctrl加T转成超级表。三是用XLOOKUP。四是数据透视表。", 4),
    ("理财小白最容易踩的4个坑", "一个是把所有钱都放进一只股票。另一个是看到别人赚钱就追高买进。", 2),
])
def test_longer_count_claims_and_one_other_lists(title: str, content: str, found: int) -> None:
    (mismatch,) = judge_draft(title, None, content)["count-claim"]
    assert mismatch.evidence["found"] == found


def test_a_meal_or_look_made_in_n_minutes_is_a_claim_and_a_part_alone_longer_breaks_it() -> None:
    assert fired("10分钟快速出门妆，手残也能学", "光遮瑕就弄了一刻钟，黑眼圈太重了。然后扫个腮红涂个口红。")["duration-claim"] == "warn"


def test_the_whole_day_in_english_and_time_so_far() -> None:
    assert fired("Sunday reset in one hour", "This took me basically the whole day. Laundry, sheets, the fridge.")["duration-claim"] == "warn"
    assert fired("一个月瘦了20斤，我的饮食分享", "这是我从过年到现在五个多月的变化，一共掉了二十斤。")["duration-claim"] == "warn"


def test_a_product_named_in_title_case_is_no_time_promise() -> None:
    assert "duration-claim" not in fired("The Five Minute Journal — honest review after 3 months",
                                         "I've been using this every morning for about three months now. It takes me two minutes.")


def test_a_home_banquet_is_a_kind_of_meal_not_a_missing_subject() -> None:
    assert "topic-mismatch" not in fired("半小时搞定一桌家宴", "今天四个菜一个汤。排骨蒸上，同时炒青菜和番茄炒蛋，凉拌黄瓜最后拍。从开始备菜到全部上桌，三十一分钟。")
