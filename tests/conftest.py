"""Shared test setup: every test gets its own analysis cache folder, never the user's."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _isolated_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PRELINT_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "prelint-cache"))
