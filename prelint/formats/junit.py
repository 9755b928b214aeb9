"""`--format junit`: JUnit XML for CI test tabs. One testsuite per draft, one testcase per rule.

A rule with findings at or above `--fail-on` (default warn: warn and error findings) is a
`<failure>`; a skipped rule is `<skipped>`; a crashed check is an `<error>`; info findings
of a passing rule go to `<system-out>`. A draft that could not be read is a testsuite with
one errored testcase.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from prelint.formats import DraftError, RunOutput, display_path
from prelint.formats.text import where
from prelint.model import Report, RuleResult, Status
from prelint.terminal import xml_visible

# Characters XML 1.0 cannot carry at all (control characters other than tab, LF, CR; lone surrogates).
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def xml_text(value: object) -> str:
    return _XML_INVALID.sub("\ufffd", str(value))


def _finding_lines(result: RuleResult) -> str:
    lines = []
    for f in result.findings:
        loc = where(f)
        lines.append(f"[{f.level.value}] {loc + ': ' if loc else ''}{f.message}")
        if f.hint:
            lines.append(f"  fix: {f.hint}")
    return xml_text("\n".join(lines))


def _testcase(suite: ET.Element, result: RuleResult, report: Report, run: RunOutput) -> dict[str, int]:
    label = display_path(report.path, run.base_dir) or "<text>"
    case = ET.SubElement(
        suite,
        "testcase",
        {"classname": xml_text(f"prelint.{result.code.rstrip('0123456789')}"), "name": xml_text(f"{result.code} {result.name}"), "file": xml_text(label)},
    )
    counts = {"failures": 0, "errors": 0, "skipped": 0}
    if result.status is Status.SKIPPED:
        reason = result.reason or "skipped"
        if reason.startswith("crashed:"):
            ET.SubElement(case, "error", {"message": xml_text(reason), "type": "crash"}).text = xml_text(reason)
            counts["errors"] = 1
        else:
            ET.SubElement(case, "skipped", {"message": xml_text(reason)})
            counts["skipped"] = 1
        return counts
    failing = [f for f in result.findings if f.level.rank >= run.fail_on.rank]
    if failing:
        worst = max(failing, key=lambda f: f.level.rank)
        message = failing[0].message if len(failing) == 1 else f"{len(failing)} findings: {failing[0].message}"
        ET.SubElement(case, "failure", {"message": xml_text(message), "type": worst.level.value}).text = _finding_lines(result)
        counts["failures"] = 1
    elif result.findings:
        ET.SubElement(case, "system-out").text = _finding_lines(result)
    return counts


def _suite_for_report(root: ET.Element, report: Report, run: RunOutput) -> dict[str, int]:
    label = display_path(report.path, run.base_dir) or "<text>"
    suite = ET.SubElement(root, "testsuite", {"name": xml_text(label)})
    if report.platform:
        props = ET.SubElement(suite, "properties")
        ET.SubElement(props, "property", {"name": "platform", "value": xml_text(report.platform)})
        ET.SubElement(props, "property", {"name": "verdict", "value": report.verdict})
    totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for result in report.rules:
        counts = _testcase(suite, result, report, run)
        totals["tests"] += 1
        for key, value in counts.items():
            totals[key] += value
    for key, value in totals.items():
        suite.set(key, str(value))
    return totals


def _suite_for_error(root: ET.Element, error: DraftError, run: RunOutput) -> dict[str, int]:
    label = display_path(error.path, run.base_dir) or "<draft>"
    suite = ET.SubElement(root, "testsuite", {"name": xml_text(label), "tests": "1", "failures": "0", "errors": "1", "skipped": "0"})
    case = ET.SubElement(suite, "testcase", {"classname": "prelint", "name": "read draft", "file": xml_text(label)})
    ET.SubElement(case, "error", {"message": xml_text(error.message), "type": "input"}).text = xml_text(str(error))
    return {"tests": 1, "failures": 0, "errors": 1, "skipped": 0}


def render(run: RunOutput) -> str:
    root = ET.Element("testsuites", {"name": "prelint"})
    totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for report in run.reports:
        for key, value in _suite_for_report(root, report, run).items():
            totals[key] += value
    for error in run.draft_errors:
        for key, value in _suite_for_error(root, error, run).items():
            totals[key] += value
    for key, value in totals.items():
        root.set(key, str(value))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + xml_visible(ET.tostring(root, encoding="unicode")) + "\n"
