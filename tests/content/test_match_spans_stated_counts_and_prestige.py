"""MATCH rules on more ways creators write the same mismatches: how long something took told by the
clock or the calendar, how many items the content says it covers, more enumeration styles, subjects
in more domains, and prestige claims over cars, trips, food, wages and prices; each beside an
ordinary draft that must stay quiet at warn level."""

from __future__ import annotations

import pytest

from prelint.checks.match.claims import (
    content_subjects,
    content_time_spans,
    count_enumerated,
    find_count_claims,
    judge_draft,
    key_terms,
)
from prelint.checks.match.concepts import find_concepts
from prelint.checks.match.quantities import find_clock_times, find_money, find_months


def fired(title: str, content: str, onscreen: str = "", duration_s: float | None = None) -> dict[str, str]:
    """rule name -> level of what the MATCH rules find, judged as a draft is."""
    return {name: found[0].level for name, found in judge_draft(title, duration_s, content, onscreen).items() if found}


# --------------------------------------------------------------------------- durations told by the clock or the calendar

@pytest.mark.parametrize("title,content,hours", [
    # opened and closed by clock times
    ("40分钟逛完动物园", "上午九点从南门进去的，看完熊猫又去看长颈鹿，出来的时候都中午十二点多了", 3.0),
    ("20分钟搞定一桌菜", "下午四点半就开始洗菜切菜，炖了一锅汤，一直忙到晚上七点才开饭", 2.5),
    ("See the whole museum in 1 hour", "We got in at 10am and honestly didn't walk out until 3pm.", 5.0),
    # opened and closed by months
    ("一个月学会滑板", "今年三月开始练的，摔了无数次，到六月才能稳稳地滑下坡", 60 * 24.0),
])
def test_spans_between_points_in_time_contradict_a_task_claim(title: str, content: str, hours: float) -> None:
    [m] = judge_draft(title, 60.0, content)["duration-claim"]
    assert m.level == "warn"
    assert m.evidence["described_s"] == pytest.approx(hours * 3600)


def test_effort_with_a_pronoun_after_the_verb() -> None:
    # "折磨了我两个星期": verb + 了 + 我 + time, and 光 makes it a part of the whole
    [m] = judge_draft("七天学会吉他", 60.0, "光是F和弦就折磨了我两个星期，手指疼得不行")["duration-claim"]
    assert m.evidence["described_s"] == pytest.approx(14 * 86400) and m.evidence["part"]


def test_spans_that_fit_the_claim_or_have_no_cues_are_quiet() -> None:
    assert fired("三小时逛完颐和园", "下午一点从东宫门进去，四点左右从北宫门出来，刚刚好") == {}
    assert fired("三个月练出腹肌", "从一月开始练，到四月初拍了这组对比照，线条出来了") == {}
    # clock times of a routine, with nothing that opens and closes the task
    assert fired("5分钟快手早餐", "每天早上七点起床，煎个蛋烤两片面包，七点半出门上班") == {}
    assert fired("7天学会吉他", "每天练习半个小时，到第七天已经能弹完整首歌了") == {}


def test_clock_times_and_months_as_people_write_them() -> None:
    assert [(p.low, p.high) for p in find_clock_times("早上八点半 下午三点多 晚上十二点 9:45 4pm")] == [
        (510, 510), (900, 959), (1440, 1440), (585, 585), (960, 960)]
    assert find_clock_times("有三点建议 一点点 第三点") == []  # points, not times
    [start, end] = find_months("去年五月开始 到八月底")
    assert end.low - start.high == 80  # August is last year's too
    assert find_months("三个月 每月") == []
    assert content_time_spans("早上出门 下午回家") == []


# --------------------------------------------------------------------------- counts the content states

