"""Text from a draft never drives the terminal: escape sequences and newlines are printed visibly.

A caption holding `ESC[2J … ESC]0;owned BEL … ESC[32mprelint: all checks passed ESC[8m` must not
clear the screen, retitle the terminal or show a fake pass line; a newline in an ignore reason must
not add summary lines.
"""

from __future__ import annotations

import os
import subprocess
import sysconfig
from pathlib import Path

import pytest

from prelint.terminal import visible

PRELINT = Path(sysconfig.get_path("scripts")) / "prelint"
ESC, BEL = "\x1b", "\x07"
HOSTILE = f"{ESC}[2J加微信abc12345{ESC}]0;owned{BEL}\n{ESC}[32mprelint: all checks passed{ESC}[8m\u202e"


def _toml_string(text: str) -> str:
    return '"' + "".join(f"\\u{ord(c):04x}" if ord(c) < 0x20 or 0x7f <= ord(c) <= 0x9f or c in '"\\\u202e' else c
                         for c in text) + '"'


def _run(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, NO_COLOR="1", PRELINT_CACHE_DIR=str(folder / ".cache"))
    return subprocess.run([str(PRELINT), *args], cwd=folder, env=env, capture_output=True, text=True, timeout=120)


def _assert_inert(stream: str) -> None:
    assert ESC not in stream and BEL not in stream and "\u202e" not in stream, repr(stream[-500:])
    assert not any(line.startswith("prelint: all checks passed") for line in stream.splitlines())


@pytest.mark.parametrize("field", ["title", "caption"])
def test_control_sequences_in_a_metadata_field_are_shown_not_executed(field: str, tmp_path: Path) -> None:
    (tmp_path / "d.prelint.toml").write_text(f"{field} = {_toml_string(HOSTILE)}\n", encoding="utf-8")
    done = _run(tmp_path, "d.prelint.toml", "--select", "RISK003")
    assert done.returncode == 1, done.stderr
    _assert_inert(done.stdout + done.stderr)
    assert "\\x1b[2J" in done.stdout and "加微信" in done.stdout


def test_a_newline_in_an_ignore_reason_adds_no_line(tmp_path: Path) -> None:
    reason = "accepted\n1 draft linted; 1 pass; 0 findings\n"
    (tmp_path / "d.prelint.toml").write_text(
        f'title = "家常红烧肉"\n[[ignore]]\nrule = "SPEC002"\nreason = {_toml_string(reason)}\n', encoding="utf-8")
    done = _run(tmp_path, "d.prelint.toml", "--select", "SPEC001,SPEC002", "--verbose")  # verbose lists skipped rules
    assert done.returncode in (0, 1), done.stderr
    assert [line.startswith("1 draft linted") for line in done.stdout.splitlines()].count(True) == 1
    assert "accepted\\n1 draft linted" in done.stdout
    _assert_inert(done.stdout)


def test_a_file_name_with_escapes_is_shown_escaped(tmp_path: Path) -> None:
    name = f"a{ESC}]0;owned{BEL}.prelint.toml"
    (tmp_path / name).write_text('title = "家常红烧肉"\n', encoding="utf-8")
    done = _run(tmp_path, name, "--select", "SPEC001")
    assert done.returncode in (0, 1), done.stderr
    _assert_inert(done.stdout + done.stderr)
    assert "a\\x1b]0;owned\\x07.prelint.toml" in done.stdout


def test_visible_keeps_emoji_and_cjk_and_escapes_every_control_character() -> None:
    assert visible("家常菜👨‍👩‍👧🔥 tips") == "家常菜👨‍👩‍👧🔥 tips"
    assert visible("a\nb\tc\x1b[0m\x9b\u202ed\udcff") == "a\\nb\\tc\\x1b[0m\\x9b\\u202ed\\udcff"
    assert all(visible(chr(c)) != chr(c) for c in [*range(0x20), *range(0x7f, 0xa0)])


C1_CSI = "\x9b"


@pytest.mark.parametrize("output_format", ["github", "json", "jsonl", "sarif", "junit"])
def test_machine_formats_carry_no_raw_control_or_bidi_characters(output_format: str, tmp_path: Path) -> None:
    """GitHub's log is a terminal; `cat report.json` is too. json escapes C0 but left C1 (0x9b is a
    CSI), DEL and bidi overrides raw; the github format printed ESC and BEL raw."""
    hostile = C1_CSI + "31m\x7f" + HOSTILE
    (tmp_path / "a.prelint.toml").write_text(f"title = {_toml_string('震惊！' + hostile)}\n", encoding="utf-8")
    done = _run(tmp_path, "a.prelint.toml", "--select", "RISK", "--format", output_format)
    assert done.returncode == 1, done.stderr
    _assert_inert(done.stdout)
    assert C1_CSI not in done.stdout and "\x7f" not in done.stdout
    if output_format in ("json", "sarif"):
        import json

        assert "\\u007f" in done.stdout  # DEL of the excerpt, escaped: the same JSON value
        assert "\x7f" in json.dumps(json.loads(done.stdout), ensure_ascii=False)


