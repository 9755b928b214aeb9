"""Baselines: record today's findings once (`--write-baseline FILE`), then report only new ones (`--baseline FILE`).

A finding is identified by a fingerprint that survives rewording and moving the project:
the draft's path relative to the baseline file's folder, the rule code, and where the finding is
(text field and character span, or time span rounded to TIME_RESOLUTION_S). The message is
not part of it, so improving a rule's wording does not make old findings "new".
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Iterable

from prelint.errors import UsageError
from prelint.model import Finding, Report, RuleResult, Status
from prelint.terminal import json_visible

BASELINE_VERSION = 1
TIME_RESOLUTION_S = 0.1  # time spans are rounded to this before fingerprinting
TEXT_DRAFT_KEY = "<text>"  # path key of a draft that has no file (title/caption only)


def path_key(path: str | None, base_dir: Path) -> str:
    """The draft's path relative to base_dir, '/'-separated; absolute when on another drive."""
    if path is None:
        return TEXT_DRAFT_KEY
    absolute = os.path.abspath(path)
    try:
        relative = os.path.relpath(absolute, os.path.abspath(base_dir))
    except ValueError:
        relative = absolute
    return relative.replace(os.sep, "/")


def location_key(finding: Finding) -> str:
    """Where a finding is, independent of its wording: `t=12-35` (deciseconds) or `title[3:9]`."""
    parts: list[str] = []
    if finding.field:
        span = f"[{finding.start}:{finding.end}]" if finding.start is not None else ""
        parts.append(f"{finding.field}{span}")
    if finding.start_s is not None:
        start = round(finding.start_s / TIME_RESOLUTION_S)
        end = round((finding.end_s if finding.end_s is not None else finding.start_s) / TIME_RESOLUTION_S)
        parts.append(f"t={start}-{end}")
    return " ".join(parts) or "-"


def fingerprint(report_path: str | None, finding: Finding, base_dir: Path) -> str:
    """Stable id of one finding: sha256 of path key, code and location (first 20 hex digits)."""
    blob = "\0".join((path_key(report_path, base_dir), finding.code, location_key(finding)))
    return hashlib.sha256(blob.encode("utf-8", "surrogateescape")).hexdigest()[:20]  # non-UTF-8 file names too


@dataclass(frozen=True)
class Baseline:
    """Fingerprints of accepted findings, with how many times each was seen."""

    path: Path
    counts: Counter

    @property
    def base_dir(self) -> Path:
        return self.path.parent


def baseline_entries(reports: Iterable[Report], base_dir: Path) -> list[dict]:
    entries = []
    for report in reports:
        for finding in report.findings:
            entries.append(
                {
                    "fingerprint": fingerprint(report.path, finding, base_dir),
                    "path": path_key(report.path, base_dir),
                    "code": finding.code,
                    "where": location_key(finding),
                    "message": finding.message,  # for people reading the file; not part of the fingerprint
                }
            )
    entries.sort(key=lambda e: (e["path"], e["code"], e["where"], e["fingerprint"]))
    return entries


def write_baseline(path: Path, reports: Iterable[Report], inputs: Iterable[Path] = ()) -> int:
    """Write the findings of `reports` as a baseline file; returns how many were recorded.

    Written atomically, never through a link or over one of `inputs` (prelint.output_files)."""
    from prelint.output_files import write_output_file

    entries = baseline_entries(reports, path.parent)
    data = {"prelint_baseline": BASELINE_VERSION, "findings": entries}
    text = json_visible(json.dumps(data, ensure_ascii=False, indent=2)) + "\n"
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # a file name that is not UTF-8: keep the file valid JSON with \u escapes
        text = json.dumps(data, indent=2) + "\n"
    write_output_file(path, text, inputs, "baseline")
    return len(entries)


def read_baseline(path: Path) -> Baseline:
    """Read a baseline file: a regular file of at most MAX_BASELINE_BYTES (a committed symlink to
    /dev/zero or a FIFO is refused at once, never read until memory runs out or forever)."""
    from prelint.errors import InputError
    from prelint.safe_io import MAX_BASELINE_BYTES, read_regular_file

    try:
        raw = read_regular_file(path, MAX_BASELINE_BYTES, "baseline")
    except InputError as exc:
        hint = " (create it with --write-baseline)" if exc.message.endswith("does not exist") else ""
        raise UsageError(f"{exc.message}{hint}", path) from None
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise UsageError(f"baseline {path} is not valid JSON: {exc}") from None
    except RecursionError:
        raise UsageError(f"baseline {path} is not a prelint baseline (nested too deeply)") from None
    if not isinstance(data, dict) or data.get("prelint_baseline") != BASELINE_VERSION or not isinstance(data.get("findings"), list):
        raise UsageError(f"baseline {path} is not a prelint baseline (version {BASELINE_VERSION})")
    counts: Counter = Counter()
    for i, entry in enumerate(data["findings"]):
        if not isinstance(entry, dict) or not isinstance(entry.get("fingerprint"), str):
            raise UsageError(f"baseline {path}: findings[{i}] has no fingerprint")
        counts[entry["fingerprint"]] += 1
    return Baseline(path=path, counts=counts)


def filter_report(report: Report, baseline: Baseline) -> tuple[Report, int]:
    """The report without findings recorded in the baseline (as many as were recorded); statuses recomputed.

    `baseline.counts` is consumed, so a draft linted twice does not hide its findings twice.
    """
    hidden = 0
    results: list[RuleResult] = []
    for result in report.rules:
        kept: list[Finding] = []
        for finding in result.findings:
            fp = fingerprint(report.path, finding, baseline.base_dir)
            if baseline.counts.get(fp, 0) > 0:
                baseline.counts[fp] -= 1
                hidden += 1
            else:
                kept.append(finding)
        if len(kept) != len(result.findings):
            worst = max((f.level.rank for f in kept), default=0)
            status = {0: Status.PASS, 1: Status.INFO, 2: Status.WARN, 3: Status.ERROR}[worst]
            result = replace(result, findings=tuple(kept), status=status)
        results.append(result)
    return replace(report, rules=tuple(results)), hidden