@pytest.mark.parametrize("title,content,found", [
    ("6个省钱小妙招", "外卖少点，奶茶少喝，就这两招，一个月能省好几百", 2),
    ("15个必学的日语句子", "这期先教四句：早上好、谢谢、对不起、再见。下期继续", 4),
    ("12 stretches for tight hips", "I'm only showing you two stretches today: pigeon pose and the frog.", 2),
    ("5个习惯让你越来越自律", "一是早睡，二是每天列计划", 2),
    ("Top 4 apps I use every day", "• Notion for notes\n• Todoist for tasks", 2),
])
def test_content_that_says_or_lists_fewer_items_than_promised(title: str, content: str, found: int) -> None:
    [m] = judge_draft(title, 60.0, content)["count-claim"]
    assert m.level == "warn" and m.evidence["found"] == found


def test_stated_counts_that_name_other_things_are_quiet() -> None:
    assert fired("5个技巧让蛋糕不塌", "做这个蛋糕只要三个鸡蛋 先把蛋白打发 第一 低温烤 第二 倒扣晾凉 第三 别早开门 第四 面粉过筛 第五 少放糖") == {}
    assert fired("5个技巧让你睡得更好", "先说一点，睡前别看手机。还有就是别喝咖啡") == {}
    assert fired("7 tips for better sleep", "You only need two ingredients for this tea. First, no screens.") == {}
    assert fired("3个超好用的收纳技巧", "就这三个，亲测有用") == {}


def test_a_total_the_content_states_covers_a_list_of_things() -> None:
    # ordinals, then sequence words, then "四家都吃完了": four restaurants
    content = "第一家是老字号小笼包。第二家，片儿川。然后去吃了葱包桧。最后一家卖定胜糕，四家都吃完了"
    assert "count-claim" not in fired("杭州必吃的4家老店", content)
    assert fired("杭州必吃的6家老店", content).get("count-claim") == "warn"


@pytest.mark.parametrize("text,items", [
    ("一是早睡，二是多喝水，三是少熬夜", 3), ("其一，选材；其二，火候", 2), ("一、选瓜 二、拍一拍 三、看纹路", 3),
    ("（1）复制（2）粘贴", 2), ("1\ufe0f\u20e3 复制 2\ufe0f\u20e3 粘贴 3\ufe0f\u20e3 撤销", 3), ("• 竖着叠\n• 床底收纳箱\n• 挂门后", 3),
    ("Tip #1 hang it. #2 fold it", 2), ("First, fold. Another tip: roll them.", 2),
])
def test_enumeration_styles(text: str, items: int) -> None:
    assert count_enumerated(text).items == items


def test_a_single_bullet_or_a_plain_dash_is_no_list() -> None:
    assert count_enumerated("- 今天天气不错").items == 0
    assert count_enumerated("- 你来了？\n- 来了来了").items == 0  # two speakers in a subtitle cue
    assert count_enumerated("✅ 点赞\n✅ 关注").items == 0
    assert "count-claim" not in fired("5个技巧让你睡得更好", "- 你睡了吗？\n- 还没呢", "✅ 点赞\n✅ 关注")
    assert count_enumerated("今天一是来看看").items == 0


# --------------------------------------------------------------------------- subjects in more domains

@pytest.mark.parametrize("title,content", [
    ("怎么挑到甜的芒果", "这是我家狗子旺财，刚洗完澡，在阳台上晒太阳。"),
    ("零基础学素描第一课", "今天开黑上分，打野一直在抓我，这把王者又输了。"),
    ("新手钓鱼入门", "口红试色，这支是豆沙色，薄涂很日常，厚涂有点显黑。"),
])
def test_a_subject_of_another_domain_is_flagged(title: str, content: str) -> None:
    [m] = judge_draft(title, None, content)["topic-mismatch"]
    # another category informs; a subject the content names as a named thing of its own warns
    surest = m.evidence.get("way") == "swap" or m.evidence.get("named_swap") or m.evidence.get("announced")
    assert m.level == ("warn" if surest else "info")