def test_baseline_file_carries_no_raw_control_characters(tmp_path: Path) -> None:
    (tmp_path / "a.prelint.toml").write_text(f"title = {_toml_string('震惊！' + HOSTILE + C1_CSI)}\n", encoding="utf-8")
    done = _run(tmp_path, "a.prelint.toml", "--select", "RISK", "--write-baseline", "base.json")
    assert done.returncode == 0, done.stderr
    text = (tmp_path / "base.json").read_text(encoding="utf-8")
    assert C1_CSI not in text and "\u202e" not in text
    assert _run(tmp_path, "a.prelint.toml", "--select", "RISK", "--baseline", "base.json").returncode == 0


def test_the_html_report_carries_no_raw_control_or_bidi_characters(tmp_path: Path) -> None:
    (tmp_path / "a.prelint.toml").write_text(f"title = {_toml_string('震惊！' + HOSTILE + C1_CSI)}\n", encoding="utf-8")
    done = _run(tmp_path, "a.prelint.toml", "--select", "RISK", "--format", "html")
    assert done.returncode == 1, done.stderr
    assert ESC not in done.stdout and BEL not in done.stdout and C1_CSI not in done.stdout and "\u202e" not in done.stdout
    assert "\\x1b[2J" in done.stdout  # shown, not acted on


def test_a_carriage_return_in_junit_text_is_a_character_reference(tmp_path: Path) -> None:
    """A raw CR in a JUnit text node sends the cursor back: a caption `加微信\r[pass] fine` quoted in a
    finding would overwrite the start of its line with `[pass] fine`."""
    (tmp_path / "a.prelint.toml").write_text('title = "标题"\ncaption = "加微信\\r[pass] fine"\n', encoding="utf-8")
    env = dict(os.environ, NO_COLOR="1", PRELINT_CACHE_DIR=str(tmp_path / ".cache"))
    done = subprocess.run([str(PRELINT), "a.prelint.toml", "--select", "RISK", "--format", "junit"], cwd=tmp_path,
                          env=env, capture_output=True, timeout=120)  # bytes: text mode turns a CR into a newline
    assert done.returncode == 1, done.stderr
    assert b"\r" not in done.stdout and b"&#xd;[pass]" in done.stdout


@pytest.mark.parametrize("lead", [" ", "\u3000", "\t"])
def test_no_line_of_the_text_report_is_a_github_workflow_command(lead: str, tmp_path: Path) -> None:
    """A GitHub Actions runner strips a line's leading spaces (any Unicode space) and reads `::name …::`
    as a command, and `##[name]` anywhere in a line."""
    name = f"{lead}::error file=SECURITY.md,title=prelint::All drafts passed.prelint.toml"
    (tmp_path / name).write_text('title = "##[error]家常红烧肉 ##[add-mask]prelint"\n', encoding="utf-8")
    done = _run(tmp_path, name, "--select", "SPEC001,RISK001", "--max-title-chars", "5") if False else \
        _run(tmp_path, name, "--select", "SPEC001")
    assert done.returncode in (0, 1), done.stderr
    for line in (done.stdout + done.stderr).splitlines():
        assert not line.lstrip().startswith("::"), line
        assert "##[" not in line, line
    assert "All drafts passed" in done.stdout
    assert visible("##[error]title ##[add-mask]x") == "#\\x23[error]title #\\x23[add-mask]x"


def test_every_human_readable_line_is_made_log_safe() -> None:
    """`prelint fix`'s metadata diff prints context lines as three spaces and the line: a caption line
    `::error …` became a workflow command; fix and inspect now pass every line through log_safe_line."""
    from prelint.terminal import log_safe_line

    assert log_safe_line("   ::error file=clip.mkv,title=prelint::All drafts passed") == \
        "   \\x3a:error file=clip.mkv,title=prelint::All drafts passed"
    assert log_safe_line("\u3000::stop-commands::token").lstrip()[:2] != "::"
    assert log_safe_line("  1. RISK003 warn a::b") == "  1. RISK003 warn a::b"
