"""`--format html`: one self-contained report page people look at.

No network and no script: inline CSS, inline SVG, frames as base64 JPEG `data:` URIs, and a
Content-Security-Policy that forbids everything else. Per draft: the verdict, the draft's
text, the findings with their fixes (most costly first, short evidence folded), a filmstrip of
the hook window, a timeline (shots and transitions, motion, loudness and silences, subtitles and
on-screen text, findings placed in time) and, folded, every rule with its numbers. Below 640 px
the rules' numbers take a line of their own (tests/formats/test_html_layout.py measures it in
Chromium at 390 and 1280 px). Every piece of user text (titles, captions, subtitles, OCR text,
file names, evidence) goes through `esc`.
"""

from __future__ import annotations

import math

import base64
import html
from typing import Any, Iterable

from prelint.formats import DraftError, RunOutput
from prelint.formats.text import _metrics, where
from prelint.model import Finding, Report, RuleResult, Status

FILMSTRIP_REASONS = ("first", "hook")
FILMSTRIP_MAX_FRAMES = 12
THUMB_HEIGHT_PX = 160
JPEG_QUALITY = 72
DEFAULT_HOOK_WINDOW_S = 3.0

# Timeline geometry (SVG user units)
TIMELINE_WIDTH = 960
LABEL_WIDTH = 92
TRACK_HEIGHT = 22
TRACK_GAP = 6
LOUDNESS_FLOOR_DB = -60.0
LABEL_CHAR_PX = 6.6  # approximate width of one 11px label character: a finding bar wide enough shows its code and name

LEVEL_COLOR = {"info": "#2f6fd6", "warn": "#d99a00", "error": "#d33a2c"}
STATUS_COLOR = {"pass": "#2e9d4e", "info": "#2f6fd6", "warn": "#d99a00", "error": "#d33a2c", "skipped": "#8a8f98"}

CSS = """
:root { font-family: system-ui, -apple-system, "PingFang SC", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; color: #1d2330; }
body { margin: 0 auto; max-width: 1040px; padding: 24px; background: #f6f7f9; }
h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 18px; margin: 0; word-break: break-all; }
h3 { font-size: 14px; text-transform: uppercase; letter-spacing: .04em; color: #5a6272; margin: 20px 0 8px; }
.summary { color: #5a6272; margin-bottom: 20px; }
section.draft, section.errors { background: #fff; border-radius: 10px; padding: 18px 20px; margin-bottom: 22px; box-shadow: 0 1px 3px rgba(0,0,0,.08); }
.head { display: flex; align-items: center; gap: 12px; flex-wrap: wrap; }
.verdict, .status { display: inline-block; border-radius: 4px; color: #fff; font-weight: 600; font-size: 12px; padding: 2px 8px; text-transform: uppercase; }
.meta { color: #5a6272; font-size: 13px; }
dl.text { display: grid; grid-template-columns: 90px 1fr; gap: 4px 12px; margin: 12px 0 0; font-size: 14px; }
dl.text dt { color: #5a6272; } dl.text dd { margin: 0; white-space: pre-wrap; word-break: break-word; }
table.checklist { border-collapse: collapse; width: 100%; font-size: 13px; }
table.checklist td { padding: 4px 8px; border-top: 1px solid #eceef2; vertical-align: top; }
table.checklist td.code { font-family: ui-monospace, monospace; white-space: nowrap; }
table.checklist td.detail { color: #5a6272; font-family: ui-monospace, monospace; word-break: break-word; }
.filmstrip { display: flex; gap: 6px; overflow-x: auto; padding-bottom: 6px; }
.filmstrip figure { margin: 0; flex: none; text-align: center; font-size: 11px; color: #5a6272; }
.filmstrip img { display: block; height: 120px; border-radius: 4px; background: #222; }
svg.timeline { width: 100%; height: auto; background: #fbfbfc; border: 1px solid #eceef2; border-radius: 6px; }
svg.timeline text { font-size: 11px; fill: #5a6272; font-family: system-ui, sans-serif; }
ol.findings { padding-left: 20px; } ol.findings li { margin-bottom: 10px; font-size: 14px; }
.fix { color: #1f6b36; } .where { font-family: ui-monospace, monospace; color: #5a6272; }
.evidence { font-family: ui-monospace, monospace; font-size: 12px; color: #5a6272; word-break: break-word; }
details { font-size: 13px; color: #5a6272; } details pre { white-space: pre-wrap; }
.crash { color: #d33a2c; }
nav.toc ul { list-style: none; padding: 0; margin: 0 0 20px; font-size: 14px; } nav.toc li { margin: 3px 0; }
nav.toc a { color: #1d2330; }
mark { border-radius: 3px; padding: 0 1px; } mark.warn { background: #ffe08a; } mark.error { background: #ffb3a8; } mark.info { background: #cfe0ff; }
details.rules > summary { cursor: pointer; font-size: 14px; text-transform: uppercase; letter-spacing: .04em; margin: 20px 0 8px; }
@media (max-width: 640px) {
  body { padding: 10px; }
  section.draft, section.errors { padding: 14px 12px; }
  dl.text { grid-template-columns: 64px 1fr; }
  table.checklist, table.checklist tbody { display: block; }
  table.checklist tr { display: grid; grid-template-columns: auto auto 1fr; align-items: baseline; border-top: 1px solid #eceef2; padding: 4px 0; }
  table.checklist td { border-top: none; padding: 2px 6px; }
  table.checklist td.detail { grid-column: 1 / -1; padding-left: 6px; overflow-wrap: anywhere; word-break: normal; }
  .filmstrip img { height: 96px; }
}
"""


