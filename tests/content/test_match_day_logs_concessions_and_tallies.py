"""MATCH rules read a task told day by day, a log from its first day to its last, the creator's
own concessions under a hyped title, money earned this month or spent in all, a tally the content
states, and named things only as swaps of their own kind; each case in new wording beside an
ordinary draft that must stay quiet at warn level."""

from __future__ import annotations

import pytest

from prelint.checks.match.claims import judge_draft
from prelint.checks.match.quantities import find_money


def fired(title: str, content: str, onscreen: str = "", duration_s: float | None = 60.0) -> dict[str, str]:
    """rule name -> level of what the MATCH rules find, judged as a draft is."""
    return {name: found[0].level for name, found in judge_draft(title, duration_s, content, onscreen).items() if found}


@pytest.mark.parametrize("title,content,onscreen", [
    # a log from its first day to its last, on screen
    ("一周瘦8斤的吃法", "早餐一个鸡蛋一杯豆浆，晚上不吃主食，配合快走。", "Day 1 126斤 → Day 28 118斤"),
    # work told day by day and finished on the last day named
    ("两小时装好一个衣柜", "周五先拆箱认零件，周六装柜体，周日把柜门装完，终于能用了。", ""),
    # the whole span said with 整整
    ("半小时做好一桌年夜饭", "从洗菜到上桌整整四个小时，腰都直不起来了。", ""),
    # an English stretch of time spent somewhere
    ("Fix a flat bike tire in 10 minutes", "I was in the garage for like two hours because the tire lever snapped.", ""),
    # passing an exam takes its verb
    ("两周考过科目一", "题库我前前后后刷了三个月，第二次才过的。", ""),
])
def test_times_told_by_days_and_spans_contradict_a_duration_claim(title: str, content: str, onscreen: str) -> None:
    assert fired(title, content, onscreen).get("duration-claim") == "warn"


@pytest.mark.parametrize("title,content,onscreen", [
    ("7天早餐不重样", "第1天燕麦杯，第2天三明治，第7天做了个蛋饼，一周刚好吃完。", ""),
    ("一个周末拼完一千片拼图", "周六上午开始拼，周日晚上才拼完最后一块。", ""),
    # filming took longer; the task itself is the promised time, said apart from it
    ("15分钟做好番茄意面", "拍这条折腾了一下午，但做面本身就十五分钟左右，番茄炒出沙就行。", ""),
])
def test_a_task_told_in_its_promised_time_stays_quiet(title: str, content: str, onscreen: str) -> None:
    assert "duration-claim" not in fired(title, content, onscreen)


def test_a_tally_the_content_states_delivers_a_count() -> None:
    assert fired("今年读完30本书是什么感觉", "最推荐的两本放在评论区，通勤的时候都在听书。", "今年已读：33本") == {}


@pytest.mark.parametrize("title,content", [
    ("人间仙境般的露营地", "到了营地有点失望，人挤人，草也秃了一大块，拍照只能找角度。"),
    ("INSANE home gym tour", "Honestly it's nothing like the pictures, just a bench and two old dumbbells in the garage."),
    ("大牌平替！吊打千元面霜", "用了一个月，滋润度确实比不上大牌，价格便宜嘛，能用。"),
])
def test_a_hyped_title_over_the_creators_own_concession_is_a_warning(title: str, content: str) -> None:
    assert fired(title, content).get("hype-gap") == "warn"


def test_money_earned_this_month_or_spent_in_all_is_read() -> None:
    (earned,) = find_money("做了半年，这个月提成到账一千八，还行")
    assert (earned.low, earned.per) == (1800.0, "month")
    assert [(m.low, m.per) for m in find_money("一个月能有两千多块零花钱")] == [(2000.0, "month")]
    assert [m.low for m in find_money("前后花了不到三万")] == [30000.0]
    assert find_money("千万不要这样做") == []
    assert fired("月入三万的宝妈副业", "这个月提成到账一千八，够买菜了。").get("hype-gap") == "warn"


def test_a_named_thing_is_swapped_only_by_one_of_its_kind() -> None:
    # a phone test that edits in 剪映 swaps nothing (an app is no phone)
    assert fired("iPhone 16 拍照实测", "白天逆光拍了几张，晚上的夜景也试了，回来用剪映调了一下色。").get("topic-mismatch") != "warn"
    # a dish promised and another dish shown is
    assert fired("红烧肉家常做法", "今天做糖醋排骨，排骨焯水后炸一下，再加糖醋汁收汁。").get("topic-mismatch") == "warn"


def test_an_ingredient_named_in_two_forms_is_no_dish_of_its_own() -> None:
    # "egg" and "eggs" are one word: fresh pasta made with eggs is no egg dish
    assert "topic-mismatch" not in fired("Fresh pasta from scratch",
                                         "Flour and eggs, knead for ten minutes, rest it, roll it thin and cut it.")


@pytest.mark.parametrize("title,content", [
    ("边牧训练入门", "我家哈士奇今天又拆家了，哈士奇真的需要大量运动，每天至少遛两次。"),
    ("Learn Japanese: lesson 1", "Bonjour! Today's French lesson is about greetings, repeat after me. Next French lesson: numbers."),
    ("口红试色合集", "眼影盘我挑了三个大地色，眼影刷蘸一点，先铺眼窝，再加深眼尾。"),
    ("基金定投入门", "买保险之前先看清楚免责条款，重疾险和医疗险的区别一定要搞懂。"),
    ("简历怎么写才能过筛", "面试的时候面试官问你的职业规划，千万别说没想过。"),
    ("宝宝如厕训练经验", "辅食我是六个月开始加的，先加米粉，一次只加一种新辅食。"),
    ("Sourdough for beginners", "These brownies are so fudgy, melt the chocolate, whisk, and bake the brownies for twenty-five minutes."),
])
def test_another_kind_within_the_topic_is_a_swap(title: str, content: str) -> None:
    assert fired(title, content).get("topic-mismatch") == "warn"


@pytest.mark.parametrize("title,content", [
    ("边牧训练入门", "边牧很聪明，先教坐下，再教等待，每次成功给一小块奖励。"),
    ("基金定投入门", "定投就是每个月固定买一点指数基金，不用择时，适合上班族。"),
    ("口红试色合集", "这支口红是豆沙色，薄涂很日常，厚涂有点气场，第二支是正红色。"),
])
def test_the_promised_kind_shown_stays_quiet(title: str, content: str) -> None:
    assert "topic-mismatch" not in fired(title, content)


@pytest.mark.parametrize("title,content", [
    ("八家必吃的早餐店", "生煎包、豆浆油条、小馄饨，然后还有个葱油饼摊，今天就先吃到这，吃不下了。"),
    ("9 cafes to try in Lisbon", "Fabrica, Hello Kristof, and Copenhagen Coffee Lab. Okay that's all we had time for today."),
    ("6 stretches for a stiff back", "Cat cow. Child's pose. Knees to chest. That's it, do them every morning."),
])
def test_a_list_that_says_it_ends_short_of_the_promise_is_a_count_warning(title: str, content: str) -> None:
    assert fired(title, content).get("count-claim") == "warn"


def test_a_list_that_ends_on_its_promised_count_stays_quiet() -> None:
    assert "count-claim" not in fired("3 stretches for a stiff back", "Cat cow. Child's pose. Knees to chest. That's it, do them every morning.")
