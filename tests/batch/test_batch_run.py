"""`prelint DIR`: recursive discovery with excludes, parallel workers, streaming jsonl, summary, errors, progress."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from batch_helpers import run_cli

from prelint import parallel
from prelint.batch import LintRequest, run_lint
from prelint.progress import ProgressBar
from prelint.formats import DraftError
from prelint.model import Report


def test_folder_is_linted_recursively_with_excludes_and_a_broken_draft(text_project):
    result = run_cli("drafts", "--jobs", "2", cwd=text_project)
    assert result.returncode == 2, result.stderr
    out = result.stdout
    assert out.index("drafts/a.prelint.toml") < out.index("drafts/sub/b.prelint.toml") < out.index("drafts/sub/c.prelint.toml")
    assert "skip/d.prelint.toml" not in out
    assert "error: drafts/broken.prelint.toml: invalid TOML" in out
    table = out[out.index("Summary") :].splitlines()
    assert table[2].split() == ["4", "1", "0", "2", "0", "1"]  # 4 drafts: b passes, a and c warn, 1 unreadable
    assert table[4].split()[:5] == ["SPEC001", "title-length", "2", "drafts,", "2"]
    assert table[5].split()[:3] == ["SPEC002", "hashtag-count", "1"]
    assert out.splitlines()[-1] == "3 drafts linted; 1 pass, 2 warn, 0 error; 3 findings (2 warn, 1 info); 1 could not be read"
    assert result.stderr.startswith("prelint: error: drafts/broken.prelint.toml: invalid TOML")
    assert "\r" not in result.stderr  # no progress bar when stderr is not a terminal


def test_parallel_and_serial_runs_report_the_same(text_project):
    serial = run_cli("drafts", "--jobs", "1", "--format", "json", cwd=text_project)
    parallel = run_cli("drafts", "--jobs", "3", "--format", "json", cwd=text_project)
    assert serial.returncode == parallel.returncode == 2
    assert json.loads(serial.stdout) == json.loads(parallel.stdout)
    assert [d["path"] for d in json.loads(serial.stdout)["drafts"]] == [
        "drafts/a.prelint.toml", "drafts/sub/b.prelint.toml", "drafts/sub/c.prelint.toml",
    ]


def test_jsonl_is_written_as_each_draft_finishes(text_project, monkeypatch, capsys):
    monkeypatch.chdir(text_project)
    seen_before_next: list[list[str]] = []
    real = parallel.lint_as_completed

    def spy(*args, **kwargs):
        for index, outcome in real(*args, **kwargs):
            seen_before_next.append(capsys.readouterr().out.splitlines())
            yield index, outcome

    monkeypatch.setattr(parallel, "lint_as_completed", spy)
    code = run_lint(LintRequest(paths=(Path("drafts"),), output_format="jsonl", jobs=1, no_cache=True))
    tail = capsys.readouterr().out.splitlines()
    assert code == 2
    # before the 1st draft finished only the unreadable file's record was out; each later draft found its predecessor written
    assert [len(lines) for lines in seen_before_next] == [1, 1, 1]
    records = [json.loads(line) for chunk in seen_before_next for line in chunk] + [json.loads(line) for line in tail]
    assert [r["type"] for r in records] == ["error", "draft", "draft", "draft"]
    assert {r["path"] for r in records[1:]} == {"drafts/a.prelint.toml", "drafts/sub/b.prelint.toml", "drafts/sub/c.prelint.toml"}


def test_internal_error_in_one_draft_does_not_stop_the_others(text_project, monkeypatch, capsys):
    monkeypatch.chdir(text_project)
    real = parallel.lint_one

    def flaky(draft, *args, **kwargs):
        if draft.path.name == "a.prelint.toml":
            return DraftError(str(draft.path), "internal error: RuntimeError: boom", internal=True)
        return real(draft, *args, **kwargs)

    monkeypatch.setattr(parallel, "lint_one", flaky)
    code = run_lint(LintRequest(paths=(Path("drafts/a.prelint.toml"), Path("drafts/sub")), output_format="json", jobs=1, no_cache=True))
    out = json.loads(capsys.readouterr().out)
    assert code == 3
    assert [d["path"] for d in out["drafts"]] == ["drafts/sub/b.prelint.toml", "drafts/sub/c.prelint.toml"]
    assert out["errors"] == [{"path": "drafts/a.prelint.toml", "message": "internal error: RuntimeError: boom"}]


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_draws_only_on_a_terminal():
    term = _Terminal()
    bar = ProgressBar(total=4, stream=term)
    bar.SHOW_AFTER_S = 0.0
    bar.draft_progress("drafts/a.mp4", 0.5)
    assert term.getvalue() == "\r[0/4] drafts/a.mp4 [##                  ]  12%"
    bar.advance("drafts/a.mp4")
    assert term.getvalue().endswith("\r[1/4] drafts/a.mp4 [#####               ]  25%")
    bar.clear()
    assert term.getvalue().endswith("\r" + " " * len("[1/4] drafts/a.mp4 [#####               ]  25%") + "\r")
    quiet = io.StringIO()
    pipe_bar = ProgressBar(total=4, stream=quiet)
    pipe_bar.SHOW_AFTER_S = 0.0
    pipe_bar.draft_progress("x", 0.5)
    pipe_bar.advance("x")
    pipe_bar.clear()
    assert quiet.getvalue() == ""


def test_progress_bar_stays_silent_for_quick_runs():
    term = _Terminal()
    bar = ProgressBar(total=2, stream=term)  # default: nothing in the first 0.5 s
    bar.advance("a")
    bar.advance("b")
    bar.clear()
    assert term.getvalue() == ""


def test_empty_folder_is_a_usage_error(tmp_path):
    (tmp_path / "empty").mkdir()
    result = run_cli("empty", cwd=tmp_path)
    assert result.returncode == 2
    assert "no drafts found in empty" in result.stderr


def test_lint_many_keeps_input_order(text_project, monkeypatch):
    from prelint.batch import build_config, collect_drafts
    from prelint.parallel import lint_many

    monkeypatch.chdir(text_project)
    request = LintRequest(paths=(Path("drafts/sub"), Path("drafts/a.prelint.toml")))
    config = build_config(request)
    drafts, errors = collect_drafts(request, config)
    outcomes = list(lint_many(drafts, config, ("SPEC001",), jobs=2))
    assert [o.path for o in outcomes] == ["drafts/sub/b.prelint.toml", "drafts/sub/c.prelint.toml", "drafts/a.prelint.toml"]
    assert all(isinstance(o, Report) for o in outcomes)
    assert [o.verdict for o in outcomes] == ["pass", "warn", "warn"]


def test_streaming_format_without_records_still_writes_the_output_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "annotations.txt"
    code = run_lint(LintRequest(title="三个技巧让蛋糕不塌", select=("SPEC001",), output_format="github", output=out))
    assert code == 0
    assert out.read_text(encoding="utf-8") == ""
