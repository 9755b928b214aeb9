"""topic-mismatch warns when the content announces a subject of its own ("今天教大家做X", "这期聊聊X",
"today we're making X", "this is my X") and none of the title's words or concepts appear in it; under
a hyped title or a sum of money the gap is hype-gap's to judge, and a presented way of making
(这是我外婆的做法) names no other thing. New wording beside ordinary drafts."""

from __future__ import annotations

from prelint.checks.match.claims import judge_draft, judge_topic


def level(title: str, content: str) -> str | None:
    found = judge_draft(title, None, content, "")["topic-mismatch"]
    return found[0].level if found else None


def test_an_announced_subject_with_nothing_of_the_title_warns() -> None:
    [m] = judge_topic("阳台种草莓全过程", None, "今天教大家做一道糖醋里脊，里脊切条裹上淀粉，下锅炸两遍。")
    assert m.level == "warn"
    assert m.evidence["missing_share"] == 1.0 and m.evidence["announced"] == ["糖醋里脊"]
    assert level("阳台种草莓全过程", "今天教大家种草莓，先选一个深一点的花盆，土里拌点有机肥。") is None


def test_an_announced_subject_in_english_warns() -> None:
    [m] = judge_topic("How to wax a snowboard", None, "Today we're making lemon bars. Press the shortbread into the pan and bake it first.")
    assert m.level == "warn" and m.evidence["announced"]
    assert level("How to wax a snowboard", "Today we're waxing my old snowboard. Melt the wax on the iron and drip it along the base.") is None


def test_one_title_word_in_the_content_keeps_it_informative() -> None:
    # 酸奶 is there: related after all, not a swap
    assert level("自制酸奶机酸奶", "今天做的是酸奶蛋糕，鸡蛋分离，蛋白打发。") != "warn"


def test_a_hyped_title_or_a_sum_is_hype_gaps_to_judge() -> None:
    assert level("五星级大厨的私房牛排", "今天做个家常土豆丝，土豆切丝泡水，大火快炒。") != "warn"
    assert level("How I saved $5,000 in three months", "Today we're baking banana muffins. Mash three bananas with a fork.") != "warn"


def test_a_presented_way_of_making_names_no_other_thing() -> None:
    assert level("红烧肉家常版", "这是我外婆的做法，五花肉切块先焯水，再炒糖色。") is None


def test_what_is_taught_after_jiao_dajia_is_announced() -> None:
    assert level("如何给自行车上链油", "今天教大家包馄饨，肉馅里加点虾仁，皮子对折再捏紧。") == "warn"
    assert level("如何给自行车上链油", "今天教大家给自行车上油，链条先擦干净，再一节一节滴油。") is None


def test_showing_the_viewers_something_announces_it() -> None:
    assert level("零基础学素描", "周末搬家了，给大家看看我的新书房，书架是自己装的。") == "warn"
    assert level("我的新书房改造", "周末搬家了，给大家看看我的新书房，书架是自己装的。") is None


def test_walking_you_through_and_a_name_introduced_announce_a_subject() -> None:
    assert level("How to replace a bike chain", "Today I'm walking you through my evening skincare routine, starting with an oil cleanser.") == "warn"
    assert level("My evening skincare routine", "Today I'm walking you through my evening skincare routine, starting with an oil cleanser.") is None
    assert level("How to file your taxes", "Meet Pickles! She's a two-year-old tabby who loves cardboard boxes.") == "warn"
    assert level("Our new kitten's first week", "Meet Pickles! She's our new kitten and she loves cardboard boxes.") is None


def test_an_announced_subject_jieba_reads_as_verbs_still_names_something() -> None:
    # 通勤穿搭: jieba tags 通勤 an abbreviation and 穿/搭 verbs; 通勤 still names the subject
    assert level("新手冲浪第一课", "今天聊聊我的通勤穿搭，风衣配直筒牛仔裤，显高。") == "warn"


def test_a_category_word_announced_by_the_content_is_its_subject() -> None:
    # 早餐 promises no one subject in a title, but the content that shares its breakfast names one
    assert level("Python入门第一课", "今天分享一下我的早餐，燕麦配酸奶，再来一个水煮蛋。") == "warn"
    assert level("我的早餐日常", "今天分享一下我的早餐，燕麦配酸奶，再来一个水煮蛋。") is None
