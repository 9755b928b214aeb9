"""Fixtures for the text-rule tests: run one rule on a draft, optionally with video content."""

from __future__ import annotations

from typing import Callable

import pytest

from prelint.config import Config
from prelint.content.model import ContentText, TextSpan
from prelint.context import Facts
from prelint.draft import Draft
from prelint.engine import run_rule
from prelint.model import RuleResult
from prelint.registry import load_rules


def _run(code: str, draft: Draft, config: Config | None = None, content: ContentText | None = None, platform: str = "douyin") -> RuleResult:
    config = config or Config()
    facts = Facts(draft=draft, config=config)
    if content is not None:  # stands in for the content provider (subtitles, OCR, QR codes)
        facts._values["content"] = ("ok", content)
    return run_rule(load_rules()[code], facts, config, platform)


def _spans(source: str, *items: tuple[float, float, str]) -> tuple[TextSpan, ...]:
    return tuple(TextSpan(start_s=a, end_s=b, text=t, source=source) for a, b, t in items)


@pytest.fixture
def run_text_rule() -> Callable[..., RuleResult]:
    """run_text_rule("RISK002", Draft(title=...), config=None, content=None, platform="douyin")"""
    return _run


@pytest.fixture
def timed_spans() -> Callable[..., tuple[TextSpan, ...]]:
    """timed_spans("subtitles", (0.0, 1.5, "text"), ...)"""
    return _spans
