"""A config file's values are checked before any rule runs: lists hold the kind of value the
option takes and numbers are finite, within ±1e9 (0 or more where the default is) and the
time limit at most a day. A wrong value is a config error (exit 2, one line naming the
file and the key), never a crashed check (exit 3) or a limit that never ends."""

from __future__ import annotations

from pathlib import Path

import pytest

from cli_runner import run_cli

SUBTITLES = "1\n00:00:00,000 --> 00:00:03,000\n今天教大家做番茄炒蛋，先把鸡蛋打散\n"


@pytest.mark.parametrize("config, key", [
    ("[options.topic-mismatch]\nnamed-terms = [1, {a = 1}]\n", "options.topic-mismatch.named-terms"),
    ("[options.hype-gap]\nhype-terms = [[\"绝了\"]]\n", "options.hype-gap.hype-terms"),
    ("[options.off-platform-contact]\nlink-platforms = [true]\n", "options.off-platform-contact.link-platforms"),
    ("analysis-time-limit-s = inf\n", "analysis-time-limit-s"),
    ("analysis-time-limit-s = nan\n", "analysis-time-limit-s"),
    ("analysis-time-limit-s = -1\n", "analysis-time-limit-s"),
    ("[options.slow-start]\nmax-first-change-s = inf\n", "options.slow-start.max-first-change-s"),
    ("[options.absolute-terms]\nmax-findings = 2.5\n", "options.absolute-terms.max-findings"),
    ("[options.clickbait-title]\nmin-score = -inf\n", "options.clickbait-title.min-score"),
    ("analysis-time-limit-s = 1e10\n", "analysis-time-limit-s"),  # overflowed the timer
    ("[options.low-cut-density]\nshort-duration-s = -1e308\n", "options.low-cut-density.short-duration-s"),
    ("[options.low-cut-density]\nshort-duration-s = 1e308\n", "options.low-cut-density.short-duration-s"),
    ("[options.absolute-terms]\nmax-findings = -5\n", "options.absolute-terms.max-findings"),
])
def test_wrong_config_value_is_a_config_error(config: str, key: str, cli_env: dict[str, str], tmp_path: Path) -> None:
    (tmp_path / "prelint.toml").write_text(config, encoding="utf-8")
    (tmp_path / "clip.srt").write_text(SUBTITLES, encoding="utf-8")
    run = run_cli("--title", "3分钟学会番茄炒蛋", "--subtitles", str(tmp_path / "clip.srt"),
                  cwd=tmp_path, env=cli_env, timeout_s=60)
    assert run.returncode == 2, run.describe()
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1, run.describe()
    assert "prelint.toml" in lines[0] and key in lines[0], lines[0]


def test_whole_number_written_as_a_float_is_accepted(cli_env: dict[str, str], tmp_path: Path) -> None:
    (tmp_path / "prelint.toml").write_text("[options.absolute-terms]\nmax-findings = 3.0\n"
                                           "[options.topic-mismatch]\nnamed-terms = [\"番茄炒蛋\"]\n", encoding="utf-8")
    run = run_cli("--title", "全网最低价", "--select", "RISK002,MATCH003", cwd=tmp_path, env=cli_env)
    assert run.returncode in (0, 1), run.describe()
