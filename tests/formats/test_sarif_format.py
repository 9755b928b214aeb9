"""--format sarif: valid SARIF 2.1.0 (checked against the vendored schema subset), rules with docs, results with spans."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest

from prelint.formats import renderer
from prelint.formats.sarif import run_to_sarif

SCHEMA = json.loads((Path(__file__).parent / "sarif-2.1.0-subset.json").read_text(encoding="utf-8"))
FORMATS = jsonschema.FormatChecker()


@FORMATS.checks("uri-reference")
def _uri_reference(value: object) -> bool:
    # RFC 3986: ASCII only, no spaces, '%' only as a valid escape
    return isinstance(value, str) and re.fullmatch(r"(?:[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*", value) is not None


def validate(log: dict) -> None:
    jsonschema.Draft7Validator(SCHEMA, format_checker=FORMATS).validate(log)


def test_sarif_log_is_valid_and_complete(sample_run):
    log = json.loads(renderer("sarif")(sample_run))
    validate(log)
    assert log["version"] == "2.1.0"
    run = log["runs"][0]
    assert run["tool"]["driver"]["name"] == "prelint"
    results = run["results"]
    assert [(r["ruleId"], r["level"]) for r in results] == [
        ("HOOK001", "warning"), ("SPEC001", "error"), ("MATCH001", "note"), ("SPEC002", "note"),
    ]
    hook = results[0]
    location = hook["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "drafts%202024/my%20clip.mp4"
    assert location["region"] == {"startLine": 1}
    assert hook["properties"]["timeSpan"] == {"startSeconds": 0.0, "endSeconds": 2.0}
    assert hook["message"]["text"] == "Nothing changes before 2.0 s. Fix: Cut the first 1.5 s"
    assert results[1]["properties"]["textSpan"] == {"field": "title", "start": 30, "end": 40}
    # a subtitle span is mapped to the cue's time (offset 4 is in the second cue, 3.0–4.5 s)
    assert results[2]["properties"]["textSpan"] == {"field": "subtitles", "start": 4, "end": 8, "startSeconds": 3.0, "endSeconds": 4.5}
    # the text-only draft has no file to point at
    assert results[3]["locations"] == []
    # ruleIndex points at the descriptor with that id
    rules = run["tool"]["driver"]["rules"]
    assert all(rules[r["ruleIndex"]]["id"] == r["ruleId"] for r in results)
    assert len({r["partialFingerprints"]["prelintFingerprint/v1"] for r in results}) == 4


def test_sarif_rules_carry_the_rule_documentation(sample_run):
    log = run_to_sarif(sample_run)
    rules = {d["id"]: d for d in log["runs"][0]["tool"]["driver"]["rules"]}
    spec001 = sample_run.rules["SPEC001"]
    descriptor = rules["SPEC001"]
    assert descriptor["name"] == "title-length"
    assert descriptor["help"]["text"] == spec001.documentation()
    assert spec001.docs["Why it matters"] in descriptor["help"]["markdown"]
    assert descriptor["properties"]["whyItMatters"] == spec001.docs["Why it matters"]
    assert descriptor["defaultConfiguration"]["level"] == "warning"
    assert descriptor["properties"]["options"][0]["name"] == "max-chars"
    # findings of rules not in the run's rule set still get a (minimal) descriptor
    assert rules["HOOK001"] == {"id": "HOOK001", "name": "slow-start"}


def test_unreadable_drafts_are_tool_notifications(sample_run):
    log = run_to_sarif(sample_run)
    invocation = log["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    [note] = invocation["toolExecutionNotifications"]
    assert note["level"] == "error"
    assert note["message"]["text"] == "not a video file (moov atom not found)"
    assert note["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "drafts%202024/broken.mp4"


@pytest.mark.parametrize(
    "breakage",
    [
        lambda log: log["runs"][0]["results"][0].update(level="warn"),
        lambda log: log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"].update(startLine=0),
        lambda log: log["runs"][0]["tool"]["driver"].pop("name"),
        lambda log: log["runs"][0]["results"][0].update(ruleID="X"),
        lambda log: log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"].update(uri="a b.mp4"),
        lambda log: log.update(version="2.0.0"),
    ],
)
def test_schema_subset_rejects_broken_logs(sample_run, breakage):
    log = run_to_sarif(sample_run)
    breakage(log)
    with pytest.raises(jsonschema.ValidationError):
        validate(log)


def test_cli_writes_valid_sarif_for_a_text_draft(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from prelint.cli import main

    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["--title", "震惊！99%的人都不知道这个秘密，赶紧收藏转发给你的朋友们吧真的", "--select", "SPEC001", "--format", "sarif"])
    assert result.exit_code == 1, result.output
    log = json.loads(result.output)
    validate(log)
    [res] = log["runs"][0]["results"]
    assert res["ruleId"] == "SPEC001" and res["level"] == "warning"
    assert res["properties"]["textSpan"]["field"] == "title"
    assert [r["id"] for r in log["runs"][0]["tool"]["driver"]["rules"]] == ["SPEC001"]


def test_file_names_that_are_not_utf8_become_percent_escaped_bytes(tmp_path, monkeypatch):
    from prelint.formats import RunOutput
    from prelint.model import Finding, Level, Report, RuleResult, Status

    monkeypatch.chdir(tmp_path)
    name = b"caf\xe9 1.mp4".decode("utf-8", "surrogateescape")  # Latin-1 bytes, as from an old zip
    finding = Finding("SPEC002", "hashtag-count", Level.INFO, "No hashtag", field="hashtags")
    inside = Report(path=f"drafts/{name}", rules=(RuleResult("SPEC002", "hashtag-count", Status.INFO, (finding,)),))
    outside = Report(path=f"/elsewhere/{name}", rules=inside.rules)
    log = run_to_sarif(RunOutput(reports=(inside, outside)))
    validate(log)
    uris = [r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in log["runs"][0]["results"]]
    assert uris == ["drafts/caf%E9%201.mp4", "file:///elsewhere/caf%E9%201.mp4"]


def test_a_title_finding_points_at_the_metadata_file_that_holds_the_title(tmp_path):
    import json
    import shutil
    from pathlib import Path

    import prelint
    from prelint.formats import RunOutput
    from prelint.formats.github import render as github
    from prelint.formats.sarif import render as sarif

    sample = Path(__file__).resolve().parents[2] / "fixtures" / "sample" / "sample.mp4"
    shutil.copyfile(sample, tmp_path / "clip.mp4")
    (tmp_path / "clip.prelint.toml").write_text('title = "' + "长" * 40 + '"\n', encoding="utf-8")
    report = prelint.lint(tmp_path / "clip.mp4", select=["SPEC001", "SPEC005"], config={})
    run = RunOutput(reports=(report,), base_dir=str(tmp_path))
    results = json.loads(sarif(run))["runs"][0]["results"]
    uris = {r["ruleId"]: r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results}
    assert uris["SPEC001"] == "clip.prelint.toml"
    assert "file=clip.prelint.toml,title=SPEC001" in github(run)
