"""Fixtures for batch tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from batch_helpers import make_text_project


@pytest.fixture
def text_project(tmp_path: Path) -> Path:
    """project/drafts with 3 lintable text drafts, one excluded folder and one broken metadata file."""
    return make_text_project(tmp_path)
