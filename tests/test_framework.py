"""The chassis: rules, selectors, config, draft metadata, exit codes and report shapes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import prelint
from prelint.config import Config, load_config
from prelint.draft import Draft, draft_from_path, find_drafts
from prelint.errors import ConfigError, UsageError
from prelint.registry import expand_selector, load_rules, select_rules

PRELINT = [sys.executable, "-m", "prelint.cli"]


def run_cli(*args: str, cwd: Path | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([*PRELINT, *args], capture_output=True, text=True, cwd=cwd, env=env, timeout=120)


def test_builtin_rules_come_from_entry_points_with_codes_names_and_docs():
    rules = load_rules()
    assert {"SPEC001", "SPEC002", "SPEC003", "SPEC004"} <= set(rules)
    rule = rules["SPEC001"]
    assert rule.name == "title-length"
    assert rule.module == "prelint.checks.spec.title_length"
    docs = rule.documentation()
    for section in ("What it checks:", "Why it matters:", "How to fix:", "Options:"):
        assert section in docs
    assert "max-chars = 0 chars" in docs


def test_selectors_accept_codes_prefixes_names_and_all():
    rules = load_rules()
    assert expand_selector(rules, "SPEC001") == {"SPEC001"}
    assert expand_selector(rules, "title-length") == {"SPEC001"}
    assert expand_selector(rules, "spec00") >= {"SPEC001", "SPEC004"}
    chosen = select_rules(rules, ["SPEC"], ignore=["frame-rate"])
    assert "SPEC004" not in [r.code for r in chosen] and "SPEC001" in [r.code for r in chosen]
    with pytest.raises(UsageError, match="matches no rule"):
        expand_selector(rules, "NOPE")


def test_title_length_finding_has_span_evidence_and_hint():
    title = "这是一个非常非常长的标题，" * 4  # 52 characters
    report = prelint.lint(title=title, select=["title-length"])
    result = report.result("title-length")
    assert result.status.value == "warn"
    (finding,) = result.findings
    assert finding.field == "title" and finding.start == 30 and finding.end == len(title)
    assert finding.evidence == {"chars": 52, "limit": 30, "platform": "douyin"}
    assert "Cut 22 characters" in finding.hint
    assert prelint.lint(title=title, platform="shorts", select=["title-length"]).verdict == "pass"


def test_platform_profile_changes_hashtag_limit():
    caption = " ".join(f"#话题{i}" for i in range(6))
    reels = prelint.lint(title="做饭", caption=caption, platform="reels", select=["hashtag-count"])
    assert reels.result("hashtag-count").status.value == "warn"
    assert reels.findings[0].evidence["count"] == 6 and reels.findings[0].evidence["limit"] == 5
    douyin = prelint.lint(title="做饭", caption=caption, platform="douyin", select=["hashtag-count"])
    assert douyin.result("hashtag-count").status.value == "info"


@pytest.mark.parametrize(("hashtags", "expected"), [("烘焙", ("烘焙",)), ("烘焙  家常", ("烘焙", "家常")),
                                                  (["烘焙"], ("烘焙",)), (("烘焙", "家常"), ("烘焙", "家常"))])
def test_hashtags_given_as_one_string_are_split_at_spaces_not_into_characters(tmp_path, hashtags, expected):
    report = prelint.lint(title="家常蛋糕", hashtags=hashtags, select=["SPEC002"], config={})
    assert report.result("SPEC002").metrics["hashtags"] == len(expected)
    meta = tmp_path / "clip.prelint.toml"
    value = json.dumps(hashtags if isinstance(hashtags, str) else list(hashtags), ensure_ascii=False)
    meta.write_text(f'title = "家常蛋糕"\nhashtags = {value}\n', encoding="utf-8")
    assert draft_from_path(meta).hashtags == expected


@pytest.mark.parametrize("hashtags", [3, ["烘焙", 3], [["烘焙"]]])
def test_hashtags_that_are_no_strings_are_refused(tmp_path, hashtags):
    with pytest.raises(UsageError, match="hashtags must be a string or a list of strings"):
        prelint.lint(title="家常蛋糕", hashtags=hashtags, select=["SPEC002"], config={})


def test_video_rules_skip_with_reason_when_no_video():
    report = prelint.lint(title="ok", select=["SPEC003"])
    result = report.result("SPEC003")
    assert result.status.value == "skipped" and result.reason == "no video given"


def test_config_file_is_found_by_walking_up_and_rule_options_apply(tmp_path):
    (tmp_path / "pyproject.toml").write_text(
        '[tool.prelint]\nselect = ["title-length"]\n[tool.prelint.options.title-length]\nmax-chars = 5\n',
        encoding="utf-8",
    )
    sub = tmp_path / "a" / "b"
    sub.mkdir(parents=True)
    proc = run_cli("--title", "一二三四五六七", "--format", "json", cwd=sub)
    assert proc.returncode == 1, proc.stderr
    data = json.loads(proc.stdout)
    (rule,) = data["drafts"][0]["rules"]
    assert rule["code"] == "SPEC001" and rule["metrics"] == {"chars": 7, "limit": 5}


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("[tool.prelint\n", "invalid TOML"),
        ('[tool.prelint]\nselct = ["X"]\n', "unknown key 'tool.prelint.selct'"),
        ("[tool.prelint]\nselect = 3\n", "key 'tool.prelint.select' must be a list"),
        ('[tool.prelint]\nfail-on = "bad"\n', "fail-on"),
        ('[tool.prelint]\nplatform = "myspace"\n', "platform"),
        ("[tool.prelint.options.title-length]\nmax-chars = \"x\"\n", "expected a number"),
        ("[tool.prelint.options.title-length]\nmax-char = 3\n", "unknown option 'options.title-length.max-char'"),
        ("[tool.prelint.options.no-such-rule]\nx = 3\n", "'options.no-such-rule' does not name a known rule"),
    ],
)
def test_broken_config_is_one_line_exit_2_naming_file_and_key(tmp_path, content, message):
    (tmp_path / "pyproject.toml").write_text(content, encoding="utf-8")
    proc = run_cli("--title", "x", cwd=tmp_path)
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert "pyproject.toml" in lines[0] or "options" in lines[0]
    assert message in lines[0]
    assert "Traceback" not in proc.stderr


def test_missing_file_and_non_video_exit_2_one_line(tmp_path):
    proc = run_cli(str(tmp_path / "nope.mp4"))
    assert proc.returncode == 2 and proc.stderr.count("\n") == 1
    assert "nope.mp4: no such file" in proc.stderr
    text = tmp_path / "notes.mp4"
    text.write_text("not a video", encoding="utf-8")
    proc = run_cli(str(text), "--no-ocr")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert "notes.mp4" in proc.stderr and len(proc.stderr.strip().splitlines()) == 1


def test_usage_errors_exit_2(tmp_path):
    assert run_cli(cwd=tmp_path).returncode == 2
    proc = run_cli("--title", "x", "--select", "NOPE", cwd=tmp_path)
    assert proc.returncode == 2 and "matches no rule" in proc.stderr


def test_exit_codes_follow_fail_on_and_exit_zero(tmp_path):
    long_title = "长" * 40
    assert run_cli("--title", long_title, "--select", "SPEC001", cwd=tmp_path).returncode == 1
    assert run_cli("--title", long_title, "--select", "SPEC001", "--fail-on", "error", cwd=tmp_path).returncode == 0
    assert run_cli("--title", long_title, "--select", "SPEC001", "--exit-zero", cwd=tmp_path).returncode == 0
    # info findings only fail with --fail-on info
    assert run_cli("--title", "短", "--select", "SPEC002", cwd=tmp_path).returncode == 0
    assert run_cli("--title", "短", "--select", "SPEC002", "--fail-on", "info", cwd=tmp_path).returncode == 1


def test_json_report_shape(tmp_path):
    proc = run_cli("--title", "长" * 40, "--select", "SPEC001,SPEC003", "--format", "json", cwd=tmp_path)
    data = json.loads(proc.stdout)
    assert data["version"] == 1 and data["errors"] == []
    (draft,) = data["drafts"]
    assert set(draft) >= {"path", "verdict", "rules"} and draft["verdict"] == "warn"
    spec1, spec3 = draft["rules"]
    assert set(spec1) == {"code", "name", "status", "findings", "metrics"}
    assert set(spec1["findings"][0]) == {
        "code", "name", "level", "message", "hint", "field", "start", "end", "start_s", "end_s", "evidence"
    }
    assert spec3["status"] == "skipped" and spec3["reason"] == "no video given"


def test_text_report_is_findings_to_fix_then_summary_and_verbose_adds_the_checklist(tmp_path):
    proc = run_cli("--title", "长" * 40, "--select", "SPEC001,SPEC002", cwd=tmp_path)
    out = proc.stdout
    assert "Fix these first:" in out and "1. SPEC001 warn title[30:40]" in out
    assert "WARN    SPEC001  title-length" not in out
    assert "fix: Cut 10 characters" in out
    verbose = run_cli("--title", "长" * 40, "--select", "SPEC001,SPEC002", "--verbose", cwd=tmp_path).stdout
    assert "WARN    SPEC001  title-length" in verbose and "chars=40 limit=30" in verbose
    assert out.strip().splitlines()[-1].startswith("1 draft linted")
    assert "\x1b[" not in out  # no colour when not a TTY


def test_rules_and_rule_subcommands(tmp_path):
    proc = run_cli("rules", cwd=tmp_path)
    assert proc.returncode == 0 and "SPEC001   title-length" in proc.stdout
    proc = run_cli("rule", "title-length", cwd=tmp_path)
    assert proc.returncode == 0 and proc.stdout.startswith("SPEC001 title-length")
    proc = run_cli("rule", "NOPE999", cwd=tmp_path)
    assert proc.returncode == 2 and "no rule named" in proc.stderr


def test_metadata_file_beside_video_supplies_text_and_ignores(tmp_path):
    video = tmp_path / "clip.mp4"
    video.write_bytes(b"")
    (tmp_path / "clip.prelint.toml").write_text(
        'title = "标题"\ncaption = "说明 #美食"\nhashtags = ["家常菜"]\nplatform = "tiktok"\n'
        'ignore = [{rule = "frame-rate", reason = "slow motion on purpose"}]\n',
        encoding="utf-8",
    )
    (tmp_path / "clip.srt").write_text("1\n00:00:00,000 --> 00:00:01,000\n你好\n", encoding="utf-8")
    draft = draft_from_path(video)
    assert draft.title == "标题" and draft.platform == "tiktok"
    assert draft.subtitles == tmp_path / "clip.srt"
    assert draft.all_hashtags() == ("家常菜", "美食")
    assert draft.sources["title"].startswith("metadata:")
    assert draft.ignores[0].rule == "frame-rate"
    # a metadata file path names the same draft as its video
    (found,) = find_drafts([tmp_path / "clip.prelint.toml", video])
    assert isinstance(found, Draft) and found.video == video
    overridden = draft.with_overrides(title="新标题")
    assert overridden.title == "新标题" and overridden.sources["title"] == "cli"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('title = "x"\ncolour = 1\n', "unknown key 'colour'"),
        ("title = 3\n", "key 'title' must be a string"),
        ('platform = "vine"\n', "platform 'vine'"),
        ("title = \n", "invalid TOML"),
    ],
)
def test_broken_metadata_is_a_config_error(tmp_path, content, message):
    meta = tmp_path / "clip.prelint.toml"
    meta.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        draft_from_path(meta)


def test_ignored_rule_in_metadata_is_skipped_with_reason(tmp_path):
    meta = tmp_path / "post.prelint.toml"
    meta.write_text('title = "' + "长" * 40 + '"\nignore = [{rule = "SPEC001", reason = "series name"}]\n', encoding="utf-8")
    report = prelint.lint(meta, select=["SPEC001"])
    result = report.result("SPEC001")
    assert result.status.value == "skipped" and result.reason.endswith("series name")


def test_import_prelint_is_light():
    code = (
        "import sys, prelint; prelint.lint(title='x', select=['SPEC001']);"
        "print(sorted(m for m in ('cv2','snownlp','rapidocr','jieba','av','moviepy') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_config_object_and_dict_are_accepted_by_lint():
    title = "长" * 40
    assert prelint.lint(title=title, config={"select": ["SPEC001"], "fail-on": "error"}).verdict == "warn"
    cfg = Config(select=("SPEC001",), options={"title-length": {"max-chars": 50}})
    assert prelint.lint(title=title, config=cfg).verdict == "pass"
    assert load_config(None) == Config()


def test_custom_check_runs_through_the_same_engine():
    @prelint.check(code="ACME001", name="acme-no-todo", level="warn")
    def no_todo(ctx):
        """What it checks: the title still says TODO."""
        if "TODO" in (ctx.draft.title or ""):
            yield ctx.finding("Title still says TODO", hint="Write the real title", field="title",
                              start=ctx.draft.title.index("TODO"), end=ctx.draft.title.index("TODO") + 4)

    report = prelint.lint_draft(Draft(title="my TODO title"), Config(), [no_todo])
    (finding,) = report.findings
    assert (finding.code, finding.start, finding.end, finding.level.value) == ("ACME001", 3, 7, "warn")
    assert no_todo.summary == "the title still says TODO"


def test_builtin_check_is_importable_and_runnable_alone():
    from prelint.checks.spec import title_length

    result = prelint.lint_rule(title_length, title="长" * 31)
    assert result.status.value == "warn" and result.metrics == {"chars": 31, "limit": 30}
    assert prelint.lint_rule(title_length, title="长" * 31, platform="shorts").status.value == "pass"


def test_fact_providers_may_use_other_facts_without_deadlock(monkeypatch):
    from prelint import context
    from prelint.context import Facts

    monkeypatch.setitem(context.FACT_PROVIDERS, "inner", "fact_providers:inner")
    monkeypatch.setitem(context.FACT_PROVIDERS, "outer", "fact_providers:outer")
    facts = Facts(draft=Draft(title="t"), config=Config())
    assert facts.get("outer") == ("outer", "inner")
    assert facts.computed("inner") == "inner"


def test_sidecar_subtitles_linking_out_of_the_folder_are_refused(tmp_path):
    from prelint.errors import InputError

    outside = tmp_path / "secret.txt"
    outside.write_text("1\n00:00:00,000 --> 00:00:01,000\nsecret\n", encoding="utf-8")
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    video = drafts / "clip.mp4"
    video.write_bytes(b"")
    (drafts / "clip.srt").symlink_to(outside)
    with pytest.raises(InputError, match="links outside the draft's folder"):
        draft_from_path(video)
    (drafts / "clip.srt").unlink()
    (drafts / "clip.srt").write_text("1\n00:00:00,000 --> 00:00:01,000\nok\n", encoding="utf-8")
    assert draft_from_path(video).subtitles == drafts / "clip.srt"


def test_platform_names_have_one_source_matching_the_profiles():
    from prelint import cli, draft
    from prelint.platforms import profiles

    assert draft.PLATFORMS == tuple(profiles()) == cli.PLATFORM_CHOICES
