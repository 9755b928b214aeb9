"""--format html: a self-contained page; user text escaped; rendered in headless Chromium when it is installed."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from prelint.formats import RunOutput, renderer
from prelint.formats.html import finding_lanes
from prelint.model import Finding, Level

HOSTILE_TITLE = '<script>alert("x")</script> 震惊！3个技巧 & "quotes"'


class _Elements(HTMLParser):
    """Every start tag with its attributes, and the page's text."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def parse(page: str) -> _Elements:
    parser = _Elements()
    parser.feed(page)
    return parser


def test_page_is_self_contained_and_escapes_user_text(sample_run):
    page = renderer("html")(sample_run)
    parsed = parse(page)
    tags = [t for t, _ in parsed.tags]
    assert "script" not in tags and "iframe" not in tags
    # the only sources are inline data: URIs and the only links are in-page; nothing points at the network
    for tag, attrs in parsed.tags:
        if attrs.get("src") is not None:
            assert attrs["src"].startswith("data:image/jpeg;base64,"), (tag, attrs["src"][:40])
        if attrs.get("href") is not None:
            assert re.fullmatch(r"#draft-\d+", attrs["href"]), (tag, attrs["href"])
    assert [a["href"] for t, a in parsed.tags if t == "a"] == ["#draft-0", "#draft-1"]
    assert [a["id"] for t, a in parsed.tags if t == "section" and "id" in a] == ["draft-0", "draft-1"]
    assert "http://" not in page.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "https://" not in page
    # user text shows as text: title (draft and evidence), caption, subtitle text, file name
    text = "".join(parsed.text)
    assert HOSTILE_TITLE in text
    assert "caption <b>bold</b>" in text
    assert "<img src=x onerror=alert(1)>字幕" in page.replace("&lt;", "<").replace("&gt;", ">")
    assert "<img src=x" not in page
    assert "drafts 2024/my clip.mp4" in text


def test_page_has_checklist_filmstrip_and_timeline(sample_run):
    page = renderer("html")(sample_run)
    parsed = parse(page)
    images = [a for t, a in parsed.tags if t == "img"]
    # first + 5 hook frames; the 'shot' frame at 4 s is not in the hook filmstrip
    assert len(images) == 6
    assert [a["alt"] for a in images][:2] == ["frame at 0.00 s", "frame at 0.50 s"]
    classes = [a.get("class") or "" for _, a in parsed.tags]
    assert sum(c.startswith("rule ") for c in classes) == 5 + 1  # video draft's 5 rules + text draft's 1
    assert classes.count("timeline") == 1  # only the video draft has a time axis
    assert sum(c == "shot" for c in classes) == 2
    assert sum(c == "transition dissolve" for c in classes) == 1
    assert sum(c == "silence" for c in classes) == 1
    assert sum(c == "text subtitles" for c in classes) == 2 and sum(c == "text screen" for c in classes) == 1
    assert sum(c.startswith("finding warn") for c in classes) >= 1  # the timed HOOK001 finding in the timeline
    assert "motion" in classes and "loudness" in classes
    # every track is named at its left, the axis is labelled in seconds, and a wide enough finding bar
    # carries its rule's code and name
    svg_text = re.findall(r'<text [^>]*>([^<]*)</text>', page)
    assert {"shots", "motion", "loudness", "findings"} <= set(svg_text), svg_text
    assert "0s" in svg_text and "6s" in svg_text
    assert any(t.startswith("HOOK001 ") for t in svg_text), svg_text
    # the HOOK001 finding (0–2 s) spans 2/6 of the plot width
    rect = re.search(r'<rect class="finding warn" x="([\d.]+)" y="[\d.]+" width="([\d.]+)"', page)
    assert rect is not None
    assert float(rect.group(2)) == pytest.approx((960 - 92 - 10) * 2 / 6, abs=0.2)
    assert "Could not be read" in page and "not a video file (moov atom not found)" in page


def test_overlapping_findings_get_separate_lanes():
    def finding(start, end):
        return Finding("X001", "x", Level.WARN, "m", start_s=start, end_s=end)

    a, b, c = finding(0.0, 2.0), finding(1.0, 3.0), finding(2.5, 4.0)
    assert finding_lanes([a, b, c], 10.0) == [[a, c], [b]]


