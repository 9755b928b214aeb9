"""MATCH rules read times, lists, subjects and prestige by their structure rather than by phrases:
a duration is a number, a unit and modifiers; a clock time an hour with what pins it to the day;
a routine's amount is not what a task took, nor is a career; each case in new wording beside an
ordinary draft that must stay quiet at warn level."""

from __future__ import annotations

import pytest

from prelint.checks.match.claims import content_effort_times, count_enumerated, find_duration_claims, judge_draft
from prelint.checks.match.quantities import find_clock_times, find_durations, find_money, parse_amount


def fired(title: str, content: str, onscreen: str = "", duration_s: float | None = None) -> dict[str, str]:
    """rule name -> level of what the MATCH rules find, judged as a draft is."""
    return {name: found[0].level for name, found in judge_draft(title, duration_s, content, onscreen).items() if found}


# --------------------------------------------------------------------------- numbers and durations as a grammar

@pytest.mark.parametrize("text,low,high", [
    ("三四百", 300, 400), ("十七八", 17, 18), ("一两", 1, 2), ("四五十", 40, 50), ("两三", 2, 3),
])
def test_neighbouring_digits_are_a_range(text: str, low: float, high: float) -> None:
    assert parse_amount(text) == (low, high)


@pytest.mark.parametrize("text,low_h,high_h", [
    ("十来分钟", 8 / 60, 13 / 60),          # 来: about
    ("一个来小时", 0.8, 1.3),
    ("个把小时", 1.0, 1.5),                 # 个把: about one
    ("两个多钟", 2.0, 3.0),                 # 个钟: spoken for an hour
    ("数小时", 2.0, 9.0),
    ("七八个月", 7 * 720, 8 * 720),
    ("an hour or two", 1.0, 2.0),
    ("a couple hours", 2.0, 2.0),
    ("1.5h", 1.5, 1.5),
    ("two or three days", 48, 72),
])
def test_durations_are_number_unit_and_modifiers(text: str, low_h: float, high_h: float) -> None:
    [d] = find_durations(text)
    assert (d.low_s / 3600, d.high_s / 3600) == pytest.approx((low_h, high_h))


def test_no_duration_where_there_is_no_span() -> None:
    assert find_durations("七八月份最热") == []      # months of the year
    assert find_durations("几点钟出发") == []         # a clock question
    assert [d.text for d in find_durations("we waited for hours")] == ["hours"]  # no number: at least two


def test_a_claim_with_an_english_unit_in_a_chinese_title() -> None:
    [claim] = find_duration_claims("20min搞定一周便当")
    assert claim.seconds == 1200 and claim.kind == "task"


@pytest.mark.parametrize("text,minutes,pinned", [
    ("we set off at 7 in the morning", 7 * 60, True),
    ("back home by eleven at night", 23 * 60, True),
    ("half past six in the evening", 18 * 60 + 30, True),
    ("quarter to 4 in the afternoon", 15 * 60 + 45, True),
    ("around ten o'clock", 10 * 60, False),
])
def test_english_clock_times_as_a_grammar(text: str, minutes: float, pinned: bool) -> None:
    [point] = find_clock_times(text)
    assert point.low == minutes and point.pinned is pinned


def test_clock_words_that_are_no_time() -> None:
    assert find_clock_times("I bought two bags and one of them broke") == []
    assert find_clock_times("someone in the morning crowd") == []


def test_a_span_told_by_english_clock_words_contradicts_a_task_claim() -> None:
    content = ("We started on the garden at 8 in the morning, pulled every weed and planted the bulbs. "
               "By the time we hosed the path it was past four in the afternoon.")
    [m] = judge_draft("Whole garden makeover in 30 minutes", 90.0, content)["duration-claim"]
    assert m.level == "warn" and m.evidence["described_s"] == pytest.approx(8 * 3600)
    # the same clock words with a fitting span stay quiet
    assert fired("Whole garden makeover in one day", content, duration_s=90.0) == {}


# --------------------------------------------------------------------------- what a time belongs to

def test_a_routine_amount_is_not_the_task_but_its_length_is() -> None:
    # 每天二十分钟: the routine's amount; 坚持了两个月: how long the routine went on
    [effort] = content_effort_times("每天二十分钟，我坚持了两个多月才看到效果")
    assert effort.seconds == pytest.approx(60 * 86400)
    assert content_effort_times("每天二十分钟就够了") == []
    [effort] = content_effort_times("I stretched every morning for six weeks")
    assert effort.seconds == pytest.approx(6 * 7 * 86400)
    assert content_effort_times("Stretch for ten minutes every morning") == []


@pytest.mark.parametrize("content", [
    "我做了八年面点师，今天教大家一个快手花卷，发面用温水，揉好直接蒸。",
    "我当了十年幼儿园老师，这个手工特别适合带孩子做。",
    "我们家这个面馆开了二十年，今天分享一下我们的快手拌面。",
    "I've been a pastry chef for twelve years and this is my fastest tart.",
    "Fifteen years of experience went into this quick sauce.",
])
def test_a_career_or_a_shops_age_is_not_what_the_task_took(content: str) -> None:
    assert content_effort_times(content) == []
    assert fired("10分钟搞定早餐" if "。" in content else "Dessert in 10 minutes", content) == {}


