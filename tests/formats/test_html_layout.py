"""The HTML report read on a phone (390 px) and on a desktop (1280 px), in headless Chromium.

The layout is compared, not the pixels: nothing scrolls sideways, every rule's numbers get a line
of their own rather than one character per line, and the findings come before the folded list of
all rules. The screenshots are kept in $PRELINT_ARTEFACTS (when set) for a person to look at.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from prelint.formats.html import EVIDENCE_CHARS

SAMPLE = Path(__file__).resolve().parents[2] / "fixtures" / "sample" / "sample.mp4"
CHROMIUM = next((shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome") if shutil.which(n)), None)

# measures the page once it is laid out and writes the figures into the title
MEASURE = """<script>
document.querySelectorAll('details').forEach(d => d.open = true);
const root = document.documentElement;
const details = [...document.querySelectorAll('td.detail')].filter(td => td.textContent.trim());
const order = [...document.querySelectorAll('ol.findings, details.rules')].map(e => e.tagName);
document.title = JSON.stringify({
  scroll: root.scrollWidth, client: root.clientWidth,
  narrowest_detail: Math.min(...details.map(td => td.getBoundingClientRect().width)),
  tallest_detail_lines: Math.max(...details.map(td => td.getBoundingClientRect().height / 16)),
  order: order});
</script>"""


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("html-layout")
    report = folder / "report.html"
    env = dict(os.environ, PRELINT_CACHE_DIR=str(folder / "cache"), NO_COLOR="1")
    subprocess.run([sys.executable, "-m", "prelint.cli", str(SAMPLE), "--title", "震惊！全网最火的戚风蛋糕，加微信 abc12345 领配方",
                    "--format", "html", "-o", str(report)], env=env, capture_output=True, timeout=180)
    assert report.is_file()
    measured = folder / "measured.html"
    text = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", report.read_text(encoding="utf-8"))
    measured.write_text(text.replace("</body>", MEASURE + "</body>"), encoding="utf-8")
    return measured


def _chromium(page: Path, width: int, tmp_path: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                           "--disable-background-networking", "--disable-component-update", "--no-first-run",
                           "--disable-dev-shm-usage", f"--user-data-dir={tmp_path / 'profile'}",
                           f"--window-size={width},1800", *extra, page.as_uri()],
                          capture_output=True, text=True, timeout=120, env={**os.environ, "HOME": str(tmp_path)})


@pytest.mark.skipif(CHROMIUM is None, reason="headless Chromium not installed (Debian: apt-get install -y chromium)")
@pytest.mark.parametrize("width", [390, 1280])
def test_the_report_reads_at_phone_and_desktop_width(page: Path, width: int, tmp_path: Path) -> None:
    dom = _chromium(page, width, tmp_path, "--dump-dom").stdout
    found = re.search(r"<title>(\{.*?\})</title>", dom, re.S)
    assert found, dom[:500]
    figures = json.loads(found.group(1).replace("&quot;", '"'))
    assert figures["scroll"] <= figures["client"], figures  # nothing scrolls sideways
    assert figures["narrowest_detail"] >= min(300, width * 0.5), figures  # numbers on a line of their own
    assert figures["tallest_detail_lines"] <= 6, figures  # not one character per line
    assert figures["order"] == ["OL", "DETAILS"], figures  # findings first, all rules folded below
    shot = tmp_path / f"report-{width}.png"
    _chromium(page, width, tmp_path, f"--screenshot={shot}")
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    if os.environ.get("PRELINT_ARTEFACTS"):
        Path(os.environ["PRELINT_ARTEFACTS"]).mkdir(parents=True, exist_ok=True)
        shutil.copy(shot, Path(os.environ["PRELINT_ARTEFACTS"]) / shot.name)


def test_long_evidence_is_cut_and_patterns_are_left_to_the_json_report() -> None:
    from prelint.formats.html import _evidence
    from prelint.model import Finding, Level

    finding = Finding(code="RISK001", name="clickbait-title", level=Level.WARN, message="m",
                      evidence={"pattern": "震惊|竟然|" * 40, "text": "x" * 300, "score": 3})
    html = _evidence(finding)
    assert "pattern" not in html and "score=3" in html and "x" * (EVIDENCE_CHARS + 1) not in html and "…" in html
