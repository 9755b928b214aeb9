"""`--format sarif`: SARIF 2.1.0 for code-scanning dashboards.

One run; `tool.driver.rules` carries every selected rule with its documentation (the same
sections `prelint rule CODE` prints); each finding is a result with its ruleId, level
(note/warning/error), message (with the fix), the draft file as location (region.startLine 1:
a video has no lines) and, in `properties`, the time span and/or the text span it points at.
Drafts that could not be read and checks that crashed are tool execution notifications.
"""

from __future__ import annotations

import json
import os
from typing import Any
from urllib.parse import quote

from prelint.formats import RunOutput, display_path
from prelint.formats.baseline import fingerprint
from prelint.model import Finding, Level, Report, jsonable
from prelint.terminal import json_visible

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
FINGERPRINT_KEY = "prelintFingerprint/v1"
SARIF_LEVEL = {Level.INFO: "note", Level.WARN: "warning", Level.ERROR: "error"}


def artifact_uri(path: str, base_dir: str | None) -> str:
    """A URI reference for the draft: relative ('drafts/a%20b.mp4') inside base_dir, else file:///..."""
    shown = display_path(path, base_dir) or path
    raw = shown.encode("utf-8", "surrogateescape")  # a non-UTF-8 file name keeps its own bytes, %-escaped
    if os.path.isabs(shown) or shown.startswith("/"):
        return "file://" + ("" if shown.startswith("/") else "/") + quote(raw.replace(b"\\", b"/"), safe="/:")
    return quote(raw, safe="/")


def rule_descriptor(rule: Any) -> dict[str, Any]:
    docs: dict[str, str] = getattr(rule, "docs", {}) or {}
    what = docs.get("What it checks") or rule.summary or rule.name
    markdown_parts = [f"**{section}:** {docs[section]}" for section in ("What it checks", "Why it matters", "How to fix") if docs.get(section)]
    options = [
        {"name": o.config_name, "default": jsonable(o.default), "unit": o.unit, "help": o.help} for o in getattr(rule, "options", ())
    ]
    if options:
        markdown_parts.append(
            "**Options:**\n\n"
            + "\n".join(f"- `{o['name']}` = `{o['default']}`{(' ' + o['unit']) if o['unit'] else ''} — {o['help']}" for o in options)
        )
    properties: dict[str, Any] = {"tags": [rule.family]}
    for section, key in (("Why it matters", "whyItMatters"), ("How to fix", "howToFix")):
        if docs.get(section):
            properties[key] = docs[section]
    if options:
        properties["options"] = options
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary or rule.name},
        "fullDescription": {"text": what},
        "help": {"text": rule.documentation(), "markdown": "\n\n".join(markdown_parts) or what},
        "defaultConfiguration": {"level": SARIF_LEVEL[rule.level]},
        "properties": properties,
    }


def _location(path: str | None, base_dir: str | None) -> list[dict[str, Any]]:
    if path is None:
        return []
    return [{"physicalLocation": {"artifactLocation": {"uri": artifact_uri(path, base_dir)}, "region": {"startLine": 1}}}]


def _finding_properties(finding: Finding, report: Report) -> dict[str, Any]:
    props: dict[str, Any] = {"name": finding.name}
    if finding.start_s is not None:
        end_s = finding.end_s if finding.end_s is not None else finding.start_s
        props["timeSpan"] = {"startSeconds": round(finding.start_s, 3), "endSeconds": round(end_s, 3)}
    if finding.field is not None:
        text_span: dict[str, Any] = {"field": finding.field}
        if finding.start is not None:
            text_span["start"] = finding.start
            text_span["end"] = finding.end if finding.end is not None else finding.start
            content = report.content
            if content is not None and finding.field in ("subtitles", "screen"):
                span = content.span_at(finding.field, finding.start)
                if span is not None:
                    text_span["startSeconds"] = round(span.start_s, 3)
                    text_span["endSeconds"] = round(span.end_s, 3)
        props["textSpan"] = text_span
    if finding.hint:
        props["hint"] = finding.hint
    if finding.evidence:
        props["evidence"] = jsonable(finding.evidence)
    return props


def _result(finding: Finding, report: Report, rule_index: dict[str, int], base_dir: str | None) -> dict[str, Any]:
    text = finding.message
    if finding.hint:
        text = f"{text.rstrip('.。')}. Fix: {finding.hint}"
    result: dict[str, Any] = {
        "ruleId": finding.code,
        "ruleIndex": rule_index[finding.code],
        "level": SARIF_LEVEL[finding.level],
        "message": {"text": text},
        "locations": _location(report.file_of(finding), base_dir),
        "partialFingerprints": {FINGERPRINT_KEY: fingerprint(report.path, finding, _base(base_dir))},
        "properties": _finding_properties(finding, report),
    }
    return result


def _base(base_dir: str | None):
    from pathlib import Path

    return Path(base_dir) if base_dir else Path.cwd()


def _notification(message: str, path: str | None, base_dir: str | None) -> dict[str, Any]:
    note: dict[str, Any] = {"level": "error", "message": {"text": message}}
    locations = _location(path, base_dir)
    if locations:
        note["locations"] = locations
    return note


def run_to_sarif(run: RunOutput) -> dict[str, Any]:
    descriptors = [rule_descriptor(rule) for rule in run.rules.values()]
    rule_index = {d["id"]: i for i, d in enumerate(descriptors)}
    for report in run.reports:  # findings of rules the run did not list (hand-built runs, plugins)
        for finding in report.findings:
            if finding.code not in rule_index:
                rule_index[finding.code] = len(descriptors)
                descriptors.append({"id": finding.code, "name": finding.name})
    results = [_result(f, r, rule_index, run.base_dir) for r in run.reports for f in r.findings]
    notifications = [_notification(str(e.message), e.path, run.base_dir) for e in run.draft_errors]
    notifications += [_notification(message, r.path, run.base_dir) for r in run.reports for message in r.errors]
    artifacts = [
        {"location": {"uri": artifact_uri(path, run.base_dir)}, "roles": ["analysisTarget"]}
        for r in run.reports for path in (r.path, *r.field_files.values()) if path is not None
    ]
    driver: dict[str, Any] = {"name": "prelint", "rules": descriptors}
    if run.version:
        driver["version"] = run.version
        driver["semanticVersion"] = run.version
    sarif_run: dict[str, Any] = {
        "tool": {"driver": driver},
        "invocations": [{"executionSuccessful": not notifications, "toolExecutionNotifications": notifications}],
        "results": results,
        "columnKind": "unicodeCodePoints",
    }
    if artifacts:
        unique = {a["location"]["uri"]: a for a in artifacts}
        sarif_run["artifacts"] = list(unique.values())
    return {"$schema": SARIF_SCHEMA_URI, "version": SARIF_VERSION, "runs": [sarif_run]}


def render(run: RunOutput) -> str:
    return json_visible(json.dumps(run_to_sarif(run), ensure_ascii=False, indent=2)) + "\n"

