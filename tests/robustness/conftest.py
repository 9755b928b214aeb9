"""Shared fixtures of the robustness tests: the corpus (built once per session) and the CLI environment."""

from __future__ import annotations

import pytest
from cli_runner import cli_environment
from corpus import Case, build_corpus


@pytest.fixture(scope="session")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Case]:
    return build_corpus(tmp_path_factory.mktemp("corpus"))


@pytest.fixture(scope="session")
def cli_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Environment of every CLI run: its own cache and home, no debug tracebacks, no colour."""
    return cli_environment(tmp_path_factory.mktemp("env"))
