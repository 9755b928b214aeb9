"""A subtitle file comes with the draft (a sidecar `clip.srt` is picked up by itself), so its size
is the attacker's choice. Locating each finding is a binary search over the cues (linear overall),
off-platform-contact reports at most `max-findings` contacts (its metric counts up to
MAX_MATCHES_PER_FIELD, the matches read in one field), and a subtitle file over the size limit is
one error line for that draft, never read."""

from __future__ import annotations

import json
import resource
from pathlib import Path

import pytest

from cli_runner import run_cli
from prelint.text.matcher import MAX_MATCHES_PER_FIELD

#: The documented limit on subtitle files (README, prelint/safe_io.py MAX_SUBTITLE_BYTES).
MAX_SUBTITLE_BYTES = 4 << 20

#: CPU seconds a lint of 20,000 cues may take (about 3 s on the 2-core development machine; the
#: quadratic lookup took 17 s at this size, 69 s at twice it).
CPU_BUDGET_S = 10.0


def _clock(ms: int) -> str:
    h, ms = divmod(ms, 3_600_000)
    m, ms = divmod(ms, 60_000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d},{ms:03d}"


def _write_srt(path: Path, cues: int, text: str) -> Path:
    with path.open("w", encoding="utf-8") as out:
        for i in range(cues):
            out.write(f"{i + 1}\n{_clock(i * 1000)} --> {_clock(i * 1000 + 900)}\n{text.format(i=i)}\n\n")
    return path


def _children_cpu_s() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _lint_subtitles(srt: Path, folder: Path, env: dict[str, str], timeout_s: float):  # type: ignore[no-untyped-def]
    """A JSON lint of `srt` alone with the CPU seconds it took; fails when it does not finish."""
    before = _children_cpu_s()
    run = run_cli("--subtitles", str(srt), "--title", "今天的分享", "--no-cache", "--format", "json",
                  cwd=folder, env=env, timeout_s=timeout_s)
    cpu = _children_cpu_s() - before
    assert not run.timed_out, f"no result in {timeout_s:g} s ({cpu:.0f} s CPU)"
    return run, cpu


@pytest.mark.slow
def test_twenty_thousand_cues_with_a_contact_each_lint_in_seconds(cli_env: dict[str, str], tmp_path: Path) -> None:
    run, cpu = _lint_subtitles(_write_srt(tmp_path / "clip.srt", 20_000, "加微信 abc{i}"), tmp_path, cli_env, 150)
    assert run.returncode == 1, run.describe()
    assert cpu < CPU_BUDGET_S, f"20,000 cues took {cpu:.1f} s CPU"
    (draft,) = json.loads(run.stdout)["drafts"]
    (contact,) = [r for r in draft["rules"] if r["code"] == "RISK003"]
    assert contact["metrics"]["contacts"] == MAX_MATCHES_PER_FIELD  # of 20,000: later ones are not read
    assert len(contact["findings"]) == 20  # max-findings, default 20
    assert [f["start_s"] for f in contact["findings"][:3]] == [0.0, 1.0, 2.0]  # each found in its own cue


def test_max_findings_of_off_platform_contact_is_an_option(cli_env: dict[str, str], tmp_path: Path) -> None:
    srt = _write_srt(tmp_path / "clip.srt", 50, "加微信 abc{i}")
    (tmp_path / "prelint.toml").write_text("[options.off-platform-contact]\nmax-findings = 3\n", encoding="utf-8")
    run = run_cli("--subtitles", str(srt), "--title", "今天的分享", "--select", "RISK003", "--format", "json",
                  cwd=tmp_path, env=cli_env)
    assert run.returncode == 1, run.describe()
    (rule,) = json.loads(run.stdout)["drafts"][0]["rules"]
    assert rule["metrics"]["contacts"] == 50 and len(rule["findings"]) == 3


def test_subtitle_file_over_the_size_limit_is_one_error_for_its_draft(cli_env: dict[str, str], tmp_path: Path) -> None:
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    big = _write_srt(drafts / "big.srt", MAX_SUBTITLE_BYTES // 40 + 1000, "今天我们来做一道家常菜{i}")
    assert big.stat().st_size > MAX_SUBTITLE_BYTES
    (drafts / "big.prelint.toml").write_text('title = "家常菜"\nsubtitles = "big.srt"\n', encoding="utf-8")
    _write_srt(drafts / "small.srt", 3, "今天我们来做一道家常菜")
    (drafts / "small.prelint.toml").write_text('title = "家常菜"\nsubtitles = "small.srt"\n', encoding="utf-8")
    run = run_cli(str(drafts), "--select", "RISK003", "--format", "json", cwd=tmp_path, env=cli_env, timeout_s=150)
    assert run.returncode == 2, run.describe()
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1, run.describe()
    assert "big.srt" in lines[0] and "larger than 4 MiB" in lines[0], lines[0]
    report = json.loads(run.stdout)
    assert [d["path"] for d in report["drafts"]] == [str(drafts / "small.prelint.toml")]
    assert [e["path"] for e in report["errors"]] == [str(big)]


@pytest.mark.slow
def test_twenty_thousand_cues_with_a_claim_a_tag_and_bait_each_stay_linear(cli_env: dict[str, str],
                                                                          tmp_path: Path) -> None:
    """Every rule that reads subtitles: absolute-terms finds each claim's sentence once (it re-read the
    whole field per claim), tags are looked up by bisection, and each rule reports at most 20."""
    srt = _write_srt(tmp_path / "clip.srt", 20_000, "加微信 abc{i} 全网最低价 #好物{i} 点赞过万更新")
    run, cpu = _lint_subtitles(srt, tmp_path, cli_env, 240)
    assert run.returncode == 1, run.describe()
    assert cpu < 3 * CPU_BUDGET_S, f"20,000 cues took {cpu:.1f} s CPU"
    rules = {r["code"]: r for r in json.loads(run.stdout)["drafts"][0]["rules"]}
    assert rules["RISK002"]["metrics"]["terms"] == MAX_MATCHES_PER_FIELD and len(rules["RISK002"]["findings"]) == 20
    assert rules["CTA002"]["metrics"]["bait"] == MAX_MATCHES_PER_FIELD and len(rules["CTA002"]["findings"]) == 20
    assert len(run.stdout) < 2_000_000, "the report grows with the cues"
