"""count-claim reads lists by their shape as well as their markers: a title counts any noun a
classifier counts; the content names fewer items when it points back at them (这两点, "those two"),
says its list ends (就这几样, "that's my list"), names works by their titles (《…》), names things
with a sequence word and 是 (首先是…其次是…), says its first item in the clause before 然后, or
names things in sentences of their own ("The bamboo grove in Arashiyama."). Each
shape in new wording beside an ordinary draft that stays quiet."""

from __future__ import annotations

import pytest

from prelint.checks.match.claims import find_count_claims, judge_count, judge_draft


def fired(title: str, content: str, onscreen: str = "") -> dict[str, str]:
    """count-claim's level, when it fires, judged as a draft is."""
    return {name: found[0].level for name, found in judge_draft(title, None, content, onscreen).items()
            if found and name == "count-claim"}


def count_finding(title: str, content: str):
    found = judge_count(title, None, content)
    assert len(found) == 1, found
    assert found[0].level in ("", "warn") and found[0].rule == "count-claim"
    return found[0]


# --------------------------------------------------------------------------- the title's claim

@pytest.mark.parametrize("title,count,noun", [
    ("4个提升拍照质感的手机设置", 4, "设置"),     # a relative clause, then the counted noun
    ("5个新手必学的吉他和弦", 5, "和弦"),
    ("新手露营必带的7件装备", 7, "装备"),
])
def test_a_classifier_counts_any_noun(title: str, count: int, noun: str) -> None:
    claims = find_count_claims(title)
    assert [(c.count, c.noun) for c in claims] == [(count, noun)]


@pytest.mark.parametrize("title", ["3个月存下两万块", "两个人的周末小旅行", "两个鸡蛋的早餐", "两个孩子的暑假"])
def test_a_classifier_that_measures_time_people_or_a_part_is_no_list(title: str) -> None:
    assert find_count_claims(title) == []


def test_a_counted_noun_outside_the_lexicon_is_judged() -> None:
    finding = count_finding("4个提升拍照质感的手机设置", "第一，打开网格线。第二，关掉自动美颜。今天就分享这些。")
    assert finding.evidence["claimed"] == 4 and finding.evidence["found"] == 2
    assert fired("4个提升拍照质感的手机设置", "第一，打开网格线。第二，关掉自动美颜。第三，锁定曝光。第四，用人像模式。") == {}


# --------------------------------------------------------------------------- what the content says it covers

def test_a_count_pointing_back_at_what_was_named() -> None:
    finding = count_finding("种月季必做的六件事", "春天要重剪，夏天勤浇水，这两点做好，花能开满一墙。")
    assert finding.evidence["found"] == 2 and finding.evidence["stated"] == 2
    assert fired("种月季必做的两件事", "春天要重剪，夏天勤浇水，这两点做好，花能开满一墙。") == {}
    # at the start it announces what follows, and says nothing of how many came
    assert fired("种月季必做的六件事", "这两点最多人问：春天重剪，夏天勤浇水，还有施肥、换盆、防虫、通风，一共六件。") == {}


def test_those_two_points_back_in_english() -> None:
    finding = count_finding("15 gadgets for a tidy desk", "A monitor light and a felt desk mat. Trust me, those two are all you need.")
    assert finding.level == "warn" and finding.evidence["found"] == 2
    assert fired("2 gadgets for a tidy desk", "A monitor light and a felt desk mat. Trust me, those two are all you need.") == {}
    # a plural noun of another kind after "those" counts something else
    assert fired("15 gadgets for a tidy desk", "Those 3 minutes of tidying each night changed my desk.") == {}


def test_the_claims_own_classifier_names_the_item() -> None:
    finding = count_finding("4道减脂晚餐", "今天就做一道凉拌鸡丝，鸡胸肉煮熟撕成丝，加黄瓜和醋拌一拌。")
    assert finding.evidence["found"] == 1
    assert fired("4道减脂晚餐", "第一道凉拌鸡丝。第二道番茄豆腐。第三道清炒西兰花。第四道冬瓜汤。") == {}


def test_only_this_one_points_at_what_is_covered() -> None:
    finding = count_finding("三个动作缓解肩颈酸痛", "只要这一个动作：双手抱头，慢慢往下压，停十秒。")
    assert finding.evidence["stated"] == 1
    assert fired("三个动作缓解肩颈酸痛", "只要三个弹力带就能练。第一个动作抱头下压，第二个动作扩胸，第三个动作耸肩。") == {}


# --------------------------------------------------------------------------- an unmarked list that ends

