"""Shared test setup: every test gets its own analysis cache folder, never the user's; a CJK font."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def _isolated_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PRELINT_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "prelint-cache"))


@pytest.fixture(scope="session")
def cjk_font() -> Path:
    """A font with Chinese glyphs, for tests that draw on-screen text (they skip without one)."""
    from fixtures.captions import CJK_FONT_PACKAGE, find_cjk_font

    font = find_cjk_font(install=True)
    if font is None:
        pytest.skip(f"no CJK font (apt-get install -y {CJK_FONT_PACKAGE})")
    return font


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Files holding a test marked `slow` run first. With `--dist loadfile` each file goes to one
    worker, in this order (`--no-loadscope-reorder`; by default xdist starts with the files of most
    tests): long files started early leave the short ones to even out the end, instead of one long
    file finishing alone while the other core idles."""
    slow_files = {item.path for item in items if item.get_closest_marker("slow")}
    items.sort(key=lambda item: item.path not in slow_files)
