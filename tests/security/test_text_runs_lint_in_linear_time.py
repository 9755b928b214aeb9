"""A title, caption or subtitle made of one long run of digits, numerals or a question word is read
in linear time. Patterns searched from every position re-read a run from each of its characters: a
100 KB title of digits took 91 s, one subtitle cue of 20,000 digits 411 s and of 20,000 一 496 s (a
pre-commit hook that never ends); each is now about a second."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

import prelint

pytestmark = pytest.mark.slow  # long texts of every kind, linted several times each: about 30 s on 2 cores

#: CPU seconds one of these lints may take (about 1 s on the 2-core development machine).
CPU_BUDGET_S = 15.0


@pytest.mark.parametrize("unit", ["1234567890", "一二三", "一", "你", "12年", "1.", "3点", "半个小时",
                                  "\u0661", "\uff10"])  # Arabic-Indic and full-width digits: 129 s for 64,000
def test_a_long_run_in_the_title_and_caption(unit: str) -> None:
    text = unit * (100_000 // len(unit))
    started = time.process_time()
    report = prelint.lint(title=text[:10_000], caption=text)
    cpu = time.process_time() - started
    assert report.rules  # every rule ran
    assert cpu < CPU_BUDGET_S, f"{unit!r} × {len(text) // len(unit)}: {cpu:.1f} s CPU"


@pytest.mark.parametrize("unit", ["1", "一", "\uff10", "\u0661"])  # full-width and Arabic-Indic digits too
def test_one_long_subtitle_cue(tmp_path: Path, unit: str) -> None:
    srt = tmp_path / "clip.srt"
    srt.write_text(f"1\n00:00:00,000 --> 00:00:05,000\n{unit * 20_000}\n", encoding="utf-8")
    started = time.process_time()
    report = prelint.lint(title="今天的分享", caption="记得关注", subtitles=srt)
    cpu = time.process_time() - started
    assert report.rules  # the draft was linted
    assert cpu < CPU_BUDGET_S, f"a cue of 20,000 {unit!r}: {cpu:.1f} s CPU"


def test_a_title_of_two_hundred_thousand_dots() -> None:
    """An exception is searched around its match, and the match (the trailing ellipsis) was the whole
    title: an unanchored exception pattern made a 200 KB title of dots take 346 s."""
    started = time.process_time()
    report = prelint.lint(title="." * 200_000)
    cpu = time.process_time() - started
    assert not report.result("clickbait-title").findings  # an ellipsis alone is no clickbait
    assert cpu < CPU_BUDGET_S, f"{cpu:.1f} s CPU"


def test_a_title_of_digits_over_subtitles(tmp_path: Path) -> None:
    """With subtitles the title-vs-content rules read the title too: a 20 KB title of digits took 78 s."""
    srt = tmp_path / "clip.srt"
    srt.write_text("1\n00:00:00,000 --> 00:00:05,000\n今天做个蛋糕\n", encoding="utf-8")
    started = time.process_time()
    report = prelint.lint(title="1" * 40_000, caption="记得关注", subtitles=srt)
    cpu = time.process_time() - started
    assert report.result("count-claim") is not None
    assert cpu < CPU_BUDGET_S, f"{cpu:.1f} s CPU"


@pytest.mark.parametrize("unit", ["不", "点赞"])
def test_a_long_title_over_a_long_cue_of_one_word(tmp_path: Path, unit: str) -> None:
    """jieba's part-of-speech tagger costs about a third of a millisecond per unknown character: the
    title's topic words and the heads of sentences are read from their first characters only
    (a 10,000-character title of 不 over a cue of 20,000 took 15 s)."""
    text = unit * (20_000 // len(unit))
    srt = tmp_path / "clip.srt"
    srt.write_text(f"1\n00:00:00,000 --> 00:00:05,000\n{text}\n", encoding="utf-8")
    started = time.process_time()
    prelint.lint(title=text[:10_000], caption="记得关注", subtitles=srt)
    cpu = time.process_time() - started
    assert cpu < CPU_BUDGET_S / 2, f"{cpu:.1f} s CPU"


@pytest.mark.parametrize("run", ["上分" * 9_950, ("上分" * 32 + "，") * 300], ids=["one-run", "short-runs"])
def test_subtitles_of_words_outside_the_dictionary_beside_every_excluded_word(tmp_path: Path, run: str) -> None:
    """topic-mismatch tags the content's nouns once per concept whose excluded words (热狗, 熊猫, 男孩子)
    occur, and jieba's HMM guesses at unknown words about 1 ms a character: a 60 KB cue took 127 s."""
    srt = tmp_path / "clip.srt"
    srt.write_text(f"1\n00:00:00,000 --> 00:00:05,000\n热狗 熊猫 男孩子 狗 猫 孩子 {run}\n", encoding="utf-8")
    started = time.process_time()
    report = prelint.lint(title="狗猫孩子组间组间", caption="x", subtitles=srt)
    cpu = time.process_time() - started
    assert report.result("topic-mismatch") is not None
    assert cpu < CPU_BUDGET_S / 2, f"{cpu:.1f} s CPU"