def test_words_that_contain_a_concept_term_but_name_something_else() -> None:
    assert "baby" not in find_concepts("男孩子版的穿搭")
    assert "cat" not in find_concepts("成都大熊猫基地")
    assert "dog" not in find_concepts("又被撒了一把狗粮")
    assert "cat" in find_concepts("我家猫")


def test_related_subjects_in_the_new_domains_are_quiet() -> None:
    assert fired("怎么挑到甜的芒果", "芒果要挑表皮有点皱的，闻起来有香味，捏起来软一点的最甜") == {}
    assert fired("新手钓鱼入门", "先选一根三米六的鱼竿，鱼饵用玉米，打窝之后耐心等") == {}
    # a question is no subject, and a hashtag-only caption names nothing
    assert content_subjects("今天拍点啥 #美食", "最纯手工煎饼") == []
    assert "vlog" not in [t.lower() for t in key_terms("海岛度假vlog")]


# --------------------------------------------------------------------------- prestige over modest facts

@pytest.mark.parametrize("title,content", [
    ("我的顶级豪车", "这台车是二手买的，十万公里了，空调还得拍一下才出风"),
    ("Driving my dream car", "It's a used car with 180,000 miles on it and the heater only works on high."),
    ("奢华度假vlog", "没出远门，就在家附近的河边搭了个棚子，钓了一下午鱼"),
    ("顶级和牛吃播", "今天吃的是菜市场门口小摊上的烤肉，10块钱3串"),
    ("Financial freedom at 25: my millionaire habits", "I work the night shift and make about 12 dollars an hour."),
    ("百万名表开箱", "这是义乌进的货，高仿的，戴着玩玩"),
])
def test_prestige_over_stated_modest_facts_warns(title: str, content: str) -> None:
    assert fired(title, content).get("hype-gap") == "warn"


def test_prestige_the_content_bears_out_is_not_escalated() -> None:
    assert fired("顶级和牛吃播", "这块是A5和牛，一份八百多，油花特别漂亮，入口即化").get("hype-gap") != "warn"
    assert fired("My millionaire habits", "I run two companies and invest every month.").get("hype-gap") != "warn"
    # an income claim with a figure is compared figure to figure, not with the wage threshold
    assert "hype-gap" not in fired("月入过万的摆摊秘籍", "秘诀是选对位置，一天能赚三四百，一个月一万出头")
    assert fired("豪车试驾", "这台车落地一百二十万，零百加速三秒多，内饰全是真皮").get("hype-gap") != "warn"


def test_wages_and_prices_as_people_write_them() -> None:
    [wage] = find_money("I make about 15 dollars an hour")
    assert (wage.low, wage.per) == (15, "hour")
    [wage] = find_money("时薪十五块")
    assert (wage.low, wage.per) == (15, "hour")
    assert [a.low for a in find_money("$5 million home")] == [5_000_000]
    assert [a.low for a in find_money("five million dollars")] == [5_000_000]


def test_top_n_is_a_count_claim() -> None:
    [claim] = find_count_claims("Top 4 apps I use every day")
    assert (claim.count, claim.noun) == (4, "apps")
    [claim] = find_count_claims("TOP10 beaches in Bali")
    assert (claim.count, claim.is_steps) == (10, False)
    [claim] = find_count_claims("抖音热歌排行榜前十名")
    assert claim.count == 10


# --------------------------------------------------------------------------- parts of a day, longer learn claims

def test_parts_of_a_day_and_weekends_are_durations() -> None:
    from prelint.checks.match.quantities import find_durations

    assert [(d.low_s, d.high_s) for d in find_durations("忙了一下午")] == [(3 * 3600, 5 * 3600)]
    assert [(d.low_s, d.high_s) for d in find_durations("一个周末")] == [(86400, 2 * 86400)]
    assert [(d.low_s, d.high_s) for d in find_durations("I spent all day on it")] == [(8 * 3600, 86400)]
    assert [d.text for d in find_durations("in one afternoon")] == ["one afternoon"]
    assert find_durations("冷藏一晚上") == []  # overnight is read by the process-time words


