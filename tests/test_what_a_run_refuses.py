"""A run that cannot do what was asked says so with exit 2: it never passes by doing nothing."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import prelint
from prelint.errors import InputError, UsageError


def _cli(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, NO_COLOR="1")
    return subprocess.run([sys.executable, "-m", "prelint.cli", *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=120)


def test_a_broken_video_is_an_error_even_when_no_selected_rule_reads_it(tmp_path: Path) -> None:
    (tmp_path / "random.mp4").write_bytes(os.urandom(4096))
    done = _cli(tmp_path, "random.mp4", "--title", "家常红烧肉", "--select", "SPEC001")
    assert done.returncode == 2, done.stdout + done.stderr
    assert "random.mp4" in done.stderr and "Traceback" not in done.stderr
    with pytest.raises(InputError):
        prelint.lint(tmp_path / "random.mp4", title="家常红烧肉", select=["SPEC001"], config={})


def test_a_selection_that_leaves_no_rule_is_an_error(tmp_path: Path) -> None:
    done = _cli(tmp_path, "--title", "家常红烧肉", "--select", "RISK", "--ignore", "RISK")
    assert done.returncode == 2
    assert "no rule left to run" in done.stderr and done.stderr.count("\n") == 1
    with pytest.raises(UsageError, match="no rule left to run"):
        prelint.lint(title="家常红烧肉", config={"select": ["RISK"], "ignore": ["RISK"]})
