"""Two findings on the same characters of a title (a team term in two rules' lexicons) must not
crash `--format html`: the marks are ordered by span, never by comparing findings."""

from __future__ import annotations

from pathlib import Path

from cli_runner import run_cli


def test_html_report_marks_a_span_two_findings_share(cli_env: dict[str, str], tmp_path: Path) -> None:
    (tmp_path / "prelint.toml").write_text(
        '[lexicon]\nextend = [\n'
        '  {rule = "off-platform-contact", term = "全网最火", category = "team"},\n'
        '  {rule = "clickbait-title", term = "全网最火", category = "team", weight = 3.0},\n'
        ']\n', encoding="utf-8")
    subtitles = tmp_path / "one.srt"
    subtitles.write_text("1\n00:00:00,000 --> 00:00:01,000\n你好\n", encoding="utf-8")
    out = tmp_path / "report.html"
    run = run_cli("--title", "震惊！全网最火的做法", "--subtitles", str(subtitles), "--format", "html", "-o", str(out),
                  cwd=tmp_path, env=cli_env)
    assert run.returncode == 1, run.describe()
    html = out.read_text(encoding="utf-8")
    assert html.count("<mark ") >= 1 and "全网最火" in html


def test_highlight_with_identical_spans_keeps_the_first() -> None:
    from prelint.formats.html import highlight
    from prelint.model import Finding, Level

    def finding(code: str) -> Finding:
        return Finding(code=code, name=code.lower(), level=Level.WARN, message=f"{code} says", field="title",
                       start=3, end=7)

    html = highlight("震惊！全网最火的做法", [finding("RISK003"), finding("RISK001")])
    assert html.count("<mark ") == 1 and ">全网最火</mark>" in html