def esc(value: Any) -> str:
    """Escape any value for HTML text or a quoted attribute. Control characters and bidi overrides
    are shown as escapes too: `cat report.html` must not drive a terminal, nor an override reorder
    what the page shows."""
    from prelint.terminal import visible

    return html.escape(visible(str(value), keep_lines=True), quote=True)


def _fmt_s(value: float) -> str:
    return f"{value:.2f} s"


# ---------------------------------------------------------------- images


def jpeg_data_uri(image: Any, height: int = THUMB_HEIGHT_PX) -> str | None:
    """A BGR frame as a small base64 JPEG data URI (None if it cannot be encoded)."""
    try:
        import cv2  # heavy: only when a report with frames is rendered
    except ImportError:
        return None
    try:
        h, w = image.shape[:2]
        if h > height:
            image = cv2.resize(image, (max(1, round(w * height / h)), height), interpolation=cv2.INTER_AREA)
        ok, encoded = cv2.imencode(".jpg", image, [int(cv2.IMWRITE_JPEG_QUALITY), JPEG_QUALITY])
    except Exception:  # an odd frame must not cost the whole report
        return None
    if not ok:
        return None
    return "data:image/jpeg;base64," + base64.b64encode(encoded.tobytes()).decode("ascii")


def filmstrip_frames(media: Any) -> list[Any]:
    frames = [f for f in getattr(media, "frames", ()) if f.reason in FILMSTRIP_REASONS]
    frames.sort(key=lambda f: f.t_s)
    if len(frames) > FILMSTRIP_MAX_FRAMES:  # keep the first and spread the rest evenly
        step = (len(frames) - 1) / (FILMSTRIP_MAX_FRAMES - 1)
        frames = [frames[round(i * step)] for i in range(FILMSTRIP_MAX_FRAMES)]
    return frames


def slim_media(media: Any) -> Any:
    """The media facts with only the filmstrip frames, as thumbnails: what this format draws.

    Batch workers send reports back to the main process; full-size frames would be megabytes each.
    """
    from dataclasses import replace

    try:
        import cv2
    except ImportError:
        return replace(media, frames=())
    thumbs = []
    for frame in filmstrip_frames(media):
        image = frame.image
        h, w = image.shape[:2]
        if h > THUMB_HEIGHT_PX:
            image = cv2.resize(image, (max(1, round(w * THUMB_HEIGHT_PX / h)), THUMB_HEIGHT_PX), interpolation=cv2.INTER_AREA)
        thumbs.append(replace(frame, pixels=image))
    return replace(media, frames=tuple(thumbs))


def render_filmstrip(media: Any) -> str:
    figures = []
    for frame in filmstrip_frames(media):
        uri = jpeg_data_uri(frame.image)
        if uri is None:
            continue
        figures.append(
            f'<figure data-t="{frame.t_s:.3f}"><img src="{uri}" alt="frame at {frame.t_s:.2f} s">'
            f"<figcaption>{_fmt_s(frame.t_s)}</figcaption></figure>"
        )
    if not figures:
        return ""
    return '<h3>Hook window</h3><div class="filmstrip">' + "".join(figures) + "</div>"