def test_the_creators_own_practice_contradicts_a_quick_learn_promise() -> None:
    [m] = judge_draft("Learn to moonwalk in 3 minutes", 60.0,
                      "Honestly I've been practicing this in my kitchen every night for two months and it still looks rough.")["duration-claim"]
    assert m.level == "warn" and m.evidence["described_s"] == pytest.approx(60 * 86400)
    [m] = judge_draft("5分钟学会转笔", 60.0, "这个动作我自己练了整整一个学期，手指都磨出茧了")["duration-claim"]
    assert m.level == "warn"


def test_practice_offered_as_advice_or_as_what_the_viewer_is_spared_is_quiet() -> None:
    # advice to the viewer, not what it took the creator
    assert fired("Learn to moonwalk in 3 minutes", "Slide your left foot back, lift the heel, switch. Practice every day for a week.", duration_s=60.0) == {}
    # the creator condensed months of practice for the viewer
    assert fired("Learn to moonwalk in 3 minutes",
                 "I spent two months practicing so you don't have to: slide, lift the heel, switch.", duration_s=60.0) == {}
    # the viewer's minutes within the video's length, no practice told
    assert fired("5分钟学会转笔", "拇指和中指夹住笔，食指一推，让笔绕着拇指转一圈", duration_s=120.0) == {}


# --------------------------------------------------------------------------- lists read by their structure

def test_sequence_words_count_things_once_an_ordinal_opened_the_list() -> None:
    snacks = ("First, tteokbokki from the market. Then hotteok, still hot. After that, fish cakes on a stick. "
              "Finally, a bowl of bingsu.")
    [m] = judge_draft("8 snacks to try in Seoul", None, snacks)["count-claim"]
    assert m.level == "warn" and m.evidence["found"] == 4
    assert fired("4 snacks to try in Seoul", snacks) == {}
    shops = "第一家是回民街的肉夹馍。然后去了一家泡馍馆，接着吃了凉皮。最后在钟楼边上喝了碗醪糟。"
    [m] = judge_draft("西安必吃的8家店", None, shops)["count-claim"]
    assert m.evidence["found"] == 4
    assert fired("西安必吃的4家店", shops) == {}
    # a recipe's steps with no ordinal before them are no list of dishes
    assert fired("5 dishes for a dinner party", "Dice the onion, then fry it until soft, then add the rice and stock. Finally stir in the cheese.") == {}


def test_a_stated_limit_is_a_limiter_a_verb_and_a_count() -> None:
    [m] = judge_draft("4个瘦腿动作", None, "今天只教这一个动作，靠墙静蹲，膝盖不要超过脚尖，每组一分钟。")["count-claim"]
    assert m.evidence["stated"] == 1
    # a verb of need counts what the task uses, not what the video covers
    assert fired("3个早餐做法", "只要两个鸡蛋、一点面粉，搅匀了摊成饼，第一种做法就完成了。第二种，把饼卷上生菜。第三种，夹上火腿。") == {}


def test_an_admission_that_the_rest_is_left_out() -> None:
    gear = "帐篷一定要防雨。睡袋选厚一点的。别的看个人需求吧。"
    [m] = judge_draft("必备的7样露营装备", None, gear)["count-claim"]
    assert m.level == "warn" and m.evidence["admitted_at_most"] == 2
    assert fired("必备的2样露营装备", gear) == {}
    [m] = judge_draft("6 things every new cat owner needs", None,
                      "A big litter box, trust me. A scratching post or two. The rest is up to you, honestly.")["count-claim"]
    assert m.level == "warn"


def test_a_list_written_after_a_header() -> None:
    [m] = judge_draft("8个周末遛娃好去处", None, "走咯～", "遛娃推荐：科技馆、植物园、湿地公园")["count-claim"]
    assert m.evidence["found"] == 3
    # examples only, or a header that names something else (ingredients), are not the promised list
    assert fired("8个周末遛娃好去处", "走咯～", "比如：科技馆、植物园、湿地公园") == {}
    assert fired("5个松饼技巧", "材料：面粉、鸡蛋、牛奶。面糊要静置十分钟，小火慢煎，看到气泡再翻面。") == {}


def test_sentences_that_open_with_the_same_verb_are_items() -> None:
    assert fired("6个护眼习惯", "少看手机。少熬夜。") == {"count-claim": "warn"}
    assert fired("2个护眼习惯", "少看手机。少熬夜。") == {}
    assert fired("3 habits for better sleep", "Keep the room cold. Keep your phone outside.") == {"count-claim": "warn"}
    assert fired("2 habits for better sleep", "Keep the room cold. Keep your phone outside.") == {}


def test_ordinals_in_more_scripts() -> None:
    from prelint.checks.match.claims import count_enumerated

    assert count_enumerated("1st: the phone. 2nd: the charger.").items == 2
    assert count_enumerated("Ⅰ 选材 Ⅱ 处理 Ⅲ 装盘").items == 3


def test_kinds_and_sorts_are_lists_whatever_the_noun() -> None:
    from prelint.checks.match.claims import find_count_claims

    assert [c.count for c in find_count_claims("搬家必买的5样小东西")] == [5]
    assert [c.count for c in find_count_claims("这3类人不适合养猫")] == [3]


