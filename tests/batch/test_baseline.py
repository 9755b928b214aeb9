"""--write-baseline / --baseline: record today's findings, then report only new ones."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from batch_helpers import LONG_TITLE, run_cli, write_text_draft

from prelint.formats.baseline import fingerprint, location_key
from prelint.model import Finding, Level


def test_fingerprint_ignores_wording_but_not_place_or_rule(tmp_path):
    base = Finding("HOOK001", "slow-start", Level.WARN, "Nothing changes before 2.0 s", start_s=0.0, end_s=2.01)
    reworded = Finding("HOOK001", "slow-start", Level.ERROR, "Static for 2 s", hint="new hint", start_s=0.02, end_s=1.99)
    later = Finding("HOOK001", "slow-start", Level.WARN, "Nothing changes before 2.0 s", start_s=0.0, end_s=2.5)
    other_rule = Finding("HOOK002", "slow-start", Level.WARN, "Nothing changes before 2.0 s", start_s=0.0, end_s=2.01)
    fp = fingerprint("drafts/a.mp4", base, tmp_path)
    assert fingerprint("drafts/a.mp4", reworded, tmp_path) == fp
    assert fingerprint("drafts/a.mp4", later, tmp_path) != fp
    assert fingerprint("drafts/a.mp4", other_rule, tmp_path) != fp
    assert fingerprint("drafts/b.mp4", base, tmp_path) != fp
    assert location_key(base) == "t=0-20"
    assert location_key(Finding("SPEC001", "title-length", Level.WARN, "m", field="title", start=30, end=37)) == "title[30:37]"


def test_baseline_hides_recorded_findings_and_shows_new_ones(text_project):
    written = run_cli("drafts", "--write-baseline", "prelint-baseline.json", cwd=text_project)
    assert written.returncode == 2  # the broken draft is still an error
    assert "prelint: recorded 3 findings in prelint-baseline.json" in written.stderr
    data = json.loads((text_project / "prelint-baseline.json").read_text(encoding="utf-8"))
    assert [(e["path"], e["code"], e["where"]) for e in data["findings"]] == [
        ("drafts/a.prelint.toml", "SPEC001", "title[30:36]"),
        ("drafts/a.prelint.toml", "SPEC002", "hashtags"),
        ("drafts/sub/c.prelint.toml", "SPEC001", "title[30:37]"),
    ]
    (text_project / "drafts" / "broken.prelint.toml").unlink()

    again = run_cli("drafts", "--baseline", "prelint-baseline.json", "--format", "json", cwd=text_project)
    assert again.returncode == 0, again.stderr
    assert all(not d["rules"][0]["findings"] and d["verdict"] == "pass" for d in json.loads(again.stdout)["drafts"])
    assert "3 findings hidden by baseline prelint-baseline.json" in again.stderr

    write_text_draft(text_project / "drafts" / "new.prelint.toml", LONG_TITLE)
    write_text_draft(text_project / "drafts" / "sub" / "b.prelint.toml", "三个技巧让蛋糕不塌")  # lost its hashtags
    new = run_cli("drafts", "--baseline", "prelint-baseline.json", "--format", "jsonl", cwd=text_project)
    assert new.returncode == 1
    found = sorted((r["path"], f["code"]) for r in map(json.loads, new.stdout.splitlines()) for rule in r["rules"] for f in rule["findings"])
    assert found == [
        ("drafts/new.prelint.toml", "SPEC001"),
        ("drafts/new.prelint.toml", "SPEC002"),
        ("drafts/sub/b.prelint.toml", "SPEC002"),
    ]


def test_baseline_paths_are_relative_to_the_baseline_file(text_project, tmp_path):
    baseline = text_project / "ci" / "baseline.json"
    baseline.parent.mkdir()
    (text_project / "drafts" / "broken.prelint.toml").unlink()
    assert run_cli("drafts", "--write-baseline", str(baseline), cwd=text_project).returncode == 0
    assert json.loads(baseline.read_text(encoding="utf-8"))["findings"][0]["path"] == "../drafts/a.prelint.toml"
    # the whole project moved elsewhere, linted from another working folder with absolute paths
    moved = tmp_path / "elsewhere" / "project"
    shutil.copytree(text_project, moved)
    result = run_cli(str(moved / "drafts"), "--baseline", str(moved / "ci" / "baseline.json"), cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 findings" in result.stdout.splitlines()[-1]


def test_a_broken_baseline_is_a_usage_error(text_project):
    (text_project / "bad.json").write_text("{not json", encoding="utf-8")
    result = run_cli("drafts", "--baseline", "bad.json", cwd=text_project)
    assert result.returncode == 2
    assert "baseline bad.json is not valid JSON" in result.stderr
    missing = run_cli("drafts", "--baseline", "nope.json", cwd=text_project)
    assert missing.returncode == 2 and "does not exist (create it with --write-baseline)" in missing.stderr
