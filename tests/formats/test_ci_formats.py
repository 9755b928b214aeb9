"""--format github, junit and jsonl on hand-built reports."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

from prelint.formats import DraftError, RunOutput, renderer
from prelint.formats.github import annotation, escape_data, escape_property
from prelint.model import Finding, Level, Report, RuleResult, Status


def test_github_escaping_follows_the_runner_rules():
    assert escape_data("100% done\r\nnext") == "100%25 done%0D%0Anext"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"
    line = annotation("warning", "x: y, z", file="dir,1/a:b.mp4", title="HOOK001 slow-start")
    assert line == "::warning file=dir%2C1/a%3Ab.mp4,title=HOOK001 slow-start::x: y, z"


def test_github_annotations_per_finding(sample_run):
    lines = renderer("github")(sample_run).splitlines()
    assert lines == [
        "::warning file=drafts 2024/my clip.mp4,title=HOOK001 slow-start::0.00–2.00s: Nothing changes before 2.0 s%0Afix: Cut the first 1.5 s",
        "::error file=drafts 2024/my clip.mp4,title=SPEC001 title-length::title[30:40]: Title is 40 characters%0Afix: Cut 10 characters",
        "::notice file=drafts 2024/my clip.mp4,title=MATCH001 duration-claim::subtitles[4:8]: Subtitle says something",
        "::notice title=SPEC002 hashtag-count::hashtags: No hashtag%0Afix: Add 2–3 topics",
        "::error file=drafts 2024/broken.mp4,title=prelint::could not lint: not a video file (moov atom not found)",
    ]


def test_junit_one_suite_per_draft_one_case_per_rule(sample_run):
    root = ET.fromstring(renderer("junit")(sample_run))
    assert root.tag == "testsuites"
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == ["drafts 2024/my clip.mp4", "<text>", "drafts 2024/broken.mp4"]
    video = suites[0]
    cases = {c.get("name"): c for c in video.findall("testcase")}
    assert list(cases) == ["HOOK001 slow-start", "SPEC001 title-length", "MATCH001 duration-claim", "SPEC002 hashtag-count", "PACE003 dead-air"]
    assert cases["HOOK001 slow-start"].find("failure").get("type") == "warn"
    assert cases["SPEC001 title-length"].find("failure").get("type") == "error"
    assert "fix: Cut 10 characters" in cases["SPEC001 title-length"].find("failure").text
    assert cases["MATCH001 duration-claim"].find("failure") is None  # info is not a failure
    assert "Subtitle says something" in cases["MATCH001 duration-claim"].find("system-out").text
    assert cases["PACE003 dead-air"].find("skipped").get("message") == "no audio track"
    assert (video.get("tests"), video.get("failures"), video.get("skipped"), video.get("errors")) == ("5", "2", "1", "0")
    broken = suites[2].find("testcase/error")
    assert broken.get("message") == "not a video file (moov atom not found)"
    assert (root.get("tests"), root.get("failures"), root.get("errors"), root.get("skipped")) == ("7", "2", "1", "1")


def test_junit_survives_control_characters_and_respects_fail_on():
    finding = Finding("SPEC001", "title-length", Level.WARN, "bad\x00title\x1b[31m", field="title")
    report = Report(path=None, rules=(RuleResult("SPEC001", "title-length", Status.WARN, (finding,)),))
    root = ET.fromstring(renderer("junit")(RunOutput(reports=(report,))))
    assert root.find("testsuite/testcase/failure").get("message") == "bad\ufffdtitle\ufffd[31m"
    root = ET.fromstring(renderer("junit")(RunOutput(reports=(report,), fail_on=Level.ERROR)))
    assert root.find("testsuite/testcase/failure") is None and root.get("failures") == "0"


def test_jsonl_one_object_per_draft(sample_run):
    lines = renderer("jsonl")(sample_run).splitlines()
    records = [json.loads(line) for line in lines]
    assert [r["type"] for r in records] == ["draft", "draft", "error"]
    assert records[0] == {"type": "draft", **sample_run.reports[0].to_dict()}
    assert records[0]["verdict"] == "error"
    assert records[2] == {"type": "error", "path": "drafts 2024/broken.mp4", "message": "not a video file (moov atom not found)"}


def test_text_summary_table_only_for_batches(sample_run):
    text = renderer("text")(sample_run)
    assert "Summary" in text
    table = text[text.index("Summary") :].splitlines()
    assert table[1].split() == ["drafts", "pass", "info", "warn", "error", "unreadable"]
    assert table[2].split() == ["3", "0", "1", "0", "1", "1"]
    assert table[3].strip() == "Most frequent rules:"
    ranked = [line.split() for line in table[4:8]]
    # each rule fired on one draft once: ties are in code order
    assert [r[0] for r in ranked] == ["HOOK001", "MATCH001", "SPEC001", "SPEC002"]
    assert ranked[3][1:] == ["hashtag-count", "1", "draft,", "1", "finding"]
    single = RunOutput(reports=(sample_run.reports[1],))
    assert "Summary" not in renderer("text")(single)
    assert renderer("text")(single).splitlines()[-1] == "1 draft linted; 0 pass, 1 info, 0 warn, 0 error; 1 finding (1 info)"


def test_draft_error_default_is_not_internal():
    assert DraftError("a.mp4", "x").internal is False