# --------------------------------------------------------------------------- prestige against the content's own magnitudes

def test_income_phrases_as_a_grammar() -> None:
    from prelint.checks.match.quantities import find_money

    [a] = find_money("我开网约车，一天跑下来能挣个两三百")
    assert (a.low, a.high, a.per) == (200, 300, "day")
    [a] = find_money("I clear a few hundred bucks a week")
    assert (a.low, a.high, a.per) == (200, 500, "week")


def test_an_income_claim_over_a_stated_daily_income() -> None:
    [m] = judge_draft("年入百万的网约车司机", None, "我开网约车，一天跑下来能挣个两三百，刨掉油钱也就一百多。")["hype-gap"]
    assert m.level == "warn"
    # the content's own figure backs the claim
    assert "warn" not in fired("月入两万的网约车司机", "我开网约车，一天跑下来能挣个七八百，一个月跑二十五天。").values()


def test_a_figure_in_the_title_against_the_whole_the_content_says_it_cost() -> None:
    [m] = judge_draft("十万块的豪华婚礼", None, "婚礼布置得很温馨，一共才花了八千块，场地是朋友家的院子，气球是自己吹的。")["hype-gap"]
    assert m.level == "warn" and m.evidence["magnitude_gaps"][0]["content_value"] == 8000
    [m] = judge_draft("A $2 million luxury wedding", None, "All in it was about $9,000. We did the flowers ourselves and my uncle cooked.")["hype-gap"]
    assert m.level == "warn"
    # the whole close to the claim, or a part's price, is no contradiction
    assert "warn" not in fired("十万块的豪华婚礼", "婚礼在酒店宴会厅，一共花了九万多，灯光和花艺都请了专业团队。").values()
    assert "warn" not in fired("十万块的豪华婚礼", "婚礼在酒店宴会厅，气球花了八百块，灯光和花艺都请了专业团队。").values()


def test_a_size_in_the_title_against_the_whole_the_content_measures() -> None:
    assert fired("三百平豪华大平层", "这是我们家，整套才六十平，客厅兼餐厅，两个小卧室。") == {"hype-gap": "warn"}
    # one room's size is a part of the whole
    assert "warn" not in fired("三百平豪华大平层", "这是我们家，主卧有三十平，客厅特别大，一共五个卧室。").values()


# --------------------------------------------------------------------------- subjects, in and outside the concept lexicon

def test_a_sign_off_names_no_subject() -> None:
    # "今天就分享到这里" is how a video ends, not what it is about
    found = judge_draft("5个让面包更松软的技巧", None, "第一，面团要揉出手套膜。第二，发酵温度别太高。好了，今天就分享到这里，我们下次见。")
    assert found["topic-mismatch"] == [] and found["count-claim"][0].level == "warn"


def test_english_concept_words_in_their_regular_forms() -> None:
    from prelint.checks.match.concepts import find_concepts

    assert {"scenic-spot", "swimming"} <= set(find_concepts("We hiked up to the lake and went swimming"))
    assert fired("A beginner's guide to index funds", "We hiked along the ridge, then camped by the lake and went fishing at dawn.") == {
        "topic-mismatch": "info"}
    assert fired("A beginner's guide to index funds",
                 "An index fund buys every stock in the index, so fees stay low and you never have to pick winners.") == {}


def test_only_a_side_business_title_is_open_to_any_trade() -> None:
    # investing is a subject of its own; a side business can be any trade
    assert fired("基金定投入门", "周末和朋友去爬山，山顶的云海太美了，下山后在湖边露营，晚上看星星。") == {"topic-mismatch": "info"}
    assert "topic-mismatch" not in fired("摆摊月入过万", "我在夜市卖烤冷面，一晚上能卖两百多份，旺季的时候一天流水三千多。")


def test_a_presented_subject_decides_titles_outside_the_concept_lexicon() -> None:
    # none of the title's words or concepts, a subject announced: the surest kind, it warns
    assert fired("How to unclog a kitchen sink", "Meet my new puppy Biscuit! He's eight weeks old and already chewed my slippers.") == {
        "topic-mismatch": "warn"}
    assert fired("How to unclog a kitchen sink", "Pour hot water down first, then put the plunger over the drain and pump it ten times.") == {}
    assert fired("如何修理漏水的水龙头", "这是我家的小仓鼠，叫团子，最爱啃瓜子，晚上在笼子里跑轮子。") == {"topic-mismatch": "warn"}
    assert fired("如何修理漏水的水龙头", "这是我家的水龙头，漏了好几天了，先关掉总阀再拆。") == {}
    # "这是我第一次…" presents nothing
    assert fired("致敬最可爱的消防员", "这是我第一次这么近地看他们训练，真的太辛苦了") == {}


def test_a_title_the_concepts_know_is_left_to_them() -> None:
    # 豪宅 is a home: a rented flat presented under it is the hype's business, not another subject
    found = judge_draft("千万豪宅的装修细节", None, "这是我租的一室一厅，家具都是拼多多上买的，几十块钱一个，小房子也能住得舒服")
    assert found["topic-mismatch"] == [] and found["hype-gap"][0].level == "warn"


