"""`[tool.prelint.lexicon]`: extend, allow, remove — and clear errors for broken values."""

from __future__ import annotations

import pytest

import prelint
from prelint.errors import ConfigError
from prelint.text import analyze_field, configured_lexicons


def test_extend_adds_a_term_to_a_rule_by_name_or_code():
    config = {"lexicon": {"extend": [
        {"rule": "absolute-terms", "term": "宇宙无敌", "category": "custom", "level": "error", "note": "house rule"},
        {"rule": "RISK003", "pattern": r"私域群\d+", "category": "group"},
    ]}}
    report = prelint.lint(caption="宇宙无敌好用，进私域群12", config=config, select=["RISK002", "RISK003"])
    assert not report.result("RISK002").findings  # a claim needs a promotional context, a team's own term too
    report = prelint.lint(caption="宇宙无敌好用，进私域群12，下单链接在群里", config=config, select=["RISK002", "RISK003"])
    (claim,) = report.result("RISK002").findings
    assert (claim.start, claim.end, claim.level.value, claim.evidence["category"]) == (0, 4, "error", "custom")
    (contact,) = report.result("RISK003").findings
    assert (contact.evidence["text"], contact.evidence["category"]) == ("私域群12", "group")


def test_allow_drops_matches_inside_a_brand_name_and_remove_switches_a_term_off():
    config = {"lexicon": {"allow": ["极品家居"], "remove": ["首选"]}}
    report = prelint.lint(caption="极品家居的沙发，秋冬首选，极品大红袍", config=config, select=["RISK002"])
    assert not report.findings  # no price, shop or order: nothing is advertised
    report = prelint.lint(caption="极品家居的沙发，秋冬首选，极品大红袍98元", config=config, select=["RISK002"])
    assert [f.evidence["text"] for f in report.findings] == ["极品"]
    assert report.findings[0].start == 13


def test_a_config_term_replaces_the_builtin_entry_with_the_same_term():
    lexicons = configured_lexicons({"extend": [{"rule": "absolute-terms", "term": "国家级", "level": "info"}]})
    (match,) = analyze_field("title", "国家级品质", lexicons, rules=("absolute-terms",)).matches
    assert match.level.value == "info"
    assert [e.key for e in lexicons["absolute-terms"].entries].count("国家级") == 1


@pytest.mark.parametrize(
    "lexicon, key",
    [
        ({"extnd": []}, "lexicon.extnd"),
        ({"extend": "宇宙第一"}, "lexicon.extend"),
        ({"extend": [{"term": "x"}]}, "lexicon.extend[0].rule"),
        ({"extend": [{"rule": "no-such-rule", "term": "x"}]}, "lexicon.extend[0].rule"),
        ({"extend": [{"rule": "absolute-terms"}]}, "lexicon.extend[0]"),
        ({"extend": [{"rule": "absolute-terms", "term": "x", "pattern": "y"}]}, "lexicon.extend[0]"),
        ({"extend": [{"rule": "absolute-terms", "pattern": "最(好"}]}, "lexicon.extend[0].pattern"),
        ({"extend": [{"rule": "absolute-terms", "term": "x", "level": "fatal"}]}, "lexicon.extend[0].level"),
        ({"extend": [{"rule": "absolute-terms", "term": "x", "weight": -1}]}, "lexicon.extend[0].weight"),
        ({"extend": [{"rule": "absolute-terms", "term": "x", "colour": "red"}]}, "lexicon.extend[0].colour"),
        ({"extend": [{"rule": "absolute-terms", "term": "x", "exceptions": ["("]}]}, "lexicon.extend[0].exceptions[0]"),
        ({"allow": "品牌"}, "lexicon.allow"),
        ({"remove": ["never-a-term"]}, "lexicon.remove[0]"),
    ],
)
def test_broken_lexicon_config_names_the_key(lexicon, key):
    with pytest.raises(ConfigError) as caught:
        prelint.lint(title="标题", config={"lexicon": lexicon}, select=["RISK002"])
    assert f"'{key}'" in str(caught.value)


def test_broken_lexicon_in_a_config_file_names_the_file(tmp_path):
    config = tmp_path / "prelint.toml"
    config.write_text('[lexicon]\nextend = [{rule = "absolute-terms", pattern = "最(好"}]\n', "utf-8")
    with pytest.raises(ConfigError) as caught:
        prelint.lint(title="标题", config=config, select=["RISK002"])
    assert str(config) in str(caught.value) and "lexicon.extend[0].pattern" in str(caught.value)