def _chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


CHROMIUM = _chromium()


@pytest.mark.skipif(CHROMIUM is None, reason="headless Chromium not installed (Debian: apt-get install -y chromium)")
def test_chromium_renders_the_page(sample_run, tmp_path):
    page_path = tmp_path / "report.html"
    page_path.write_text(renderer("html")(sample_run), encoding="utf-8")
    base = [
        CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
        f"--user-data-dir={tmp_path / 'profile'}",
    ]
    env = {**os.environ, "HOME": str(tmp_path)}
    dom = subprocess.run([*base, "--dump-dom", page_path.as_uri()], capture_output=True, text=True, timeout=90, env=env).stdout
    parsed = parse(dom)
    tags = [t for t, _ in parsed.tags]
    assert "script" not in tags  # the hostile title was not turned into an element
    assert tags.count("svg") == 1 and "polyline" in tags
    images = [a for t, a in parsed.tags if t == "img"]
    assert len(images) == 6 and all(a["src"].startswith("data:image/jpeg;base64,") for a in images)
    assert HOSTILE_TITLE in "".join(parsed.text)
    shot = tmp_path / "shot.png"
    subprocess.run([*base, "--window-size=1100,1400", f"--screenshot={shot}", page_path.as_uri()], capture_output=True, timeout=90, env=env)
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert (width, height) == (1100, 1400)


def test_text_only_run_has_no_timeline_or_filmstrip():
    from prelint.model import Report, RuleResult, Status

    report = Report(path=None, rules=(RuleResult("SPEC001", "title-length", Status.PASS, (), {"chars": 5}),))
    page = renderer("html")(RunOutput(reports=(report,)))
    assert "<svg" not in page and "<img" not in page
    assert "chars=5" in page


def test_slim_media_keeps_only_filmstrip_thumbnails(sample_run):
    import dataclasses

    import numpy as np

    from prelint.formats.html import THUMB_HEIGHT_PX, slim_media
    from prelint.media.facts import SampledFrame

    media = sample_run.reports[0].media
    big = dataclasses.replace(
        media,
        frames=(
            SampledFrame(0.0, "first", np.zeros((960, 540, 3), np.uint8)),
            SampledFrame(1.0, "hook", np.zeros((960, 540, 3), np.uint8)),
            SampledFrame(4.0, "shot", np.zeros((960, 540, 3), np.uint8)),
        ),
    )
    slim = slim_media(big)
    assert [(f.t_s, f.reason, f.image.shape) for f in slim.frames] == [
        (0.0, "first", (THUMB_HEIGHT_PX, 90, 3)),
        (1.0, "hook", (THUMB_HEIGHT_PX, 90, 3)),
    ]
    assert slim.shots == media.shots and slim.series == media.series


def test_text_findings_are_marked_in_the_title_and_placed_on_the_timeline(sample_run):
    from prelint.formats.html import highlight, timed_findings

    title = "0123456789<b>"
    finding = Finding("SPEC001", "title-length", Level.WARN, "too <long>", field="title", start=8, end=13)
    assert highlight(title, [finding]) == (
        '01234567<mark class="warn" title="SPEC001 title-length: too &lt;long&gt;">89&lt;b&gt;</mark>'
    )
    # the subtitle finding (offset 4 = second cue, 3.0–4.5 s) gets the cue's time; the title finding none
    timed = {f.code: (f.start_s, f.end_s) for f in timed_findings(sample_run.reports[0])}
    assert timed == {"HOOK001": (0.0, 2.0), "MATCH001": (3.0, 4.5)}
    page = renderer("html")(sample_run)
    assert page.count('<rect class="finding ') == 2


@pytest.mark.parametrize("declared_s", [3.0, 95.0, 4000.0, 1e12, 1e15])
def test_the_timeline_axis_has_at_most_13_ticks_whatever_duration_a_container_declares(declared_s):
    """A container may declare a duration of 1e15 s: the axis must not draw a tick per 600 s."""
    from prelint.formats.html import _Timeline

    timeline = _Timeline(declared_s)
    timeline.axis()
    ticks = [p for p in timeline.parts if p.startswith("<text")]
    assert 2 <= len(ticks) <= 13
