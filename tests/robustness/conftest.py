"""Shared fixtures of the robustness tests: the corpus (built once per session) and the CLI environment."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import Case, build_corpus  # noqa: E402


@pytest.fixture(scope="session")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Case]:
    return build_corpus(tmp_path_factory.mktemp("corpus"))


@pytest.fixture(scope="session")
def cli_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Environment of every CLI run: its own cache and home, no debug tracebacks, no colour."""
    base = tmp_path_factory.mktemp("env")
    env = dict(os.environ)
    env.pop("PRELINT_DEBUG", None)
    env.update(
        PRELINT_CACHE_DIR=str(base / "cache"),
        XDG_CACHE_HOME=str(base / "xdg-cache"),
        NO_COLOR="1",
        PYTHONFAULTHANDLER="1",
    )
    return env