# --------------------------------------------------------------------------- more structure: bare clock hours, summed lists, compounds

def test_a_bare_hour_is_a_time_where_the_text_says_so() -> None:
    assert [p.text for p in find_clock_times("忙到最后已经快九点了")] == ["九点"]
    assert [p.text for p in find_clock_times("下午两点开始")] == ["下午两点"]
    assert find_clock_times("我有两点要说，一点点就够") == []
    [m] = judge_draft("半小时收拾完整个家", 60.0, "下午一点开始收拾，厨房、卫生间、阳台一个个弄，弄完已经快六点了。")["duration-claim"]
    assert m.evidence["described_s"] == pytest.approx(5 * 3600)


def test_an_admission_that_the_rest_comes_later() -> None:
    [m] = judge_draft("装修必买的9样好物", None, "智能马桶盖一定要装，洗碗机也值得，其他的住进去以后再买也不迟。")["count-claim"]
    assert m.level == "warn"


def test_a_bare_list_counts_things_when_it_is_summed_up() -> None:
    [m] = judge_draft("冬天必吃的7种水果", None, "橙子、柚子、冬枣，这几样一定要吃。")["count-claim"]
    assert m.evidence["found"] == 3
    assert fired("冬天必吃的3种水果", "橙子、柚子、冬枣，这几样一定要吃。") == {}
    # what one item is made of, not summed up, is no list of the items
    assert fired("西安必吃的5家店", "老米家的泡馍，我点了肉夹馍、凉皮、冰峰，味道很正。") == {}


def test_lines_that_open_with_the_same_word() -> None:
    assert fired("8个Word快捷键", "", "Ctrl+B 加粗\nCtrl+I 斜体\nCtrl+U 下划线") == {"count-claim": "warn"}
    assert fired("3个Word快捷键", "", "Ctrl+B 加粗\nCtrl+I 斜体\nCtrl+U 下划线") == {}


def test_the_category_a_title_counts_is_no_promised_subject_of_its_own() -> None:
    # "6个景点" promises some sights: parks and palaces are instances, not a swap
    found = judge_draft("北京必去的6个景点", None, "第一站故宫，接着去了景山公园，最后去了北海。")
    assert found["topic-mismatch"] == [] and found["count-claim"][0].evidence["found"] == 3


def test_a_word_that_only_modifies_a_longer_nouns_head_names_nothing() -> None:
    from prelint.checks.match.concepts import find_concepts

    assert "baking" not in find_concepts("二手的面包车，拉货够用", require_min_hits=False)
    assert "chicken" not in find_concepts("早餐吃了鸡蛋和牛奶", require_min_hits=False)
    # cuts and forms of a food, places and plurals keep it
    assert "chicken" in find_concepts("鸡腿肉切丁", require_min_hits=False)
    assert "cooking" in find_concepts("锅里放油", require_min_hits=False)
    assert "topic-mismatch" not in fired("百万豪车提车", "二手的面包车，花了一万八，拉货够用了。")


def test_a_stated_total_with_no_noun_after_it() -> None:
    [m] = judge_draft("6 apps I use every day", None,
                      "Notion for notes. Todoist for tasks. Those are the two I actually open every day.")["count-claim"]
    assert m.evidence["found"] == 2
    assert fired("2 apps I use every day", "Notion for notes. Todoist for tasks. Those are the two I actually open every day.") == {}


def test_an_end_cue_after_what_closed_the_day() -> None:
    [m] = judge_draft("3小时逛完欢乐谷", 90.0, "上午十点进园，玩了过山车和跳楼机，看完晚上七点的花车巡游才出来。")["duration-claim"]
    assert m.evidence["described_s"] == pytest.approx(9 * 3600)


def test_a_number_and_a_singular_unit_before_a_noun_is_a_claim() -> None:
    [claim] = find_duration_claims("5 minute chia pudding")
    assert claim.seconds == 300
    [m] = judge_draft("5 minute chia pudding", 40.0, "Stir chia seeds into coconut milk, then leave the jar in the fridge overnight.")["duration-claim"]
    assert m.level == "warn"
    assert fired("5 minute chia pudding", "Stir chia seeds into coconut milk, top with mango and eat it right away.", duration_s=40.0) == {}
    assert find_duration_claims("1 minute read") == []


def test_an_income_claim_against_a_figure_half_of_it() -> None:
    [m] = judge_draft("月入过万的快递员", None, "我每天送十个小时，一天也就挣个一百多，下雨天更少。")["hype-gap"]
    assert m.level == "warn"


def test_a_rival_named_once_in_a_review_of_the_promised_kind_may_be_a_part_of_it() -> None:
    # a phone review that speaks of battery and screen mentions the phone's camera once: no swap
    assert fired("Pixel 8 上手体验", "拿到手很轻，屏幕很亮，相机夜景进步明显，电池能撑一天。") == {}
    # the camera named as the subject throughout is a swap
    assert fired("Pixel 8 上手体验", "这台相机是富士的微单，镜头是35mm定焦，对焦很快，相机的胶片模拟很好看。")["topic-mismatch"] == "warn"


