"""`--format text`: a checklist per draft, then findings with hints, then a summary line.

Every piece of text that comes from a draft, a file name or a plugin goes through `visible`
before it is styled: control characters are shown as escapes, never sent to the terminal."""

from __future__ import annotations

from collections import Counter

from prelint.formats import RunOutput
from prelint.model import Finding, Report, Status
from prelint.terminal import visible

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


def render_report(report: Report, color: bool) -> list[str]:
    label = visible(report.path or "<text>")
    verdict = report.verdict.upper()
    lines = [
        _style(label, None, color, bold=True)
        + f"  ({visible(str(report.platform))})  "
        + _style(verdict, _STATUS_COLOR.get(report.verdict), color, bold=True)
    ]
    width = max((len(r.name) for r in report.rules), default=10)
    for r in report.rules:
        status = r.status.value.upper()
        detail = visible(r.reason) if r.status is Status.SKIPPED else _metrics(r.metrics)
        lines.append(
            "  "
            + _style(f"{status:<7}", _STATUS_COLOR[r.status.value], color)
            + f" {visible(r.code):<8} {visible(r.name):<{width}}  {detail}".rstrip()
        )
    findings = report.findings
    if findings:
        lines.append("")
        for f in findings:
            loc = where(f)
            head = f"  {visible(f.code)} {_style(f.level.value, _STATUS_COLOR[f.level.value], color)}"
            lines.append(f"{head} {loc + ': ' if loc else ''}{visible(f.message)}")
            if f.hint:
                lines.append(f"      fix: {visible(f.hint)}")
    for err in report.errors:
        lines.append(_style(f"  crashed: {visible(str(err))}", "red", color))
    return lines


def render(run: RunOutput) -> str:
    lines: list[str] = []
    for report in run.reports:
        lines += render_report(report, run.color)
        lines.append("")
    for err in run.draft_errors:
        lines.append(_style(f"error: {visible(str(err))}", "red", run.color))
    if len(run.reports) + len(run.draft_errors) > 1:
        lines += summary_table(run)
        lines.append("")
    lines.append(summary_line(run))
    return "\n".join(lines) + "\n"


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
