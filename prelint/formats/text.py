"""`--format text`: per draft, "fix these first" (the findings that cost most, ranked), the other
findings, and a summary line; `--verbose` adds the checklist of every rule with its metrics and
the skipped rules (JSON always has everything).

Every piece of text that comes from a draft, a file name or a plugin goes through `visible`
before it is styled: control characters are shown as escapes, never sent to the terminal."""

from __future__ import annotations

from collections import Counter

from prelint.formats import RunOutput
from prelint.model import Finding, Level, Report, Status
from prelint.terminal import log_safe, visible

_STATUS_COLOR = {"pass": "green", "info": "blue", "warn": "yellow", "error": "red", "skipped": "bright_black"}


def _style(text: str, color: str | None, enabled: bool, bold: bool = False) -> str:
    if not enabled or color is None:
        return text
    import click

    return click.style(text, fg=color, bold=bold)


def _metrics(metrics: dict) -> str:
    parts = []
    for key, value in metrics.items():
        if isinstance(value, float):
            value = f"{value:g}"
        elif isinstance(value, (list, tuple)):
            value = ",".join(str(v) for v in value[:5]) + ("…" if len(value) > 5 else "")
        parts.append(f"{key}={value}")
    return visible(" ".join(parts))


def where(finding: Finding) -> str:
    if finding.start_s is not None:
        if finding.end_s is not None and abs(finding.end_s - finding.start_s) > 1e-6:
            return f"{finding.start_s:.2f}–{finding.end_s:.2f}s"
        return f"{finding.start_s:.2f}s"
    if finding.field:
        if finding.start is not None:
            return visible(f"{finding.field}[{finding.start}:{finding.end}]")
        return visible(finding.field)
    return ""


#: How much a finding costs the draft, by code prefix (then code): an upload that is refused, then what
#: platforms penalise or viewers swipe away from in the first seconds, then the rest.
IMPACT: dict[str, int] = {
    "SPEC003": 9, "SPEC008": 9,
    "CTA002": 8, "RISK003": 8,
    "HOOK": 7,
    "MATCH": 6, "RISK001": 6, "RISK002": 6,
    "PACE": 5,
    "SPEC": 3,
    "CTA001": 2,
}
#: Findings listed under "Fix these first".
FIRST_FIXES = 3


def impact(finding: Finding) -> tuple[int, int, float]:
    """Sort key, most costly first: level, then what the code costs, then the earlier the worse."""
    weight = IMPACT.get(finding.code, IMPACT.get(finding.code.rstrip("0123456789"), 4))
    start = finding.start_s if finding.start_s is not None else 0.0
    return (-finding.level.rank, -weight, start)


def _finding_lines(f: Finding, color: bool, number: str = "") -> list[str]:
    loc = where(f)
    head = f"  {number}{visible(f.code)} {_style(f.level.value, _STATUS_COLOR[f.level.value], color)}"
    lines = [f"{head} {loc + ': ' if loc else ''}{visible(f.message)}"]
    if f.hint:
        lines.append(f"{' ' * (len(number) + 6)}fix: {visible(f.hint)}")
    return lines


def render_report(report: Report, color: bool, verbose: bool = False) -> list[str]:
    label = visible(report.path or "<text>")
    if label.startswith("::"):
        label = "./" + label  # a file name as a path, not a workflow command (render makes every line log-safe)
    verdict = report.verdict.upper()
    findings = sorted(report.findings, key=impact)
    counts = Counter(f.level.value for f in findings)
    tally = ", ".join(f"{counts[l]} {l}" for l in ("error", "warn", "info") if counts.get(l))
    lines = [
        _style(label, None, color, bold=True)
        + f"  ({visible(str(report.platform))})  "
        + _style(verdict, _STATUS_COLOR.get(report.verdict), color, bold=True)
        + (f"  {len(findings)} finding{'s' if len(findings) != 1 else ''} ({tally})" if findings else "")
    ]
    if verbose:
        width = max((len(r.name) for r in report.rules), default=10)
        for r in report.rules:
            status = r.status.value.upper()
            detail = visible(r.reason) if r.status is Status.SKIPPED else _metrics(r.metrics)
            lines.append(
                "  "
                + _style(f"{status:<7}", _STATUS_COLOR[r.status.value], color)
                + f" {visible(r.code):<8} {visible(r.name):<{width}}  {detail}".rstrip()
            )
        if findings:
            lines.append("")
    first = [f for f in findings if f.level is not Level.INFO][:FIRST_FIXES]
    if first:
        lines.append(_style("  Fix these first:", None, color, bold=True))
        for number, f in enumerate(first, 1):
            lines += _finding_lines(f, color, f"{number}. ")
    rest = [f for f in findings if f not in first]
    if rest:
        if first:
            lines.append(_style("  Also:", None, color, bold=True))
        for f in rest:
            lines += _finding_lines(f, color)
    for err in report.errors:
        lines.append(_style(f"  crashed: {visible(str(err))}", "red", color))
    return lines