# --------------------------------------------------------------------------- how long it has gone on, who learned, what was left out

def test_how_long_it_has_gone_on_so_far_is_effort() -> None:
    [m] = judge_draft("两周学会视频剪辑", 60.0, "我去年十月开始自学剪辑，到现在快一年了才敢接商单。")["duration-claim"]
    assert m.evidence["described_s"] >= 300 * 86400
    assert content_effort_times("三天后再说") == []


def test_a_learning_effort_is_read_from_the_whole_sentence() -> None:
    [m] = judge_draft("Learn the violin in 15 minutes", 60.0, "It took me six years of weekly lessons to play this one, so be patient.")["duration-claim"]
    assert m.level == "warn"


def test_still_at_work_at_a_later_time_closes_a_span() -> None:
    [m] = judge_draft("Paint a bedroom in 1 hour", 90.0, "We started taping the edges at 9am and were still rolling the second coat at 3 in the afternoon.")["duration-claim"]
    assert m.evidence["described_s"] == pytest.approx(6 * 3600)
    [m] = judge_draft("1小时刷完一面墙", 60.0, "早上八点开始贴美纹纸，到下午两点还在刷第二遍。")["duration-claim"]
    assert m.evidence["described_s"] == pytest.approx(6 * 3600)


def test_more_ways_to_leave_the_rest_to_the_viewer() -> None:
    [m] = judge_draft("宿舍必备的9件好物", None, "床帘一定要买遮光的。小风扇必须有。别的看你们自己的预算。")["count-claim"]
    assert m.evidence["admitted_at_most"] <= 3


def test_a_bare_number_opening_a_sentence_is_an_ordinal() -> None:
    from prelint.checks.match.claims import count_enumerated

    assert count_enumerated("Film one was Heat. Two, Collateral. Three, Thief. And four, Miami Vice.", steps=False).items == 4
    assert fired("4 films by Michael Mann", "Film one was Heat. Two, Collateral. Three, Thief. And four, Miami Vice.") == {}
    assert count_enumerated("一，先泡米。二，水放多一点。三，焖十分钟。").items == 3


def test_a_title_that_opens_with_a_number_and_a_plural_noun_is_a_list() -> None:
    from prelint.checks.match.claims import find_count_claims

    assert [(c.count, c.noun) for c in find_count_claims("9 underrated Android settings")] == [(9, "settings")]
    assert find_count_claims("5 minute abs") == [] and find_count_claims("3 kids and a dog") == []
    [m] = judge_draft("9 underrated Android settings", None, "Number one: battery saver schedule. Number two: the hidden dev options. See you next week for more.")["count-claim"]
    assert m.evidence["found"] == 2


def test_an_intro_that_shows_something_names_the_subject() -> None:
    assert fired("考驾照科目三技巧", "今天带大家看看我新买的汉服，马面裙配短袄，颜色很温柔。") == {"topic-mismatch": "warn"}
    assert fired("考驾照科目三技巧", "今天带大家看看科目三的路线，起步先打左灯，直线行驶别压线。") == {}


def test_a_presented_subject_when_nothing_the_title_names_is_in_the_content() -> None:
    assert fired("Tips for your first triathlon", "This is my bread starter, his name is Clint. I feed him flour and water twice a day.") == {
        "topic-mismatch": "warn"}
    # the content speaks of what the title names: a presented subject is that thing
    assert "topic-mismatch" not in fired("带你看看我的千万豪宅", "这就是我租的房子，二十平米的小单间，月租一千五。")


# --------------------------------------------------------------------------- neighbouring categories need a bridge

def test_a_neighbouring_category_is_covered_only_with_a_bridge() -> None:
    from prelint.checks.match.concepts import covered

    assert covered({"运动健身"}, "美食", bridge=True) and not covered({"运动健身"}, "美食", bridge=False)
    assert covered({"旅游"}, "美食", bridge=False)      # a trip shows food as a matter of course
    assert covered({"宠物"}, "亲子", bridge=False)      # owners call their pets 宝宝
    # the title itself names food: a bridge
    assert fired("减脂期可以吃的3种零食", "魔芋爽、海苔、黄瓜，这三样我一直在吃。") == {}


# --------------------------------------------------------------------------- prestige

def test_a_big_sum_is_a_prestige_claim_and_the_contents_own_figures_back_or_contradict_it() -> None:
    from prelint.checks.match.claims import title_hype

    assert title_hype("花了五十万装修的家")[0] >= 2
    assert title_hype("终于10万粉丝了")[0] == 0     # a count, not money
    [m] = judge_draft("五十万装修的小家", None, "墙是我们自己刷的，家具都是二手市场淘的，一共花了三万出头。")["hype-gap"]
    assert m.level == "warn"
    assert fired("五十万装修的小家", "整个装修下来一共花了四十八万，地板是实木的，厨房是定制的。") == {}


def test_a_creator_who_says_they_are_no_professional() -> None:
    [m] = judge_draft("米其林大厨教你煎牛排", None, "我不是厨师，平时就给自己做做饭，今天随便煎块牛排。")["hype-gap"]
    assert m.level == "warn"