# ---------------------------------------------------------------- timeline


def timeline_duration(report: Report) -> float:
    """How long the timeline is: the video's duration, else the last timed thing."""
    media = report.media
    if media is not None and media.probe.duration_s > 0:
        return float(media.probe.duration_s)
    ends = [f.end_s if f.end_s is not None else f.start_s for f in report.findings if f.start_s is not None]
    if report.content is not None:
        ends += [s.end_s for s in report.content.spans()]
    return float(max(ends, default=0.0))


class _Timeline:
    def __init__(self, duration_s: float) -> None:
        self.duration_s = duration_s
        self.plot_width = TIMELINE_WIDTH - LABEL_WIDTH - 10
        self.parts: list[str] = []
        self.y = 22  # below the axis labels

    def x(self, t: float) -> float:
        t = min(max(t, 0.0), self.duration_s)
        return LABEL_WIDTH + self.plot_width * t / self.duration_s

    def track(self, label: str) -> float:
        top = self.y
        self.parts.append(f'<text x="4" y="{top + 15}">{esc(label)}</text>')
        self.parts.append(
            f'<rect x="{LABEL_WIDTH}" y="{top}" width="{self.plot_width}" height="{TRACK_HEIGHT}" fill="#f0f1f4"/>'
        )
        self.y += TRACK_HEIGHT + TRACK_GAP
        return top

    def span(self, top: float, start_s: float, end_s: float, fill: str, tip: str, cls: str, min_width: float = 2.0) -> None:
        x0, x1 = self.x(start_s), self.x(end_s)
        width = max(x1 - x0, min_width)
        self.parts.append(
            f'<rect class="{esc(cls)}" x="{x0:.1f}" y="{top + 2}" width="{width:.1f}" height="{TRACK_HEIGHT - 4}" '
            f'fill="{fill}" rx="2"><title>{esc(tip)}</title></rect>'
        )

    def line(self, top: float, times: Iterable[float], values: Iterable[float], low: float, high: float, color: str, cls: str) -> None:
        points = []
        span = (high - low) or 1.0
        for t, v in zip(times, values):
            frac = min(max((float(v) - low) / span, 0.0), 1.0)
            points.append(f"{self.x(float(t)):.1f},{top + TRACK_HEIGHT - 2 - frac * (TRACK_HEIGHT - 4):.1f}")
        if len(points) >= 2:
            self.parts.append(f'<polyline class="{cls}" points="{" ".join(points)}" fill="none" stroke="{color}" stroke-width="1.2"/>')

    def axis(self) -> None:
        step = _nice_step(self.duration_s)
        t = 0.0
        while t <= self.duration_s + 1e-9:
            x = self.x(t)
            self.parts.append(f'<line x1="{x:.1f}" y1="14" x2="{x:.1f}" y2="{self.y}" stroke="#dde0e6" stroke-width="0.6"/>')
            self.parts.append(f'<text x="{x:.1f}" y="11" text-anchor="middle">{t:g}s</text>')
            t += step

    def svg(self, title: str) -> str:
        height = self.y + 4
        body = "".join(self.parts)
        return (
            f'<svg class="timeline" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {TIMELINE_WIDTH} {height}" '
            f'role="img" aria-label="{esc(title)}">{body}</svg>'
        )


def timed_findings(report: Report) -> list[Finding]:
    """Findings with a time: media findings, and text findings in subtitles/on-screen text placed at their cue."""
    from dataclasses import replace

    out = []
    for f in report.findings:
        if f.start_s is not None:
            out.append(f)
        elif f.field in ("subtitles", "screen") and f.start is not None and report.content is not None:
            span = report.content.span_at(f.field, f.start)
            if span is not None:
                out.append(replace(f, start_s=span.start_s, end_s=span.end_s))
    return out


def finding_lanes(findings: list[Finding], duration_s: float) -> list[list[Finding]]:
    """Pack time-ordered findings into as few lanes as possible without overlaps (greedy)."""
    min_gap = duration_s * 0.005  # point findings are drawn a few px wide
    lanes: list[list[Finding]] = []
    lane_ends: list[float] = []
    for f in findings:
        end = max(f.end_s if f.end_s is not None else f.start_s, f.start_s + min_gap)
        for i, lane_end in enumerate(lane_ends):
            if f.start_s >= lane_end:
                lanes[i].append(f)
                lane_ends[i] = end
                break
        else:
            lanes.append([f])
            lane_ends.append(end)
    return lanes


