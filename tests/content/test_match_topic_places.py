"""topic-mismatch: a travel title's city absent while the content names another city where the
video is (a place swapped for another of its kind) warns; a city the content comes from, a title
city the content also names, or a title that is not about visiting a place stays quiet. New
wording beside ordinary drafts."""

from __future__ import annotations

from prelint.checks.match.claims import city_swap, judge_draft


def topic_level(title: str, content: str, onscreen: str = "") -> str | None:
    found = judge_draft(title, None, content, onscreen)["topic-mismatch"]
    return found[0].level if found else None


def test_another_city_in_place_of_the_promised_one_warns() -> None:
    m = city_swap("杭州两日游攻略", "重庆的洪崖洞晚上太美了，人也是真的多。")
    assert m is not None and m.level == "warn"
    assert m.evidence == {"way": "place", "promised": ["杭州"], "content_places": ["重庆"]}
    assert topic_level("东京夜景航拍", "", "首尔·南山塔 夜景") == "warn"


def test_a_city_the_content_comes_from_is_not_where_it_is() -> None:
    assert city_swap("杭州两日游攻略", "从上海坐高铁一个小时就到了，西湖边走走，晚上去河坊街。") is None


def test_the_promised_city_named_too_is_no_swap() -> None:
    assert city_swap("杭州两日游攻略", "杭州第一站西湖，第二天去千岛湖，最后顺路去了趟上海。") is None


def test_a_title_not_about_visiting_a_place_promises_no_place() -> None:
    assert city_swap("在深圳上班的第三年", "今年过年终于去了趟长沙，吃了好多臭豆腐。") is None
