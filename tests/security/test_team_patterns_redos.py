"""A team's regular expressions (`[lexicon] extend`: `pattern` and `exceptions`) come with the
repository being linted. They run on RE2, whose time is linear in the text, so no pattern can make a
lint take exponential (or cubic) time; a pattern RE2 cannot run is a config error, exit 2."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from cli_runner import run_cli

#: Each pattern with a text on which Python's backtracking `re` takes from seconds to forever
#: (30 characters are enough for the first; the second grows like Fibonacci, the third is cubic).
HOSTILE = [
    ("(a|a)*b", "a" * 30),
    ("(a|aa)+c", "a" * 40),
    (".*.*.*=", "a" * 3000),
]

#: Times one match of every lexicon over the hostile text, in a child process that can be killed.
PROBE = """
import json, sys, time
from prelint.text import analyze_field, configured_lexicons
entry, text = json.loads(sys.argv[1]), sys.stdin.read()
lexicons = configured_lexicons({"extend": [entry]})
analyze_field("title", "warm up", lexicons)
started = time.perf_counter()
analyze_field("title", text, lexicons)
print(time.perf_counter() - started)
"""


def _match_seconds(entry: dict, text: str, cli_env: dict[str, str]) -> float | None:
    try:
        done = subprocess.run([sys.executable, "-c", PROBE, json.dumps(entry)], input=text, capture_output=True,
                              text=True, env=cli_env, timeout=20)
    except subprocess.TimeoutExpired:
        return None
    assert done.returncode == 0, done.stderr[-2000:]
    return float(done.stdout.strip())


@pytest.mark.parametrize("where", ["pattern", "exceptions"])
@pytest.mark.parametrize("pattern, text", HOSTILE, ids=[p for p, _ in HOSTILE])
def test_team_pattern_matches_a_hostile_text_in_linear_time(where: str, pattern: str, text: str,
                                                              cli_env: dict[str, str]) -> None:
    if where == "pattern":
        entry = {"rule": "clickbait-title", "pattern": pattern, "category": "team"}
    else:  # every `a` is a match, so the exception is tried around each of them
        entry = {"rule": "clickbait-title", "pattern": "a", "category": "team", "exceptions": [pattern]}
    seconds = _match_seconds(entry, text, cli_env)
    assert seconds is not None, f"{where} {pattern!r} on {len(text)} characters did not finish in 20 s"
    assert seconds < 0.5, f"{where} {pattern!r} took {seconds:.2f} s"


def test_hostile_team_pattern_in_a_config_file_lints_quickly(cli_env: dict[str, str], tmp_path: Path) -> None:
    (tmp_path / "prelint.toml").write_text(
        '[lexicon]\nextend = [\n'
        '  {rule = "clickbait-title", pattern = "(a|a)*b", category = "team"},\n'
        '  {rule = "absolute-terms", term = "aaa", category = "team", exceptions = ["(a|aa)+c", ".*.*.*="]},\n'
        ']\n', encoding="utf-8")
    run = run_cli("--title", "a" * 30, "--select", "RISK", cwd=tmp_path, env=cli_env, timeout_s=30)
    assert not run.timed_out, "hang"
    assert run.returncode in (0, 1), run.describe()


@pytest.mark.parametrize("pattern, words", [
    ("(?<=加)vx", "lookahead and lookbehind"),
    ("vx(?!lan)", "lookahead and lookbehind"),
    ("(微信)\\\\1", "backreferences"),
    ("a{2,1000}" * 50, "too large"),
    (".{0,1000}c", "at most 1000"),
])
def test_team_pattern_that_re2_cannot_run_is_a_config_error(pattern: str, words: str, cli_env: dict[str, str],
                                                            tmp_path: Path) -> None:
    (tmp_path / "prelint.toml").write_text(
        f'[lexicon]\nextend = [{{rule = "off-platform-contact", category = "team", exceptions = ["{pattern}"], '
        f'term = "vx"}}]\n', encoding="utf-8")
    run = run_cli("--title", "加vx", cwd=tmp_path, env=cli_env, timeout_s=30)
    assert run.returncode == 2, run.describe()
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1, run.describe()
    assert "prelint.toml" in lines[0] and "lexicon.extend[0].exceptions[0]" in lines[0] and words in lines[0], lines[0]


def test_a_pattern_matching_every_character_of_long_subtitles_stays_bounded(cli_env: dict[str, str],
                                                                           tmp_path: Path) -> None:
    """`.` matches each of the 1.3 million characters of a 3.9 MB subtitles file; only the first
    MAX_MATCHES_PER_FIELD are weighed (each took ~55 µs in context: 827k of them took 76 s)."""
    from prelint.text.matcher import MAX_MATCHES_PER_FIELD

    line = "今天我们来做一道家常菜，非常好吃的红烧肉做法"
    with (tmp_path / "clip.srt").open("w", encoding="utf-8") as out:
        for i in range(36_000):
            out.write(f"{i + 1}\n00:{i // 60 % 60:02d}:{i % 60:02d},000 --> 00:{i // 60 % 60:02d}:{i % 60:02d},900\n{line}\n\n")
    (tmp_path / "prelint.toml").write_text(
        '[lexicon]\nextend = [{rule = "absolute-terms", pattern = ".", category = "team"}]\n', encoding="utf-8")
    run = run_cli("--subtitles", "clip.srt", "--title", "家常红烧肉", "--select", "RISK002", "--no-cache",
                  "--format", "json", cwd=tmp_path, env=cli_env, timeout_s=30, max_memory_bytes=2 << 30)
    assert not run.timed_out, "no result in 30 s"
    assert run.returncode == 0, run.describe()  # nothing is promoted: single characters are no claims
    (rule,) = json.loads(run.stdout)["drafts"][0]["rules"]
    assert rule["metrics"].get("terms", 0) <= MAX_MATCHES_PER_FIELD


def test_team_patterns_together_have_a_size_limit(cli_env: dict[str, str], tmp_path: Path) -> None:
    """RE2's time grows with its program when its DFA gives up: six `.{0,1000}c…` patterns over 4 MiB
    of subtitles took 389 s. One pattern and all of them together are bounded in size."""
    from prelint.text.team_patterns import MAX_PATTERN_PROGRAM, MAX_TOTAL_PROGRAM

    assert MAX_PATTERN_PROGRAM <= 1000 and MAX_TOTAL_PROGRAM <= 5000
    entries = ",\n".join(f'  {{rule = "off-platform-contact", pattern = ".{{0,105}}c{"q" * k}", category = "team"}}'
                          for k in range(6))
    (tmp_path / "prelint.toml").write_text(f"[lexicon]\nextend = [\n{entries}\n]\n", encoding="utf-8")
    run = run_cli("--title", "标题", cwd=tmp_path, env=cli_env, timeout_s=30)
    assert run.returncode == 2, run.describe()
    assert "lexicon.extend[5]" in run.stderr and "more than 5000" in run.stderr


@pytest.mark.parametrize("where", ["pattern", "exceptions"])
def test_a_pattern_that_reads_to_the_end_at_every_match_stays_linear(where: str, cli_env: dict[str, str]) -> None:
    """RE2 is linear per search, but `最.*x|最` reads to the end of what it is given at every match:
    searching the whole field once per match took 443 s on a 1 MB title of 最 (69 s on 80,000)."""
    if where == "pattern":
        entry = {"rule": "absolute-terms", "pattern": "最.*x|最", "category": "superlative"}
    else:
        entry = {"rule": "absolute-terms", "term": "最", "category": "superlative", "exceptions": ["最.*x|最"]}
    seconds = _match_seconds(entry, "最" * 80_000, cli_env)
    assert seconds is not None and seconds < 5, f"{where}: {seconds} s"


def test_team_matches_are_those_re2_finds_with_the_field_edges_kept() -> None:
    import random

    import re2

    from prelint.text.team_patterns import MAX_TEAM_MATCH, compile_team_pattern

    rng = random.Random(5)
    text = "".join(rng.choice("ab xy最高") for _ in range(5 * MAX_TEAM_MATCH))
    for pattern in ("ab", r"\bxy\b", "a[^ ]{0,20}b", "最高?", "^.", ".$", "x|y y"):
        found = [(m.start(), m.end()) for m in compile_team_pattern(pattern).finditer(text)]
        expected = [m.span() for m in re2.finditer(pattern, text) if m.end() > m.start()]  # one search over all
        assert found == expected, pattern
    edges = "x" + "-" * (3 * MAX_TEAM_MATCH) + "x"
    assert [m.start() for m in compile_team_pattern("^x").finditer(edges)] == [0]
    assert [m.start() for m in compile_team_pattern("x$").finditer(edges)] == [len(edges) - 1]


def test_a_team_match_longer_than_the_limit_is_not_counted() -> None:
    from prelint.text.team_patterns import MAX_TEAM_MATCH, compile_team_pattern

    pattern = compile_team_pattern("a+")
    longest = "a" * (MAX_TEAM_MATCH - 1)
    assert [(m.start(), m.end()) for m in pattern.finditer("b" + longest + "b")] == [(1, MAX_TEAM_MATCH)]
    assert list(pattern.finditer("b" + longest + "ab")) == []
    assert list(pattern.finditer("a" * (3 * MAX_TEAM_MATCH) + "b")) == []
    far = "b" * (5 * MAX_TEAM_MATCH) + longest + "b"  # the same phrase where the windows fall elsewhere
    assert [(m.start(), m.end()) for m in pattern.finditer(far)] == [(5 * MAX_TEAM_MATCH, 6 * MAX_TEAM_MATCH - 1)]
