"""The report cache: an unchanged draft is not linted again; any change to what a report depends on is."""

from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np
import pytest
from batch_helpers import LONG_TITLE, write_text_draft

from prelint import parallel
from prelint.batch import LintRequest, run_lint
from prelint.report_cache import ReportCache
from prelint.content.model import ContentText, QRCode, TextSpan
from prelint.model import Finding, Level, Report, RuleResult, Status


def test_report_survives_the_cache_round_trip_exactly():
    finding = Finding(
        "HOOK001", "slow-start", Level.WARN, "Nothing changes", hint="Cut", field=None, start_s=0.123456789, end_s=2.0,
        evidence={"first_change_s": np.float64(2.123456789), "counts": (1, 2), "nested": {"ok": np.bool_(True)}},
    )
    content = ContentText(
        subtitles=(TextSpan(1.0, 2.0, "字幕", "subtitles"),),
        screen=(TextSpan(0.0, 1.0, "屏幕", "screen", box=(1, 2, 3, 4), confidence=0.87),),
        qr_codes=(QRCode(1.5, "weixin://x"),),
        ocr_ran=True,
        notes=("note",),
    )
    report = Report(
        path="drafts/a.mp4",
        rules=(RuleResult("HOOK001", "slow-start", Status.WARN, (finding,), {"score": np.int64(57)}), RuleResult("X001", "x", Status.SKIPPED, reason="why")),
        platform="tiktok",
        content=content,
    )
    back = Report.from_dict(json.loads(json.dumps(report.to_dict(exact=True))))
    # full precision kept (to_dict rounds; the text format prints more digits); tuples come back as lists
    assert back.rules[0].findings[0].evidence == {"first_change_s": 2.123456789, "counts": [1, 2], "nested": {"ok": True}}
    assert back.content == content
    assert back.to_dict() == report.to_dict()


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("PRELINT_CACHE_DIR", str(tmp_path / "cache"))
    write_text_draft(tmp_path / "drafts" / "a.prelint.toml", LONG_TITLE)
    write_text_draft(tmp_path / "drafts" / "b.prelint.toml", "三个技巧", ("烘焙",))
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _count_linted(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    linted: list[str] = []
    real = parallel.lint_as_completed

    def spy(drafts, *args, **kwargs):
        linted.extend(str(d.path) for d in drafts)
        yield from real(drafts, *args, **kwargs)

    monkeypatch.setattr(parallel, "lint_as_completed", spy)
    return linted


def test_unchanged_drafts_come_from_the_cache(project, monkeypatch, capsys):
    linted = _count_linted(monkeypatch)
    request = LintRequest(paths=(Path("drafts"),), output_format="json", jobs=1)
    assert run_lint(request) == 1
    first = capsys.readouterr().out
    assert linted == ["drafts/a.prelint.toml", "drafts/b.prelint.toml"]
    assert len(list((project / "cache" / "reports").glob("*.json"))) == 2

    assert run_lint(request) == 1
    assert capsys.readouterr().out == first
    assert linted == ["drafts/a.prelint.toml", "drafts/b.prelint.toml"]  # nothing linted the second time

    write_text_draft(project / "drafts" / "b.prelint.toml", LONG_TITLE)  # changed text: linted again
    assert run_lint(request) == 1
    capsys.readouterr()
    assert linted[2:] == ["drafts/b.prelint.toml"]

    run_lint(LintRequest(paths=(Path("drafts"),), output_format="json", jobs=1, select=("SPEC001",)))  # other rules: again
    assert linted[3:] == ["drafts/a.prelint.toml", "drafts/b.prelint.toml"]


def test_options_platform_and_no_cache_change_the_key(project, monkeypatch, capsys):
    linted = _count_linted(monkeypatch)
    base = dict(paths=(Path("drafts/a.prelint.toml"),), output_format="json", jobs=1)
    run_lint(LintRequest(**base))
    run_lint(LintRequest(**base, platform="tiktok"))
    assert len(linted) == 2
    (project / "prelint.toml").write_text("[options.title-length]\nmax-chars = 50\n", encoding="utf-8")
    run_lint(LintRequest(**base))
    assert len(linted) == 3
    run_lint(LintRequest(**base))
    assert len(linted) == 3
    run_lint(LintRequest(**base, no_cache=True))
    assert len(linted) == 4
    capsys.readouterr()


def test_html_needs_media_so_it_bypasses_the_report_cache(project, monkeypatch, capsys):
    linted = _count_linted(monkeypatch)
    request = LintRequest(paths=(Path("drafts/a.prelint.toml"),), output_format="html", jobs=1)
    run_lint(request)
    run_lint(request)
    assert len(linted) == 2
    assert not (project / "cache" / "reports").exists()
    capsys.readouterr()


def test_code_changes_invalidate(project, monkeypatch, tmp_path):
    import dataclasses
    import importlib

    from prelint.batch import build_config
    from prelint.draft import draft_from_path
    from prelint.engine import selected_rules

    plugin_dir = tmp_path / "plugin"
    plugin_dir.mkdir()
    (plugin_dir / "acme_rules_for_cache_test.py").write_text("X = 1\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(plugin_dir))
    importlib.import_module("acme_rules_for_cache_test")
    config = build_config(LintRequest(paths=(Path("drafts"),)))
    rules = [dataclasses.replace(selected_rules(config)[0], module="acme_rules_for_cache_test")]
    draft = draft_from_path(Path("drafts/a.prelint.toml"))
    key = ReportCache(config, rules).key(draft)
    assert ReportCache(config, rules).key(draft) == key
    (plugin_dir / "acme_rules_for_cache_test.py").write_text("X = 22\n", encoding="utf-8")  # the rule's code changed
    assert ReportCache(config, rules).key(draft) != key


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_named_pipe_is_not_hashed(project):
    from prelint.batch import build_config
    from prelint.draft import Draft
    from prelint.engine import selected_rules

    fifo = project / "pipe.mp4"
    os.mkfifo(fifo)
    config = build_config(LintRequest(paths=(Path("drafts"),)))
    assert ReportCache(config, selected_rules(config)).key(Draft(video=fifo)) is None  # returns at once, no read