def _nice_step(duration_s: float) -> float:
    """A round tick step giving at most 12 ticks, whatever duration a container declares (1e12 s included)."""
    for step in (0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600):
        if duration_s / step <= 12:
            return float(step)
    if not math.isfinite(duration_s):
        return math.inf  # one tick at 0
    magnitude = 10 ** math.floor(math.log10(duration_s / 12))
    return float(next(m * magnitude for m in (1, 2, 5, 10) if duration_s / (m * magnitude) <= 12))


def _downsample(times: tuple[float, ...], values: tuple[float, ...], points: int = 400) -> tuple[list[float], list[float]]:
    """Keep at most `points` points, each the max of its bucket (peaks stay visible)."""
    n = min(len(times), len(values))
    if n <= points:
        return list(times[:n]), [float(v) for v in values[:n]]
    step = -(-n // points)
    return [times[i] for i in range(0, n, step)], [float(max(values[i : i + step])) for i in range(0, n, step)]


def render_timeline(report: Report) -> str:
    duration = timeline_duration(report)
    if duration <= 0:
        return ""
    tl = _Timeline(duration)
    media, content = report.media, report.content
    hook_end = DEFAULT_HOOK_WINDOW_S
    if media is not None:
        top = tl.track("shots")
        for i, shot in enumerate(media.shots):
            tl.span(top, shot.start_s, shot.end_s, "#c9d6ea" if i % 2 == 0 else "#a9bddb", f"shot {i + 1}: {_fmt_s(shot.start_s)}–{_fmt_s(shot.end_s)}", "shot")
        for tr in media.transitions:
            if tr.kind == "cut" or tr.end_s - tr.start_s < 1e-3:
                x = tl.x(tr.start_s)
                tl.parts.append(
                    f'<line class="transition cut" x1="{x:.1f}" y1="{top}" x2="{x:.1f}" y2="{top + TRACK_HEIGHT}" stroke="#1d2330" stroke-width="1.5">'
                    f"<title>cut at {_fmt_s(tr.start_s)}</title></line>"
                )
            else:
                tl.span(top, tr.start_s, tr.end_s, "#6b4fa8", f"{tr.kind} {_fmt_s(tr.start_s)}–{_fmt_s(tr.end_s)}", f"transition {tr.kind}")
        series = media.series
        if len(series.times_s):
            top = tl.track("motion")
            times, motion = _downsample(series.times_s, series.motion)
            tl.line(top, times, motion, 0.0, max(motion, default=1.0) or 1.0, "#2f6fd6", "motion")
        audio = media.audio
        if audio.has_audio:
            top = tl.track("loudness")
            for silence in audio.silences:
                tl.span(top, silence.start_s, silence.end_s, "#d7d9de", f"silence {_fmt_s(silence.start_s)}–{_fmt_s(silence.end_s)}", "silence")
            times, levels = _downsample(audio.loudness_times_s, audio.loudness_db)
            tl.line(top, times, levels, LOUDNESS_FLOOR_DB, 0.0, "#2e9d4e", "loudness")
        hook_frames = [f.t_s for f in media.frames if f.reason == "hook"]
        if hook_frames:
            hook_end = max(DEFAULT_HOOK_WINDOW_S, max(hook_frames))
    if content is not None:
        for source, label, fill in (("subtitles", "subtitles", "#e3c66f"), ("screen", "on-screen text", "#e69a6c")):
            spans = content.spans(source)
            if spans:
                top = tl.track(label)
                for span in spans:
                    tl.span(top, span.start_s, span.end_s, fill, f"{_fmt_s(span.start_s)}–{_fmt_s(span.end_s)}: {span.text}", f"text {source}")
    timed = sorted(timed_findings(report), key=lambda f: f.start_s)
    for lane_number, lane in enumerate(finding_lanes(timed, duration)):
        top = tl.track("findings" if lane_number == 0 else "")
        for f in lane:
            end = f.end_s if f.end_s is not None else f.start_s
            tl.span(top, f.start_s, end, LEVEL_COLOR[f.level.value], f"{f.code} {f.name}: {f.message}", f"finding {f.level.value}", min_width=4.0)
            label = f"{f.code} {f.name}"
            if tl.x(end) - tl.x(f.start_s) >= len(label) * LABEL_CHAR_PX + 8:
                tl.parts.append(
                    f'<text class="finding-label" x="{tl.x(f.start_s) + 4:.1f}" y="{top + 15}" style="fill:#fff" '
                    f'pointer-events="none">{esc(label)}</text>'
                )
    if not timed:
        tl.track("findings")
    # the hook window, shaded over the tracks; transparent to the mouse so tooltips still work
    hook_x = tl.x(min(hook_end, duration))
    tl.parts.append(
        f'<rect class="hook-window" x="{LABEL_WIDTH}" y="14" width="{hook_x - LABEL_WIDTH:.1f}" height="{tl.y - 14}" '
        f'fill="#f5b800" opacity="0.12" pointer-events="none"/>'
    )
    tl.parts.append(f'<text x="{LABEL_WIDTH + 2}" y="{tl.y + 10}">hook window 0–{hook_end:g} s</text>')
    tl.y += 14
    tl.axis()
    return "<h3>Timeline</h3>" + tl.svg(f"timeline of {report.path or 'draft'}")


# ---------------------------------------------------------------- sections


def _badge(value: str, cls: str = "verdict") -> str:
    return f'<span class="{cls} {esc(value)}" style="background:{STATUS_COLOR.get(value, "#8a8f98")}">{esc(value)}</span>'


def highlight(text: str, findings: Iterable[Finding]) -> str:
    """The text, escaped, with the characters findings point at wrapped in <mark> (level and code as tooltip)."""
    marks = sorted(  # by span only: two findings on one span must not be compared themselves
        ((max(0, f.start), min(len(text), f.end if f.end is not None else f.start), f)
         for f in findings
         if f.start is not None and f.start < len(text)),
        key=lambda mark: (mark[0], mark[1]),
    )
    out, position = [], 0
    for start, end, f in marks:
        if start < position or end <= start:  # overlapping or empty spans: the first one wins
            continue
        out.append(esc(text[position:start]))
        out.append(
            f'<mark class="{esc(f.level.value)}" title="{esc(f.code)} {esc(f.name)}: {esc(f.message)}">{esc(text[start:end])}</mark>'
        )
        position = end
    out.append(esc(text[position:]))
    return "".join(out)


def render_draft_text(draft: Any, findings: Iterable[Finding] = ()) -> str:
    if draft is None:
        return ""
    findings = list(findings)
    rows = []
    for label, value in (("title", draft.title), ("caption", draft.caption)):
        if value is not None:
            marked = highlight(value, (f for f in findings if f.field == label))
            rows.append(f"<dt>{label}</dt><dd class=\"{label}\">{marked}</dd>")
    tags = draft.all_hashtags() if hasattr(draft, "all_hashtags") else ()
    if tags:
        rows.append('<dt>hashtags</dt><dd class="hashtags">' + esc(" ".join("#" + t for t in tags)) + "</dd>")
    if getattr(draft, "subtitles", None) is not None:
        rows.append(f'<dt>subtitles</dt><dd class="subtitles-file">{esc(draft.subtitles)}</dd>')
    return '<dl class="text">' + "".join(rows) + "</dl>" if rows else ""


def render_checklist(rules: tuple[RuleResult, ...]) -> str:
    rows = []
    for r in rules:
        detail = (r.reason or "") if r.status is Status.SKIPPED else _metrics(r.metrics)
        rows.append(
            f'<tr class="rule {r.status.value}"><td>{_badge(r.status.value, "status")}</td>'
            f'<td class="code">{esc(r.code)}</td><td class="name">{esc(r.name)}</td><td class="detail">{esc(detail)}</td></tr>'
        )
    counts = {status: sum(1 for r in rules if r.status is status) for status in Status}
    summary = ", ".join(f"{n} {status.value}" for status, n in counts.items() if n)
    # every rule with its numbers, folded: the findings above are what a creator acts on
    return (f'<details class="rules"><summary>All {len(rules)} rules ({esc(summary)})</summary>'
            f'<table class="checklist">' + "".join(rows) + "</table></details>")


#: Longest evidence value shown (characters); the JSON report has all of it.
EVIDENCE_CHARS = 80


def _evidence(finding: Finding) -> str:
    if not finding.evidence:
        return ""
    from prelint.model import jsonable

    import json

    items = []
    for key, value in jsonable(finding.evidence).items():
        if any(word in key for word in ("pattern", "regex")):
            continue  # the rule's own machinery, not a fact about the draft (the JSON report keeps it)
        text = json.dumps(value, ensure_ascii=False) if isinstance(value, (dict, list)) else str(value)
        items.append(f"{key}={text if len(text) <= EVIDENCE_CHARS else text[:EVIDENCE_CHARS] + '…'}")
    if not items:
        return ""
    return f'<details class="evidence"><summary>evidence</summary>{esc(", ".join(items))}</details>'


def render_findings(report: Report, run: RunOutput) -> str:
    from prelint.formats.text import impact

    findings = sorted(report.findings, key=impact)  # most costly first, as the text report's "Fix these first"
    if not findings:
        return ""
    items = []
    for f in findings:
        loc = where(f)
        rule = run.rules.get(f.code)
        why = rule.docs.get("Why it matters") if rule is not None and getattr(rule, "docs", None) else None
        items.append(
            f'<li class="finding {f.level.value}" data-code="{esc(f.code)}">{_badge(f.level.value, "status")} '
            f"<strong>{esc(f.code)} {esc(f.name)}</strong> "
            + (f'<span class="where">{esc(loc)}</span> ' if loc else "")
            + f'<div class="message">{esc(f.message)}</div>'
            + (f'<div class="fix">fix: {esc(f.hint)}</div>' if f.hint else "")
            + _evidence(f)
            + (f"<details><summary>why it matters</summary><pre>{esc(why)}</pre></details>" if why else "")
            + "</li>"
        )
    return '<h3>Findings</h3><ol class="findings">' + "".join(items) + "</ol>"


def render_report(report: Report, draft: Any, run: RunOutput, index: int) -> str:
    label = report.path or "<text>"
    meta = [esc(report.platform or "")]
    if report.media is not None:
        p = report.media.probe
        meta.append(f"{p.width}×{p.height}, {p.duration_s:.2f} s, {p.fps:g} fps")
    n = len(report.findings)
    meta.append(f"{n} finding{'s' if n != 1 else ''}")
    parts = [
        f'<section class="draft" id="draft-{index}">',
        f'<div class="head"><h2 class="path">{esc(label)}</h2>{_badge(report.verdict)}</div>',
        f'<div class="meta">{" · ".join(meta)}</div>',
        render_draft_text(draft, report.findings),
        render_findings(report, run),
    ]
    if report.media is not None:
        parts.append(render_filmstrip(report.media))
    parts.append(render_timeline(report))
    parts.append(render_checklist(report.rules))
    for message in report.errors:
        parts.append(f'<p class="crash">crashed: {esc(message)}</p>')
    parts.append("</section>")
    return "\n".join(p for p in parts if p)


def render_errors(errors: tuple[DraftError, ...]) -> str:
    if not errors:
        return ""
    items = "".join(f'<li><span class="path">{esc(e.path or "")}</span>: {esc(e.message)}</li>' for e in errors)
    return f'<section class="errors"><h3>Could not be read</h3><ul>{items}</ul></section>'


def render(run: RunOutput) -> str:
    from prelint.formats.text import summary_line

    drafts = list(run.drafts) + [None] * (len(run.reports) - len(run.drafts))
    body = [render_report(r, d, run, i) for i, (r, d) in enumerate(zip(run.reports, drafts))]
    if len(run.reports) > 1:  # a batch: one line per draft, linking to its section
        items = "".join(
            f'<li><a href="#draft-{i}">{esc(r.path or "<text>")}</a> {_badge(r.verdict)} '
            f'<span class="meta">{len(r.findings)} finding{"s" if len(r.findings) != 1 else ""}</span></li>'
            for i, r in enumerate(run.reports)
        )
        body.insert(0, f'<nav class="toc"><ul>{items}</ul></nav>')
    return (
        "<!DOCTYPE html>\n<html lang=\"zh\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src data:; style-src 'unsafe-inline'\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        f"<title>prelint report</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
        f"<h1>prelint report</h1>\n<div class=\"summary\">{esc(summary_line(run))}"
        + (f" · prelint {esc(run.version)}" if run.version else "")
        + "</div>\n"
        + "\n".join(body)
        + render_errors(run.draft_errors)
        + "\n</body>\n</html>\n"
    )