def test_a_list_that_says_it_ends_is_bounded_by_its_clauses() -> None:
    finding = count_finding("10种适合阳台的花", "月季、绣球、茉莉，就这几样，好养又好看。")
    assert finding.evidence["found"] == 3 and finding.evidence["admitted_at_most"] == 3
    assert fired("10种适合阳台的花", "月季、绣球、茉莉、栀子、三角梅、天竺葵、长寿花、太阳花、铜钱草、薄荷，就这几样，好养又好看。") == {}


def test_thats_my_list_ends_an_english_list() -> None:
    finding = count_finding("8 podcasts for a long commute", "Hardcore History for the long drives. Radiolab when I want "
                                                               "something lighter. That's my list.")
    assert finding.evidence["found"] == 2
    assert fired("2 podcasts for a long commute", "Hardcore History for the long drives. Radiolab when I want something "
                                                  "lighter. That's my list.") == {}


def test_a_marked_list_is_counted_by_its_markers_not_by_its_end() -> None:
    # 就这些 after three marked items: three, not the clauses before it
    finding = count_finding("6个冰箱收纳技巧", "第一，鸡蛋放盒子里，不占门边。第二，剩菜贴上日期，吃的时候不乱。第三，蔬菜竖着放。就这些，下期见。")
    assert finding.evidence["found"] == 3
    assert fired("3个冰箱收纳技巧", "第一，鸡蛋放盒子里，不占门边。第二，剩菜贴上日期，吃的时候不乱。第三，蔬菜竖着放。就这些，下期见。") == {}


# --------------------------------------------------------------------------- things named as items

def test_works_named_by_their_titles_are_items() -> None:
    finding = count_finding("6部适合周末看的电影", "《海上钢琴师》看一次哭一次，《心灵捕手》也很好，《寻梦环游记》适合一家人看。")
    assert finding.evidence["found"] == 3
    assert fired("3部适合周末看的电影", "《海上钢琴师》看一次哭一次，《心灵捕手》也很好，《寻梦环游记》适合一家人看。") == {}


def test_a_sequence_word_that_says_what_the_item_is_names_a_thing() -> None:
    finding = count_finding("新手露营必带的7件装备", "首先是一顶好帐篷。其次是防潮垫，睡着不凉。最后就是一盏营地灯。")
    assert finding.evidence["found"] == 3
    # a recipe's steps are no dishes: 首先…然后…最后 without 是 counts nothing under 5道菜
    assert fired("5道家常菜", "首先鸡翅焯水，然后下锅煎到金黄，最后倒可乐收汁。") == {}


def test_an_unmarked_first_item_in_the_clause_before_a_sequence_word() -> None:
    # 深蹲 before 然后 is the first item whether a comma or a full stop ends it
    finding = count_finding("5个练腿的小动作", "深蹲二十个，然后弓步走十步，歇一会儿。")
    assert finding.evidence["found"] == 2
    assert fired("5个练腿的小动作", "深蹲二十个，然后弓步走，再来臀桥，接着侧抬腿，最后靠墙静蹲。") == {}
    # a first item alone begins nothing yet: the content may show the rest
    assert fired("5个练腿的小动作", "首先深蹲二十个，跟着视频做。") == {}


# --------------------------------------------------------------------------- sentences that only name things

def test_sentences_that_name_things_are_a_list() -> None:
    finding = count_finding("8 easy trips from Kyoto", "Nara Park with the deer. The bamboo grove in Arashiyama. "
                                                        "Fushimi Inari before sunrise. Pack water.")
    assert finding.level == "warn" and finding.evidence["found"] == 4
    assert fired("4 easy trips from Kyoto", "Nara Park with the deer. The bamboo grove in Arashiyama. "
                                            "Fushimi Inari before sunrise. Pack water.") == {}


def test_a_list_sentence_counts_each_part() -> None:
    finding = count_finding("15 herbs for a windowsill", "Basil, mint, chives, and a little pot of thyme. Water them when the soil is dry.")
    assert finding.evidence["found"] == 5
    assert fired("4 herbs for a windowsill", "Basil, mint, chives, and a little pot of thyme. Water them when the soil is dry.") == {}


def test_narration_over_a_list_shown_on_screen_is_no_list() -> None:
    # fewer than three things named: the items may be on screen
    assert fired("10 fall outfits", "Fall outfits. Cozy knits and boots. Which one's your favourite?") == {}
    # a sentence that counts sums up rather than names an item
    assert fired("I tried 12 bakeries in Paris", "Twelve bakeries, three days, and way too many croissants. Du Pain was the best.") == {}