def test_a_nights_earnings_about_a_figure() -> None:
    from prelint.checks.match.quantities import find_money

    [a] = find_money("一晚上下来也就挣个两百来块")
    assert a.per == "day" and a.low < 200 < a.high
    [m] = judge_draft("日入过千的烤冷面摊", None, "我在夜市卖烤冷面，一晚上下来也就挣个两百来块。")["hype-gap"]
    assert m.level == "warn"


def test_a_place_named_only_by_a_prestige_word_is_hype_gaps_to_judge() -> None:
    found = judge_draft("人间仙境般的秘境", None, "其实就是我家小区后面的小树林，下了雨有点雾，随便拍拍。")
    assert found["topic-mismatch"] == [] and found["hype-gap"][0].level == "warn"


def test_a_concept_inside_a_prestige_claim_is_still_named_when_the_title_says_it_plainly() -> None:
    # 装修 is part of the claim 豪华装修 elsewhere, but here it is said plainly: a home is promised
    assert fired("儿童房装修分享", "", "今天的健身打卡：深蹲100个") == {"topic-mismatch": "info"}
    assert fired("儿童房装修分享", "", "儿童房：上下床 · 软包墙 · 防撞角") == {}


def test_going_back_closes_a_day_out() -> None:
    [m] = judge_draft("30分钟逛完海洋公园", 90.0, "我们十点就进园了，看了海豚表演和企鹅馆，晚上八点坐大巴回酒店。")["duration-claim"]
    assert m.evidence["described_s"] == pytest.approx(10 * 3600)


def test_heres_my_presents_a_subject() -> None:
    # a presented subject with none of the title's words or concepts is an announced swap: it warns
    assert fired("How to descale a kettle", "Here's my daughter's first piano recital! She played two songs and bowed.") == {"topic-mismatch": "warn"}


def test_a_price_by_the_hour_that_was_paid_is_a_price() -> None:
    [m] = judge_draft("顶级豪华游艇出海", None, "其实就是景区湖上的电动船，租一个小时四十块，我们三个人挤在上面。")["hype-gap"]
    assert m.level == "warn"
    # what someone earns by the hour is no price paid
    from prelint.checks.match.claims import _stated_prices

    assert _stated_prices("我在奶茶店打工，一个小时十八块", 100) == []


def test_an_income_with_no_verb_in_a_clause_about_earning() -> None:
    from prelint.checks.match.quantities import find_money

    [a] = find_money("我写稿接广告，一个月也就两三千")
    assert (a.low, a.high, a.per) == (2000, 3000, "month")
    assert find_money("一个月房租两千") == []   # a cost, not an income
    [m] = judge_draft("年入百万的自由撰稿人", None, "我写稿接广告，一个月也就两三千，平时还要做兼职。")["hype-gap"]
    assert m.level == "warn"


def test_a_presented_story_or_routine_names_no_subject() -> None:
    assert fired("Why I quit my job", "I worked as an accountant for six years. Here's my honest story of burning out and what I do now.") == {}
    assert fired("为什么我辞职了", "这是我的真实经历，做了六年会计，最后还是决定离开。") == {}


def test_a_five_star_hotel_over_a_budget_hotel() -> None:
    [m] = judge_draft("五星级酒店住一晚", None, "其实是一家快捷酒店，一晚八十九块，房间很小，但是挺干净。")["hype-gap"]
    assert m.level == "warn"
    assert "warn" not in fired("五星级酒店住一晚", "这家酒店一晚两千多，落地窗正对江景，早餐特别丰富。").values()


def test_days_of_the_week_open_and_close_a_task() -> None:
    from prelint.checks.match.quantities import find_weekdays

    assert [p.text for p in find_weekdays("上周五晚上开始，星期天下午才弄完")] == ["周五晚上", "星期天下午"]
    assert find_weekdays("一周一次，每周一练") == []
    [m] = judge_draft("Build a LEGO castle in 1 hour", 60.0, "We opened the box on Friday night and snapped in the last brick on Sunday afternoon.")["duration-claim"]
    assert m.evidence["described_s"] > 36 * 3600
    [m] = judge_draft("20分钟拼完一千片拼图", 60.0, "周五晚上开始拼，到周日下午才拼完最后一块。")["duration-claim"]
    assert m.level == "warn"
    assert fired("一个周末拼完一千片拼图", "周五晚上开始拼，到周日下午才拼完最后一块。", duration_s=60.0) == {}


def test_unboxing_is_a_format_not_a_subject() -> None:
    # "开箱" reveals any thing: a home under it is no swap of a gadget
    assert "topic-mismatch" not in fired("顶级豪宅开箱", "这栋别墅在山顶，有无边泳池和酒窖，市价一亿多。")


def test_a_trip_of_n_days_is_travel() -> None:
    assert fired("成都三日游攻略", "", "今天的数学作业：解方程、画函数图像") == {"topic-mismatch": "info"}
    assert fired("成都三日游攻略", "第一天宽窄巷子和人民公园，第二天大熊猫基地，第三天都江堰。") == {}


def test_an_english_noun_in_a_chinese_count_claim_in_any_case() -> None:
    from prelint.checks.match.claims import find_count_claims

    assert [c.count for c in find_count_claims("10个好用的App")] == [10]


