"""Fixtures of the security tests: the CLI runner of tests/robustness and an isolated CLI environment."""

from __future__ import annotations

import pytest
from cli_runner import cli_environment


@pytest.fixture(scope="session")
def cli_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Environment of every CLI run: its own cache and home, no debug tracebacks, no colour."""
    return cli_environment(tmp_path_factory.mktemp("env"))