def render(run: RunOutput) -> str:
    lines: list[str] = []
    for report in run.reports:
        lines += render_report(report, run.color, run.verbose)
        lines.append("")
    for err in run.draft_errors:
        lines.append(_style(f"error: {visible(str(err))}", "red", run.color))
    if len(run.reports) + len(run.draft_errors) > 1:
        lines += summary_table(run)
        lines.append("")
    lines.append(summary_line(run))
    return log_safe("\n".join(lines)) + "\n"


TOP_RULES_SHOWN = 5  # rules listed under "Most frequent" in the batch summary


def summary_table(run: RunOutput) -> list[str]:
    """The batch summary: drafts per verdict, then the rules that fired on the most drafts."""
    verdicts = Counter(r.verdict for r in run.reports)
    header = ("drafts", "pass", "info", "warn", "error", "unreadable")
    values = (
        len(run.reports) + len(run.draft_errors),
        verdicts.get("pass", 0),
        verdicts.get("info", 0),
        verdicts.get("warn", 0),
        verdicts.get("error", 0),
        len(run.draft_errors),
    )
    widths = [max(len(h), len(str(v))) for h, v in zip(header, values)]
    lines = [
        _style("Summary", None, run.color, bold=True),
        "  " + "  ".join(f"{h:>{w}}" for h, w in zip(header, widths)),
        "  " + "  ".join(f"{v:>{w}}" for v, w in zip(values, widths)),
    ]
    drafts_per_rule: Counter = Counter()
    findings_per_rule: Counter = Counter()
    names: dict[str, str] = {}
    for report in run.reports:
        codes = set()
        for f in report.findings:
            findings_per_rule[f.code] += 1
            names[f.code] = visible(f.name)
            codes.add(f.code)
        drafts_per_rule.update(codes)
    if drafts_per_rule:
        lines.append("  Most frequent rules:")
        ranked = sorted(drafts_per_rule, key=lambda c: (-drafts_per_rule[c], -findings_per_rule[c], c))[:TOP_RULES_SHOWN]
        width = max(len(names[c]) for c in ranked)
        for code in ranked:
            n_drafts, n_findings = drafts_per_rule[code], findings_per_rule[code]
            lines.append(
                f"    {visible(code):<8} {names[code]:<{width}}  {n_drafts} draft{'s' if n_drafts != 1 else ''}, "
                f"{n_findings} finding{'s' if n_findings != 1 else ''}"
            )
    return lines


def summary_line(run: RunOutput) -> str:
    verdicts = Counter(r.verdict for r in run.reports)
    levels = Counter(f.level.value for r in run.reports for f in r.findings)
    n = len(run.reports)
    parts = [f"{n} draft{'s' if n != 1 else ''} linted"]
    parts.append(", ".join(f"{verdicts.get(v, 0)} {v}" for v in ("pass", "info", "warn", "error") if verdicts.get(v) or v != "info"))
    total = sum(levels.values())
    detail = ", ".join(f"{levels[l]} {l}" for l in ("error", "warn", "info") if levels.get(l))
    parts.append(f"{total} finding{'s' if total != 1 else ''}" + (f" ({detail})" if detail else ""))
    if run.draft_errors:
        parts.append(f"{len(run.draft_errors)} could not be read")
    return "; ".join(parts)
