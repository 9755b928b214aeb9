"""Fixtures for content tests: a CJK font (tests that draw Chinese text skip without one)."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def cjk_font() -> Path:
    from fixtures.captions import CJK_FONT_PACKAGE, find_cjk_font

    font = find_cjk_font(install=True)
    if font is None:
        pytest.skip(f"no CJK font (apt-get install -y {CJK_FONT_PACKAGE})")
    return font
