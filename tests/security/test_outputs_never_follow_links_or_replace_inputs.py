"""`-o` and `--write-baseline` never write through a symbolic link, over a special file or over an input.

A committed `report.sarif` that links to `~/.bashrc`, or a baseline path that names a draft, must
leave every file as it was and end with exit status 2 and one line on stderr.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sysconfig
from pathlib import Path

import pytest

PRELINT = Path(sysconfig.get_path("scripts")) / "prelint"
SAMPLE = Path(__file__).resolve().parents[2] / "fixtures" / "sample" / "sample.mp4"


def _run(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, NO_COLOR="1", PRELINT_CACHE_DIR=str(repo.parent / "cache"))
    return subprocess.run([str(PRELINT), *args], cwd=repo, env=env, capture_output=True, text=True, timeout=120)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    (root / "drafts").mkdir(parents=True)
    shutil.copyfile(SAMPLE, root / "drafts" / "v.mp4")
    (root / "drafts" / "v.prelint.toml").write_text('title = "震惊！全网都在找的做法"\n', encoding="utf-8")
    (root / "drafts" / "t.prelint.toml").write_text('title = "三个技巧让米饭更香"\n', encoding="utf-8")
    return root


def _one_error_line(done: subprocess.CompletedProcess[str], *words: str) -> None:
    assert done.returncode == 2, done.stderr
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "Traceback" not in done.stderr, done.stderr
    for word in words:
        assert word in lines[0], lines[0]


@pytest.mark.parametrize("option", ["-o", "--write-baseline"])
def test_an_output_that_is_a_link_to_a_file_outside_is_refused(option: str, repo: Path, tmp_path: Path) -> None:
    victim = tmp_path / "home" / ".bashrc"
    victim.parent.mkdir()
    victim.write_text("export PATH=$PATH\n", encoding="utf-8")
    (repo / "report.sarif").symlink_to(victim)
    done = _run(repo, "drafts/t.prelint.toml", "--select", "RISK", "--format", "sarif", option, "report.sarif")
    _one_error_line(done, "report.sarif", "symbolic link")
    assert victim.read_text(encoding="utf-8") == "export PATH=$PATH\n"
    assert (repo / "report.sarif").is_symlink() and os.readlink(repo / "report.sarif") == str(victim)


@pytest.mark.parametrize("option", ["-o", "--write-baseline"])
def test_an_output_that_links_to_a_draft_is_refused(option: str, repo: Path) -> None:
    before = _digest(repo / "drafts" / "v.mp4")
    (repo / "out.json").symlink_to(repo / "drafts" / "v.mp4")
    done = _run(repo, "drafts", "--select", "RISK", "--format", "json", option, "out.json")
    _one_error_line(done, "out.json")
    assert _digest(repo / "drafts" / "v.mp4") == before


@pytest.mark.parametrize("target", ["drafts/v.mp4", "drafts/v.prelint.toml"])
def test_a_baseline_named_like_a_draft_of_the_run_is_refused(target: str, repo: Path) -> None:
    before = _digest(repo / target)
    done = _run(repo, "drafts", "--select", "RISK", "--write-baseline", target)
    _one_error_line(done, "named like a file prelint reads")
    assert _digest(repo / target) == before


def test_a_report_over_the_config_or_the_baseline_read_is_refused(repo: Path) -> None:
    assert _run(repo, "drafts", "--select", "RISK", "--write-baseline", "base.json").returncode == 0
    before = _digest(repo / "base.json")
    done = _run(repo, "drafts", "--select", "RISK", "--baseline", "base.json", "--format", "json", "-o", "base.json")
    _one_error_line(done, "one of the files being linted")
    assert _digest(repo / "base.json") == before


def test_a_fifo_as_output_is_refused_without_waiting(repo: Path) -> None:
    os.mkfifo(repo / "report.json")
    done = _run(repo, "drafts/t.prelint.toml", "--select", "RISK", "--format", "json", "-o", "report.json")
    _one_error_line(done, "not a regular file")


def test_a_regular_report_file_is_replaced_whole_and_no_temporary_file_is_left(repo: Path) -> None:
    (repo / "report.json").write_text("old", encoding="utf-8")
    os.chmod(repo / "report.json", 0o644)
    done = _run(repo, "drafts/v.prelint.toml", "--select", "RISK", "--format", "json", "-o", "report.json")
    assert done.returncode == 1, done.stderr  # the clickbait title is a finding
    text = (repo / "report.json").read_text(encoding="utf-8")
    assert text.lstrip().startswith("{") and "RISK001" in text
    assert sorted(p.name for p in repo.iterdir()) == ["drafts", "report.json"]
    assert done.stdout == ""


def test_a_failed_run_leaves_no_report_file(repo: Path) -> None:
    done = _run(repo, "drafts/t.prelint.toml", "--select", "NOPE999", "--format", "json", "-o", "report.json")
    assert done.returncode == 2
    assert sorted(p.name for p in repo.iterdir()) == ["drafts"]


@pytest.mark.parametrize("option", ["-o", "--write-baseline"])
def test_an_output_inside_a_linked_folder_is_refused(option: str, repo: Path, tmp_path: Path) -> None:
    home = tmp_path / "home-ssh"
    home.mkdir()
    (repo / "reports").symlink_to(home)
    done = _run(repo, "drafts/t.prelint.toml", "--select", "RISK", "--format", "json", option, "reports/config")
    _one_error_line(done, "reports/config", "symbolic link")
    assert list(home.iterdir()) == []