def test_a_parenting_title_over_a_trip_with_no_child_in_it() -> None:
    # no bridge (nothing of parenting in the content), and the topic model's weak reading of a short
    # line as parenting is no veto
    assert fired("婴儿抚触教程", "好美呀～", "周末去公园看了郁金香🌷") == {"topic-mismatch": "info"}
    assert fired("带娃周末去哪玩", "宝宝第一次看到这么多郁金香，开心得一直拍手") == {}


# --------------------------------------------------------------------------- incomes over a span, time so far, counted deeds

@pytest.mark.parametrize("title,content,claim_per_day", [
    # a sum earned in a span, against a monthly figure or a sum earned over months
    ("两天挣了五万块", "摆摊卖烤肠快一年了，生意好的时候一个月也就挣个四五千。", 25_000),
    ("Earned $5,000 in my first month of tutoring", "Half a year in, tutoring has brought in about $900 in total.", 5000 / 30),
    # an income written by its digits
    ("How my candle shop makes six figures", "This year the shop brought in around $3,000 in sales so far.", 100_000 / 365),
])
def test_an_income_over_a_span_is_held_against_the_contents_earnings(title: str, content: str, claim_per_day: float) -> None:
    [m] = judge_draft(title, None, content)["hype-gap"]
    assert m.level == "warn" and m.evidence["magnitude_gaps"]
    assert m.evidence["magnitude_gaps"][0]["claim_per_day"] == pytest.approx(claim_per_day, rel=0.01)


@pytest.mark.parametrize("title,content", [
    ("两天挣了五万块", "这两天接了三场婚礼跟拍，一共进账五万二，累是真的累。"),
    ("Earned $5,000 in my first month of tutoring", "My first month of tutoring: twelve students, and I earned $5,200 by the end of it."),
])
def test_an_income_the_content_bears_out_is_quiet(title: str, content: str) -> None:
    assert fired(title, content).get("hype-gap") != "warn"


@pytest.mark.parametrize("title,content,days", [
    ("Learn to draw in 21 days", "Here I am three years into drawing every evening, and hands still scare me.", 3 * 365),
    ("Speak French in 30 days", "Eighteen months in, I can finally follow a French podcast without subtitles.", 18 * 30),
    ("10天练会倒立", "这是我练倒立的第三个月，现在靠墙能撑十几秒。", 60),
])
def test_time_so_far_contradicts_a_short_learning_promise(title: str, content: str, days: float) -> None:
    [m] = judge_draft(title, None, content)["duration-claim"]
    assert m.level == "warn"
    assert m.evidence["described_s"] == pytest.approx(days * 86400)


def test_the_next_day_or_a_first_month_is_no_time_so_far() -> None:
    assert content_effort_times("第二天早上再来看，面团已经发好了。") == []
    assert content_effort_times("这是我练琴的第一个月，手指还很僵。") == []
    assert fired("Learn to draw in 21 days", "Three weeks in, and this is the portrait I drew today.").get("duration-claim") is None


def test_a_deed_counted_in_a_span_is_a_duration_claim() -> None:
    [claim] = find_duration_claims("三天逛了4个城市")
    assert (claim.seconds, claim.kind) == (3 * 86400, "task")
    [m] = judge_draft("三天逛了4个城市", None, "这一路从成都出发，前后走了两个星期，重庆、贵阳、昆明、大理。")["duration-claim"]
    assert m.level == "warn" and m.evidence["described_s"] == 14 * 86400
    assert fired("三天逛了4个城市", "第一天成都，第二天重庆，第三天一早去贵阳，晚上到昆明。").get("duration-claim") is None


# --------------------------------------------------------------------------- several things after one marker

def test_noun_phrases_joined_by_commas_after_a_marker_are_items_each() -> None:
    content = ("First, a sleeping bag rated to minus five. Next, a headlamp. Then a camp stove, my old enamel mug, "
               "and finally a deck of cards for the tent.")
    assert count_enumerated(content, steps=False).items == 5
    assert fired("5 things I always bring camping", content).get("count-claim") is None
    [m] = judge_draft("7 things I always bring camping", None, content)["count-claim"]
    assert (m.level, m.evidence["found"], m.evidence["claimed"]) == ("warn", 5, 7)


def test_commas_inside_one_thing_or_after_a_verb_add_no_item() -> None:
    # a clause after the marker that is no noun phrase, and a comma inside one item's description
    assert count_enumerated("First, preheat the oven, it takes a while. Then a pinch of salt, to taste.", steps=False).items == 2



# --------------------------------------------------------------------------- lukewarm verdicts, the whole place, a blocked view

@pytest.mark.parametrize("title,content", [
    # the creator's own verdict, a clause of its own
    ("This meal-prep gadget is a game changer", "Used it three times now. Honestly, it's okay. I still chop most things by hand."),
    ("宝藏神器！这个挂烫机绝了", "用了一个月，说实话，还行吧，熨衬衫比熨斗慢一点。"),
    # what is shown is all there is
    ("My insane gaming setup", "A second-hand laptop on the kitchen table and a twenty dollar mouse. That's all I have."),
])
def test_a_lukewarm_verdict_or_all_there_is_escalates_hype(title: str, content: str) -> None:
    [m] = judge_draft(title, None, content)["hype-gap"]
    assert m.level == "warn" and m.evidence["ordinary"]