# --------------------------------------------------------------------------- work per pair of matches
# Each shape below made some step look at every earlier match, figure or quote again for each new one:
# the CPU time of the old code at these sizes is in the comment (a pre-commit hook that took minutes).

def _lint_over_one_cue(tmp_path: Path, title: str, cue: str) -> float:
    srt = tmp_path / "clip.srt"
    srt.write_text(f"1\n00:00:00,000 --> 00:00:09,000\n{cue}\n", encoding="utf-8")
    started = time.process_time()
    report = prelint.lint(title=title, caption="记得关注", subtitles=srt)
    assert report.rules
    return time.process_time() - started


@pytest.mark.parametrize("title, unit, count", [
    ("百万粉丝，" * 1000, "两千粉丝，", 1000),  # every title figure against every content figure: 64 s, 1.1 GB
    ("三亚旅游攻略", "从北京", 32_000),  # the text before each city searched whole: 26 s
    ("5个技巧", "就这些", 26_666),  # the clauses before each list end counted again: 48 s
    ("月入十万", "3天赚了10万，", 2000),  # money read over the rest of the text after each span: 34 s
    ("月入十万", "一天100块", 10_000),  # each amount checked against every earlier one: 27 s
    ("5个技巧", "2 years ", 20_000),  # the text before each duration searched whole: 61 s
    ("5个技巧", "next, ", 26_666),  # later events listed again for each English marker: 69 s
    ("5个技巧", "记得点赞，" * 2 + "@a(123) ", 20_000),  # each invitation against every account mention
], ids=["figure-pairs", "cities", "list-ends", "span-earnings", "amounts", "english-spans", "english-markers",
        "account-mentions"])
def test_text_with_many_matches_lints_in_linear_time(tmp_path: Path, title: str, unit: str, count: int) -> None:
    cpu = _lint_over_one_cue(tmp_path, title, unit * count)
    assert cpu < CPU_BUDGET_S, f"{unit!r} × {count}: {cpu:.1f} s CPU"


@pytest.mark.parametrize("field, text", [
    ("title", "震惊《a》" * 10_000 + "《a》" * 32_000),  # every book title rescanned per clickbait term: 119 s
    ("caption", "「点赞」骗局" * 32_000),  # every quote compared with every engagement word: 30 s
], ids=["book-titles", "quotes"])
def test_a_field_of_many_quotes_or_titles_lints_in_linear_time(field: str, text: str) -> None:
    started = time.process_time()
    report = prelint.lint(**{field: text})
    cpu = time.process_time() - started
    assert report.rules
    assert cpu < CPU_BUDGET_S, f"{field}: {cpu:.1f} s CPU"


@pytest.mark.parametrize("name, body", [
    # pysubs2's clean-up and section patterns re-read the rest of a cue from each blank line, unclosed <, { or [
    ("clip.srt", "1\n00:00:00,000 --> 00:00:05,000\nx" + "\n" * 80_000 + "x\n"),  # 64 s
    ("clip.srt", "1\n00:00:00,000 --> 00:00:05,000\n" + "<a" * 200_000 + "\n"),  # 15 s (50 s at twice the size)
    ("clip.ass", "[Script Info]\nScriptType: v4.00+\n\n[Events]\nFormat: Layer, Start, End, Style, Name, MarginL, MarginR, "
                 "MarginV, Effect, Text\nDialogue: 0,0:00:00.00,0:00:05.00,Default,,0,0,0,,x" + "{" * 200_000 + "\n"),  # 25 s
    # an unclosed < or { in a cue that other cues follow: each opener re-read the rest of its cue (309 s at 1 MiB)
    ("clip.srt", "1\n00:00:00,000 --> 00:00:05,000\n" + "<a" * 200_000 + "\n\n2\n00:00:05,000 --> 00:00:06,000\n<i>ok</i>\n"),
    ("clip.srt", "1\n00:00:00,000 --> 00:00:05,000\n" + "{" * 200_000 + "\n\n2\n00:00:05,000 --> 00:00:06,000\n{b}ok\n"),
    # an ASS line that opens with [ and never closes it: pysubs2's section test took 89 s at 400 KB
    ("clip.ass", "[Script Info]\nScriptType: v4.00+\n[" + "a" * 200_000 + "\n\n[Events]\nFormat: Layer, Start, End, Style, Name, "
                 "MarginL, MarginR, MarginV, Effect, Text\nDialogue: 0,0:00:00.00,0:00:05.00,Default,,0,0,0,,hello\n"),
], ids=["blank-lines", "unclosed-tags", "unclosed-overrides", "unclosed-tags-before-a-cue",
        "unclosed-overrides-before-a-cue", "unclosed-section"])
def test_subtitle_markup_that_nothing_closes_is_read_in_linear_time(tmp_path: Path, name: str, body: str) -> None:
    subtitles = tmp_path / name
    subtitles.write_text(body, encoding="utf-8")
    started = time.process_time()
    report = prelint.lint(title="5个技巧", subtitles=subtitles)
    cpu = time.process_time() - started
    assert report.content is not None and report.content.spans("subtitles")  # the cue was read
    assert cpu < CPU_BUDGET_S, f"{name}: {cpu:.1f} s CPU"


