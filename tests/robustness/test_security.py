"""Config and metadata cannot make prelint read outside what the user named, or run forever;
names and text from a draft cannot inject markup into the HTML report."""

from __future__ import annotations

from pathlib import Path

import pytest

import prelint
from cli_runner import run_cli
from corpus import make_clip
from prelint.errors import ConfigError


@pytest.fixture(scope="module")
def clip(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_clip(tmp_path_factory.mktemp("sec") / "material.mp4", seconds=3.5, size="180x320")


def _draft(folder: Path, clip: Path, metadata: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    video = folder / "clip.mp4"
    video.write_bytes(clip.read_bytes())
    (folder / "clip.prelint.toml").write_text(metadata, encoding="utf-8")
    return video


@pytest.mark.parametrize(
    "subtitles",
    ["../secret.srt", "../../secret.srt", "/etc/passwd", "sub/../../secret.srt", "link.srt"],
)
def test_metadata_subtitles_must_stay_in_the_metadata_folder(subtitles: str, clip: Path, tmp_path: Path) -> None:
    (tmp_path / "secret.srt").write_text("1\n00:00:00,000 --> 00:00:01,000\nTOP SECRET\n", encoding="utf-8")
    folder = tmp_path / "drafts" / "one"
    video = _draft(folder, clip, f'title = "t"\nsubtitles = "{subtitles}"\n')
    (folder / "link.srt").symlink_to(tmp_path / "secret.srt")
    with pytest.raises(ConfigError, match="outside the metadata file's folder") as raised:
        prelint.lint(video, select=["SPEC001"], config={})
    assert raised.value.path == str(folder / "clip.prelint.toml")


def test_metadata_subtitles_in_the_folder_or_below_are_read(clip: Path, tmp_path: Path) -> None:
    folder = tmp_path / "drafts"
    (folder / "subs").mkdir(parents=True)
    (folder / "subs" / "clip.zh.srt").write_text("1\n00:00:00,000 --> 00:00:01,000\n你好\n", encoding="utf-8")
    video = _draft(folder, clip, 'title = "t"\nsubtitles = "subs/clip.zh.srt"\n')
    report = prelint.lint(video, select=["SPEC001"], config={})
    assert report.result("SPEC001").status.value == "pass"


def test_subtitles_named_on_the_command_line_may_be_anywhere(clip: Path, tmp_path: Path) -> None:
    """The confinement is for files a draft names; the user may name any file themselves."""
    elsewhere = tmp_path / "elsewhere" / "subs.srt"
    elsewhere.parent.mkdir()
    elsewhere.write_text("1\n00:00:00,000 --> 00:00:01,000\n你好\n", encoding="utf-8")
    video = _draft(tmp_path / "d", clip, 'title = "t"\n')
    report = prelint.lint(video, subtitles=elsewhere, select=["SPEC001"], config={})
    assert report.result("SPEC001").status.value == "pass"


def test_html_report_escapes_names_titles_and_captions(clip: Path, cli_env: dict[str, str], tmp_path: Path) -> None:
    from prelint.formats import FORMATS

    if "html" not in FORMATS:
        pytest.fail("--format html is not registered (prelint/formats)")
    folder = tmp_path / "html"
    folder.mkdir()
    (folder / "<img src=x onerror=alert(1)>.mp4").write_bytes(clip.read_bytes())
    out = tmp_path / "report.html"
    run = run_cli(str(folder), "--no-ocr", "--format", "html", "-o", str(out),
                  "--title", '<script>alert("t")</script>震惊！', "--caption", '"><svg onload=alert(2)>',
                  cwd=folder, env=cli_env, watch=folder)
    assert run.returncode in (0, 1) and run.before == run.after, run.describe()
    html = out.read_text(encoding="utf-8")
    for raw in ("<img src=x", '<script>alert("t")', "<svg onload"):
        assert raw not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html and "&lt;script&gt;" in html


@pytest.mark.parametrize("pattern", ["(a+)+$", "(\\\\w+\\\\s?)+$", "(x*)*y"])
def test_catastrophic_lexicon_pattern_cannot_hang_the_run(pattern: str, cli_env: dict[str, str], tmp_path: Path) -> None:
    """Team patterns run on RE2 (linear time), so nested repetition is harmless: the run finishes
    (tests/security/test_team_patterns_redos.py has the shapes no syntax check catches)."""
    (tmp_path / "prelint.toml").write_text(
        f'[lexicon]\nextend = [{{rule = "clickbait-title", pattern = "{pattern}", category = "x"}}]\n', encoding="utf-8")
    run = run_cli("--title", "a" * 48 + "!", cwd=tmp_path, env=cli_env, timeout_s=20)
    assert not run.timed_out, "hang"
    assert run.returncode in (0, 1), run.describe()


def test_lexicon_pattern_without_nested_repetition_is_accepted(cli_env: dict[str, str], tmp_path: Path) -> None:
    (tmp_path / "prelint.toml").write_text(
        '[lexicon]\nextend = [{rule = "clickbait-title", pattern = "(惊|呆)+了", category = "x", weight = 2.0}]\n',
        encoding="utf-8")
    run = run_cli("--title", "惊呆了家人们", "--select", "RISK001", "--format", "json", cwd=tmp_path, env=cli_env)
    assert run.returncode == 1, run.describe()
    assert '"RISK001"' in run.stdout
