"""A title, caption or subtitle made of one long run of digits, numerals or a question word is read
in linear time. Patterns searched from every position re-read a run from each of its characters: a
100 KB title of digits took 91 s, one subtitle cue of 20,000 digits 411 s and of 20,000 一 496 s (a
pre-commit hook that never ends); each is now about a second."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

import prelint

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