def test_the_title_vs_content_rules_read_a_bounded_part_of_the_text(tmp_path: Path) -> None:
    """The MATCH rules judge the title's first MAX_JUDGED_TITLE_CHARS characters and the content's
    first MAX_JUDGED_CONTENT_CHARS, and say so when the content was longer."""
    from prelint.checks.match.claims import MAX_JUDGED_CONTENT_CHARS

    srt = tmp_path / "clip.srt"
    srt.write_text("1\n00:00:00,000 --> 00:00:09,000\n" + "今天做个蛋糕。" * 5000 + "\n", encoding="utf-8")
    report = prelint.lint(title="蛋糕" * 1000, subtitles=srt, select=["MATCH"])
    assert report.result("topic-mismatch").metrics["content_read_up_to_chars"] == MAX_JUDGED_CONTENT_CHARS


def test_a_caption_of_one_milestone_repeated_lints_in_linear_time() -> None:
    """engagement-bait's guard checked every engagement word against every milestone (209 s at 1 MB)."""
    started = time.process_time()
    report = prelint.lint(caption="点赞到一万那天" * 40_000, select=["CTA"])
    cpu = time.process_time() - started
    assert report.rules
    assert cpu < CPU_BUDGET_S, f"{cpu:.1f} s CPU"


def test_team_terms_and_allowed_phrases_are_bounded() -> None:
    """Every team term is tried at every position and every allowed phrase around every match: 31,000
    terms took 115 s, 55,000 phrases made a lint 9× slower. At most MAX_TEAM_ENTRIES of each."""
    from prelint.errors import ConfigError
    from prelint.text.lexicon import MAX_TEAM_ENTRIES

    terms = [{"rule": "absolute-terms", "term": f"q{i:06d}x"} for i in range(MAX_TEAM_ENTRIES + 1)]
    with pytest.raises(ConfigError, match="lexicon.extend' holds 501 entries"):
        prelint.lint(title="今天的分享", config={"lexicon": {"extend": terms}})
    with pytest.raises(ConfigError, match="lexicon.allow' holds 501 phrases"):
        prelint.lint(title="今天的分享", config={"lexicon": {"allow": [f"牌子{i}" for i in range(MAX_TEAM_ENTRIES + 1)]}})
    assert prelint.lint(title="今天的分享", config={"lexicon": {"extend": terms[:MAX_TEAM_ENTRIES]}}).rules


def test_the_sentiment_option_rates_a_title_by_its_first_characters(monkeypatch) -> None:
    """snownlp's tagger is quadratic in its text (a 240 KB title took 151 s): it is given the title's
    first SENTIMENT_CHARS characters."""
    import sys
    import types

    from prelint.checks.risk.clickbait_title import SENTIMENT_CHARS

    seen: list[int] = []

    class SnowNLP:
        def __init__(self, text: str) -> None:
            seen.append(len(text))
            self.sentiments = 0.5

    monkeypatch.setitem(sys.modules, "snownlp", types.SimpleNamespace(SnowNLP=SnowNLP))
    config = {"options": {"clickbait-title": {"sentiment-weight": 1}}}
    prelint.lint(title="今天天气真好" * 40_000, select=["clickbait-title"], config=config)
    assert seen and max(seen) <= SENTIMENT_CHARS


def test_the_diff_of_a_long_metadata_edit_is_made_in_linear_time() -> None:
    """`prelint fix` prints the metadata file's diff; difflib took minutes on 10,000 edited lines."""
    from prelint.fix import MetadataEdit

    old = 'title = "x"\ncaption = """\n' + "".join("好吃!!\n" if i % 2 == 0 else "ok\n" for i in range(40_000)) + '"""\n'
    new = old.replace("好吃!!", "好吃!")
    started = time.process_time()
    diff = MetadataEdit(Path("clip.prelint.toml"), old, new).diff()
    cpu = time.process_time() - started
    assert diff.count("\n-好吃!!") == 20_000 and diff.count("\n+好吃!") == 20_000
    assert cpu < CPU_BUDGET_S / 3, f"{cpu:.1f} s CPU"


@pytest.mark.parametrize("unit", [".", "。", "！", "!?", "9", "1-", "a.", "a-", "@", "哈", "点赞", "互关", "十", "万"])
def test_long_runs_match_the_lexicons_in_linear_time(unit: str) -> None:
    """Subtitles can be long; nested or unguarded quantifiers made runs like "。。。…" take minutes."""
    from prelint.text.matcher import analyze_field

    analyze_field("title", "warm up")
    text = unit * (20000 // len(unit)) + "z"
    started = time.process_time()
    analyze_field("subtitles", text)
    # CPU seconds, not wall time: a generous bound that only catastrophic backtracking (minutes) breaks
    assert time.process_time() - started < 10.0