def test_a_learn_claim_of_an_hour_or_more_is_judged_by_what_the_content_says_it_took() -> None:
    content = "I picked up crochet in February and it wasn't until June that my first blanket was done."
    assert fired("Learn to crochet in one afternoon", content, duration_s=50.0) == {"duration-claim": "warn"}
    # a few minutes to learn promises the viewer's minutes, not the creator's practice
    assert "duration-claim" not in fired("3分钟学会织围巾", "我自己是从二月开始学的，到六月才织完第一条", duration_s=170.0)


def test_a_climb_told_by_the_clock() -> None:
    content = "凌晨三点从山脚出发，一路走走停停，到山顶的时候已经早上六点多了"
    assert fired("40分钟爬上华山", content) == {"duration-claim": "warn"}
    assert "duration-claim" not in fired("4小时爬上华山", content)


# --------------------------------------------------------------------------- more prestige claims

@pytest.mark.parametrize("title,content", [
    ("豪华邮轮七日游", "其实就是坐轮渡去了趟对岸，船票三块钱一张，二十分钟就到了"),
    ("揭秘月薪三万的工作", "我在仓库做分拣，一个月工资三千五，包住不包吃"),
    ("985学霸的笔记", "我成绩一般，高考考了个二本，这是我自己整理的错题本"),
    ("巨无霸披萨开箱", "打开一看，也就巴掌大，两口就吃完了"),
    ("六块腹肌养成第30天", "练了一个月，还是有小肚子，几乎没变化"),
    ("天价牛排", "菜市场买的牛肉，十五块钱一斤，回家自己煎"),
    ("Gigantic burger challenge", "Honestly it was pretty small, I finished it in four bites."),
    ("神级操作", "开局就被反杀，又死了三次，这把输了"),
])
def test_more_prestige_claims_over_stated_modest_facts_warn(title: str, content: str) -> None:
    assert fired(title, content).get("hype-gap") == "warn"


@pytest.mark.parametrize("title,content", [
    ("豪华邮轮七日游", "我们的船有十五层，房间带阳台，晚上有自助餐和演出"),
    ("985学霸的笔记", "我是浙大数学系的，这是我大一整理的高数笔记"),
    ("巨无霸披萨开箱", "这个披萨直径六十厘米，三个人都没吃完"),
    ("天价牛排", "这块是雪花和牛，一份一千二，店里最贵的一道菜"),
])
def test_the_same_claims_over_content_that_bears_them_out_do_not_warn(title: str, content: str) -> None:
    assert fired(title, content).get("hype-gap") != "warn"


def test_vegetables_and_makeup_words_name_their_domains() -> None:
    assert fired("How to grow tomatoes", "This lipstick has a matte finish and the swatch looks gorgeous on me.") == {"topic-mismatch": "info"}
    assert fired("How to grow tomatoes", "Plant the seedlings deep, water the soil every morning and stake the tomatoes.") == {}
    # a car review's 落地价 is no game
    assert "topic-mismatch" not in fired("百万豪车试驾", "这台保时捷落地一百六十万，三秒破百，声浪很迷人")


def test_category_words_and_nicknames_promise_no_subject_of_their_own() -> None:
    # 快手菜 / 减脂餐 name a kind of dish, shown by its instances; 小可爱 and 家人们 address someone
    assert fired("3道快手菜", "第一道，番茄炒蛋。第二道，青椒肉丝。第三道，凉拌黄瓜。") == {}
    assert fired("我的减脂餐", "今天吃鸡胸肉、西兰花和糙米饭，一共四百大卡。") == {}
    assert fired("被小可爱发现了", "这是什么狗狗，这么可爱 #萌宠") == {}
    assert "快手菜" not in key_terms("3道快手菜") and key_terms("3道快手菜") == []
    # a named dish swapped for another still fires
    assert fired("教你做小龙虾", "今天做一道清蒸鲈鱼 鲈鱼改刀 铺上葱姜 蒸八分钟").get("topic-mismatch") == "warn"


