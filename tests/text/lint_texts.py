"""What one text rule finds in one text (shared by the tests of tests/text)."""

from __future__ import annotations

import prelint


def spans(text: str, field: str = "caption") -> list[str]:
    """The claims absolute-terms flags."""
    result = prelint.lint(**{field: text}, select=["RISK002"]).result("absolute-terms")
    return [f.evidence["text"] for f in result.findings]


def contacts(caption: str) -> list[str]:
    """The contact details off-platform-contact flags."""
    result = prelint.lint(caption=caption, select=["RISK003"]).result("off-platform-contact")
    return [f.evidence["text"] for f in result.findings]


def bait(caption: str) -> list[str]:
    """The bait engagement-bait's lexicon flags (model off)."""
    config = {"options": {"engagement-bait": {"model": False}}}
    result = prelint.lint(caption=caption, select=["CTA002"], config=config).result("engagement-bait")
    return [f.evidence.get("text", "") for f in result.findings]
