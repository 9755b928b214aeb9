"""A module committed to the linted repository is never imported by prelint's worker processes.

pre-commit runs `prelint drafts/a.prelint.toml drafts/b.prelint.toml` with the repository root as the
working folder; a committed `multiprocessing.py` or `pickle.py` there must not run.
"""

from __future__ import annotations

import os
import subprocess
import sysconfig
from pathlib import Path

import pytest

PRELINT = Path(sysconfig.get_path("scripts")) / "prelint"

HOSTILE = """
import pathlib
pathlib.Path(__file__).with_name("PWNED-{name}").write_text("ran")
raise SystemExit("hostile module imported")
"""


@pytest.mark.parametrize("module", ["multiprocessing", "pickle", "concurrent", "encodings_extra"])
def test_a_committed_module_shadowing_the_standard_library_does_not_run(module: str, tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    (repo / "drafts").mkdir(parents=True)
    (repo / f"{module}.py").write_text(HOSTILE.format(name=module), encoding="utf-8")
    for name in ("a", "b", "c"):
        (repo / "drafts" / f"{name}.prelint.toml").write_text(f'title = "第{name}期 家常红烧肉做法"\ncaption = "关注我"\n', encoding="utf-8")
    env = dict(os.environ, NO_COLOR="1", PRELINT_CACHE_DIR=str(tmp_path / "cache"))
    env.pop("PYTHONSAFEPATH", None)
    done = subprocess.run([str(PRELINT), "drafts/a.prelint.toml", "drafts/b.prelint.toml", "drafts/c.prelint.toml",
                           "--jobs", "2", "--no-cache"], cwd=repo, env=env, capture_output=True, text=True, timeout=120)
    assert not (repo / f"PWNED-{module}").exists(), done.stderr[-2000:]
    assert done.returncode in (0, 1), done.stderr[-2000:]
    assert done.stdout.count("a.prelint.toml") >= 1 and "c.prelint.toml" in done.stdout