def test_items_numbered_by_their_noun() -> None:
    assert count_enumerated("误区一：不吃早饭。误区二：只吃水果。误区三：过度节食。").items == 3
    assert count_enumerated("快捷键1 Ctrl+E\n快捷键2 Ctrl+Q").items == 2
    assert fired("5个减肥误区", "误区一：不吃早饭。误区二：只吃水果。误区三：过度节食。").get("count-claim") == "warn"
    assert "count-claim" not in fired("3种方法去黑头", "方法一：热敷。方法二：用鼻贴。方法三：刷酸。")


def test_half_a_day() -> None:
    content = "早上八点排队进园，玩了十几个项目，看完烟花出来都晚上九点了"
    assert fired("半天逛完欢乐谷", content).get("duration-claim") == "warn"
    # "找了半天" is only "a while"
    assert "duration-claim" not in fired("10分钟搞定晚饭", "找酱油找了半天，然后鸡蛋下锅，番茄炒一炒就好了")


@pytest.mark.parametrize("title,content,onscreen", [
    ("减肥食谱分享", "（音乐）", "新款球鞋开箱 👟"),
])
def test_on_screen_only_content_of_another_domain(title: str, content: str, onscreen: str) -> None:
    assert fired(title, content, onscreen).get("topic-mismatch") == "info"
    assert fired(title, content, "燕麦加酸奶 一碗两百大卡").get("topic-mismatch") is None


@pytest.mark.parametrize("title,content,backed", [
    ("顶级江景房体验", "其实是酒店最便宜的房间，一晚一百八，窗外能看到一点点江", "这是酒店的行政套房，一晚三千八，落地窗正对外滩"),
    ("Living like a billionaire for a week", "I took the bus everywhere and slept in a hostel.", "We flew private and stayed on a yacht in Monaco."),
    ("Celebrity chef's pasta", "I'm not a chef at all, this is my first time making fresh pasta.", "Chef Marco has run his restaurant for twenty years; here is his secret."),
    ("米其林同款甜品", "便利店买的布丁，倒在盘子里撒点饼干碎", "跟着米其林餐厅的甜品主厨学，这道甜品的秘诀是焦糖的火候"),
])
def test_prestige_over_cheap_rooms_buses_and_first_tries(title: str, content: str, backed: str) -> None:
    assert fired(title, content).get("hype-gap") == "warn"
    assert fired(title, backed).get("hype-gap") != "warn"


@pytest.mark.parametrize("title,content", [
    ("Luxury skincare routine", "First I used a gentle cleanser, then this serum, the texture is amazing."),
    ("秒变大长腿的穿搭", "高腰裤配短上衣，差不多就能拉长比例，完全看不出腿短"),
    ("八块腹肌训练计划", "很多人有小肚子是因为核心没练到，卷腹十五个四组，瘦了也不反弹"),
    ("Millionaire money habits", "Start saving up early and invest in index funds every month."),
    ("神级操作", "对面失误了一下，我一个闪现接大招，三杀"),
    ("奢华酒店入住体验", "酒店楼下就是商场，房间有浴缸和全景落地窗，早餐很丰盛"),
    ("全网爆火的网红店", "建议工作日去，没什么人排队，招牌的芝士蛋糕真的好吃"),
    ("Luxury villa tour", "We rented this villa for the weekend: infinity pool, chef's kitchen, ocean views."),
    ("巨无霸汉堡挑战", "先加一小小的勺番茄酱，这个汉堡有三层牛肉饼，两斤多重"),
])
def test_ordinary_drafts_with_words_that_look_modest_do_not_warn(title: str, content: str) -> None:
    assert fired(title, content).get("hype-gap") != "warn"