@pytest.mark.parametrize("title,content", [
    ("This meal-prep gadget is a game changer", "It's fine to skip the lid. The blade dices an onion in four seconds, tested against my knife."),
    ("宝藏神器！这个挂烫机绝了", "一般来说熨衬衫要十分钟，这个实测两分钟就平了，对比一下就知道。"),
])
def test_its_fine_inside_a_sentence_or_with_a_tested_payoff_is_quiet(title: str, content: str) -> None:
    assert fired(title, content).get("hype-gap") != "warn"


def test_reassurance_and_sign_offs_are_no_verdict() -> None:
    from prelint.checks.match.claims import _plain_verdicts

    assert _plain_verdicts("If the dough tears, it's okay. Just press it back together.") == []
    assert _plain_verdicts("That's all I have for today, see you next week!") == []
    assert _plain_verdicts("一般来说蒸十分钟就熟了") == []
    assert _plain_verdicts("Two weeks in. It's fine, nothing more.") == ["It's fine"]


def test_a_small_whole_place_contradicts_a_luxury_home() -> None:
    [m] = judge_draft("Mansion tour!!", None, "This is my place: about 350 square feet in total, one window, shared laundry.")["hype-gap"]
    assert m.level == "warn" and m.evidence["modest_facts"]["luxury home"] == ["350 square feet"]
    # a room of a big house is a part, not the whole place
    assert fired("Mansion tour!!", "The pantry alone is 200 square feet, and the house has eleven bedrooms.").get("hype-gap") != "warn"


def test_a_blocked_view_contradicts_a_view_room() -> None:
    [m] = judge_draft("超美江景房，夜景绝了", None, "拉开窗帘，江被对面的高架挡住了，只能从缝里看到一点灯。")["hype-gap"]
    assert m.level == "warn" and "挡住了" in m.evidence["modest_facts"]["luxury travel"]


# --------------------------------------------------------------------------- a named product absent, more concept words

def test_a_product_title_over_content_of_another_category_warns() -> None:
    [m] = judge_draft("Unboxing the new Galaxy phone", None,
                      "Sunday roast chicken: rub the chicken with garlic butter, roast it for an hour, rest it, carve, "
                      "and the gravy comes from the pan juices.")["topic-mismatch"]
    assert (m.level, m.evidence["way"], m.evidence["title_domains"], m.evidence["content_domains"]) == ("warn", "domain", ["高新数码"], ["美食"])
    assert fired("Unboxing the new Galaxy phone", "Out of the box: the charger, a case, and the screen is brighter "
                 "than my old one. Battery lasted all day.").get("topic-mismatch") is None


def test_a_crafts_title_over_another_category_stays_info() -> None:
    # a craft or an activity promised is not a product: its domain disagreement stays a note
    [m] = judge_draft("Crochet a granny square with me", None,
                      "Our cat Miso got a new scratching post today and ignored it for a cardboard box, classic cat.")["topic-mismatch"]
    assert (m.level, m.evidence["way"]) == ("info", "domain")


@pytest.mark.parametrize("title,content,promised", [
    ("Knit a beanie in one evening", "First violin recital of the year! She played two minuets and bowed like a pro.", "crafts"),
    ("三分钟学会叠床单", "下雨天在家，我们把阳台的多肉都搬进来了，顺便给绿萝换了个盆。", "cleaning"),
])
def test_knitting_bed_linen_and_recitals_name_their_concepts(title: str, content: str, promised: str) -> None:
    [m] = judge_draft(title, None, content)["topic-mismatch"]
    assert (m.level, m.evidence["way"], m.evidence["promised"]) == ("warn", "swap", promised)


def test_an_e_reader_and_knitting_are_found_in_their_own_content() -> None:
    assert fired("Kindle Paperwhite after a month", "I read eleven novels on it this month; the e-reader's warm light is great in bed.") == {}
    assert fired("How I knit my first scarf", "Casting on took me three tries. Knit every row, it's called garter stitch.").get("topic-mismatch") is None


def test_an_earlier_smaller_income_is_a_story_when_the_claimed_one_is_stated_too() -> None:
    assert fired("How I made $5,000 in a week", "Last year I made about $2,000 in sales from the shop. "
                 "This spring I made $5,000 in a week after one video went viral.").get("hype-gap") != "warn"
    assert fired("3天赚了10万", "刚开店那年一年才赚了两万。上个月搞活动，3天赚了10万，说说我是怎么做的。").get("hype-gap") != "warn"


def test_grand_is_a_thousand_and_nothing_fancy_is_ordinary() -> None:
    [a] = find_money("I cleared about three grand last year.")
    assert (a.low, a.per) == (3000, "")
    [m] = judge_draft("My insane morning routine", None, "Coffee, a short walk, and ten minutes of reading. Nothing fancy.")["hype-gap"]
    assert m.level == "warn" and m.evidence["ordinary"] == ["nothing fancy"]
    assert fired("My insane morning routine", "Nothing fancy, but the cold plunge at 5am is the secret.").get("hype-gap") is None

